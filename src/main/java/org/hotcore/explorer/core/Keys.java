package org.hotcore.explorer.core;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The key layout of the hotcore library: {@code e:} entity hash, {@code p:} parent pointer, {@code c:} children
 * set, {@code w:} optimistic lock, {@code i:<attribute>:<value>} index set and {@code geo:<type>} GEO set.
 */
public final class Keys {

    /** Attributes that hotcore does not index. */
    public static final Set<Bytes> UNINDEXED = Set.of(
            Bytes.utf8("status_history"), Bytes.utf8("station_data"), Bytes.utf8("connector_data"),
            Bytes.utf8("raw_data"), Bytes.utf8("metadata"), Bytes.utf8("logs"), Bytes.utf8("events"));

    public static final Bytes NAME = Bytes.utf8("name");
    public static final Bytes TYPE = Bytes.utf8("type");
    public static final Bytes LAT = Bytes.utf8("lat");
    public static final Bytes LONG = Bytes.utf8("long");

    /** The GEO set suffix for entities without a {@code type} attribute. */
    public static final String DEFAULT_GEO_TYPE = "default";

    private Keys() {
    }

    public static byte[] entity(String id) {
        return key("e:", id);
    }

    public static byte[] parent(String id) {
        return key("p:", id);
    }

    public static byte[] children(String id) {
        return key("c:", id);
    }

    public static byte[] lock(String id) {
        return key("w:", id);
    }

    public static byte[] index(Bytes attribute, Bytes value) {
        byte[] a = attribute.raw();
        byte[] v = value.raw();
        byte[] key = new byte[2 + a.length + 1 + v.length];
        key[0] = 'i';
        key[1] = ':';
        System.arraycopy(a, 0, key, 2, a.length);
        key[2 + a.length] = ':';
        System.arraycopy(v, 0, key, 3 + a.length, v.length);
        return key;
    }

    /** Returns the SCAN pattern {@code i:<attribute>:<glob>}; the attribute's own glob characters are escaped. */
    public static byte[] indexPattern(Bytes attribute, Bytes glob) {
        Bytes escapedAttribute = Bytes.utf8(escapeGlob(attribute.utf8()));
        return index(escapedAttribute, glob);
    }

    public static byte[] geo(Bytes type) {
        if (type == null || type.isEmpty()) {
            return key("geo:", DEFAULT_GEO_TYPE);
        }
        byte[] t = type.raw();
        byte[] key = new byte[4 + t.length];
        System.arraycopy("geo:".getBytes(StandardCharsets.US_ASCII), 0, key, 0, 4);
        System.arraycopy(t, 0, key, 4, t.length);
        return key;
    }

    public static boolean isIndexed(Bytes attribute) {
        return !UNINDEXED.contains(attribute);
    }

    /** Tells whether a find value is a glob, as hotcore decides it: it contains {@code *}, {@code ?} or {@code [}. */
    public static boolean isGlob(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0 || value.indexOf('[') >= 0;
    }

    static String escapeGlob(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static byte[] key(String prefix, String id) {
        return (prefix + id).getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes a stored id, or returns null. */
    static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** Returns the id that follows a two-character prefix such as {@code c:}. */
    static String idOf(byte[] key, int prefixLength) {
        return new String(key, prefixLength, key.length - prefixLength, StandardCharsets.UTF_8);
    }
}
