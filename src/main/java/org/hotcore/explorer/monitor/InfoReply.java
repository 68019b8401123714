package org.hotcore.explorer.monitor;

import java.util.HashMap;
import java.util.Map;

/** Reads the {@code field:value} lines of an INFO reply; section headers ({@code # Memory}) are skipped. */
final class InfoReply {

    private InfoReply() {
    }

    static Map<String, String> parse(String reply) {
        Map<String, String> fields = new HashMap<>();
        for (String line : reply.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    static Long longField(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double doubleField(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
