package io.borderflow.routing.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.routing.service.RouteSearchApplicationService;
import io.borderflow.support.error.DomainException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.security.OnBehalfOf;
import io.borderflow.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * FindRoutes as JSON over HTTP for freight platforms: the request and response are {@code FindRoutesRequest} and
 * {@code FindRoutesResponse} in the protobuf JSON mapping (lowerCamelCase fields, enum names, RFC 3339 times, durations
 * as {@code "3600s"}); unknown fields are refused. Errors are the JSON form of the gRPC status, as Google APIs give
 * it over HTTP: {@code {"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": ..., "reason": ...,
 * "fieldViolations": [{"field": ..., "description": ...}]}}}. Same roles, same answers as the gRPC call.
 */
@Path("/v1/routes:search")
public class RouteSearchHttpResource {
    private static final Logger LOG = Logger.getLogger(RouteSearchHttpResource.class);
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final RouteSearchApplicationService routes;
    private final SecurityIdentity identity;

    public RouteSearchHttpResource(RouteSearchApplicationService routes, SecurityIdentity identity) {
        this.routes = routes;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FREIGHT_PLATFORM, Roles.CARRIER, Roles.SERVICE})
    public Uni<Response> search(String body) {
        FindRoutesRequest.Builder request = FindRoutesRequest.newBuilder();
        try {
            PARSER.merge(body == null ? "" : body, request);
        } catch (InvalidProtocolBufferException | RuntimeException unreadable) {
            return Uni.createFrom()
                    .item(error(
                            400,
                            "INVALID_ARGUMENT",
                            "the body is not a FindRoutesRequest in the " + "protobuf JSON mapping: "
                                    + unreadable.getMessage(),
                            "INVALID_JSON",
                            List.of()));
        }
        Uni<Response> answer;
        try {
            answer = routes.findRoutes(RouteProtoMapper.request(request.build()), OnBehalfOf.tokenOf(identity))
                    .map(found -> json(200, RouteProtoMapper.response(found)));
        } catch (DomainException refused) {
            answer = Uni.createFrom().failure(refused);
        }
        return answer.onFailure(DomainException.class)
                .recoverWithItem(failure -> refused((DomainException) failure))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.error("route search failed", failure);
                    return error(500, "INTERNAL", "internal error", "INTERNAL", List.of());
                });
    }

    private static Response json(int code, com.google.protobuf.MessageOrBuilder message) {
        try {
            return Response.status(code)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(PRINTER.print(message))
                    .build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response refused(DomainException refused) {
        int code = switch (refused.kind()) {
            case INVALID_ARGUMENT -> 400;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS -> 409;
            case FAILED_PRECONDITION -> 400;
            case PERMISSION_DENIED -> 403;
            case RESOURCE_EXHAUSTED -> 429;
            case UNAVAILABLE -> 503;
        };
        return error(code, refused.kind().name(), refused.getMessage(), refused.reason(), refused.violations());
    }

    private static Response error(
            int code, String status, String message, String reason, List<FieldViolation> violations) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("status", status);
        error.put("message", message);
        error.put("reason", reason);
        error.put(
                "fieldViolations",
                violations.stream()
                        .map(v -> Map.of("field", v.field(), "description", v.description()))
                        .toList());
        return Response.status(code)
                .type(MediaType.APPLICATION_JSON)
                .entity(io.borderflow.support.reference.ReferenceFile.json(Map.of("error", error)))
                .build();
    }
}
