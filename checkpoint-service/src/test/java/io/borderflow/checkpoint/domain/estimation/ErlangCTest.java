package io.borderflow.checkpoint.domain.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErlangCTest {

    @Test
    void oneServerIsTheMM1Queue() {
        // M/M/1, lambda 3/h, mu 4/h: rho = 0.75 = P(wait); Wq = rho / (mu - lambda) = 0.75 / 1 = 0.75 h.
        ErlangC queue = new ErlangC(1, 3, 4);

        assertThat(queue.utilisation()).isCloseTo(0.75, within(1e-12));
        assertThat(queue.probabilityOfWaiting()).isCloseTo(0.75, within(1e-12));
        assertThat(queue.meanWaitHours()).isCloseTo(0.75, within(1e-12));
        assertThat(queue.meanWait()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void twoServersMatchTheTextbookFormula() {
        // M/M/2: P(wait) = 2 rho^2 / (1 + rho); lambda 1/h, mu 1/h: rho 0.5, P(wait) = 0.5 / 1.5 = 1/3,
        // Wq = P(wait) / (2 mu - lambda) = 1/3 h.
        ErlangC queue = new ErlangC(2, 1, 1);

        assertThat(queue.probabilityOfWaiting()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(queue.meanWaitHours()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void fourLanesAtSeventyPercent() {
        // c = 4, lambda 16.8/h, mu 6/h: a = 2.8, rho = 0.7. Direct formula:
        // sum_{k<4} a^k/k! = 1 + 2.8 + 3.92 + 3.658667 = 11.378667; a^4/4! / (1 - rho) = 2.561067 / 0.3 = 8.536889;
        // P(wait) = 8.536889 / 19.915556 = 0.428654; Wq = 0.428654 / (24 - 16.8) = 0.059535 h = 3.57 minutes.
        ErlangC queue = new ErlangC(4, 16.8, 6);

        assertThat(queue.probabilityOfWaiting()).isCloseTo(0.428654, within(1e-6));
        assertThat(queue.meanWaitHours()).isCloseTo(0.059535, within(1e-6));
    }

    @Test
    void manyServersAgreeWithTheDirectSumAndStayFinite() {
        // 50 lanes at 90 %: the direct sum of a^k / k!, computed here term by term, is still representable.
        double load = 45;
        double term = 1;
        double sum = 0;
        for (int k = 0; k < 50; k++) {
            sum += term;
            term *= load / (k + 1);
        }
        double last = term / (1 - 0.9);
        double expected = last / (sum + last);

        assertThat(new ErlangC(50, 45, 1).probabilityOfWaiting()).isCloseTo(expected, within(1e-9));
        // 500 lanes: 450^500 / 500! overflows a double, the recursion does not.
        assertThat(new ErlangC(500, 450, 1).probabilityOfWaiting()).isBetween(0.0, 1.0);
    }

    @Test
    void noArrivalsNoWait() {
        assertThat(new ErlangC(3, 0, 2).meanWaitHours()).isZero();
    }

    @Test
    void isOnlyDefinedUnderCapacity() {
        assertThatThrownBy(() -> new ErlangC(2, 4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below capacity");
        assertThatThrownBy(() -> new ErlangC(0, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErlangC(2, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
