package org.hotcore.explorer.cli;

import java.util.concurrent.Callable;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import picocli.CommandLine.Mixin;

/**
 * A command that works on one Redis database: it opens the connection from the connection options, runs, and
 * closes the connection. Errors propagate as exceptions and {@link Cli} turns them into exit codes.
 */
abstract class StoreCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    final CliContext context;

    StoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() throws Exception {
        RedisSettings settings = connection.settings(context);
        try (RedisConnection redis = new RedisConnection(settings, new CommandGuard(connection.queueLimit))) {
            HotcoreStore store = new HotcoreStore(redis, connection.retries);
            if (connection.readOnly) {
                store.setReadOnly(true, "the --read-only option is given; run the command without --read-only to"
                        + " write");
            }
            return run(store);
        }
    }

    /** Runs the command and returns its exit code. */
    abstract int run(HotcoreStore store) throws Exception;
}
