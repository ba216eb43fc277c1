-- A closure may close one direction of travel only (China's side shut for a holiday stops trucks entering China, not
-- those coming out); null closes both, as every closure did before.
alter table closure add column direction text check (direction in ('EXIT', 'ENTRY'));
