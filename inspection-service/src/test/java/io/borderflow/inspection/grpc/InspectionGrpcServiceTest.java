package io.borderflow.inspection.grpc;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.common.v1.ProvenanceKind;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GoodsList;
import io.borderflow.api.inspection.v1.GoodsListTier;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.RiskRule;
import io.borderflow.api.inspection.v1.RuleCondition;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.RulesetState;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class InspectionGrpcServiceTest {

    @GrpcClient
    InspectionServiceBlockingStub inspection;

    private Ruleset get(String name) {
        return inspection.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .getRuleset(GetRulesetRequest.newBuilder().setName(name).build()).getRuleset();
    }

    @Test
    void activeRulesetIsTheSeededVersionWithTheHighPriorityListAsData() {
        Ruleset active = get("rulesets/active");

        assertThat(active.getName()).isEqualTo("rulesets/1");
        assertThat(active.getState()).isEqualTo(RulesetState.RULESET_STATE_ACTIVE);
        assertThat(active.hasActivateTime()).isTrue();
        assertThat(active.getThresholds().getYellowFromScore()).isLessThanOrEqualTo(active.getThresholds().getRedFromScore());
        assertThat(active.getRandomSampleRate()).isBetween(0.0, 1.0);
        assertThat(active.getRandomSampleBasis()).isNotBlank();

        GoodsList chpl = active.getGoodsListsList().stream().filter(l -> l.getListId().equals("chpl")).findFirst().orElseThrow();
        assertThat(chpl.getVersion()).isEqualTo("2024-02-23");
        assertThat(chpl.getProvenance().getKind()).isEqualTo(ProvenanceKind.PROVENANCE_KIND_OFFICIAL);
        assertThat(chpl.getTiersList()).extracting(GoodsListTier::getTier).containsExactly("1", "2", "3.A", "3.B", "4.A", "4.B");
        assertThat(chpl.getTiersList().stream().mapToInt(GoodsListTier::getHsCodesCount).sum()).isEqualTo(50);
        assertThat(chpl.getTiers(0).getHsCodesList()).containsExactly("854231", "854232", "854233", "854239");
        assertThat(chpl.getTiers(2).getVerification()).contains("one secondary source");
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
        assertThat(ruleset.getRulesList()).anySatisfy(r -> assertThat(r.getCondition().getHsPrefix().getPrefixesList())
                .contains("8806"));
    }

    @Test
    void missingVersionIsNotFound() {
        var failure = assertFails(() -> get("rulesets/999"), Status.Code.NOT_FOUND, "RULESET_NOT_FOUND");
        assertThat(failure.errorInfo().getDomain()).isEqualTo("inspection.borderflow.io");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rulesets/0", "rulesets/-1", "rulesets/latest", "rulesets/1x", "1",
            "rulesets/99999999999999999999"})
    void malformedNameIsInvalid(String name) {
        var failure = assertFails(() -> get(name), Status.Code.INVALID_ARGUMENT, "INVALID_NAME");
        assertThat(failure.badFields()).containsExactly("name");
    }
}
