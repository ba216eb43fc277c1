-- Reference data of border crossing points. Loaded from reference/checkpoints.json at start-up
-- (ReferenceDataLoader); every figure has a provenance: a source key or an estimate basis, never both.

create table reference_dataset (
    name        text primary key,
    version     text        not null,
    sha256      text        not null,
    loaded_time timestamptz not null
);

create table source (
    source_key text primary key,
    kind     text not null check (kind in ('REPORTED', 'OFFICIAL', 'RESEARCH')),
    citation text not null,
    url      text
);

create table checkpoint (
    id                          text primary key check (id ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
    display_name                text             not null,
    border                      text             not null check (border ~ '^[A-Z]{2}-[A-Z]{2}$'),
    country                     text             not null,
    counterpart_country         text             not null,
    region                      text,
    mode                        text             not null check (mode in ('ROAD', 'RAIL', 'FERRY')),
    counterpart_name            text             not null,
    counterpart_source          text references source (source_key),
    counterpart_note            text,
    counterpart_estimate        text,
    latitude                    double precision not null check (latitude between -90 and 90),
    longitude                   double precision not null check (longitude between -180 and 180),
    location_source             text references source (source_key),
    location_note               text,
    location_estimate           text,
    time_zone                   text             not null,
    always_open                 boolean          not null,
    schedule_source             text references source (source_key),
    schedule_note               text,
    schedule_estimate           text,
    capacity_per_day            integer          not null check (capacity_per_day > 0),
    capacity_source             text references source (source_key),
    capacity_note               text,
    capacity_estimate           text,
    notes                       text,
    reference_data_version      text             not null,
    check ((counterpart_source is null) <> (counterpart_estimate is null)),
    check ((location_source is null) <> (location_estimate is null)),
    check ((schedule_source is null) <> (schedule_estimate is null)),
    check ((capacity_source is null) <> (capacity_estimate is null))
);

create index checkpoint_border_idx on checkpoint (border);

-- Lanes by kind, on this side (OWN) or the facing side (COUNTERPART).
create table checkpoint_lane_group (
    id            text primary key,
    checkpoint_id text    not null references checkpoint (id),
    side          text    not null check (side in ('OWN', 'COUNTERPART')),
    kind          text    not null check (kind in ('REGULAR', 'PRIORITY', 'INSPECTION_BAY', 'XRAY')),
    lane_count    integer not null check (lane_count > 0),
    source        text references source (source_key),
    note          text,
    estimate      text,
    unique (checkpoint_id, side, kind),
    check ((source is null) <> (estimate is null))
);

-- Opening hours of checkpoints that are not open round the clock; days as ISO numbers 1 (Monday) to 7.
create table checkpoint_opening_hours (
    id            text primary key,
    checkpoint_id text    not null references checkpoint (id),
    ordinal       integer not null,
    days          text    not null check (days ~ '^[1-7](,[1-7])*$'),
    open_time     time    not null,
    close_time    time    not null,
    unique (checkpoint_id, ordinal)
);
