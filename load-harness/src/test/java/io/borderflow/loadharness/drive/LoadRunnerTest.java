package io.borderflow.loadharness.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner against fake targets that answer after a known delay. */
class LoadRunnerTest {
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
    private final LoadRunner runner = new LoadRunner(CpuUse.Meter.NONE, Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        answers.shutdownNow();
    }

    @Test
    void theClosedLoopKeepsExactlyTheChosenNumberOfCallsInFlightAndCountsFailuresByLabel() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicLong sequence = new AtomicLong();
        CallTarget target = done -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            String outcome = sequence.incrementAndGet() % 10 == 0 ? "UNAVAILABLE" : CallTarget.OK;
            answers.schedule(
                    () -> {
                        inFlight.decrementAndGet();
                        done.accept(outcome);
                    },
                    2,
                    TimeUnit.MILLISECONDS);
        };

        PhaseResult result = runner.closedLoop(target, 8, Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(mostInFlight.get()).isEqualTo(8);
        assertThat(inFlight.get()).as("drained").isZero();
        assertThat(result.kind()).isEqualTo(PhaseResult.MAX_THROUGHPUT);
        assertThat(result.concurrency()).isEqualTo(8);
        // 8 in flight, about 2 ms each: well over 1000 a second, a tenth of them failed
        assertThat(result.achievedRate()).isGreaterThan(500);
        assertThat(result.failures()).containsOnlyKeys("UNAVAILABLE");
        assertThat((double) result.failed() / (result.failed() + result.succeeded()))
                .isCloseTo(0.1, within(0.03));
        assertThat(result.latency().p50Ms()).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void answersGivenAtOnceDoNotOverflowTheStack() throws Exception {
        CallTarget instant = done -> done.accept(CallTarget.OK);

        PhaseResult result = runner.closedLoop(instant, 2, Duration.ofMillis(20), Duration.ofMillis(100));

        assertThat(result.succeeded()).isGreaterThan(1000);
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void theOpenLoopChargesAStallToEveryCallThatWasDueDuringIt() throws Exception {
        // answers in 1 ms, except that everything sent in the first 200 ms is held until 300 ms after the first call
        AtomicLong first = new AtomicLong();
        CallTarget stalling = done -> {
            first.compareAndSet(0, System.nanoTime());
            long sinceStart = (System.nanoTime() - first.get()) / 1_000_000;
            long delay = sinceStart < 200 ? 300 - sinceStart : 1;
            answers.schedule(() -> done.accept(CallTarget.OK), delay, TimeUnit.MILLISECONDS);
        };

        PhaseResult result = runner.openLoop(stalling, 200, Duration.ofMillis(1000));

        assertThat(result.kind()).isEqualTo(PhaseResult.FIXED_RATE);
        assertThat(result.offeredRate()).isEqualTo(200);
        assertThat(result.succeeded()).isEqualTo(200);
        assertThat(result.achievedRate()).isCloseTo(200, within(1.0));
        // 40 of 200 calls were held 100 to 300 ms: the p99 shows the stall (a closed loop would have sent 1 call)
        assertThat(result.latency().p50Ms()).isLessThan(50);
        assertThat(result.latency().p99Ms()).isGreaterThan(200);
        assertThat(result.latency().maxMs()).isGreaterThanOrEqualTo(280);
    }

    @Test
    void callsStillOpenAfterTheDrainLimitAreCountedUnfinished() throws Exception {
        LoadRunner impatient = new LoadRunner(CpuUse.Meter.NONE, Duration.ofMillis(100));
        AtomicLong sequence = new AtomicLong();
        Consumer<Consumer<String>> neverAnswersEveryFifth = done -> {
            if (sequence.incrementAndGet() % 5 != 0) {
                done.accept(CallTarget.OK);
            }
        };

        PhaseResult result = impatient.openLoop(neverAnswersEveryFifth::accept, 100, Duration.ofMillis(500));

        assertThat(result.succeeded()).isEqualTo(40);
        assertThat(result.failures()).containsEntry(LoadRunner.UNFINISHED, 10L);
    }
}
