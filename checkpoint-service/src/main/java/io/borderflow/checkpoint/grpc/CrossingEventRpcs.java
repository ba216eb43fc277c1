package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CheckpointGrpcService.ERRORS;

import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventResponse;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.checkpoint.service.CrossingEventCommands;
import io.borderflow.support.error.DomainException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.WellFormed;
import io.borderflow.support.grpc.WellFormedRequests;
import io.borderflow.support.lifecycle.ShuttingDown;
import io.borderflow.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The crossing events of {@link CheckpointGrpcService}: one at a time, or a border post's stream. */
@ApplicationScoped
class CrossingEventRpcs {
    /** Events of one stream recorded at once (a border post may send a backlog without waiting for each ack). */
    private static final int STREAM_WINDOW = 128;

    private final CrossingEventCommands events;
    private final SecurityIdentity identity;
    private final ShuttingDown shuttingDown;
    private final Vertx vertx;

    CrossingEventRpcs(CrossingEventCommands events, SecurityIdentity identity, ShuttingDown shuttingDown, Vertx vertx) {
        this.events = events;
        this.identity = identity;
        this.shuttingDown = shuttingDown;
        this.vertx = vertx;
    }

    Uni<RecordCrossingEventResponse> recordCrossingEvent(RecordCrossingEventRequest request) {
        return ERRORS.guard(() -> {
            if (!request.hasEvent()) {
                throw new InvalidArgumentException("INVALID_EVENT", "event", "event is required");
            }
            CrossingEvent event = request.getEvent();
            return events.record(CrossingProtoMapper.event(event), Caller.of(identity))
                    .map(recorded -> RecordCrossingEventResponse.newBuilder()
                            .setAck(CrossingProtoMapper.accepted(
                                    event.getEventId(), recorded.outcome(), recorded.visit()))
                            .build());
        });
    }

    /**
     * The contract is on {@link CheckpointGrpcService#streamCrossingEvents}. Each event's refusal becomes its REJECTED
     * acknowledgement here ({@link #ack}), so that only other failures reach {@link OrderedAcks} and end the stream.
     */
    Multi<StreamCrossingEventsResponse> streamCrossingEvents(Multi<StreamCrossingEventsRequest> requests) {
        Caller caller = Caller.of(identity);
        AtomicInteger inHand = new AtomicInteger();
        // up to STREAM_WINDOW events of the stream are recorded at once (they join the same write groups), and
        // their acknowledgements go back in the order the events came
        Multi<StreamCrossingEventsResponse> acks = OrderedAcks.of(requests, STREAM_WINDOW, request -> {
            if (shuttingDown.started()) {
                return Uni.createFrom().<StreamCrossingEventsResponse>failure(shuttingDown.unavailable());
            }
            inHand.incrementAndGet();
            return ack(request, caller).onTermination().invoke(inHand::decrementAndGet);
        });
        // at shutdown: the events in hand are acknowledged, then the stream ends UNAVAILABLE (the client resends the
        // rest)
        return shuttingDown
                .endingAtShutdown(
                        acks, () -> Uni.createFrom().emitter(idle -> awaitIdle(inHand, () -> idle.complete(null))))
                .onFailure()
                .transform(ERRORS::toStatus);
    }

    /** Runs {@code then} once no event of the stream is being recorded. */
    private void awaitIdle(AtomicInteger inHand, Runnable then) {
        if (inHand.get() == 0) {
            then.run();
        } else {
            vertx.setTimer(20, id -> awaitIdle(inHand, then));
        }
    }

    private Uni<StreamCrossingEventsResponse> ack(StreamCrossingEventsRequest request, Caller caller) {
        CrossingEvent event = request.getEvent();
        Uni<CrossingEventAck> ack;
        try {
            List<FieldViolation> malformed = WellFormed.problems(request);
            if (!malformed.isEmpty()) {
                throw WellFormedRequests.malformed(malformed);
            }
            ack = events.record(CrossingProtoMapper.event(event), caller)
                    .map(recorded ->
                            CrossingProtoMapper.accepted(event.getEventId(), recorded.outcome(), recorded.visit()));
        } catch (DomainException refused) {
            ack = Uni.createFrom().failure(refused);
        }
        return ack.onFailure(DomainException.class)
                .recoverWithItem(refused -> CrossingProtoMapper.rejected(event.getEventId(), (DomainException) refused))
                .map(a -> StreamCrossingEventsResponse.newBuilder().setAck(a).build());
    }
}
