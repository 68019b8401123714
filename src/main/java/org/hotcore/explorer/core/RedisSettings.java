package org.hotcore.explorer.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to connect: parsed from a {@code redis://} or {@code rediss://} URL as redis-cli reads it,
 * {@code redis[s]://[user[:password]@]host[:port][/database]}. The password is kept out of
 * {@link #toString()} and {@link #redactedUrl()}, which are the only forms that reach logs and messages.
 */
public final class RedisSettings {

    public static final String DEFAULT_URL = "redis://127.0.0.1:6379/0";
    public static final int DEFAULT_PORT = 6379;

    private final boolean tls;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final int database;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int poolSize;
    private final TlsOptions tlsOptions;

    private RedisSettings(Builder builder) {
        this.tls = builder.tls;
        this.host = builder.host;
        this.port = builder.port;
        this.user = builder.user;
        this.password = builder.password;
        this.database = builder.database;
        this.connectTimeoutMillis = builder.connectTimeoutMillis;
        this.readTimeoutMillis = builder.readTimeoutMillis;
        this.poolSize = builder.poolSize;
        this.tlsOptions = builder.tlsOptions;
    }

    /**
     * Parses a URL.
     *
     * @throws IllegalArgumentException naming the URL (without its password) and what is wrong with it
     */
    public static Builder parse(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid(trimmed, "it is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))) {
            throw invalid(trimmed, "the scheme must be redis:// or rediss://");
        }
        String host = uri.getHost();
        int port = uri.getPort();
        String userInfo = uri.getRawUserInfo();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI leaves host, port and user info unset when the host is not an RFC 2396 host name, such
            // as the Docker service name redis_primary. redis-cli accepts those, so the authority is read here.
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            userInfo = at < 0 ? null : authority.substring(0, at);
            String hostAndPort = authority.substring(at + 1);
            int colon = hostAndPort.lastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            port = colon < 0 ? -1 : parsePort(trimmed, hostAndPort.substring(colon + 1));
            if (!host.matches("[A-Za-z0-9._-]+")) {
                // The reason names no part of the authority, which may hold a password that breaks the syntax.
                throw invalid(trimmed, "the host part is not a valid host name or address");
            }
        }
        if (host == null || host.isBlank()) {
            throw invalid(trimmed, "it names no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        port = port == -1 ? DEFAULT_PORT : port;
        if (port < 1 || port > 65535) {
            throw invalid(trimmed, "the port must be between 1 and 65535");
        }
        Builder builder = new Builder().tls(scheme.equalsIgnoreCase("rediss")).host(host).port(port);

        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            String rawPassword = colon < 0 ? null : userInfo.substring(colon + 1);
            if (colon < 0) {
                // redis-cli reads a lone user-info part as the password of the default user.
                builder.password(decode(rawUser));
            } else {
                builder.user(rawUser.isEmpty() ? null : decode(rawUser));
                builder.password(rawPassword.isEmpty() ? null : decode(rawPassword));
            }
        }

        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            try {
                int database = Integer.parseInt(db);
                if (database < 0) {
                    throw new NumberFormatException(db);
                }
                builder.database(database);
            } catch (NumberFormatException e) {
                // The path is not quoted: a password with an unencoded '/' ends up in it.
                throw invalid(trimmed, "the path must be a database number such as /0");
            }
        }
        return builder;
    }

    /**
     * Returns the URL with its password replaced by {@code ***}: everything between {@code ://} (or the start,
     * when the text has no {@code ://} before the last {@code @}) and the last {@code @}, except a user name
     * before the first colon.
     */
    public static String redact(String url) {
        if (url == null) {
            return "";
        }
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int schemeEnd = url.indexOf("://");
        int start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        return url.substring(0, start) + user + ":***" + url.substring(at);
    }

    private static int parsePort(String url, String text) {
        if (!text.matches("[0-9]{1,5}")) {
            throw invalid(url, "the port must be a number between 1 and 65535");
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException invalid(String url, String reason) {
        return new IllegalArgumentException("invalid Redis URL '" + redact(url) + "': " + reason
                + "; expected redis://[user[:password]@]host[:port][/database], for example " + DEFAULT_URL);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Returns a builder with the settings of this object, to change some of them. */
    public Builder toBuilder() {
        return new Builder().tls(tls).host(host).port(port).user(user).password(password).database(database)
                .connectTimeoutMillis(connectTimeoutMillis).readTimeoutMillis(readTimeoutMillis).poolSize(poolSize)
                .tlsOptions(tlsOptions);
    }

    /**
     * Fills in a missing password from the environment: {@code REDISCLI_AUTH} first, as redis-cli does, then
     * {@code REDIS_PASSWORD}.
     */
    public RedisSettings withPasswordFrom(Map<String, String> environment) {
        if (password != null) {
            return this;
        }
        String fromEnvironment = environment.get("REDISCLI_AUTH");
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            fromEnvironment = environment.get("REDIS_PASSWORD");
        }
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            return this;
        }
        return toBuilder().password(fromEnvironment).build();
    }

    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    /** Returns the password, or null; never log it. */
    public String password() {
        return password;
    }

    public boolean hasPassword() {
        return password != null;
    }

    public int database() {
        return database;
    }

    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    public int poolSize() {
        return poolSize;
    }

    public TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /** Returns the URL without the password, in a form {@link #parse} reads back: safe for logs and saved files. */
    public String redactedUrl() {
        StringBuilder url = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null) {
            // The colon keeps the user a user: redis-cli reads a lone "name@" as a password.
            url.append(URLEncoder.encode(user, StandardCharsets.UTF_8)).append(":@");
        }
        url.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append('/').append(database);
        return url.toString();
    }

    /**
     * Returns the URL for messages: as {@link #redactedUrl()}, but with {@code ***} where a password was given, so a
     * reader can tell that one was sent.
     */
    public String displayUrl() {
        if (password == null) {
            return redactedUrl();
        }
        StringBuilder url = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null) {
            url.append(URLEncoder.encode(user, StandardCharsets.UTF_8));
        }
        url.append(":***@");
        url.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append('/').append(database);
        return url.toString();
    }

    @Override
    public String toString() {
        return displayUrl();
    }

    /** Mutable builder; {@link #build()} checks the values. */
    public static final class Builder {
        private boolean tls;
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private String user;
        private String password;
        private int database;
        private int connectTimeoutMillis = 5_000;
        private int readTimeoutMillis = 30_000;
        private int poolSize = 8;
        private TlsOptions tlsOptions = TlsOptions.NONE;

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder database(int database) {
            this.database = database;
            return this;
        }

        /** Sets the TCP connect timeout in milliseconds; default 5,000. */
        public Builder connectTimeoutMillis(int millis) {
            this.connectTimeoutMillis = millis;
            return this;
        }

        /** Sets the socket read timeout in milliseconds; default 30,000. */
        public Builder readTimeoutMillis(int millis) {
            this.readTimeoutMillis = millis;
            return this;
        }

        /** Sets the maximum number of pooled connections; default 8. */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        public Builder tlsOptions(TlsOptions tlsOptions) {
            this.tlsOptions = tlsOptions == null ? TlsOptions.NONE : tlsOptions;
            return this;
        }

        public RedisSettings build() {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("invalid Redis host: it is empty; give a host name or address");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("invalid Redis port " + port + ": use 1 to 65535");
            }
            if (database < 0) {
                throw new IllegalArgumentException("invalid database number " + database + ": use 0 or more");
            }
            if (connectTimeoutMillis <= 0 || readTimeoutMillis <= 0) {
                throw new IllegalArgumentException("invalid timeout: connect and read timeouts must be positive");
            }
            if (poolSize < 1) {
                throw new IllegalArgumentException("invalid pool size " + poolSize + ": use 1 or more");
            }
            return new RedisSettings(this);
        }
    }

    /**
     * TLS files: a PEM file of trusted CA certificates (the JDK's trust store when absent) and an optional client
     * certificate, either a PKCS#12 key store or a PEM certificate with a PEM PKCS#8 private key.
     */
    public record TlsOptions(Path caFile, Path clientCertificate, Path clientKey, String keyStorePassword,
                             boolean verifyHostname) {
        public static final TlsOptions NONE = new TlsOptions(null, null, null, null, true);

        @Override
        public String toString() {
            return "TlsOptions[caFile=" + caFile + ", clientCertificate=" + clientCertificate + ", clientKey="
                    + clientKey + ", verifyHostname=" + verifyHostname + "]";
        }
    }
}
