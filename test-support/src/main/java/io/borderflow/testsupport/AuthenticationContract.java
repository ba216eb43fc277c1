package io.borderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.grpc.CallCredentials;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Who may call at all, the same for every service: a read needs a valid token (of any role for public reference
 * data, of one of {@link #readerRoles()} otherwise, every other role getting PERMISSION_DENIED); a missing, forged,
 * expired, not-yet-valid, wrong-issuer or wrong-audience token, an unsigned one ({@code alg: none}) or one signed
 * HS256 with the issuer's public key as the secret (key confusion) gets UNAUTHENTICATED, with a message that says nothing
 * about the data; a write with such a token, or with a valid token of a role that only reads, stores nothing. A service's test extends it with {@code @QuarkusTest}.
 */
public abstract class AuthenticationContract {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Makes one read call of the service's API with these credentials (null: none). */
    protected abstract void readReferenceData(CallCredentials credentials);

    /** The roles the read of {@link #readReferenceData} allows; all of them for public reference data. */
    protected java.util.Set<String> readerRoles() {
        return java.util.Set.copyOf(Roles.all());
    }

    @Test
    void aValidTokenOfAReaderRoleMayReadAndOthersAreRefusedByRole() {
        for (String role : Roles.all()) {
            if (readerRoles().contains(role)) {
                assertThatCode(() -> readReferenceData(TestTokens.as(role)))
                        .as(role)
                        .doesNotThrowAnyException();
            } else {
                Throwable thrown = catchThrowable(() -> readReferenceData(TestTokens.as(role)));
                assertThat(Status.fromThrowable(thrown).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
            }
        }
    }

    @Test
    void aReadWithAMissingForgedExpiredOrForeignTokenIsUnauthenticated() {
        badTokens(token -> token.roles(Roles.FREIGHT_PLATFORM))
                .forEach((kind, credentials) ->
                        assertRefusedAsUnauthenticated(kind, () -> readReferenceData(credentials)));
    }

    /**
     * Every kind of token that must be refused as UNAUTHENTICATED, by what is wrong with it, each with the roles and
     * claims {@code claims} gives it (null: no token at all).
     */
    private static Map<String, CallCredentials> badTokens(UnaryOperator<DevTokenIssuer.Token> claims) {
        Instant past = Instant.now().minus(Duration.ofHours(3));
        Instant future = Instant.now().plus(Duration.ofHours(3));
        Map<String, CallCredentials> bad = new LinkedHashMap<>();
        bad.put("missing", null);
        bad.put("not a JWT", TestTokens.bearer("not.a.jwt"));
        bad.put(
                "signed by another key",
                TestTokens.bearer(claims.apply(DevTokenIssuer.ephemeral().token("mallory"))
                        .sign()));
        bad.put(
                "expired",
                TestTokens.bearer(claims.apply(TestTokens.issuer().token("late"))
                        .valid(past, past.plus(Duration.ofHours(1)))
                        .sign()));
        bad.put(
                "not yet valid",
                TestTokens.bearer(claims.apply(TestTokens.issuer().token("early"))
                        .valid(future, future.plus(Duration.ofHours(1)))
                        .sign()));
        bad.put(
                "of another issuer",
                TestTokens.bearer(claims.apply(TestTokens.issuer().token("elsewhere"))
                        .issuer("https://idp.example.org")
                        .sign()));
        bad.put(
                "for another audience",
                TestTokens.bearer(claims.apply(TestTokens.issuer().token("other-app"))
                        .audience("some-other-system")
                        .sign()));
        // the good claims of a token the service would accept, re-signed by an attacker who has no private key
        String[] good =
                claims.apply(TestTokens.issuer().token("attacker")).sign().split("\\.");
        bad.put("unsigned (alg none)", TestTokens.bearer(unsigned(good[1])));
        // key confusion: HS256 with the issuer's public key (which anyone may have) as the HMAC secret, in the two
        // forms a verifier could take it, the PEM text and the DER bytes
        String pem = TestTokens.issuer().publicKeyPem();
        bad.put(
                "signed HS256 with the issuer's public key as PEM text",
                TestTokens.bearer(hs256(good[1], pem.getBytes(StandardCharsets.US_ASCII))));
        bad.put(
                "signed HS256 with the issuer's public key as DER bytes",
                TestTokens.bearer(hs256(
                        good[1],
                        Base64.getMimeDecoder()
                                .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip()))));
        return bad;
    }

    /** A token with {@code alg: none} and no signature, as RFC 7519 section 6 writes one. */
    private static String unsigned(String payload) {
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII)) + "." + payload + ".";
    }

    private static String hs256(String payload, byte[] secret) {
        try {
            String signed =
                    base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII)) + "." + payload;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signed + "." + base64(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A real write of the service, one that {@link #writer} may make and that is stored when it is allowed, made
     * unique by {@code key} (8 lower-case letters and digits, starting with a letter), e.g. an arrival of the truck
     * with that plate.
     */
    protected abstract void write(CallCredentials credentials, String key);

    /** Whether the write of {@code key} was stored, read back with a valid token. */
    protected abstract boolean stored(String key);

    /** The roles and claims of a token the service accepts for {@link #write}. */
    protected abstract DevTokenIssuer.Token writer(DevTokenIssuer.Token token);

    /** Undoes what the accepted write of {@code key} changed, where other tests could see it; nothing by default. */
    protected void undo(String key) {}

    @Test
    void aWriteWithAMissingForgedExpiredOrForeignTokenIsUnauthenticatedAndStoresNothing() {
        badTokens(this::writer).forEach((kind, credentials) -> {
            String key = key();
            assertRefusedAsUnauthenticated(kind, () -> write(credentials, key));
            assertThat(stored(key)).as("stored with a token " + kind).isFalse();
        });
        // the same write with a good token is stored: the check above could have seen it
        String key = key();
        try {
            assertThatCode(() -> write(
                            TestTokens.bearer(
                                    writer(TestTokens.issuer().token("writer")).sign()),
                            key))
                    .doesNotThrowAnyException();
            assertThat(stored(key)).as("stored with a good token").isTrue();
        } finally {
            undo(key);
        }
    }

    @Test
    void aWriteWithAValidTokenOfAReadingRoleIsPermissionDeniedAndStoresNothing() {
        for (String role : List.of(Roles.AUDITOR, Roles.FREIGHT_PLATFORM)) {
            String key = key();
            Throwable thrown = catchThrowable(() -> write(TestTokens.as(role), key));
            assertThat(Status.fromThrowable(thrown).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(stored(key)).as("stored for " + role).isFalse();
        }
    }

    private static String key() {
        String letters = "abcdefghjkmnprstuvwxyz";
        String alphanumeric = letters + "0123456789";
        StringBuilder key = new StringBuilder().append(letters.charAt(RANDOM.nextInt(letters.length())));
        for (int i = 1; i < 8; i++) {
            key.append(alphanumeric.charAt(RANDOM.nextInt(alphanumeric.length())));
        }
        return key.toString();
    }

    private static void assertRefusedAsUnauthenticated(
            String kind, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown)
                .as("a call with a token " + kind + " must be refused")
                .isNotNull();
        Status status = Status.fromThrowable(thrown);
        assertThat(status.getCode()).as(kind).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(String.valueOf(status.getDescription()))
                .doesNotContainIgnoringCase("zhaisan")
                .doesNotContainIgnoringCase("checkpoint ")
                .doesNotContainIgnoringCase("exception");
    }
}
