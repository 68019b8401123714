package org.hotcore.explorer.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RedisConnection;
import org.hotcore.explorer.core.RedisSettings;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** Small valid trees written for the move and delete tests. */
final class TreeFixtures {

    private TreeFixtures() {
    }

    /** Runs {@code fill} with a store on {@code url} of its own, closed afterwards. */
    static void fill(String url, Consumer<HotcoreStore> fill) {
        try (RedisConnection connection = new RedisConnection(RedisSettings.parse(url).build(),
                new CommandGuard(CommandGuard.DEFAULT_LIMIT))) {
            fill.accept(new HotcoreStore(connection));
        }
    }

    /** Creates an entity named {@code name} under {@code parent} through the core and returns its uuid. */
    static String create(HotcoreStore store, String parent, String name) {
        Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
        attributes.put(Bytes.utf8("name"), Bytes.utf8(name));
        attributes.put(Bytes.utf8("type"), Bytes.utf8("item"));
        return store.create(parent, attributes);
    }

    /**
     * Writes {@code branches} children under {@code parent}, each with {@code leaves} children of its own, as valid
     * hotcore entities with their name index, pipelined. Returns every uuid written.
     */
    static List<String> subtree(Jedis jedis, String parent, String prefix, int branches, int leaves) {
        List<String> ids = new ArrayList<>();
        Pipeline pipeline = jedis.pipelined();
        for (int b = 0; b < branches; b++) {
            String branch = entity(pipeline, parent, prefix + " " + b);
            ids.add(branch);
            for (int l = 0; l < leaves; l++) {
                ids.add(entity(pipeline, branch, prefix + " " + b + "." + l));
            }
            pipeline.sync();
        }
        pipeline.sync();
        return ids;
    }

    private static String entity(Pipeline pipeline, String parent, String name) {
        String id = UUID.randomUUID().toString();
        pipeline.hset("e:" + id, "name", name);
        pipeline.set("p:" + id, parent);
        pipeline.sadd("c:" + parent, id);
        pipeline.sadd("i:name:" + name, id);
        return id;
    }

    /** Counts the keys that still belong to any of {@code ids}: entity hash, parent, children set and lock. */
    static long keysLeft(Jedis jedis, List<String> ids) {
        long left = 0;
        for (int start = 0; start < ids.size(); start += 1_000) {
            List<String> keys = new ArrayList<>();
            for (String id : ids.subList(start, Math.min(ids.size(), start + 1_000))) {
                keys.add("e:" + id);
                keys.add("p:" + id);
                keys.add("c:" + id);
                keys.add("w:" + id);
            }
            left += jedis.exists(keys.toArray(String[]::new));
        }
        return left;
    }
}
