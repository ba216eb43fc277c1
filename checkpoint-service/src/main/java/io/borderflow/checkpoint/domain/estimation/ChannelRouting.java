package io.borderflow.checkpoint.domain.estimation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which kind of lane clears a truck of each channel. Each lane kind in use is one first-come-first-served queue whose
 * servers are its open lanes, and a truck's whole handling time is spent there (a simplification: a RED truck sent to
 * an inspection bay is taken to get its booth control there too). {@link #allTo} puts every channel in one queue,
 * the usual case at a crossing where inspections happen in the lanes.
 */
public record ChannelRouting(Map<InspectionChannel, LaneKind> laneKinds) {

    public ChannelRouting {
        EnumMap<InspectionChannel, LaneKind> copy = new EnumMap<>(InspectionChannel.class);
        copy.putAll(laneKinds);
        for (InspectionChannel channel : InspectionChannel.values()) {
            if (copy.get(channel) == null) {
                throw new IllegalArgumentException("no lane kind for channel " + channel);
            }
        }
        laneKinds = Map.copyOf(copy);
    }

    /** Every channel to lanes of one kind. */
    public static ChannelRouting allTo(LaneKind kind) {
        EnumMap<InspectionChannel, LaneKind> all = new EnumMap<>(InspectionChannel.class);
        for (InspectionChannel channel : InspectionChannel.values()) {
            all.put(channel, kind);
        }
        return new ChannelRouting(all);
    }

    /** This routing with {@code channel} sent to {@code kind}. */
    public ChannelRouting with(InspectionChannel channel, LaneKind kind) {
        EnumMap<InspectionChannel, LaneKind> copy = new EnumMap<>(laneKinds);
        copy.put(channel, kind);
        return new ChannelRouting(copy);
    }

    public LaneKind laneKind(InspectionChannel channel) {
        return laneKinds.get(channel);
    }

    /** The lane kinds some channel uses, in {@link LaneKind} order. */
    public Set<LaneKind> laneKindsInUse() {
        return Collections.unmodifiableSet(EnumSet.copyOf(laneKinds.values()));
    }

    /** The channels cleared in lanes of {@code kind}. */
    public Set<InspectionChannel> channelsClearedIn(LaneKind kind) {
        EnumSet<InspectionChannel> channels = EnumSet.noneOf(InspectionChannel.class);
        laneKinds.forEach((channel, laneKind) -> {
            if (laneKind == kind) {
                channels.add(channel);
            }
        });
        return Collections.unmodifiableSet(channels);
    }
}
