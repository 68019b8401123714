package org.hotcore.explorer.core;

import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.PipeliningBase;
import redis.clients.jedis.Response;

/**
 * A pipeline or a MULTI transaction whose commands are counted by the {@link CommandGuard}. Queue commands with
 * {@link #queue(Function)}, then {@link #sync()} a pipeline or {@link #exec()} a transaction. {@link #close()}
 * discards a transaction that was not executed, so no MULTI stays open on a pooled connection.
 */
public final class CommandBatch implements AutoCloseable {

    private final CommandGuard guard;
    private final Pipeline pipeline;
    private final AbstractTransaction transaction;
    private final String operation;
    private int queued;
    private boolean finished;

    CommandBatch(CommandGuard guard, Pipeline pipeline, AbstractTransaction transaction, String operation) {
        this.guard = guard;
        this.pipeline = pipeline;
        this.transaction = transaction;
        this.operation = operation;
    }

    /**
     * Queues one command.
     *
     * @throws CommandLimitExceededException when the batch already holds the limit; the batch must then be closed
     */
    public <T> Response<T> queue(Function<PipeliningBase, Response<T>> command) {
        if (finished) {
            throw new IllegalStateException(operation + ": batch already sent");
        }
        guard.reserve(operation, queued);
        queued++;
        return command.apply(pipeline != null ? pipeline : transaction);
    }

    /** Returns the number of commands queued so far. */
    public int size() {
        return queued;
    }

    /** Sends a pipeline and reads all replies in one round trip. */
    public void sync() {
        if (pipeline == null) {
            throw new IllegalStateException(operation + ": sync() is for pipelines, use exec()");
        }
        finish();
        pipeline.sync();
        guard.countSent(queued, 1);
    }

    /**
     * Sends EXEC. Returns the replies, or null when a WATCHed key changed and the server aborted the transaction;
     * after null no reply may be read.
     */
    public List<Object> exec() {
        if (transaction == null) {
            throw new IllegalStateException(operation + ": exec() is for transactions, use sync()");
        }
        finish();
        List<Object> replies = transaction.exec();
        // MULTI and EXEC travel with the queued commands.
        guard.countSent(queued + 2, 1);
        if (replies == null) {
            guard.countAbort();
        } else {
            guard.countCommit();
        }
        return replies;
    }

    private void finish() {
        finished = true;
        guard.release(queued);
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            guard.release(queued);
            if (transaction != null) {
                // DISCARD drops the server's queue and ends MULTI and WATCH.
                transaction.close();
            } else {
                pipeline.close();
            }
        }
    }
}
