package org.hotcore.explorer.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string, used for attribute names and values because hotcore stores whatever bytes a
 * writer gave it and values need not be UTF-8.
 */
public final class Bytes implements Comparable<Bytes> {

    private static final byte[] EMPTY = new byte[0];

    private final byte[] data;
    private int hash;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Wraps a copy of {@code data}. */
    public static Bytes of(byte[] data) {
        return new Bytes(data.length == 0 ? EMPTY : data.clone());
    }

    /** Wraps {@code data} without copying; the caller must not change the array afterwards. */
    static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    /** Encodes {@code text} as UTF-8. */
    public static Bytes utf8(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses the escaped form written by {@link #escaped()} back into bytes.
     *
     * @throws IllegalArgumentException when a {@code \x} is not followed by two hex digits
     */
    public static Bytes unescape(String escaped) {
        ByteBuffer out = ByteBuffer.allocate(escaped.length() * 4);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(i + 1);
                if (next == '\\') {
                    out.put((byte) '\\');
                    i++;
                    continue;
                }
                if (next == 'x') {
                    String hex = i + 4 <= escaped.length() ? escaped.substring(i + 2, i + 4) : escaped.substring(i + 2);
                    if (hex.length() != 2 || Character.digit(hex.charAt(0), 16) < 0
                            || Character.digit(hex.charAt(1), 16) < 0) {
                        throw new IllegalArgumentException("invalid escape '\\x" + hex + "' in '" + escaped
                                + "': write a byte as \\x followed by two hex digits, such as \\xff, or a"
                                + " backslash as \\\\");
                    }
                    out.put((byte) Integer.parseInt(hex, 16));
                    i += 3;
                    continue;
                }
            }
            int codePoint = escaped.codePointAt(i);
            if (Character.charCount(codePoint) == 2) {
                i++;
            }
            out.put(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        }
        return new Bytes(Arrays.copyOf(out.array(), out.position()));
    }

    /** Returns a copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Returns the backing array; callers must not change it. */
    byte[] raw() {
        return data;
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    /** Tells whether the bytes are well-formed UTF-8. */
    public boolean isUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Decodes as UTF-8, replacing malformed sequences with U+FFFD; use {@link #escaped()} to keep them visible. */
    public String utf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /**
     * Returns the text for display and editing: valid UTF-8 as it is, with backslashes doubled; any byte of a
     * malformed sequence as {@code \xHH}. {@link #unescape(String)} restores the exact bytes.
     */
    public String escaped() {
        StringBuilder out = new StringBuilder(data.length + 8);
        int i = 0;
        while (i < data.length) {
            int length = utf8SequenceLength(data, i);
            if (length == 0) {
                out.append("\\x").append(HexFormat.of().toHexDigits(data[i]));
                i++;
                continue;
            }
            String text = new String(data, i, length, StandardCharsets.UTF_8);
            out.append(text.equals("\\") ? "\\\\" : text);
            i += length;
        }
        return out.toString();
    }

    /** Returns the length of the well-formed UTF-8 sequence at {@code i}, or 0 when it is malformed. */
    private static int utf8SequenceLength(byte[] data, int i) {
        int b = data[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int length;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + length > data.length) {
            return 0;
        }
        int codePoint = b & (0xff >> (length + 1));
        for (int k = 1; k < length; k++) {
            int next = data[i + k] & 0xff;
            if ((next & 0xc0) != 0x80) {
                return 0;
            }
            codePoint = (codePoint << 6) | (next & 0x3f);
        }
        if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
            return 0;
        }
        return length;
    }

    /** Parses the value as a finite decimal number, as hotcore's geo upkeep does, or returns null. */
    public Double toDoubleOrNull() {
        if (data.length == 0 || data.length > 64) {
            return null;
        }
        try {
            double value = Double.parseDouble(utf8().strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes bytes && Arrays.equals(data, bytes.data);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && data.length > 0) {
            h = Arrays.hashCode(data);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    /** Returns the escaped text, see {@link #escaped()}. */
    @Override
    public String toString() {
        return escaped();
    }
}
