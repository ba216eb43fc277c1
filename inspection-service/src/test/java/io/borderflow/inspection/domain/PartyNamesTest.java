package io.borderflow.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartyNamesTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ООО «Технопром»|Tekhnoprom LLC",
                "TOO Azia Trans Logistik|ТОО «Азия Транс Логистик»",
                "Sky Electronics Co., Ltd.|SKY-ELECTRONICS LIMITED",
                "Электромастер|Elektro-Master",
                "ЗАО \"Юнитрейд\"|Yunitreid ZAO",
                "Қазақ Экспорт|Kazak Eksport",
                "Schmidt GmbH|SCHMIDT"
            })
    void spellingsOfOneNameAreTheSameName(String a, String b) {
        assertThat(PartyNames.key(a)).isEqualTo(PartyNames.key(b));
        assertThat(PartyNames.similarity(a, b)).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // English 'ch' for the Russian 'kh': one letter apart in nine
                "Technoprom|Технопром",
                "Trans Azia Logistik|Azia Trans Logistics",
                "Tekhnoprom Logistik|Tekhnoprom Logistk"
            })
    void closeSpellingsAreSimilar(String a, String b) {
        assertThat(PartyNames.similarity(a, b)).isBetween(0.85, 1.0);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Tekhnoprom|Tekhnoimport",
                "Almaty Fruit Export|Tekhnoprom Logistik",
                "Sky Components|Star Components Trading"
            })
    void differentNamesAreNot(String a, String b) {
        assertThat(PartyNames.similarity(a, b)).isLessThan(0.85);
    }

    @Test
    void legalFormsAndPunctuationAloneAreNoName() {
        assertThat(PartyNames.words("ООО, LLC.")).isEmpty();
        assertThat(PartyNames.similarity("LLC", "LLC")).isZero();
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(PartyNames.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(PartyNames.distance("", "abc")).isEqualTo(3);
        assertThat(PartyNames.distance("same", "same")).isZero();
    }

    @Test
    void theBandedDistanceAgreesWithTheFullOneWithinItsBound() {
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 2_000; n++) {
            String a = randomWord(random);
            String b = random.nextBoolean() ? randomWord(random) : mutate(a, random);
            int full = PartyNames.distance(a, b);
            for (int k = 0; k <= 6; k++) {
                int banded = PartyNames.distanceAtMost(a, b, k);
                if (full <= k) {
                    assertThat(banded).as(a + " / " + b + " k=" + k).isEqualTo(full);
                } else {
                    assertThat(banded).as(a + " / " + b + " k=" + k).isEqualTo(k + 1);
                }
            }
        }
    }

    @Test
    void theThresholdedSimilarityIsTheSimilarityWhenItReachesTheThreshold() {
        for (String[] pair : new String[][] {
            {"Technoprom", "Технопром"},
            {"Tekhnoprom", "Tekhnoimport"},
            {"Trans Azia Logistik", "Azia Trans Logistics"},
            {"Sky Components", "Star Components Trading"}
        }) {
            var a = PartyNames.words(pair[0]);
            var b = PartyNames.words(pair[1]);
            double exact = PartyNames.similarity(a, b);
            double thresholded = PartyNames.similarityAtLeast(a, b, 0.85);
            if (exact >= 0.85) {
                assertThat(thresholded).isEqualTo(exact);
            } else {
                assertThat(thresholded).isLessThan(0.85);
            }
        }
    }

    private static String randomWord(java.util.Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = 0, n = random.nextInt(12); i < n; i++) {
            word.append((char) ('a' + random.nextInt(4)));
        }
        return word.toString();
    }

    private static String mutate(String word, java.util.Random random) {
        StringBuilder mutated = new StringBuilder(word);
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
            int at = mutated.length() == 0 ? 0 : random.nextInt(mutated.length());
            switch (random.nextInt(3)) {
                case 0 -> mutated.insert(at, 'x');
                case 1 -> {
                    if (mutated.length() > 0) {
                        mutated.deleteCharAt(at);
                    }
                }
                default -> {
                    if (mutated.length() > 0) {
                        mutated.setCharAt(at, 'y');
                    }
                }
            }
        }
        return mutated.toString();
    }
}
