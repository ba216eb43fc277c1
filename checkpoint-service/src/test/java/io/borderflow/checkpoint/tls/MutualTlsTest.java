package io.borderflow.checkpoint.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestCertificates;
import io.borderflow.testsupport.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The working example of README's TLS section: the service serves gRPC and HTTP over TLS only, with certificates from
 * the Quarkus TLS registry, and requires a client certificate its trust store knows (mutual TLS, as for a partner
 * administration). Certificates are made in the test.
 */
@QuarkusTest
@TestProfile(MutualTlsTest.MutualTls.class)
class MutualTlsTest {
    static final Path DIR = Path.of("target", "tls-test").toAbsolutePath();

    /** The configuration an operator sets (here as properties; in a deployment as QUARKUS_TLS_... variables). */
    public static class MutualTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestCertificates.Stores stores = TestCertificates.in(DIR);
            return Map.of(
                    "quarkus.tls.key-store.p12.path",
                    stores.serverKeyStore().toString(),
                    "quarkus.tls.key-store.p12.password",
                    TestCertificates.PASSWORD,
                    "quarkus.tls.trust-store.p12.path",
                    stores.serverTrustStore().toString(),
                    "quarkus.tls.trust-store.p12.password",
                    TestCertificates.PASSWORD,
                    "quarkus.http.ssl.client-auth",
                    "required",
                    "quarkus.http.insecure-requests",
                    "disabled");
        }
    }

    private static int tlsPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    }

    @Test
    void partnerWithItsCertificateCallsOverTls() throws Exception {
        TestCertificates.Stores stores = TestCertificates.in(DIR);
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", tlsPort())
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient()
                                .keyManager(keyManager(stores.clientKeyStore()))
                                .trustManager(trustManager(stores.clientTrustStore())))
                        .build())
                .build();
        try {
            var checkpoint = CheckpointServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .withCallCredentials(TestTokens.as(Roles.PARTNER_CUSTOMS))
                    .getCheckpoint(GetCheckpointRequest.newBuilder()
                            .setName("checkpoints/zhaisan")
                            .build())
                    .getCheckpoint();
            assertThat(checkpoint.getBorder()).isEqualTo("KZ-RU");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(
                keyManager(stores.clientKeyStore()).getKeyManagers(),
                trustManager(stores.clientTrustStore()).getTrustManagers(),
                null);
        HttpResponse<String> ready = HttpClient.newBuilder()
                .sslContext(tls)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort() + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    @Test
    void clientWithoutACertificateIsRefused() throws Exception {
        TestCertificates.Stores stores = TestCertificates.in(DIR);
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", tlsPort())
                .sslContext(GrpcSslContexts.configure(
                                SslContextBuilder.forClient().trustManager(trustManager(stores.clientTrustStore())))
                        .build())
                .build();
        try {
            Throwable thrown = catchThrowable(() -> CheckpointServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .withCallCredentials(TestTokens.as(Roles.PARTNER_CUSTOMS))
                    .getCheckpoint(GetCheckpointRequest.newBuilder()
                            .setName("checkpoints/zhaisan")
                            .build()));
            assertThat(Status.fromThrowable(thrown).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static KeyManagerFactory keyManager(Path store) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load(store), TestCertificates.PASSWORD.toCharArray());
        return factory;
    }

    private static TrustManagerFactory trustManager(Path store) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load(store));
        return factory;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        return keyStore;
    }
}
