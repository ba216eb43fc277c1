package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.booking.BookingState;
import io.borderflow.checkpoint.model.BookingEntity;
import io.borderflow.checkpoint.model.BookingView;
import io.borderflow.checkpoint.repository.BookingRepository;
import io.borderflow.checkpoint.repository.BookingRepository.Booked;
import io.borderflow.checkpoint.repository.VisitRepository;
import io.borderflow.checkpoint.service.ElectronicQueueApplicationService.BookingPage;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.paging.PageTokens;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Bookings as the electronic queue's use cases read them: under their truck's lock when they are to be changed, and
 * as views with their state and their place in the queue. Callers hold a session (a transaction for the lock).
 */
@ApplicationScoped
public class BookingReads {
    private final BookingRepository bookings;
    private final VisitRepository visits;

    public BookingReads(BookingRepository bookings, VisitRepository visits) {
        this.bookings = bookings;
        this.visits = visits;
    }

    /**
     * The booking, read after its truck's lock is taken, so what is read stays true until the transaction ends.
     *
     * @throws NotFoundException {@code BOOKING_NOT_FOUND} (in the Uni)
     */
    Uni<Booked> locked(String checkpointId, String bookingId) {
        return bookings.plateOf(checkpointId, bookingId).chain(plateKey -> {
            if (plateKey == null) {
                throw new NotFoundException(
                        "BOOKING_NOT_FOUND", "checkpoints/" + checkpointId + "/bookings/" + bookingId);
            }
            return visits.lockTruck(checkpointId, plateKey).chain(() -> bookings.find(checkpointId, bookingId));
        });
    }

    /**
     * The booking read under its truck's lock, if the caller may change it.
     *
     * @throws NotFoundException {@code BOOKING_NOT_FOUND} (in the Uni)
     * @throws PermissionDeniedException {@code BOOKING_NOT_IN_CLAIM} (in the Uni)
     */
    Uni<Booked> lockedFor(String checkpointId, String bookingId, Caller caller) {
        return locked(checkpointId, bookingId)
                .invoke(found -> BookingAccess.requireOwner(checkpointId, bookingId, found, caller));
    }

    /** The booking with its state; a BOOKED one with its place among the bookings whose trucks have not arrived. */
    Uni<BookingView> view(Booked booked) {
        BookingState state = state(booked);
        if (state != BookingState.BOOKED) {
            return Uni.createFrom()
                    .item(new BookingView(booked.booking(), booked.visit(), state.name(), state.holdsSlot(), 0));
        }
        return bookings.ahead(booked.booking())
                .map(ahead ->
                        new BookingView(booked.booking(), booked.visit(), state.name(), true, ahead.intValue() + 1));
    }

    /** The views of {@code page}, in order, read one after another on the caller's session. */
    Uni<List<BookingView>> views(List<Booked> page) {
        Uni<List<BookingView>> views = Uni.createFrom().item(new ArrayList<>());
        for (Booked booked : page) {
            views = views.chain(list -> view(booked).map(v -> {
                list.add(v);
                return list;
            }));
        }
        return views;
    }

    /** The first {@code pageSize} of {@code rows} as views, with the token of the next page when there are more. */
    Uni<BookingPage> page(List<Booked> rows, int pageSize, String filters) {
        if (rows.size() <= pageSize) {
            return views(rows).map(views -> new BookingPage(views, ""));
        }
        List<Booked> page = rows.subList(0, pageSize);
        BookingEntity last = page.get(pageSize - 1).booking();
        String next = PageTokens.encode(filters, last.windowStart, last.id);
        return views(page).map(views -> new BookingPage(views, next));
    }

    static BookingState state(Booked booked) {
        return BookingState.of(booked.visit().state, booked.visit().arriveTime != null);
    }

    /** The booking's resource name, {@code checkpoints/{checkpoint_id}/bookings/{booking_id}}. */
    static String name(BookingEntity booking) {
        return "checkpoints/" + booking.checkpointId + "/bookings/" + booking.id;
    }
}
