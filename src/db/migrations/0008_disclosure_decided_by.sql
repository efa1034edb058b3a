-- Who decided a disclosure on a legal basis: the team manager who approved it, or who did not.
-- (The column held only approvers, so a refusal did not say who refused; the audit trail still does for those.)
alter table disclosure rename column approved_by to decided_by;
