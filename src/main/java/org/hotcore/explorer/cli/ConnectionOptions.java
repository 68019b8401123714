package org.hotcore.explorer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hotcore.explorer.core.CommandGuard;
import org.hotcore.explorer.core.HotcoreStore;
import org.hotcore.explorer.core.RedisSettings;
import picocli.CommandLine.Option;

/** The connection options every command takes, parsed into {@link RedisSettings}. */
final class ConnectionOptions {

    @Option(names = "--redis", paramLabel = "URL", defaultValue = RedisSettings.DEFAULT_URL,
            description = "Redis server as redis[s]://[user[:password]@]host[:port][/database]"
                    + " (default: ${DEFAULT-VALUE}). Without a password here, REDISCLI_AUTH or REDIS_PASSWORD"
                    + " gives it. No password is ever printed.")
    String url;

    @Option(names = "--ask-password",
            description = "Prompt for the password on the terminal when neither the URL nor REDISCLI_AUTH or"
                    + " REDIS_PASSWORD give one.")
    boolean askPassword;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "PEM file of the CA certificates to trust (rediss:// only; default: the JDK's trust store).")
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Client certificate: a PEM file with --tls-key, or a PKCS#12 file (.p12) that contains the"
                    + " key too (rediss:// only).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "Unencrypted PKCS#8 PEM private key of the client certificate (rediss:// only).")
    Path tlsKey;

    @Option(names = "--connect-timeout", paramLabel = "MS", defaultValue = "5000",
            description = "TCP connect timeout in milliseconds (default: ${DEFAULT-VALUE}).")
    int connectTimeoutMillis;

    @Option(names = "--read-timeout", paramLabel = "MS", defaultValue = "30000",
            description = "Time to wait for each reply, in milliseconds (default: ${DEFAULT-VALUE}).")
    int readTimeoutMillis;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "" + HotcoreStore.DEFAULT_RETRIES,
            description = "Attempts after the first when a transaction is aborted by a concurrent write"
                    + " (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--queue-limit", paramLabel = "N", defaultValue = "" + CommandGuard.DEFAULT_LIMIT,
            description = "Maximum number of commands in one pipeline or transaction; a larger batch is rejected"
                    + " before it is sent (default: ${DEFAULT-VALUE}).")
    int queueLimit;

    @Option(names = "--read-only",
            description = "Reject every write: create, set, unset, move, delete and check --repair fail with exit"
                    + " code 1 before they send anything.")
    boolean readOnly;

    /**
     * Builds the settings: the URL, then the timeouts and TLS files, then a password from the environment, then
     * one from the terminal prompt when {@code --ask-password} is given and no password was found.
     *
     * @throws IllegalArgumentException naming the option whose value is invalid
     */
    RedisSettings settings(CliContext context) {
        requirePositive("--connect-timeout", connectTimeoutMillis, "milliseconds");
        requirePositive("--read-timeout", readTimeoutMillis, "milliseconds");
        if (retries < 0) {
            throw new IllegalArgumentException("invalid --retries " + retries + ": use 0 or more");
        }
        requirePositive("--queue-limit", queueLimit, "commands");

        RedisSettings.Builder builder = RedisSettings.parse(url)
                .connectTimeoutMillis(connectTimeoutMillis)
                .readTimeoutMillis(readTimeoutMillis)
                // A command uses one connection at a time.
                .poolSize(2);
        RedisSettings parsed = builder.build();
        if (tlsCa != null || tlsCert != null || tlsKey != null) {
            if (!parsed.tls()) {
                throw new IllegalArgumentException("--tls-ca, --tls-cert and --tls-key need a rediss:// URL, but the"
                        + " URL is " + parsed.redactedUrl() + "; write rediss:// to connect with TLS");
            }
            requireReadable("--tls-ca", tlsCa);
            requireReadable("--tls-cert", tlsCert);
            requireReadable("--tls-key", tlsKey);
            builder.tlsOptions(new RedisSettings.TlsOptions(tlsCa, tlsCert, tlsKey, null, true));
        }

        RedisSettings settings = builder.build().withPasswordFrom(context.environment());
        if (askPassword && !settings.hasPassword()) {
            char[] password = context.terminal().readPassword("Password for " + settings.redactedUrl() + ": ");
            if (password == null) {
                throw new IllegalArgumentException("--ask-password needs a terminal to read the password from; set"
                        + " REDISCLI_AUTH in the environment instead");
            }
            try {
                settings = settings.toBuilder().password(new String(password)).build();
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        return settings;
    }

    private static void requirePositive(String option, int value, String unit) {
        if (value < 1) {
            throw new IllegalArgumentException("invalid " + option + " " + value + ": use a positive number of "
                    + unit);
        }
    }

    private static void requireReadable(String option, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalArgumentException("invalid " + option + " '" + file + "': the file does not exist or"
                    + " cannot be read");
        }
    }
}
