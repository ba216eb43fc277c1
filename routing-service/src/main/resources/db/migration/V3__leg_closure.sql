-- Legs an operator closed (a road closure, a suspended ferry line): route searches leave them out until reopened.
-- Reopening deletes the row; the audit trail keeps the history of closures.
create table leg_closure (
    leg_id     text primary key references leg (id),
    reason     text        not null check (length(reason) between 1 and 500),
    closed_by  text        not null,
    close_time timestamptz not null
);
