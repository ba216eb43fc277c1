package io.borderflow.checkpoint.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class OrderedAcksTest {

    @Test
    void acksReadyOutOfOrderGoOutInTheOrderTheEventsCame() {
        Recording recording = new Recording();
        AssertSubscriber<String> acks = subscribe(recording, 10, "e0", "e1", "e2");
        assertThat(recording.started).containsExactly("e0", "e1", "e2");

        recording.ack("e2");
        assertThat(acks.getItems()).isEmpty(); // waits for e0 and e1

        recording.ack("e0");
        assertThat(acks.getItems()).containsExactly("ack e0"); // e2 still waits for e1

        recording.ack("e1");
        acks.assertItems("ack e0", "ack e1", "ack e2").assertCompleted();
    }

    @Test
    void anEmptyStreamEndsWithoutAcks() {
        subscribe(new Recording(), 10).assertCompleted().assertHasNotReceivedAnyItem();
    }

    @Test
    void atMostTheWindowIsRecordedAtOnceAndAcksWaitingDoNotCountAgainstIt() {
        Recording recording = new Recording();
        AssertSubscriber<String> acks = subscribe(recording, 2, "e0", "e1", "e2", "e3");
        assertThat(recording.started).containsExactly("e0", "e1");

        // e1's ack waits for e0's, but e1 is no longer being recorded: e2 starts
        recording.ack("e1");
        assertThat(recording.started).containsExactly("e0", "e1", "e2");
        assertThat(acks.getItems()).isEmpty();

        recording.ack("e0");
        assertThat(recording.started).containsExactly("e0", "e1", "e2", "e3");
        assertThat(acks.getItems()).containsExactly("ack e0", "ack e1");

        recording.ack("e3");
        recording.ack("e2");
        acks.assertItems("ack e0", "ack e1", "ack e2", "ack e3").assertCompleted();
    }

    @Test
    void aFailedAckEndsTheStreamAtOnceAndDropsTheAcksWaitingBehindIt() {
        Recording recording = new Recording();
        AssertSubscriber<String> acks = subscribe(recording, 10, "e0", "e1", "e2", "e3");
        recording.ack("e0");
        recording.ack("e2"); // waits for e1

        RuntimeException databaseGone = new IllegalStateException("database gone");
        recording.fail("e1", databaseGone);

        // e0 was acknowledged before; e2 is not (the client resends it), e3 is no longer being recorded
        acks.assertFailedWith(IllegalStateException.class, "database gone").assertItems("ack e0");
        assertThat(recording.cancelled).containsExactly("e3");
    }

    @Test
    void aFailedFirstAckEndsTheStreamWithoutAnyAck() {
        Recording recording = new Recording();
        AssertSubscriber<String> acks = subscribe(recording, 10, "e0", "e1");
        recording.ack("e1");

        recording.fail("e0", new IllegalStateException("database gone"));

        acks.assertFailedWith(IllegalStateException.class, "database gone").assertHasNotReceivedAnyItem();
    }

    private static AssertSubscriber<String> subscribe(Recording recording, int window, String... events) {
        return OrderedAcks.of(Multi.createFrom().items(events), window, recording::record)
                .subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
    }

    /** Events being recorded, each acknowledged (or failed) when the test says so. */
    private static final class Recording {
        final List<String> started = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        private final Map<String, CompletableFuture<String>> inHand = new ConcurrentHashMap<>();

        Uni<String> record(String event) {
            started.add(event);
            CompletableFuture<String> ack = new CompletableFuture<>();
            inHand.put(event, ack);
            return Uni.createFrom().completionStage(ack).onCancellation().invoke(() -> cancelled.add(event));
        }

        void ack(String event) {
            inHand.get(event).complete("ack " + event);
        }

        void fail(String event, RuntimeException failure) {
            inHand.get(event).completeExceptionally(failure);
        }
    }
}
