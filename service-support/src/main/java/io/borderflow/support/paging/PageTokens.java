package io.borderflow.support.paging;

import io.borderflow.support.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page tokens for keyset pagination. A token carries the last key of the page it follows and a fingerprint
 * of the filters it was issued for, so a token replayed with other filters is refused instead of silently skipping
 * rows, and an HMAC-SHA256 of both under the service's page-token secret: a token altered or made up by a client (a
 * key moved to skip a filter's rows, another carrier's position) is refused with INVALID_PAGE_TOKEN before any of it
 * is used. Tokens are not encrypted (the key is the position in a list the caller may read anyway), only signed.
 * <p>
 * The secret is one per process, set at start by {@link PageTokenSecret} from {@code borderflow.page-token.secret};
 * until then, and when that is unset (the local run, the tests), a random one: tokens then stop decoding at a
 * restart, and differ between replicas, so a deployment with more than one replica sets the secret (deploy/README.md).
 * Static rather than a bean so that the use cases keep issuing tokens with a plain call.
 */
public final class PageTokens {
    private static final String VERSION = "v2";
    private static final String MAC = "HmacSHA256";
    /** The first 16 bytes of the HMAC (128 bits): far beyond guessing, and a token stays short. */
    private static final int MAC_BYTES = 16;

    private static volatile SecretKeySpec secret = randomSecret();
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._:@/-]{1,200}");
    private static final String FIELD = "page_token";
    private static final String REASON = "INVALID_PAGE_TOKEN";

    private PageTokens() {}

    /** The token for the page after {@code lastKey} under the given filters. */
    public static String encode(String filters, String lastKey) {
        if (!SAFE_KEY.matcher(lastKey).matches()) {
            throw new IllegalArgumentException("page key not encodable: " + lastKey);
        }
        String plain = VERSION + "|" + fingerprint(filters) + "|" + lastKey;
        return base64(plain.getBytes(StandardCharsets.UTF_8)) + "." + base64(mac(filters, plain));
    }

    /**
     * Signs and checks tokens with {@code key} from now on (at least 32 bytes); tokens signed before no longer decode.
     */
    public static void useSecret(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a page-token secret needs at least 32 bytes, got " + key.length);
        }
        secret = new SecretKeySpec(key.clone(), MAC);
    }

    /**
     * The last key the token stands for, or empty for an empty token (first page).
     *
     * @throws InvalidArgumentException reason {@code INVALID_PAGE_TOKEN} when the token is malformed or was issued
     *         for other filters
     */
    public static Optional<String> decode(String token, String filters) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String[] signed = token.split("\\.", -1);
        String plain;
        byte[] mac;
        try {
            if (signed.length != 2) {
                throw new IllegalArgumentException("not a signed token");
            }
            plain = new String(Base64.getUrlDecoder().decode(signed[0]), StandardCharsets.UTF_8);
            mac = Base64.getUrlDecoder().decode(signed[1]);
        } catch (IllegalArgumentException notBase64) {
            throw invalid("page_token is not a token this service issued");
        }
        String[] parts = plain.split("\\|", -1);
        if (parts.length != 3
                || !VERSION.equals(parts[0])
                || !SAFE_KEY.matcher(parts[2]).matches()) {
            throw invalid("page_token is not a token this service issued");
        }
        if (!fingerprint(filters).equals(parts[1])) {
            throw invalid("page_token was issued for other filters; send the same filters as the first page");
        }
        if (!MessageDigest.isEqual(mac(filters, plain), mac)) {
            throw invalid("page_token is not a token this service issued");
        }
        return Optional.of(parts[2]);
    }

    /** A position in a list ordered by a time (to the microsecond; null sorts as "none") and then an id. */
    public record TimeKey(OffsetDateTime time, String id) {}

    /** The token for the page after the row at {@code time} (may be null) and {@code id} under the given filters. */
    public static String encode(String filters, OffsetDateTime time, String id) {
        return encode(
                filters,
                (time == null ? "" : String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant()))) + ":"
                        + id);
    }

    /**
     * The position a token of {@link #encode(String, OffsetDateTime, String)} stands for; empty for the first page.
     *
     * @throws InvalidArgumentException reason {@code INVALID_PAGE_TOKEN} as {@link #decode}
     */
    public static Optional<TimeKey> decodeTimeKey(String token, String filters) {
        return decode(token, filters).map(key -> {
            String[] parts = key.split(":", 2);
            try {
                OffsetDateTime time = parts[0].isEmpty()
                        ? null
                        : Instant.EPOCH
                                .plus(Long.parseLong(parts[0]), ChronoUnit.MICROS)
                                .atOffset(ZoneOffset.UTC);
                return new TimeKey(time, parts[1]);
            } catch (RuntimeException malformed) {
                throw invalid("page_token is not a token this service issued");
            }
        });
    }

    private static InvalidArgumentException invalid(String description) {
        return new InvalidArgumentException(REASON, FIELD, description);
    }

    private static String fingerprint(String filters) {
        return Integer.toHexString(filters.hashCode());
    }

    /** The HMAC of the token's text and of the filters themselves (the fingerprint only tells a mistake early). */
    private static byte[] mac(String filters, String plain) {
        try {
            Mac hmac = Mac.getInstance(MAC);
            hmac.init(secret);
            hmac.update(filters.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            byte[] full = hmac.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static SecretKeySpec randomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, MAC);
    }
}
