package io.borderflow.routing.grpc;

import io.borderflow.api.routing.v1.ListAuditRecordsRequest;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.testsupport.AuditContract;
import io.grpc.CallCredentials;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.TimeUnit;

@QuarkusTest
class AuditTrailTest extends AuditContract {

    @GrpcClient
    RoutingServiceGrpc.RoutingServiceBlockingStub client;

    @Override
    protected List<AuditView> listAuditRecords(CallCredentials credentials, String action, int pageSize) {
        var stub = client.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (credentials != null) {
            stub = stub.withCallCredentials(credentials);
        }
        return stub
                .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                        .setPageSize(pageSize)
                        .setAction(action == null ? "" : action)
                        .build())
                .getAuditRecordsList()
                .stream()
                .map(r -> new AuditView(
                        r.getName(),
                        r.getSubject(),
                        r.getAction(),
                        r.getResource(),
                        r.getOutcome().name()))
                .toList();
    }

    @Override
    protected String startupAction() {
        return "reference-data.load";
    }

    @Override
    protected String startupResource() {
        return "referenceDatasets/corridor-network";
    }
}
