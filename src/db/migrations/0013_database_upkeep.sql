-- When the embedded database was last vacuumed and analysed, and how long it took. A PostgreSQL server runs
-- autovacuum; the embedded engine never does, so Divert runs vacuum (analyze) itself once a day and keeps the time
-- here. One row at most: none until the first run.
create table database_upkeep (
  only_row boolean primary key default true check (only_row),
  last_finished_at timestamptz not null,
  seconds numeric not null check (seconds >= 0)
);
