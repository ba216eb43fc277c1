-- Which version of a reference data file is loaded, and the digest of its bytes: the table every service's
-- reference data loading keeps (service-support's ReferenceDatasets and ReferenceDatasetEntity). inspection-service
-- seeds its rulesets as immutable versions instead, so it keeps none here yet; the table is here so that the shared
-- entity maps onto every service's schema.
create table reference_dataset (
    name        text primary key,
    version     text        not null,
    sha256      text        not null,
    loaded_time timestamptz not null
);
