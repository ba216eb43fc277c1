package io.borderflow.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** A verifier that accepts tokens named "good-<exp epoch seconds>" and counts what it was asked. */
    private static final class CountingVerifier extends DefaultJWTParser {
        final List<String> asked = new ArrayList<>();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            asked.add(token);
            if (!token.startsWith("good-")) {
                throw new ParseException("bad signature");
            }
            long exp = Long.parseLong(token.substring(5));
            if (exp <= NOW.getEpochSecond() - 3600) {
                throw new ParseException("expired");
            }
            return token(token, exp);
        }
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgainUntilItExpires() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        String token = "good-" + NOW.plusSeconds(600).getEpochSecond();
        VerifiedTokens tokens = new VerifiedTokens(verifier, at(NOW));

        JsonWebToken first = tokens.parse(token);
        JsonWebToken second = tokens.parse(token);

        assertThat(second).isSameAs(first);
        assertThat(verifier.asked).containsExactly(token);
    }

    @Test
    void pastItsExpiryATokenIsVerifiedInFullAgain() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        long exp = NOW.plusSeconds(600).getEpochSecond();
        String token = "good-" + exp;
        new VerifiedTokens(verifier, at(NOW)).parse(token);
        VerifiedTokens later = new VerifiedTokens(verifier, at(Instant.ofEpochSecond(exp)));
        later.parse(token);
        later.parse(token);

        // the fresh instance verified once; the same token at its expiry second is never taken from memory
        assertThat(verifier.asked).hasSize(3);
    }

    @Test
    void aTokenThatFailedIsNotRemembered() {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, at(NOW));

        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);

        assertThat(verifier.asked).containsExactly("forged", "forged");
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aVerifiedTokenIsRememberedForFiveMinutesEvenWhenItLivesLonger() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        MovingClock clock = new MovingClock();
        // valid for an hour: it used to be taken on trust for that whole hour
        String token = "good-" + NOW.plusSeconds(3600).getEpochSecond();
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

        tokens.parse(token);
        clock.now = NOW.plus(Duration.ofMinutes(4));
        tokens.parse(token);
        assertThat(verifier.asked).hasSize(1);

        // 5 minutes after it was verified, it is verified again
        clock.now = NOW.plus(Duration.ofMinutes(5)).plusSeconds(1);
        tokens.parse(token);
        assertThat(verifier.asked).hasSize(2);
    }

    @Test
    void whenTheVerificationKeysChangeEveryRememberedTokenIsVerifiedAgain(@TempDir Path dir) throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, at(NOW));
        Path keyFile = dir.resolve("public-key.pem");
        Files.writeString(keyFile, DevTokenIssuer.ephemeral().publicKeyPem());
        VerificationKeys keys =
                new VerificationKeys(Optional.of(keyFile.toUri().toString()), Duration.ofMinutes(1), tokens);
        String token = "good-" + NOW.plusSeconds(600).getEpochSecond();

        keys.check();
        tokens.parse(token);
        // the same key written again is no change
        Files.writeString(keyFile, "\n" + Files.readString(keyFile));
        keys.check();
        tokens.parse(token);
        assertThat(verifier.asked).hasSize(1);

        // the issuer's key is replaced (rotated, or withdrawn after a leak): what it verified is forgotten
        Files.writeString(keyFile, DevTokenIssuer.ephemeral().publicKeyPem());
        keys.check();
        tokens.parse(token);
        assertThat(verifier.asked).hasSize(2);
    }

    private static JsonWebToken token(String raw, long exp) {
        Map<String, Object> claims = Map.of("raw_token", raw, "exp", exp, "sub", "partner");
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "partner";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
    }
}
