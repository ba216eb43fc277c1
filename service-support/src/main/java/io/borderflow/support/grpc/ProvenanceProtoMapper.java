package io.borderflow.support.grpc;

import io.borderflow.api.common.v1.Provenance;
import io.borderflow.api.common.v1.ProvenanceKind;
import io.borderflow.support.reference.ProvenanceColumns;
import io.borderflow.support.reference.SourceEntity;
import java.util.Map;

/** Maps where a reference figure comes from (a source, or an estimate with its basis) to the message every API uses. */
public final class ProvenanceProtoMapper {
    private ProvenanceProtoMapper() {}

    /** The figure's provenance; {@code sources} by key must hold the source it cites, unless it is an estimate. */
    public static Provenance toProto(ProvenanceColumns stored, Map<String, SourceEntity> sources) {
        var proto = Provenance.newBuilder();
        if (stored.estimate != null) {
            return proto.setKind(ProvenanceKind.PROVENANCE_KIND_ESTIMATE)
                    .setEstimateBasis(stored.estimate)
                    .build();
        }
        SourceEntity source = sources.get(stored.source);
        return proto.setKind(ProvenanceKind.valueOf("PROVENANCE_KIND_" + source.kind))
                .setCitation(source.citation)
                .setUrl(source.url == null ? "" : source.url)
                .setNote(stored.note == null ? "" : stored.note)
                .build();
    }
}
