package io.borderflow.routing.domain.search;

import java.util.Arrays;

/**
 * A binary heap of places by a distance, for the searches of the lower bounds: parallel primitive arrays, no object
 * per entry. A place may be added again with a smaller distance; the caller skips the stale entries it polls.
 */
final class PlaceQueue {
    private double[] keys;
    private int[] places;
    private int size;
    private double polledKey;

    PlaceQueue(int capacity) {
        keys = new double[Math.max(16, capacity)];
        places = new int[keys.length];
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(int place, double key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            places = Arrays.copyOf(places, size * 2);
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            keys[at] = keys[parent];
            places[at] = places[parent];
            at = parent;
        }
        keys[at] = key;
        places[at] = place;
    }

    /** The place of least distance, removed (its distance then in {@link #polledKey}). */
    int poll() {
        int first = places[0];
        polledKey = keys[0];
        size--;
        if (size > 0) {
            double key = keys[size];
            int place = places[size];
            int at = 0;
            int half = size >>> 1;
            while (at < half) {
                int child = 2 * at + 1;
                int right = child + 1;
                if (right < size && keys[right] < keys[child]) {
                    child = right;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[at] = keys[child];
                places[at] = places[child];
                at = child;
            }
            keys[at] = key;
            places[at] = place;
        }
        return first;
    }

    /** The distance of the place the last {@link #poll} returned. */
    double polledKey() {
        return polledKey;
    }
}
