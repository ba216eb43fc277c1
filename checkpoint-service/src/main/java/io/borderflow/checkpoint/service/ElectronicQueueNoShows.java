package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.booking.BookingState;
import io.borderflow.checkpoint.domain.booking.QueuePolicy;
import io.borderflow.checkpoint.model.BookingEntity;
import io.borderflow.checkpoint.repository.BookingRepository;
import io.borderflow.checkpoint.repository.BookingRepository.Booked;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Marks bookings whose trucks had not arrived by the end of their window plus the grace period as no-shows, releasing
 * their slots: a NO_SHOW event at that time, each booking in its own transaction and under its truck's lock, and only
 * while it is still booked, so that replicas sweeping at once mark each booking once.
 */
@ApplicationScoped
public class ElectronicQueueNoShows {
    private static final Caller QUEUE = new Caller("system:checkpoint-service", List.of(), null, List.of());

    private final BookingRepository bookings;
    private final BookingReads reads;
    private final CrossingEventApplicationService events;
    private final AuditTrail audit;
    private final QueuePolicy policy;

    public ElectronicQueueNoShows(
            BookingRepository bookings,
            BookingReads reads,
            CrossingEventApplicationService events,
            AuditTrail audit,
            QueuePolicy policy) {
        this.bookings = bookings;
        this.reads = reads;
        this.events = events;
        this.audit = audit;
        this.policy = policy;
    }

    /** Looks at one checkpoint, or at all ({@code checkpointId} null), as of {@code now}. The number marked. */
    Uni<Integer> mark(Instant now, String checkpointId, int limit) {
        OffsetDateTime endedBy = now.minus(policy.noShowGrace()).atOffset(ZoneOffset.UTC);
        return Panache.withSession(() -> bookings.overdue(checkpointId, endedBy, limit))
                .chain(overdue -> markEach(overdue, now));
    }

    /** One booking after another, each in a transaction of its own. */
    private Uni<Integer> markEach(List<BookingEntity> overdue, Instant now) {
        Uni<Integer> marked = Uni.createFrom().item(0);
        for (BookingEntity booking : overdue) {
            String at = booking.checkpointId;
            String id = booking.id;
            marked = marked.chain(count ->
                    Panache.withTransaction(() -> markNoShow(at, id, now)).map(done -> count + (done ? 1 : 0)));
        }
        return marked;
    }

    /** Whether the booking was marked: only when, read under its truck's lock, it is still booked and overdue. */
    private Uni<Boolean> markNoShow(String checkpointId, String bookingId, Instant now) {
        return reads.locked(checkpointId, bookingId).chain(found -> {
            Instant due = found.booking().windowEnd.toInstant().plus(policy.noShowGrace());
            if (BookingReads.state(found) != BookingState.BOOKED || due.isAfter(now)) {
                return Uni.createFrom().item(false);
            }
            return record(found, due);
        });
    }

    /** Ends the visit with a NO_SHOW event dated {@code due} and audits it. */
    private Uni<Boolean> record(Booked found, Instant due) {
        String why = "did not arrive by " + due + " (window "
                + found.booking().windowStart.toInstant() + " to "
                + found.booking().windowEnd.toInstant() + " and "
                + policy.noShowGrace().toMinutes() + " min grace)";
        OffsetDateTime recordedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return events.recordChecked(BookingEvents.noShow(found, due, why), QUEUE, recordedAt)
                .call(() -> audit.append(AuditEntry.system(
                        "checkpoint-service", "booking.no-show", BookingReads.name(found.booking()), why)))
                .replaceWith(true);
    }
}
