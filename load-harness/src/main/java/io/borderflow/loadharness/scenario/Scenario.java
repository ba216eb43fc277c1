package io.borderflow.loadharness.scenario;

import io.borderflow.loadharness.drive.CallTarget;
import java.util.List;
import java.util.function.Supplier;

/**
 * One scenario of the harness.
 *
 * @param name short name, used by {@code --scenario}
 * @param service the service whose port it calls
 * @param rpc the RPC it calls, as {@code Service/Method}
 * @param sends what each call sends, in words, for the report
 * @param rates the offered rates (calls per second) of its open-loop phases
 * @param target what it should reach
 * @param calls opens the calls (a new target for each scenario run)
 * @param inFlight calls in flight at maximum throughput; 0: the harness's {@code --concurrency}
 */
public record Scenario(
        String name,
        String service,
        String rpc,
        String sends,
        List<Double> rates,
        Target target,
        Supplier<CallTarget> calls,
        int inFlight) {

    public Scenario(
            String name,
            String service,
            String rpc,
            String sends,
            List<Double> rates,
            Target target,
            Supplier<CallTarget> calls) {
        this(name, service, rpc, sends, rates, target, calls, 0);
    }
}
