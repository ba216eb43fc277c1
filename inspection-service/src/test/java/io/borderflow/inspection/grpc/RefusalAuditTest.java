package io.borderflow.inspection.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.borderflow.api.common.v1.AuditOutcome;
import io.borderflow.api.common.v1.AuditRecord;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.InspectionOutcome;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.ListAuditRecordsRequest;
import io.borderflow.api.inspection.v1.RecordInspectionResultRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every refusal is in the audit trail (issue 22, item 7): a token that does not verify, a role the RPC does not
 * allow, and a write refused before its use case ran, each once; a flood of the same refusal once in full; a refusal
 * its use case records itself not twice.
 */
@QuarkusTest
class RefusalAuditTest {
    private static final String SUBMIT = "borderflow.inspection.v1.InspectionService/SubmitDeclaration";

    @GrpcClient
    InspectionServiceBlockingStub inspection;

    private InspectionServiceBlockingStub as(CallCredentials credentials) {
        return inspection.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private static Status.Code refusal(Runnable call) {
        return Status.fromThrowable(catchThrowable(call::run)).getCode();
    }

    private SubmitDeclarationRequest submission(Declaration declaration) {
        return SubmitDeclarationRequest.newBuilder()
                .setRequestId("req-" + UUID.randomUUID())
                .setDeclaration(declaration)
                .build();
    }

    /** The trail's records of action rpc.refused that match, waiting up to 5 s for them to be written. */
    private List<AuditRecord> refusals(Predicate<AuditRecord> matching, int atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        List<AuditRecord> found;
        do {
            found = as(TestTokens.as(Roles.AUDITOR))
                    .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                            .setAction("rpc.refused")
                            .setPageSize(500)
                            .build())
                    .getAuditRecordsList()
                    .stream()
                    .filter(matching)
                    .toList();
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return found;
    }

    /** A token with these claims and no valid signature. */
    private static CallCredentials forged(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(
                ("{\"sub\":\"" + subject + "\",\"groups\":[\"customs-officer\"]}").getBytes(StandardCharsets.UTF_8));
        return TestTokens.bearer(header + "." + claims + ".c2lnbmF0dXJl");
    }

    @Test
    void aFloodOfForgedTokensIsRecordedOnceWithWhatItClaimedMarkedUnverified() throws Exception {
        String mallory = "mallory-" + UUID.randomUUID().toString().substring(0, 8);
        Declaration declaration = DeclarationGrpcServiceTest.electronics("checkpoints/zhaisan", "851762")
                .build();
        // refusals without a valid token are grouped by the address they come from, the tests' all from here: let
        // the window (3 s in the tests) of those other tests made end, so that the first of these starts a new one
        Thread.sleep(3100);
        for (int i = 0; i < 30; i++) {
            assertThat(refusal(() -> as(forged(mallory)).submitDeclaration(submission(declaration))))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }

        List<AuditRecord> recorded = refusals(r -> r.getDetail().contains("'" + mallory + "'"), 1);
        // the first in full; the other 29 are counted into one summary when the window ends (RefusalSamplerTest)
        assertThat(recorded).singleElement().satisfies(r -> {
            assertThat(r.getSubject()).isEqualTo("unauthenticated");
            assertThat(r.getResource()).isEqualTo(SUBMIT);
            assertThat(r.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_REJECTED);
            assertThat(r.getDetail())
                    .startsWith("UNAUTHENTICATED")
                    .contains("claiming subject '" + mallory + "' (not verified)");
            assertThat(r.getRolesList()).isEmpty();
        });
    }

    @Test
    void aRoleTheRpcDoesNotAllowAndAWriteRefusedBeforeItsUseCaseAreRecordedWithTheCaller() throws Exception {
        String platform = "platform-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = "officer-" + UUID.randomUUID().toString().substring(0, 8);
        Declaration valid = DeclarationGrpcServiceTest.electronics("checkpoints/zhaisan", "851762")
                .build();

        assertThat(refusal(() -> as(TestTokens.bearer(TestTokens.issuer()
                                .token(platform)
                                .roles(Roles.FREIGHT_PLATFORM)
                                .sign()))
                        .submitDeclaration(submission(valid))))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        // a declaration of no goods: refused in the adapter, before the use case that audits submissions runs
        assertThat(refusal(() -> as(TestTokens.bearer(TestTokens.issuer()
                                .token(officer)
                                .roles(Roles.CUSTOMS_OFFICER)
                                .sign()))
                        .submitDeclaration(
                                submission(valid.toBuilder().clearGoodsLines().build()))))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);

        assertThat(refusals(r -> r.getSubject().equals(platform), 1))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getResource()).isEqualTo(SUBMIT);
                    assertThat(r.getRolesList()).containsExactly(Roles.FREIGHT_PLATFORM);
                    assertThat(r.getDetail()).startsWith("PERMISSION_DENIED");
                });
        assertThat(refusals(r -> r.getSubject().equals(officer), 1))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getResource()).isEqualTo(SUBMIT);
                    assertThat(r.getDetail()).startsWith("INVALID_ARGUMENT INVALID_DECLARATION");
                });
    }

    @Test
    void aRefusalItsUseCaseRecordsIsNotRecordedTwice() throws Exception {
        String officer = TestTokens.forRoles(Roles.CUSTOMS_OFFICER);
        String decision = as(TestTokens.bearer(officer))
                .submitDeclaration(submission(DeclarationGrpcServiceTest.electronics(
                                "checkpoints/test-"
                                        + UUID.randomUUID().toString().substring(0, 8),
                                "854231")
                        .build()))
                .getDecision()
                .getName();
        String turkey = "partner-tr-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(refusal(() -> as(TestTokens.bearer(TestTokens.issuer()
                                .token(turkey)
                                .roles(Roles.PARTNER_CUSTOMS)
                                .administration("TR")
                                .sign()))
                        .recordInspectionResult(RecordInspectionResultRequest.newBuilder()
                                .setDecision(decision)
                                .setOutcome(InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)
                                .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        List<AuditRecord> byUseCase = as(TestTokens.as(Roles.AUDITOR))
                .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                        .setSubject(turkey)
                        .setPageSize(500)
                        .build())
                .getAuditRecordsList();
        assertThat(byUseCase)
                .singleElement()
                .satisfies(r -> assertThat(r.getDetail()).startsWith("ADMINISTRATION_NOT_RECOGNISED"));
        Thread.sleep(500); // an interceptor's record would be written by now
        assertThat(refusals(r -> r.getSubject().equals(turkey), 0)).isEmpty();
    }
}
