package org.hotcore.explorer.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} process on a free loopback port with its own temporary data folder, for tests
 * and for the embedded demo database.
 *
 * <p>The server never writes snapshots ({@code --save ""}, {@code --appendonly no}), so an RDB file given to
 * {@link Builder#rdbFile(Path)} is only read: the server loads a copy in its temporary folder. {@link #close()}
 * stops the process and deletes that folder, and a JVM shutdown hook does the same if the caller never
 * closes it. NOTE: a JVM killed with SIGKILL runs no shutdown hook, so its server keeps running.
 *
 * <p>The binary is chosen in this order: the system property {@value #BINARY_PROPERTY}, the environment
 * variable {@value #BINARY_ENVIRONMENT_VARIABLE}, {@code redis-server} on {@code PATH}, and last the binary
 * for this OS and architecture that the embedded-redis jar bundles (Redis 6.2 on Linux and macOS).
 */
public final class LocalRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRedisServer.class);

    /** System property naming the {@code redis-server} binary to run. It takes precedence over the environment variable and PATH. */
    public static final String BINARY_PROPERTY = "hotcore.redis.server";

    /** Environment variable naming the {@code redis-server} binary, used when the system property is unset. */
    public static final String BINARY_ENVIRONMENT_VARIABLE = "HOTCORE_REDIS_SERVER";

    static final String HOST = "127.0.0.1";
    static final String DB_FILENAME = "dump.rdb";
    static final String LOG_FILENAME = "redis-server.log";
    static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(20);
    static final int MAX_BIND_ATTEMPTS = 5;

    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final Duration STOP_STEP_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_INTERVAL_MILLIS = 50;
    private static final int LOG_TAIL_LINES = 20;

    private final Process process;
    private final int port;
    private final Path dataDirectory;
    private final String binary;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private LocalRedisServer(Process process, int port, Path dataDirectory, String binary) {
        this.process = process;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.binary = binary;
        this.shutdownHook = new Thread(this::close, "redis-server-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Returns a builder for a server with default settings: no RDB file, no memory limit. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the address the server listens on: always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** Returns the connection URL of database 0, such as {@code redis://127.0.0.1:6390/0}. */
    public String url() {
        return "redis://" + HOST + ":" + port + "/0";
    }

    /** Returns the temporary folder that contains the server's RDB file and its log. {@link #close()} deletes it. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Returns the path of the {@code redis-server} binary this server runs. */
    public String binary() {
        return binary;
    }

    /** Returns the process id of the server. */
    long pid() {
        return process.pid();
    }

    /**
     * Stops the server and deletes its data folder. Calling it again does nothing.
     *
     * <p>It sends {@code SHUTDOWN NOSAVE}, then falls back to SIGTERM and last to SIGKILL, waiting up to
     * 5 seconds after each step. A folder that cannot be deleted is logged, not thrown.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down, so the hook may run too and will find the server closed.
                log.debug("JVM shutdown in progress, keeping the shutdown hook of redis-server on port {}", port);
            }
        }
        boolean interrupted = false;
        try {
            stopProcess();
        } catch (InterruptedException e) {
            interrupted = true;
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        deleteQuietly(dataDirectory);
        log.info("Stopped redis-server (pid {}) on {}:{}", process.pid(), HOST, port);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopProcess() throws InterruptedException {
        if (process.isAlive()) {
            try (RespConnection connection = RespConnection.open(HOST, port, PROBE_TIMEOUT)) {
                connection.send("SHUTDOWN", "NOSAVE");
            } catch (IOException e) {
                log.debug("SHUTDOWN NOSAVE failed for redis-server on port {}, stopping it with a signal", port, e);
            }
        }
        if (waitForExit()) {
            return;
        }
        log.warn("redis-server (pid {}) on port {} did not stop within {} s after SHUTDOWN NOSAVE, sending SIGTERM",
                process.pid(), port, STOP_STEP_TIMEOUT.toSeconds());
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (waitForExit()) {
            return;
        }
        log.warn("redis-server (pid {}) on port {} did not stop within {} s after SIGTERM, killing it",
                process.pid(), port, STOP_STEP_TIMEOUT.toSeconds());
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!waitForExit()) {
            log.error("redis-server (pid {}) on port {} is still running after SIGKILL", process.pid(), port);
        }
    }

    private boolean waitForExit() throws InterruptedException {
        return process.waitFor(STOP_STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "LocalRedisServer[" + url() + ", pid " + process.pid() + ", " + binary + "]";
    }

    /** Settings for {@link LocalRedisServer}. Each call of {@link #start()} starts another server. */
    public static final class Builder {

        private Path rdbFile;
        private long maxMemoryBytes;
        private Path binary;
        private IntSupplier portPicker = Builder::pickFreePort;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private final List<String> extraArguments = new ArrayList<>();

        private Builder() {
        }

        /** Sets an RDB snapshot to load. The server loads a copy, so the original file and its folder stay untouched. */
        public Builder rdbFile(Path rdbFile) {
            this.rdbFile = Objects.requireNonNull(rdbFile, "rdbFile");
            return this;
        }

        /** Sets the server's {@code maxmemory} in bytes; by default the server has no memory limit. */
        public Builder maxMemoryBytes(long maxMemoryBytes) {
            if (maxMemoryBytes <= 0) {
                throw new IllegalArgumentException("maxMemoryBytes must be positive, got " + maxMemoryBytes);
            }
            this.maxMemoryBytes = maxMemoryBytes;
            return this;
        }

        /** Sets the {@code redis-server} binary to run, in place of the lookup described on {@link LocalRedisServer}. */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /** Adds server arguments after the default ones, for example {@code --tls-port 6380}. */
        public Builder argument(String... arguments) {
            extraArguments.addAll(List.of(arguments));
            return this;
        }

        /** Replaces the free-port lookup, so tests can hand out a port that is taken. */
        Builder portPicker(IntSupplier portPicker) {
            this.portPicker = Objects.requireNonNull(portPicker, "portPicker");
            return this;
        }

        Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * Starts the server and waits until it replies to PING with its data loaded.
         *
         * @throws IOException if no binary is found, the RDB file is missing, or the server exits or does not
         *                     become ready within 20 seconds. The message names the binary and includes the
         *                     last lines of the server's output.
         */
        public LocalRedisServer start() throws IOException {
            Path binaryPath = binary != null
                    ? RedisBinaries.requireExecutable(binary, "LocalRedisServer.Builder.binary")
                    : RedisBinaries.locate();
            if (rdbFile != null && !Files.isRegularFile(rdbFile)) {
                throw new IOException("RDB file not found: " + rdbFile.toAbsolutePath());
            }

            Path dataDirectory = Files.createTempDirectory("hotcore-redis-");
            try {
                if (rdbFile != null) {
                    Files.copy(rdbFile, dataDirectory.resolve(DB_FILENAME), StandardCopyOption.REPLACE_EXISTING);
                }
                return startInDirectory(binaryPath, dataDirectory);
            } catch (IOException | RuntimeException | Error e) {
                deleteQuietly(dataDirectory);
                throw e;
            }
        }

        private LocalRedisServer startInDirectory(Path binaryPath, Path dataDirectory) throws IOException {
            Path logFile = dataDirectory.resolve(LOG_FILENAME);
            for (int attempt = 1; attempt <= MAX_BIND_ATTEMPTS; attempt++) {
                int port = portPicker.getAsInt();
                Process process = launch(binaryPath, port, dataDirectory, logFile);
                boolean ready;
                try {
                    ready = awaitReady(process, binaryPath, port, logFile);
                } catch (IOException | RuntimeException e) {
                    process.destroyForcibly();
                    throw e;
                }
                if (ready) {
                    log.info("Started redis-server {} (pid {}) on {}:{} with data directory {}",
                            binaryPath, process.pid(), HOST, port, dataDirectory);
                    try {
                        return new LocalRedisServer(process, port, dataDirectory, binaryPath.toString());
                    } catch (RuntimeException e) {
                        process.destroyForcibly();
                        throw e;
                    }
                }
                log.warn("redis-server could not bind {}:{} (attempt {} of {}), retrying with another port",
                        HOST, port, attempt, MAX_BIND_ATTEMPTS);
            }
            throw new IOException("redis-server " + binaryPath + " could not bind a free port on " + HOST
                    + " in " + MAX_BIND_ATTEMPTS + " attempts. Last output:\n" + logTail(logFile));
        }

        private List<String> arguments(Path binaryPath, int port, Path dataDirectory) {
            List<String> command = new ArrayList<>(List.of(
                    binaryPath.toString(),
                    "--port", Integer.toString(port),
                    "--bind", HOST,
                    "--dir", dataDirectory.toAbsolutePath().toString(),
                    "--dbfilename", DB_FILENAME,
                    "--save", "",
                    "--appendonly", "no",
                    "--protected-mode", "yes",
                    "--daemonize", "no"));
            if (maxMemoryBytes > 0) {
                command.add("--maxmemory");
                command.add(Long.toString(maxMemoryBytes));
            }
            command.addAll(extraArguments);
            return command;
        }

        private Process launch(Path binaryPath, int port, Path dataDirectory, Path logFile) throws IOException {
            ProcessBuilder processBuilder = new ProcessBuilder(arguments(binaryPath, port, dataDirectory))
                    .directory(dataDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            Process process;
            try {
                process = processBuilder.start();
            } catch (IOException e) {
                throw new IOException("Could not start redis-server " + binaryPath + ": " + e.getMessage() + ". "
                        + RedisBinaries.INSTALL_HINT, e);
            }
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                log.debug("Could not close the standard input of redis-server (pid {})", process.pid(), e);
            }
            return process;
        }

        /**
         * Waits until the server replies PONG to PING, which Redis only does once the RDB file has loaded
         * (before that it replies {@code -LOADING}).
         *
         * @return true when ready, false when the server exited because its port was taken
         */
        private boolean awaitReady(Process process, Path binaryPath, int port, Path logFile) throws IOException {
            long deadline = System.nanoTime() + startTimeout.toNanos();
            String lastReply = "no connection";
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    String tail = logTail(logFile);
                    if (tail.contains("Address already in use")) {
                        return false;
                    }
                    String loading = rdbFile == null ? "" : " while loading a copy of " + rdbFile.toAbsolutePath();
                    throw new IOException("redis-server " + binaryPath + " exited with code " + process.exitValue()
                            + " before accepting connections on " + HOST + ":" + port + loading + ". Last output:\n"
                            + tail + "\nIf the binary is not a working redis-server 6.2 or newer: "
                            + RedisBinaries.INSTALL_HINT);
                }
                try (RespConnection connection = RespConnection.open(HOST, port, PROBE_TIMEOUT)) {
                    RespConnection.Reply reply = connection.call("PING");
                    lastReply = reply.text();
                    if (!reply.error() && "PONG".equals(reply.text()) && isServedBy(process, connection)) {
                        return true;
                    }
                } catch (IOException e) {
                    lastReply = e.toString();
                }
                sleep(process);
            }
            process.destroyForcibly();
            throw new IOException("Timed out after " + startTimeout.toSeconds() + " s waiting for redis-server "
                    + binaryPath + " on " + HOST + ":" + port + " to reply to PING with its data loaded (last reply: "
                    + lastReply + "). Last output:\n" + logTail(logFile));
        }

        /**
         * Checks that the server replying on the port is the one just started, or a child of it when the
         * binary is a wrapper script, and not another process that took the port first.
         */
        private static boolean isServedBy(Process process, RespConnection connection) throws IOException {
            RespConnection.Reply info = connection.call("INFO", "server");
            if (info.error() || info.text() == null) {
                return false;
            }
            long serverPid = -1;
            for (String line : info.text().split("\r\n")) {
                if (line.startsWith("process_id:")) {
                    serverPid = Long.parseLong(line.substring("process_id:".length()).trim());
                }
            }
            long expectedPid = serverPid;
            return expectedPid == process.pid()
                    || process.descendants().anyMatch(handle -> handle.pid() == expectedPid);
        }

        private static void sleep(Process process) throws InterruptedIOException {
            try {
                Thread.sleep(POLL_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                InterruptedIOException interrupted =
                        new InterruptedIOException("Interrupted while waiting for redis-server to start");
                interrupted.initCause(e);
                throw interrupted;
            }
        }

        private static int pickFreePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not find a free TCP port on " + HOST, e);
            }
        }
    }

    /** Returns the last lines of the server's log file, or a note that it could not be read. */
    static String logTail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return "(no output)";
            }
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e + ")";
        }
    }

    /** Deletes a folder tree, logging instead of throwing, because it runs during close. */
    static void deleteQuietly(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            log.debug("Data directory {} was already deleted", directory);
        } catch (IOException e) {
            log.warn("Could not delete redis-server data directory {}", directory, e);
        }
    }
}
