-- Declarations and their decisions. A declaration is stored as submitted (its content as JSON, with the columns
-- lists filter on); its decision is made once, under one ruleset version, and never changes.
create table declaration (
    id             text primary key,
    request_id     text        not null unique,
    content_sha256 text        not null,
    checkpoint_id  text        not null,
    carrier_id     text        not null,
    submit_time    timestamptz not null,
    content        text        not null
);

create table decision (
    declaration_id            text primary key references declaration (id),
    checkpoint_id             text        not null,
    channel                   text        not null check (channel in ('GREEN', 'BLUE', 'YELLOW', 'RED', 'REFUSED')),
    inspection_kind           text        not null check (inspection_kind in ('NONE', 'XRAY', 'UNLOADING')),
    risk_score                integer     not null check (risk_score between 0 and 100),
    random_sample             boolean     not null,
    ruleset_version           bigint      not null references ruleset (version),
    expected_handling_seconds bigint      not null check (expected_handling_seconds >= 0),
    decide_time               timestamptz not null,
    reasons                   text        not null
);

create index decision_time_idx on decision (decide_time desc, declaration_id desc);
create index decision_checkpoint_idx on decision (checkpoint_id, decide_time desc);

create function decision_immutable() returns trigger
    language plpgsql as
$$
begin
    raise exception 'decisions are immutable: % refused', tg_op;
end;
$$;

create trigger decision_immutable
    before update or delete or truncate on decision
    for each statement
execute function decision_immutable();
