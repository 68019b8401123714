package org.hotcore.explorer.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotcore.explorer.core.Bytes;
import org.hotcore.explorer.core.Keys;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Reads a whole database with plain Jedis and lists where it breaks the hotcore layout rules, independently of the
 * storage core. Meant for test databases of some hundred thousand keys.
 */
final class TreeLayout {

    final Map<String, Map<Bytes, Bytes>> entities = new HashMap<>();
    final Map<String, String> parents = new HashMap<>();
    final Map<String, Set<String>> children = new HashMap<>();
    final Map<Bytes, Set<String>> indexes = new HashMap<>();
    final Map<String, Set<String>> geo = new HashMap<>();
    final List<String> otherKeys = new ArrayList<>();

    static TreeLayout read(Jedis jedis) {
        TreeLayout layout = new TreeLayout();
        List<byte[]> entityKeys = new ArrayList<>();
        List<byte[]> parentKeys = new ArrayList<>();
        List<byte[]> childKeys = new ArrayList<>();
        List<byte[]> indexKeys = new ArrayList<>();
        List<byte[]> geoKeys = new ArrayList<>();
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(10_000);
        do {
            ScanResult<byte[]> page = jedis.scan(cursor, params);
            for (byte[] key : page.getResult()) {
                String text = new String(key, StandardCharsets.ISO_8859_1);
                if (text.startsWith("e:")) {
                    entityKeys.add(key);
                } else if (text.startsWith("p:")) {
                    parentKeys.add(key);
                } else if (text.startsWith("c:")) {
                    childKeys.add(key);
                } else if (text.startsWith("i:")) {
                    indexKeys.add(key);
                } else if (text.startsWith("geo:")) {
                    geoKeys.add(key);
                } else {
                    layout.otherKeys.add(text);
                }
            }
            cursor = page.getCursorAsBytes();
        } while (!new String(cursor, StandardCharsets.US_ASCII).equals("0"));

        Pipeline pipeline = jedis.pipelined();
        Map<byte[], Response<Map<byte[], byte[]>>> hashes = new LinkedHashMap<>();
        entityKeys.forEach(key -> hashes.put(key, pipeline.hgetAll(key)));
        Map<byte[], Response<byte[]>> parentValues = new LinkedHashMap<>();
        parentKeys.forEach(key -> parentValues.put(key, pipeline.get(key)));
        Map<byte[], Response<Set<byte[]>>> childSets = new LinkedHashMap<>();
        childKeys.forEach(key -> childSets.put(key, pipeline.smembers(key)));
        Map<byte[], Response<Set<byte[]>>> indexSets = new LinkedHashMap<>();
        indexKeys.forEach(key -> indexSets.put(key, pipeline.smembers(key)));
        Map<byte[], Response<List<byte[]>>> geoSets = new LinkedHashMap<>();
        geoKeys.forEach(key -> geoSets.put(key, pipeline.zrange(key, 0, -1)));
        pipeline.sync();

        hashes.forEach((key, value) -> {
            Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
            value.get().forEach((k, v) -> attributes.put(Bytes.of(k), Bytes.of(v)));
            layout.entities.put(id(key, 2), attributes);
        });
        parentValues.forEach((key, value) -> layout.parents.put(id(key, 2), utf8(value.get())));
        childSets.forEach((key, value) -> layout.children.put(id(key, 2), strings(value.get())));
        indexSets.forEach((key, value) -> layout.indexes.put(Bytes.of(key), strings(value.get())));
        geoSets.forEach((key, value) -> layout.geo.put(id(key, 4), strings(value.get())));
        return layout;
    }

    /** Returns every rule violation found, empty when the tree is valid. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!otherKeys.isEmpty()) {
            problems.add("unexpected keys " + otherKeys.subList(0, Math.min(5, otherKeys.size())));
        }
        // Rule 1: every entity has p:u = X and u is in c:X.
        entities.keySet().forEach(id -> {
            String parent = parents.get(id);
            if (parent == null) {
                problems.add("entity " + id + " has no p:");
            } else if (!children.getOrDefault(parent, Set.of()).contains(id)) {
                problems.add("entity " + id + " is missing from c:" + parent);
            }
        });

        // Rule 2: every member of c:X is an entity with p: = X.
        children.forEach((parent, members) -> members.forEach(member -> {
            if (!entities.containsKey(member)) {
                problems.add("c:" + parent + " lists " + member + ", which is not an entity");
            } else if (!parent.equals(parents.get(member))) {
                problems.add("c:" + parent + " lists " + member + " whose p: is " + parents.get(member));
            }
        }));

        // Rule 3: p: chains end at a top-level id without cycles.
        entities.keySet().forEach(id -> {
            Set<String> seen = new HashSet<>();
            String current = id;
            while (entities.containsKey(current)) {
                if (!seen.add(current)) {
                    problems.add("cycle through " + current);
                    return;
                }
                current = parents.get(current);
                if (current == null) {
                    return;
                }
            }
            if (!children.containsKey(current)) {
                problems.add("the ancestors of " + id + " end at " + current + ", which has no c: set");
            }
        });

        // Rule 4: index sets match the attributes both ways.
        Map<Bytes, Set<String>> expected = new HashMap<>();
        entities.forEach((id, attributes) -> attributes.forEach((name, value) -> {
            if (Keys.isIndexed(name)) {
                expected.computeIfAbsent(Bytes.of(Keys.index(name, value)), k -> new HashSet<>()).add(id);
            }
        }));
        expected.forEach((key, members) -> {
            Set<String> stored = indexes.getOrDefault(key, Set.of());
            members.stream().filter(id -> !stored.contains(id))
                    .forEach(id -> problems.add("entity " + id + " is missing from index " + key));
        });
        indexes.forEach((key, members) -> {
            Set<String> expectedMembers = expected.getOrDefault(key, Set.of());
            members.stream().filter(id -> !expectedMembers.contains(id))
                    .forEach(id -> problems.add("index " + key + " lists " + id + ", which has no such attribute"));
        });

        // Rule 5: no p: or c: key for a uuid that is not an entity, except c: of top-level ids.
        parents.keySet().stream().filter(id -> !entities.containsKey(id))
                .forEach(id -> problems.add("p:" + id + " exists without entity"));
        children.forEach((id, members) -> {
            if (!entities.containsKey(id) && members.isEmpty()) {
                problems.add("empty c:" + id);
            }
        });

        // Rule 6: entities with numeric lat/long are in geo:<type>; every geo member is an entity.
        entities.forEach((id, attributes) -> {
            Bytes lat = attributes.get(Keys.LAT);
            Bytes lon = attributes.get(Keys.LONG);
            if (lat != null && lon != null && lat.toDoubleOrNull() != null && lon.toDoubleOrNull() != null) {
                Bytes type = attributes.get(Keys.TYPE);
                String geoType = type == null ? Keys.DEFAULT_GEO_TYPE : type.utf8();
                if (!geo.getOrDefault(geoType, Set.of()).contains(id)) {
                    problems.add("entity " + id + " with lat/long is missing from geo:" + geoType);
                }
            }
        });
        geo.forEach((type, members) -> members.stream().filter(id -> !entities.containsKey(id))
                .forEach(id -> problems.add("geo:" + type + " lists " + id + ", which is not an entity")));
        return problems;
    }

    /** Returns the parents that are not entities: the top-level ids. */
    Set<String> topLevelIds() {
        Set<String> top = new HashSet<>();
        parents.values().stream().filter(id -> !entities.containsKey(id)).forEach(top::add);
        return top;
    }

    /** Returns the ids of entities whose attribute {@code name} has this UTF-8 value. */
    List<String> find(String name, String value) {
        return new ArrayList<>(indexes.getOrDefault(Bytes.of(Keys.index(Bytes.utf8(name), Bytes.utf8(value))),
                Set.of()));
    }

    private static String id(byte[] key, int prefix) {
        return new String(key, prefix, key.length - prefix, StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static Set<String> strings(Iterable<byte[]> values) {
        Set<String> out = new HashSet<>();
        values.forEach(value -> out.add(new String(value, StandardCharsets.UTF_8)));
        return out;
    }
}
