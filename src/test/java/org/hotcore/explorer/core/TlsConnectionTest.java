package org.hotcore.explorer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotcore.explorer.server.LocalRedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connects over TLS to a real redis-server that requires client certificates. The certificates are made by the
 * openssl command line at test time. Needs a redis-server built with TLS, as Debian's is; the embedded 6.2
 * binary is not.
 */
class TlsConnectionTest {

    private static Path folder;
    private static LocalRedisServer server;
    private static int tlsPort;

    @BeforeAll
    static void startTlsServer() throws Exception {
        folder = Files.createTempDirectory("hotcore-tls-test-");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=hotcore-test-ca");
        Files.writeString(folder.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        signedCertificate("server", "/CN=127.0.0.1", true);
        signedCertificate("client", "/CN=hotcore-test-client", false);
        openssl("pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:store-secret");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.crt",
                "-days", "2", "-subj", "/CN=unrelated-ca");

        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tlsPort = socket.getLocalPort();
        }
        server = LocalRedisServer.builder()
                .argument("--tls-port", Integer.toString(tlsPort),
                        "--tls-cert-file", folder.resolve("server.crt").toString(),
                        "--tls-key-file", folder.resolve("server.key").toString(),
                        "--tls-ca-cert-file", folder.resolve("ca.crt").toString(),
                        "--tls-auth-clients", "yes")
                .start();
    }

    @AfterAll
    static void stopTlsServer() throws IOException {
        if (server != null) {
            server.close();
        }
        if (folder != null) {
            try (var files = Files.walk(folder)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void signedCertificate(String name, String subject, boolean withSan) throws Exception {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", subject);
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey",
                "ca.key", "-CAcreateserial", "-out", name + ".crt", "-days", "2"));
        if (withSan) {
            sign.addAll(List.of("-extfile", "san.ext"));
        }
        openssl(sign.toArray(String[]::new));
    }

    private static void openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }

    private static RedisSettings settings(RedisSettings.TlsOptions tls) {
        return RedisSettings.parse("rediss://127.0.0.1:" + tlsPort + "/0").tlsOptions(tls).build();
    }

    private static void assertWorks(RedisSettings settings) {
        try (RedisConnection connection = new RedisConnection(settings, new CommandGuard(CommandGuard.DEFAULT_LIMIT))) {
            HotcoreStore store = new HotcoreStore(connection);
            String id = store.create(HotcoreStore.ROOT, Map.of(Bytes.utf8("name"), Bytes.utf8("over TLS")));
            assertThat(store.get(id).name()).isEqualTo("over TLS");
        }
    }

    @Test
    void pemClientCertificateConnects() {
        assertWorks(settings(new RedisSettings.TlsOptions(folder.resolve("ca.crt"), folder.resolve("client.crt"),
                folder.resolve("client.key"), null, true)));
    }

    @Test
    void pkcs12ClientCertificateConnects() {
        assertWorks(settings(new RedisSettings.TlsOptions(folder.resolve("ca.crt"), folder.resolve("client.p12"),
                null, "store-secret", true)));
    }

    @Test
    void missingClientCertificateFails() {
        RedisSettings settings = settings(new RedisSettings.TlsOptions(folder.resolve("ca.crt"), null, null, null,
                true));
        try (RedisConnection connection = new RedisConnection(settings, new CommandGuard(100))) {
            assertThatThrownBy(connection::ping)
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining("rediss://127.0.0.1:" + tlsPort + "/0");
        }
    }

    @Test
    void untrustedServerCertificateFails() {
        RedisSettings settings = settings(new RedisSettings.TlsOptions(folder.resolve("other-ca.crt"),
                folder.resolve("client.crt"), folder.resolve("client.key"), null, true));
        try (RedisConnection connection = new RedisConnection(settings, new CommandGuard(100))) {
            assertThatThrownBy(connection::ping)
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining("cannot reach Redis at rediss://127.0.0.1:" + tlsPort);
        }
    }

    @Test
    void caFileWithoutCertificateIsRejected() throws IOException {
        Path empty = folder.resolve("empty.pem");
        Files.writeString(empty, "not a certificate\n");
        RedisSettings.TlsOptions tls = new RedisSettings.TlsOptions(empty, null, null, null, true);

        assertThatThrownBy(() -> new RedisConnection(settings(tls), new CommandGuard(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.toString());
    }

    @Test
    void pemKeyWithoutKeyFileIsRejected() {
        RedisSettings.TlsOptions tls = new RedisSettings.TlsOptions(folder.resolve("ca.crt"),
                folder.resolve("client.crt"), null, null, true);

        assertThatThrownBy(() -> new RedisConnection(settings(tls), new CommandGuard(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing client key");
    }
}
