-- Vehicles belong to carriers. A carrier registers the plates of its fleet; a carrier-only caller may book only the
-- vehicles of its own register. The plate (normalised as crossing events compare it: upper case, no spaces or
-- hyphens) is the primary key, so a plate is in at most one carrier's register at every checkpoint.
create table vehicle (
    plate_key   text primary key,
    plate       text        not null,
    carrier_id  text        not null,
    created_by  text        not null,
    create_time timestamptz not null
);

create index vehicle_carrier_idx on vehicle (carrier_id, plate_key);

-- How many bookings one carrier may hold at a checkpoint, per arrival window and per local day, as its border post
-- set them; a checkpoint without a row runs with the service's defaults (borderflow.checkpoint.queue.*). Counted
-- under the carrier's and the window's locks, so concurrent bookings cannot overshoot.
create table booking_quota (
    checkpoint_id       text primary key references checkpoint (id),
    bookings_per_window integer     not null check (bookings_per_window between 1 and 10000),
    bookings_per_day    integer     not null check (bookings_per_day between 1 and 100000),
    reason              text        not null,
    updated_by          text        not null,
    update_time         timestamptz not null,
    check (bookings_per_day >= bookings_per_window)
);

-- A carrier's own visits of a plate are found per carrier (an event of another carrier never joins them); the
-- quotas count a carrier's bookings through booking_carrier_idx (V5).
create index truck_visit_carrier_idx on truck_visit (checkpoint_id, plate_key, carrier_id, start_time desc);
