package org.hotcore.explorer.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the socket factory for {@code rediss://} connections from PEM or PKCS#12 files. */
final class TlsSocketFactories {

    private TlsSocketFactories() {
    }

    static SSLSocketFactory create(RedisSettings.TlsOptions options) {
        try {
            TrustManagerFactory trust = null;
            if (options.caFile() != null) {
                KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
                trustStore.load(null, null);
                List<Certificate> certificates = readCertificates(options.caFile());
                if (certificates.isEmpty()) {
                    throw new IllegalArgumentException("invalid CA file '" + options.caFile()
                            + "': it contains no PEM certificate; give the CA certificate that signed the server's");
                }
                for (int i = 0; i < certificates.size(); i++) {
                    trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore);
            }

            KeyManagerFactory keys = null;
            if (options.clientCertificate() != null) {
                char[] password = options.keyStorePassword() == null
                        ? new char[0] : options.keyStorePassword().toCharArray();
                KeyStore keyStore = clientKeyStore(options, password);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore, password);
            }

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(),
                    trust == null ? null : trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS from " + options + ": " + e.getMessage()
                    + "; check that the files exist and are PEM or PKCS#12", e);
        }
    }

    private static KeyStore clientKeyStore(RedisSettings.TlsOptions options, char[] password)
            throws IOException, GeneralSecurityException {
        Path certificate = options.clientCertificate();
        String name = certificate.getFileName().toString().toLowerCase();
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(certificate)) {
                store.load(in, password);
            }
            return store;
        }
        if (options.clientKey() == null) {
            throw new IllegalArgumentException("missing client key for certificate '" + certificate
                    + "': give the PEM private key file too, or a PKCS#12 file (.p12) that holds both");
        }
        List<Certificate> chain = readCertificates(certificate);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("invalid client certificate '" + certificate
                    + "': it contains no PEM certificate");
        }
        PrivateKey key = readPrivateKey(options.clientKey());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
        return store;
    }

    private static List<Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(file)) {
            return new ArrayList<>(factory.generateCertificates(in));
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("unsupported private key '" + file + "': it must be unencrypted PKCS#8"
                    + " PEM (BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }
}
