package io.borderflow.support.reference;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Map;

/** A publication that reference figures cite; each service keeps the ones it cites in its own {@code source} table. */
@Entity
@Table(name = "source")
public class SourceEntity {
    @Id
    public String sourceKey;

    public String kind;
    public String citation;
    public String url;

    /** The rows for the {@code sources} of a reference data file. */
    public static List<SourceEntity> fromData(Map<String, SourceData> sources) {
        return sources.entrySet().stream()
                .map(entry -> {
                    SourceEntity source = new SourceEntity();
                    source.sourceKey = entry.getKey();
                    source.kind = entry.getValue().kind();
                    source.citation = entry.getValue().citation();
                    source.url = entry.getValue().url();
                    return source;
                })
                .toList();
    }
}
