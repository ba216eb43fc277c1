package io.borderflow.routing.grpc;

import io.borderflow.api.routing.v1.CloseLegRequest;
import io.borderflow.api.routing.v1.CloseLegResponse;
import io.borderflow.api.routing.v1.Corridor;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.FindRoutesResponse;
import io.borderflow.api.routing.v1.ListAuditRecordsRequest;
import io.borderflow.api.routing.v1.ListAuditRecordsResponse;
import io.borderflow.api.routing.v1.ListLegsRequest;
import io.borderflow.api.routing.v1.ListLegsResponse;
import io.borderflow.api.routing.v1.ListPlacesRequest;
import io.borderflow.api.routing.v1.ListPlacesResponse;
import io.borderflow.api.routing.v1.PlaceKind;
import io.borderflow.api.routing.v1.ReopenLegRequest;
import io.borderflow.api.routing.v1.ReopenLegResponse;
import io.borderflow.api.routing.v1.RoutingService;
import io.borderflow.api.routing.v1.TransportMode;
import io.borderflow.routing.service.LegClosureApplicationService;
import io.borderflow.routing.service.NetworkApplicationService;
import io.borderflow.routing.service.RouteSearchApplicationService;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.AuditProtoMapper;
import io.borderflow.support.grpc.GrpcErrors;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.security.Caller;
import io.borderflow.support.security.OnBehalfOf;
import io.borderflow.support.security.Roles;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.regex.Pattern;

/** gRPC adapter of {@code borderflow.routing.v1.RoutingService}: checks the request's shape, calls one use case, maps. */
@GrpcService
public class RoutingGrpcService implements RoutingService {
    static final String ERROR_DOMAIN = "routing.borderflow.io";
    private static final GrpcErrors ERRORS = new GrpcErrors(ERROR_DOMAIN);
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final NetworkApplicationService network;
    private final AuditTrail audit;
    private final RouteSearchApplicationService routes;
    private final LegClosureApplicationService legs;
    private final SecurityIdentity identity;

    public RoutingGrpcService(
            NetworkApplicationService network,
            AuditTrail audit,
            RouteSearchApplicationService routes,
            LegClosureApplicationService legs,
            SecurityIdentity identity) {
        this.network = network;
        this.audit = audit;
        this.routes = routes;
        this.legs = legs;
        this.identity = identity;
    }

    @Override
    @RolesAllowed({Roles.FREIGHT_PLATFORM, Roles.CARRIER, Roles.SERVICE})
    public Uni<FindRoutesResponse> findRoutes(FindRoutesRequest request) {
        return ERRORS.guard(() -> routes.findRoutes(RouteProtoMapper.request(request), OnBehalfOf.tokenOf(identity))
                .map(RouteProtoMapper::response));
    }

    @Override
    @RolesAllowed(Roles.NETWORK_OPERATOR)
    public Uni<CloseLegResponse> closeLeg(CloseLegRequest request) {
        return ERRORS.guard(() -> {
            String leg = ResourceNames.parseId("legs", request.getName(), "name");
            Caller caller = Caller.of(identity);
            return audit.recordingRefusals(
                            legs.close(leg, request.getReason(), caller), caller, "leg.close", "legs/" + leg)
                    .map(found -> CloseLegResponse.newBuilder()
                            .setLeg(NetworkProtoMapper.toProto(found.rows().get(0), found.sources()))
                            .build());
        });
    }

    @Override
    @RolesAllowed(Roles.NETWORK_OPERATOR)
    public Uni<ReopenLegResponse> reopenLeg(ReopenLegRequest request) {
        return ERRORS.guard(() -> {
            String leg = ResourceNames.parseId("legs", request.getName(), "name");
            Caller caller = Caller.of(identity);
            return audit.recordingRefusals(legs.reopen(leg, caller), caller, "leg.reopen", "legs/" + leg)
                    .map(found -> ReopenLegResponse.newBuilder()
                            .setLeg(NetworkProtoMapper.toProto(found.rows().get(0), found.sources()))
                            .build());
        });
    }

    @Override
    @Authenticated
    public Uni<ListPlacesResponse> listPlaces(ListPlacesRequest request) {
        return ERRORS.guard(() -> {
            int pageSize = PageSize.resolve(request.getPageSize());
            String country = request.getCountryCode().isEmpty() ? null : request.getCountryCode();
            if (country != null && !COUNTRY.matcher(country).matches()) {
                throw new InvalidArgumentException(
                        "INVALID_COUNTRY_CODE",
                        "country_code",
                        "country_code must be an ISO 3166-1 alpha-2 code in capitals, e.g. KZ");
            }
            requireKnown(request.getKind() != PlaceKind.UNRECOGNIZED, "kind");
            return network.listPlaces(
                            NetworkProtoMapper.stored(request.getKind(), "PLACE_KIND_"),
                            country,
                            request.getPageToken(),
                            pageSize)
                    .map(page -> {
                        ListPlacesResponse.Builder response = ListPlacesResponse.newBuilder()
                                .setNextPageToken(page.nextPageToken())
                                .setTotalSize(page.totalSize());
                        page.items()
                                .rows()
                                .forEach(p -> response.addPlaces(NetworkProtoMapper.toProto(
                                        p, page.items().sources())));
                        return response.build();
                    });
        });
    }

    @Override
    @Authenticated
    public Uni<ListLegsResponse> listLegs(ListLegsRequest request) {
        return ERRORS.guard(() -> {
            int pageSize = PageSize.resolve(request.getPageSize());
            String place =
                    request.getPlace().isEmpty() ? null : ResourceNames.parseId("places", request.getPlace(), "place");
            requireKnown(request.getCorridor() != Corridor.UNRECOGNIZED, "corridor");
            requireKnown(request.getMode() != TransportMode.UNRECOGNIZED, "mode");
            return network.listLegs(
                            NetworkProtoMapper.stored(request.getCorridor(), "CORRIDOR_"),
                            place,
                            NetworkProtoMapper.stored(request.getMode(), "TRANSPORT_MODE_"),
                            request.getPageToken(),
                            pageSize)
                    .map(page -> {
                        ListLegsResponse.Builder response = ListLegsResponse.newBuilder()
                                .setNextPageToken(page.nextPageToken())
                                .setTotalSize(page.totalSize());
                        page.items()
                                .rows()
                                .forEach(l -> response.addLegs(NetworkProtoMapper.toProto(
                                        l, page.items().sources())));
                        return response.build();
                    });
        });
    }

    private static void requireKnown(boolean known, String field) {
        if (!known) {
            throw new InvalidArgumentException("INVALID_ENUM_VALUE", field, field + " is not a value this API defines");
        }
    }

    @Override
    @RolesAllowed(Roles.AUDITOR)
    public Uni<ListAuditRecordsResponse> listAuditRecords(ListAuditRecordsRequest request) {
        return ERRORS.guard(() -> audit.asked(
                        request.getSubject(), request.getAction(), request.getPageToken(), request.getPageSize())
                .map(page -> ListAuditRecordsResponse.newBuilder()
                        .setNextPageToken(page.nextPageToken())
                        .addAllAuditRecords(AuditProtoMapper.records(page))
                        .build()));
    }
}
