package org.hotcore.explorer.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hotcore.explorer.core.Bytes;

/** The trees the figures measure on, written with a {@link TreeWriter}. */
final class Shapes {

    /** Children of an ordinary inner node of a {@link #subtree} tree. */
    static final int FAN_OUT = 10;
    /** Children of a wide node of a {@link #subtree} tree. */
    static final int WIDE_FAN_OUT = 500;
    /** Every this many-th inner node, in breadth-first order, is a wide node. */
    static final int WIDE_EVERY = 100;

    private static final String[] TYPES = {"site", "building", "floor", "room", "device"};
    private static final String[] STATUSES = {"active", "inactive", "planned"};

    private Shapes() {
    }

    /**
     * Writes a subtree of {@code size} entities under the top-level id {@code topLevelId} and returns the id of its
     * top entity. The tree is filled breadth first: inner node number {@code p} gets {@value #WIDE_FAN_OUT}
     * children when {@code p % }{@value #WIDE_EVERY}{@code  == 1}, else {@value #FAN_OUT}, until {@code size}
     * entities exist. Every entity has 6 attributes, see {@link #entityAttributes(long)}. Node {@code k} has the id
     * {@code ids.id(k)}, and the children of a node are numbered consecutively, so nothing is kept in memory.
     */
    static String subtree(TreeWriter writer, TreeWriter.Ids ids, String topLevelId, long size) {
        if (size < 1) {
            throw new IllegalArgumentException("a subtree needs 1 entity or more, got " + size);
        }
        String top = ids.id(0);
        writer.add(top, topLevelId, entityAttributes(0));
        long next = 1;
        for (long parent = 0; next < size; parent++) {
            int fanOut = parent % WIDE_EVERY == 1 ? WIDE_FAN_OUT : FAN_OUT;
            String parentId = ids.id(parent);
            for (int child = 0; child < fanOut && next < size; child++) {
                writer.add(ids.id(next), parentId, entityAttributes(next));
                next++;
            }
        }
        return top;
    }

    /**
     * Returns the 6 attributes of entity number {@code k}: five indexed ones ({@code name} and {@code serial},
     * unique; {@code type}, {@code status} and {@code region}, shared by many entities) and {@code metadata},
     * which hotcore does not index.
     */
    static String[] entityAttributes(long k) {
        return new String[] {
            "name", "node-" + k,
            "type", TYPES[(int) (k % TYPES.length)],
            "status", STATUSES[(int) (k % STATUSES.length)],
            "region", "region-" + (k % 50),
            "serial", "SN" + (100_000_000L + k),
            "metadata", "{\"source\":\"bench\",\"sequence\":" + k + "}"};
    }

    /**
     * Returns the attributes of a parent in hotcore's speed test: {@code name} = {@code parent_<p>} and
     * {@code attribute_1} to {@code attribute_<n-1>} = {@code p_<p>_attribute_<a>}, so {@code n} in all.
     */
    static Map<Bytes, Bytes> speedTestParent(int parent, int attributes) {
        Map<Bytes, Bytes> map = new LinkedHashMap<>();
        map.put(Bytes.utf8("name"), Bytes.utf8("parent_" + parent));
        for (int a = 1; a < attributes; a++) {
            map.put(Bytes.utf8("attribute_" + a), Bytes.utf8("p_" + parent + "_attribute_" + a));
        }
        return map;
    }

    /**
     * Returns the attributes of a child in hotcore's speed test: {@code name} = {@code entity_<c>} and
     * {@code attribute_1} to {@code attribute_<n-1>} = {@code e_<c>_attribute_<a>}, so {@code n} in all. Children
     * with the same number under different parents share their values, as in the speed test.
     */
    static Map<Bytes, Bytes> speedTestChild(int child, int attributes) {
        Map<Bytes, Bytes> map = new LinkedHashMap<>();
        map.put(Bytes.utf8("name"), Bytes.utf8("entity_" + child));
        for (int a = 1; a < attributes; a++) {
            map.put(Bytes.utf8("attribute_" + a), Bytes.utf8("e_" + child + "_attribute_" + a));
        }
        return map;
    }

    /** Flattens attributes into the alternating names and values {@link TreeWriter#add} takes. */
    static String[] flatten(Map<Bytes, Bytes> attributes) {
        String[] flat = new String[attributes.size() * 2];
        int i = 0;
        for (Map.Entry<Bytes, Bytes> entry : attributes.entrySet()) {
            flat[i++] = entry.getKey().utf8();
            flat[i++] = entry.getValue().utf8();
        }
        return flat;
    }
}
