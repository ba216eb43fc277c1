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

    private void assertUnauthenticated(CallCredentials credentials) {
        Throwable thrown = catchThrowable(() -> readReferenceData(credentials));
        assertThat(thrown).as("the call must be refused").isNotNull();
        Status status = Status.fromThrowable(thrown);
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(String.valueOf(status.getDescription())).doesNotContainIgnoringCase("zhaisan")
                .doesNotContainIgnoringCase("checkpoint ").doesNotContainIgnoringCase("exception");
    }
}
