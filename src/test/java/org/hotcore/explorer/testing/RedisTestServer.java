package org.hotcore.explorer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.hotcore.explorer.server.LocalRedisServer;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Jedis;

/**
 * JUnit 5 extension that gives every test one Redis server shared by the whole test JVM, with an empty
 * database at the start of each test.
 *
 * <p>Use it with {@code @ExtendWith(RedisTestServer.class)} or {@code @RegisterExtension}. The server starts
 * on first use and stops when the JVM exits, through the shutdown hook of {@link LocalRedisServer}. Before
 * each test the extension runs FLUSHALL. A test method or constructor may declare a
 * {@link LocalRedisServer} parameter to get the shared server.
 *
 * <p>Tests that need a database filled from a fixture call {@link #startWithFixture(String)}, which starts
 * a separate server that the test class closes itself.
 */
public final class RedisTestServer implements BeforeEachCallback, ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(RedisTestServer.class);

    /** Classpath folder of the RDB fixtures, relative to the test resources root. */
    public static final String FIXTURE_FOLDER = "fixtures/";

    private static LocalRedisServer shared;

    /** Failure of the first start, rethrown by later calls so that each test fails at once. */
    private static IOException startFailure;

    /** Returns the shared server, starting it on the first call. */
    public static synchronized LocalRedisServer server() {
        if (startFailure != null) {
            throw new UncheckedIOException("The shared Redis test server failed to start earlier", startFailure);
        }
        if (shared == null) {
            try {
                shared = LocalRedisServer.builder().start();
            } catch (IOException e) {
                startFailure = e;
                throw new UncheckedIOException("Could not start the shared Redis test server", e);
            }
            log.info("Shared Redis test server at {} using {}", shared.url(), shared.binary());
        }
        return shared;
    }

    /** Returns the URL of database 0 of the shared server, starting the server if needed. */
    public static String url() {
        return server().url();
    }

    /** Opens a new connection to the shared server; the caller closes it. */
    public static Jedis jedis() {
        LocalRedisServer server = server();
        return new Jedis(server.host(), server.port());
    }

    /**
     * Starts a separate server loaded from the test resource {@code fixtures/<name>}, such as
     * {@code "example.rdb"}. The caller closes the returned server.
     *
     * @throws IOException if the resource does not exist or the server does not start
     */
    public static LocalRedisServer startWithFixture(String name) throws IOException {
        String resourceName = FIXTURE_FOLDER + name;
        URL resource = RedisTestServer.class.getClassLoader().getResource(resourceName);
        if (resource == null) {
            throw new IOException("Test fixture not found on the classpath: " + resourceName);
        }
        if ("file".equals(resource.getProtocol())) {
            try {
                return LocalRedisServer.builder().rdbFile(Path.of(resource.toURI())).start();
            } catch (URISyntaxException e) {
                throw new IOException("Invalid fixture URL " + resource, e);
            }
        }
        // A fixture inside a jar has no file path, so it goes through a temporary copy.
        Path copy = Files.createTempFile("hotcore-fixture-", ".rdb");
        try {
            try (InputStream in = resource.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return LocalRedisServer.builder().rdbFile(copy).start();
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        try (Jedis jedis = jedis()) {
            jedis.flushAll();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return parameterContext.getParameter().getType() == LocalRedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return server();
    }
}
