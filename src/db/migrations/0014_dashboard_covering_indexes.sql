-- The national dashboard read one wide screening row (about 1.5 kB) for every referral in the period, to unpack its
-- findings, and one referral row for each from all over the table. Measured on the national data set (26 services,
-- 3 months, 27,600 referrals): 1.1 s on a server and 2.9 s embedded, most of it fetching those rows.
--
-- A screen's identified domains are kept beside its findings, worked out by the database from them, so a report reads
-- a short list from an index instead of the whole findings document from the table.
create function screening_identified_domains(findings jsonb) returns text[]
  language sql immutable parallel safe
  as $$ select coalesce(array_agg(f.key order by f.key), '{}') from jsonb_each(findings) as f(key, value) where f.value ->> 'finding' = 'identified' $$;

alter table screening add column identified_domains text[] generated always as (screening_identified_domains(findings)) stored;

-- A completed screen's time and identified domains by referral, read without visiting the table.
create index screening_referral_completed on screening (referral_id) include (completed_at, identified_domains) where screening_status = 'completed';

-- A period's referrals with what the dashboard counts them by, read without visiting the table.
drop index referral_service_time;
create index referral_service_time on referral (service_id, referred_at desc) include (id, site_id, source, person_id, subject_date_of_birth, arrived_at);
