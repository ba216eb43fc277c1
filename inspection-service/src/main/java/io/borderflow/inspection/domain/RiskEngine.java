package io.borderflow.inspection.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ruleset version compiled for fast assessment: every HS code or prefix a rule names goes into one hash index from
 * prefix to (rule, evidence), so a goods line costs at most nine look-ups whatever the number of rules. Immutable and
 * thread-safe; build one per ruleset version and reuse it.
 *
 * <p>Decision, in order: the score is the sum of the weights of the rules that match (each rule once), clamped to
 * 0..100; the thresholds turn it into GREEN, YELLOW or RED; a matching rule's minimum channel raises it; a trusted
 * trader's YELLOW that no rule demanded becomes BLUE (release now, audit later); a RED that comes from the score alone
 * becomes YELLOW when a recognised partner administration already inspected the cargo (mutual recognition), while a
 * rule that demands RED keeps it; GREEN and BLUE declarations are sent to YELLOW by the random compliance sample when
 * a stable hash of the declaration falls below the sample rate.
 */
public final class RiskEngine {
    public static final String RANDOM_SAMPLE_RULE = "RANDOM-SAMPLE";
    public static final String MUTUAL_RECOGNITION_RULE = "MUTUAL-RECOGNITION";

    private final long version;
    private final int yellowFrom;
    private final int redFrom;
    private final double sampleRate;
    private final List<RuleSpec> rules;
    private final Map<String, List<Hit>> hsIndex = new HashMap<>();
    private final List<Integer> aeoRules = new ArrayList<>();
    private final List<Integer> partnerRules = new ArrayList<>();

    private record Hit(int rule, String evidence) {
    }

    /**
     * @param goodsLists list id -> tier -> HS-6 codes
     */
    public RiskEngine(long version, int yellowFrom, int redFrom, double sampleRate, List<RuleSpec> rules,
            Map<String, Map<String, List<String>>> goodsLists) {
        this.version = version;
        this.yellowFrom = yellowFrom;
        this.redFrom = redFrom;
        this.sampleRate = sampleRate;
        this.rules = List.copyOf(rules);
        for (int i = 0; i < this.rules.size(); i++) {
            RuleSpec rule = this.rules.get(i);
            switch (rule.kind()) {
                case GOODS_LIST -> {
                    Map<String, List<String>> tiers = goodsLists.getOrDefault(rule.listId(), Map.of());
                    for (Map.Entry<String, List<String>> tier : tiers.entrySet()) {
                        if (rule.values().isEmpty() || rule.values().contains(tier.getKey())) {
                            for (String code : tier.getValue()) {
                                index(code, i, "HS " + code + " on " + rule.listId() + " tier " + tier.getKey());
                            }
                        }
                    }
                }
                case HS_PREFIX -> {
                    int ruleIndex = i;
                    rule.values().forEach(prefix -> index(prefix, ruleIndex, "HS prefix " + prefix));
                }
                case TRADER_AEO -> aeoRules.add(i);
                case PARTNER_INSPECTION -> partnerRules.add(i);
            }
        }
    }

    private void index(String prefix, int rule, String evidence) {
        hsIndex.computeIfAbsent(prefix, k -> new ArrayList<>()).add(new Hit(rule, evidence));
    }

    /** The engine for a stored ruleset version. */
    public static RiskEngine of(io.borderflow.inspection.model.RulesetDetails details) {
        List<RuleSpec> rules = new ArrayList<>();
        for (var rule : details.rules()) {
            List<String> values = rule.conditionValues.isEmpty() ? List.of() : List.of(rule.conditionValues.split(","));
            rules.add(new RuleSpec(rule.ruleId, rule.description, rule.weight,
                    rule.minimumChannel == null ? null : Channel.valueOf(rule.minimumChannel),
                    RuleSpec.Kind.valueOf(rule.conditionKind), rule.conditionListId, values));
        }
        Map<String, Map<String, List<String>>> lists = new HashMap<>();
        for (var list : details.goodsLists()) {
            Map<String, List<String>> tiers = new HashMap<>();
            details.tiers().stream().filter(t -> t.goodsListId.equals(list.id))
                    .forEach(t -> tiers.put(t.tier, List.of(t.hsCodes.split(","))));
            lists.put(list.listId, tiers);
        }
        var r = details.ruleset();
        return new RiskEngine(r.version, r.yellowFromScore, r.redFromScore, r.randomSampleRate, rules, lists);
    }

    /** The engine for a ruleset as written in a seed file. */
    public static RiskEngine of(io.borderflow.inspection.model.RulesetDataset data) {
        List<RuleSpec> rules = new ArrayList<>();
        for (var rule : data.rules()) {
            var condition = rule.condition();
            RuleSpec.Kind kind = condition.goodsList() != null ? RuleSpec.Kind.GOODS_LIST
                    : condition.hsPrefix() != null ? RuleSpec.Kind.HS_PREFIX
                    : condition.traderAeo() != null ? RuleSpec.Kind.TRADER_AEO : RuleSpec.Kind.PARTNER_INSPECTION;
            List<String> values = condition.goodsList() != null
                    ? (condition.goodsList().tiers() == null ? List.of() : condition.goodsList().tiers())
                    : condition.hsPrefix() != null ? condition.hsPrefix().prefixes() : List.of();
            rules.add(new RuleSpec(rule.ruleId(), rule.description(), rule.weight(),
                    rule.minimumChannel() == null ? null : Channel.valueOf(rule.minimumChannel()), kind,
                    condition.goodsList() == null ? null : condition.goodsList().listId(), values));
        }
        Map<String, Map<String, List<String>>> lists = new HashMap<>();
        for (var list : data.goodsLists()) {
            Map<String, List<String>> tiers = new HashMap<>();
            list.tiers().forEach(tier -> tiers.put(tier.tier(), tier.hsCodes()));
            lists.put(list.listId(), tiers);
        }
        return new RiskEngine(data.version(), data.thresholds().yellowFromScore(), data.thresholds().redFromScore(),
                data.randomSampleRate(), rules, lists);
    }

    public long version() {
        return version;
    }

    public Assessment assess(DeclarationFacts declaration) {
        Core core = core(declaration);
        Channel channel = core.channel();
        List<Assessment.Reason> reasons = new ArrayList<>(core.reasons());
        boolean sampled = false;
        if (channel == Channel.GREEN || channel == Channel.BLUE) {
            double draw = stableDraw(declaration.fingerprint());
            if (draw < sampleRate) {
                sampled = true;
                channel = Channel.YELLOW;
                reasons.add(new Assessment.Reason(RANDOM_SAMPLE_RULE, "Random compliance sample of low-risk declarations",
                        0, String.format(java.util.Locale.ROOT, "stable draw %.4f below the sample rate %.4f", draw, sampleRate)));
            }
        }
        Assessment.InspectionKind kind = kind(channel, core.score());
        return new Assessment(channel, kind, core.score(), List.copyOf(reasons), sampled, HandlingTimes.of(channel, kind),
                version);
    }

    /**
     * The chances of each channel for a declaration not yet submitted (its random draw is not known yet): the channel
     * its rules give, and for GREEN or BLUE the random sample's share going to YELLOW instead.
     */
    public Outlook outlook(DeclarationFacts declaration) {
        Core core = core(declaration);
        Map<Channel, Double> chances = new java.util.EnumMap<>(Channel.class);
        if ((core.channel() == Channel.GREEN || core.channel() == Channel.BLUE) && sampleRate > 0) {
            chances.put(core.channel(), 1 - sampleRate);
            chances.put(Channel.YELLOW, sampleRate);
        } else {
            chances.put(core.channel(), 1.0);
        }
        Map<Channel, Duration> handling = new java.util.EnumMap<>(Channel.class);
        double seconds = 0;
        for (Map.Entry<Channel, Double> chance : chances.entrySet()) {
            Duration time = HandlingTimes.of(chance.getKey(), kind(chance.getKey(), core.score()));
            handling.put(chance.getKey(), time);
            seconds += chance.getValue() * time.toSeconds();
        }
        return new Outlook(chances, handling, core.score(), core.reasons(), Duration.ofSeconds(Math.round(seconds)),
                version);
    }

    /**
     * Channel chances with each channel's handling time, score, reasons, and the expected handling time weighted by
     * the chances.
     */
    public record Outlook(Map<Channel, Double> chances, Map<Channel, Duration> handling, int score,
            List<Assessment.Reason> reasons, Duration expectedHandling, long rulesetVersion) {
    }

    private record Core(Channel channel, int score, List<Assessment.Reason> reasons) {
    }

    private Core core(DeclarationFacts declaration) {
        BitSet matched = new BitSet(rules.size());
        String[] evidence = new String[rules.size()];
        for (String hs : declaration.hsCodes()) {
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
        if (declaration.traderAeo()) {
            aeoRules.forEach(i -> match(matched, evidence, i, "trader holds AEO status"));
        }
        if (declaration.partnerInspected()) {
            partnerRules.forEach(i -> match(matched, evidence, i, "inspection by a recognised partner administration"));
        }

        List<Assessment.Reason> reasons = new ArrayList<>();
        int raw = 0;
        Channel floor = Channel.GREEN;
        for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
            RuleSpec rule = rules.get(i);
            raw += rule.weight();
            floor = floor.atLeast(rule.minimumChannel());
            reasons.add(new Assessment.Reason(rule.ruleId(), rule.description(), rule.weight(), evidence[i]));
        }
        int score = Math.max(0, Math.min(100, raw));
        Channel byScore = score >= redFrom ? Channel.RED : score >= yellowFrom ? Channel.YELLOW : Channel.GREEN;
        Channel channel = byScore.atLeast(floor);
        if (channel == Channel.YELLOW && floor.ordinal() < Channel.YELLOW.ordinal() && declaration.traderAeo()) {
            channel = Channel.BLUE;
        }
        if (channel == Channel.RED && floor != Channel.RED && declaration.partnerInspected()) {
            channel = Channel.YELLOW;
            reasons.add(new Assessment.Reason(MUTUAL_RECOGNITION_RULE,
                    "A partner administration's accepted inspection replaces our physical inspection", 0,
                    "score " + score + " alone would send it to RED; no rule demands a physical check"));
        }
        return new Core(channel, score, List.copyOf(reasons));
    }

    private static Assessment.InspectionKind kind(Channel channel, int score) {
        return channel != Channel.RED ? Assessment.InspectionKind.NONE
                : score >= 90 ? Assessment.InspectionKind.UNLOADING : Assessment.InspectionKind.XRAY;
    }

    private static void match(BitSet matched, String[] evidence, int rule, String text) {
        matched.set(rule);
        evidence[rule] = text;
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

    /** Expected handling times per channel; estimates until measured inspection durations replace them. */
    public static final class HandlingTimes {
        private HandlingTimes() {
        }

        /**
         * GREEN/BLUE 5 min (booth check only); YELLOW 2 h (documentary control reported at up to 4 h in Kazakhstan);
         * RED by X-ray 45 min; RED by unloading 4 h; REFUSED 30 min of processing.
         */
        public static Duration of(Channel channel, Assessment.InspectionKind kind) {
            return switch (channel) {
                case GREEN, BLUE -> Duration.ofMinutes(5);
                case YELLOW -> Duration.ofHours(2);
                case RED -> kind == Assessment.InspectionKind.UNLOADING ? Duration.ofHours(4) : Duration.ofMinutes(45);
                case REFUSED -> Duration.ofMinutes(30);
            };
        }
    }
}
