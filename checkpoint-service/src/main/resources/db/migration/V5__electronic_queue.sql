-- The electronic queue: a booking holds one slot of a one-hour arrival window at a checkpoint. It starts the truck's
-- visit with a BOOKED crossing event, so the visit's state is the booking's truth: a booking holds its slot unless
-- its visit ended as NO_SHOW, or as CANCELLED before the truck arrived. Slots are counted under an advisory lock per
-- checkpoint and window, so concurrent bookings cannot overbook a window.

create table booking (
    id               text primary key,
    checkpoint_id    text        not null references checkpoint (id),
    request_id       text        not null unique,
    content_sha256   text        not null,
    visit_id         text        not null unique references truck_visit (id),
    plate_key        text        not null,
    carrier_id       text        not null,
    priority_class   text        not null check (priority_class in ('STANDARD', 'AEO', 'PERISHABLE', 'HUMANITARIAN')),
    window_start     timestamptz not null,
    window_end       timestamptz not null,
    reschedule_count integer     not null default 0 check (reschedule_count >= 0),
    created_by       text        not null,
    create_time      timestamptz not null,
    update_time      timestamptz not null,
    check (window_end > window_start)
);

create index booking_window_idx on booking (checkpoint_id, window_start, id);
create index booking_carrier_idx on booking (checkpoint_id, carrier_id, window_start, id);

alter table truck_visit
    add column booking_id          text,
    add column booked_window_start timestamptz;
