package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.Border;
import io.borderflow.checkpoint.model.CheckpointDetails;
import io.borderflow.checkpoint.model.CheckpointFilter;
import io.borderflow.checkpoint.model.CheckpointPage;
import io.borderflow.checkpoint.repository.CheckpointRepository;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.paging.PageTokens;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Use cases on checkpoints' reference data. */
@ApplicationScoped
public class CheckpointApplicationService {
    private final CheckpointRepository checkpoints;

    public CheckpointApplicationService(CheckpointRepository checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** @throws NotFoundException reason {@code CHECKPOINT_NOT_FOUND} (in the Uni) */
    @WithSession
    public Uni<CheckpointDetails> get(String id) {
        return checkpoints
                .findDetails(id)
                .map(found ->
                        found.orElseThrow(() -> new NotFoundException("CHECKPOINT_NOT_FOUND", "checkpoints/" + id)));
    }

    /**
     * A page of checkpoints.
     *
     * @param border {@code AA-BB} (either order) or null for every border; a border with no checkpoint is refused
     * @param mode stored mode or null for every mode
     */
    @WithSession
    public Uni<CheckpointPage> list(String border, String mode, String pageToken, int pageSize) {
        return borderFilter(border).chain(spellings -> {
            CheckpointFilter filter = new CheckpointFilter(spellings, mode);
            String after = PageTokens.decode(pageToken, filter.key()).orElse(null);
            return checkpoints
                    .findPage(filter, after, pageSize + 1)
                    .chain(rows -> checkpoints.count(filter).map(total -> page(filter, rows, pageSize, total)));
        });
    }

    private Uni<List<String>> borderFilter(String border) {
        if (border == null) {
            return Uni.createFrom().item(List.of());
        }
        if (!Border.isWellFormed(border)) {
            throw new InvalidArgumentException(
                    "INVALID_BORDER",
                    "border",
                    "border must be two different ISO 3166-1 alpha-2 country codes joined by '-', e.g. KZ-RU");
        }
        List<String> spellings = Border.parse(border).spellings();
        return checkpoints.borders().map(known -> {
            if (known.stream().noneMatch(spellings::contains)) {
                throw new InvalidArgumentException(
                        "UNKNOWN_BORDER",
                        "no checkpoint is known on border " + border,
                        Map.of("known_borders", String.join(",", known)),
                        List.of(new FieldViolation("border", "no checkpoint on " + border + "; known: " + known)));
            }
            return spellings;
        });
    }

    private static CheckpointPage page(
            CheckpointFilter filter, List<CheckpointDetails> rows, int pageSize, long total) {
        if (rows.size() <= pageSize) {
            return new CheckpointPage(rows, "", (int) total);
        }
        List<CheckpointDetails> page = rows.subList(0, pageSize);
        String next = PageTokens.encode(filter.key(), page.get(page.size() - 1).checkpoint().id);
        return new CheckpointPage(page, next, (int) total);
    }
}
