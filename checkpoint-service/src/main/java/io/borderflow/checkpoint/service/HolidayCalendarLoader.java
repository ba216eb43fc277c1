package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.checkpoint.domain.HolidayDatasetCheck;
import io.borderflow.checkpoint.model.CheckpointDataset;
import io.borderflow.checkpoint.model.ClosureEntity;
import io.borderflow.checkpoint.model.HolidayDataset;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.support.reference.ReferenceDatasets;
import io.borderflow.support.reference.ReferenceFile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Loads the holiday calendar ({@code reference/holiday-closures.json}) as scheduled closures, after the checkpoint
 * reference data: each holiday becomes one closure per checkpoint it names, scheduled by {@value #REQUESTER} under the
 * request id {@code holiday:{id}:{checkpoint}}, so a closure is created once and never again: one a border post
 * cancelled stays cancelled when the file is loaded anew, and a post adds its own closures beside them. The file is
 * checked whole first and written only when its digest changed ({@link ReferenceDatasets}).
 */
@ApplicationScoped
public class HolidayCalendarLoader {
    /** Who the holiday closures are scheduled by. */
    public static final String REQUESTER = "reference-data";

    private final CheckpointConfig config;
    private final ReferenceDatasets datasets;
    private final OperationsRepository operations;

    public HolidayCalendarLoader(CheckpointConfig config, ReferenceDatasets datasets, OperationsRepository operations) {
        this.config = config;
        this.datasets = datasets;
        this.operations = operations;
    }

    /** Loads the configured file if it changed; the result says what happened. */
    public Uni<String> load() {
        ReferenceFile.Loaded<HolidayDataset> file = ReferenceFile.read(config.holidayData(), HolidayDataset.class);
        Set<String> checkpoints =
                ReferenceFile.read(config.referenceData(), CheckpointDataset.class).content().checkpoints().stream()
                        .map(CheckpointDataset.CheckpointData::id)
                        .collect(Collectors.toSet());
        HolidayDatasetCheck.validate(file.content(), checkpoints);
        int closures = file.content().closures().stream()
                .mapToInt(h -> h.checkpoints().size())
                .sum();
        return datasets.loadIfChanged(
                "checkpoint-service",
                new ReferenceDatasets.Load<>(
                        file,
                        HolidayDatasetCheck.DATASET,
                        file.content().version(),
                        "holiday calendar",
                        file.content().closures().size() + " holidays, " + closures + " closures"),
                () -> apply(file.content()));
    }

    /** Schedules every closure of {@code data} not scheduled before; needs a transaction. */
    Uni<Void> apply(HolidayDataset data) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Uni<Void> all = Uni.createFrom().voidItem();
        for (HolidayDataset.Holiday holiday : data.closures()) {
            for (String checkpoint : holiday.checkpoints()) {
                String requestId = "holiday:" + holiday.id() + ":" + checkpoint;
                all = all.chain(() -> operations
                        .findClosureByRequest(REQUESTER, requestId)
                        .chain(existing -> existing != null
                                ? Uni.createFrom().voidItem()
                                : operations.insert(closure(holiday, checkpoint, requestId, now))));
            }
        }
        return all;
    }

    /** As {@link #apply}, in a transaction of its own (tests). */
    Uni<Void> applyInTransaction(HolidayDataset data) {
        return Panache.withTransaction(() -> apply(data));
    }

    private static ClosureEntity closure(
            HolidayDataset.Holiday holiday, String checkpoint, String requestId, OffsetDateTime now) {
        ClosureEntity closure = new ClosureEntity();
        closure.id = UUID.randomUUID().toString();
        closure.checkpointId = checkpoint;
        closure.requester = REQUESTER;
        closure.requestId = requestId;
        closure.contentSha256 = ReferenceFile.sha256(requestId);
        closure.startTime = HolidayDatasetCheck.start(holiday).atOffset(ZoneOffset.UTC);
        closure.endTime = HolidayDatasetCheck.end(holiday).atOffset(ZoneOffset.UTC);
        closure.reason = holiday.reason();
        closure.direction = holiday.direction();
        closure.createdBy = REQUESTER;
        closure.createTime = now;
        return closure;
    }
}
