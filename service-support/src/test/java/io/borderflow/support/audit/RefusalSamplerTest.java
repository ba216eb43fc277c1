package io.borderflow.support.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefusalSamplerTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void theFirstRefusalOfAKindIsRecordedAndItsRepeatsSummedUpWhenItsMinuteEnds() {
        RefusalSampler sampler = new RefusalSampler(Duration.ofMinutes(1), 100, 1000);

        assertThat(sampler.admit("UNAUTHENTICATED|Get|peer:10.0.0.9", T0)).isTrue();
        for (int i = 1; i <= 499; i++) {
            assertThat(sampler.admit("UNAUTHENTICATED|Get|peer:10.0.0.9", T0.plusMillis(100L * i)))
                    .isFalse();
        }
        // 499 repeats in 49.9 s: nothing due before the minute is over
        assertThat(sampler.due(T0.plusSeconds(59))).isEmpty();
        var due = sampler.due(T0.plusSeconds(60));
        assertThat(due).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("UNAUTHENTICATED|Get|peer:10.0.0.9");
            assertThat(s.count()).isEqualTo(499);
        });
        // the next minute starts afresh: its first refusal is recorded again
        assertThat(sampler.admit("UNAUTHENTICATED|Get|peer:10.0.0.9", T0.plusSeconds(61)))
                .isTrue();
    }

    @Test
    void aRefusalAfterItsKeysMinuteEndedIsRecordedAgainAndTheRepeatsBeforeItSummedUp() {
        RefusalSampler sampler = new RefusalSampler(Duration.ofMinutes(1), 100, 1000);
        String key = "UNAUTHENTICATED|Get|peer:10.0.0.9";
        sampler.admit(key, T0);
        sampler.admit(key, T0.plusSeconds(10));
        sampler.admit(key, T0.plusSeconds(20));

        // no summary was taken at the minute's end; the next refusal, at 90 s, starts a new minute of its own
        assertThat(sampler.admit(key, T0.plusSeconds(90))).isTrue();
        assertThat(sampler.due(T0.plusSeconds(91))).singleElement().satisfies(s -> {
            assertThat(s.count()).isEqualTo(2);
            assertThat(s.from()).isEqualTo(T0);
        });
    }

    @Test
    void aFloodOfDistinctCallersIsRecordedInFullOnlyUpToTheCapOfAMinute() {
        RefusalSampler sampler = new RefusalSampler(Duration.ofMinutes(1), 3, 1000);
        int full = 0;
        for (int i = 0; i < 10; i++) {
            if (sampler.admit("UNAUTHENTICATED|Get|peer:10.0.0." + i, T0.plusSeconds(i))) {
                full++;
            }
        }
        // 3 in full; the other 7 callers are counted, one summary each when their minute ends
        assertThat(full).isEqualTo(3);
        assertThat(sampler.due(T0.plusSeconds(70)))
                .hasSize(7)
                .allSatisfy(s -> assertThat(s.count()).isEqualTo(1));
        // a new minute has its own cap
        assertThat(sampler.admit("UNAUTHENTICATED|Get|peer:10.0.0.1", T0.plusSeconds(71)))
                .isTrue();
    }

    @Test
    void beyondItsKeysTheSamplerCountsEverythingElseUnderOneOverflowKey() {
        RefusalSampler sampler = new RefusalSampler(Duration.ofMinutes(1), 1000, 5);
        for (int i = 0; i < 20; i++) {
            sampler.admit("PERMISSION_DENIED|List|sub:made-up-" + i, T0);
        }
        // 5 keys held, and the overflow; 15 refusals counted there
        assertThat(sampler.keys()).isEqualTo(6);
        assertThat(sampler.due(T0.plusSeconds(60)))
                .filteredOn(s -> s.key().equals(RefusalSampler.OVERFLOW))
                .singleElement()
                .satisfies(s -> assertThat(s.count()).isEqualTo(15));
        assertThat(sampler.keys()).isZero();
    }

    @Test
    void whatTheInterceptorAuditsOfAReadAndOfAWrite() {
        // who asked is audited on any RPC; a bad request only on a write, unless its use case recorded it already
        assertThat(RefusalAudit.audits("borderflow.x.v1.S/GetTruck", io.grpc.Status.Code.PERMISSION_DENIED, false))
                .isTrue();
        assertThat(RefusalAudit.audits("borderflow.x.v1.S/GetTruck", io.grpc.Status.Code.NOT_FOUND, false))
                .isFalse();
        assertThat(RefusalAudit.audits(
                        "borderflow.x.v1.S/SubmitDeclaration", io.grpc.Status.Code.INVALID_ARGUMENT, false))
                .isTrue();
        assertThat(RefusalAudit.audits(
                        "borderflow.x.v1.S/SubmitDeclaration", io.grpc.Status.Code.INVALID_ARGUMENT, true))
                .isFalse();
        assertThat(RefusalAudit.audits("borderflow.x.v1.S/SubmitDeclaration", io.grpc.Status.Code.UNAVAILABLE, false))
                .isFalse();
    }
}
