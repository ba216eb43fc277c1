package io.borderflow.routing.service;

import io.borderflow.routing.config.RoutingConfig;
import io.borderflow.routing.domain.NetworkDatasetCheck;
import io.borderflow.routing.model.LegCorridorEntity;
import io.borderflow.routing.model.LegEntity;
import io.borderflow.routing.model.NetworkDataset;
import io.borderflow.routing.model.PlaceEntity;
import io.borderflow.routing.repository.ReferenceDataRepository;
import io.borderflow.support.reference.ProvenanceColumns;
import io.borderflow.support.reference.ReferenceDatasets;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the corridor network file into the database at start-up, before the service reports started: checked whole
 * first, written only when its digest differs from the loaded one, in one transaction under an advisory lock.
 */
@ApplicationScoped
public class ReferenceDataLoader {
    private static final Logger LOG = Logger.getLogger(ReferenceDataLoader.class);

    private final ReferenceDataRepository repository;
    private final RoutingConfig config;
    private final ReferenceDatasets datasets;

    public ReferenceDataLoader(ReferenceDataRepository repository, RoutingConfig config, ReferenceDatasets datasets) {
        this.repository = repository;
        this.config = config;
        this.datasets = datasets;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        LOG.info(VertxContextSupport.subscribeAndAwait(this::load));
    }

    /** Loads the configured file if it changed; the result says what happened. */
    public Uni<String> load() {
        ReferenceFile.Loaded<NetworkDataset> file = ReferenceFile.read(config.referenceData(), NetworkDataset.class);
        NetworkDatasetCheck.validate(file.content());
        NetworkDataset data = file.content();
        return datasets.loadIfChanged(
                "routing-service",
                new ReferenceDatasets.Load<>(
                        file,
                        NetworkDatasetCheck.DATASET,
                        data.version(),
                        "corridor network",
                        data.places().size() + " places, " + data.legs().size() + " legs"),
                () -> write(file));
    }

    private Uni<Void> write(ReferenceFile.Loaded<NetworkDataset> file) {
        NetworkDataset data = file.content();
        List<SourceEntity> sources = SourceEntity.fromData(data.sources());
        List<PlaceEntity> places =
                data.places().stream().map(ReferenceDataLoader::place).toList();
        List<LegEntity> legs =
                data.legs().stream().map(ReferenceDataLoader::leg).toList();
        List<LegCorridorEntity> corridors = data.legs().stream()
                .flatMap(leg -> leg.corridors().stream().map(c -> new LegCorridorEntity(leg.id(), c)))
                .toList();
        return repository.replace(sources, places, legs, corridors);
    }

    private static PlaceEntity place(NetworkDataset.PlaceData data) {
        PlaceEntity place = new PlaceEntity();
        place.id = data.id();
        place.displayName = data.displayName();
        place.kind = data.kind();
        place.country = data.country();
        place.latitude = data.location().latitude();
        place.longitude = data.location().longitude();
        place.locationProvenance = ProvenanceColumns.of(data.location().provenance());
        place.checkpointId = data.checkpoint();
        return place;
    }

    private static LegEntity leg(NetworkDataset.LegData data) {
        LegEntity leg = new LegEntity();
        leg.id = data.id();
        leg.fromPlace = data.from();
        leg.toPlace = data.to();
        leg.mode = data.mode();
        leg.bidirectional = data.bidirectional();
        leg.distanceKm = data.distanceKm();
        leg.distanceProvenance = ProvenanceColumns.of(data.distanceProvenance());
        leg.durationMinutes = (int) Math.round(data.typicalDurationHours() * 60);
        leg.durationProvenance = ProvenanceColumns.of(data.durationProvenance());
        return leg;
    }
}
