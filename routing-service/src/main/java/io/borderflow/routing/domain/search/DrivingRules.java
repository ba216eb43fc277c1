package io.borderflow.routing.domain.search;

import java.time.Duration;

/**
 * The drivers' hours, simplified from the AETR daily limits: one driver drives at most {@code maxDailyDriving}, then
 * takes {@code dailyRest} before driving on. Driving time counts from the last rest; a stop at least as long as a daily
 * rest (a border queue, a ferry wait and crossing) counts as the rest. Left out: the 45-minute breaks (taken to be in
 * the legs' average speeds), weekly limits and rest, and two-driver crews.
 */
public record DrivingRules(Duration maxDailyDriving, Duration dailyRest) {

    public DrivingRules {
        if (maxDailyDriving.isNegative() || maxDailyDriving.isZero() || dailyRest.isNegative()) {
            throw new IllegalArgumentException("daily driving must be positive and rest not negative");
        }
    }
}
