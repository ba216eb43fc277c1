package io.borderflow.inspection.grpc;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Duration;
import io.borderflow.api.common.v1.ProvenanceKind;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.CountryRole;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GoodsList;
import io.borderflow.api.inspection.v1.GoodsListTier;
import io.borderflow.api.inspection.v1.HandlingTimes;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.RiskRule;
import io.borderflow.api.inspection.v1.RuleCondition;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.RulesetState;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class InspectionGrpcServiceTest {

    @GrpcClient
    InspectionServiceBlockingStub inspection;

    private Ruleset get(String name) {
        return get(name, TestTokens.as(Roles.CUSTOMS_OFFICER));
    }

    private Ruleset get(String name, CallCredentials credentials) {
        return inspection
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(credentials)
                .getRuleset(GetRulesetRequest.newBuilder().setName(name).build())
                .getRuleset();
    }

    @Test
    void activeRulesetIsTheNewestSeededVersionWithTheHighPriorityListAsData() {
        Ruleset active = get("rulesets/active");

        assertThat(active.getName()).isEqualTo("rulesets/2");
        assertThat(active.getVersion()).isEqualTo(2);
        assertThat(active.getState()).isEqualTo(RulesetState.RULESET_STATE_ACTIVE);
        assertThat(active.hasActivateTime()).isTrue();
        assertThat(active).isEqualTo(get("rulesets/2"));
        assertThat(active.getThresholds().getYellowFromScore())
                .isLessThanOrEqualTo(active.getThresholds().getRedFromScore());
        assertThat(active.getRandomSampleRate()).isBetween(0.0, 1.0);
        assertThat(active.getRandomSampleBasis()).isNotBlank();

        GoodsList chpl = active.getGoodsListsList().stream()
                .filter(l -> l.getListId().equals("chpl"))
                .findFirst()
                .orElseThrow();
        assertThat(chpl.getVersion()).isEqualTo("2024-02-23");
        assertThat(chpl.getProvenance().getKind()).isEqualTo(ProvenanceKind.PROVENANCE_KIND_OFFICIAL);
        assertThat(chpl.getTiersList())
                .extracting(GoodsListTier::getTier)
                .containsExactly("1", "2", "3.A", "3.B", "4.A", "4.B");
        assertThat(chpl.getTiersList().stream()
                        .mapToInt(GoodsListTier::getHsCodesCount)
                        .sum())
                .isEqualTo(50);
        assertThat(chpl.getTiers(0).getHsCodesList()).containsExactly("854231", "854232", "854233", "854239");
        assertThat(chpl.getTiers(2).getVerification()).contains("one secondary source");
    }

    @Test
    void theActiveRulesetCarriesItsHandlingTimesAndTheNewConditionKinds() {
        Ruleset ruleset = get("rulesets/2");

        HandlingTimes handling = ruleset.getHandlingTimes();
        assertThat(List.of(
                        handling.getGreen(),
                        handling.getBlue(),
                        handling.getYellow(),
                        handling.getRedXray(),
                        handling.getRedUnloading(),
                        handling.getRefused()))
                .extracting(Duration::getSeconds)
                .containsExactly(5 * 60L, 5 * 60L, 120 * 60L, 45 * 60L, 240 * 60L, 30 * 60L);
        assertThat(handling.getBasis()).startsWith("estimate:");

        assertThat(ruleset.getRulesList())
                .extracting(RiskRule::getRuleId)
                .containsExactly(
                        "CHPL-TIER-1",
                        "CHPL-TIER-2",
                        "CHPL-TIER-3",
                        "CHPL-TIER-4",
                        "DRONES",
                        "BATTERIES",
                        "MACHINE-TOOLS",
                        "DIVERSION-DESTINATION",
                        "DIVERSION-TRANSIT",
                        "WATCHED-BRAND",
                        "PROHIBITED-FOR-DESTINATION",
                        "WATCHED-PARTY",
                        "UNDERVALUED",
                        "FIRST-TIME-TRADER",
                        "AEO-TRADER",
                        "PARTNER-XRAY");
        RiskRule prohibited = rule(ruleset, "PROHIBITED-FOR-DESTINATION");
        assertThat(prohibited.getMinimumChannel()).isEqualTo(Channel.CHANNEL_REFUSED);
        assertThat(prohibited.getCondition().getGoodsList().getTiersList()).containsExactly("1");
        assertThat(prohibited.getAlsoRequiresList())
                .extracting(RuleCondition::getConditionCase)
                .containsExactly(RuleCondition.ConditionCase.BRAND, RuleCondition.ConditionCase.COUNTRY);
        assertThat(prohibited.getAlsoRequires(1).getCountry().getRole())
                .isEqualTo(CountryRole.COUNTRY_ROLE_DESTINATION);
        assertThat(prohibited.getAlsoRequires(1).getCountry().getCountryCodesList())
                .containsExactly("RU", "BY");
        RiskRule watched = rule(ruleset, "WATCHED-PARTY");
        assertThat(watched.getMinimumChannel()).isEqualTo(Channel.CHANNEL_RED);
        assertThat(watched.getCondition().getPartyScreening().getMinSimilarity())
                .isEqualTo(0.85);
        assertThat(rule(ruleset, "UNDERVALUED").getCondition().getValueAnomaly().getMaxRatio())
                .isEqualTo(0.2);
        assertThat(rule(ruleset, "FIRST-TIME-TRADER").getCondition().hasFirstTimeTrader())
                .isTrue();
        assertThat(rule(ruleset, "FIRST-TIME-TRADER").getWeight()).isEqualTo(10);
        assertThat(rule(ruleset, "PARTNER-XRAY")
                        .getCondition()
                        .getPartnerInspection()
                        .getAdministrationCountryCodesList())
                .containsExactly("CN");
    }

    @Test
    void theFirstSeededVersionStaysADraft() {
        Ruleset first = get("rulesets/1");

        assertThat(first.getState()).isEqualTo(RulesetState.RULESET_STATE_DRAFT);
        assertThat(first.hasActivateTime()).isFalse();
        assertThat(first.getRulesList()).extracting(RiskRule::getRuleId).doesNotContain("FIRST-TIME-TRADER");
    }

    private static RiskRule rule(Ruleset ruleset, String ruleId) {
        return ruleset.getRulesList().stream()
                .filter(r -> r.getRuleId().equals(ruleId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void rulesCarryTheirConditionsInOrder() {
        Ruleset ruleset = get("rulesets/1");

        RiskRule tier1 = ruleset.getRules(0);
        assertThat(tier1.getRuleId()).isEqualTo("CHPL-TIER-1");
        assertThat(tier1.getMinimumChannel()).isEqualTo(Channel.CHANNEL_RED);
        assertThat(tier1.getCondition().getConditionCase()).isEqualTo(RuleCondition.ConditionCase.GOODS_LIST);
        assertThat(tier1.getCondition().getGoodsList().getTiersList()).containsExactly("1");
        assertThat(ruleset.getRulesList()).anySatisfy(r -> {
            assertThat(r.getRuleId()).isEqualTo("AEO-TRADER");
            assertThat(r.getWeight()).isNegative();
            assertThat(r.getCondition().hasTraderAeo()).isTrue();
        });
        assertThat(ruleset.getRulesList())
                .anySatisfy(r -> assertThat(r.getCondition().getHsPrefix().getPrefixesList())
                        .contains("8806"));
    }

    @Test
    void rulesetsAreReadByAnalystsOfficersAuditorsAndServicesOnly() {
        for (String role : List.of(Roles.RISK_ANALYST, Roles.CUSTOMS_OFFICER, Roles.AUDITOR, Roles.SERVICE)) {
            assertThat(get("rulesets/active", TestTokens.as(role)).getName())
                    .as(role)
                    .isEqualTo("rulesets/2");
        }
        for (String role :
                List.of(Roles.FREIGHT_PLATFORM, Roles.CARRIER, Roles.BORDER_OPERATOR, Roles.PARTNER_CUSTOMS)) {
            Throwable thrown = catchThrowable(() -> get("rulesets/active", TestTokens.as(role)));
            assertThat(Status.fromThrowable(thrown).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void missingVersionIsNotFound() {
        var failure = assertFails(() -> get("rulesets/999"), Status.Code.NOT_FOUND, "RULESET_NOT_FOUND");
        assertThat(failure.errorInfo().getDomain()).isEqualTo("inspection.borderflow.io");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "rulesets/0",
                "rulesets/-1",
                "rulesets/latest",
                "rulesets/1x",
                "1",
                "rulesets/99999999999999999999"
            })
    void malformedNameIsInvalid(String name) {
        var failure = assertFails(() -> get(name), Status.Code.INVALID_ARGUMENT, "INVALID_NAME");
        assertThat(failure.badFields()).containsExactly("name");
    }
}
