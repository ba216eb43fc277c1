package io.borderflow.inspection;

import io.borderflow.testsupport.LayeringRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void layeringOfTheHouseStyleHolds() {
        LayeringRules.check("io.borderflow.inspection");
    }
}
