-- What border posts change about their checkpoint while it runs: lanes open per kind, planned closures, and the
-- capacity the crossing is to clear a day. Status and forecasts read them on every request, so a change takes
-- effect at once. Without a row, the reference data stands: all lanes open, no closure, the reference capacity.

create table lane_setting (
    -- {checkpoint_id}/{lane_kind}
    id            text primary key,
    checkpoint_id text        not null references checkpoint (id),
    lane_kind     text        not null check (lane_kind in ('REGULAR', 'PRIORITY', 'INSPECTION_BAY', 'XRAY')),
    open_count    integer     not null check (open_count >= 0),
    reason        text        not null,
    updated_by    text        not null,
    update_time   timestamptz not null
);

create table closure (
    id             text primary key,
    checkpoint_id  text        not null references checkpoint (id),
    request_id     text        not null unique,
    content_sha256 text        not null,
    start_time     timestamptz not null,
    end_time       timestamptz not null,
    reason         text        not null,
    created_by     text        not null,
    create_time    timestamptz not null,
    cancel_time    timestamptz,
    cancelled_by   text,
    check (end_time > start_time)
);

create index closure_checkpoint_idx on closure (checkpoint_id, end_time);

create table capacity_setting (
    checkpoint_id    text primary key references checkpoint (id),
    vehicles_per_day integer     not null check (vehicles_per_day between 1 and 100000),
    reason           text        not null,
    updated_by       text        not null,
    update_time      timestamptz not null
);
