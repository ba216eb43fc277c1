package io.borderflow.checkpoint.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** checkpoint-service settings ({@code borderflow.checkpoint.*}). */
@ConfigMapping(prefix = "borderflow.checkpoint")
public interface CheckpointConfig {

    /** Class-path resource of the checkpoint reference data set. */
    @WithDefault("reference/checkpoints.json")
    String referenceData();

    /** Class-path resource of the holiday calendar, loaded as scheduled closures (see HolidayCalendarLoader). */
    @WithDefault("reference/holiday-closures.json")
    String holidayData();

    /** How often trucks still awaiting their declaration's decision are settled with inspection-service. */
    @WithDefault("30s")
    java.time.Duration decisionRetry();

    /**
     * How long a computed status is served again while nothing at its checkpoint changes (a change, on any replica,
     * makes the next read compute it anew). Figures that move with the clock alone (clearances in the last hour, the
     * wait of a truck arriving now) are at most this old, or ten times the time the status took to compute if that is
     * longer (a checkpoint with tens of thousands of visits in a day), plus one computation.
     */
    @WithDefault("1s")
    java.time.Duration statusMaxAge();

    /**
     * Crossing events that may wait for their write group at once (CrossingEventBatches); one more is refused with
     * RESOURCE_EXHAUSTED, reason {@code QUEUE_FULL}, and a retry delay. 4,096: half a second of the 8,600 events a
     * second measured at the most (docs/benchmarks/load-findings.md), so the queue fills only when the database stops
     * keeping up, and a queued event (its data, content JSON and digest, about 2 KiB) holding 8 MiB of the 256 MiB heap
     * at most.
     */
    @WithDefault("4096")
    int eventQueueSize();

    /** The electronic queue. */
    Queue queue();

    /** How the electronic queue hands out arrival windows (see {@code QueuePolicy}). */
    interface Queue {
        /** Share of a window's capacity offered for booking; the rest is left to trucks that come without one. */
        @WithDefault("0.8")
        double bookableShare();

        /** Share of a window's bookable slots reserved for priority classes (AEO, perishable, humanitarian). */
        @WithDefault("0.2")
        double priorityShare();

        /** How far ahead a window may be booked. */
        @WithDefault("14d")
        java.time.Duration horizon();

        /** How many times a booking may be moved to another window. */
        @WithDefault("2")
        int maxReschedules();

        /** How long after its window a booked truck that has not arrived becomes a no-show, releasing its slot. */
        @WithDefault("1h")
        java.time.Duration noShowGrace();

        /**
         * Bookings one carrier may hold in one window of a checkpoint whose border post set no quota (SetBookingQuota).
         * An estimate, no published per-carrier figure being known: about the bookable slots of one window at a
         * crossing of 300 trucks a day open round the clock (300 / 24 x 0.8 = 10), so that one carrier can fill a
         * window only at crossings that small; the border post sets its own (SetBookingQuota).
         */
        @WithDefault("10")
        int carrierBookingsPerWindow();

        /**
         * Bookings one carrier may hold in one local day of a checkpoint whose border post set no quota. An estimate,
         * as for the window: a third of Zhaisan's 300 trucks a day, a twelfth of Syrym's or Nur Zholy's 1,200.
         */
        @WithDefault("100")
        int carrierBookingsPerDay();

        /** How often overdue bookings are looked for. */
        @WithDefault("1m")
        java.time.Duration noShowSweep();
    }
}
