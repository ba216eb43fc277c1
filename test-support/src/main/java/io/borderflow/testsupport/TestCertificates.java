package io.borderflow.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for TLS tests, made with the JDK's keytool: a server key store for {@code localhost}, a
 * client (partner administration) key store, and trust stores that trust each side's certificate. All PKCS#12 with
 * the password {@value #PASSWORD}; created once per folder.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";

    private TestCertificates() {}

    /** Paths of the generated stores. */
    public record Stores(Path serverKeyStore, Path serverTrustStore, Path clientKeyStore, Path clientTrustStore) {}

    public static synchronized Stores in(Path dir) {
        Stores stores = new Stores(
                dir.resolve("server-keystore.p12"),
                dir.resolve("server-truststore.p12"),
                dir.resolve("client-keystore.p12"),
                dir.resolve("client-truststore.p12"));
        if (Files.exists(stores.clientTrustStore())) {
            return stores;
        }
        try {
            Files.createDirectories(dir);
            keypair(stores.serverKeyStore(), "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
            keypair(stores.clientKeyStore(), "partner", "CN=partner-customs.example", null);
            exportAndTrust(stores.serverKeyStore(), "server", dir.resolve("server.crt"), stores.clientTrustStore());
            exportAndTrust(stores.clientKeyStore(), "partner", dir.resolve("partner.crt"), stores.serverTrustStore());
            return stores;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create test certificates in " + dir, e);
        }
    }

    private static void keypair(Path store, String alias, String dname, String san) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                dname,
                "-validity",
                "3",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
        if (san != null) {
            command.addAll(List.of("-ext", san));
        }
        keytool(command);
    }

    private static void exportAndTrust(Path keyStore, String alias, Path certificate, Path trustStore)
            throws IOException {
        keytool(List.of(
                "-exportcert",
                "-rfc",
                "-alias",
                alias,
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                certificate.toString()));
        keytool(List.of(
                "-importcert",
                "-noprompt",
                "-alias",
                alias,
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                PASSWORD));
    }

    private static void keytool(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(
                        "keytool failed: " + new String(process.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
