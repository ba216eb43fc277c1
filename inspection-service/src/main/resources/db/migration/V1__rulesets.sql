-- Versioned risk rulesets. A version is immutable once stored: rules, thresholds and the goods lists it refers to
-- are rows of that version. The first version is seeded from reference/ruleset-v1.json (RulesetSeeder).

create table source (
    source_key text primary key,
    kind       text not null check (kind in ('REPORTED', 'OFFICIAL', 'RESEARCH')),
    citation   text not null,
    url        text
);

create table ruleset (
    version             bigint primary key check (version > 0),
    display_name        text             not null,
    description         text             not null,
    state               text             not null check (state in ('DRAFT', 'ACTIVE', 'RETIRED')),
    create_time         timestamptz      not null,
    activate_time       timestamptz,
    yellow_from_score   integer          not null check (yellow_from_score between 0 and 100),
    red_from_score      integer          not null check (red_from_score between 0 and 100),
    random_sample_rate  double precision not null check (random_sample_rate between 0 and 1),
    random_sample_basis text             not null,
    -- SHA-256 of the seed file a version was loaded from; null for versions made through the API
    seed_sha256         text,
    check (yellow_from_score <= red_from_score)
);

-- Exactly one ruleset decides at a time.
create unique index ruleset_one_active_idx on ruleset (state) where state = 'ACTIVE';

create table risk_rule (
    id                text primary key,
    ruleset_version   bigint  not null references ruleset (version),
    ordinal           integer not null,
    rule_id           text    not null,
    description       text    not null,
    weight            integer not null check (weight between -100 and 100),
    minimum_channel   text check (minimum_channel in ('GREEN', 'BLUE', 'YELLOW', 'RED', 'REFUSED')),
    condition_kind    text    not null check (condition_kind in ('GOODS_LIST', 'HS_PREFIX', 'TRADER_AEO', 'PARTNER_INSPECTION')),
    -- GOODS_LIST: the list id; otherwise null
    condition_list_id text,
    -- GOODS_LIST: comma-separated tiers (empty = any); HS_PREFIX: comma-separated prefixes; otherwise empty
    condition_values  text    not null default '',
    unique (ruleset_version, rule_id),
    unique (ruleset_version, ordinal)
);

create table goods_list (
    id              text primary key,
    ruleset_version bigint not null references ruleset (version),
    list_id         text   not null,
    display_name    text   not null,
    version         text   not null,
    source          text references source (source_key),
    note            text,
    estimate        text,
    unique (ruleset_version, list_id),
    check ((source is null) <> (estimate is null))
);

create table goods_list_tier (
    id            text primary key,
    goods_list_id text    not null references goods_list (id),
    ordinal       integer not null,
    tier          text    not null,
    description   text    not null,
    hs_codes      text    not null check (hs_codes ~ '^[0-9]{6}(,[0-9]{6})*$'),
    verification  text    not null,
    unique (goods_list_id, tier)
);
