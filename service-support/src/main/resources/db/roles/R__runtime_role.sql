-- The runtime role: what a service needs to serve calls, and nothing that could rewrite its history.
-- Flyway runs this as the migration role, which owns the schema and every table in it (quarkus.flyway.username); the
-- service serves calls as the runtime role (quarkus.datasource.username, the placeholder runtime_role). The runtime
-- role reads and writes the service's tables, only appends to and reads the audit trail, never touches Flyway's
-- history, and owns nothing, so it cannot alter, drop or disable the triggers of any table (PostgreSQL lets only an
-- owner or a superuser do that). Repeatable: Flyway runs it again after any migration run in which it changed; tables
-- created later by the migration role get the same privileges through the default privileges set here.
-- When one user is both (a single-user database: components/postgres-dev), there is nothing to grant.
do
$$
declare
    runtime constant text := '${runtime_role}';
    t record;
begin
    if runtime = current_user then
        raise notice 'the runtime role % is the migration role: no privileges to grant', runtime;
        return;
    end if;
    execute format('grant usage on schema public to %I', runtime);
    for t in select tablename from pg_tables
             where schemaname = 'public' and tablename not in ('audit_record', '${flyway:table}')
    loop
        execute format('grant select, insert, update, delete on table public.%I to %I', t.tablename, runtime);
    end loop;
    execute format('grant usage, select on all sequences in schema public to %I', runtime);
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I',
                   runtime);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', runtime);
    -- the audit trail: append and read, nothing else (its trigger refuses updates, deletes and truncation even to
    -- the owner)
    execute format('revoke all on table public.audit_record from %I', runtime);
    execute format('grant select, insert on table public.audit_record to %I', runtime);
    -- Flyway's history is the migration role's alone
    execute format('revoke all on table public.%I from %I', '${flyway:table}', runtime);
end
$$;
