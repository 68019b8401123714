package org.hotcore.explorer.core;

/**
 * Matches bytes against a Redis glob as the server's own matcher does for SCAN MATCH and KEYS: {@code *}, {@code ?},
 * {@code [abc]}, {@code [^a]}, {@code [a-z]} and backslash escapes.
 */
final class Glob {

    private Glob() {
    }

    static boolean matches(byte[] pattern, byte[] text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si) {
        // Iterative for '?', literal and class steps; '*' tries each suffix, with a single-star fast path.
        while (pi < p.length) {
            byte c = p[pi];
            if (c == '*') {
                while (pi + 1 < p.length && p[pi + 1] == '*') {
                    pi++;
                }
                if (pi + 1 == p.length) {
                    return true;
                }
                for (int k = si; k <= s.length; k++) {
                    if (match(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length) {
                return false;
            }
            if (c == '?') {
                pi++;
                si++;
                continue;
            }
            if (c == '[') {
                int end = classEnd(p, pi);
                if (!classMatches(p, pi + 1, end, s[si])) {
                    return false;
                }
                pi = end + 1;
                si++;
                continue;
            }
            if (c == '\\' && pi + 1 < p.length) {
                pi++;
                c = p[pi];
            }
            if (c != s[si]) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length;
    }

    /** Returns the index of the class's closing bracket, or the last index when it is not closed. */
    private static int classEnd(byte[] p, int open) {
        int i = open + 1;
        if (i < p.length && p[i] == '^') {
            i++;
        }
        while (i < p.length && p[i] != ']') {
            if (p[i] == '\\' && i + 1 < p.length) {
                i++;
            }
            i++;
        }
        return Math.min(i, p.length - 1);
    }

    private static boolean classMatches(byte[] p, int from, int end, byte b) {
        boolean negate = from < p.length && p[from] == '^';
        int i = negate ? from + 1 : from;
        boolean found = false;
        int value = b & 0xff;
        int stop = p[end] == ']' ? end : end + 1;
        while (i < stop) {
            if (p[i] == '\\' && i + 1 < stop) {
                i++;
                found |= (p[i] & 0xff) == value;
                i++;
            } else if (i + 2 < stop && p[i + 1] == '-') {
                int low = p[i] & 0xff;
                int high = p[i + 2] & 0xff;
                if (low > high) {
                    int swap = low;
                    low = high;
                    high = swap;
                }
                found |= value >= low && value <= high;
                i += 3;
            } else {
                found |= (p[i] & 0xff) == value;
                i++;
            }
        }
        return negate != found;
    }
}
