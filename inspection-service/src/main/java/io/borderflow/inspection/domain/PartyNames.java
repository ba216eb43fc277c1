package io.borderflow.inspection.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Normalises party and brand names so that spellings of one name compare equal or close: lower case, Latin and
 * Cyrillic scripts folded into one Latin skeleton (Russian and Kazakh letters transliterated, then the letter groups
 * that transliteration systems spell differently collapsed: kh/h, ts/tz, ya/ia/ja, x/ks...), punctuation and
 * legal-form words (LLC, ООО, TOO, JSC, Co., Ltd...) dropped. {@link #similarity} compares two normalised names with
 * an edit distance, both word by word in sorted order and with the spaces removed, and keeps the better.
 */
public final class PartyNames {
    private static final Map<Character, String> CYRILLIC = Map.ofEntries(
            Map.entry('а', "a"),
            Map.entry('б', "b"),
            Map.entry('в', "v"),
            Map.entry('г', "g"),
            Map.entry('д', "d"),
            Map.entry('е', "e"),
            Map.entry('ё', "e"),
            Map.entry('ж', "zh"),
            Map.entry('з', "z"),
            Map.entry('и', "i"),
            Map.entry('й', "i"),
            Map.entry('к', "k"),
            Map.entry('л', "l"),
            Map.entry('м', "m"),
            Map.entry('н', "n"),
            Map.entry('о', "o"),
            Map.entry('п', "p"),
            Map.entry('р', "r"),
            Map.entry('с', "s"),
            Map.entry('т', "t"),
            Map.entry('у', "u"),
            Map.entry('ф', "f"),
            Map.entry('х', "kh"),
            Map.entry('ц', "ts"),
            Map.entry('ч', "ch"),
            Map.entry('ш', "sh"),
            Map.entry('щ', "shch"),
            Map.entry('ъ', ""),
            Map.entry('ы', "y"),
            Map.entry('ь', ""),
            Map.entry('э', "e"),
            Map.entry('ю', "yu"),
            Map.entry('я', "ya"),
            // Kazakh
            Map.entry('ә', "a"),
            Map.entry('ғ', "g"),
            Map.entry('қ', "k"),
            Map.entry('ң', "n"),
            Map.entry('ө', "o"),
            Map.entry('ұ', "u"),
            Map.entry('ү', "u"),
            Map.entry('һ', "h"),
            Map.entry('і', "i"),
            // Ukrainian and Belarusian
            Map.entry('є', "ye"),
            Map.entry('ї', "yi"),
            Map.entry('ґ', "g"),
            Map.entry('ў', "u"));

    /** Legal-form words, as they read after transliteration. */
    private static final Set<String> LEGAL_FORMS = Set.of(
            "llc",
            "ltd",
            "limited",
            "inc",
            "incorporated",
            "corp",
            "corporation",
            "co",
            "company",
            "gmbh",
            "ag",
            "sa",
            "srl",
            "bv",
            "nv",
            "jsc",
            "ojsc",
            "cjsc",
            "pjsc",
            "ooo",
            "zao",
            "oao",
            "pao",
            "ao",
            "too",
            "ip",
            "plc",
            "llp",
            "lp",
            "kft",
            "spa",
            "sarl",
            "oy",
            "ab",
            "pte",
            "pvt",
            "obshchestvo",
            "ogranichennoi",
            "otvetstvennostyu",
            "tovarishchestvo",
            "aktsionernoe",
            "kompaniya");

    /** Letter groups spelled differently by transliteration systems, replaced in this order. */
    private static final String[][] SKELETON = {
        {"shch", "sh"},
        {"sch", "sh"},
        {"kh", "h"},
        {"ts", "ç"},
        {"tz", "ç"},
        {"ch", "č"},
        {"zh", "ž"},
        {"ck", "k"},
        {"ph", "f"},
        {"x", "ks"},
        {"q", "k"},
        {"w", "v"},
        {"yu", "u"},
        {"iu", "u"},
        {"ju", "u"},
        {"ya", "a"},
        {"ia", "a"},
        {"ja", "a"},
        {"ye", "e"},
        {"je", "e"},
        {"y", "i"},
        {"j", "i"}
    };

    private PartyNames() {}

    /** The words of a name, normalised, legal forms dropped, in their original order. Empty for a blank name. */
    public static List<String> words(String name) {
        if (name == null) {
            return List.of();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder latin = new StringBuilder(lower.length() + 8);
        boolean ascii = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String replacement = c < 0x80 ? null : CYRILLIC.get(c);
            if (replacement != null) {
                latin.append(replacement);
            } else {
                latin.append(c);
                ascii &= c < 0x80;
            }
        }
        CharSequence plain = ascii ? latin : withoutMarks(latin);
        List<String> words = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i <= plain.length(); i++) {
            char c = i < plain.length() ? plain.charAt(i) : ' ';
            boolean wordChar = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                String word = plain.subSequence(start, i).toString();
                if (!LEGAL_FORMS.contains(word)) {
                    words.add(skeleton(word));
                }
                start = -1;
            }
        }
        return words;
    }

    /** Latin letters with their accents removed (é -> e); other characters stay and later separate words. */
    private static CharSequence withoutMarks(CharSequence text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder plain = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                plain.append(c);
            }
        }
        return plain;
    }

    /** The name as one key: its normalised words joined without spaces ("SKY-ELECTRONICS" and "Skyelectronics" agree). */
    public static String key(String name) {
        return String.join("", words(name));
    }

    private static String skeleton(String word) {
        // c before e, i, y sounds as s; elsewhere as k, except in ch ("electronics" and "elektroniks" agree)
        StringBuilder soft = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            char next = i + 1 < word.length() ? word.charAt(i + 1) : ' ';
            soft.append(c != 'c' || next == 'h' ? c : next == 'e' || next == 'i' || next == 'y' ? 's' : 'k');
        }
        String s = soft.toString();
        for (String[] pair : SKELETON) {
            s = s.replace(pair[0], pair[1]);
        }
        StringBuilder collapsed = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (i == 0 || s.charAt(i) != s.charAt(i - 1)) {
                collapsed.append(s.charAt(i));
            }
        }
        return collapsed.toString();
    }

    /**
     * How alike two names are after normalisation, from 0 (nothing in common) to 1 (the same name): one minus the
     * edit distance over the longer length, taken over the words in sorted order and over the words run together,
     * whichever is higher. 0 when either name has no words.
     */
    public static double similarity(String a, String b) {
        return similarity(words(a), words(b));
    }

    /** {@link #similarity(String, String)} on names already split by {@link #words}. */
    public static double similarity(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double joined = ratio(String.join("", a), String.join("", b));
        String[] sortedA = a.toArray(String[]::new);
        String[] sortedB = b.toArray(String[]::new);
        Arrays.sort(sortedA);
        Arrays.sort(sortedB);
        return Math.max(joined, ratio(String.join(" ", sortedA), String.join(" ", sortedB)));
    }

    /**
     * {@link #similarity(List, List)} when it is at least {@code min}, otherwise some value below {@code min}: the
     * edit distance is then only computed within the band the threshold allows, which is what makes screening
     * against a watch list cheap.
     */
    public static double similarityAtLeast(List<String> a, List<String> b, double min) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double joined = ratioAtLeast(String.join("", a), String.join("", b), min);
        if (joined >= 1) {
            return joined;
        }
        String[] sortedA = a.toArray(String[]::new);
        String[] sortedB = b.toArray(String[]::new);
        Arrays.sort(sortedA);
        Arrays.sort(sortedB);
        return Math.max(joined, ratioAtLeast(String.join(" ", sortedA), String.join(" ", sortedB), min));
    }

    private static double ratioAtLeast(String a, String b, double min) {
        int longer = Math.max(a.length(), b.length());
        if (longer == 0) {
            return 1;
        }
        int allowed = (int) Math.floor((1 - min) * longer + 1e-9);
        int distance = distanceAtMost(a, b, allowed);
        return distance > allowed ? -1 : 1 - (double) distance / longer;
    }

    /** The edit distance when it is at most {@code k}, otherwise {@code k + 1}; only cells within k of the diagonal. */
    static int distanceAtMost(String a, String b, int k) {
        if (Math.abs(a.length() - b.length()) > k) {
            return k + 1;
        }
        int big = k + 1;
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j <= k ? j : big;
        }
        for (int i = 1; i <= a.length(); i++) {
            int from = Math.max(1, i - k);
            int to = Math.min(b.length(), i + k);
            current[0] = i <= k ? i : big;
            if (from > 1) {
                current[from - 1] = big;
            }
            int rowMin = current[0];
            for (int j = from; j <= to; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = Math.min(value, big);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (to < b.length()) {
                current[to + 1] = big;
            }
            if (rowMin > k) {
                return big;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], big);
    }

    private static double ratio(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 1 : 1 - (double) distance(a, b) / longer;
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
