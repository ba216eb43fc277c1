package io.borderflow.checkpoint.domain.estimation;

import io.borderflow.support.calendar.OpeningCalendar;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a crossing can clear: when it is open, how many lanes of each kind are staffed while it is open (taken as
 * constant over the forecast), how long each channel's truck occupies a lane, which lane kind each channel uses, and
 * optionally its nominal capacity in vehicles per open day. The nominal capacity caps the modelled clearance rate, so
 * a crossing whose counterpart has fewer lanes (Zhaisan: 8 lanes on the Kazakh side, 2 on the Russian side, about 300
 * trucks a day) is not credited with its own side's lanes alone.
 */
public record CrossingCapacity(
        OpeningCalendar calendar,
        Map<LaneKind, Integer> openLanes,
        HandlingTimes handling,
        ChannelRouting routing,
        OptionalDouble nominalVehiclesPerDay) {

    public CrossingCapacity {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(handling, "handling");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(nominalVehiclesPerDay, "nominalVehiclesPerDay");
        EnumMap<LaneKind, Integer> copy = new EnumMap<>(LaneKind.class);
        copy.putAll(openLanes);
        copy.forEach((kind, lanes) -> {
            if (lanes == null || lanes < 0) {
                throw new IllegalArgumentException("open " + kind + " lanes must not be negative: " + lanes);
            }
        });
        openLanes = Map.copyOf(copy);
        if (nominalVehiclesPerDay.isPresent() && !(nominalVehiclesPerDay.getAsDouble() > 0)) {
            throw new IllegalArgumentException("nominal capacity must be positive: " + nominalVehiclesPerDay);
        }
    }

    /** Every channel in lanes of one kind, without a nominal cap. */
    public static CrossingCapacity of(OpeningCalendar calendar, LaneKind kind, int lanes, HandlingTimes handling) {
        return new CrossingCapacity(
                calendar, Map.of(kind, lanes), handling, ChannelRouting.allTo(kind), OptionalDouble.empty());
    }

    /** The same crossing capped at {@code vehiclesPerDay} per open day. */
    public CrossingCapacity withNominalVehiclesPerDay(double vehiclesPerDay) {
        return new CrossingCapacity(calendar, openLanes, handling, routing, OptionalDouble.of(vehiclesPerDay));
    }

    public int openLanes(LaneKind kind) {
        return openLanes.getOrDefault(kind, 0);
    }

    /**
     * The nominal capacity in trucks per open hour: vehicles per day over the hours of an open day
     * ({@link OpeningCalendar#openHoursPerOpenDay()}); empty without a nominal capacity or opening hours.
     */
    public OptionalDouble nominalTrucksPerOpenHour() {
        double hoursPerDay = calendar.openHoursPerOpenDay();
        return nominalVehiclesPerDay.isPresent() && hoursPerDay > 0
                ? OptionalDouble.of(nominalVehiclesPerDay.getAsDouble() / hoursPerDay)
                : OptionalDouble.empty();
    }
}
