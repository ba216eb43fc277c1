package io.borderflow.inspection.grpc;

import static io.borderflow.inspection.grpc.InspectionGrpcService.ERRORS;

import io.borderflow.api.inspection.v1.AssessDeclarationRequest;
import io.borderflow.api.inspection.v1.AssessDeclarationResponse;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.GetDecisionRequest;
import io.borderflow.api.inspection.v1.GetDecisionResponse;
import io.borderflow.api.inspection.v1.ListDecisionsRequest;
import io.borderflow.api.inspection.v1.ListDecisionsResponse;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationResponse;
import io.borderflow.inspection.model.DecisionFilter;
import io.borderflow.inspection.service.DeclarationApplicationService;
import io.borderflow.inspection.service.DeclarationCommands;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/** Declarations, the decisions on them and what-if assessments, of {@link InspectionGrpcService}. */
@ApplicationScoped
class DeclarationRpcs {
    private static final Pattern DECLARATION = Pattern.compile("declarations/([0-9a-f-]{36})");

    private final DeclarationApplicationService declarations;
    private final DeclarationCommands declarationCommands;
    private final SecurityIdentity identity;

    DeclarationRpcs(
            DeclarationApplicationService declarations,
            DeclarationCommands declarationCommands,
            SecurityIdentity identity) {
        this.declarations = declarations;
        this.declarationCommands = declarationCommands;
        this.identity = identity;
    }

    Uni<SubmitDeclarationResponse> submitDeclaration(SubmitDeclarationRequest request) {
        return ERRORS.guard(() -> {
            if (!request.hasDeclaration()) {
                throw new InvalidArgumentException("INVALID_DECLARATION", "declaration", "declaration is required");
            }
            return declarationCommands
                    .submit(
                            request.getRequestId(),
                            DeclarationProtoMapper.content(request.getDeclaration()),
                            Caller.of(identity))
                    .map(stored -> SubmitDeclarationResponse.newBuilder()
                            .setDeclaration(DeclarationProtoMapper.declaration(stored))
                            .setDecision(DeclarationProtoMapper.decision(stored))
                            .build());
        });
    }

    Uni<GetDecisionResponse> getDecision(GetDecisionRequest request) {
        return ERRORS.guard(() -> {
            String declarationId = DeclarationNames.decision(request.getName(), "name");
            Caller caller = Caller.of(identity);
            return declarations
                    .decision(declarationId, caller)
                    .map(stored -> GetDecisionResponse.newBuilder()
                            .setDecision(
                                    caller.maySeeDecisionReasons()
                                            ? DeclarationProtoMapper.decision(stored)
                                            : DeclarationProtoMapper.carrierView(stored))
                            .build());
        });
    }

    Uni<ListDecisionsResponse> listDecisions(ListDecisionsRequest request) {
        return ERRORS.guard(() -> {
            int pageSize = PageSize.resolve(request.getPageSize());
            String checkpoint = request.getCheckpoint().isEmpty()
                    ? null
                    : ResourceNames.parseId("checkpoints", request.getCheckpoint(), "checkpoint");
            if (request.getChannel() == Channel.UNRECOGNIZED) {
                throw new InvalidArgumentException(
                        "INVALID_ENUM_VALUE", "channel", "channel is not a value this API defines");
            }
            DecisionFilter filter = new DecisionFilter(
                    checkpoint,
                    DeclarationProtoMapper.channel(request.getChannel()),
                    request.hasStartTime() ? ProtoTimes.utc(request.getStartTime()) : null,
                    request.hasEndTime() ? ProtoTimes.utc(request.getEndTime()) : null);
            return declarations.list(filter, request.getPageToken(), pageSize).map(page -> {
                ListDecisionsResponse.Builder response =
                        ListDecisionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
                page.decisions().forEach(d -> response.addDecisions(DeclarationProtoMapper.decision(d)));
                return response.build();
            });
        });
    }

    Uni<AssessDeclarationResponse> assessDeclaration(AssessDeclarationRequest request) {
        return ERRORS.guard(() -> {
            if (!request.getStoredDeclaration().isEmpty()) {
                var stored = DECLARATION.matcher(request.getStoredDeclaration());
                if (!stored.matches() || request.hasDeclaration()) {
                    throw new InvalidArgumentException(
                            "INVALID_DECLARATION",
                            "stored_declaration",
                            request.hasDeclaration()
                                    ? "set declaration or stored_declaration, not both"
                                    : "stored_declaration must look like declarations/{declaration_id}");
                }
                String checkpoint = request.getCheckpoint().isEmpty()
                        ? null
                        : ResourceNames.parseId("checkpoints", request.getCheckpoint(), "checkpoint");
                return declarations
                        .assessStored(stored.group(1), checkpoint, Caller.of(identity))
                        .map(DeclarationProtoMapper::outlook);
            }
            if (!request.hasDeclaration()) {
                throw new InvalidArgumentException("INVALID_DECLARATION", "declaration", "declaration is required");
            }
            return declarations
                    .assess(DeclarationProtoMapper.content(request.getDeclaration()))
                    .map(DeclarationProtoMapper::outlook);
        });
    }
}
