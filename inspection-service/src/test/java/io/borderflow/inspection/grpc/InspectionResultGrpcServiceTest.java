package io.borderflow.inspection.grpc;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Timestamp;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GetRulePerformanceRequest;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionOutcome;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.PartnerInspection;
import io.borderflow.api.inspection.v1.RecordInspectionResultRequest;
import io.borderflow.api.inspection.v1.RulePerformance;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InspectionResultGrpcServiceTest {
    private static final CallCredentials OFFICER = TestTokens.as(Roles.CUSTOMS_OFFICER);

    @GrpcClient
    InspectionServiceBlockingStub inspection;

    private InspectionServiceBlockingStub as(CallCredentials credentials) {
        return inspection.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private String decide(String checkpoint, String... hsCodes) {
        return decide(DeclarationGrpcServiceTest.electronics(checkpoint, hsCodes[0]), hsCodes);
    }

    /** A declaration whose truck China's customs X-rayed on the way out (ruleset 2 recognises it: PARTNER-XRAY). */
    private String decideXrayedInChina(String checkpoint, String... hsCodes) {
        return decide(
                DeclarationGrpcServiceTest.electronics(checkpoint, hsCodes[0])
                        .addPartnerInspections(PartnerInspection.newBuilder()
                                .setAdministrationCountryCode("CN")
                                .setReference("KHORGOS-XR-" + UUID.randomUUID())),
                hsCodes);
    }

    private String decide(Declaration.Builder declaration, String... hsCodes) {
        for (int i = 1; i < hsCodes.length; i++) {
            declaration.addGoodsLines(
                    GoodsLine.newBuilder(declaration.getGoodsLines(0)).setHsCode(hsCodes[i]));
        }
        return as(OFFICER)
                .submitDeclaration(SubmitDeclarationRequest.newBuilder()
                        .setRequestId("req-" + UUID.randomUUID())
                        .setDeclaration(declaration)
                        .build())
                .getDecision()
                .getName();
    }

    private RecordInspectionResultRequest result(String decision, InspectionOutcome outcome, String... confirmed) {
        return RecordInspectionResultRequest.newBuilder()
                .setDecision(decision)
                .setOutcome(outcome)
                .addAllConfirmedRuleIds(List.of(confirmed))
                .build();
    }

    /** A partner administration's officer: partner-customs, speaking for the administration of this country. */
    private static CallCredentials partner(String administration) {
        return TestTokens.bearer(TestTokens.issuer()
                .token("partner-" + administration.toLowerCase())
                .roles(Roles.PARTNER_CUSTOMS)
                .administration(administration)
                .sign());
    }

    @Test
    void onlyARecognisedPartnerAdministrationRecordsResults() {
        String checkpoint = "checkpoints/test-" + UUID.randomUUID().toString().substring(0, 8);
        String chips = decideXrayedInChina(checkpoint, "854231");

        // ruleset 2 recognises the X-ray inspections of China only (PARTNER-XRAY)
        assertFails(
                () -> as(partner("TR"))
                        .recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)),
                Status.Code.PERMISSION_DENIED,
                "ADMINISTRATION_NOT_RECOGNISED");
        assertFails(
                () -> as(TestTokens.as(Roles.PARTNER_CUSTOMS))
                        .recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)),
                Status.Code.PERMISSION_DENIED,
                "ADMINISTRATION_NOT_RECOGNISED");

        // nothing was recorded by the refusals: the recognised partner's result is the first
        var recorded = as(partner("CN"))
                .recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING))
                .getResult();
        assertThat(recorded.getName()).isEqualTo(chips.replace("/decision", "/result"));
        var audit = as(TestTokens.as(Roles.AUDITOR))
                .listAuditRecords(io.borderflow.api.inspection.v1.ListAuditRecordsRequest.newBuilder()
                        .setAction("inspection-result.record")
                        .setPageSize(500)
                        .build())
                .getAuditRecordsList();
        assertThat(audit).anySatisfy(r -> {
            assertThat(r.getResource()).isEqualTo(recorded.getName());
            assertThat(r.getSubject()).isEqualTo("partner-cn");
            assertThat(r.getDetail()).endsWith("by the partner administration of CN");
        });
        assertThat(audit).anySatisfy(r -> {
            assertThat(r.getSubject()).isEqualTo("partner-tr");
            assertThat(r.getOutcome()).isEqualTo(io.borderflow.api.common.v1.AuditOutcome.AUDIT_OUTCOME_REJECTED);
            assertThat(r.getDetail()).startsWith("ADMINISTRATION_NOT_RECOGNISED");
        });
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    @Test
    void resultsAreRecordedOnceAndFeedRulePerformance() {
        String checkpoint = "checkpoints/test-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();
        String chips = decide(checkpoint, "854231");
        String chipsAndBatteries = decideXrayedInChina(checkpoint, "854232", "850760");
        decide(checkpoint, "620342");
        Instant end = Instant.now().plusMillis(1);

        var recorded = as(OFFICER)
                .recordInspectionResult(
                        result(chips, InspectionOutcome.INSPECTION_OUTCOME_MISDECLARED_GOODS, "CHPL-TIER-1"))
                .getResult();
        assertThat(recorded.getName()).isEqualTo(chips.replace("/decision", "/result"));
        assertThat(recorded.getConfirmedRuleIdsList()).containsExactly("CHPL-TIER-1");
        as(partner("CN"))
                .recordInspectionResult(result(chipsAndBatteries, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING));

        assertFails(
                () -> as(OFFICER)
                        .recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)),
                Status.Code.FAILED_PRECONDITION,
                "RESULT_ALREADY_RECORDED");

        var report = as(TestTokens.as(Roles.RISK_ANALYST))
                .getRulePerformance(GetRulePerformanceRequest.newBuilder()
                        .setStartTime(timestamp(start))
                        .setEndTime(timestamp(end))
                        .build());
        assertThat(report.getDecisions()).isEqualTo(3);
        RulePerformance tier1 = report.getRulesList().stream()
                .filter(r -> r.getRuleId().equals("CHPL-TIER-1"))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(tier1.getHits(), tier1.getInspections(), tier1.getConfirmedFindings()))
                .containsExactly(2L, 2L, 1L);
        assertThat(tier1.getHitRate()).isEqualTo(0.5);
        RulePerformance batteries = report.getRulesList().stream()
                .filter(r -> r.getRuleId().equals("BATTERIES"))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(batteries.getHits(), batteries.getInspections(), batteries.getConfirmedFindings()))
                .containsExactly(1L, 1L, 0L);
    }

    /**
     * Rule performance is counted in PostgreSQL, so a period costs the service no memory by its length; its length is
     * still bounded, to a year and a day (366 days: a leap year, the longest period an analyst compares), so that one
     * call cannot make the database aggregate the whole history. 366 days is answered, 367 days INVALID_ARGUMENT on
     * end_time.
     */
    @Test
    void aPeriodOfMoreThan366DaysIsRefused() {
        Instant end = Instant.now();
        var analyst = as(TestTokens.as(Roles.RISK_ANALYST));

        analyst.getRulePerformance(GetRulePerformanceRequest.newBuilder()
                .setStartTime(timestamp(end.minus(java.time.Duration.ofDays(366))))
                .setEndTime(timestamp(end))
                .build());
        var refused = assertFails(
                () -> analyst.getRulePerformance(GetRulePerformanceRequest.newBuilder()
                        .setStartTime(timestamp(end.minus(java.time.Duration.ofDays(367))))
                        .setEndTime(timestamp(end))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PERIOD");
        assertThat(refused.badFields()).containsExactly("end_time");
    }

    /**
     * A partner administration reports only on trucks it inspected: a Kazakhstan-Russia declaration that lists no
     * Chinese inspection (PARTNER-XRAY not among its reasons) is not China's to report on, though ruleset 2
     * recognises China's X-rays; the refusal records nothing, and customs' own officer still records the result.
     */
    @Test
    void aPartnerRecordsResultsOnlyWhereItInspected() {
        String checkpoint = "checkpoints/test-" + UUID.randomUUID().toString().substring(0, 8);
        String neverSeenByChina = decide(checkpoint, "854231");

        assertFails(
                () -> as(partner("CN"))
                        .recordInspectionResult(
                                result(neverSeenByChina, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)),
                Status.Code.PERMISSION_DENIED,
                "NOT_INSPECTED_BY_PARTNER");

        var officers = as(OFFICER)
                .recordInspectionResult(
                        result(neverSeenByChina, InspectionOutcome.INSPECTION_OUTCOME_MISDECLARED_GOODS, "CHPL-TIER-1"))
                .getResult();
        assertThat(officers.getPartnerAdministration()).isEmpty();
        assertThat(officers.getOutcome()).isEqualTo(InspectionOutcome.INSPECTION_OUTCOME_MISDECLARED_GOODS);
    }

    /**
     * China's X-ray found nothing; our officer, inspecting anyway, found the chips misdeclared. The officer's result
     * supersedes the partner's, and rule performance counts it: CHPL-TIER-1 hit once, inspected once, confirmed once
     * (the partner's NO_FINDING alone would have counted 0 confirmations). After the officer, neither a second
     * officer's result nor the partner's again is taken.
     */
    @Test
    void anOfficersResultSupersedesAPartnersInRulePerformance() {
        String checkpoint = "checkpoints/test-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();
        String chips = decideXrayedInChina(checkpoint, "854231");
        Instant end = Instant.now().plusMillis(1);

        var partners = as(partner("CN"))
                .recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING))
                .getResult();
        assertThat(partners.getPartnerAdministration()).isEqualTo("CN");
        var officers = as(OFFICER)
                .recordInspectionResult(
                        result(chips, InspectionOutcome.INSPECTION_OUTCOME_MISDECLARED_GOODS, "CHPL-TIER-1"))
                .getResult();
        assertThat(officers.getPartnerAdministration()).isEmpty();

        assertFails(
                () -> as(OFFICER)
                        .recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)),
                Status.Code.FAILED_PRECONDITION,
                "RESULT_ALREADY_RECORDED");
        assertFails(
                () -> as(partner("CN"))
                        .recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)),
                Status.Code.FAILED_PRECONDITION,
                "RESULT_ALREADY_RECORDED");

        var report = as(TestTokens.as(Roles.RISK_ANALYST))
                .getRulePerformance(GetRulePerformanceRequest.newBuilder()
                        .setStartTime(timestamp(start))
                        .setEndTime(timestamp(end))
                        .build());
        RulePerformance tier1 = report.getRulesList().stream()
                .filter(r -> r.getRuleId().equals("CHPL-TIER-1"))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(tier1.getHits(), tier1.getInspections(), tier1.getConfirmedFindings()))
                .containsExactly(1L, 1L, 1L);
        var audit = as(TestTokens.as(Roles.AUDITOR))
                .listAuditRecords(io.borderflow.api.inspection.v1.ListAuditRecordsRequest.newBuilder()
                        .setAction("inspection-result.record")
                        .setPageSize(500)
                        .build())
                .getAuditRecordsList();
        assertThat(audit)
                .anySatisfy(r -> assertThat(r.getDetail())
                        .contains("superseding the result of the partner administration of CN"));
    }

    @Test
    void badResultsAreRefused() {
        String checkpoint = "checkpoints/test-" + UUID.randomUUID().toString().substring(0, 8);
        String chips = decide(checkpoint, "854231");

        var failure = assertFails(
                () -> as(OFFICER)
                        .recordInspectionResult(
                                result(chips, InspectionOutcome.INSPECTION_OUTCOME_MISDECLARED_GOODS, "DRONES")),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_RESULT");
        assertThat(failure.badFields()).containsExactly("confirmed_rule_ids");
        assertFails(
                () -> as(OFFICER)
                        .recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_UNSPECIFIED)),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_RESULT");
        assertFails(
                () -> as(OFFICER)
                        .recordInspectionResult(result(
                                "declarations/00000000-0000-0000-0000-000000000000/decision",
                                InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)),
                Status.Code.NOT_FOUND,
                "DECISION_NOT_FOUND");
        Throwable platform = catchThrowable(() -> as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)));
        assertThat(Status.fromThrowable(platform).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        // none of the refused calls recorded anything: the first valid result is still accepted
        as(OFFICER).recordInspectionResult(result(chips, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING));
    }
}
