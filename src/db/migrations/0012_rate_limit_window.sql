-- Attempts counted per address (and route) in fixed windows, held in the database so that every instance of the
-- application counts the same attempts: the sign-in limit of 20 a minute is 20 however many instances there are.
create table rate_limit_window (
  key text primary key,
  window_started_at timestamptz not null,
  hits integer not null check (hits > 0)
);
create index rate_limit_window_started on rate_limit_window (window_started_at);
