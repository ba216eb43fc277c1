package io.borderflow.checkpoint.grpc;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.RegisterVehicleRequest;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.api.checkpoint.v1.Vehicle;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the crossing-event tests share: unique plates, carrier ids and event ids (all tests of a run share one database
 * and the reference checkpoints), events built the way a border post sends them, and the callers' tokens.
 */
final class CrossingFixtures {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final String ALPHANUMERIC = LETTERS + "0123456789";

    private CrossingFixtures() {}

    /** A plate no other test uses: 8 letters and digits, starting with a letter. */
    static String plate() {
        StringBuilder plate = new StringBuilder().append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        for (int i = 1; i < 8; i++) {
            plate.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return plate.toString();
    }

    /** A carrier id no other test uses. */
    static String carrier() {
        return "carrier-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String eventId() {
        return "ev-" + UUID.randomUUID();
    }

    /** Now, to the second: event times in the tests are whole seconds so that they compare exactly. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static java.time.Duration duration(Duration duration) {
        return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }

    /** A valid event of a fresh id: {@code type} at {@code at} for the truck, exit direction, nothing optional set. */
    static CrossingEvent.Builder event(
            String checkpointId, CrossingEventType type, Instant at, String plate, String carrierId) {
        return CrossingEvent.newBuilder()
                .setEventId(eventId())
                .setCheckpoint("checkpoints/" + checkpointId)
                .setType(type)
                .setOccurTime(ts(at))
                .setDirection(Direction.DIRECTION_EXIT)
                .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId(carrierId));
    }

    /** The visit without the figures that depend on the rest of the queue and the clock (place and estimated wait). */
    static TruckVisit withoutQueueFigures(TruckVisit visit) {
        return visit.toBuilder().clearTrucksAhead().clearEstimatedWait().build();
    }

    /** A border operator of these checkpoints, under a subject of its own (so that its audit records can be told). */
    static CallCredentials operatorAs(String subject, String... checkpointIds) {
        return TestTokens.bearer(TestTokens.issuer()
                .token(subject)
                .roles(Roles.BORDER_OPERATOR)
                .checkpoints(List.of(checkpointIds))
                .sign());
    }

    static CallCredentials operator(String... checkpointIds) {
        return operatorAs("operator-" + UUID.randomUUID().toString().substring(0, 8), checkpointIds);
    }

    static CallCredentials customsOfficer() {
        return TestTokens.as(Roles.CUSTOMS_OFFICER);
    }

    /** Registers the plate to the carrier (as the carrier), so that the carrier may book it; again changes nothing. */
    static Vehicle registerVehicle(CheckpointServiceBlockingStub checkpoints, String carrierId, String plate) {
        return checkpoints
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .withCallCredentials(carrierToken(carrierId))
                .registerVehicle(RegisterVehicleRequest.newBuilder()
                        .setParent("carriers/" + carrierId)
                        .setVehicle(Vehicle.newBuilder().setPlate(plate))
                        .build())
                .getVehicle();
    }

    static CallCredentials carrierToken(String carrierId) {
        return TestTokens.bearer(TestTokens.issuer()
                .token("fleet-" + carrierId)
                .roles(Roles.CARRIER)
                .carrier(carrierId)
                .sign());
    }
}
