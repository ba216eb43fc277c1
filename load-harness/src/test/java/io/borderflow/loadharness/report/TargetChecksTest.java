package io.borderflow.loadharness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class TargetChecksTest {

    @Test
    void everyTargetIsCheckedAgainstItsPhaseAndMissesAreReported() {
        var checks = TargetChecks.of(RunResults.sample());

        assertThat(checks)
                .extracting(TargetChecks.Check::subject, TargetChecks.Check::target, TargetChecks.Check::met)
                .containsExactly(
                        tuple("InspectionService/SubmitDeclaration", ">= 3,000/s", false),
                        tuple("InspectionService/SubmitDeclaration", "p99 < 20 ms at 1,000/s", false),
                        tuple("RoutingService/FindRoutes", "p99 < 25 ms at 200/s", true),
                        tuple("checkpoint-service RSS under load", "< 350 MB", true),
                        tuple("inspection-service RSS under load", "< 350 MB", false),
                        tuple("routing-service RSS under load", "< 350 MB", true),
                        tuple("checkpoint-service start to ready", "<= 3 s", true),
                        tuple("inspection-service start to ready", "<= 3 s", false),
                        tuple("routing-service start to ready", "<= 3 s", true));
        assertThat(checks.get(3).measured()).isEqualTo("peak 200 MB");
    }

    @Test
    void theFloorIsTheHealthCheckAndRssPeaksAreTakenOverAllScenarios() {
        RunResult run = RunResults.sample();

        assertThat(run.floorThroughput()).isEqualTo(10000);
        assertThat(run.peakRssBytes())
                .containsEntry("checkpoint-service", 200 * RunResults.MB)
                .containsEntry("inspection-service", 400 * RunResults.MB)
                .containsEntry("routing-service", 210 * RunResults.MB);
    }
}
