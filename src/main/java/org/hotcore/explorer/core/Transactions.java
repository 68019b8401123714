package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs optimistic transactions: WATCH and reads, then MULTI/EXEC, retried when EXEC is aborted. The connection
 * always goes back to the pool with no WATCH and no MULTI open, also when an attempt throws.
 */
final class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private final RedisConnection connection;
    private final int retries;
    private final Consumer<String> writeCheck;

    /**
     * @param writeCheck called with the operation's name before each transaction; throws when writes are refused
     */
    Transactions(RedisConnection connection, int retries, Consumer<String> writeCheck) {
        if (retries < 0) {
            throw new IllegalArgumentException("invalid retry count " + retries + ": use 0 or more");
        }
        this.connection = connection;
        this.retries = retries;
        this.writeCheck = writeCheck;
    }

    /** One attempt: WATCH keys and read through {@code jedis}, then open MULTI with {@code multi} and queue. */
    @FunctionalInterface
    interface Attempt<T> {
        /**
         * Returns the result to report when EXEC commits, or when the attempt decides there is nothing to write and
         * never opens MULTI.
         */
        T run(Jedis jedis, Multi multi);
    }

    /** Opens the transaction of an attempt, once. */
    static final class Multi {
        private final Jedis jedis;
        private final CommandGuard guard;
        private final String operation;
        private CommandBatch batch;

        Multi(Jedis jedis, CommandGuard guard, String operation) {
            this.jedis = jedis;
            this.guard = guard;
            this.operation = operation;
        }

        CommandBatch begin() {
            if (batch != null) {
                throw new IllegalStateException(operation + ": MULTI already open");
            }
            batch = guard.transaction(jedis, operation);
            return batch;
        }
    }

    /**
     * Runs {@code attempt} until EXEC commits, at most 1 + retries times. A {@link RejectedException} the attempt
     * throws before MULTI is passed on only if its WATCHed keys did not change meanwhile; otherwise its reads may
     * have mixed two states, so the attempt runs again like an aborted one.
     *
     * @throws ConflictException when every attempt was aborted by a concurrent write
     */
    <T> T run(String operation, Attempt<T> attempt) {
        writeCheck.accept(operation);
        CommandGuard guard = connection.guard();
        for (int number = 1; ; number++) {
            Jedis jedis = connection.borrow();
            Multi multi = new Multi(jedis, guard, operation);
            boolean clean = false;
            try {
                T result = attempt.run(jedis, multi);
                if (multi.batch == null) {
                    jedis.unwatch();
                    guard.countSingle();
                    clean = true;
                    return result;
                }
                List<Object> replies = multi.batch.exec();
                clean = true;
                if (replies != null) {
                    reportErrors(operation, replies);
                    return result;
                }
                log.debug("{}: transaction aborted by a concurrent write (attempt {})", operation, number);
            } catch (RejectedException e) {
                // A rejection decided on reads is only valid if none of the WATCHed keys changed meanwhile: two reads
                // can straddle another client's transaction, such as an entity deleted between HLEN e: and GET p:.
                if (multi.batch != null || e instanceof CommandLimitExceededException || !readsChanged(jedis, guard,
                        operation)) {
                    throw e;
                }
                clean = true;
                log.debug("{}: rejection based on reads a concurrent write changed, trying again (attempt {}): {}",
                        operation, number, e.getMessage());
            } catch (JedisConnectionException e) {
                throw connection.unavailable(e);
            } catch (JedisDataException e) {
                if (RedisConnection.isAuthenticationError(String.valueOf(e.getMessage()))) {
                    throw connection.authenticationFailed(e);
                }
                throw multi.batch != null ? Reads.translate(e, operation, jedis) : Reads.translate(e, operation);
            } finally {
                if (multi.batch != null) {
                    discardQuietly(multi.batch, operation);
                } else if (!clean) {
                    unwatchQuietly(jedis, operation);
                }
                jedis.close();
            }
            if (number > retries) {
                throw new ConflictException(operation, number);
            }
            guard.retry();
        }
    }

    /**
     * Sends an empty MULTI/EXEC, which ends the WATCH, and returns true when EXEC returned null. That happens when a
     * WATCHed key changed after it was WATCHed, so the reads of the attempt may have seen two different states. A
     * failed check returns false, so that the caller reports the original rejection.
     */
    private static boolean readsChanged(Jedis jedis, CommandGuard guard, String operation) {
        try (CommandBatch check = guard.transaction(jedis, operation + " (read check)")) {
            return check.exec() == null;
        } catch (RuntimeException e) {
            log.debug("{}: could not check the WATCHed keys after a rejection", operation, e);
            return false;
        }
    }

    private static void discardQuietly(CommandBatch batch, String operation) {
        try {
            batch.close();
        } catch (RuntimeException e) {
            log.debug("{}: DISCARD failed on a connection being returned", operation, e);
        }
    }

    private static void unwatchQuietly(Jedis jedis, String operation) {
        try {
            jedis.unwatch();
        } catch (RuntimeException e) {
            // A broken connection is dropped by the pool when closed, so its WATCH ends with it.
            log.debug("{}: UNWATCH failed on a connection being returned", operation, e);
        }
    }

    /** Logs replies that are errors: EXEC applies the other commands of a transaction regardless. */
    private static void reportErrors(String operation, List<Object> replies) {
        for (Object reply : replies) {
            if (reply instanceof JedisDataException error) {
                log.warn("{}: a command inside the committed transaction failed: {}", operation, error.getMessage());
            }
        }
    }

    /**
     * Reads the TYPE of each key and rejects the attempt if one exists with another type, so that no queued command
     * fails inside EXEC (which would apply the others). Shared keys such as index sets are checked but not WATCHed,
     * because watching them would make unrelated writers abort each other.
     */
    static void checkTypes(Jedis jedis, CommandGuard guard, String operation, Map<byte[], String> expectedTypes) {
        if (expectedTypes.isEmpty()) {
            return;
        }
        List<byte[]> keys = new ArrayList<>(expectedTypes.keySet());
        List<Response<String>> types = new ArrayList<>(keys.size());
        try (CommandBatch pipeline = guard.pipeline(jedis, operation + " (type check)")) {
            for (byte[] key : keys) {
                types.add(pipeline.queue(p -> p.type(key)));
            }
            pipeline.sync();
        }
        for (int i = 0; i < keys.size(); i++) {
            String actual = types.get(i).get();
            String expected = expectedTypes.get(keys.get(i));
            if (!"none".equals(actual) && !expected.equals(actual)) {
                String key = new String(keys.get(i), StandardCharsets.UTF_8);
                throw new CorruptDataException("key '" + key + "' is a " + actual + " but hotcore stores a " + expected
                        + " there; nothing was written. Rename or delete that key, then try again");
            }
        }
    }
}
