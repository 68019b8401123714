package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/** Helpers shared by the storage tests. */
final class TestStores {

    private TestStores() {
    }

    /** Opens a store with the default command limit, pool size and retries. */
    static HotcoreStore open(String url) {
        return open(url, CommandGuard.DEFAULT_LIMIT, 8, HotcoreStore.DEFAULT_RETRIES);
    }

    static HotcoreStore open(String url, int commandLimit, int poolSize, int retries) {
        RedisSettings settings = RedisSettings.parse(url).poolSize(poolSize).build();
        return new HotcoreStore(new RedisConnection(settings, new CommandGuard(commandLimit)), retries);
    }

    /** Builds an attribute map from name and value pairs. */
    static Map<Bytes, Bytes> attributes(String... namesAndValues) {
        Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.put(Bytes.utf8(namesAndValues[i]),
                    namesAndValues[i + 1] == null ? null : Bytes.utf8(namesAndValues[i + 1]));
        }
        return attributes;
    }

    /** Runs the integrity check and asserts that it found no violation, listing them if it did. */
    static IntegrityCheck.Report assertValid(HotcoreStore store) {
        IntegrityCheck.Report report = IntegrityCheck.run(store, Progress.NONE, Cancellation.NEVER);
        assertThat(report.violations()).as("integrity violations").isEmpty();
        assertThat(report.valid()).as("integrity check valid").isTrue();
        return report;
    }

    /** Returns every key of the database, read by SCAN. */
    static TreeSet<String> keys(Jedis jedis) {
        TreeSet<String> keys = new TreeSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().count(1_000);
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!"0".equals(cursor));
        return keys;
    }

    /** Returns every key with its type and content in a canonical text form, to compare whole databases. */
    static Map<String, String> dump(Jedis jedis) {
        Map<String, String> dump = new TreeMap<>();
        for (String key : keys(jedis)) {
            String type = jedis.type(key);
            String content = switch (type) {
                case "string" -> jedis.get(key);
                case "hash" -> new TreeMap<>(jedis.hgetAll(key)).toString();
                case "set" -> new TreeSet<>(jedis.smembers(key)).toString();
                case "zset" -> {
                    List<String> members = new ArrayList<>();
                    for (Tuple tuple : jedis.zrangeWithScores(key, 0, -1)) {
                        members.add(tuple.getElement() + "=" + tuple.getScore());
                    }
                    yield members.toString();
                }
                default -> "(" + type + ")";
            };
            dump.put(key, type + " " + content);
        }
        return dump;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
