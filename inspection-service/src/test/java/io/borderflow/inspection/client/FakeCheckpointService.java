package io.borderflow.inspection.client;

import io.borderflow.api.checkpoint.v1.Checkpoint;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointResponse;
import io.borderflow.api.checkpoint.v1.MutinyCheckpointServiceGrpc;
import io.borderflow.support.security.Roles;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checkpoint-service stand-in of inspection-service's tests, served by the service under test itself: every
 * checkpoint exists except those whose id starts with {@code unknown}. Only the {@code service} role may call it, as the real one would for these reads in
 * the suite's wiring, so the tests also prove that the client presents the service's own token.
 */
@GrpcService
@RolesAllowed(Roles.SERVICE)
public class FakeCheckpointService extends MutinyCheckpointServiceGrpc.CheckpointServiceImplBase {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public Uni<GetCheckpointResponse> getCheckpoint(GetCheckpointRequest request) {
        CALLS.incrementAndGet();
        String id = request.getName().substring("checkpoints/".length());
        if (id.startsWith("unknown")) {
            return Uni.createFrom()
                    .failure(Status.NOT_FOUND.withDescription(request.getName()).asRuntimeException());
        }
        return Uni.createFrom()
                .item(GetCheckpointResponse.newBuilder()
                        .setCheckpoint(Checkpoint.newBuilder()
                                .setName(request.getName())
                                .setDisplayName(id))
                        .build());
    }
}
