package io.borderflow.loadharness.scenario;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.loadharness.drive.CallTarget;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code CheckpointService/StreamCrossingEvents} as border posts report: a number of streams open at once, each
 * carrying its own trucks, every truck an ARRIVED event and then (on the same stream, so in that order) a CLEARED one
 * a few hours later, spread over several checkpoints. One "call" is one event; it is done when its acknowledgement
 * comes back, and counts as OK only when ACCEPTED or DUPLICATE (the service acknowledges those once the event is
 * durably stored); a REJECTED acknowledgement counts as {@code REJECTED:<reason>}. A stream that fails fails the
 * events waiting on it with its status code; the next event opens a new stream. Streams the driver gave up on are
 * cancelled, so the service does not work through their backlog during the next phase.
 */
final class CrossingEventStreams implements CallTarget {
    private final CheckpointServiceGrpc.CheckpointServiceStub stub;
    private final List<String> checkpoints;
    private final String runTag;
    private final Duration deadline;
    private final List<EventStream> streams = new ArrayList<>();
    private final AtomicLong nextStream = new AtomicLong();

    CrossingEventStreams(
            Channel channel,
            String operatorJwt,
            List<String> checkpoints,
            int streamCount,
            String runTag,
            Duration deadline) {
        this.stub =
                CheckpointServiceGrpc.newStub(ClientInterceptors.intercept(channel, SuiteClients.bearer(operatorJwt)));
        this.checkpoints = checkpoints;
        this.runTag = runTag;
        this.deadline = deadline;
        for (int i = 0; i < streamCount; i++) {
            streams.add(new EventStream(i, streamCount));
        }
    }

    @Override
    public void start(Consumer<String> done) {
        streams.get((int) (nextStream.getAndIncrement() % streams.size())).send(done);
    }

    @Override
    public void abandon() {
        streams.forEach(EventStream::cancelIfWaiting);
    }

    @Override
    public void close() {
        streams.forEach(EventStream::halfClose);
    }

    /**
     * Event {@code k} of stream {@code s} of {@code count}: trucks {@code s, s + count, s + 2 count...} in turn, each
     * ARRIVED (even k) then CLEARED (odd k). Arrival 5 to 8 hours ago, clearance 1 to 3 hours after it.
     */
    static CrossingEvent event(String runTag, List<String> checkpoints, int s, int count, long k, Instant now) {
        long truck = s + count * (k / 2);
        boolean arrival = k % 2 == 0;
        Instant arrived = now.minusSeconds(5 * 3600 + (truck % 180) * 60);
        Instant at = arrival ? arrived : arrived.plusSeconds(3600 + (truck % 120) * 60);
        return CrossingEvent.newBuilder()
                .setEventId(String.format(Locale.ROOT, "load-%s-%d-%s", runTag, truck, arrival ? "arr" : "clr"))
                .setCheckpoint("checkpoints/" + checkpoints.get((int) (truck % checkpoints.size())))
                .setType(
                        arrival
                                ? CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED
                                : CrossingEventType.CROSSING_EVENT_TYPE_CLEARED)
                .setOccurTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
                .setDirection(Direction.DIRECTION_EXIT)
                .setTruck(Truck.newBuilder()
                        .setPlate(Plates.of("T", runTag, truck))
                        .setCarrierId("load-carrier-" + truck % 10))
                .build();
    }

    static String outcome(CrossingEventAck ack) {
        EventOutcome outcome = ack.getOutcome();
        if (outcome == EventOutcome.EVENT_OUTCOME_ACCEPTED || outcome == EventOutcome.EVENT_OUTCOME_DUPLICATE) {
            return OK;
        }
        if (SHOWN_REJECTIONS.getAndIncrement() < 5) {
            System.out.println("  rejected " + ack.getEventId() + ": " + ack.getReason() + " " + ack.getDescription());
        }
        return "REJECTED:" + ack.getReason();
    }

    /** The first rejections of a run are printed with their description, to tell why. */
    private static final AtomicLong SHOWN_REJECTIONS = new AtomicLong();

    /** One stream: its events go out in order, their acknowledgements come back in the same order. */
    private final class EventStream {
        private final int index;
        private final int count;
        /** The events of the current stream waiting for their acknowledgement, oldest first. */
        private ArrayDeque<Consumer<String>> waiting = new ArrayDeque<>();

        private long sent;
        private StreamObserver<StreamCrossingEventsRequest> requests;

        EventStream(int index, int count) {
            this.index = index;
            this.count = count;
        }

        synchronized void send(Consumer<String> done) {
            if (requests == null) {
                // a truck's two events go on one stream: a new stream starts with a new truck
                sent += sent % 2;
                requests = open();
            }
            CrossingEvent event = event(runTag, checkpoints, index, count, sent++, Instant.now());
            waiting.add(done);
            requests.onNext(
                    StreamCrossingEventsRequest.newBuilder().setEvent(event).build());
        }

        /** Cancels the stream when events on it are still unacknowledged; the next event opens a new one. */
        synchronized void cancelIfWaiting() {
            if (requests != null && !waiting.isEmpty()) {
                ((ClientCallStreamObserver<StreamCrossingEventsRequest>) requests)
                        .cancel("abandoned by the load driver", null);
                requests = null;
            }
        }

        synchronized void halfClose() {
            if (requests != null) {
                requests.onCompleted();
                requests = null;
            }
        }

        private StreamObserver<StreamCrossingEventsRequest> open() {
            ArrayDeque<Consumer<String>> queue = new ArrayDeque<>();
            waiting = queue;
            StreamObserver<StreamCrossingEventsRequest>[] self = new StreamObserver[1];
            self[0] = stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                    .streamCrossingEvents(new StreamObserver<>() {
                        @Override
                        public void onNext(StreamCrossingEventsResponse response) {
                            Consumer<String> done;
                            synchronized (EventStream.this) {
                                done = queue.poll();
                            }
                            if (done != null) {
                                done.accept(outcome(response.getAck()));
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            end(Answer.label(t));
                        }

                        @Override
                        public void onCompleted() {
                            end("STREAM_ENDED");
                        }

                        private void end(String label) {
                            List<Consumer<String>> failed;
                            synchronized (EventStream.this) {
                                failed = new ArrayList<>(queue);
                                queue.clear();
                                if (requests == self[0]) {
                                    requests = null;
                                }
                            }
                            failed.forEach(done -> done.accept(label));
                        }
                    });
            return self[0];
        }
    }
}
