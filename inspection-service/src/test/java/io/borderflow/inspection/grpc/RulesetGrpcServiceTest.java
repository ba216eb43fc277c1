package io.borderflow.inspection.grpc;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.Duration;
import io.borderflow.api.common.v1.AuditOutcome;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.CountryRole;
import io.borderflow.api.inspection.v1.CreateRulesetRequest;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GoodsListCondition;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.ListAuditRecordsRequest;
import io.borderflow.api.inspection.v1.ListRulesetsRequest;
import io.borderflow.api.inspection.v1.ListRulesetsResponse;
import io.borderflow.api.inspection.v1.RiskRule;
import io.borderflow.api.inspection.v1.RuleCondition;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.RulesetState;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Drafting rulesets (CreateRuleset) and reading them back (GetRuleset, ListRulesets). */
@QuarkusTest
class RulesetGrpcServiceTest {
    private static final CallCredentials ANALYST = TestTokens.as(Roles.RISK_ANALYST);

    @GrpcClient
    InspectionServiceBlockingStub inspection;

    private InspectionServiceBlockingStub as(CallCredentials credentials) {
        return inspection.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private static String requestId() {
        return "ruleset-" + UUID.randomUUID();
    }

    private static String unique(String title) {
        return title + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private Ruleset create(String requestId, Ruleset draft) {
        return as(ANALYST)
                .createRuleset(CreateRulesetRequest.newBuilder()
                        .setRequestId(requestId)
                        .setRuleset(draft)
                        .build())
                .getRuleset();
    }

    /** Every stored version, newest first. */
    private List<Ruleset> all(CallCredentials credentials) {
        return as(credentials)
                .listRulesets(ListRulesetsRequest.newBuilder().setPageSize(500).build())
                .getRulesetsList();
    }

    private List<Ruleset> all() {
        return all(ANALYST);
    }

    /** A stored version without the fields the server sets: what the caller sent. */
    private static Ruleset asSent(Ruleset stored) {
        return stored.toBuilder()
                .clearName()
                .clearVersion()
                .clearState()
                .clearCreateTime()
                .clearActivateTime()
                .build();
    }

    @Test
    void aDraftIsStoredUnderTheNextVersionAndReturnedInFull() {
        long newest = all().get(0).getVersion();
        Ruleset draft = RulesetDrafts.full(unique("Diversion focus")).build();
        Instant before = Instant.now().minusMillis(1);

        Ruleset created = create(requestId(), draft);

        assertThat(created.getVersion()).isEqualTo(newest + 1);
        assertThat(created.getName()).isEqualTo("rulesets/" + (newest + 1));
        assertThat(created.getState()).isEqualTo(RulesetState.RULESET_STATE_DRAFT);
        assertThat(created.hasActivateTime()).isFalse();
        assertThat(RulesetDrafts.instant(created.getCreateTime())).isBetween(before, Instant.now());
        // rules in order with their further conditions, every condition kind, goods list with provenance, handling
        // times
        assertThat(asSent(created)).isEqualTo(draft);

        assertThat(as(TestTokens.as(Roles.CUSTOMS_OFFICER))
                        .getRuleset(GetRulesetRequest.newBuilder()
                                .setName(created.getName())
                                .build())
                        .getRuleset())
                .isEqualTo(created);
        assertThat(all().get(0)).isEqualTo(created);
        assertThat(all(TestTokens.as(Roles.AUDITOR))).contains(created);
        assertThat(as(TestTokens.as(Roles.AUDITOR))
                        .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                                .setAction("ruleset.create")
                                .setPageSize(500)
                                .build())
                        .getAuditRecordsList())
                .anySatisfy(r -> {
                    assertThat(r.getResource()).isEqualTo(created.getName());
                    assertThat(r.getSubject()).isEqualTo("test-" + Roles.RISK_ANALYST);
                    assertThat(r.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_SUCCEEDED);
                    assertThat(r.getDetail()).isEqualTo("9 rules, thresholds 25/55");
                });
    }

    @Test
    void aDraftWithoutHandlingTimesGetsTheDefaults() {
        Ruleset created =
                create(requestId(), RulesetDrafts.minimal(unique("Defaults")).build());

        var handling = created.getHandlingTimes();
        // 5 min green and blue, 2 h yellow, 45 min X-ray, 4 h unloading, 30 min refusal
        assertThat(List.of(
                        handling.getGreen(),
                        handling.getBlue(),
                        handling.getYellow(),
                        handling.getRedXray(),
                        handling.getRedUnloading(),
                        handling.getRefused()))
                .extracting(Duration::getSeconds)
                .containsExactly(300L, 300L, 7200L, 2700L, 14400L, 1800L);
        assertThat(handling.getBasis()).isNotBlank();
    }

    @Test
    void twoAnalystsUsingTheSameRequestIdEachGetTheirOwnDraft() {
        CallCredentials otherAnalyst = TestTokens.bearer(TestTokens.issuer()
                .token("analyst-" + UUID.randomUUID())
                .roles(Roles.RISK_ANALYST)
                .sign());
        String requestId = requestId();

        Ruleset first = create(requestId, RulesetDrafts.minimal(unique("Mine")).build());
        // another subject's request id is its own: with other content it is another draft, not a reuse
        Ruleset other = as(otherAnalyst)
                .createRuleset(CreateRulesetRequest.newBuilder()
                        .setRequestId(requestId)
                        .setRuleset(RulesetDrafts.minimal(unique("Theirs")))
                        .build())
                .getRuleset();

        assertThat(other.getVersion()).isNotEqualTo(first.getVersion());
    }

    @Test
    void concurrentFirstUsesOfOneRequestIdStoreOneDraftAndNeverFailInternally() throws Exception {
        String requestId = requestId();
        String title = unique("Race");
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Status.Code>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                // four send one draft, four another: all under one request id
                Ruleset draft = RulesetDrafts.minimal(title)
                        .setDescription(i % 2 == 0 ? "even" : "odd")
                        .build();
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        create(requestId, draft);
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
        assertThat(all()).filteredOn(r -> r.getDisplayName().equals(title)).hasSize(1);
    }

    @Test
    void aRetryReturnsTheSameDraftAndAReusedIdIsRefused() {
        String requestId = requestId();
        Ruleset draft = RulesetDrafts.minimal(unique("Retry")).build();

        Ruleset first = create(requestId, draft);
        assertThat(create(requestId, draft)).isEqualTo(first);
        assertThat(all())
                .filteredOn(r -> r.getDisplayName().equals(draft.getDisplayName()))
                .hasSize(1);

        var failure = assertFails(
                () -> create(
                        requestId,
                        draft.toBuilder().setDescription("something else").build()),
                Status.Code.ALREADY_EXISTS,
                "REQUEST_ID_REUSED");
        assertThat(failure.errorInfo().getMetadataMap())
                .containsEntry("name", first.getName())
                .containsEntry("request_id", requestId);
        assertThat(all().get(0).getVersion()).isEqualTo(first.getVersion());
    }

    @Test
    void aRefusedDraftIsOnTheAuditTrail() {
        String requestId = requestId();
        assertFails(
                () -> create(
                        requestId,
                        RulesetDrafts.minimal(unique("No thresholds"))
                                .clearThresholds()
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_RULESET");
        assertThat(as(TestTokens.as(Roles.AUDITOR))
                        .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                                .setAction("ruleset.create")
                                .setPageSize(500)
                                .build())
                        .getAuditRecordsList())
                .filteredOn(r -> r.getResource().equals("requests/" + requestId))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_REJECTED);
                    assertThat(r.getDetail()).startsWith("INVALID_RULESET: ");
                });
    }

    @Test
    void aMalformedRequestIdIsRefused() {
        int before = all().size();
        var failure = assertFails(
                () -> create("short", RulesetDrafts.minimal(unique("Short id")).build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_RULESET");
        assertThat(failure.badFields()).containsExactly("request_id");
        assertThat(all()).hasSize(before);
    }

    private static Ruleset withRule(Ruleset.Builder draft, int index, UnaryOperator<RiskRule.Builder> change) {
        return draft.setRules(index, change.apply(draft.getRules(index).toBuilder()))
                .build();
    }

    static Stream<Arguments> brokenDrafts() {
        return Stream.of(
                arguments(
                        "an HS prefix with a letter",
                        withRule(RulesetDrafts.minimal("x"), 0, r -> r.setCondition(RulesetDrafts.hsPrefix("88O6"))),
                        List.of("ruleset.rules[0].condition.hs_prefix.prefixes[0]")),
                arguments(
                        "a goods list the ruleset does not have",
                        withRule(
                                RulesetDrafts.full("x"),
                                0,
                                r -> r.setCondition(RuleCondition.newBuilder()
                                        .setGoodsList(GoodsListCondition.newBuilder()
                                                .setListId("chpl")
                                                .addTiers("1")))),
                        List.of("ruleset.rules[0].condition.goods_list.list_id")),
                arguments(
                        "a tier the goods list does not have",
                        withRule(
                                RulesetDrafts.full("x"),
                                0,
                                r -> r.setCondition(RuleCondition.newBuilder()
                                        .setGoodsList(GoodsListCondition.newBuilder()
                                                .setListId("chpl-core")
                                                .addTiers("3.A")))),
                        List.of("ruleset.rules[0].condition.goods_list.tiers[0]")),
                arguments(
                        "a three-letter country code in a further condition",
                        withRule(
                                RulesetDrafts.full("x"),
                                1,
                                r -> r.setAlsoRequires(
                                        0, RulesetDrafts.country(CountryRole.COUNTRY_ROLE_DESTINATION, "RU", "RUS"))),
                        List.of("ruleset.rules[1].also_requires[0].country.country_codes[1]")),
                arguments(
                        "a lower-case country code",
                        withRule(
                                RulesetDrafts.full("x"),
                                6,
                                r -> r.setCondition(RulesetDrafts.country(CountryRole.COUNTRY_ROLE_TRANSIT, "kg"))),
                        List.of("ruleset.rules[6].condition.country.country_codes[0]")),
                arguments(
                        "a country condition without a role",
                        withRule(
                                RulesetDrafts.full("x"),
                                6,
                                r -> r.setCondition(RulesetDrafts.country(CountryRole.COUNTRY_ROLE_UNSPECIFIED, "KG"))),
                        List.of("ruleset.rules[6].condition.country.role")),
                arguments(
                        "a rule without a condition",
                        withRule(RulesetDrafts.minimal("x"), 0, RiskRule.Builder::clearCondition),
                        List.of("ruleset.rules[0].condition")),
                arguments(
                        "no thresholds",
                        RulesetDrafts.minimal("x").clearThresholds().build(),
                        List.of("ruleset.thresholds")),
                arguments(
                        "a red threshold below the yellow one",
                        RulesetDrafts.minimal("x")
                                .setThresholds(RulesetDrafts.thresholds(60, 30))
                                .build(),
                        List.of("ruleset.thresholds")),
                arguments(
                        "a similarity below 0.5",
                        withRule(
                                RulesetDrafts.full("x"),
                                3,
                                r -> r.setCondition(r.getCondition().toBuilder()
                                        .setPartyScreening(r.getCondition().getPartyScreening().toBuilder()
                                                .setMinSimilarity(0.3)))),
                        List.of("ruleset.rules[3].condition.party_screening.min_similarity")),
                arguments(
                        "a handling time that is not whole minutes",
                        RulesetDrafts.full("x")
                                .setHandlingTimes(RulesetDrafts.full("x").getHandlingTimes().toBuilder()
                                        .setYellow(Duration.newBuilder().setSeconds(90)))
                                .build(),
                        List.of("ruleset.handling_times.yellow")),
                arguments(
                        "a goods list without provenance",
                        RulesetDrafts.full("x")
                                .setGoodsLists(
                                        0,
                                        RulesetDrafts.full("x").getGoodsLists(0).toBuilder()
                                                .clearProvenance())
                                .build(),
                        List.of("ruleset.goods_lists[0].provenance")),
                arguments(
                        "a rule id used twice",
                        RulesetDrafts.minimal("x")
                                .addRules(RulesetDrafts.rule(
                                        "DRONES", 10, Channel.CHANNEL_UNSPECIFIED, RulesetDrafts.hsPrefix("8807")))
                                .build(),
                        List.of("ruleset.rules[1].rule_id")),
                arguments("no rules", RulesetDrafts.minimal("x").clearRules().build(), List.of("ruleset.rules")),
                arguments(
                        "several problems at once",
                        withRule(
                                RulesetDrafts.minimal("").clearThresholds(),
                                0,
                                r -> r.setCondition(RulesetDrafts.hsPrefix("8"))),
                        List.of(
                                "ruleset.display_name",
                                "ruleset.thresholds",
                                "ruleset.rules[0].condition.hs_prefix.prefixes[0]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDrafts")
    void aBrokenDraftIsRefusedWithEveryProblemNamedAndNothingIsStored(
            String problem, Ruleset draft, List<String> fields) {
        int before = all().size();

        var failure = assertFails(() -> create(requestId(), draft), Status.Code.INVALID_ARGUMENT, "INVALID_RULESET");

        assertThat(failure.badFields()).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(all()).hasSize(before);
    }

    @Test
    void versionsAreListedNewestFirstWithTheirStateAndPaged() {
        create(requestId(), RulesetDrafts.minimal(unique("Paging")).build());
        List<Ruleset> all = all();

        assertThat(all).extracting(Ruleset::getVersion).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all)
                .filteredOn(r -> r.getVersion() <= 2)
                .extracting(Ruleset::getName, Ruleset::getState)
                .containsExactly(
                        tuple("rulesets/2", RulesetState.RULESET_STATE_ACTIVE),
                        tuple("rulesets/1", RulesetState.RULESET_STATE_DRAFT));

        ListRulesetsResponse first = as(ANALYST)
                .listRulesets(ListRulesetsRequest.newBuilder().setPageSize(1).build());
        ListRulesetsResponse second = as(ANALYST)
                .listRulesets(ListRulesetsRequest.newBuilder()
                        .setPageSize(1)
                        .setPageToken(first.getNextPageToken())
                        .build());
        assertThat(first.getRulesetsList()).containsExactly(all.get(0));
        assertThat(second.getRulesetsList()).containsExactly(all.get(1));
    }

    @Test
    void onlyRiskAnalystsDraftAndOnlyAnalystsOfficersAndAuditorsList() {
        int before = all().size();
        for (String role : List.of(Roles.CUSTOMS_OFFICER, Roles.AUDITOR, Roles.SERVICE, Roles.PARTNER_CUSTOMS)) {
            Throwable thrown = catchThrowable(() -> as(TestTokens.as(role))
                    .createRuleset(CreateRulesetRequest.newBuilder()
                            .setRequestId(requestId())
                            .setRuleset(RulesetDrafts.minimal(unique("Not mine")))
                            .build()));
            assertThat(Status.fromThrowable(thrown).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(all()).hasSize(before);

        for (String role : List.of(Roles.CUSTOMS_OFFICER, Roles.AUDITOR)) {
            assertThat(all(TestTokens.as(role))).as(role).hasSize(before);
        }
        for (String role : List.of(Roles.FREIGHT_PLATFORM, Roles.CARRIER, Roles.SERVICE, Roles.BORDER_OPERATOR)) {
            Throwable thrown = catchThrowable(() -> all(TestTokens.as(role)));
            assertThat(Status.fromThrowable(thrown).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }
}
