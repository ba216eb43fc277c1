package io.borderflow.routing.domain.search;

import java.util.Arrays;

/**
 * The search's open labels, least {@code priority} (optimistic arrival) first, then least fixed cost, then the first
 * added. A four-ary heap over one array of keys (priority, cost, number of the label in the order added), three longs
 * an entry: sifting compares numbers in adjacent memory and never follows a pointer to a label, which on a search of
 * hundreds of thousands of labels is what the time goes to. The search adds labels in the order it creates them, so
 * the last key orders as {@link Label#seq} does, and the order is total: the labels come out in the same order as
 * from a {@code PriorityQueue} compared on (priority, fixed cost, seq).
 */
final class LabelQueue {
    private static final int ARITY = 4;
    private static final int STRIDE = 3;

    private long[] heap = new long[STRIDE * 256];
    /** The labels by number, until they leave the queue. */
    private Label[] added = new Label[256];

    private int size;
    private int count;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(Label label) {
        if (count == added.length) {
            added = Arrays.copyOf(added, count * 2);
        }
        long number = count;
        added[count++] = label;
        if (STRIDE * (size + 1) > heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        long priority = label.priority;
        long cost = costKey(label.fixedCost);
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) / ARITY;
            if (!before(priority, cost, number, parent)) {
                break;
            }
            copy(parent, at);
            at = parent;
        }
        put(at, priority, cost, number);
    }

    /** The first label, removed; null when empty. */
    Label poll() {
        if (size == 0) {
            return null;
        }
        int number = (int) heap[2];
        Label first = added[number];
        added[number] = null;
        size--;
        if (size > 0) {
            int last = STRIDE * size;
            long priority = heap[last];
            long cost = heap[last + 1];
            long lastNumber = heap[last + 2];
            int at = 0;
            while (true) {
                int child = ARITY * at + 1;
                if (child >= size) {
                    break;
                }
                int best = child;
                int end = Math.min(child + ARITY, size);
                for (int k = child + 1; k < end; k++) {
                    if (before(heap[STRIDE * k], heap[STRIDE * k + 1], heap[STRIDE * k + 2], best)) {
                        best = k;
                    }
                }
                if (before(priority, cost, lastNumber, best)) {
                    break;
                }
                copy(best, at);
                at = best;
            }
            put(at, priority, cost, lastNumber);
        }
        return first;
    }

    /** A long that orders as {@link Double#compare} orders the doubles (NaN aside). */
    static long costKey(double cost) {
        long bits = Double.doubleToRawLongBits(cost);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** Whether the key (priority, cost, number) comes before the entry at {@code index}. */
    private boolean before(long priority, long cost, long number, int index) {
        int at = STRIDE * index;
        if (priority != heap[at]) {
            return priority < heap[at];
        }
        if (cost != heap[at + 1]) {
            return cost < heap[at + 1];
        }
        return number < heap[at + 2];
    }

    private void copy(int from, int to) {
        System.arraycopy(heap, STRIDE * from, heap, STRIDE * to, STRIDE);
    }

    private void put(int index, long priority, long cost, long number) {
        int at = STRIDE * index;
        heap[at] = priority;
        heap[at + 1] = cost;
        heap[at + 2] = number;
    }
}
