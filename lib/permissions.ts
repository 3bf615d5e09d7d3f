import type { Role } from "@/db/schema";

/**
 * Who may do what (docs/product.md#roles). Pages, actions and routes name the permission they need;
 * nothing else compares role strings. Every employee is an advocate; admins may do everything.
 */
export const PERMISSIONS = [
  { action: "feed.read", roles: ["advocate", "curator", "approver", "leader", "admin"] },
  { action: "posts.share", roles: ["advocate", "curator", "approver", "leader", "admin"] },
  { action: "leaderboard.read", roles: ["advocate", "curator", "approver", "leader", "admin"] },
  { action: "stats.read", roles: ["advocate", "curator", "approver", "leader", "admin"] },
  { action: "privacy.update", roles: ["advocate", "curator", "approver", "leader", "admin"] },
  { action: "language.update", roles: ["advocate", "curator", "approver", "leader", "admin"] },
  { action: "suggestions.create", roles: ["advocate", "curator", "approver", "leader", "admin"] },
  { action: "tokens.manage", roles: ["advocate", "curator", "approver", "leader", "admin"] },
  { action: "library.read", roles: ["curator", "approver", "admin"] },
  { action: "posts.write", roles: ["curator", "admin"] },
  { action: "suggestions.review", roles: ["curator", "admin"] },
  { action: "posts.review", roles: ["approver", "admin"] },
  { action: "challenges.manage", roles: ["curator", "admin"] },
  { action: "compliance.read", roles: ["approver", "admin"] },
  { action: "dashboard.read", roles: ["leader", "admin"] },
  { action: "dashboard.export", roles: ["leader", "admin"] },
  { action: "outcomes.read", roles: ["leader", "admin"] },
  { action: "outcomes.import", roles: ["leader", "admin"] },
  { action: "targets.manage", roles: ["leader", "admin"] },
  { action: "admin.manage", roles: ["admin"] },
] as const satisfies ReadonlyArray<{ action: string; roles: readonly Role[] }>;

export type Permission = (typeof PERMISSIONS)[number]["action"];

export function can(roles: readonly Role[] | undefined, action: Permission): boolean {
  if (!roles?.length) return false;
  const rule = PERMISSIONS.find((p) => p.action === action);
  return !!rule && roles.some((role) => (rule.roles as readonly Role[]).includes(role));
}
