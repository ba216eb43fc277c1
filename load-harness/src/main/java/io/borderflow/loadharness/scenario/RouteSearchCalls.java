package io.borderflow.loadharness.scenario;

import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.routing.v1.Cargo;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.FindRoutesResponse;
import io.borderflow.api.routing.v1.Objective;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.loadharness.drive.CallTarget;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code RoutingService/FindRoutes} as a freight platform asks it: Urumqi to Moscow, departing now, cycling over
 * cargo variants (garments, processors, network switches, AEO-held truck parts) and the fastest, cheapest and
 * least-risk objectives. A search that finds no route counts as {@code NO_ROUTE:<reason>}.
 */
final class RouteSearchCalls implements CallTarget {
    private final RoutingServiceGrpc.RoutingServiceStub stub;
    private final List<FindRoutesRequest> requests = variants();
    private final Duration deadline;
    private final AtomicLong sequence = new AtomicLong();

    RouteSearchCalls(Channel channel, String platformJwt, Duration deadline) {
        this.stub = RoutingServiceGrpc.newStub(ClientInterceptors.intercept(channel, SuiteClients.bearer(platformJwt)));
        this.deadline = deadline;
    }

    @Override
    public void start(Consumer<String> done) {
        FindRoutesRequest request = requests.get((int) (sequence.getAndIncrement() % requests.size()));
        stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .findRoutes(request, Answer.checked(RouteSearchCalls::outcome, done));
    }

    static String outcome(FindRoutesResponse response) {
        return response.getRoutesCount() > 0 ? OK : "NO_ROUTE:" + response.getNoRouteReason();
    }

    /** Every cargo with every objective. */
    static List<FindRoutesRequest> variants() {
        List<Cargo> cargos = List.of(
                cargo(line("620342", "Cotton trousers", "", 500, 300, 6000), false),
                cargo(line("8542310000", "Processors", "Acme", 1000, 120, 250000), false),
                cargo(line("851762", "Network switches", "Acme", 200, 400, 90000), false),
                cargo(line("870899", "Truck parts", "", 300, 2500, 40000), true));
        List<FindRoutesRequest> requests = new ArrayList<>();
        for (Objective objective :
                List.of(Objective.OBJECTIVE_FASTEST, Objective.OBJECTIVE_CHEAPEST, Objective.OBJECTIVE_LEAST_RISK)) {
            for (Cargo cargo : cargos) {
                requests.add(FindRoutesRequest.newBuilder()
                        .setOrigin("places/urumqi")
                        .setDestination("places/moscow")
                        .setCargo(cargo)
                        .setObjective(objective)
                        .build());
            }
        }
        return List.copyOf(requests);
    }

    private static GoodsLine line(
            String hsCode, String description, String brand, double quantity, double kg, double usd) {
        return GoodsLine.newBuilder()
                .setHsCode(hsCode)
                .setDescription(description)
                .setBrand(brand)
                .setQuantity(quantity)
                .setQuantityUnit("pcs")
                .setNetWeightKg(kg)
                .setCustomsValue(usd)
                .setCurrency("USD")
                .setOriginCountryCode("CN")
                .build();
    }

    private static Cargo cargo(GoodsLine line, boolean aeo) {
        return Cargo.newBuilder()
                .addGoodsLines(line)
                .setOriginCountryCode("CN")
                .setDestinationCountryCode("RU")
                .setConsignor(Party.newBuilder().setName("Urumqi Trading 1").setCountryCode("CN"))
                .setConsignee(Party.newBuilder().setName("OOO Moda 1").setCountryCode("RU"))
                .setTraderAeo(aeo)
                .build();
    }
}
