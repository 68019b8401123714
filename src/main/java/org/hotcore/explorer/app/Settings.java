package org.hotcore.explorer.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hotcore.explorer.core.RedisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop program's settings, kept as JSON in {@code settings.json} of {@link AppDirectories#config()}: the
 * theme and the most recent connections.
 *
 * <p>A connection URL is stored without its password: {@link #remember(RecentConnection)} and every other way in
 * replace the URL by a form without password (a user stays, as {@code redis://user:@host:port/db}), so a password
 * never reaches the file. A missing file gives the defaults;
 * a file that cannot be parsed is renamed to {@code settings.json.bad} and the defaults are used. {@link #save()}
 * writes a temporary file and moves it over the old one, so a crash never leaves a half-written file.
 * Thread-safe.
 */
public final class Settings {

    private static final Logger log = LoggerFactory.getLogger(Settings.class);

    public static final String FILE_NAME = "settings.json";
    public static final String BAD_SUFFIX = ".bad";
    public static final String LIGHT = "light";
    public static final String DARK = "dark";
    public static final String DEFAULT_THEME = LIGHT;
    /** The most recent connections kept. */
    public static final int MAX_RECENT = 10;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Path file;
    private String theme = DEFAULT_THEME;
    private List<RecentConnection> recentConnections = List.of();

    private Settings(Path file) {
        this.file = file;
    }

    /**
     * A connection the user opened.
     *
     * @param url the Redis URL without password
     * @param tls whether the connection uses TLS
     * @param caFile PEM file of trusted CA certificates, or null
     * @param clientCertificate client certificate file, or null
     * @param clientKey client private key file, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecentConnection(String url, boolean tls, String caFile, String clientCertificate,
                                   String clientKey) {

        /** Returns this connection with the password removed from its URL. */
        public RecentConnection withoutPassword() {
            String redacted = Settings.withoutPassword(url);
            return redacted.equals(url) ? this : new RecentConnection(redacted, tls, caFile, clientCertificate,
                    clientKey);
        }
    }

    /** The file's JSON shape. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(String theme, List<RecentConnection> recentConnections) {
    }

    /** Loads {@code settings.json} from {@link AppDirectories#config()} as {@link #load(Path)} does. */
    public static Settings load() {
        return load(AppDirectories.config().resolve(FILE_NAME));
    }

    /**
     * Loads the settings from {@code file}. A missing file gives the defaults. A file that is not valid settings JSON
     * is logged, renamed to {@code <file>.bad} and replaced by the defaults. A file that cannot be read is logged and
     * left alone.
     */
    static Settings load(Path file) {
        Settings settings = new Settings(file);
        Stored stored;
        try {
            stored = MAPPER.readValue(Files.readAllBytes(file), Stored.class);
        } catch (NoSuchFileException e) {
            log.debug("No settings file at {}, using defaults", file);
            return settings;
        } catch (JacksonException e) {
            Path bad = file.resolveSibling(file.getFileName() + BAD_SUFFIX);
            log.warn("Settings file {} is not valid settings JSON, using defaults and moving it to {}", file, bad, e);
            try {
                Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailure) {
                log.warn("Could not rename the corrupt settings file {} to {}", file, bad, moveFailure);
            }
            return settings;
        } catch (IOException e) {
            log.warn("Could not read the settings file {}, using defaults", file, e);
            return settings;
        }
        if (stored == null) {
            return settings;
        }
        settings.theme = normalizeTheme(stored.theme(), file);
        if (stored.recentConnections() != null) {
            settings.recentConnections = clean(stored.recentConnections(), file);
        }
        return settings;
    }

    /** Returns the file this object loads from and saves to. */
    public Path file() {
        return file;
    }

    /** Writes the settings: a temporary file in the same folder, then an atomic move over {@link #file()}. */
    public void save() {
        Stored stored;
        synchronized (this) {
            stored = new Stored(theme, recentConnections);
        }
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, FILE_NAME, ".tmp");
            try {
                Files.write(temporary, MAPPER.writeValueAsBytes(stored));
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    log.debug("Atomic move not supported in {}, replacing {} with a plain move", folder, file);
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the settings to " + file + ": " + e.getMessage()
                    + "; check that the folder is writable", e);
        }
        log.debug("Saved settings to {}", file);
    }

    /** Returns {@value #LIGHT} or {@value #DARK}. */
    public synchronized String getTheme() {
        return theme;
    }

    /**
     * Sets the theme.
     *
     * @throws IllegalArgumentException when it is neither {@value #LIGHT} nor {@value #DARK}
     */
    public synchronized void setTheme(String theme) {
        String normalized = theme == null ? "" : theme.strip().toLowerCase(Locale.ROOT);
        if (!normalized.equals(LIGHT) && !normalized.equals(DARK)) {
            throw new IllegalArgumentException("invalid theme '" + theme + "': use light or dark");
        }
        this.theme = normalized;
    }

    /** Returns the recent connections, most recent first, without passwords. */
    public synchronized List<RecentConnection> getRecentConnections() {
        return recentConnections;
    }

    /**
     * Replaces the recent connections: passwords are removed, repeated URLs keep their first entry and only the
     * first {@value #MAX_RECENT} are kept.
     */
    public synchronized void setRecentConnections(List<RecentConnection> connections) {
        this.recentConnections = clean(connections == null ? List.of() : connections, null);
    }

    /**
     * Puts a connection first in the recent list, without its password. An older entry with the same URL is
     * dropped, and the list is cut to {@value #MAX_RECENT}.
     */
    public synchronized void remember(RecentConnection connection) {
        Objects.requireNonNull(connection, "connection");
        if (connection.url() == null || connection.url().isBlank()) {
            throw new IllegalArgumentException("a recent connection needs a URL such as " + RedisSettings.DEFAULT_URL);
        }
        List<RecentConnection> list = new ArrayList<>(recentConnections.size() + 1);
        list.add(connection);
        list.addAll(recentConnections);
        this.recentConnections = clean(list, null);
    }

    /**
     * Returns the URL without password and with the user kept as {@code user:@}, such as
     * {@code redis://alice:@127.0.0.1:6379/0}: {@link RedisSettings#parse(String)} reads a lone {@code alice@} as a
     * password, so the empty password after the colon keeps the user a user when the URL is read back. A URL that
     * does not parse is returned with its user-info part replaced by {@link RedisSettings#redact(String)}.
     */
    static String withoutPassword(String url) {
        RedisSettings settings;
        try {
            settings = RedisSettings.parse(url).build();
        } catch (IllegalArgumentException e) {
            String redacted = RedisSettings.redact(url);
            int at = redacted.lastIndexOf('@');
            // redact() returns a URL without "://" unchanged, so the part before '@' is dropped here.
            return redacted.contains("://") || at < 0 ? redacted : redacted.substring(at + 1);
        }
        String redacted = settings.redactedUrl();
        if (settings.user() == null || readsBackAsUser(redacted, settings.user())) {
            return redacted;
        }
        int at = redacted.indexOf('@');
        return redacted.substring(0, at) + ":" + redacted.substring(at);
    }

    private static boolean readsBackAsUser(String url, String user) {
        RedisSettings parsed = RedisSettings.parse(url).build();
        return user.equals(parsed.user()) && parsed.password() == null;
    }

    private static List<RecentConnection> clean(List<RecentConnection> connections, Path source) {
        Map<String, RecentConnection> byUrl = new LinkedHashMap<>();
        for (RecentConnection connection : connections) {
            if (connection == null || connection.url() == null || connection.url().isBlank()) {
                if (source != null) {
                    log.warn("Ignoring a recent connection without URL in {}", source);
                }
                continue;
            }
            RecentConnection safe = connection.withoutPassword();
            byUrl.putIfAbsent(safe.url(), safe);
            if (byUrl.size() == MAX_RECENT) {
                break;
            }
        }
        return List.copyOf(byUrl.values());
    }

    private static String normalizeTheme(String theme, Path source) {
        if (theme == null) {
            return DEFAULT_THEME;
        }
        String normalized = theme.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals(LIGHT) || normalized.equals(DARK)) {
            return normalized;
        }
        log.warn("Unknown theme '{}' in {}, using {}", theme, source, DEFAULT_THEME);
        return DEFAULT_THEME;
    }
}
