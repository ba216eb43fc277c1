-- The corridor network: places and the legs between them. Loaded from reference/corridor-network.json at start-up
-- (ReferenceDataLoader); every distance, duration and position has a provenance: a source key or an estimate basis.

create table reference_dataset (
    name        text primary key,
    version     text        not null,
    sha256      text        not null,
    loaded_time timestamptz not null
);

create table source (
    source_key text primary key,
    kind       text not null check (kind in ('REPORTED', 'OFFICIAL', 'RESEARCH')),
    citation   text not null,
    url        text
);

create table place (
    id                text primary key check (id ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
    display_name      text             not null,
    kind              text             not null check (kind in ('CITY', 'TERMINAL', 'PORT', 'CHECKPOINT')),
    country           text             not null check (country ~ '^[A-Z]{2}$'),
    latitude          double precision not null check (latitude between -90 and 90),
    longitude         double precision not null check (longitude between -180 and 180),
    location_source   text references source (source_key),
    location_note     text,
    location_estimate text,
    -- checkpoint-service id of the crossing at this place; null for places that are not crossings
    checkpoint_id     text,
    check ((location_source is null) <> (location_estimate is null))
);

create index place_country_idx on place (country);

create table leg (
    id                text primary key check (id ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
    from_place        text             not null references place (id),
    to_place          text             not null references place (id),
    mode              text             not null check (mode in ('ROAD', 'RAIL', 'FERRY')),
    bidirectional     boolean          not null,
    distance_km       double precision not null check (distance_km > 0),
    distance_source   text references source (source_key),
    distance_note     text,
    distance_estimate text,
    duration_minutes  integer          not null check (duration_minutes > 0),
    duration_source   text references source (source_key),
    duration_note     text,
    duration_estimate text,
    check (from_place <> to_place),
    check ((distance_source is null) <> (distance_estimate is null)),
    check ((duration_source is null) <> (duration_estimate is null))
);

create index leg_from_idx on leg (from_place);
create index leg_to_idx on leg (to_place);

create table leg_corridor (
    leg_id   text not null references leg (id),
    corridor text not null check (corridor in ('NORTHERN', 'MIDDLE_CORRIDOR', 'RUSSIA_CHINA_DIRECT')),
    primary key (leg_id, corridor)
);
