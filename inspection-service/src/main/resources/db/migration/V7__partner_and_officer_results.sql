-- Mutual recognition without locking customs out (issue 22, item 3). A partner administration's result and one of
-- our own officers' are kept side by side, one of each per decision: the officer's, when there is one, is the result
-- (rule statistics count it); the partner's stays as it was recorded. Both stay immutable.
alter table inspection_result drop constraint inspection_result_pkey;
alter table inspection_result
    add column source text not null default 'OFFICER' check (source in ('OFFICER', 'PARTNER'));
alter table inspection_result
    add column administration text check ((source = 'PARTNER') = (administration is not null));

-- Results recorded before: a partner's was audited as "..., by the partner administration of XX".
alter table inspection_result disable trigger inspection_result_immutable;
update inspection_result r
set source         = 'PARTNER',
    administration = substring(a.detail from 'by the partner administration of ([A-Z]{2})$')
from audit_record a
where a.action = 'inspection-result.record'
  and a.outcome = 'SUCCEEDED'
  and a.resource = 'declarations/' || r.declaration_id || '/result'
  and a.detail ~ 'by the partner administration of [A-Z]{2}$';
alter table inspection_result enable trigger inspection_result_immutable;

alter table inspection_result alter column source drop default;
alter table inspection_result add primary key (declaration_id, source);
