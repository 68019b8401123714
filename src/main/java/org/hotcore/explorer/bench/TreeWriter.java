package org.hotcore.explorer.bench;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.Keys;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Writes entities straight into Redis in the hotcore layout, pipelined and without transactions, to set up large
 * trees fast: the entity hash {@code e:}, the parent pointer {@code p:}, the parent's children set {@code c:} and
 * one index set {@code i:<attribute>:<value>} per indexed attribute. The result is a valid tree as the Python
 * library writes it. No attribute here is {@code lat} or {@code long}, so no GEO set is written.
 *
 * <p>These commands bypass the {@link org.hotcore.explorer.core.CommandGuard}, so setup does not count in the
 * command figures of the operation measured after it.
 */
final class TreeWriter implements AutoCloseable {

    /** Commands pipelined before the replies are read. */
    static final int COMMANDS_PER_SYNC = 5_000;

    private final Pipeline pipeline;
    private int queued;
    private long entities;
    private long commands;

    TreeWriter(Jedis jedis) {
        this.pipeline = jedis.pipelined();
    }

    /**
     * Adds the entity {@code id} under {@code parentId}.
     *
     * @param namesAndValues attribute names and values, alternating
     */
    void add(String id, String parentId, String... namesAndValues) {
        byte[] member = utf8(id);
        Map<byte[], byte[]> hash = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            hash.put(utf8(namesAndValues[i]), utf8(namesAndValues[i + 1]));
        }
        pipeline.hset(Keys.entity(id), hash);
        pipeline.set(Keys.parent(id), utf8(parentId));
        pipeline.sadd(Keys.children(parentId), member);
        int count = 3;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Bytes name = Bytes.utf8(namesAndValues[i]);
            if (Keys.isIndexed(name)) {
                pipeline.sadd(Keys.index(name, Bytes.utf8(namesAndValues[i + 1])), member);
                count++;
            }
        }
        entities++;
        commands += count;
        queued += count;
        if (queued >= COMMANDS_PER_SYNC) {
            flush();
        }
    }

    long entities() {
        return entities;
    }

    long commands() {
        return commands;
    }

    void flush() {
        pipeline.sync();
        queued = 0;
    }

    /** Sends what is still queued and ends the pipeline. */
    @Override
    public void close() {
        pipeline.close();
        queued = 0;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Deterministic version-4-shaped uuids numbered from 0, so a tree of any size can be written and walked without
     * keeping its ids in memory. Each instance has random high bits, so two runs on one database never collide.
     */
    static final class Ids {
        private final long high;
        private final long lowBase;

        Ids() {
            UUID random = UUID.randomUUID();
            this.high = random.getMostSignificantBits();
            // Variant bits 10, then 14 random bits, then 48 bits for the number.
            this.lowBase = (random.getLeastSignificantBits() & 0x3FFF_0000_0000_0000L) | 0x8000_0000_0000_0000L;
        }

        String id(long number) {
            if (number < 0 || number >= 1L << 48) {
                throw new IllegalArgumentException("id number out of range: " + number);
            }
            return new UUID(high, lowBase | number).toString();
        }
    }
}
