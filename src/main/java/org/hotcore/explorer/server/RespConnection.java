package org.hotcore.explorer.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Minimal RESP2 client for probing and stopping a local server without a connection pool.
 *
 * <p>It reads simple strings, errors, integers and bulk strings, which covers PING, INFO and
 * SHUTDOWN. Array replies are rejected.
 */
final class RespConnection implements Closeable {

    /** One reply: its text, and whether Redis sent it as an error ({@code -ERR ...}). */
    record Reply(String text, boolean error) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code host:port}, using {@code timeout} for the connect and for each read. */
    static RespConnection open(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = Math.toIntExact(timeout.toMillis());
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            return new RespConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and reads its reply. */
    Reply call(String... arguments) throws IOException {
        send(arguments);
        return readReply();
    }

    /** Sends one command without reading a reply, for commands such as SHUTDOWN that close the connection. */
    void send(String... arguments) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(('*' + Integer.toString(arguments.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            request.write(('$' + Integer.toString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(bytes);
            request.write('\r');
            request.write('\n');
        }
        out.write(request.toByteArray());
        out.flush();
    }

    private Reply readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Connection closed by the server before a reply");
        }
        String line = readLine();
        return switch (type) {
            case '+', ':' -> new Reply(line, false);
            case '-' -> new Reply(line, true);
            case '$' -> new Reply(readBulk(Integer.parseInt(line)), false);
            default -> throw new IOException("Unsupported RESP reply type '" + (char) type + "'");
        };
    }

    private String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("Connection closed in the middle of a bulk reply");
        }
        readLine();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("Connection closed in the middle of a reply line");
            }
            if (next == '\r') {
                in.read();
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(next);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
