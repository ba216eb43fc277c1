package io.borderflow.checkpoint.grpc;

import io.borderflow.api.checkpoint.v1.Checkpoint;
import io.borderflow.api.checkpoint.v1.Counterpart;
import io.borderflow.api.checkpoint.v1.CrossingMode;
import io.borderflow.api.checkpoint.v1.DayOfWeek;
import io.borderflow.api.checkpoint.v1.LaneGroup;
import io.borderflow.api.checkpoint.v1.LaneKind;
import io.borderflow.api.checkpoint.v1.NominalCapacity;
import io.borderflow.api.checkpoint.v1.OpeningHours;
import io.borderflow.api.checkpoint.v1.OpeningSchedule;
import io.borderflow.api.common.v1.GeoPoint;
import io.borderflow.checkpoint.model.CheckpointDetails;
import io.borderflow.checkpoint.model.CheckpointEntity;
import io.borderflow.checkpoint.model.LaneGroupEntity;
import io.borderflow.checkpoint.model.OpeningHoursEntity;
import io.borderflow.support.grpc.ProvenanceProtoMapper;
import io.borderflow.support.reference.SourceEntity;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;

/** Maps checkpoint reference data to the v1 proto messages and proto enums to stored values. */
final class CheckpointProtoMapper {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private CheckpointProtoMapper() {}

    static Checkpoint toProto(CheckpointDetails details) {
        CheckpointEntity c = details.checkpoint();
        Map<String, SourceEntity> sources = details.sources();
        Checkpoint.Builder proto = Checkpoint.newBuilder()
                .setName("checkpoints/" + c.id)
                .setDisplayName(c.displayName)
                .setBorder(c.border)
                .setCountryCode(c.country)
                .setCounterpartCountryCode(c.counterpartCountry)
                .setRegion(nullToEmpty(c.region))
                .setMode(CrossingMode.valueOf("CROSSING_MODE_" + c.mode))
                .setLocation(GeoPoint.newBuilder()
                        .setLatitude(c.latitude)
                        .setLongitude(c.longitude)
                        .setProvenance(ProvenanceProtoMapper.toProto(c.locationProvenance, sources)))
                .setSchedule(schedule(details, sources))
                .setNominalCapacity(NominalCapacity.newBuilder()
                        .setVehiclesPerDay(c.capacityPerDay)
                        .setProvenance(ProvenanceProtoMapper.toProto(c.capacityProvenance, sources)))
                .setNotes(nullToEmpty(c.notes))
                .setReferenceDataVersion(c.referenceDataVersion);
        Counterpart.Builder counterpart = Counterpart.newBuilder()
                .setDisplayName(c.counterpartName)
                .setProvenance(ProvenanceProtoMapper.toProto(c.counterpartProvenance, sources));
        for (LaneGroupEntity lane : details.lanes()) {
            LaneGroup group = LaneGroup.newBuilder()
                    .setKind(LaneKind.valueOf("LANE_KIND_" + lane.kind))
                    .setCount(lane.count)
                    .setProvenance(ProvenanceProtoMapper.toProto(lane.provenance, sources))
                    .build();
            if (LaneGroupEntity.OWN.equals(lane.side)) {
                proto.addLanes(group);
            } else {
                counterpart.addLanes(group);
            }
        }
        return proto.setCounterpart(counterpart).build();
    }

    /** The stored mode for a requested one; null for "any". */
    static String mode(CrossingMode mode) {
        return mode == CrossingMode.CROSSING_MODE_UNSPECIFIED
                ? null
                : mode.name().substring("CROSSING_MODE_".length());
    }

    private static OpeningSchedule schedule(CheckpointDetails details, Map<String, SourceEntity> sources) {
        CheckpointEntity c = details.checkpoint();
        OpeningSchedule.Builder schedule = OpeningSchedule.newBuilder()
                .setTimeZone(c.timeZone)
                .setAlwaysOpen(c.alwaysOpen)
                .setProvenance(ProvenanceProtoMapper.toProto(c.scheduleProvenance, sources));
        for (OpeningHoursEntity hours : details.openingHours()) {
            OpeningHours.Builder entry = OpeningHours.newBuilder()
                    .setOpenTime(HH_MM.format(hours.openTime))
                    .setCloseTime(HH_MM.format(hours.closeTime));
            Arrays.stream(hours.days.split(","))
                    .map(Integer::parseInt)
                    .map(DayOfWeek::forNumber)
                    .forEach(entry::addDays);
            schedule.addHours(entry);
        }
        return schedule.build();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
