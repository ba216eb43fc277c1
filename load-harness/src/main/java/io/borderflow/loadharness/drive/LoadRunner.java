package io.borderflow.loadharness.drive;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Runs the two kinds of phase against a {@link CallTarget}:
 * <ul>
 * <li>{@link #closedLoop}: a fixed number of calls in flight, each answer starting the next, for a warm-up and then a
 * measured window: the most the suite answers.</li>
 * <li>{@link #openLoop}: calls sent on a fixed schedule whatever the answers do, latency counted from each call's
 * intended send time ({@link RateSchedule}), so coordinated omission is not hidden.</li>
 * </ul>
 * Nothing is throttled: an open-loop phase above what the suite answers lets calls pile up until their deadlines.
 * After a phase the driver waits at most {@code drainLimit} for the calls still in flight; those still open then are
 * counted as {@code UNFINISHED} and given up ({@link CallTarget#abandon}).
 */
public final class LoadRunner {
    static final String UNFINISHED = "UNFINISHED";
    private static final int MAX_INLINE_DEPTH = 32;

    private final CpuUse.Meter cpu;
    private final Duration drainLimit;
    /** Issues the next call when an answer arrived synchronously, so a chain of instant answers cannot overflow the stack. */
    private final ExecutorService trampoline = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "load-trampoline");
        thread.setDaemon(true);
        return thread;
    });

    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    public LoadRunner(CpuUse.Meter cpu, Duration drainLimit) {
        this.cpu = cpu;
        this.drainLimit = drainLimit;
    }

    /** Keeps {@code concurrency} calls in flight for {@code warmup}, then measures for {@code measure}. */
    public PhaseResult closedLoop(CallTarget target, int concurrency, Duration warmup, Duration measure)
            throws InterruptedException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        AtomicReference<Window> window = new AtomicReference<>(new Window());
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicLong inFlight = new AtomicLong(concurrency);
        Object drained = new Object();
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> {
            if (stopping.get()) {
                if (inFlight.decrementAndGet() == 0) {
                    synchronized (drained) {
                        drained.notifyAll();
                    }
                }
                return;
            }
            long sent = System.nanoTime();
            target.start(outcome -> {
                window.get().record(System.nanoTime() - sent, outcome);
                next(loop[0]);
            });
        };
        for (int i = 0; i < concurrency; i++) {
            loop[0].run();
        }
        sleep(warmup);
        Window measured = new Window();
        window.set(measured);
        CpuUse.Meter.Stop meter = cpu.start();
        long start = System.nanoTime();
        sleep(measure);
        // answers arriving after this belong to no window
        window.set(new Window());
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuUse used = meter.stop();
        stopping.set(true);
        if (awaitZero(inFlight, drained) > 0) {
            target.abandon();
        }
        return measured.result(PhaseResult.MAX_THROUGHPUT, concurrency, 0, seconds, 0, used, 0);
    }

    /** Sends {@code rate} calls a second for {@code duration}, each at its intended time, and waits for the answers. */
    public PhaseResult openLoop(CallTarget target, double rate, Duration duration) throws InterruptedException {
        Window window = new Window();
        AtomicLong inFlight = new AtomicLong(1); // the schedule itself, until every call is sent
        Object drained = new Object();
        RateSchedule schedule = new RateSchedule(System.nanoTime() + 1_000_000, rate, duration);
        long maxLag = 0;
        CpuUse.Meter.Stop meter = cpu.start();
        for (long i = 0, calls = schedule.calls(); i < calls; i++) {
            long intended = schedule.intendedNanos(i);
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            maxLag = Math.max(maxLag, now - intended);
            inFlight.incrementAndGet();
            target.start(outcome -> {
                window.record(System.nanoTime() - intended, outcome);
                if (inFlight.decrementAndGet() == 0) {
                    synchronized (drained) {
                        drained.notifyAll();
                    }
                }
            });
        }
        CpuUse used = meter.stop();
        inFlight.decrementAndGet();
        long unfinished = awaitZero(inFlight, drained);
        if (unfinished > 0) {
            target.abandon();
        }
        double seconds = duration.toNanos() / 1e9;
        return window.result(PhaseResult.FIXED_RATE, 0, rate, seconds, unfinished, used, maxLag / 1e6);
    }

    private void next(Runnable loop) {
        int[] d = depth.get();
        if (d[0] >= MAX_INLINE_DEPTH) {
            trampoline.execute(loop);
            return;
        }
        d[0]++;
        try {
            loop.run();
        } finally {
            d[0]--;
        }
    }

    /** Waits until {@code count} is 0 or the drain limit passed; returns what is left. */
    private long awaitZero(AtomicLong count, Object monitor) throws InterruptedException {
        long deadline = System.nanoTime() + drainLimit.toNanos();
        synchronized (monitor) {
            long left;
            while ((left = count.get()) > 0) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    return left;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(wait, 50_000_000));
            }
        }
        return 0;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** Answers counted in one window; late answers may still be recorded while or after its result is taken. */
    private static final class Window {
        private final Recorder micros = new Recorder(3);
        private final LongAdder succeeded = new LongAdder();
        private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

        void record(long nanos, String outcome) {
            micros.recordValue(Math.max(1, nanos / 1000));
            if (CallTarget.OK.equals(outcome)) {
                succeeded.increment();
            } else {
                failures.computeIfAbsent(outcome, k -> new LongAdder()).increment();
            }
        }

        PhaseResult result(
                String kind,
                int concurrency,
                double rate,
                double seconds,
                long unfinished,
                CpuUse cpu,
                double maxSendLagMs) {
            Map<String, Long> failed = new TreeMap<>();
            failures.forEach((label, count) -> failed.put(label, count.sum()));
            if (unfinished > 0) {
                failed.merge(UNFINISHED, unfinished, Long::sum);
            }
            long ok = succeeded.sum();
            return new PhaseResult(
                    kind,
                    concurrency,
                    rate,
                    seconds,
                    ok,
                    failed,
                    LatencySummary.ofMicros(micros.getIntervalHistogram()),
                    ok / seconds,
                    maxSendLagMs,
                    cpu);
        }
    }
}
