-- A request id is its caller's own: the same id from another subject is another request, so one tenant's id can
-- neither collide with another's nor tell it anything. Booking and closure rows name their requester (the caller's
-- subject); rows stored before are backfilled from created_by, which has always held that same subject.
-- A first use is serialised per (requester, request_id) under an advisory lock taken before the lookup, so two
-- concurrent first uses never both insert.

alter table booking add column requester text;
update booking set requester = created_by;
alter table booking alter column requester set not null;
alter table booking drop constraint booking_request_id_key;
alter table booking add constraint booking_request_key unique (requester, request_id);

alter table closure add column requester text;
update closure set requester = created_by;
alter table closure alter column requester set not null;
alter table closure drop constraint closure_request_id_key;
alter table closure add constraint closure_request_key unique (requester, request_id);
