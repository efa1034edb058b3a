// The instant (timestamptz) columns of tables that are read whole (selectAll) in reads run together (read-together.ts),
// where JSON gives instants as text. A test checks each list against the schema, so a new column cannot be missed.
export const INSTANT_COLUMNS = {
  case_episode: ['opened_at', 'created_at', 'updated_at', 'allocated_at', 'closure_requested_at', 'closed_at'],
  person: ['created_at', 'updated_at'],
  person_alias: ['created_at'],
  referral: ['arrived_at', 'referred_at', 'picked_up_at', 'screened_at', 'created_at', 'updated_at'],
} as const;
