// The signed-in user acting in one of their roles: who the rules and the audit trail see.
import type { Grant } from './roles.js';

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  grant: Grant & { id: string };
};
