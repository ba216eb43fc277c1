package io.borderflow.routing;

import io.borderflow.testsupport.ServingContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServingContractTest extends ServingContract {

    @Override
    protected String grpcServiceName() {
        return "borderflow.routing.v1.RoutingService";
    }
}
