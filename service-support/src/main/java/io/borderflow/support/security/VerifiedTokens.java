package io.borderflow.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The JWT parser of the bearer-token mechanism, remembering the tokens it verified: a partner sends the same token
 * on thousands of calls until it expires, and checking its signature and parsing its claims again each time cost
 * more than most calls themselves. A token is verified in full (signature, issuer, audience, times) the first time it
 * is seen; afterwards the exact same token is taken as verified for at most {@link #REMEMBERED} and never past its
 * expiry, after which it goes through full verification again. Only tokens that verified are kept, at most
 * {@link #MAX_TOKENS} (Caffeine evicts the least useful beyond that, one at a time). When the issuer's keys change
 * ({@link VerificationKeys} notices a new key file or key set) every remembered token is forgotten, so a token of a
 * withdrawn key is refused as soon as the verifier no longer trusts that key, not at its expiry.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {
    static final int MAX_TOKENS = 10_000;
    /** How long a verified token is taken on trust: a few minutes bound what a key change leaves trusted. */
    static final Duration REMEMBERED = Duration.ofMinutes(5);

    private final JWTParser verifier;
    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier) {
        this(verifier, Clock.systemUTC());
    }

    VerifiedTokens(JWTParser verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.writing((String token, JsonWebToken jwt) -> until(jwt)))
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Optional<JsonWebToken> known = known(token);
        if (known.isPresent()) {
            return known.get();
        }
        JsonWebToken fresh = verifier.parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    /**
     * The claims of {@code token} if it was verified in the last few minutes and has not expired; empty when it would
     * have to be verified (or is not a token at all). Never verifies, so it is cheap enough for any thread.
     */
    public Optional<JsonWebToken> known(String token) {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && clock.instant().getEpochSecond() < known.getExpirationTime()) {
            return Optional.of(known);
        }
        return Optional.empty();
    }

    /** Forgets every token verified so far: the keys they were verified with may no longer be trusted. */
    public void keysChanged() {
        verified.invalidateAll();
    }

    /** {@link #REMEMBERED}, or less when the token expires sooner. */
    private Duration until(JsonWebToken jwt) {
        Duration left = Duration.between(clock.instant(), Instant.ofEpochSecond(jwt.getExpirationTime()));
        return left.isNegative() ? Duration.ZERO : left.compareTo(REMEMBERED) < 0 ? left : REMEMBERED;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
