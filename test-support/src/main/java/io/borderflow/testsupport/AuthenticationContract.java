package io.borderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.grpc.CallCredentials;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Who may call at all, the same for every service: a read needs a valid token (of any role for public reference
 * data, of one of {@link #readerRoles()} otherwise, every other role getting PERMISSION_DENIED); a missing, forged,
 * expired, not-yet-valid, wrong-issuer or wrong-audience token gets UNAUTHENTICATED, with a message that says nothing
 * about the data. A service's test extends it with {@code @QuarkusTest}.
 */
public abstract class AuthenticationContract {

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
                assertThatCode(() -> readReferenceData(TestTokens.as(role))).as(role).doesNotThrowAnyException();
            } else {
                Throwable thrown = catchThrowable(() -> readReferenceData(TestTokens.as(role)));
                assertThat(Status.fromThrowable(thrown).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
            }
        }
    }

    @Test
    void noTokenIsUnauthenticated() {
        assertUnauthenticated(null);
    }

    @Test
    void garbageTokenIsUnauthenticated() {
        assertUnauthenticated(TestTokens.bearer("not.a.jwt"));
    }

    @Test
    void tokenSignedByAnotherKeyIsUnauthenticated() {
        assertUnauthenticated(TestTokens.bearer(DevTokenIssuer.ephemeral().token("mallory").roles(Roles.AUDITOR).sign()));
    }

    @Test
    void expiredTokenIsUnauthenticated() {
        Instant past = Instant.now().minus(Duration.ofHours(3));
        assertUnauthenticated(TestTokens.bearer(TestTokens.issuer().token("late").roles(Roles.FREIGHT_PLATFORM)
                .valid(past, past.plus(Duration.ofHours(1))).sign()));
    }

    @Test
    void notYetValidTokenIsUnauthenticated() {
        Instant future = Instant.now().plus(Duration.ofHours(3));
        assertUnauthenticated(TestTokens.bearer(TestTokens.issuer().token("early").roles(Roles.FREIGHT_PLATFORM)
                .valid(future, future.plus(Duration.ofHours(1))).sign()));
    }

    @Test
    void tokenOfAnotherIssuerIsUnauthenticated() {
        assertUnauthenticated(TestTokens.bearer(TestTokens.issuer().token("elsewhere").roles(Roles.FREIGHT_PLATFORM)
                .issuer("https://idp.example.org").sign()));
    }

    @Test
    void tokenForAnotherAudienceIsUnauthenticated() {
        assertUnauthenticated(TestTokens.bearer(TestTokens.issuer().token("other-app").roles(Roles.FREIGHT_PLATFORM)
                .audience("some-other-system").sign()));
    }

    /**
     * A write of the service that its writer role may call but that changes nothing (it is refused by the service
     * itself, e.g. an empty request): what a bad token gets instead is UNAUTHENTICATED, before any of that.
     */
    protected abstract void harmlessWrite(CallCredentials credentials);

    /** The roles and claims of a token the service accepts for {@link #harmlessWrite}. */
    protected abstract DevTokenIssuer.Token writer(DevTokenIssuer.Token token);

    @Test
    void aWriteWithAForgedExpiredOrForeignTokenIsUnauthenticated() {
        Instant past = Instant.now().minus(Duration.ofHours(3));
        for (CallCredentials bad : java.util.List.of(
                TestTokens.bearer(writer(DevTokenIssuer.ephemeral().token("mallory")).sign()),
                TestTokens.bearer(writer(TestTokens.issuer().token("late")).valid(past, past.plus(Duration.ofHours(1))).sign()),
                TestTokens.bearer(writer(TestTokens.issuer().token("other-app")).audience("some-other-system").sign()))) {
            assertRefusedAsUnauthenticated(() -> harmlessWrite(bad));
        }
        // the same write with a good token gets past authentication (and is refused, if at all, by the service)
        Throwable good = catchThrowable(() -> harmlessWrite(TestTokens.bearer(writer(TestTokens.issuer().token("writer"))
                .sign())));
        assertThat(good == null ? Status.Code.OK : Status.fromThrowable(good).getCode())
                .isNotIn(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);
    }

    private void assertUnauthenticated(CallCredentials credentials) {
        assertRefusedAsUnauthenticated(() -> readReferenceData(credentials));
    }

    private static void assertRefusedAsUnauthenticated(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call must be refused").isNotNull();
        Status status = Status.fromThrowable(thrown);
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(String.valueOf(status.getDescription())).doesNotContainIgnoringCase("zhaisan")
                .doesNotContainIgnoringCase("checkpoint ").doesNotContainIgnoringCase("exception");
    }
}
