package io.borderflow.testsupport;

import io.borderflow.support.security.DevTokenIssuer;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * Tokens for tests, signed by the development issuer whose public key {@link DevIssuerTestResource} gives the
 * service under test. Both find the key pair in the module's {@code target/dev-issuer} folder.
 */
public final class TestTokens {
    static final Path KEYS = Path.of("target", "dev-issuer").toAbsolutePath();

    private TestTokens() {}

    public static DevTokenIssuer issuer() {
        return DevTokenIssuer.inFolder(KEYS);
    }

    /** A valid token of a test subject with the given roles. */
    public static String forRoles(String... roles) {
        return issuer().token("test-" + String.join("-", roles)).roles(roles).sign();
    }

    /** gRPC call credentials sending {@code authorization: Bearer <token>}. */
    public static CallCredentials bearer(String token) {
        return headers("authorization", "Bearer " + token);
    }

    /**
     * gRPC call credentials of a service acting for an end user: {@code authorization: Bearer <serviceToken>} and the
     * end user's token in {@code borderflow-on-behalf-of}, as {@code ServiceCredentials.actingFor} sends them.
     */
    public static CallCredentials actingFor(String serviceToken, String endUserToken) {
        return headers("authorization", "Bearer " + serviceToken, "borderflow-on-behalf-of", endUserToken);
    }

    /**
     * gRPC call credentials of a service acting later for a carrier: its own token and the carrier's id in
     * {@code borderflow-on-behalf-of-carrier}, as {@code ServiceCredentials.actingForCarrier} sends them.
     */
    public static CallCredentials actingForCarrier(String serviceToken, String carrierId) {
        return headers("authorization", "Bearer " + serviceToken, "borderflow-on-behalf-of-carrier", carrierId);
    }

    /** Call credentials sending these headers, given as name, value, name, value... */
    private static CallCredentials headers(String... namesAndValues) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                for (int i = 0; i < namesAndValues.length; i += 2) {
                    headers.put(
                            Metadata.Key.of(namesAndValues[i], Metadata.ASCII_STRING_MARSHALLER),
                            namesAndValues[i + 1]);
                }
                applier.apply(headers);
            }
        };
    }

    /** Call credentials of a valid token with the given roles. */
    public static CallCredentials as(String... roles) {
        return bearer(forRoles(roles));
    }
}
