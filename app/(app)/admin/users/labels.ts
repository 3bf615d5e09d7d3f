import type { Role } from "@/db/schema";

/** Roles and statuses as the users page, its filters and its forms name them. */
export const ROLE_NAMES: Record<Role, string> = {
  advocate: "Advocate",
  curator: "Curator",
  approver: "Approver",
  leader: "Leader",
  admin: "Admin",
};
export const STATUS_NAMES = { active: "Active", invited: "Invited", deactivated: "Deactivated" } as const;
