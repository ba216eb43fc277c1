-- The recorded outcome of inspecting a declaration: once per decision, never changed afterwards.
create table inspection_result (
    declaration_id     text primary key references decision (declaration_id),
    outcome            text        not null check (outcome in ('NO_FINDING', 'DOCUMENT_IRREGULARITY', 'MISDECLARED_GOODS',
                                                               'PROHIBITED_GOODS_SEIZED', 'ENTRY_REFUSED', 'REDIRECTED')),
    confirmed_rule_ids text        not null,
    recorded_by        text        not null,
    record_time        timestamptz not null,
    notes              text        not null
);

create trigger inspection_result_immutable
    before update or delete or truncate on inspection_result
    for each statement
execute function decision_immutable();
