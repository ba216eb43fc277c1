-- The audit trail: every write this service accepts or rejects, with who, what, when and the outcome.
-- Append-only: a trigger refuses updates and deletes, so a record cannot be changed once written.
create table audit_record (
    id          bigint generated always as identity primary key,
    record_time timestamptz not null,
    subject     text        not null,
    roles       text        not null,
    carrier_id  text,
    checkpoints text        not null,
    action      text        not null,
    resource    text        not null,
    outcome     text        not null check (outcome in ('SUCCEEDED', 'REJECTED')),
    detail      text        not null
);

create index audit_record_subject_idx on audit_record (subject, id);
create index audit_record_action_idx on audit_record (action, id);

create function audit_record_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_record is append-only: % refused', tg_op;
end;
$$;

create trigger audit_record_append_only
    before update or delete or truncate on audit_record
    for each statement
execute function audit_record_append_only();
