package org.hotcore.explorer.monitor;

/**
 * Reads a CLIENT LIST reply: one line per connection of {@code field=value} pairs separated by spaces. Client names
 * cannot contain spaces (CLIENT SETNAME rejects them), so splitting on spaces is exact for the fields read here.
 */
final class ClientListReply {

    private ClientListReply() {
    }

    /** Sums qbuf and the commands queued in MULTI over the connections named {@code name}. */
    static Sample.Clients ownConnections(String reply, String name) {
        int connections = 0;
        long queryBuffer = 0;
        long multiQueued = 0;
        for (String line : reply.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String clientName = null;
            long qbuf = 0;
            long multi = 0;
            for (String pair : line.split(" ")) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String value = pair.substring(equals + 1);
                switch (pair.substring(0, equals)) {
                    case "name" -> clientName = value;
                    case "qbuf" -> qbuf = parse(value);
                    // -1 means the connection is not in MULTI.
                    case "multi" -> multi = Math.max(0, parse(value));
                    default -> { }
                }
            }
            if (name.equals(clientName)) {
                connections++;
                queryBuffer += qbuf;
                multiQueued += multi;
            }
        }
        return new Sample.Clients(Sample.Status.AVAILABLE, null, connections, queryBuffer, multiQueued);
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
