package io.borderflow.support.paging;

import io.borderflow.support.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opaque page tokens for keyset pagination. A token carries the last key of the page it follows and a fingerprint
 * of the filters it was issued for, so a token replayed with other filters is refused instead of silently skipping
 * rows. Tokens are not secret (lists of reference data need no protection); they are only tamper-evident enough to
 * reject garbage.
 */
public final class PageTokens {
    private static final String VERSION = "v1";
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
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
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
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
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
}
