package io.borderflow.routing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.borderflow.api.routing.v1.ListPlacesRequest;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.DevIssuerTestResource;
import io.borderflow.testsupport.PostgresTestResource;
import io.borderflow.testsupport.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A production identity provider as Keycloak or a cloud IdP is one: the service is given the issuer's JWKS URL (not
 * a PEM), fetches the published keys over HTTP and accepts a token whose {@code kid} names one of them. Here a small
 * HTTP server publishes the key of an issuer of its own, so neither the development key nor its issuer is trusted.
 */
@QuarkusTest
@TestProfile(JwksIssuerTest.IdentityProvider.class)
class JwksIssuerTest {
    static final String ISSUER = "https://idp.example.org/realms/borderflow";
    static final String KEY_ID = "borderflow-signing-2026";

    @GrpcClient
    RoutingServiceGrpc.RoutingServiceBlockingStub client;

    /** Only this profile's resources: the database, and the identity provider in place of the development issuer. */
    public static class IdentityProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresTestResource.class), new TestResourceEntry(Jwks.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** Publishes the identity provider's key set at {@code /protocol/openid-connect/certs}, counting the fetches. */
    public static class Jwks implements QuarkusTestResourceLifecycleManager {
        static final DevTokenIssuer PROVIDER = DevTokenIssuer.ephemeral();
        static final AtomicInteger FETCHES = new AtomicInteger();
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            byte[] body = keySet(PROVIDER).getBytes(StandardCharsets.UTF_8);
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/realms/borderflow/protocol/openid-connect/certs", exchange -> {
                FETCHES.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            String certs = "http://127.0.0.1:" + server.getAddress().getPort()
                    + "/realms/borderflow/protocol/openid-connect/certs";
            // the service still signs its own peer calls with the development key; only callers' tokens change
            String serviceTokenKeys =
                    new DevIssuerTestResource().start().get("borderflow.service-token.dev-issuer-dir");
            return Map.of(
                    "mp.jwt.verify.issuer",
                    ISSUER,
                    "mp.jwt.verify.publickey.location",
                    certs,
                    "borderflow.service-token.dev-issuer-dir",
                    serviceTokenKeys);
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }

        static String keySet(DevTokenIssuer issuer) {
            try {
                byte[] der =
                        Base64.getMimeDecoder().decode(issuer.publicKeyPem().replaceAll("-----[A-Z ]+-----", ""));
                RSAPublicKey key =
                        (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID
                        + "\",\"n\":\"" + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent())
                        + "\"}]}";
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            if (bytes.length > 1 && bytes[0] == 0) {
                bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    private void listPlaces(String token) {
        client.withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.bearer(token))
                .listPlaces(ListPlacesRequest.newBuilder().setPageSize(1).build());
    }

    private static DevTokenIssuer.Token fromProvider(DevTokenIssuer signer) {
        return signer.token("platform-7").roles(Roles.FREIGHT_PLATFORM).issuer(ISSUER);
    }

    @Test
    void aTokenSignedWithAPublishedKeyIsAcceptedAfterTheKeySetIsFetched() {
        listPlaces(fromProvider(Jwks.PROVIDER).keyId(KEY_ID).sign());

        assertThat(Jwks.FETCHES.get())
                .as("the key set was fetched from the JWKS URL")
                .isPositive();
    }

    @Test
    void tokensTheKeySetDoesNotVouchForAreUnauthenticated() {
        Map<String, String> refused = Map.of(
                "a key id the provider does not publish",
                        fromProvider(Jwks.PROVIDER).keyId("rotated-away").sign(),
                "another key under the published key id",
                        fromProvider(DevTokenIssuer.ephemeral()).keyId(KEY_ID).sign(),
                "the development key, trusted elsewhere but not here",
                        fromProvider(TestTokens.issuer()).sign());
        refused.forEach((what, token) -> {
            Throwable thrown = catchThrowable(() -> listPlaces(token));
            assertThat(Status.fromThrowable(thrown).getCode()).as(what).isEqualTo(Status.Code.UNAUTHENTICATED);
        });
    }
}
