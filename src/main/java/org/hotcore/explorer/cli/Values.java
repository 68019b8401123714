package org.hotcore.explorer.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotcore.explorer.core.Bytes;

/**
 * Attribute names and values as the command line reads and prints them: the escaped form of {@link Bytes}, where a
 * backslash is written {@code \\} and any byte can be written {@code \xHH}.
 */
final class Values {

    private Values() {
    }

    /**
     * Parses {@code ATTR=VALUE} arguments, split at the first {@code =}, so a value may contain more. A repeated
     * attribute keeps its last value.
     *
     * @throws IllegalArgumentException naming the argument that is not of that form
     */
    static Map<Bytes, Bytes> parseAssignments(List<String> arguments) {
        Map<Bytes, Bytes> attributes = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("invalid attribute '" + argument + "': expected ATTR=VALUE, such as"
                        + " name=Alice");
            }
            if (equals == 0) {
                throw new IllegalArgumentException("invalid attribute '" + argument + "': the name before '=' is"
                        + " empty; write ATTR=VALUE, such as name=Alice");
            }
            attributes.put(unescape(argument.substring(0, equals), argument),
                    unescape(argument.substring(equals + 1), argument));
        }
        return attributes;
    }

    /**
     * Parses attribute names for {@code unset}.
     *
     * @throws IllegalArgumentException for an empty name or one that contains {@code =}
     */
    static List<Bytes> parseNames(List<String> arguments) {
        return arguments.stream().map(argument -> {
            if (argument.isEmpty()) {
                throw new IllegalArgumentException("invalid attribute name '': give a name such as description");
            }
            if (argument.indexOf('=') >= 0) {
                throw new IllegalArgumentException("invalid attribute name '" + argument + "': unset takes names"
                        + " only, such as description; write \\x3d for an '=' inside a name");
            }
            return unescape(argument, argument);
        }).toList();
    }

    /**
     * Checks every {@code \x} escape of {@code text} before {@link Bytes#unescape(String)} reads it, because a
     * malformed one would fail there without naming the argument.
     *
     * @throws IllegalArgumentException naming the escape and the argument it is in
     */
    static Bytes unescape(String text, String argument) {
        for (int i = 0; i < text.length() - 1; i++) {
            if (text.charAt(i) != '\\') {
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '\\') {
                i++;
            } else if (next == 'x') {
                if (i + 3 >= text.length()) {
                    throw invalidEscape(text.substring(i), argument);
                }
                if (!isHexDigit(text.charAt(i + 2)) || !isHexDigit(text.charAt(i + 3))) {
                    throw invalidEscape(text.substring(i, i + 4), argument);
                }
                i += 3;
            }
        }
        return Bytes.unescape(text);
    }

    private static boolean isHexDigit(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static IllegalArgumentException invalidEscape(String escape, String argument) {
        return new IllegalArgumentException("invalid escape '" + escape + "' in '" + argument + "': write \\xHH with"
                + " two hex digits for a byte, or \\\\ for a backslash");
    }

    /**
     * Returns the escaped form of a name or value for line-oriented output: {@link Bytes#escaped()} with control
     * characters also written as {@code \xHH}, so a value never breaks a line or a tab-separated column.
     * {@link Bytes#unescape(String)} still restores the exact bytes.
     */
    static String display(Bytes value) {
        return escapeControls(value.escaped());
    }

    /** Applies the control-character escaping of {@link #display(Bytes)} to text already in escaped form. */
    static String escapeControls(String escaped) {
        if (escaped == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            boolean control = c < 0x20 || c == 0x7f;
            if (control && out == null) {
                out = new StringBuilder(escaped.length() + 8).append(escaped, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? escaped : out.toString();
    }

    /**
     * Returns an attribute name for {@code name=value} output: like {@link #display(Bytes)}, with {@code =} written
     * {@code \x3d} so the line splits at the right place when it is read back, and a leading {@code #} written
     * {@code \x23} so the line does not read as a comment.
     */
    static String displayName(Bytes name) {
        String text = display(name).replace("=", "\\x3d");
        return text.startsWith("#") ? "\\x23" + text.substring(1) : text;
    }
}
