package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.checkpoint.domain.CheckpointDatasetCheck;
import io.borderflow.checkpoint.model.CheckpointDataset;
import io.borderflow.checkpoint.model.CheckpointDataset.CheckpointData;
import io.borderflow.checkpoint.model.CheckpointDataset.LaneData;
import io.borderflow.checkpoint.model.CheckpointEntity;
import io.borderflow.checkpoint.model.LaneGroupEntity;
import io.borderflow.checkpoint.model.OpeningHoursEntity;
import io.borderflow.checkpoint.repository.ReferenceDataRepository;
import io.borderflow.support.reference.ProvenanceColumns;
import io.borderflow.support.reference.ReferenceDatasets;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Loads the checkpoint reference data file into the database at start-up, before the service reports started. The
 * file is checked whole first; it is written only when its digest differs from the loaded one ({@link
 * ReferenceDatasets}: one transaction under an advisory lock, so several replicas starting together load it once and
 * readers never see half of it).
 */
@ApplicationScoped
public class ReferenceDataLoader {
    private static final Logger LOG = Logger.getLogger(ReferenceDataLoader.class);

    private final ReferenceDataRepository repository;
    private final CheckpointConfig config;
    private final ReferenceDatasets datasets;

    private final HolidayCalendarLoader holidays;

    public ReferenceDataLoader(
            ReferenceDataRepository repository,
            CheckpointConfig config,
            ReferenceDatasets datasets,
            HolidayCalendarLoader holidays) {
        this.repository = repository;
        this.config = config;
        this.datasets = datasets;
        this.holidays = holidays;
    }

    /** The checkpoints, then the holiday calendar that names them. */
    void onStart(@Observes StartupEvent event) throws Throwable {
        LOG.info(VertxContextSupport.subscribeAndAwait(this::load));
        LOG.info(VertxContextSupport.subscribeAndAwait(holidays::load));
    }

    /** Loads the configured file if it changed; the result says what happened. */
    public Uni<String> load() {
        ReferenceFile.Loaded<CheckpointDataset> file =
                ReferenceFile.read(config.referenceData(), CheckpointDataset.class);
        CheckpointDatasetCheck.validate(file.content());
        return datasets.loadIfChanged(
                "checkpoint-service",
                new ReferenceDatasets.Load<>(
                        file,
                        CheckpointDatasetCheck.DATASET,
                        file.content().version(),
                        "checkpoint reference data",
                        file.content().checkpoints().size() + " checkpoints"),
                () -> write(file));
    }

    private Uni<Void> write(ReferenceFile.Loaded<CheckpointDataset> file) {
        CheckpointDataset data = file.content();
        List<SourceEntity> sources = SourceEntity.fromData(data.sources());
        List<CheckpointEntity> checkpoints = new ArrayList<>();
        List<LaneGroupEntity> lanes = new ArrayList<>();
        List<OpeningHoursEntity> hours = new ArrayList<>();
        for (CheckpointData item : data.checkpoints()) {
            checkpoints.add(checkpoint(item, data.version()));
            item.lanes().forEach(lane -> lanes.add(lane(item.id(), LaneGroupEntity.OWN, lane)));
            if (item.counterpart().lanes() != null) {
                item.counterpart()
                        .lanes()
                        .forEach(lane -> lanes.add(lane(item.id(), LaneGroupEntity.COUNTERPART, lane)));
            }
            List<CheckpointDataset.HoursData> schedule = item.schedule().hours() == null
                    ? List.of()
                    : item.schedule().hours();
            for (int i = 0; i < schedule.size(); i++) {
                hours.add(hours(item.id(), i, schedule.get(i)));
            }
        }
        return repository.replace(sources, checkpoints, lanes, hours);
    }

    private static CheckpointEntity checkpoint(CheckpointData item, String version) {
        CheckpointEntity c = new CheckpointEntity();
        c.id = item.id();
        c.displayName = item.displayName();
        c.border = item.border();
        c.country = item.country();
        c.counterpartCountry = item.counterpartCountry();
        c.region = item.region();
        c.mode = item.mode();
        c.counterpartName = item.counterpart().name();
        c.counterpartProvenance = ProvenanceColumns.of(item.counterpart().provenance());
        c.latitude = item.location().latitude();
        c.longitude = item.location().longitude();
        c.locationProvenance = ProvenanceColumns.of(item.location().provenance());
        c.timeZone = item.schedule().timeZone();
        c.alwaysOpen = item.schedule().alwaysOpen();
        c.scheduleProvenance = ProvenanceColumns.of(item.schedule().provenance());
        c.capacityPerDay = item.nominalCapacity().vehiclesPerDay();
        c.capacityProvenance = ProvenanceColumns.of(item.nominalCapacity().provenance());
        c.notes = item.notes();
        c.referenceDataVersion = version;
        return c;
    }

    private static LaneGroupEntity lane(String checkpointId, String side, LaneData data) {
        LaneGroupEntity lane = new LaneGroupEntity();
        lane.id = checkpointId + "/" + side + "/" + data.kind();
        lane.checkpointId = checkpointId;
        lane.side = side;
        lane.kind = data.kind();
        lane.count = data.count();
        lane.provenance = ProvenanceColumns.of(data.provenance());
        return lane;
    }

    private static OpeningHoursEntity hours(String checkpointId, int ordinal, CheckpointDataset.HoursData data) {
        OpeningHoursEntity hours = new OpeningHoursEntity();
        hours.id = checkpointId + "/" + ordinal;
        hours.checkpointId = checkpointId;
        hours.ordinal = ordinal;
        hours.days = data.days().stream()
                .map(d -> String.valueOf(CheckpointDatasetCheck.isoDay(d)))
                .collect(Collectors.joining(","));
        hours.openTime = LocalTime.parse(data.open());
        hours.closeTime = LocalTime.parse(data.close());
        return hours;
    }
}
