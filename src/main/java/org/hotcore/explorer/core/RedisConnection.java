package org.hotcore.explorer.core;

import java.time.Duration;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A pool of connections to one Redis database with the {@link CommandGuard} that counts their batches.
 * Connection failures surface as {@link RedisUnavailableException} naming the URL without its password.
 */
public final class RedisConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConnection.class);

    /** The client name (CLIENT SETNAME) of every pooled connection, as CLIENT LIST shows it. */
    public static final String CLIENT_NAME = "hotcore-explorer";

    private final RedisSettings settings;
    private final CommandGuard guard;
    private final JedisPool pool;

    public RedisConnection(RedisSettings settings, CommandGuard guard) {
        this.settings = settings;
        this.guard = guard;
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(settings.poolSize());
        poolConfig.setMaxIdle(settings.poolSize());
        poolConfig.setMinIdle(0);
        poolConfig.setMaxWait(Duration.ofMillis(settings.connectTimeoutMillis() + settings.readTimeoutMillis()));
        poolConfig.setJmxEnabled(false);
        poolConfig.setTestOnBorrow(false);
        this.pool = new JedisPool(poolConfig, new HostAndPort(settings.host(), settings.port()),
                clientConfig(settings, CLIENT_NAME));
    }

    private static DefaultJedisClientConfig clientConfig(RedisSettings settings, String clientName) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.connectTimeoutMillis())
                .socketTimeoutMillis(settings.readTimeoutMillis())
                .database(settings.database())
                .clientName(clientName);
        if (settings.user() != null) {
            config.user(settings.user());
        }
        if (settings.password() != null) {
            config.password(settings.password());
        }
        if (settings.tls()) {
            config.ssl(true).sslSocketFactory(TlsSocketFactories.create(settings.tlsOptions()));
            if (!settings.tlsOptions().verifyHostname()) {
                config.hostnameVerifier((host, session) -> true);
            }
        }
        return config.build();
    }

    public RedisSettings settings() {
        return settings;
    }

    public CommandGuard guard() {
        return guard;
    }

    /**
     * Borrows a connection, runs {@code work} and returns the connection to the pool. A connection that broke is
     * dropped from the pool by Jedis.
     */
    public <T> T withJedis(Function<Jedis, T> work) {
        try (Jedis jedis = borrow()) {
            return work.apply(jedis);
        } catch (JedisConnectionException e) {
            throw unavailable(e);
        }
    }

    /** Borrows a connection for several calls; the caller closes it to return it to the pool. */
    public Jedis borrow() {
        try {
            return pool.getResource();
        } catch (JedisException e) {
            throw openFailed(e);
        }
    }

    /**
     * Opens a connection of its own, outside the pool and its size limit, with the same settings and the client
     * name {@code clientName}; the caller closes it. Its commands are not counted by the {@link CommandGuard}.
     */
    public Jedis openDedicated(String clientName) {
        Jedis jedis = null;
        try {
            jedis = new Jedis(new HostAndPort(settings.host(), settings.port()), clientConfig(settings, clientName));
            // The constructor may defer the connect; PING makes a wrong port or password fail here.
            jedis.ping();
            return jedis;
        } catch (JedisException e) {
            if (jedis != null) {
                jedis.close();
            }
            throw openFailed(e);
        }
    }

    /** Translates a failure to open a connection, naming the URL without its password. */
    private RedisUnavailableException openFailed(JedisException e) {
        if (e instanceof JedisAccessControlException) {
            return authenticationFailed(e);
        }
        if (e instanceof JedisDataException) {
            String message = serverMessage(e);
            if (isAuthenticationError(message)) {
                return authenticationFailed(e);
            }
            if (message.contains("DB index is out of range")) {
                return new RedisUnavailableException("cannot select database " + settings.database() + " on "
                        + settings.displayUrl() + ": the server has fewer databases; use a lower number after the"
                        + " last / of the URL (the server's 'databases' setting gives the count)", e);
            }
            return new RedisUnavailableException("cannot open a connection to " + settings.displayUrl() + ": "
                    + message, e);
        }
        return unavailable(e);
    }

    static boolean isAuthenticationError(String message) {
        return message.startsWith("NOAUTH") || message.startsWith("WRONGPASS");
    }

    /** Returns the error for a login the server rejected, or a command it refused for want of one. */
    RedisUnavailableException authenticationFailed(JedisException e) {
        String message = serverMessage(e);
        if (settings.password() == null) {
            return new RedisUnavailableException("the server at " + settings.displayUrl() + " requires a password ("
                    + message + "); give it in the URL, in REDISCLI_AUTH or REDIS_PASSWORD, or with --ask-password", e);
        }
        return new RedisUnavailableException("authentication to " + settings.displayUrl() + " failed: " + message
                + "; check the user and password (URL, REDISCLI_AUTH or REDIS_PASSWORD)", e);
    }

    /** Returns the server's error text without a final period, so it reads well inside a longer message. */
    static String serverMessage(Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /** Sends PING and returns the server's version from INFO server, to fail early on a wrong URL. */
    public String ping() {
        return withJedis(jedis -> {
            jedis.ping();
            guard.countSingle();
            String info = jedis.info("server");
            guard.countSingle();
            for (String line : info.split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length()).strip();
                }
            }
            return "unknown";
        });
    }

    RedisUnavailableException unavailable(JedisException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : serverMessage(root);
        log.debug("Connection to {} failed", settings.displayUrl(), e);
        return new RedisUnavailableException("cannot reach Redis at " + settings.displayUrl() + ": " + reason
                + "; check that the server is running and the URL, port and TLS settings are right", e);
    }

    @Override
    public void close() {
        pool.close();
    }
}
