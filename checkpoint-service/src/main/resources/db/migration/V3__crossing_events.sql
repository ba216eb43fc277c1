-- Crossing events and the truck visits they make up. An event is stored once under the id its sender chose (a
-- resend with the same content is a duplicate, nothing more); events are never changed or deleted. A visit is a
-- truck's stay at a checkpoint from its booking or arrival to its end; its columns are derived from its events,
-- placed by the time they happened, and rewritten as events arrive (late events included).

create table truck_visit (
    id                        text primary key,
    checkpoint_id             text        not null references checkpoint (id),
    -- the plate normalised: upper case, no spaces or hyphens
    plate_key                 text        not null,
    plate                     text        not null,
    carrier_id                text        not null,
    direction                 text        not null check (direction in ('EXIT', 'ENTRY')),
    lane_kind                 text        not null check (lane_kind in ('REGULAR', 'PRIORITY')),
    declaration_id            text,
    -- null: not known (no declaration, or its decision not received yet)
    channel                   text check (channel in ('GREEN', 'BLUE', 'YELLOW', 'RED', 'REFUSED')),
    -- the channel came from inspection-service's decision
    decision_received         boolean     not null default false,
    -- inspection-service does not know the declaration: nothing to wait for
    declaration_unknown       boolean     not null default false,
    expected_handling_seconds bigint      not null check (expected_handling_seconds >= 0),
    state                     text        not null check (state in ('BOOKED', 'WAITING', 'CALLED', 'IN_INSPECTION',
                                                                    'CLEARED', 'REFUSED', 'REDIRECTED', 'NO_SHOW',
                                                                    'CANCELLED')),
    start_time                timestamptz not null,
    book_time                 timestamptz,
    arrive_time               timestamptz,
    call_time                 timestamptz,
    inspection_start_time     timestamptz,
    end_time                  timestamptz,
    end_reason                text,
    update_time               timestamptz not null
);

create index truck_visit_truck_idx on truck_visit (checkpoint_id, plate_key, start_time desc);
create index truck_visit_open_idx on truck_visit (checkpoint_id, arrive_time, plate_key)
    where state in ('BOOKED', 'WAITING', 'CALLED', 'IN_INSPECTION');
create index truck_visit_end_idx on truck_visit (checkpoint_id, end_time) where end_time is not null;
create index truck_visit_arrival_idx on truck_visit (checkpoint_id, arrive_time) where arrive_time is not null;
create index truck_visit_pending_decision_idx on truck_visit (update_time)
    where declaration_id is not null and not decision_received and not declaration_unknown;

create table crossing_event (
    event_id       text primary key,
    content_sha256 text        not null,
    visit_id       text        not null references truck_visit (id),
    checkpoint_id  text        not null,
    type           text        not null check (type in ('BOOKED', 'ARRIVED', 'CALLED_FORWARD', 'INSPECTION_STARTED',
                                                        'CLEARED', 'REFUSED', 'REDIRECTED', 'NO_SHOW', 'CANCELLED')),
    occur_time     timestamptz not null,
    record_time    timestamptz not null,
    recorded_by    text        not null,
    -- the event as sent (JSON)
    content        text        not null
);

create index crossing_event_visit_idx on crossing_event (visit_id, occur_time);

create function crossing_event_immutable() returns trigger
    language plpgsql as
$$
begin
    raise exception 'crossing events are immutable: % refused', tg_op;
end;
$$;

create trigger crossing_event_immutable
    before update or delete or truncate on crossing_event
    for each statement
execute function crossing_event_immutable();
