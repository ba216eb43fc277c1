package io.borderflow.checkpoint.domain.visit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a truck's visit at a checkpoint, on its events placed by the time they happened (not the order they
 * were received, so late events fit in where they belong). A visit starts with BOOKED or ARRIVED; BOOKED comes at most
 * once and first; ARRIVED, CALLED_FORWARD and INSPECTION_STARTED at most once each, the last two after ARRIVED; one
 * end at most, and last: CLEARED, REFUSED and REDIRECTED after ARRIVED, NO_SHOW after BOOKED and never with ARRIVED,
 * CANCELLED after anything. Events at the same instant are ordered by their type's place in the visit.
 */
public final class VisitTimeline {

    /** Event types in the order of a visit. */
    public enum Type {
        BOOKED,
        ARRIVED,
        CALLED_FORWARD,
        INSPECTION_STARTED,
        CLEARED,
        REFUSED,
        REDIRECTED,
        NO_SHOW,
        CANCELLED;

        public boolean ends() {
            return ordinal() >= CLEARED.ordinal();
        }

        public boolean starts() {
            return this == BOOKED || this == ARRIVED;
        }
    }

    /** Where a visit stands after its events. */
    public enum State {
        BOOKED,
        WAITING,
        CALLED,
        IN_INSPECTION,
        CLEARED,
        REFUSED,
        REDIRECTED,
        NO_SHOW,
        CANCELLED;

        public boolean open() {
            return ordinal() <= IN_INSPECTION.ordinal();
        }
    }

    /** An event as the timeline sees it. */
    public record Event(Type type, Instant at) {}

    private static final Comparator<Event> ORDER =
            Comparator.comparing(Event::at).thenComparing(Event::type);

    private VisitTimeline() {}

    /** Why {@code added} cannot join a visit of these events, or empty when it can. */
    public static Optional<String> problem(List<Event> events, Event added) {
        List<Event> all = new ArrayList<>(events);
        all.add(added);
        all.sort(ORDER);
        Event first = all.get(0);
        if (!first.type().starts()) {
            return Optional.of(added.type() + " at " + added.at()
                    + (added == first
                            ? " comes before the truck was booked or arrived"
                            : " would put " + first.type() + " first"));
        }
        Event arrived = null;
        Event booked = null;
        Event end = null;
        boolean called = false;
        boolean inspected = false;
        for (Event event : all) {
            if (end != null) {
                return Optional.of(event.type() + " at " + event.at() + " comes after the visit ended (" + end.type()
                        + " at " + end.at() + ")");
            }
            switch (event.type()) {
                case BOOKED -> {
                    if (booked != null || arrived != null) {
                        return Optional.of("BOOKED at " + event.at()
                                + (booked != null
                                        ? ": the visit is booked already"
                                        : " comes after the truck arrived"));
                    }
                    booked = event;
                }
                case ARRIVED -> {
                    if (arrived != null) {
                        return Optional.of("a second ARRIVED at " + event.at() + " (arrived at " + arrived.at() + ")");
                    }
                    arrived = event;
                }
                case CALLED_FORWARD, INSPECTION_STARTED -> {
                    if (arrived == null) {
                        return Optional.of(event.type() + " at " + event.at() + " comes before the truck arrived");
                    }
                    if (event.type() == Type.CALLED_FORWARD ? called : inspected) {
                        return Optional.of("a second " + event.type() + " at " + event.at());
                    }
                    if (event.type() == Type.CALLED_FORWARD && inspected) {
                        return Optional.of("CALLED_FORWARD at " + event.at() + " comes after the inspection started");
                    }
                    called |= event.type() == Type.CALLED_FORWARD;
                    inspected |= event.type() == Type.INSPECTION_STARTED;
                }
                case CLEARED, REFUSED, REDIRECTED -> {
                    if (arrived == null) {
                        return Optional.of(event.type() + " at " + event.at() + " comes before the truck arrived");
                    }
                    end = event;
                }
                case NO_SHOW -> {
                    if (booked == null || arrived != null) {
                        return Optional.of("NO_SHOW at " + event.at()
                                + (booked == null ? ": the truck was not booked" : ": the truck arrived"));
                    }
                    end = event;
                }
                case CANCELLED -> end = event;
            }
        }
        return Optional.empty();
    }

    /** The state after these events, which must form a valid visit. */
    public static State state(List<Event> events) {
        State state = State.BOOKED;
        for (Event event : events.stream().sorted(ORDER).toList()) {
            state = switch (event.type()) {
                case BOOKED -> State.BOOKED;
                case ARRIVED -> state == State.BOOKED ? State.WAITING : state;
                case CALLED_FORWARD -> state == State.WAITING ? State.CALLED : state;
                case INSPECTION_STARTED -> State.IN_INSPECTION;
                case CLEARED -> State.CLEARED;
                case REFUSED -> State.REFUSED;
                case REDIRECTED -> State.REDIRECTED;
                case NO_SHOW -> State.NO_SHOW;
                case CANCELLED -> State.CANCELLED;
            };
        }
        return state;
    }
}
