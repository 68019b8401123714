package org.hotcore.explorer.core;

/**
 * An operation tried to queue more commands in one pipeline or transaction than the configured limit allows.
 * The batch was discarded: a transaction is not committed, a pipeline's replies are dropped.
 */
public class CommandLimitExceededException extends RejectedException {

    private final String operation;
    private final long count;
    private final long limit;

    public CommandLimitExceededException(String operation, long count, long limit) {
        super(operation + " tried to queue " + count + " commands in one batch, more than the limit of " + limit
                + "; the batch was discarded and nothing of it was committed. Use a smaller --page-size or --batch-size,"
                + " or raise --queue-limit if the server and client have memory for it");
        this.operation = operation;
        this.count = count;
        this.limit = limit;
    }

    public String operation() {
        return operation;
    }

    public long count() {
        return count;
    }

    public long limit() {
        return limit;
    }
}
