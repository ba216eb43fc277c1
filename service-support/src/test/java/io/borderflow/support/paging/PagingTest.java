package io.borderflow.support.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.support.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

    @Test
    void tokenRoundTripsUnderTheSameFilters() {
        String token = PageTokens.encode("border=KZ-RU", "zhaisan");
        assertThat(PageTokens.decode(token, "border=KZ-RU")).contains("zhaisan");
    }

    @Test
    void emptyTokenMeansFirstPage() {
        assertThat(PageTokens.decode("", "x")).isEmpty();
    }

    @Test
    void tokenIssuedForOtherFiltersIsRefused() {
        String token = PageTokens.encode("border=KZ-RU", "zhaisan");
        assertThatThrownBy(() -> PageTokens.decode(token, "border=KZ-CN"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.reason()).isEqualTo("INVALID_PAGE_TOKEN"));
    }

    @Test
    void aTokenWithItsKeyChangedAndReencodedIsRefused() {
        String token = PageTokens.encode("carrier=kaz-trans-01", "booking-0040");
        // a client reads the token (base64 of "version|filters|key", then its signature), moves the key to another
        // position and encodes it again the same way, keeping or dropping what follows
        String[] signed = token.split("\\.");
        String plain = new String(Base64.getUrlDecoder().decode(signed[0]), StandardCharsets.UTF_8);
        String moved = plain.replace("booking-0040", "booking-0001");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(moved.getBytes(StandardCharsets.UTF_8));
        for (String attempt : List.of(forged, forged + (signed.length > 1 ? "." + signed[1] : ""))) {
            assertThatThrownBy(() -> PageTokens.decode(attempt, "carrier=kaz-trans-01"))
                    .as(attempt)
                    .isInstanceOfSatisfying(
                            InvalidArgumentException.class,
                            e -> assertThat(e.reason()).isEqualTo("INVALID_PAGE_TOKEN"));
        }
        assertThat(PageTokens.decode(token, "carrier=kaz-trans-01")).contains("booking-0040");
    }

    @Test
    void aTokenSignedUnderAnotherSecretIsRefused() {
        String token = PageTokens.encode("border=KZ-RU", "zhaisan");
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        PageTokens.useSecret(other);

        assertThatThrownBy(() -> PageTokens.decode(token, "border=KZ-RU"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.reason()).isEqualTo("INVALID_PAGE_TOKEN"));
        assertThatThrownBy(() -> PageTokens.useSecret(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 at all!", "Zm9v", "djF8YWJjfA", "%%%"})
    void garbageTokensAreRefused(String token) {
        assertThatThrownBy(() -> PageTokens.decode(token, "x"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.reason()).isEqualTo("INVALID_PAGE_TOKEN");
                    assertThat(e.violations()).extracting(v -> v.field()).containsExactly("page_token");
                });
    }

    @Test
    void pageSizeZeroIsTheDefaultAndBoundsAreInclusive() {
        assertThat(PageSize.resolve(0)).isEqualTo(PageSize.DEFAULT);
        assertThat(PageSize.resolve(1)).isEqualTo(1);
        assertThat(PageSize.resolve(PageSize.MAX)).isEqualTo(PageSize.MAX);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, PageSize.MAX + 1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void pageSizeOutOfRangeIsRefused(int size) {
        assertThatThrownBy(() -> PageSize.resolve(size))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.reason()).isEqualTo("INVALID_PAGE_SIZE"));
    }

    @Test
    void resourceNamesParseTheirId() {
        assertThat(ResourceNames.parseId("checkpoints", "checkpoints/nur-zholy", "name"))
                .isEqualTo("nur-zholy");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "nur-zholy",
                "checkpoints/",
                "checkpoints/Nur",
                "places/almaty",
                "checkpoints/a/b",
                "checkpoints/-x",
                "checkpoints/x-"
            })
    void malformedNamesAreRefused(String name) {
        assertThatThrownBy(() -> ResourceNames.parseId("checkpoints", name, "name"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.reason()).isEqualTo("INVALID_NAME"));
    }
}
