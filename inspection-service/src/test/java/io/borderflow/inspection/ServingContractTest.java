package io.borderflow.inspection;

import io.borderflow.testsupport.ServingContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServingContractTest extends ServingContract {

    @Override
    protected String grpcServiceName() {
        return "borderflow.inspection.v1.InspectionService";
    }
}
