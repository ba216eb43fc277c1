-- A request id is its caller's own: the same id from another subject is another request, so one tenant's id can
-- neither collide with another's nor tell it anything. Declarations and rulesets made through the API name their
-- requester (the caller's subject). Neither table recorded its caller, so rows stored before are backfilled from the
-- audit trail, whose success record of each (declaration.submit on declarations/{id}, ruleset.create on
-- rulesets/{version}) names the same subject; a row without one (the trail is younger than the row) gets 'legacy',
-- a subject no token carries, so its request id stays answered to nobody but is never mistaken for anyone's.

alter table declaration add column requester text;
update declaration d
set requester = a.subject
from audit_record a
where a.action = 'declaration.submit'
  and a.outcome = 'SUCCEEDED'
  and a.resource = 'declarations/' || d.id;
update declaration set requester = 'legacy' where requester is null;
alter table declaration alter column requester set not null;
alter table declaration drop constraint declaration_request_id_key;
alter table declaration add constraint declaration_request_key unique (requester, request_id);

-- seeded versions have neither request id nor requester
alter table ruleset add column requester text;
update ruleset r
set requester = a.subject
from audit_record a
where r.request_id is not null
  and a.action = 'ruleset.create'
  and a.outcome = 'SUCCEEDED'
  and a.resource = 'rulesets/' || r.version;
update ruleset set requester = 'legacy' where request_id is not null and requester is null;
alter table ruleset drop constraint ruleset_request_id_key;
alter table ruleset add constraint ruleset_request_key unique (requester, request_id);
alter table ruleset add constraint ruleset_requester_check check ((request_id is null) = (requester is null));
