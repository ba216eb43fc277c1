package io.borderflow.routing.grpc;

import com.google.protobuf.Duration;
import io.borderflow.api.common.v1.GeoPoint;
import io.borderflow.api.routing.v1.Corridor;
import io.borderflow.api.routing.v1.Leg;
import io.borderflow.api.routing.v1.Place;
import io.borderflow.api.routing.v1.PlaceKind;
import io.borderflow.api.routing.v1.TransportMode;
import io.borderflow.routing.model.LegEntity;
import io.borderflow.routing.model.LegView;
import io.borderflow.routing.model.PlaceEntity;
import io.borderflow.support.grpc.ProvenanceProtoMapper;
import io.borderflow.support.reference.SourceEntity;
import java.util.Map;

/** Maps the corridor network to the v1 proto messages, and proto enums to stored values. */
final class NetworkProtoMapper {
    private NetworkProtoMapper() {}

    static Place toProto(PlaceEntity place, Map<String, SourceEntity> sources) {
        return Place.newBuilder()
                .setName("places/" + place.id)
                .setDisplayName(place.displayName)
                .setKind(PlaceKind.valueOf("PLACE_KIND_" + place.kind))
                .setCountryCode(place.country)
                .setLocation(GeoPoint.newBuilder()
                        .setLatitude(place.latitude)
                        .setLongitude(place.longitude)
                        .setProvenance(ProvenanceProtoMapper.toProto(place.locationProvenance, sources)))
                .setCheckpoint(place.checkpointId == null ? "" : "checkpoints/" + place.checkpointId)
                .build();
    }

    static Leg toProto(LegView view, Map<String, SourceEntity> sources) {
        LegEntity leg = view.leg();
        Leg.Builder proto = Leg.newBuilder()
                .setName("legs/" + leg.id)
                .setFromPlace("places/" + leg.fromPlace)
                .setToPlace("places/" + leg.toPlace)
                .setMode(TransportMode.valueOf("TRANSPORT_MODE_" + leg.mode))
                .setBidirectional(leg.bidirectional)
                .setDistanceKm(leg.distanceKm)
                .setDistanceProvenance(ProvenanceProtoMapper.toProto(leg.distanceProvenance, sources))
                .setTypicalDuration(Duration.newBuilder().setSeconds(leg.durationMinutes * 60L))
                .setDurationProvenance(ProvenanceProtoMapper.toProto(leg.durationProvenance, sources));
        view.corridors().forEach(c -> proto.addCorridors(Corridor.valueOf("CORRIDOR_" + c)));
        if (view.closure() != null) {
            proto.setClosed(true).setClosureReason(view.closure().reason);
        }
        return proto.build();
    }

    /** The stored value of a proto enum value named {@code PREFIX_VALUE}; null for the unspecified (0) value. */
    static String stored(com.google.protobuf.ProtocolMessageEnum value, String prefix) {
        return value.getNumber() == 0
                ? null
                : value.getValueDescriptor().getName().substring(prefix.length());
    }
}
