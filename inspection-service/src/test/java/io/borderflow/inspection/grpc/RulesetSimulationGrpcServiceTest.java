package io.borderflow.inspection.grpc;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.ChannelShare;
import io.borderflow.api.inspection.v1.CheckpointLoad;
import io.borderflow.api.inspection.v1.CountryRole;
import io.borderflow.api.inspection.v1.CreateRulesetRequest;
import io.borderflow.api.inspection.v1.Decision;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.Detection;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.HandlingTimes;
import io.borderflow.api.inspection.v1.InspectionKind;
import io.borderflow.api.inspection.v1.InspectionOutcome;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.inspection.v1.RecordInspectionResultRequest;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.SimulateRulesetRequest;
import io.borderflow.api.inspection.v1.SimulateRulesetResponse;
import io.borderflow.api.inspection.v1.SimulationOutcome;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SimulateRuleset against a small case computed by hand. Each test submits its own five declarations at a checkpoint
 * of its own, under the active ruleset 2 (none falls to the random sample: every channel comes from a rule's floor
 * or the score), and replays exactly those over a one-day period, so every per-day figure is a plain sum.
 */
@QuarkusTest
class RulesetSimulationGrpcServiceTest {
    private static final CallCredentials ANALYST = TestTokens.as(Roles.RISK_ANALYST);
    private static final CallCredentials OFFICER = TestTokens.as(Roles.CUSTOMS_OFFICER);

    @GrpcClient
    InspectionServiceBlockingStub inspection;

    private InspectionServiceBlockingStub as(CallCredentials credentials) {
        return inspection.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    /** The declarations of one test: where, and the one-day period [start, start + 1 day) they were submitted in. */
    private record Scenario(String checkpoint, Instant start, Instant end) {}

    /**
     * Submits, from one new consignor, at a new checkpoint, under ruleset 2 (thresholds: YELLOW from 30, RED from 60;
     * unloading from 90; handling: YELLOW 120 min, RED X-ray 45, RED unloading 240, REFUSED 30):
     *
     * <pre>
     * D1 ICs 854231, Acme, CN -> KZ -> RU  CHPL-TIER-1 70 + DIVERSION-DESTINATION 15 + DIVERSION-TRANSIT 10
     *                                      + FIRST-TIME-TRADER 10 = 105 -> 100   RED unloading  240 min  MISDECLARED_GOODS
     * D2 phones 851762, CN -> KZ           CHPL-TIER-2 50 (at least YELLOW)    YELLOW         120 min  NO_FINDING
     * D3 laptops 847150, CN -> KZ          CHPL-TIER-3 35                      YELLOW         120 min  (none recorded)
     * D4 ICs 854239, Texas Instruments,    CHPL-TIER-1 70 + DIVERSION-DESTINATION 15 + WATCHED-BRAND 25
     *    CN -> RU                          + PROHIBITED-FOR-DESTINATION 30 = 140 -> 100  REFUSED  30 min  ENTRY_REFUSED
     * D5 trousers 620342, CN -> KZ, for    WATCHED-PARTY 60 (at least RED)     RED X-ray       45 min  DOCUMENT_IRREGULARITY
     *    a consignee on the watch list
     * </pre>
     *
     * Violations were found for D1, D4 and D5.
     */
    private Scenario submitFiveDeclarations() {
        String checkpoint = "checkpoints/whatif-" + UUID.randomUUID().toString().substring(0, 8);
        Party consignor = Party.newBuilder()
                .setName("Whatif Freight " + checkpoint.substring("checkpoints/whatif-".length()))
                .setCountryCode("CN")
                .build();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        Decision d1 = submit(
                declaration(checkpoint, consignor, "8542310000", "Acme", "RU", "KZ"),
                Channel.CHANNEL_RED,
                InspectionKind.INSPECTION_KIND_UNLOADING,
                100,
                240);
        Decision d2 = submit(
                declaration(checkpoint, consignor, "8517620000", "Acme", "KZ"),
                Channel.CHANNEL_YELLOW,
                InspectionKind.INSPECTION_KIND_NONE,
                50,
                120);
        submit(
                declaration(checkpoint, consignor, "8471500000", "Acme", "KZ"),
                Channel.CHANNEL_YELLOW,
                InspectionKind.INSPECTION_KIND_NONE,
                35,
                120);
        Decision d4 = submit(
                declaration(checkpoint, consignor, "8542390000", "Texas Instruments", "RU"),
                Channel.CHANNEL_REFUSED,
                InspectionKind.INSPECTION_KIND_NONE,
                100,
                30);
        Decision d5 = submit(
                declaration(checkpoint, consignor, "6203420000", "", "KZ")
                        .setConsignee(Party.newBuilder()
                                .setName("ООО «Технопром Логистик»")
                                .setCountryCode("KZ"))
                        .build(),
                Channel.CHANNEL_RED,
                InspectionKind.INSPECTION_KIND_XRAY,
                60,
                45);

        record(d1, InspectionOutcome.INSPECTION_OUTCOME_MISDECLARED_GOODS, "CHPL-TIER-1");
        record(d2, InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING);
        record(d4, InspectionOutcome.INSPECTION_OUTCOME_ENTRY_REFUSED, "PROHIBITED-FOR-DESTINATION");
        record(d5, InspectionOutcome.INSPECTION_OUTCOME_DOCUMENT_IRREGULARITY, "WATCHED-PARTY");
        return new Scenario(checkpoint, start, start.plus(Duration.ofDays(1)));
    }

    private static Declaration.Builder declaration(
            String checkpoint, Party consignor, String hsCode, String brand, String destination, String... transit) {
        return Declaration.newBuilder()
                .addGoodsLines(GoodsLine.newBuilder()
                        .setHsCode(hsCode)
                        .setDescription("Goods " + hsCode)
                        .setBrand(brand)
                        .setQuantity(100)
                        .setQuantityUnit("pcs")
                        .setNetWeightKg(120)
                        .setCustomsValue(250000)
                        .setCurrency("USD")
                        .setOriginCountryCode("CN"))
                .setConsignor(consignor)
                .setConsignee(Party.newBuilder().setName("Almaty Distribution").setCountryCode("KZ"))
                .setCarrierId("kaz-trans-01")
                .setVehiclePlate("777 WIF 02")
                .setOriginCountryCode("CN")
                .addAllTransitCountryCodes(List.of(transit))
                .setDestinationCountryCode(destination)
                .setCheckpoint(checkpoint);
    }

    private Decision submit(
            Declaration.Builder declaration, Channel channel, InspectionKind kind, int score, long handlingMinutes) {
        return submit(declaration.build(), channel, kind, score, handlingMinutes);
    }

    /** Submits and checks the decision is the one the hand computation starts from. */
    private Decision submit(
            Declaration declaration, Channel channel, InspectionKind kind, int score, long handlingMinutes) {
        Decision decision = as(OFFICER)
                .submitDeclaration(SubmitDeclarationRequest.newBuilder()
                        .setRequestId("whatif-" + UUID.randomUUID())
                        .setDeclaration(declaration)
                        .build())
                .getDecision();
        assertThat(decision.getRuleset()).isEqualTo("rulesets/2");
        assertThat(decision.getChannel()).as(decision.toString()).isEqualTo(channel);
        assertThat(decision.getInspectionKind()).isEqualTo(kind);
        assertThat(decision.getRiskScore()).isEqualTo(score);
        assertThat(decision.getRandomSample()).isFalse();
        assertThat(decision.getExpectedHandling().getSeconds()).isEqualTo(handlingMinutes * 60);
        return decision;
    }

    private void record(Decision decision, InspectionOutcome outcome, String... confirmed) {
        as(OFFICER)
                .recordInspectionResult(RecordInspectionResultRequest.newBuilder()
                        .setDecision(decision.getName())
                        .setOutcome(outcome)
                        .addAllConfirmedRuleIds(List.of(confirmed))
                        .build());
    }

    private SimulateRulesetResponse simulate(Scenario scenario, SimulateRulesetRequest.Builder candidate) {
        return as(ANALYST)
                .simulateRuleset(candidate
                        .setStartTime(RulesetDrafts.timestamp(scenario.start()))
                        .setEndTime(RulesetDrafts.timestamp(scenario.end()))
                        .setCheckpoint(scenario.checkpoint())
                        .build());
    }

    /**
     * A near-blanket candidate, no random sample: anything of HS chapters 84, 85, 88 or 90 is X-rayed at least (40, at
     * least RED); bound for Russia or Belarus adds 50. Its own handling times: RED X-ray 30 min, unloading 180 min.
     */
    private static Ruleset nearBlanket() {
        return Ruleset.newBuilder()
                .setDisplayName("Near-blanket electronics and machinery")
                .setDescription("Physical inspection of every truck of chapters 84, 85, 88 and 90")
                .setThresholds(RulesetDrafts.thresholds(30, 60))
                .setRandomSampleRate(0)
                .setRandomSampleBasis("estimate: none, everything relevant is inspected")
                .setHandlingTimes(HandlingTimes.newBuilder()
                        .setGreen(RulesetDrafts.minutes(5))
                        .setBlue(RulesetDrafts.minutes(5))
                        .setYellow(RulesetDrafts.minutes(60))
                        .setRedXray(RulesetDrafts.minutes(30))
                        .setRedUnloading(RulesetDrafts.minutes(180))
                        .setRefused(RulesetDrafts.minutes(15))
                        .setBasis("estimate: a faster scanner"))
                .addRules(RulesetDrafts.rule(
                        "ELECTRONICS-MACHINERY",
                        40,
                        Channel.CHANNEL_RED,
                        RulesetDrafts.hsPrefix("84", "85", "88", "90")))
                .addRules(RulesetDrafts.rule(
                        "BOUND-FOR-RUSSIA",
                        50,
                        Channel.CHANNEL_UNSPECIFIED,
                        RulesetDrafts.country(CountryRole.COUNTRY_ROLE_DESTINATION, "RU", "BY")))
                .build();
    }

    /**
     * A lenient candidate that sends nothing to RED, no random sample, default handling times (YELLOW 2 h): integrated
     * circuits (HS 8542) get a documentary check (20, at least YELLOW); nothing else scores.
     */
    private static Ruleset documentsOnly(String displayName) {
        return Ruleset.newBuilder()
                .setDisplayName(displayName)
                .setDescription("Documentary checks of integrated circuits only")
                .setThresholds(RulesetDrafts.thresholds(30, 60))
                .setRandomSampleRate(0)
                .setRandomSampleBasis("estimate: none")
                .addRules(
                        RulesetDrafts.rule("IC-DOCUMENTS", 20, Channel.CHANNEL_YELLOW, RulesetDrafts.hsPrefix("8542")))
                .build();
    }

    private static ChannelShare share(Channel channel, long count, double share) {
        return ChannelShare.newBuilder()
                .setChannel(channel)
                .setCount(count)
                .setShare(share)
                .build();
    }

    private static CheckpointLoad load(String checkpoint, double declarations, double hours, double physical) {
        return CheckpointLoad.newBuilder()
                .setCheckpoint(checkpoint)
                .setDeclarationsPerDay(declarations)
                .setInspectionHoursPerDay(hours)
                .setPhysicalInspectionsPerDay(physical)
                .build();
    }

    private static Detection detection(long found, long inspected, long physically, double rate) {
        return Detection.newBuilder()
                .setViolationsFound(found)
                .setStillInspected(inspected)
                .setStillPhysicallyInspected(physically)
                .setDetectionRate(rate)
                .build();
    }

    /**
     * Ruleset 2 over the five declarations: YELLOW 2 (D2, D3), RED 2 (D1, D5), REFUSED 1 (D4) of 5.
     * Inspection hours: D1 4 + D2 2 + D3 2 + D4 0.5 + D5 0.75 = 9.25 over 1 day. Physical inspections: RED only,
     * D1 and D5 = 2. Violations D1, D4, D5: all three inspected, all three physically (RED or REFUSED), rate 1.
     */
    private static void assertActiveRulesetFigures(SimulationOutcome active, Scenario scenario) {
        assertThat(active.getRuleset()).isEqualTo("rulesets/2");
        assertThat(active.getChannelsList())
                .containsExactly(
                        share(Channel.CHANNEL_GREEN, 0, 0.0),
                        share(Channel.CHANNEL_BLUE, 0, 0.0),
                        share(Channel.CHANNEL_YELLOW, 2, 0.4),
                        share(Channel.CHANNEL_RED, 2, 0.4),
                        share(Channel.CHANNEL_REFUSED, 1, 0.2));
        assertThat(active.getCheckpointsList()).containsExactly(load(scenario.checkpoint(), 5.0, 9.25, 2.0));
        assertThat(active.getDetection()).isEqualTo(detection(3, 3, 3, 1.0));
    }

    @Test
    void aNearBlanketCandidateIsComparedWithTheActiveRuleset() {
        Scenario scenario = submitFiveDeclarations();

        SimulateRulesetResponse response =
                simulate(scenario, SimulateRulesetRequest.newBuilder().setRuleset(nearBlanket()));

        assertThat(response.getDeclarations()).isEqualTo(5);
        assertThat(response.getDays()).isEqualTo(1.0);
        assertActiveRulesetFigures(response.getActive(), scenario);

        // candidate: D1 40 + 50 = 90, RED by unloading, 3 h; D2 and D3 40, RED by X-ray, 0.5 h each; D4 40 + 50 = 90,
        // RED by unloading, 3 h; D5 (trousers) 0, GREEN. Hours 3 + 0.5 + 0.5 + 3 = 7; 4 physical inspections.
        // Violations D1, D4, D5: D1 and D4 inspected, both physically; D5 released: 2 of 3.
        SimulationOutcome candidate = response.getCandidate();
        assertThat(candidate.getRuleset()).isEmpty();
        assertThat(candidate.getChannelsList())
                .containsExactly(
                        share(Channel.CHANNEL_GREEN, 1, 0.2),
                        share(Channel.CHANNEL_BLUE, 0, 0.0),
                        share(Channel.CHANNEL_YELLOW, 0, 0.0),
                        share(Channel.CHANNEL_RED, 4, 0.8),
                        share(Channel.CHANNEL_REFUSED, 0, 0.0));
        assertThat(candidate.getCheckpointsList()).containsExactly(load(scenario.checkpoint(), 5.0, 7.0, 4.0));
        assertThat(candidate.getDetection()).isEqualTo(detection(3, 2, 2, 2.0 / 3));
    }

    @Test
    void aLenientCandidateInspectsLessAndMissesWhatOnlyRedFound() {
        Scenario scenario = submitFiveDeclarations();

        SimulateRulesetResponse response =
                simulate(scenario, SimulateRulesetRequest.newBuilder().setRuleset(documentsOnly("Documents only")));

        assertActiveRulesetFigures(response.getActive(), scenario);
        // candidate: D1 and D4 (HS 8542) YELLOW, 2 h each; D2, D3, D5 GREEN. Hours 4, no physical inspection.
        // Violations D1, D4, D5: D1 and D4 still inspected (documents only), D5 released: 2 of 3, 0 physically.
        assertThat(response.getCandidate().getChannelsList())
                .containsExactly(
                        share(Channel.CHANNEL_GREEN, 3, 0.6),
                        share(Channel.CHANNEL_BLUE, 0, 0.0),
                        share(Channel.CHANNEL_YELLOW, 2, 0.4),
                        share(Channel.CHANNEL_RED, 0, 0.0),
                        share(Channel.CHANNEL_REFUSED, 0, 0.0));
        assertThat(response.getCandidate().getCheckpointsList())
                .containsExactly(load(scenario.checkpoint(), 5.0, 4.0, 0.0));
        assertThat(response.getCandidate().getDetection()).isEqualTo(detection(3, 2, 0, 2.0 / 3));
    }

    @Test
    void aStoredDraftIsSimulatedByName() {
        Scenario scenario = submitFiveDeclarations();
        Ruleset draft = as(ANALYST)
                .createRuleset(CreateRulesetRequest.newBuilder()
                        .setRequestId("ruleset-" + UUID.randomUUID())
                        .setRuleset(documentsOnly(
                                "Documents only " + UUID.randomUUID().toString().substring(0, 8)))
                        .build())
                .getRuleset();

        SimulateRulesetResponse byName =
                simulate(scenario, SimulateRulesetRequest.newBuilder().setRulesetName(draft.getName()));
        SimulateRulesetResponse inline =
                simulate(scenario, SimulateRulesetRequest.newBuilder().setRuleset(documentsOnly("Documents only")));

        assertThat(byName.getCandidate().getRuleset()).isEqualTo(draft.getName());
        // the same rules give the same figures, stored or not (no random sample in either)
        assertThat(byName.getCandidate().toBuilder().clearRuleset().build()).isEqualTo(inline.getCandidate());
        assertThat(byName.getActive()).isEqualTo(inline.getActive());

        // the active ruleset as the candidate gives the active figures again
        SimulateRulesetResponse itself =
                simulate(scenario, SimulateRulesetRequest.newBuilder().setRulesetName("rulesets/2"));
        assertThat(itself.getCandidate()).isEqualTo(itself.getActive());
        assertActiveRulesetFigures(itself.getCandidate(), scenario);
    }

    @Test
    void aPeriodWithoutDeclarationsGivesZeroes() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SimulateRulesetResponse response = simulate(
                new Scenario(
                        "checkpoints/whatif-empty-"
                                + UUID.randomUUID().toString().substring(0, 8),
                        start,
                        start.plus(Duration.ofHours(12))),
                SimulateRulesetRequest.newBuilder().setRuleset(nearBlanket()));

        assertThat(response.getDeclarations()).isZero();
        assertThat(response.getDays()).isEqualTo(0.5);
        for (SimulationOutcome outcome : new SimulationOutcome[] {response.getActive(), response.getCandidate()}) {
            assertThat(outcome.getChannelsList())
                    .extracting(ChannelShare::getChannel)
                    .containsExactly(
                            Channel.CHANNEL_GREEN,
                            Channel.CHANNEL_BLUE,
                            Channel.CHANNEL_YELLOW,
                            Channel.CHANNEL_RED,
                            Channel.CHANNEL_REFUSED);
            assertThat(outcome.getChannelsList()).allSatisfy(c -> {
                assertThat(c.getCount()).isZero();
                assertThat(c.getShare()).isZero();
            });
            assertThat(outcome.getCheckpointsList()).isEmpty();
            assertThat(outcome.getDetection()).isEqualTo(detection(0, 0, 0, 0.0));
        }
    }

    @Test
    void aBadPeriodOrCandidateIsRefused() {
        Instant now = Instant.now();
        var request = SimulateRulesetRequest.newBuilder()
                .setRuleset(nearBlanket())
                .setStartTime(RulesetDrafts.timestamp(now))
                .setEndTime(RulesetDrafts.timestamp(now.minusSeconds(3600)));

        var backwards = assertFails(
                () -> as(ANALYST).simulateRuleset(request.build()), Status.Code.INVALID_ARGUMENT, "INVALID_PERIOD");
        assertThat(backwards.badFields()).containsExactly("end_time");
        var empty = assertFails(
                () -> as(ANALYST)
                        .simulateRuleset(request.clone()
                                .setEndTime(RulesetDrafts.timestamp(now))
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PERIOD");
        assertThat(empty.badFields()).containsExactly("end_time");
        var tooLong = assertFails(
                () -> as(ANALYST)
                        .simulateRuleset(request.clone()
                                .setEndTime(RulesetDrafts.timestamp(now.plus(Duration.ofDays(367))))
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PERIOD");
        assertThat(tooLong.badFields()).containsExactly("end_time");
        var noStart = assertFails(
                () -> as(ANALYST)
                        .simulateRuleset(request.clone().clearStartTime().build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PERIOD");
        assertThat(noStart.badFields()).containsExactly("start_time");

        var valid = request.clone().setEndTime(RulesetDrafts.timestamp(now.plusSeconds(3600)));
        var badCandidate = assertFails(
                () -> as(ANALYST)
                        .simulateRuleset(valid.clone()
                                .setRuleset(nearBlanket().toBuilder()
                                        .setRules(
                                                0,
                                                nearBlanket().getRules(0).toBuilder()
                                                        .setCondition(RulesetDrafts.hsPrefix("8X"))))
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_RULESET");
        assertThat(badCandidate.badFields()).containsExactly("ruleset.rules[0].condition.hs_prefix.prefixes[0]");
        assertFails(
                () -> as(ANALYST)
                        .simulateRuleset(
                                valid.clone().setRulesetName("rulesets/999999").build()),
                Status.Code.NOT_FOUND,
                "RULESET_NOT_FOUND");
        assertFails(
                () -> as(ANALYST).simulateRuleset(valid.clone().clearCandidate().build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_RULESET");

        Throwable officer = catchThrowable(() -> as(OFFICER).simulateRuleset(valid.build()));
        assertThat(Status.fromThrowable(officer).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
}
