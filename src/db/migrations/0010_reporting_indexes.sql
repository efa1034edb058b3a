-- Indexes for the dashboard, outcomes and the quarterly return at national volume (measured with
-- bench/dashboard.ts: a year of one service's dashboard and a quarterly return scanned whole tables without them).
create index case_episode_referral on case_episode (referral_id);
create index case_episode_opened on case_episode (service_id, opened_at);
create index case_episode_closed on case_episode (service_id, closed_on) where case_status = 'closed';
create index screening_completed on screening (service_id, completed_at) where screening_status = 'completed';
create index assessment_completed on assessment (service_id, completed_at) where assessment_status = 'completed';
create index disclosure_referral on disclosure (referral_id) where referral_id is not null;
create index disclosure_disclosed on disclosure (service_id, disclosed_at) where disclosed_at is not null;
create index court_report_issued on court_report (service_id, issued_at) where issued_at is not null;
create index onward_referral_sent on onward_referral (service_id, sent_on);
create index onward_referral_event_state on onward_referral_event (onward_referral_id, to_state);
