package io.borderflow.routing.domain.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The labels kept at one place (or the complete routes), with the criteria they are compared on copied into arrays
 * beside them: a search compares each new label with every kept one, and reading five numbers from adjacent memory is
 * much faster than following a pointer to each label. Kept in the order added; a label dominated by a newer one, or
 * evicted, is marked {@link Label#removed} so that the search skips it when it comes out of the open queue.
 */
final class LabelSet {
    private Label[] labels;
    private long[] times;
    private double[] costs;
    private double[] risks;
    private long[] driving;
    private int size;

    LabelSet(int capacity) {
        int room = Math.max(2, Math.min(capacity + 1, 16));
        labels = new Label[room];
        times = new long[room];
        costs = new double[room];
        risks = new double[room];
        driving = new long[room];
    }

    int size() {
        return size;
    }

    Label get(int index) {
        return labels[index];
    }

    /** The labels kept, in the order added. */
    List<Label> labels() {
        return new ArrayList<>(Arrays.asList(labels).subList(0, size));
    }

    /**
     * Whether a kept label is no worse than the given criteria by more than the epsilons on each (on driving since
     * the last rest only if {@code withDriving}).
     */
    boolean anyNoWorseThan(
            long time,
            double cost,
            double risk,
            long drivingMillis,
            long timeEpsilon,
            double costEpsilon,
            double riskEpsilon,
            boolean withDriving) {
        for (int i = 0; i < size; i++) {
            if (times[i] <= time + timeEpsilon
                    && costs[i] <= cost + costEpsilon
                    && risks[i] <= risk + riskEpsilon
                    && (!withDriving || driving[i] <= drivingMillis + timeEpsilon)) {
                return true;
            }
        }
        return false;
    }

    /** Removes (and marks removed) every kept label that {@code label} dominates, keeping the others' order. */
    void removeDominatedBy(Label label, boolean withDriving) {
        double risk = label.refusalRisk();
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (label.time <= times[i]
                    && label.cost <= costs[i]
                    && risk <= risks[i]
                    && (!withDriving || label.drivingMillis <= driving[i])) {
                labels[i].removed = true;
            } else if (kept != i) {
                move(i, kept++);
            } else {
                kept++;
            }
        }
        Arrays.fill(labels, kept, size, null);
        size = kept;
    }

    void add(Label label) {
        if (size == labels.length) {
            int room = size * 2;
            labels = Arrays.copyOf(labels, room);
            times = Arrays.copyOf(times, room);
            costs = Arrays.copyOf(costs, room);
            risks = Arrays.copyOf(risks, room);
            driving = Arrays.copyOf(driving, room);
        }
        labels[size] = label;
        times[size] = label.time;
        costs[size] = label.cost;
        risks[size] = label.refusalRisk();
        driving[size] = label.drivingMillis;
        size++;
    }

    /** Removes the last label by {@code order}, marks it removed and returns it. */
    Label evictWorst(Comparator<Label> order) {
        int worst = 0;
        for (int i = 1; i < size; i++) {
            if (order.compare(labels[i], labels[worst]) > 0) {
                worst = i;
            }
        }
        Label evicted = labels[worst];
        evicted.removed = true;
        for (int i = worst + 1; i < size; i++) {
            move(i, i - 1);
        }
        labels[--size] = null;
        return evicted;
    }

    private void move(int from, int to) {
        labels[to] = labels[from];
        times[to] = times[from];
        costs[to] = costs[from];
        risks[to] = risks[from];
        driving[to] = driving[from];
    }
}
