package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as {@code ./run-local} runs it, in a process of its own: a service killed under it is reported at
 * once with its exit code and the end of its log, and started again; SIGTERM to the launcher then stops every process
 * it started, the restarted one and PostgreSQL included.
 */
class LauncherSupervisionTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path data;

    /** What the launcher printed, from the file its output goes to. */
    private record Output(Path file) {
        String all() {
            try {
                return Files.exists(file) ? Files.readString(file) : "";
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Waits until the output contains {@code text}; fails with the output so far otherwise. */
        void await(String text, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (!all().contains(text)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(
                            "no \"" + text + "\" within " + timeout.toSeconds() + " s; the launcher said:\n" + all());
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aKilledServiceIsReportedAndStartedAgainAndSigtermStopsEverythingItStarted() throws Exception {
        int[] ports = FreePorts.take(4);
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dborderflow.root=" + ROOT,
                        LocalSuite.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("launcher.out").toFile());
        builder.environment().put("BORDERFLOW_DATA_DIR", data.toString());
        builder.environment().put("BORDERFLOW_POSTGRES_PORT", String.valueOf(ports[0]));
        builder.environment().put("CHECKPOINT_PORT", String.valueOf(ports[1]));
        builder.environment().put("INSPECTION_PORT", String.valueOf(ports[2]));
        builder.environment().put("ROUTING_PORT", String.valueOf(ports[3]));
        Output output = new Output(data.resolve("launcher.out"));
        Process launcher = builder.start();
        List<ProcessHandle> started = new ArrayList<>();
        try {
            output.await("BorderFlow is ready", Duration.ofSeconds(240));
            ProcessHandle inspection = service(launcher, "inspection-service");

            assertThat(inspection.destroyForcibly()).isTrue();

            output.await("inspection-service exited with code 137 (killed by signal 9)", Duration.ofSeconds(10));
            output.await(
                    "Last lines of " + data.resolve("logs").resolve("inspection-service.log"), Duration.ofSeconds(5));
            output.await("inspection-service is ready again", Duration.ofSeconds(120));
            ProcessHandle again = service(launcher, "inspection-service");
            assertThat(again.pid()).isNotEqualTo(inspection.pid());
            HttpResponse<String> ready = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + ports[2] + "/q/health/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            // the three services (PostgreSQL runs detached, as pg_ctl starts it: its port tells it stopped)
            started.addAll(launcher.descendants().toList());
            assertThat(started).hasSizeGreaterThanOrEqualTo(3).contains(again);

            launcher.destroy();

            assertThat(launcher.waitFor(90, TimeUnit.SECONDS))
                    .as("the launcher stops on SIGTERM")
                    .isTrue();
            for (ProcessHandle process : started) {
                assertThat(process.onExit().get(30, TimeUnit.SECONDS).isAlive())
                        .as(process.info().command().orElse("pid " + process.pid()))
                        .isFalse();
            }
            for (int port : ports) {
                assertThat(free(port)).as("port %d free", port).isTrue();
            }
            assertThat(output.all()).contains("Stopped.");
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void aServiceThatExitsMoreThanThreeTimesInTenMinutesIsNotStartedAgain() {
        Instant[] now = {Instant.parse("2026-12-07T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        SuiteSupervisor supervisor = new SuiteSupervisor(null, System.out, () -> {}, clock);

        // exits at 10:00, 10:03, 10:06: restarted; a fourth at 10:09 is the fourth within ten minutes
        for (int minute = 0; minute < 9; minute += 3) {
            now[0] = Instant.parse("2026-12-07T10:00:00Z").plus(Duration.ofMinutes(minute));
            assertThat(supervisor.mayRestart("routing-service"))
                    .as("exit at minute %d", minute)
                    .isTrue();
        }
        now[0] = Instant.parse("2026-12-07T10:09:00Z");
        assertThat(supervisor.mayRestart("routing-service")).isFalse();
        // another service keeps its own count; and once the early exits are more than ten minutes old, it may again
        assertThat(supervisor.mayRestart("checkpoint-service")).isTrue();
        now[0] = Instant.parse("2026-12-07T10:19:30Z");
        assertThat(supervisor.mayRestart("routing-service")).isTrue();
        assertThat(SuiteSupervisor.signal(137)).isEqualTo(" (killed by signal 9)");
        assertThat(SuiteSupervisor.signal(1)).isEmpty();
    }

    /** The service's JVM among the launcher's descendants (its command line names the service's jar). */
    private static ProcessHandle service(Process launcher, String name) {
        return launcher.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("/" + name + "/target/"))
                .filter(ProcessHandle::isAlive)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no process of " + name + " under the launcher"));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
