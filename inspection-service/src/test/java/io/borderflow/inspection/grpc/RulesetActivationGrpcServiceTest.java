package io.borderflow.inspection.grpc;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.borderflow.api.inspection.v1.ActivateRulesetRequest;
import io.borderflow.api.inspection.v1.CreateRulesetRequest;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.ListAuditRecordsRequest;
import io.borderflow.api.inspection.v1.ListRulesetsRequest;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.RulesetState;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ActivateRuleset. The tests share the database with every other test of the run, and an activation changes what
 * decides declarations, so they only ever activate far in the future (the version is SCHEDULED and decides nothing
 * now), each after every activation stored so far, whatever order the tests run in.
 */
@QuarkusTest
class RulesetActivationGrpcServiceTest {
    private static final CallCredentials ANALYST = TestTokens.as(Roles.RISK_ANALYST);
    /** No test activates anything before this. */
    private static final Instant FAR_FUTURE = Instant.parse("2090-01-01T00:00:00Z");

    @GrpcClient
    InspectionServiceBlockingStub inspection;

    private InspectionServiceBlockingStub as(CallCredentials credentials) {
        return inspection.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private Ruleset draft(String title) {
        return as(ANALYST)
                .createRuleset(CreateRulesetRequest.newBuilder()
                        .setRequestId("ruleset-" + UUID.randomUUID())
                        .setRuleset(RulesetDrafts.minimal(
                                title + " " + UUID.randomUUID().toString().substring(0, 8)))
                        .build())
                .getRuleset();
    }

    private Ruleset activate(String name, Instant when) {
        return activate(ANALYST, name, when);
    }

    private Ruleset activate(CallCredentials credentials, String name, Instant when) {
        return as(credentials)
                .activateRuleset(ActivateRulesetRequest.newBuilder()
                        .setName(name)
                        .setActivateTime(RulesetDrafts.timestamp(when))
                        .build())
                .getRuleset();
    }

    private Ruleset get(String name) {
        return as(ANALYST)
                .getRuleset(GetRulesetRequest.newBuilder().setName(name).build())
                .getRuleset();
    }

    /** A far-future time after every activation stored so far: 30 days after the latest, 2090 at the earliest. */
    private Instant nextFreeActivationTime() {
        Instant latest = FAR_FUTURE;
        for (Ruleset ruleset : as(ANALYST)
                .listRulesets(ListRulesetsRequest.newBuilder().setPageSize(500).build())
                .getRulesetsList()) {
            if (ruleset.hasActivateTime()
                    && RulesetDrafts.instant(ruleset.getActivateTime()).isAfter(latest)) {
                latest = RulesetDrafts.instant(ruleset.getActivateTime());
            }
        }
        return latest.plus(Duration.ofDays(30));
    }

    @Test
    void aFutureActivationSchedulesTheDraftAndChangesNothingNow() {
        Ruleset activeBefore = get("rulesets/active");
        Ruleset draft = draft("Scheduled");
        Instant when = nextFreeActivationTime();

        Ruleset scheduled = activate(draft.getName(), when);

        assertThat(scheduled.getName()).isEqualTo(draft.getName());
        assertThat(scheduled.getState()).isEqualTo(RulesetState.RULESET_STATE_SCHEDULED);
        assertThat(RulesetDrafts.instant(scheduled.getActivateTime())).isEqualTo(when);
        assertThat(scheduled.toBuilder().clearState().clearActivateTime().build())
                .isEqualTo(draft.toBuilder().clearState().build());
        assertThat(get(draft.getName())).isEqualTo(scheduled);
        assertThat(get("rulesets/active")).isEqualTo(activeBefore);
        assertThat(as(TestTokens.as(Roles.AUDITOR))
                        .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                                .setAction("ruleset.activate")
                                .setPageSize(500)
                                .build())
                        .getAuditRecordsList())
                .anySatisfy(r -> {
                    assertThat(r.getResource()).isEqualTo(draft.getName());
                    assertThat(r.getSubject()).isEqualTo("test-" + Roles.RISK_ANALYST);
                });

        // a version is activated once, even for a later time
        assertFails(
                () -> activate(draft.getName(), when.plus(Duration.ofDays(1))),
                Status.Code.FAILED_PRECONDITION,
                "RULESET_ALREADY_ACTIVATED");
        assertThat(get(draft.getName())).isEqualTo(scheduled);
    }

    @Test
    void anActivationNotAfterTheLatestIsOutOfOrder() {
        Ruleset first = draft("First");
        Ruleset second = draft("Second");
        Instant when = nextFreeActivationTime();
        activate(first.getName(), when);

        assertFails(
                () -> activate(second.getName(), when.minus(Duration.ofDays(1))),
                Status.Code.FAILED_PRECONDITION,
                "ACTIVATION_OUT_OF_ORDER");
        assertFails(() -> activate(second.getName(), when), Status.Code.FAILED_PRECONDITION, "ACTIVATION_OUT_OF_ORDER");
        assertThat(get(second.getName()).getState()).isEqualTo(RulesetState.RULESET_STATE_DRAFT);

        // the refused draft is untouched and can still be scheduled after the first
        Ruleset later = activate(second.getName(), when.plus(Duration.ofDays(1)));
        assertThat(later.getState()).isEqualTo(RulesetState.RULESET_STATE_SCHEDULED);
    }

    @Test
    void anActivationMoreThanAMinuteAgoIsInThePast() {
        Ruleset draft = draft("Backdated");

        assertFails(
                () -> activate(draft.getName(), Instant.now().minus(Duration.ofHours(1))),
                Status.Code.FAILED_PRECONDITION,
                "ACTIVATION_IN_THE_PAST");

        assertThat(get(draft.getName()).getState()).isEqualTo(RulesetState.RULESET_STATE_DRAFT);
        assertThat(get(draft.getName()).hasActivateTime()).isFalse();
    }

    @Test
    void anUnknownOrMalformedVersionIsRefused() {
        Instant when = nextFreeActivationTime();
        assertFails(() -> activate("rulesets/999999", when), Status.Code.NOT_FOUND, "RULESET_NOT_FOUND");
        var malformed =
                assertFails(() -> activate("rulesets/latest", when), Status.Code.INVALID_ARGUMENT, "INVALID_NAME");
        assertThat(malformed.badFields()).containsExactly("name");
    }

    @Test
    void onlyRiskAnalystsActivate() {
        Ruleset draft = draft("Not theirs");
        Instant when = nextFreeActivationTime();
        for (String role : new String[] {Roles.CUSTOMS_OFFICER, Roles.AUDITOR, Roles.SERVICE}) {
            Throwable thrown = catchThrowable(() -> activate(TestTokens.as(role), draft.getName(), when));
            assertThat(Status.fromThrowable(thrown).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(get(draft.getName()).getState()).isEqualTo(RulesetState.RULESET_STATE_DRAFT);
    }
}
