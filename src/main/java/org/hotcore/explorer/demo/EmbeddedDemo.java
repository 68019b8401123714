package org.hotcore.explorer.demo;

import java.io.IOException;
import org.hotcore.explorer.server.LocalRedisServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private, empty Redis server for the demo database: a {@link LocalRedisServer} on a free loopback port with its
 * own temporary folder and no memory limit. Fill it with {@link DemoDatabase#fill}. {@link #close()} stops the
 * server and deletes the folder. The server's shutdown hook does the same when the program exits without closing.
 */
public final class EmbeddedDemo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDemo.class);

    private final LocalRedisServer server;

    private EmbeddedDemo(LocalRedisServer server) {
        this.server = server;
    }

    /**
     * Starts the server.
     *
     * @throws IOException when no {@code redis-server} binary is found or it does not start
     */
    public static EmbeddedDemo start() throws IOException {
        LocalRedisServer server = LocalRedisServer.builder().start();
        log.info("Demo Redis server running at {}", server.url());
        return new EmbeddedDemo(server);
    }

    /** Returns the URL of database 0, such as {@code redis://127.0.0.1:6390/0}. */
    public String url() {
        return server.url();
    }

    public LocalRedisServer server() {
        return server;
    }

    /** Stops the server and deletes its folder. Calling it again does nothing. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "EmbeddedDemo[" + server.url() + "]";
    }
}
