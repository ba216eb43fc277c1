package io.borderflow.inspection.grpc;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.borderflow.api.inspection.v1.AssessDeclarationRequest;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.Decision;
import io.borderflow.api.inspection.v1.DecisionReason;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GetDecisionRequest;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionKind;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.ListAuditRecordsRequest;
import io.borderflow.api.inspection.v1.ListDecisionsRequest;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationResponse;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeclarationGrpcServiceTest {
    private static final CallCredentials OFFICER = TestTokens.bearer(TestTokens.issuer()
            .token("officer-zhaisan-7")
            .roles(Roles.CUSTOMS_OFFICER)
            .sign());

    @GrpcClient
    InspectionServiceBlockingStub inspection;

    private InspectionServiceBlockingStub as(CallCredentials credentials) {
        return inspection.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private static String checkpoint() {
        return "checkpoints/test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    /**
     * A truck of electronics (brand Acme, not a watched brand; 250,000 USD for 120 kg, not undervalued) from China to
     * Russia through Kazakhstan, so that under ruleset 2 a CHPL code also meets DIVERSION-DESTINATION (+15) and
     * DIVERSION-TRANSIT (+10). The consignor is the checkpoint's own (named after it), so FIRST-TIME-TRADER (+10) fires
     * on exactly the first declaration a test submits at its checkpoint, whatever other tests did before.
     */
    static Declaration.Builder electronics(String checkpoint, String hsCode) {
        return Declaration.newBuilder()
                .addGoodsLines(GoodsLine.newBuilder()
                        .setHsCode(hsCode)
                        .setDescription("Processors")
                        .setBrand("Acme")
                        .setQuantity(1000)
                        .setQuantityUnit("pcs")
                        .setNetWeightKg(120)
                        .setCustomsValue(250000)
                        .setCurrency("USD")
                        .setOriginCountryCode("CN"))
                .setConsignor(Party.newBuilder()
                        .setName("Shenzhen Components " + checkpoint.substring(checkpoint.lastIndexOf('/') + 1))
                        .setCountryCode("CN"))
                .setConsignee(Party.newBuilder().setName("OOO Vektor").setCountryCode("RU"))
                .setCarrierId("kaz-trans-01")
                .setVehiclePlate("123 ABC 02")
                .setOriginCountryCode("CN")
                .addTransitCountryCodes("KZ")
                .setDestinationCountryCode("RU")
                .setCheckpoint(checkpoint);
    }

    private SubmitDeclarationResponse submit(String requestId, Declaration declaration) {
        return as(OFFICER)
                .submitDeclaration(SubmitDeclarationRequest.newBuilder()
                        .setRequestId(requestId)
                        .setDeclaration(declaration)
                        .build());
    }

    @Test
    void integratedCircuitsGetAnExplainedRedDecisionThatReadsBack() {
        String checkpoint = checkpoint();
        SubmitDeclarationResponse response =
                submit(requestId(), electronics(checkpoint, "8542310000").build());

        Decision decision = response.getDecision();
        assertThat(response.getDeclaration().getName()).startsWith("declarations/");
        assertThat(response.getDeclaration().hasSubmitTime()).isTrue();
        assertThat(decision.getName()).isEqualTo(response.getDeclaration().getName() + "/decision");
        // ruleset 2: CHPL-TIER-1 70 (at least RED) + DIVERSION-DESTINATION 15 + DIVERSION-TRANSIT 10 +
        // FIRST-TIME-TRADER 10
        // = 105, clamped to 100; from 90 a RED truck is unloaded, 240 minutes
        assertThat(decision.getChannel()).isEqualTo(Channel.CHANNEL_RED);
        assertThat(decision.getInspectionKind()).isEqualTo(InspectionKind.INSPECTION_KIND_UNLOADING);
        assertThat(decision.getRiskScore()).isEqualTo(100);
        assertThat(decision.getRuleset()).isEqualTo("rulesets/2");
        assertThat(decision.getExpectedHandling().getSeconds()).isEqualTo(240 * 60);
        assertThat(decision.getReasonsList())
                .extracting(DecisionReason::getRuleId)
                .containsExactly("CHPL-TIER-1", "DIVERSION-DESTINATION", "DIVERSION-TRANSIT", "FIRST-TIME-TRADER");
        assertThat(decision.getReasonsList())
                .extracting(DecisionReason::getWeight)
                .containsExactly(70, 15, 10, 10);
        assertThat(decision.getReasons(0).getEvidence()).contains("854231");
        assertThat(decision.getReasons(1).getEvidence()).contains("destination RU");
        assertThat(decision.getReasons(2).getEvidence()).contains("transit through KZ");

        assertThat(as(OFFICER)
                        .getDecision(GetDecisionRequest.newBuilder()
                                .setName(decision.getName())
                                .build())
                        .getDecision())
                .isEqualTo(decision);
        assertThat(as(OFFICER)
                        .listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(checkpoint)
                                .build())
                        .getDecisionsList())
                .containsExactly(decision);
        assertThat(as(OFFICER)
                        .listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(checkpoint)
                                .setChannel(Channel.CHANNEL_GREEN)
                                .build())
                        .getDecisionsList())
                .isEmpty();
    }

    @Test
    void aConsignorIsAFirstTimeTraderOnlyOnItsFirstDeclaration() {
        String checkpoint = checkpoint();
        Declaration phones = electronics(checkpoint, "851762").build();

        // CHPL-TIER-2 50 + DIVERSION-DESTINATION 15 + DIVERSION-TRANSIT 10 + FIRST-TIME-TRADER 10 = 85: RED by X-ray
        Decision first = submit(requestId(), phones).getDecision();
        assertThat(first.getReasonsList())
                .extracting(DecisionReason::getRuleId)
                .containsExactly("CHPL-TIER-2", "DIVERSION-DESTINATION", "DIVERSION-TRANSIT", "FIRST-TIME-TRADER");
        assertThat(first.getRiskScore()).isEqualTo(85);
        assertThat(first.getChannel()).isEqualTo(Channel.CHANNEL_RED);
        assertThat(first.getInspectionKind()).isEqualTo(InspectionKind.INSPECTION_KIND_XRAY);
        assertThat(first.getExpectedHandling().getSeconds()).isEqualTo(45 * 60);

        // the same consignor, written in capitals with a hyphen: the same normalised name, so no longer first: 75
        String sameConsignor =
                phones.getConsignor().getName().toUpperCase(Locale.ROOT).replace(' ', '-');
        Decision second = submit(
                        requestId(),
                        phones.toBuilder()
                                .setConsignor(phones.getConsignor().toBuilder().setName(sameConsignor))
                                .build())
                .getDecision();
        assertThat(second.getReasonsList())
                .extracting(DecisionReason::getRuleId)
                .containsExactly("CHPL-TIER-2", "DIVERSION-DESTINATION", "DIVERSION-TRANSIT");
        assertThat(second.getRiskScore()).isEqualTo(75);
        assertThat(second.getChannel()).isEqualTo(Channel.CHANNEL_RED);
    }

    /**
     * Submissions at once share write groups: each is decided and stored once, a retry sent alongside its original
     * gets the same answer, and of a new consignor's declarations exactly one is its first (whichever group commits
     * first), however the submissions fall into groups.
     */
    @Test
    void submissionsAtOnceAreEachStoredOnceAndOnlyOneIsTheConsignorsFirst() throws Exception {
        String checkpoint = checkpoint();
        Declaration phones = electronics(checkpoint, "851762").build();
        int distinct = 40;
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            requestIds.add(requestId());
        }
        List<String> sent = new ArrayList<>(requestIds);
        sent.addAll(requestIds.subList(0, 10));
        java.util.Collections.shuffle(sent, new java.util.Random(7));

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        Map<String, List<SubmitDeclarationResponse>> answers = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
            for (String id : sent) {
                calls.add(pool.submit(
                        () -> answers.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                .add(submit(id, phones))));
            }
            for (java.util.concurrent.Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).hasSize(distinct);
        answers.forEach((id, responses) ->
                assertThat(responses).as(id).allSatisfy(r -> assertThat(r).isEqualTo(responses.get(0))));
        long firsts = answers.values().stream()
                .map(r -> r.get(0).getDecision())
                .filter(d ->
                        d.getReasonsList().stream().anyMatch(r -> r.getRuleId().equals("FIRST-TIME-TRADER")))
                .count();
        assertThat(firsts).as("declarations decided as the consignor's first").isEqualTo(1);
        assertThat(as(OFFICER)
                        .listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(checkpoint)
                                .setPageSize(100)
                                .build())
                        .getDecisionsCount())
                .isEqualTo(distinct);
    }

    /** A carrier reads the channel of its own declarations, never another carrier's, never the rule internals. */
    @Test
    void aCarrierReadsTheChannelOfItsOwnDeclarationsOnly() {
        Decision decision =
                submit(requestId(), electronics(checkpoint(), "851762").build()).getDecision();
        CallCredentials own = TestTokens.bearer(TestTokens.issuer()
                .token("fleet-kaz-trans")
                .roles(Roles.CARRIER)
                .carrier("kaz-trans-01")
                .sign());
        CallCredentials other = TestTokens.bearer(TestTokens.issuer()
                .token("fleet-other")
                .roles(Roles.CARRIER)
                .carrier("other-carrier")
                .sign());

        Decision seen = as(own).getDecision(GetDecisionRequest.newBuilder()
                        .setName(decision.getName())
                        .build())
                .getDecision();
        assertThat(seen.getChannel()).isEqualTo(decision.getChannel());
        assertThat(seen.getExpectedHandling()).isEqualTo(decision.getExpectedHandling());
        assertThat(seen.getInspectionKind()).isEqualTo(decision.getInspectionKind());
        assertThat(seen.getReasonsList()).isEmpty();
        assertThat(seen.getRiskScore()).isZero();
        assertThat(seen.getRuleset()).isEmpty();
        assertThat(decision.getReasonsList()).isNotEmpty();

        // another carrier's declaration answers as one that does not exist: the answer must not tell that it does
        assertFails(
                () -> as(other)
                        .getDecision(GetDecisionRequest.newBuilder()
                                .setName(decision.getName())
                                .build()),
                Status.Code.NOT_FOUND,
                "DECISION_NOT_FOUND");
        assertFails(
                () -> as(TestTokens.as(Roles.CARRIER))
                        .getDecision(GetDecisionRequest.newBuilder()
                                .setName(decision.getName())
                                .build()),
                Status.Code.NOT_FOUND,
                "DECISION_NOT_FOUND");
    }

    /**
     * A service that asks for a carrier (checkpoint-service booking a slot, routing-service searching routes) is held
     * to that carrier's rights, proved by the carrier's own token forwarded beside the service's: another carrier's
     * declaration does not exist for it, whether read as a decision or assessed as a stored declaration; the
     * carrier's own shows the carrier's view only. On its own account the service still reads every decision in full
     * (checkpoint-service files arriving trucks under their channel).
     */
    @Test
    void aServiceActingForACarrierIsHeldToThatCarriersDeclarations() {
        Decision decision =
                submit(requestId(), electronics(checkpoint(), "851762").build()).getDecision();
        String declaration = decision.getName().replace("/decision", "");
        String service = TestTokens.issuer()
                .token("service:routing-service")
                .roles(Roles.SERVICE)
                .sign();
        String owner = TestTokens.issuer()
                .token("fleet-kaz-trans")
                .roles(Roles.CARRIER)
                .carrier("kaz-trans-01")
                .sign();
        String squatter = TestTokens.issuer()
                .token("fleet-other")
                .roles(Roles.CARRIER)
                .carrier("other-carrier")
                .sign();
        String platform = TestTokens.forRoles(Roles.FREIGHT_PLATFORM);
        GetDecisionRequest read =
                GetDecisionRequest.newBuilder().setName(decision.getName()).build();
        AssessDeclarationRequest assess = AssessDeclarationRequest.newBuilder()
                .setStoredDeclaration(declaration)
                .build();

        for (String stranger : List.of(squatter, platform)) {
            assertFails(
                    () -> as(TestTokens.actingFor(service, stranger)).getDecision(read),
                    Status.Code.NOT_FOUND,
                    "DECISION_NOT_FOUND");
            assertFails(
                    () -> as(TestTokens.actingFor(service, stranger)).assessDeclaration(assess),
                    Status.Code.NOT_FOUND,
                    "DECLARATION_NOT_FOUND");
        }

        Decision forOwner =
                as(TestTokens.actingFor(service, owner)).getDecision(read).getDecision();
        assertThat(forOwner.getChannel()).isEqualTo(decision.getChannel());
        assertThat(forOwner.getReasonsList()).isEmpty();
        assertThat(forOwner.getRiskScore()).isZero();
        assertThat(as(TestTokens.actingFor(service, owner))
                        .assessDeclaration(assess)
                        .getChannelChancesList())
                .isNotEmpty();

        Decision onItsOwnAccount =
                as(TestTokens.bearer(service)).getDecision(read).getDecision();
        assertThat(onItsOwnAccount.getReasonsList()).isNotEmpty();
        assertThat(onItsOwnAccount.getRiskScore()).isEqualTo(decision.getRiskScore());
        // a service whose own token another service forwards (a service searching routes) acts for itself
        String checkpointService = TestTokens.issuer()
                .token("service:checkpoint-service")
                .roles(Roles.SERVICE)
                .sign();
        Decision forwardedService = as(TestTokens.actingFor(service, checkpointService))
                .getDecision(read)
                .getDecision();
        assertThat(forwardedService.getRiskScore()).isEqualTo(decision.getRiskScore());
        assertThat(as(TestTokens.actingFor(service, checkpointService))
                        .assessDeclaration(assess)
                        .getChannelChancesList())
                .isNotEmpty();
    }

    /**
     * Work done later without the carrier's token (checkpoint-service filing an arriving truck under its decision)
     * names the carrier the service acts for: the decision shows only if the declaration is that carrier's. A
     * carrier's own token cannot name another (only services act for others), and a malformed carrier id is refused.
     */
    @Test
    void aServiceNamingTheCarrierItActsForSeesThatCarriersDeclarationsOnly() {
        Decision decision =
                submit(requestId(), electronics(checkpoint(), "851762").build()).getDecision();
        String service = TestTokens.issuer()
                .token("service:checkpoint-service")
                .roles(Roles.SERVICE)
                .sign();
        GetDecisionRequest read =
                GetDecisionRequest.newBuilder().setName(decision.getName()).build();

        assertFails(
                () -> as(TestTokens.actingForCarrier(service, "other-carrier")).getDecision(read),
                Status.Code.NOT_FOUND,
                "DECISION_NOT_FOUND");
        Decision forOwner = as(TestTokens.actingForCarrier(service, "kaz-trans-01"))
                .getDecision(read)
                .getDecision();
        assertThat(forOwner.getChannel()).isEqualTo(decision.getChannel());
        assertThat(forOwner.getReasonsList()).isEmpty();

        String otherCarrier = TestTokens.issuer()
                .token("fleet-other")
                .roles(Roles.CARRIER)
                .carrier("other-carrier")
                .sign();
        assertFails(
                () -> as(TestTokens.actingForCarrier(otherCarrier, "kaz-trans-01"))
                        .getDecision(read),
                Status.Code.NOT_FOUND,
                "DECISION_NOT_FOUND");
        assertThat(Status.fromThrowable(catchThrowable(() -> as(TestTokens.actingForCarrier(service, "kaz trans/01"))
                                .getDecision(read)))
                        .getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    /** A forwarded token is verified as any bearer token is: one that does not verify refuses the call. */
    @Test
    void aForwardedTokenThatDoesNotVerifyIsUnauthenticated() {
        Decision decision =
                submit(requestId(), electronics(checkpoint(), "851762").build()).getDecision();
        String service = TestTokens.issuer()
                .token("service:routing-service")
                .roles(Roles.SERVICE)
                .sign();
        String owner = TestTokens.issuer()
                .token("fleet-kaz-trans")
                .roles(Roles.CARRIER)
                .carrier("kaz-trans-01")
                .sign();
        // the owner's token with its signature cut off, and one whose claims were rewritten after signing
        String unsigned = owner.substring(0, owner.lastIndexOf('.') + 1);
        String[] parts = owner.split("\\.");
        String rewritten = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        for (String forged : List.of(unsigned, rewritten, "not-a-token")) {
            Throwable refused = catchThrowable(() -> as(TestTokens.actingFor(service, forged))
                    .getDecision(GetDecisionRequest.newBuilder()
                            .setName(decision.getName())
                            .build()));
            assertThat(Status.fromThrowable(refused).getCode())
                    .as("a forwarded token " + forged.length() + " characters long")
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    /** At most 200 goods lines: one more is refused, naming the field, and nothing is stored. */
    @Test
    void aDeclarationOfMoreThan200GoodsLinesIsRefused() {
        String checkpoint = checkpoint();
        Declaration.Builder big = electronics(checkpoint, "620342");
        for (int i = 0; i < 200; i++) {
            big.addGoodsLines(big.getGoodsLines(0));
        }
        var failure = assertFails(
                () -> submit(requestId(), big.build()), Status.Code.INVALID_ARGUMENT, "INVALID_DECLARATION");
        assertThat(failure.badFields()).contains("declaration.goods_lines");
        assertThat(as(OFFICER)
                        .listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(checkpoint)
                                .build())
                        .getDecisionsCount())
                .isZero();
    }

    @Test
    void prohibitedGoodsAreRefusedAndAWatchedPartyIsInspected() {
        String checkpoint = checkpoint();
        Declaration.Builder texasChips = electronics(checkpoint, "8542310000");
        texasChips.setGoodsLines(0, texasChips.getGoodsLines(0).toBuilder().setBrand("Texas Instruments"));

        // CHPL-TIER-1 70 + DIVERSION-DESTINATION 15 + DIVERSION-TRANSIT 10 + WATCHED-BRAND 25
        // + PROHIBITED-FOR-DESTINATION 30 (at least REFUSED) + FIRST-TIME-TRADER 10 = 160 -> 100; a refusal, 30 min
        Decision refused = submit(requestId(), texasChips.build()).getDecision();
        assertThat(refused.getChannel()).isEqualTo(Channel.CHANNEL_REFUSED);
        assertThat(refused.getInspectionKind()).isEqualTo(InspectionKind.INSPECTION_KIND_NONE);
        assertThat(refused.getRiskScore()).isEqualTo(100);
        assertThat(refused.getExpectedHandling().getSeconds()).isEqualTo(30 * 60);
        assertThat(refused.getReasonsList())
                .extracting(DecisionReason::getRuleId)
                .containsExactly(
                        "CHPL-TIER-1",
                        "DIVERSION-DESTINATION",
                        "DIVERSION-TRANSIT",
                        "WATCHED-BRAND",
                        "PROHIBITED-FOR-DESTINATION",
                        "FIRST-TIME-TRADER");

        // trousers for a consignee written as a watched party's Cyrillic alias: WATCHED-PARTY 60 (at least RED); the
        // consignor is known by now, so 60: RED by X-ray, 45 min
        Decision watched = submit(
                        requestId(),
                        electronics(checkpoint, "620342")
                                .setConsignee(Party.newBuilder()
                                        .setName("ТОО «Азия Транс Электроник»")
                                        .setCountryCode("KZ"))
                                .build())
                .getDecision();
        assertThat(watched.getChannel()).isEqualTo(Channel.CHANNEL_RED);
        assertThat(watched.getInspectionKind()).isEqualTo(InspectionKind.INSPECTION_KIND_XRAY);
        assertThat(watched.getRiskScore()).isEqualTo(60);
        assertThat(watched.getExpectedHandling().getSeconds()).isEqualTo(45 * 60);
        assertThat(watched.getReasonsList()).singleElement().satisfies(r -> {
            assertThat(r.getRuleId()).isEqualTo("WATCHED-PARTY");
            assertThat(r.getEvidence()).contains("consignee", "Azia Trans Elektronik");
        });
    }

    private static CallCredentials officer(String subject) {
        return TestTokens.bearer(
                TestTokens.issuer().token(subject).roles(Roles.CUSTOMS_OFFICER).sign());
    }

    private List<Decision> decisionsAt(String checkpoint) {
        return as(OFFICER)
                .listDecisions(ListDecisionsRequest.newBuilder()
                        .setCheckpoint(checkpoint)
                        .setPageSize(100)
                        .build())
                .getDecisionsList();
    }

    @Test
    void twoCallersUsingTheSameRequestIdEachGetTheirOwnDecision() {
        String checkpoint = checkpoint();
        String requestId = requestId();

        SubmitDeclarationResponse first =
                submit(requestId, electronics(checkpoint, "620342").build());
        // another subject's request id is its own: with other content it is another declaration, not a reuse
        SubmitDeclarationResponse other = as(officer("officer-zhaisan-" + UUID.randomUUID()))
                .submitDeclaration(SubmitDeclarationRequest.newBuilder()
                        .setRequestId(requestId)
                        .setDeclaration(electronics(checkpoint, "854231"))
                        .build());

        assertThat(other.getDeclaration().getName())
                .isNotEqualTo(first.getDeclaration().getName());
        assertThat(decisionsAt(checkpoint)).hasSize(2);
    }

    @Test
    void concurrentFirstUsesOfOneRequestIdStoreOneDeclarationAndNeverFailInternally() throws Exception {
        String checkpoint = checkpoint();
        String requestId = requestId();
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Status.Code>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                // four send one declaration, four another: all under one request id
                Declaration declaration = electronics(checkpoint, i % 2 == 0 ? "620342" : "854231")
                        .build();
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        submit(requestId, declaration);
                        return Status.Code.OK;
                    } catch (StatusRuntimeException refused) {
                        return refused.getStatus().getCode();
                    }
                }));
            }
            start.countDown();
            List<Status.Code> codes = new ArrayList<>();
            for (Future<Status.Code> outcome : outcomes) {
                codes.add(outcome.get(60, TimeUnit.SECONDS));
            }
            // the first stored and its three copies are answered; the four others reuse its id
            assertThat(codes).containsOnly(Status.Code.OK, Status.Code.ALREADY_EXISTS);
            assertThat(codes).filteredOn(Status.Code.OK::equals).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(decisionsAt(checkpoint)).hasSize(1);
    }

    @Test
    void aRetryReturnsTheSameDecisionAndAReusedIdIsRefused() {
        String checkpoint = checkpoint();
        String requestId = requestId();
        Declaration declaration = electronics(checkpoint, "620342").build();

        SubmitDeclarationResponse first = submit(requestId, declaration);
        SubmitDeclarationResponse retry = submit(requestId, declaration);
        assertThat(retry).isEqualTo(first);

        var failure = assertFails(
                () -> submit(requestId, electronics(checkpoint, "854231").build()),
                Status.Code.ALREADY_EXISTS,
                "REQUEST_ID_REUSED");
        assertThat(failure.errorInfo().getMetadataMap())
                .containsEntry("name", first.getDeclaration().getName());
        assertThat(as(TestTokens.as(Roles.AUDITOR))
                        .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                                .setAction("declaration.submit")
                                .setPageSize(500)
                                .build())
                        .getAuditRecordsList())
                .anySatisfy(r -> {
                    assertThat(r.getResource()).isEqualTo("requests/" + requestId);
                    assertThat(r.getOutcome())
                            .isEqualTo(io.borderflow.api.common.v1.AuditOutcome.AUDIT_OUTCOME_REJECTED);
                    assertThat(r.getSubject()).isEqualTo("officer-zhaisan-7");
                    assertThat(r.getDetail()).startsWith("REQUEST_ID_REUSED");
                });
        assertThat(as(OFFICER)
                        .listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(checkpoint)
                                .build())
                        .getDecisionsCount())
                .isEqualTo(1);
    }

    @Test
    void decisionsPageNewestFirst() {
        String checkpoint = checkpoint();
        for (int i = 0; i < 5; i++) {
            submit(requestId(), electronics(checkpoint, "62034" + i).build());
        }
        var all = as(OFFICER)
                .listDecisions(ListDecisionsRequest.newBuilder()
                        .setCheckpoint(checkpoint)
                        .build())
                .getDecisionsList();
        assertThat(all).hasSize(5);
        assertThat(all)
                .isSortedAccordingTo((a, b) -> Long.compare(
                        b.getDecideTime().getSeconds() * 1_000_000_000L
                                + b.getDecideTime().getNanos(),
                        a.getDecideTime().getSeconds() * 1_000_000_000L
                                + a.getDecideTime().getNanos()));
        var firstPage = as(OFFICER)
                .listDecisions(ListDecisionsRequest.newBuilder()
                        .setCheckpoint(checkpoint)
                        .setPageSize(2)
                        .build());
        var secondPage = as(OFFICER)
                .listDecisions(ListDecisionsRequest.newBuilder()
                        .setCheckpoint(checkpoint)
                        .setPageSize(2)
                        .setPageToken(firstPage.getNextPageToken())
                        .build());
        var thirdPage = as(OFFICER)
                .listDecisions(ListDecisionsRequest.newBuilder()
                        .setCheckpoint(checkpoint)
                        .setPageSize(2)
                        .setPageToken(secondPage.getNextPageToken())
                        .build());
        assertThat(thirdPage.getNextPageToken()).isEmpty();
        var walked = new java.util.ArrayList<Decision>();
        walked.addAll(firstPage.getDecisionsList());
        walked.addAll(secondPage.getDecisionsList());
        walked.addAll(thirdPage.getDecisionsList());
        assertThat(walked).isEqualTo(all);
    }

    @Test
    void everyProblemOfABadDeclarationIsNamedAndNothingIsStored() {
        String checkpoint = checkpoint();
        Declaration bad = electronics(checkpoint, "8542")
                .clearConsignee()
                .setOriginCountryCode("XX")
                .setGoodsLines(
                        0,
                        GoodsLine.newBuilder()
                                .setHsCode("8542")
                                .setDescription("x")
                                .setQuantity(-1)
                                .setQuantityUnit("pcs")
                                .setNetWeightKg(1)
                                .setCurrency("USD")
                                .setOriginCountryCode("CN"))
                .build();

        var failure = assertFails(() -> submit(requestId(), bad), Status.Code.INVALID_ARGUMENT, "INVALID_DECLARATION");
        assertThat(failure.badFields())
                .contains(
                        "declaration.goods_lines[0].hs_code",
                        "declaration.goods_lines[0].quantity",
                        "declaration.consignee",
                        "declaration.origin_country_code");
        assertFails(
                () -> submit("short", electronics(checkpoint, "620342").build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_DECLARATION");
        assertFails(
                () -> submit(
                        requestId(),
                        electronics(checkpoint, "620342").clearGoodsLines().build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_DECLARATION");
        assertThat(as(OFFICER)
                        .listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(checkpoint)
                                .build())
                        .getDecisionsCount())
                .isZero();
    }

    @Test
    void onlyCustomsOfficersSubmitAndRead() {
        Throwable asPlatform = catchThrowable(() -> as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .submitDeclaration(SubmitDeclarationRequest.newBuilder()
                        .setRequestId(requestId())
                        .setDeclaration(electronics(checkpoint(), "620342"))
                        .build()));
        assertThat(Status.fromThrowable(asPlatform).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        Throwable asCarrier = catchThrowable(
                () -> as(TestTokens.as(Roles.CARRIER)).listDecisions(ListDecisionsRequest.getDefaultInstance()));
        assertThat(Status.fromThrowable(asCarrier).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aSubmissionIsAuditedWithItsCallerAndTheDecisionIsImmutable() throws Exception {
        SubmitDeclarationResponse response =
                submit(requestId(), electronics(checkpoint(), "851762").build());

        var records = as(TestTokens.as(Roles.AUDITOR))
                .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                        .setSubject("officer-zhaisan-7")
                        .setAction("declaration.submit")
                        .setPageSize(500)
                        .build())
                .getAuditRecordsList();
        assertThat(records).anySatisfy(r -> {
            assertThat(r.getResource()).isEqualTo(response.getDeclaration().getName());
            assertThat(r.getRolesList()).containsExactly(Roles.CUSTOMS_OFFICER);
            // CHPL-TIER-2 50 (at least YELLOW) + DIVERSION-DESTINATION 15 + DIVERSION-TRANSIT 10 + FIRST-TIME-TRADER 10
            // = 85: RED by score (from 60)
            assertThat(r.getDetail()).isEqualTo("channel RED, risk score 85, ruleset 2");
        });

        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            assertThatThrownBy(() -> db.createStatement().executeUpdate("update decision set channel = 'GREEN'"))
                    .hasMessageContaining("immutable");
        }
    }

    @Test
    void aStoredDeclarationIsAssessedAgainAsIfPresentedAtAnotherCheckpoint() {
        String checkpoint = checkpoint();
        String elsewhere = checkpoint();
        var service = as(TestTokens.as(Roles.SERVICE));
        SubmitDeclarationResponse stored =
                submit(requestId(), electronics(checkpoint, "8542310000").build());
        String name = stored.getDecision().getName().replaceFirst("/decision$", "");

        var again = service.assessDeclaration(AssessDeclarationRequest.newBuilder()
                .setStoredDeclaration(name)
                .setCheckpoint(elsewhere)
                .build());

        // the same goods and parties: CHPL tier 1 bound for Russia through Kazakhstan is RED wherever it is presented;
        // the consignor now has a declaration, so FIRST-TIME-TRADER no longer fires
        assertThat(again.getChannelChancesList())
                .singleElement()
                .satisfies(c -> assertThat(c.getChannel()).isEqualTo(Channel.CHANNEL_RED));
        assertThat(again.getReasonsList())
                .extracting(DecisionReason::getRuleId)
                .containsExactly("CHPL-TIER-1", "DIVERSION-DESTINATION", "DIVERSION-TRANSIT");
        assertThat(as(OFFICER)
                        .listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(elsewhere)
                                .build())
                        .getDecisionsCount())
                .isZero();
        assertFails(
                () -> service.assessDeclaration(AssessDeclarationRequest.newBuilder()
                        .setStoredDeclaration("declarations/" + UUID.randomUUID())
                        .build()),
                Status.Code.NOT_FOUND,
                "DECLARATION_NOT_FOUND");
        assertFails(
                () -> service.assessDeclaration(AssessDeclarationRequest.newBuilder()
                        .setStoredDeclaration(name)
                        .setDeclaration(electronics(checkpoint, "620342"))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_DECLARATION");
    }

    @Test
    void anAssessmentGivesChannelChancesAndStoresNothing() {
        String checkpoint = checkpoint();
        var service = as(TestTokens.as(Roles.SERVICE));

        // trousers: only FIRST-TIME-TRADER (+10, nothing of this consignor was stored) = 10, GREEN, unless the 5%
        // sample
        // picks it for YELLOW: 0.95 x 5 min + 0.05 x 120 min = 285 s + 360 s
        var harmless = service.assessDeclaration(AssessDeclarationRequest.newBuilder()
                .setDeclaration(electronics(checkpoint, "620342"))
                .build());
        assertThat(harmless.getChannelChancesList())
                .extracting(c -> c.getChannel() + "=" + c.getProbability())
                .containsExactlyInAnyOrder("CHANNEL_GREEN=0.95", "CHANNEL_YELLOW=0.05");
        assertThat(harmless.getRiskScore()).isEqualTo(10);
        assertThat(harmless.getReasonsList())
                .extracting(DecisionReason::getRuleId)
                .containsExactly("FIRST-TIME-TRADER");
        assertThat(harmless.getExpectedHandling().getSeconds()).isEqualTo(645);
        assertThat(harmless.getRuleset()).isEqualTo("rulesets/2");

        // 70 + 15 + 10 + 10 = 105 -> 100: RED by unloading for certain, 240 min
        var chips = service.assessDeclaration(AssessDeclarationRequest.newBuilder()
                .setDeclaration(electronics(checkpoint, "8542310000"))
                .build());
        assertThat(chips.getChannelChancesList()).singleElement().satisfies(c -> {
            assertThat(c.getChannel()).isEqualTo(Channel.CHANNEL_RED);
            assertThat(c.getProbability()).isEqualTo(1.0);
            assertThat(c.getExpectedHandling().getSeconds()).isEqualTo(240 * 60);
        });
        assertThat(chips.getReasonsList())
                .extracting(DecisionReason::getRuleId)
                .containsExactly("CHPL-TIER-1", "DIVERSION-DESTINATION", "DIVERSION-TRANSIT", "FIRST-TIME-TRADER");

        assertThat(as(OFFICER)
                        .listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(checkpoint)
                                .build())
                        .getDecisionsCount())
                .isZero();
        assertFails(
                () -> service.assessDeclaration(AssessDeclarationRequest.newBuilder()
                        .setDeclaration(electronics(checkpoint, "12"))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_DECLARATION");
        Throwable carrier = catchThrowable(() -> as(TestTokens.as(Roles.CARRIER))
                .assessDeclaration(AssessDeclarationRequest.newBuilder()
                        .setDeclaration(electronics(checkpoint, "620342"))
                        .build()));
        assertThat(Status.fromThrowable(carrier).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
}
