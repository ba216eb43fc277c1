-- Ruleset versions are stored whole. A version never changes once stored, so its content is one JSON document in
-- the shape of the seed files (RulesetDataset), read back exactly as written; the rule, goods-list and tier rows of
-- V1 go. Versions seeded before this migration get their content back from the seed file with the same SHA-256 at
-- the next start (RulesetSeeder refuses to start if that file changed), so nothing acknowledged is lost.
--
-- The life cycle is now told by the activation time alone: a version without one is a draft; the version with the
-- latest activation time not after a moment decides at that moment; one activated for a later time is scheduled.
-- Drafts can be made through CreateRuleset (request_id makes a retry safe).

alter table ruleset add column content text;
alter table ruleset add column content_sha256 text;
alter table ruleset add column request_id text unique;
alter table ruleset add column activated_by text;

drop index ruleset_one_active_idx;
alter table ruleset drop column state;
create unique index ruleset_activate_time_idx on ruleset (activate_time) where activate_time is not null;

drop table goods_list_tier;
drop table goods_list;
drop table risk_rule;

-- Content and activation are final: content may be filled once (for versions seeded before V5), an activation
-- time set once.
create function ruleset_immutable() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        raise exception 'ruleset versions are kept forever: delete of version % refused', old.version;
    end if;
    if old.content is not null and (new.content is distinct from old.content
        or new.display_name is distinct from old.display_name or new.description is distinct from old.description
        or new.yellow_from_score is distinct from old.yellow_from_score
        or new.red_from_score is distinct from old.red_from_score
        or new.random_sample_rate is distinct from old.random_sample_rate) then
        raise exception 'ruleset version % is immutable', old.version;
    end if;
    if old.activate_time is not null and new.activate_time is distinct from old.activate_time then
        raise exception 'ruleset version % was activated already', old.version;
    end if;
    return new;
end;
$$;

create trigger ruleset_immutable
    before update or delete on ruleset
    for each row
execute function ruleset_immutable();

-- The first declaration of each consignor (by normalised name and country) makes it a first-time trader. Declarations
-- stored before V5 have no key and do not count.
alter table declaration add column consignor_key text;
create index declaration_consignor_idx on declaration (consignor_key, submit_time);
