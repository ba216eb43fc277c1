package io.borderflow.inspection.grpc;

import io.borderflow.testsupport.RpcProtection;
import org.junit.jupiter.api.Test;

class RpcProtectionTest {

    @Test
    void everyRpcDeclaresWhoMayCallIt() {
        RpcProtection.assertEveryRpcDeclaresItsRoles(InspectionGrpcService.class);
    }
}
