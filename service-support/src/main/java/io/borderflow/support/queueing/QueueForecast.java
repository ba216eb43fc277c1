package io.borderflow.support.queueing;

import io.borderflow.support.calendar.Hours;
import io.borderflow.support.calendar.OpenPeriod;
import io.borderflow.support.calendar.OpeningCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

/**
 * A queue carried forward from a status to a later instant, with arrivals damped by the wait: carriers divert to other
 * crossings or give up as the queue grows (diversion and balking), so a backlog holds at a level rather than growing
 * without end.
 *
 * <p>The model. With {@code Q} trucks queued and a clearance rate {@code mu} while open, the wait is
 * {@code W = Q / mu} hours of open time, and the trucks that still join are the demand {@code a} times
 * {@code exp(-W / tau)}, the share of carriers whose tolerance of waiting (exponentially spread, mean {@code tau})
 * the queue does not exceed. The demand is what the status's observed arrival rate implies at its queue:
 * {@code a = arrivals * exp(Q0 / s)}, with {@code s = mu * tau}, so arrivals go on at the observed rate while the
 * queue stays as it is. Then {@code dQ/dt = a * exp(-Q / s) - mu} while open and {@code a * exp(-Q / s)} while closed,
 * which with {@code u = exp(Q / s)} is linear and solved exactly per period:
 * <ul>
 * <li>open: {@code u(t) = a / mu + (u0 - a / mu) * exp(-mu t / s)}, and a queue that empties stays empty while the
 * damped demand is below the clearance rate;</li>
 * <li>closed: {@code u(t) = u0 + a t / s}.</li>
 * </ul>
 * {@code Q = s * ln(u)}, at least 0. The queue holds at {@code s * ln(a / mu)}: the status's own queue when arrivals
 * match clearances, where a linear forecast (arrivals minus clearances, for ever) gave Zhaisan 30 days of queue four
 * days on.
 *
 * <p>Calibration ({@link #TOLERANCE}): the seeds' Kazakhstan-Russia crossings saw demand about 3 times capacity
 * (Kairak: 2,514 trucks in one weekend, "over 3 times its capacity", reported) and queues that held at waits of 3-5
 * days. The held wait is {@code tau * ln(a / mu)}; {@code tau = 4 days / ln 3 = 87 h} puts it at 4 days.
 *
 * <p>A truck joining later never starts its control earlier: the queue shrinks at most at the clearance rate.
 *
 * @param calendar when the crossing is open (closures included)
 * @param clearancesPerOpenHour trucks cleared per open hour ({@code mu})
 * @param arrivalsPerHour trucks joining per hour around the clock, as observed at {@code trucksWaiting}
 * @param trucksWaiting the queue at {@code at} ({@code Q0})
 * @param at when the queue was that long
 * @param tolerance the carriers' mean tolerance of waiting ({@code tau}); zero for undamped arrivals
 */
public record QueueForecast(
        OpeningCalendar calendar,
        double clearancesPerOpenHour,
        double arrivalsPerHour,
        double trucksWaiting,
        Instant at,
        Duration tolerance) {

    /** The carriers' mean tolerance of waiting: 87 hours, an estimate calibrated on the seeds (see above). */
    public static final Duration TOLERANCE = Duration.ofHours(87);

    public QueueForecast {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(tolerance, "tolerance");
        if (!(clearancesPerOpenHour >= 0)
                || !(arrivalsPerHour >= 0)
                || !(trucksWaiting >= 0)
                || Double.isInfinite(clearancesPerOpenHour + arrivalsPerHour + trucksWaiting)
                || tolerance.isNegative()) {
            throw new IllegalArgumentException("rates, queue and tolerance must be finite and not negative");
        }
    }

    /** The same with the calibrated tolerance. */
    public static QueueForecast damped(
            OpeningCalendar calendar,
            double clearancesPerOpenHour,
            double arrivalsPerHour,
            double trucksWaiting,
            Instant at) {
        return new QueueForecast(calendar, clearancesPerOpenHour, arrivalsPerHour, trucksWaiting, at, TOLERANCE);
    }

    /** Trucks queued at {@code when}; the status's queue for an instant not after {@link #at}. */
    public double queuedAt(Instant when) {
        if (!when.isAfter(at)) {
            return trucksWaiting;
        }
        double scale = clearancesPerOpenHour * Hours.of(tolerance);
        if (scale <= 0) {
            // no clearance rate to damp by: arrivals minus clearances, as they are
            return Math.max(
                    0,
                    trucksWaiting
                            + arrivalsPerHour * Hours.between(at, when)
                            - clearancesPerOpenHour * Hours.of(calendar.openTime(at, when)));
        }
        // in u = exp((Q - Q0) / s), scaled by exp(-Q0 / s) to stay finite: demand a becomes the observed arrivals
        double u = 1;
        double floor = Math.exp(-trucksWaiting / scale);
        double ratio = arrivalsPerHour / clearancesPerOpenHour;
        Instant cursor = at;
        for (Iterator<OpenPeriod> periods = calendar.openPeriodsFrom(at); cursor.isBefore(when); ) {
            OpenPeriod open = periods.hasNext() ? periods.next() : null;
            Instant opens = open == null || open.start().isAfter(when) ? when : max(open.start(), cursor);
            if (opens.isAfter(cursor)) {
                u += arrivalsPerHour * Hours.between(cursor, opens) / scale;
                cursor = opens;
            }
            if (open == null || !cursor.isBefore(when)) {
                break;
            }
            Instant closes = open.end().isBefore(when) ? open.end() : when;
            double hours = Hours.between(cursor, closes);
            u = ratio + (u - ratio) * Math.exp(-clearancesPerOpenHour * hours / scale);
            // an emptied queue stays empty (the demand of an empty queue is then below the clearance rate)
            u = Math.max(u, floor);
            cursor = closes;
        }
        return Math.max(0, trucksWaiting + scale * Math.log(u));
    }

    /**
     * When a truck joining at {@code join} (not before {@link #at}) starts its control: the queue it finds, worked off
     * at the clearance rate while open. Empty without a clearance rate or beyond {@link OpeningCalendar#HORIZON}.
     */
    public Optional<Instant> servedAt(Instant join) {
        return new FluidQueue(calendar, clearancesPerOpenHour).whenServed(join, queuedAt(join));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
