package org.hotcore.explorer.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Every key of one database with its type, content and time to live, and the server's count of changes since the
 * last save. Contents are compared as values rather than as DUMP bytes, because a read can move a set's members in
 * the server's hash table and so change their order in DUMP. The test servers never save, so the count of changes
 * grows with every write, even one that stores the value a key already has, such as the empty {@code w:} lock.
 *
 * @param keys each key, as text with non-UTF-8 bytes replaced, mapped to its type, its content with the members of
 *     sets and hashes sorted (bytes other than printable ASCII as {@code \xHH}), and whether it has a time to live
 * @param changes {@code rdb_changes_since_last_save} from INFO persistence
 */
public record RedisSnapshot(Map<String, String> keys, long changes) {

    /** Reads every key of the database {@code jedis} is on, by SCAN; meant for test databases of a few keys. */
    public static RedisSnapshot of(Jedis jedis) {
        Map<String, String> keys = new TreeMap<>();
        ScanParams params = new ScanParams().count(1_000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<byte[]> page = jedis.scan(cursor.getBytes(StandardCharsets.UTF_8), params);
            for (byte[] key : page.getResult()) {
                keys.put(new String(key, StandardCharsets.UTF_8), content(jedis, key) + " ttl "
                        + (jedis.pttl(key) < 0 ? "none" : "set"));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return new RedisSnapshot(keys, changes(jedis));
    }

    private static String content(Jedis jedis, byte[] key) {
        String type = jedis.type(key);
        List<String> parts = new ArrayList<>();
        switch (type) {
            case "string" -> parts.add(text(jedis.get(key)));
            case "hash" -> jedis.hgetAll(key).forEach((field, value) -> parts.add(text(field) + "=" + text(value)));
            case "set" -> jedis.smembers(key).forEach(member -> parts.add(text(member)));
            case "zset" -> jedis.zrangeWithScores(key, 0, -1).forEach(tuple -> parts.add(text(tuple.getBinaryElement())
                    + "=" + tuple.getScore()));
            case "list" -> jedis.lrange(key, 0, -1).forEach(element -> parts.add(text(element)));
            default -> parts.add(HexFormat.of().formatHex(jedis.dump(key)));
        }
        if (!"list".equals(type)) {
            Collections.sort(parts);
        }
        return type + " " + String.join(",", parts);
    }

    /** Returns {@code bytes} as text: printable ASCII as it is, other bytes and the separators as {@code \xHH}. */
    private static String text(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (b >= 0x20 && b < 0x7f && b != '\\' && b != ',' && b != '=') {
                text.append((char) b);
            } else {
                text.append("\\x").append(HexFormat.of().toHexDigits(b));
            }
        }
        return text.toString();
    }
    /** Reads the snapshot of the shared test server's database 0. */
    public static RedisSnapshot ofSharedServer() {
        try (Jedis jedis = RedisTestServer.jedis()) {
            return of(jedis);
        }
    }

    /** Returns {@code rdb_changes_since_last_save} of the server {@code jedis} is on. */
    public static long changes(Jedis jedis) {
        for (String line : jedis.info("persistence").split("\r?\n")) {
            if (line.startsWith("rdb_changes_since_last_save:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new IllegalStateException("INFO persistence has no rdb_changes_since_last_save");
    }
}
