package io.borderflow.inspection.service;

import io.borderflow.inspection.domain.DeclarationFacts;
import io.borderflow.inspection.domain.PartyNames;
import io.borderflow.inspection.domain.RiskEngine;
import io.borderflow.inspection.domain.RulesetDefinition;
import io.borderflow.inspection.model.DeclarationContent;
import io.borderflow.inspection.model.RulesetDetails;
import io.borderflow.inspection.repository.RulesetRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Compiled engines per stored ruleset version (a version never changes, so each is compiled once), and the facts the
 * engine reads from a declaration's content.
 */
@ApplicationScoped
public class RiskEngines {
    private final Map<Long, RiskEngine> engines = new ConcurrentHashMap<>();
    private final RulesetRepository rulesets;

    public RiskEngines(RulesetRepository rulesets) {
        this.rulesets = rulesets;
    }

    public RiskEngine of(RulesetDetails ruleset) {
        return engines.computeIfAbsent(
                ruleset.ruleset().version, version -> RulesetDefinition.engine(version, ruleset.content()));
    }

    /** The engine of a stored version: compiled before, or read (in a session of its own) and compiled now. */
    public Uni<RiskEngine> ofVersion(long version) {
        RiskEngine compiled = engines.get(version);
        if (compiled != null) {
            return Uni.createFrom().item(compiled);
        }
        return Panache.withSession(() -> rulesets.find(version))
                .map(row -> engines.computeIfAbsent(
                        version, v -> RulesetDefinition.engine(v, RulesetRepository.content(row))));
    }

    /**
     * The engine's view of a declaration.
     *
     * @param fingerprint the SHA-256 of the declaration's canonical content (the random sample is drawn from it)
     * @param firstTimeTrader whether no declaration of its consignor was stored before it
     */
    public static DeclarationFacts facts(DeclarationContent content, String fingerprint, boolean firstTimeTrader) {
        List<DeclarationFacts.Line> lines = content.goodsLines().stream()
                .map(l -> new DeclarationFacts.Line(
                        l.hsCode(), l.brand(), l.originCountryCode(), l.netWeightKg(), l.customsValue(), l.currency()))
                .toList();
        Set<String> partners = content.partnerInspections() == null
                ? Set.of()
                : content.partnerInspections().stream()
                        .map(DeclarationContent.PartnerInspection::administrationCountryCode)
                        .collect(Collectors.toSet());
        return new DeclarationFacts(
                lines,
                name(content.consignor()),
                name(content.consignee()),
                content.originCountryCode(),
                content.transitCountryCodes(),
                content.destinationCountryCode(),
                content.traderAeo(),
                partners,
                firstTimeTrader,
                fingerprint);
    }

    /** The consignor as first-time-trader checks compare it: normalised name and country. */
    public static String consignorKey(DeclarationContent content) {
        return PartyNames.key(name(content.consignor())) + "|"
                + (content.consignor() == null ? "" : content.consignor().countryCode());
    }

    private static String name(DeclarationContent.Party party) {
        return party == null ? "" : party.name();
    }
}
