package io.borderflow.inspection.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A ruleset version compiled for fast assessment. Every HS code or prefix a goods-list or HS-prefix rule names goes
 * into one hash index from prefix to (rule, evidence), so a goods line costs at most nine look-ups whatever the number
 * of such rules; every other condition is compiled once into a matcher (brands and watched parties into normalised
 * keys, value references into a prefix map). Immutable and thread-safe; build one per ruleset version and reuse it.
 *
 * <p>Decision, in order: a rule matches when its condition and all its {@code alsoRequires} conditions hold; the score
 * is the sum of the weights of the matching rules (each rule once), clamped to 0..100; the thresholds turn it into
 * GREEN, YELLOW or RED; a matching rule's minimum channel raises it (up to REFUSED); a trusted trader's YELLOW that no
 * rule demanded becomes BLUE (release now, audit later); a RED that comes from the score alone becomes YELLOW when a
 * matching partner-inspection rule recognises a partner administration's inspection (mutual recognition), while a
 * rule that demands RED keeps it; GREEN and BLUE declarations are sent to YELLOW by the random compliance sample when a
 * stable hash of the declaration falls below the sample rate. A RED declaration is unloaded from a score of
 * {@value #UNLOADING_FROM_SCORE}, X-rayed below it.
 */
public final class RiskEngine {
    public static final String RANDOM_SAMPLE_RULE = "RANDOM-SAMPLE";
    public static final String MUTUAL_RECOGNITION_RULE = "MUTUAL-RECOGNITION";
    public static final int UNLOADING_FROM_SCORE = 90;

    private final long version;
    private final int yellowFrom;
    private final int redFrom;
    private final double sampleRate;
    private final HandlingTimes handling;
    private final List<RuleSpec> rules;
    private final Map<String, List<Hit>> hsIndex = new HashMap<>();
    /** Per rule: the matcher of its main condition, or null when the HS index finds it. */
    private final Matcher[] primary;

    private final Matcher[][] also;
    private final boolean[] recognisesPartner;

    private record Hit(int rule, String evidence) {}

    /** Finds the evidence that a declaration meets a condition; null when it does not. */
    @FunctionalInterface
    private interface Matcher {
        String evidence(DeclarationFacts declaration);
    }

    /**
     * @param goodsLists list id -> tier -> HS-6 codes
     */
    public RiskEngine(
            long version,
            int yellowFrom,
            int redFrom,
            double sampleRate,
            HandlingTimes handling,
            List<RuleSpec> rules,
            Map<String, Map<String, List<String>>> goodsLists) {
        this.version = version;
        this.yellowFrom = yellowFrom;
        this.redFrom = redFrom;
        this.sampleRate = sampleRate;
        this.handling = handling;
        this.rules = List.copyOf(rules);
        this.primary = new Matcher[this.rules.size()];
        this.also = new Matcher[this.rules.size()][];
        this.recognisesPartner = new boolean[this.rules.size()];
        for (int i = 0; i < this.rules.size(); i++) {
            RuleSpec rule = this.rules.get(i);
            if (rule.condition() instanceof RuleSpec.GoodsList list) {
                for (Map.Entry<String, String> code : codes(list, goodsLists).entrySet()) {
                    index(
                            code.getKey(),
                            i,
                            "HS " + code.getKey() + " on " + list.listId() + " tier " + code.getValue());
                }
            } else if (rule.condition() instanceof RuleSpec.HsPrefix prefixes) {
                for (String prefix : prefixes.prefixes()) {
                    index(prefix, i, "HS prefix " + prefix);
                }
            } else {
                primary[i] = compile(rule.condition(), goodsLists);
            }
            recognisesPartner[i] = rule.condition() instanceof RuleSpec.PartnerInspection;
            also[i] = rule.alsoRequires().stream()
                    .map(c -> compile(c, goodsLists))
                    .toArray(Matcher[]::new);
        }
    }

    private void index(String prefix, int rule, String evidence) {
        hsIndex.computeIfAbsent(prefix, k -> new ArrayList<>()).add(new Hit(rule, evidence));
    }

    /** HS-6 code -> tier of the codes a goods-list condition covers. */
    private static Map<String, String> codes(
            RuleSpec.GoodsList list, Map<String, Map<String, List<String>>> goodsLists) {
        Map<String, String> codes = new HashMap<>();
        goodsLists.getOrDefault(list.listId(), Map.of()).forEach((tier, hsCodes) -> {
            if (list.tiers().isEmpty() || list.tiers().contains(tier)) {
                hsCodes.forEach(code -> codes.put(code, tier));
            }
        });
        return codes;
    }

    private static Matcher compile(RuleSpec.Condition condition, Map<String, Map<String, List<String>>> goodsLists) {
        if (condition instanceof RuleSpec.GoodsList list) {
            Map<String, String> codes = codes(list, goodsLists);
            return d -> {
                for (DeclarationFacts.Line line : d.lines()) {
                    String tier = line.hsCode().length() >= 6
                            ? codes.get(line.hsCode().substring(0, 6))
                            : null;
                    if (tier != null) {
                        return "HS " + line.hsCode() + " on " + list.listId() + " tier " + tier;
                    }
                }
                return null;
            };
        }
        if (condition instanceof RuleSpec.HsPrefix prefixes) {
            return d -> {
                for (DeclarationFacts.Line line : d.lines()) {
                    for (String prefix : prefixes.prefixes()) {
                        if (line.hsCode().startsWith(prefix)) {
                            return "HS " + line.hsCode() + " starts with " + prefix;
                        }
                    }
                }
                return null;
            };
        }
        if (condition instanceof RuleSpec.Country country) {
            return countryMatcher(country);
        }
        if (condition instanceof RuleSpec.Brand brand) {
            Map<String, String> keys = new HashMap<>();
            brand.brands().forEach(b -> keys.put(PartyNames.key(b), b));
            return d -> {
                for (DeclarationFacts.Line line : d.lines()) {
                    String watched = line.brand() == null || line.brand().isBlank()
                            ? null
                            : keys.get(PartyNames.key(line.brand()));
                    if (watched != null) {
                        return "brand '" + line.brand() + "' is the watched brand '" + watched + "'";
                    }
                }
                return null;
            };
        }
        if (condition instanceof RuleSpec.PartyScreening screening) {
            return partyMatcher(screening);
        }
        if (condition instanceof RuleSpec.ValueAnomaly anomaly) {
            return valueMatcher(anomaly);
        }
        if (condition instanceof RuleSpec.TraderAeo) {
            return d -> d.traderAeo() ? "trader holds AEO status" : null;
        }
        if (condition instanceof RuleSpec.PartnerInspection partner) {
            return d -> {
                for (String administration : d.partnerAdministrations()) {
                    if (partner.administrations().isEmpty()
                            || partner.administrations().contains(administration)) {
                        return "inspection by the recognised partner administration of " + administration;
                    }
                }
                return null;
            };
        }
        if (condition instanceof RuleSpec.FirstTimeTrader) {
            return d -> d.firstTimeTrader() ? "consignor '" + d.consignor() + "' has no earlier declaration" : null;
        }
        throw new IllegalArgumentException("unknown condition " + condition);
    }

    private static Matcher countryMatcher(RuleSpec.Country country) {
        Set<String> set = country.countries();
        return switch (country.role()) {
            case DESTINATION ->
                d -> set.contains(d.destinationCountry()) ? "destination " + d.destinationCountry() : null;
            case TRANSIT ->
                d -> {
                    for (String transit : d.transitCountries()) {
                        if (set.contains(transit)) {
                            return "transit through " + transit;
                        }
                    }
                    return null;
                };
            case ORIGIN ->
                d -> {
                    if (set.contains(d.originCountry())) {
                        return "origin " + d.originCountry();
                    }
                    for (DeclarationFacts.Line line : d.lines()) {
                        if (set.contains(line.originCountry())) {
                            return "HS " + line.hsCode() + " of origin " + line.originCountry();
                        }
                    }
                    return null;
                };
        };
    }

    private record WatchedName(String party, String name, List<String> words) {}

    private static Matcher partyMatcher(RuleSpec.PartyScreening screening) {
        Map<String, WatchedName> exact = new HashMap<>();
        List<WatchedName> names = new ArrayList<>();
        for (RuleSpec.WatchedParty party : screening.parties()) {
            List<String> all = new ArrayList<>(List.of(party.name()));
            all.addAll(party.aliases());
            for (String name : all) {
                WatchedName watched = new WatchedName(party.name(), name, PartyNames.words(name));
                names.add(watched);
                exact.putIfAbsent(String.join("", watched.words()), watched);
            }
        }
        return d -> {
            String[][] parties = {{"consignor", d.consignor()}, {"consignee", d.consignee()}};
            for (String[] party : parties) {
                List<String> words = PartyNames.words(party[1]);
                WatchedName best = exact.get(String.join("", words));
                double similarity = best == null ? 0 : 1;
                if (best == null && !words.isEmpty()) {
                    int joined = String.join("", words).length();
                    for (WatchedName name : names) {
                        // the edit distance is at least the difference in length: skip names too long or too short
                        int other = String.join("", name.words()).length();
                        int spaced = Math.abs(
                                joined + words.size() - other - name.words().size());
                        double bound = 1
                                - Math.min(
                                        (double) Math.abs(joined - other) / Math.max(joined, other),
                                        (double) spaced
                                                / Math.max(
                                                        joined + words.size(),
                                                        other + name.words().size()));
                        if (bound < screening.minSimilarity()) {
                            continue;
                        }
                        double s = PartyNames.similarityAtLeast(words, name.words(), screening.minSimilarity());
                        if (s > similarity) {
                            similarity = s;
                            best = name;
                        }
                    }
                }
                if (best != null && similarity >= screening.minSimilarity()) {
                    return String.format(
                            Locale.ROOT,
                            "%s '%s' resembles watched party '%s'%s (similarity %.2f)",
                            party[0],
                            party[1],
                            best.party(),
                            best.name().equals(best.party()) ? "" : " as '" + best.name() + "'",
                            similarity);
                }
            }
            return null;
        };
    }

    private static Matcher valueMatcher(RuleSpec.ValueAnomaly anomaly) {
        Map<String, Double> references = Map.copyOf(anomaly.usdPerKgByPrefix());
        return d -> {
            for (DeclarationFacts.Line line : d.lines()) {
                Double rate = "USD".equals(line.currency())
                        ? Double.valueOf(1)
                        : anomaly.usdRates().get(line.currency());
                if (rate == null || line.netWeightKg() <= 0) {
                    continue;
                }
                for (int length = Math.min(10, line.hsCode().length()); length >= 2; length--) {
                    Double reference = references.get(line.hsCode().substring(0, length));
                    if (reference != null) {
                        double perKg = line.customsValue() * rate / line.netWeightKg();
                        if (perKg < anomaly.maxRatio() * reference) {
                            return String.format(
                                    Locale.ROOT,
                                    "HS %s declared at %.2f USD/kg, below %.2f of the reference %.2f USD/kg for %s",
                                    line.hsCode(),
                                    perKg,
                                    anomaly.maxRatio(),
                                    reference,
                                    line.hsCode().substring(0, length));
                        }
                        break;
                    }
                }
            }
            return null;
        };
    }

    public long version() {
        return version;
    }

    public HandlingTimes handling() {
        return handling;
    }

    public Assessment assess(DeclarationFacts declaration) {
        RuleVerdict verdict = applyRules(declaration);
        InspectionChannel channel = verdict.channel();
        List<Assessment.Reason> reasons = new ArrayList<>(verdict.reasons());
        boolean sampled = false;
        if (channel == InspectionChannel.GREEN || channel == InspectionChannel.BLUE) {
            double draw = stableDraw(declaration.fingerprint());
            if (draw < sampleRate) {
                sampled = true;
                channel = InspectionChannel.YELLOW;
                reasons.add(new Assessment.Reason(
                        RANDOM_SAMPLE_RULE,
                        "Random compliance sample of low-risk declarations",
                        0,
                        String.format(Locale.ROOT, "stable draw %.4f below the sample rate %.4f", draw, sampleRate)));
            }
        }
        Assessment.InspectionKind kind = kind(channel, verdict.score());
        return new Assessment(
                channel, kind, verdict.score(), List.copyOf(reasons), sampled, handling.of(channel, kind), version);
    }

    /**
     * The chances of each channel for a declaration not yet submitted (its random draw is not known yet): the channel
     * its rules give, and for GREEN or BLUE the random sample's share going to YELLOW instead.
     */
    public Outlook outlook(DeclarationFacts declaration) {
        RuleVerdict verdict = applyRules(declaration);
        Map<InspectionChannel, Double> chances = new EnumMap<>(InspectionChannel.class);
        if ((verdict.channel() == InspectionChannel.GREEN || verdict.channel() == InspectionChannel.BLUE)
                && sampleRate > 0) {
            chances.put(verdict.channel(), 1 - sampleRate);
            chances.put(InspectionChannel.YELLOW, sampleRate);
        } else {
            chances.put(verdict.channel(), 1.0);
        }
        Map<InspectionChannel, Duration> times = new EnumMap<>(InspectionChannel.class);
        double seconds = 0;
        for (Map.Entry<InspectionChannel, Double> chance : chances.entrySet()) {
            Duration time = handling.of(chance.getKey(), kind(chance.getKey(), verdict.score()));
            times.put(chance.getKey(), time);
            seconds += chance.getValue() * time.toSeconds();
        }
        return new Outlook(
                chances, times, verdict.score(), verdict.reasons(), Duration.ofSeconds(Math.round(seconds)), version);
    }

    /**
     * Channel chances with each channel's handling time, score, reasons, and the expected handling time weighted by
     * the chances.
     */
    public record Outlook(
            Map<InspectionChannel, Double> chances,
            Map<InspectionChannel, Duration> handling,
            int score,
            List<Assessment.Reason> reasons,
            Duration expectedHandling,
            long rulesetVersion) {}

    /** What the rules alone decide: the channel, the score and the reasons, before the random compliance sample. */
    private record RuleVerdict(InspectionChannel channel, int score, List<Assessment.Reason> reasons) {}

    /** Matches every rule against the declaration and decides the channel the rules give. */
    private RuleVerdict applyRules(DeclarationFacts declaration) {
        BitSet matched = new BitSet(rules.size());
        String[] evidence = new String[rules.size()];
        for (DeclarationFacts.Line line : declaration.lines()) {
            String hs = line.hsCode();
            for (int length = 2; length <= Math.min(10, hs.length()); length++) {
                List<Hit> hits = hsIndex.get(hs.substring(0, length));
                if (hits == null) {
                    continue;
                }
                for (Hit hit : hits) {
                    if (!matched.get(hit.rule())) {
                        matched.set(hit.rule());
                        evidence[hit.rule()] = hit.evidence() + (hs.length() > length ? " (declared " + hs + ")" : "");
                    }
                }
            }
        }
        for (int i = 0; i < primary.length; i++) {
            if (primary[i] != null) {
                String found = primary[i].evidence(declaration);
                if (found != null) {
                    matched.set(i);
                    evidence[i] = found;
                }
            }
        }

        List<Assessment.Reason> reasons = new ArrayList<>();
        int raw = 0;
        InspectionChannel floor = InspectionChannel.GREEN;
        boolean partnerRecognised = false;
        for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
            String text = alsoHolds(i, declaration, evidence[i]);
            if (text == null) {
                continue;
            }
            RuleSpec rule = rules.get(i);
            raw += rule.weight();
            floor = floor.atLeast(rule.minimumChannel());
            partnerRecognised |= recognisesPartner[i];
            reasons.add(new Assessment.Reason(rule.ruleId(), rule.description(), rule.weight(), text));
        }
        int score = Math.max(0, Math.min(100, raw));
        InspectionChannel byScore = score >= redFrom
                ? InspectionChannel.RED
                : score >= yellowFrom ? InspectionChannel.YELLOW : InspectionChannel.GREEN;
        InspectionChannel channel = byScore.atLeast(floor);
        if (channel == InspectionChannel.YELLOW
                && floor.ordinal() < InspectionChannel.YELLOW.ordinal()
                && declaration.traderAeo()) {
            channel = InspectionChannel.BLUE;
        }
        if (channel == InspectionChannel.RED && floor != InspectionChannel.RED && partnerRecognised) {
            channel = InspectionChannel.YELLOW;
            reasons.add(new Assessment.Reason(
                    MUTUAL_RECOGNITION_RULE,
                    "A partner administration's accepted inspection replaces our physical inspection",
                    0,
                    "score " + score + " alone would send it to RED; no rule demands a physical check"));
        }
        return new RuleVerdict(channel, score, List.copyOf(reasons));
    }

    /** The rule's evidence joined with that of each further condition, or null when one of them does not hold. */
    private String alsoHolds(int rule, DeclarationFacts declaration, String first) {
        if (also[rule].length == 0) {
            return first;
        }
        StringBuilder text = new StringBuilder(first);
        for (Matcher matcher : also[rule]) {
            String found = matcher.evidence(declaration);
            if (found == null) {
                return null;
            }
            text.append("; ").append(found);
        }
        return text.toString();
    }

    private static Assessment.InspectionKind kind(InspectionChannel channel, int score) {
        return channel != InspectionChannel.RED
                ? Assessment.InspectionKind.NONE
                : score >= UNLOADING_FROM_SCORE ? Assessment.InspectionKind.UNLOADING : Assessment.InspectionKind.XRAY;
    }

    /** A number in [0, 1) from the declaration's content and the ruleset version: the same input, the same draw. */
    double stableDraw(String fingerprint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((version + "|" + fingerprint).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) {
                bits = (bits << 8) | (digest[i] & 0xFF);
            }
            return bits / (double) (1L << 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
