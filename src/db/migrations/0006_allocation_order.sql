-- Two allocations of one case at the same instant (a case allocated and at once moved with a
-- whole caseload) must still read back in the order they were made.
alter table case_allocation add column seq bigint generated always as identity;
drop index case_allocation_case;
create index case_allocation_case on case_allocation (case_id, allocated_at, seq);
