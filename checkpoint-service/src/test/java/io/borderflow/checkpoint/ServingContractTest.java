package io.borderflow.checkpoint;

import io.borderflow.testsupport.ServingContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServingContractTest extends ServingContract {

    @Override
    protected String grpcServiceName() {
        return "borderflow.checkpoint.v1.CheckpointService";
    }
}
