package io.borderflow.checkpoint.grpc;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The acknowledgements of a stream of events, in the order the events came, while up to a window of them are being
 * recorded at once (they join the same write groups). An acknowledgement that is ready before an earlier one waits
 * for it; the window counts the events being recorded, not the acknowledgements waiting. A failed acknowledgement ends
 * the stream with its failure at once: the acknowledgements waiting behind an earlier one are not sent, and the events
 * still being recorded are cancelled (the client resends every event it has no acknowledgement for).
 */
final class OrderedAcks {
    private OrderedAcks() {}

    /**
     * @param events the events, as the client sends them
     * @param window how many events are recorded at once
     * @param ack records one event and answers its acknowledgement
     */
    static <E, A> Multi<A> of(Multi<E> events, int window, Function<E, Uni<A>> ack) {
        AtomicLong sent = new AtomicLong();
        // acknowledgements ready before an earlier one, by the number of their event; the merge hands them over one at
        // a time
        Map<Long, A> early = new HashMap<>();
        long[] next = {0};
        return events.onItem()
                .transform(event -> new Numbered<>(sent.getAndIncrement(), event))
                .onItem()
                .transformToUni(
                        numbered -> ack.apply(numbered.item()).map(done -> new Numbered<>(numbered.number(), done)))
                .merge(window)
                .onItem()
                .transformToIterable(done -> {
                    early.put(done.number(), done.item());
                    List<A> inOrder = new ArrayList<>();
                    while (early.containsKey(next[0])) {
                        inOrder.add(early.remove(next[0]++));
                    }
                    return inOrder;
                });
    }

    private record Numbered<T>(long number, T item) {}
}
