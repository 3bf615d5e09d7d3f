import { and, asc, count, eq, ilike, ne, not, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db/client";
import { accounts, auditEvents, ROLES, sessions, teams, users, type Role } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { pageParam, searchParam } from "@/lib/filters";
import { containsPattern, offsetOf } from "@/lib/pagination";
import { userId as userIdParam } from "@/lib/validation";

/** Every employee is an advocate; an admin picks the extra roles. */
export const EXTRA_ROLES = ROLES.filter((role) => role !== "advocate");

const roleList = z
  .array(z.enum(ROLES, { error: `Roles are ${ROLES.join(", ")}` }))
  .max(ROLES.length)
  .transform((roles): Role[] => ["advocate", ...EXTRA_ROLES.filter((role) => roles.includes(role))]);

const teamId = z.union([
  z.null(),
  z.coerce
    .number({ error: "Choose a team" })
    .int()
    .positive("Choose a team")
    .max(2 ** 31 - 1),
]);

/** The form sends one checkbox per role and "" for no team; the API sends { roles: [...], teamId }. */
export const userChangeInput = z.object({ roles: roleList, teamId });
export type UserChange = z.infer<typeof userChangeInput>;

export const userChangeForm = z
  .object({
    userId: userIdParam,
    teamId: z.string().default(""),
    ...Object.fromEntries(EXTRA_ROLES.map((role) => [`role_${role}`, z.literal("on").optional()])),
  })
  .transform((form, ctx) => {
    const parsed = userChangeInput.safeParse({
      roles: EXTRA_ROLES.filter((role) => (form as Record<string, unknown>)[`role_${role}`] === "on"),
      teamId: form.teamId === "" ? null : form.teamId,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { userId: form.userId, ...parsed.data };
  });

/** PATCH /api/admin/users/:id: any of roles, teamId, active. */
export const userPatchInput = z
  .object({
    roles: roleList.optional(),
    teamId: teamId.optional(),
    active: z.boolean({ error: "active is true or false" }).optional(),
  })
  .strict()
  .refine(
    (patch) => patch.roles !== undefined || patch.teamId !== undefined || patch.active !== undefined,
    "Send roles, teamId or active",
  );

export const activeForm = z.object({
  userId: userIdParam,
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const USER_STATUSES = ["active", "invited", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const USERS_PAGE_SIZE = 50;

/** The users list's search, filters and page; the admin page reads each from the URL, the API all at once. */
export const userListQuery = z.object({
  q: searchParam.optional(),
  role: z.enum(ROLES, { error: `Roles are ${ROLES.join(", ")}` }).optional(),
  status: z.enum(USER_STATUSES, { error: `Statuses are ${USER_STATUSES.join(", ")}` }).optional(),
  page: pageParam.default(1),
});
export type UserListQuery = z.infer<typeof userListQuery>;

// Spelled out: in the count query users is the only table, which drizzle renders unqualified.
const userId = sql.raw(`"users"."id"`);
/** Invited people have an account but never followed a sign-in link (nor signed in through SSO). */
const signedIn = sql<boolean>`(${users.emailVerified} is not null or exists (select 1 from ${accounts} a where a.user_id = ${userId}))`;
const STATUS_FILTERS: Record<UserStatus, SQL> = {
  active: and(eq(users.active, true), signedIn)!,
  invited: and(eq(users.active, true), not(signedIn))!,
  deactivated: eq(users.active, false),
};

/** A page of people for the admin: searched by name or email, filtered by role and status, ordered by email. */
export async function listUsers(query: UserListQuery) {
  const pattern = query.q ? containsPattern(query.q) : null;
  const where = and(
    pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined,
    query.role ? sql`${query.role} = any(${users.roles})` : undefined,
    query.status ? STATUS_FILTERS[query.status] : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        roles: users.roles,
        teamId: users.teamId,
        team: teams.name,
        active: users.active,
        signedIn,
        createdAt: users.createdAt,
      })
      .from(users)
      .leftJoin(teams, eq(teams.id, users.teamId))
      .where(where)
      .orderBy(asc(users.email))
      .limit(USERS_PAGE_SIZE)
      .offset(offsetOf(query.page, USERS_PAGE_SIZE)),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Locks the active admins' rows, so two admins demoting each other at once cannot leave none. */
async function otherActiveAdmins(tx: Tx, userId: string): Promise<number> {
  await tx.execute(sql`select id from ${users} where 'admin' = any(${users.roles}) and ${users.active} for update`);
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(sql`'admin' = any(${users.roles})`, eq(users.active, true), ne(users.id, userId)));
  return row?.n ?? 0;
}

async function lockUser(tx: Tx, userId: string) {
  const [user] = await tx
    .select({ id: users.id, email: users.email, roles: users.roles, teamId: users.teamId, active: users.active })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!user) throw new DomainError("not_found", "No such user.");
  return user;
}

async function assertTeam(tx: Tx, id: number | null): Promise<void> {
  if (id === null) return;
  const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, id)).limit(1);
  if (!team) throw new DomainError("invalid", "There is no such team.", { teamId: ["Choose a team from the list"] });
}

/** Changes a person's roles and team, audited. Nobody may take the admin role from the last active admin. */
export async function updateUser(
  actorId: string,
  userId: string,
  partial: Partial<UserChange>,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    const change: UserChange = {
      roles: partial.roles ?? user.roles,
      teamId: partial.teamId === undefined ? user.teamId : partial.teamId,
    };
    await assertTeam(tx, change.teamId);
    const losesAdmin = user.roles.includes("admin") && !change.roles.includes("admin");
    if (losesAdmin && user.active && (await otherActiveAdmins(tx, userId)) === 0) {
      throw new DomainError("conflict", "Chorus needs at least one admin: make someone else an admin first.", {
        roles: ["The last admin keeps the admin role"],
      });
    }
    const sameRoles =
      user.roles.length === change.roles.length && user.roles.every((role) => change.roles.includes(role));
    if (sameRoles && user.teamId === change.teamId) return { changed: false };
    await tx.update(users).set({ roles: change.roles, teamId: change.teamId }).where(eq(users.id, userId));
    await tx.insert(auditEvents).values({
      actorId,
      action: "user.update",
      target: `user:${userId}`,
      details: {
        email: user.email,
        roles: { from: user.roles, to: change.roles },
        teamId: { from: user.teamId, to: change.teamId },
      },
    });
    return { changed: true };
  });
}

/**
 * Deactivates or reactivates a person, audited. Deactivation ends their sessions at once; their shares,
 * links and points stay. Admins cannot deactivate themselves, and the last admin stays.
 */
export async function setUserActive(actorId: string, userId: string, active: boolean): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.active === active) return { changed: false };
    if (!active) {
      if (userId === actorId) throw new DomainError("conflict", "You cannot deactivate yourself; ask another admin.");
      if (user.roles.includes("admin") && (await otherActiveAdmins(tx, userId)) === 0) {
        throw new DomainError("conflict", "Chorus needs at least one active admin.");
      }
      await tx.delete(sessions).where(eq(sessions.userId, userId));
    }
    await tx.update(users).set({ active }).where(eq(users.id, userId));
    await tx.insert(auditEvents).values({
      actorId,
      action: active ? "user.reactivate" : "user.deactivate",
      target: `user:${userId}`,
      details: { email: user.email },
    });
    return { changed: true };
  });
}
