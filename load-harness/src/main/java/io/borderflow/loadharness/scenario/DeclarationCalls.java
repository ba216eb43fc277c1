package io.borderflow.loadharness.scenario;

import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.loadharness.drive.CallTarget;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code InspectionService/SubmitDeclaration} as a customs officer: every call a new declaration (its own request id,
 * vehicle and consignor), China to Russia through Kazakhstan, cycling over a few goods and the checkpoints of the
 * corridor. Each is stored and decided under the active ruleset.
 */
final class DeclarationCalls implements CallTarget {
    /** HS code, description, brand, quantity, net kg, value in USD. */
    private record Goods(String hsCode, String description, String brand, int quantity, double kg, double usd) {}

    private static final List<Goods> GOODS = List.of(
            new Goods("620342", "Cotton trousers", "", 500, 300, 6000),
            new Goods("8542310000", "Processors", "Acme", 1000, 120, 250000),
            new Goods("851762", "Network switches", "Acme", 200, 400, 90000),
            new Goods("940360", "Wooden furniture", "", 40, 1800, 12000),
            new Goods("870899", "Truck parts", "", 300, 2500, 40000));

    private final InspectionServiceGrpc.InspectionServiceStub stub;
    private final List<String> checkpoints;
    private final String runTag;
    private final Duration deadline;
    private final AtomicLong sequence = new AtomicLong();

    DeclarationCalls(Channel channel, String officerJwt, List<String> checkpoints, String runTag, Duration deadline) {
        this.stub =
                InspectionServiceGrpc.newStub(ClientInterceptors.intercept(channel, SuiteClients.bearer(officerJwt)));
        this.checkpoints = checkpoints;
        this.runTag = runTag;
        this.deadline = deadline;
    }

    @Override
    public void start(Consumer<String> done) {
        long n = sequence.getAndIncrement();
        stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .submitDeclaration(
                        request(runTag, n, checkpoints),
                        Answer.checked(response -> response.hasDecision() ? OK : "NO_DECISION", done));
    }

    /** Declaration {@code n} of a run: distinct request id and vehicle; goods, consignor and checkpoint cycle. */
    static SubmitDeclarationRequest request(String runTag, long n, List<String> checkpoints) {
        Goods goods = GOODS.get((int) (n % GOODS.size()));
        GoodsLine.Builder line = GoodsLine.newBuilder()
                .setHsCode(goods.hsCode())
                .setDescription(goods.description())
                .setQuantity(goods.quantity())
                .setQuantityUnit("pcs")
                .setNetWeightKg(goods.kg())
                .setCustomsValue(goods.usd() + n % 1000)
                .setCurrency("USD")
                .setOriginCountryCode("CN");
        if (!goods.brand().isEmpty()) {
            line.setBrand(goods.brand());
        }
        Declaration declaration = Declaration.newBuilder()
                .addGoodsLines(line)
                .setConsignor(
                        Party.newBuilder().setName("Urumqi Trading " + (n % 50)).setCountryCode("CN"))
                .setConsignee(Party.newBuilder().setName("OOO Moda " + (n % 20)).setCountryCode("RU"))
                .setCarrierId("kaz-trans-" + (n % 10))
                .setVehiclePlate(Plates.of("D", runTag, n))
                .setOriginCountryCode("CN")
                .addTransitCountryCodes("KZ")
                .setDestinationCountryCode("RU")
                .setCheckpoint("checkpoints/" + checkpoints.get((int) (n % checkpoints.size())))
                .build();
        return SubmitDeclarationRequest.newBuilder()
                .setRequestId(String.format(Locale.ROOT, "load-%s-decl-%d", runTag, n))
                .setDeclaration(declaration)
                .build();
    }
}
