package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CheckpointGrpcService.ERRORS;

import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesRequest;
import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesResponse;
import io.borderflow.api.checkpoint.v1.FigureBasis;
import io.borderflow.api.checkpoint.v1.ForecastWaitsRequest;
import io.borderflow.api.checkpoint.v1.ForecastWaitsResponse;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusResponse;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.GetTruckResponse;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.ListTrucksRequest;
import io.borderflow.api.checkpoint.v1.ListTrucksResponse;
import io.borderflow.api.checkpoint.v1.WaitForecast;
import io.borderflow.api.checkpoint.v1.WaitQuery;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.checkpoint.service.CheckpointStatusApplicationService;
import io.borderflow.checkpoint.service.WaitForecasts;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The live status of checkpoints and the trucks at them, of {@link CheckpointGrpcService}. */
@ApplicationScoped
class StatusRpcs {
    private static final int MAX_BATCH = 50;
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

    private final CheckpointStatusApplicationService statuses;
    private final WaitForecasts forecasts;
    private final SecurityIdentity identity;

    StatusRpcs(CheckpointStatusApplicationService statuses, WaitForecasts forecasts, SecurityIdentity identity) {
        this.statuses = statuses;
        this.forecasts = forecasts;
        this.identity = identity;
    }

    Uni<GetCheckpointStatusResponse> getCheckpointStatus(GetCheckpointStatusRequest request) {
        return ERRORS.guard(() -> statuses.status(CheckpointNames.status(request.getName(), "name"))
                .map(status -> GetCheckpointStatusResponse.newBuilder()
                        .setStatus(CrossingProtoMapper.status(status))
                        .build()));
    }

    Uni<BatchGetCheckpointStatusesResponse> batchGetCheckpointStatuses(BatchGetCheckpointStatusesRequest request) {
        return ERRORS.guard(() -> {
            if (request.getNamesCount() == 0 || request.getNamesCount() > MAX_BATCH) {
                throw new InvalidArgumentException(
                        "INVALID_NAME", "names", "1 to " + MAX_BATCH + " names are required");
            }
            return statuses.statuses(statusIds(request.getNamesList()))
                    .map(all -> BatchGetCheckpointStatusesResponse.newBuilder()
                            .addAllStatuses(all.stream()
                                    .map(CrossingProtoMapper::status)
                                    .toList())
                            .build());
        });
    }

    Uni<ForecastWaitsResponse> forecastWaits(ForecastWaitsRequest request) {
        return ERRORS.guard(() -> {
            List<WaitForecasts.Query> queries =
                    request.getQueriesList().stream().map(StatusRpcs::query).toList();
            List<FieldViolation> problems = WaitForecasts.problems(queries, Instant.now());
            if (!problems.isEmpty()) {
                throw new InvalidArgumentException(
                        "INVALID_FORECAST",
                        "the request has " + problems.size() + " problem(s); see the field violations",
                        Map.of(),
                        problems);
            }
            return forecasts.forecast(queries).map(all -> {
                ForecastWaitsResponse.Builder response = ForecastWaitsResponse.newBuilder();
                for (int i = 0; i < all.size(); i++) {
                    response.addForecasts(forecast(request.getQueries(i), all.get(i)));
                }
                return response.build();
            });
        });
    }

    private static WaitForecasts.Query query(WaitQuery query) {
        String checkpoint = null;
        try {
            checkpoint = ResourceNames.parseId("checkpoints", query.getCheckpoint(), "checkpoint");
        } catch (InvalidArgumentException malformed) {
            // named by WaitForecasts.problems with the query's index
        }
        InspectionChannel channel = query.getChannel();
        return new WaitForecasts.Query(
                checkpoint,
                CrossingProtoMapper.directionName(query.getDirectionValue()),
                query.hasArrivalTime() ? ProtoTimes.instant(query.getArrivalTime()) : null,
                channel == InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED
                        ? null
                        : channel == InspectionChannel.UNRECOGNIZED
                                ? String.valueOf(query.getChannelValue())
                                : channel.name().substring("INSPECTION_CHANNEL_".length()));
    }

    private static WaitForecast forecast(WaitQuery query, WaitForecasts.Forecast forecast) {
        WaitForecast.Builder proto = WaitForecast.newBuilder()
                .setQuery(query)
                .setTrucksAhead(forecast.trucksAhead())
                .setStatusTime(ProtoTimes.timestamp(forecast.statusTime()))
                .setBasis(FigureBasis.valueOf("FIGURE_BASIS_" + forecast.basis()));
        if (forecast.opens() != null) {
            proto.setOpensTime(ProtoTimes.timestamp(forecast.opens()));
        }
        if (forecast.waitTime() != null) {
            proto.setWait(ProtoTimes.duration(forecast.waitTime()));
        }
        if (forecast.handling() != null) {
            proto.setHandling(ProtoTimes.duration(forecast.handling()));
        }
        return proto.build();
    }

    Multi<WatchCheckpointStatusResponse> watchCheckpointStatus(WatchCheckpointStatusRequest request) {
        try {
            Duration heartbeat = request.hasHeartbeatInterval()
                    ? Duration.ofSeconds(
                            request.getHeartbeatInterval().getSeconds(),
                            request.getHeartbeatInterval().getNanos())
                    : DEFAULT_HEARTBEAT;
            if (heartbeat.compareTo(Duration.ofSeconds(1)) < 0 || heartbeat.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new InvalidArgumentException(
                        "INVALID_HEARTBEAT", "heartbeat_interval", "from 1 second to 5 minutes");
            }
            boolean byNames = request.getNamesCount() > 0;
            if (byNames == !request.getBorder().isEmpty()) {
                throw new InvalidArgumentException(
                        "INVALID_WATCH",
                        byNames ? "border" : "names",
                        "set either names (1 to " + MAX_BATCH + ") or border");
            }
            Multi<CheckpointStatusApplicationService.WatchUpdate> updates;
            if (byNames) {
                if (request.getNamesCount() > MAX_BATCH) {
                    throw new InvalidArgumentException("INVALID_WATCH", "names", "at most " + MAX_BATCH + " names");
                }
                updates = statuses.watch(statusIds(request.getNamesList()), heartbeat);
            } else {
                updates = statuses.watchBorder(request.getBorder(), heartbeat);
            }
            return updates.map(update -> update.status() != null
                            ? WatchCheckpointStatusResponse.newBuilder()
                                    .setStatus(CrossingProtoMapper.status(update.status()))
                                    .build()
                            : WatchCheckpointStatusResponse.newBuilder()
                                    .setHeartbeatTime(ProtoTimes.timestamp(update.heartbeat()))
                                    .build())
                    .onFailure()
                    .transform(ERRORS::toStatus);
        } catch (RuntimeException e) {
            return Multi.createFrom().failure(ERRORS.toStatus(e));
        }
    }

    Uni<GetTruckResponse> getTruck(GetTruckRequest request) {
        return ERRORS.guard(() -> {
            CheckpointNames.Child truck = CheckpointNames.truck(request.getName());
            return statuses.truck(truck.checkpoint(), truck.id(), Caller.of(identity))
                    .map(view -> GetTruckResponse.newBuilder()
                            .setTruck(CrossingProtoMapper.visit(view))
                            .build());
        });
    }

    Uni<ListTrucksResponse> listTrucks(ListTrucksRequest request) {
        return ERRORS.guard(() -> {
            String checkpoint = ResourceNames.parseId("checkpoints", request.getParent(), "parent");
            int pageSize = PageSize.resolve(request.getPageSize());
            String state = switch (request.getState()) {
                case TRUCK_STATE_UNSPECIFIED -> null;
                case TRUCK_STATE_BOOKED, TRUCK_STATE_WAITING, TRUCK_STATE_CALLED, TRUCK_STATE_IN_INSPECTION ->
                    request.getState().name().substring("TRUCK_STATE_".length());
                default ->
                    throw new InvalidArgumentException(
                            "INVALID_STATE",
                            "state",
                            "state must be one of the open states (booked, waiting, called, in inspection)");
            };
            return statuses.trucks(
                            checkpoint,
                            state,
                            request.getCarrierId().isEmpty() ? null : request.getCarrierId(),
                            request.getPageToken(),
                            pageSize,
                            Caller.of(identity))
                    .map(page -> ListTrucksResponse.newBuilder()
                            .setNextPageToken(page.nextPageToken())
                            .addAllTrucks(page.trucks().stream()
                                    .map(CrossingProtoMapper::visit)
                                    .toList())
                            .build());
        });
    }

    /** The checkpoint ids of status names, each checked as field {@code names[i]}. */
    private static List<String> statusIds(List<String> names) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ids.add(CheckpointNames.status(names.get(i), "names[" + i + "]"));
        }
        return ids;
    }
}
