package org.hotcore.explorer.server;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code redis-server} binary that {@link LocalRedisServer} runs.
 *
 * <p>Order: the system property {@value LocalRedisServer#BINARY_PROPERTY}, the environment variable
 * {@value LocalRedisServer#BINARY_ENVIRONMENT_VARIABLE}, {@code redis-server} on {@code PATH}, and last
 * the binary for this OS and architecture bundled in the embedded-redis jar, extracted to a cache folder.
 */
final class RedisBinaries {

    private static final Logger log = LoggerFactory.getLogger(RedisBinaries.class);

    /** Folder under {@code java.io.tmpdir} that caches binaries extracted from the embedded-redis jar. */
    static final String CACHE_FOLDER_NAME = "hotcore-explorer-redis";

    private static final Set<PosixFilePermission> EXECUTABLE_PERMISSIONS = PosixFilePermissions.fromString("rwxr-xr-x");

    static final String INSTALL_HINT = "Install redis-server (Debian and Ubuntu: apt-get install redis-server), "
            + "or set the system property " + LocalRedisServer.BINARY_PROPERTY + " or the environment variable "
            + LocalRedisServer.BINARY_ENVIRONMENT_VARIABLE + " to the path of a redis-server binary.";

    private RedisBinaries() {
    }

    /** Returns the binary to run, following the order in the class documentation. */
    static Path locate() throws IOException {
        String configured = System.getProperty(LocalRedisServer.BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return requireExecutable(Path.of(configured),
                    "the system property " + LocalRedisServer.BINARY_PROPERTY);
        }
        configured = System.getenv(LocalRedisServer.BINARY_ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return requireExecutable(Path.of(configured),
                    "the environment variable " + LocalRedisServer.BINARY_ENVIRONMENT_VARIABLE);
        }
        Optional<Path> onPath = findOnPath(System.getenv("PATH"));
        if (onPath.isPresent()) {
            return onPath.get();
        }
        log.debug("No redis-server on PATH, using the binary bundled in the embedded-redis jar");
        return extractEmbedded();
    }

    /** Checks that {@code binary} is an executable regular file, naming {@code source} in the error. */
    static Path requireExecutable(Path binary, String source) throws IOException {
        if (!Files.isRegularFile(binary)) {
            throw new IOException("redis-server binary not found: " + binary + " (set by " + source + "). "
                    + INSTALL_HINT);
        }
        if (!Files.isExecutable(binary)) {
            throw new IOException("redis-server binary is not executable: " + binary + " (set by " + source
                    + "). Run chmod +x on it or point " + source + " at another binary.");
        }
        return binary.toAbsolutePath();
    }

    /**
     * Returns the first executable {@code redis-server} in the entries of {@code pathVariable}.
     *
     * <p>Symbolic links are kept as they are: Debian links {@code redis-server} to
     * {@code redis-check-rdb}, and that binary picks its role from the name it was started under.
     */
    static Optional<Path> findOnPath(String pathVariable) {
        if (pathVariable == null || pathVariable.isBlank()) {
            return Optional.empty();
        }
        String fileName = isWindows() ? "redis-server.exe" : "redis-server";
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate;
            try {
                candidate = Path.of(entry, fileName);
            } catch (RuntimeException e) {
                log.debug("Skipping invalid PATH entry '{}'", entry, e);
                continue;
            }
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the name of the binary resource in the embedded-redis 1.4.3 jar for an OS and architecture,
     * as given by the system properties {@code os.name} and {@code os.arch}, or empty if the jar has none.
     * packaging/jpackage.sh keeps only this binary in the packaged jar, with a copy of this table.
     */
    static Optional<String> embeddedResourceName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean amd64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        boolean x86 = arch.equals("x86") || arch.equals("i386") || arch.equals("i686");
        if (os.contains("linux")) {
            if (amd64) {
                return Optional.of("redis-server-6.2.6-v5-linux-amd64");
            }
            if (arm64) {
                return Optional.of("redis-server-6.2.7-linux-arm64");
            }
            if (x86) {
                return Optional.of("redis-server-6.2.7-linux-386");
            }
        } else if (os.contains("mac") || os.contains("darwin")) {
            if (amd64) {
                return Optional.of("redis-server-6.2.6-v5-darwin-amd64");
            }
            if (arm64) {
                return Optional.of("redis-server-6.2.6-v5-darwin-arm64");
            }
        } else if (os.contains("windows") && amd64) {
            // NOTE: this Windows build (5.0.14.1) has never been started by this project's tests.
            return Optional.of("redis-server-5.0.14.1-windows-amd64.exe");
        }
        return Optional.empty();
    }

    /**
     * Extracts the embedded-redis binary for this OS and architecture into the cache folder and returns it.
     *
     * <p>A cached copy is reused when it has the resource's size and belongs to the current user. A new copy
     * is written to a temporary file and then renamed, so a process that runs in parallel never starts a
     * partly written binary.
     */
    static synchronized Path extractEmbedded() throws IOException {
        String osName = System.getProperty("os.name", "");
        String osArch = System.getProperty("os.arch", "");
        String resourceName = embeddedResourceName(osName, osArch).orElseThrow(() -> new IOException(
                "The embedded-redis jar has no redis-server binary for " + osName + " " + osArch + ". "
                        + INSTALL_HINT));

        URL resource = RedisBinaries.class.getResource("/" + resourceName);
        if (resource == null) {
            throw new IOException("redis-server binary resource /" + resourceName
                    + " not found on the classpath: the embedded-redis jar is missing. " + INSTALL_HINT);
        }
        URLConnection connection = resource.openConnection();
        long expectedSize = connection.getContentLengthLong();

        Path cacheFolder = Path.of(System.getProperty("java.io.tmpdir"), CACHE_FOLDER_NAME);
        Files.createDirectories(cacheFolder);
        Path target = cacheFolder.resolve(resourceName);
        if (isReusable(target, expectedSize)) {
            connection.getInputStream().close();
            return target.toAbsolutePath();
        }

        Path partial = Files.createTempFile(cacheFolder, resourceName, ".partial");
        try {
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            makeExecutable(partial);
            moveIntoPlace(partial, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        log.info("Extracted redis-server binary {} to {}", resourceName, target);
        return target.toAbsolutePath();
    }

    private static boolean isReusable(Path target, long expectedSize) {
        try {
            if (!Files.isRegularFile(target) || !Files.isExecutable(target)) {
                return false;
            }
            if (expectedSize >= 0 && Files.size(target) != expectedSize) {
                return false;
            }
            return isOwnedByCurrentUser(target);
        } catch (IOException | RuntimeException e) {
            log.debug("Not reusing cached redis-server binary {}", target, e);
            return false;
        }
    }

    /** Compares owners through a fresh temporary file, because {@code user.name} need not name a system user. */
    private static boolean isOwnedByCurrentUser(Path target) throws IOException {
        Path probe = Files.createTempFile(target.getParent(), "owner", ".probe");
        try {
            UserPrincipal currentUser = Files.getOwner(probe);
            return currentUser.equals(Files.getOwner(target));
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, EXECUTABLE_PERMISSIONS);
        } catch (UnsupportedOperationException e) {
            if (!file.toFile().setExecutable(true)) {
                throw new IOException("Could not make " + file + " executable", e);
            }
        }
    }

    private static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows");
    }
}
