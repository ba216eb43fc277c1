package io.borderflow.routing.service;

import io.borderflow.routing.model.LegClosureEntity;
import io.borderflow.routing.model.LegView;
import io.borderflow.routing.model.Sourced;
import io.borderflow.routing.repository.NetworkRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Closes and reopens legs of the network. Route searches read the closed legs from the database on every search, so a
 * change takes effect at once on every replica. Each change is on the audit trail (the adapter records refused ones).
 */
@ApplicationScoped
public class LegClosureApplicationService {
    private final NetworkRepository network;
    private final AuditTrail audit;

    public LegClosureApplicationService(NetworkRepository network, AuditTrail audit) {
        this.network = network;
        this.audit = audit;
    }

    /** @throws InvalidArgumentException {@code INVALID_REASON} @throws NotFoundException {@code LEG_NOT_FOUND} */
    @WithTransaction
    public Uni<Sourced<LegView>> close(String legId, String reason, Caller caller) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidArgumentException("INVALID_REASON", "reason", "required, up to 500 characters");
        }
        return leg(legId).chain(found -> {
            LegView view = found.rows().get(0);
            boolean created = view.closure() == null;
            LegClosureEntity closure = created ? new LegClosureEntity() : view.closure();
            closure.legId = legId;
            closure.reason = reason;
            closure.closedBy = caller.subject();
            closure.closeTime = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return network.saveClosure(closure, created)
                    .call(() -> audit.append(AuditEntry.of(caller, "leg.close", "legs/" + legId, true, reason)))
                    .replaceWith(new Sourced<>(
                            List.of(new LegView(view.leg(), view.corridors(), closure)), found.sources()));
        });
    }

    /** @throws NotFoundException {@code LEG_NOT_FOUND} */
    @WithTransaction
    public Uni<Sourced<LegView>> reopen(String legId, Caller caller) {
        return leg(legId).chain(found -> {
            LegView view = found.rows().get(0);
            if (view.closure() == null) {
                return Uni.createFrom().item(found);
            }
            return network.deleteClosure(view.closure())
                    .call(() -> audit.append(AuditEntry.of(
                            caller,
                            "leg.reopen",
                            "legs/" + legId,
                            true,
                            "reopened; was closed: " + view.closure().reason)))
                    .replaceWith(
                            new Sourced<>(List.of(new LegView(view.leg(), view.corridors(), null)), found.sources()));
        });
    }

    /**
     * The leg with its closure as it stands, read under the leg's lock: a close and a reopen of the same leg at once
     * otherwise read the same closure, and the second wrote to a row the first had deleted (INTERNAL, found by the
     * mixed-load soak) or inserted one the first had inserted.
     */
    private Uni<Sourced<LegView>> leg(String legId) {
        return network.lockLeg(legId).chain(() -> network.findLeg(legId)).map(view -> {
            if (view.rows().isEmpty()) {
                throw new NotFoundException("LEG_NOT_FOUND", "legs/" + legId);
            }
            return view;
        });
    }
}
