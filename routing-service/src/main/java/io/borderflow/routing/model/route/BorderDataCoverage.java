package io.borderflow.routing.model.route;

/**
 * How many of the checkpoints routing follows had a live, a stale or no status, and a live, a stale or no calendar,
 * when a search ran: what an answer stands on, said whether or not a route crossed there.
 */
public record BorderDataCoverage(
        int checkpoints,
        int statusLive,
        int statusStale,
        int statusUnknown,
        int calendarLive,
        int calendarStale,
        int calendarUnknown) {

    public BorderDataCoverage {
        if (statusLive + statusStale + statusUnknown != checkpoints
                || calendarLive + calendarStale + calendarUnknown != checkpoints) {
            throw new IllegalArgumentException("every checkpoint is live, stale or unknown, once for each figure");
        }
    }

    /** Counts the snapshots' statuses and calendars by their freshness at {@code now}. */
    public static BorderDataCoverage of(
            java.util.Collection<BorderSnapshot> snapshots,
            java.time.Instant now,
            java.time.Duration statusTrustedFor,
            java.time.Duration calendarTrustedFor) {
        int[] status = new int[Freshness.Kind.values().length];
        int[] calendar = new int[Freshness.Kind.values().length];
        for (BorderSnapshot snapshot : snapshots) {
            status[snapshot.statusFreshness(now, statusTrustedFor).kind().ordinal()]++;
            calendar[snapshot.calendarFreshness(now, calendarTrustedFor).kind().ordinal()]++;
        }
        int live = Freshness.Kind.LIVE.ordinal();
        int stale = Freshness.Kind.STALE.ordinal();
        int unknown = Freshness.Kind.UNKNOWN.ordinal();
        return new BorderDataCoverage(
                snapshots.size(),
                status[live],
                status[stale],
                status[unknown],
                calendar[live],
                calendar[stale],
                calendar[unknown]);
    }

    /** Whether every figure of every checkpoint is live. */
    public boolean allLive() {
        return statusLive == checkpoints && calendarLive == checkpoints;
    }
}
