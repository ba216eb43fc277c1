package io.borderflow.support.reference;

import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * Loads a service's reference data file into its database at start-up, once for each content: in one transaction,
 * under a PostgreSQL advisory lock, so that replicas starting together load it once and readers see the old data or
 * the new, never a mix. A file whose digest is the one loaded is left alone; another is written by the service's own
 * {@code write} step, recorded with its version and digest (table {@code reference_dataset}) and audited.
 */
@ApplicationScoped
public class ReferenceDatasets {
    /** Advisory lock key of reference data loading, the same in every service's database. */
    static final long LOCK_KEY = 0x42_46_52_44L;

    private final AuditTrail audit;

    public ReferenceDatasets(AuditTrail audit) {
        this.audit = audit;
    }

    /** What is being loaded: the dataset's name, what a person calls it, and its contents counted. */
    public record Load<T>(ReferenceFile.Loaded<T> file, String dataset, String version, String title, String counts) {}

    /**
     * Loads {@code load}'s file unless it is loaded already; {@code write} writes the service's rows (in the same
     * transaction, with a session). The result says what happened, for the start-up log: "{Title} {version} already
     * loaded" or "Loaded {title} {version} ({counts}) from {resource}".
     */
    public <T> Uni<String> loadIfChanged(String service, Load<T> load, Supplier<Uni<Void>> write) {
        return Panache.withTransaction(() -> lockAndFind(load.dataset()).chain(current -> {
            if (current != null && current.sha256.equals(load.file().sha256())) {
                String title = load.title().substring(0, 1).toUpperCase()
                        + load.title().substring(1);
                return Uni.createFrom().item(title + " " + current.version + " already loaded");
            }
            String loaded = "Loaded " + load.title() + " " + load.version() + " (" + load.counts() + ") from "
                    + load.file().resource();
            ReferenceDatasetEntity dataset = new ReferenceDatasetEntity();
            dataset.name = load.dataset();
            dataset.version = load.version();
            dataset.sha256 = load.file().sha256();
            dataset.loadedTime = OffsetDateTime.now(ZoneOffset.UTC);
            return write.get()
                    .chain(() -> Panache.getSession()
                            .chain(session -> session.merge(dataset).chain(session::flush)))
                    .chain(() -> audit.append(AuditEntry.system(
                            service,
                            "reference-data.load",
                            "referenceDatasets/" + load.dataset(),
                            loaded + ", sha256 " + load.file().sha256())))
                    .replaceWith(loaded);
        }));
    }

    /** Takes the transaction-scoped loading lock, then returns the stored state of {@code dataset} (null if none). */
    private static Uni<ReferenceDatasetEntity> lockAndFind(String dataset) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(" + LOCK_KEY + ")) l", Long.class)
                        .getSingleResult()
                        .chain(locked -> session.find(ReferenceDatasetEntity.class, dataset)));
    }
}
