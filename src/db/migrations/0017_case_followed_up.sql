-- Whether a closed case's follow-up has been recorded, kept on the case so that the indexes of closed cases whose
-- follow-up is due hold only the cases still waiting for one. Before, "my cases" and the due lists read every closed
-- case of the look-back year from those indexes and probed follow_up for each: on the national data set, a worker's
-- 146 probes (and their people) for the 62 still waiting, and a team's 3,000 for its few hundred.
--
-- The database keeps the flag: recording a follow-up, by whatever writes one, marks its case. A follow-up is never
-- removed, so nothing unmarks one.
alter table case_episode add column followed_up boolean not null default false;
update case_episode c set followed_up = true where exists (select from follow_up f where f.case_id = c.id);

create function follow_up_marks_case() returns trigger language plpgsql as $$
begin
  update case_episode set followed_up = true where id = new.case_id and not followed_up;
  return new;
end $$;
create trigger follow_up_marks_case after insert on follow_up for each row execute function follow_up_marks_case();

drop index case_episode_follow_up;
create index case_episode_follow_up on case_episode (service_id, follow_up_due_on)
  include (id, person_id, opened_at, plan_agreed_on, allocated_to, closed_on) where case_status = 'closed' and not followed_up;
drop index case_episode_worker_follow_up;
create index case_episode_worker_follow_up on case_episode (service_id, allocated_to, follow_up_due_on)
  include (id, person_id, opened_at, plan_agreed_on, closed_on) where case_status = 'closed' and not followed_up;
