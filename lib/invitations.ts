import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { auditEvents, teams, users, verificationTokens } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { sendMail } from "@/lib/mail";
import { getSettings } from "@/lib/settings";
import { EXTRA_ROLES, userChangeInput } from "@/lib/users";
import { emailAddress, text } from "@/lib/validation";

/** An invitation's sign-in link lasts a week (a sign-in link asked for on the form lasts a day). */
export const INVITE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export const inviteInput = z.object({
  email: z.string({ error: "Enter an email address" }).pipe(emailAddress("Enter an email address")),
  name: text(200, { label: "The name" })
    .optional()
    .transform((name) => name || null),
  roles: userChangeInput.shape.roles.default(["advocate"]),
  teamId: userChangeInput.shape.teamId.default(null),
});
export type InviteInput = z.infer<typeof inviteInput>;

/** The form's shape: one checkbox per role, "" for no team. */
export const inviteForm = z
  .object({
    email: z.string().default(""),
    name: z.string().optional(),
    teamId: z.string().default(""),
    role_curator: z.literal("on").optional(),
    role_approver: z.literal("on").optional(),
    role_leader: z.literal("on").optional(),
    role_admin: z.literal("on").optional(),
  })
  .transform((form, ctx) => {
    const parsed = inviteInput.safeParse({
      email: form.email,
      name: form.name,
      teamId: form.teamId === "" ? null : form.teamId,
      roles: EXTRA_ROLES.filter((role) => form[`role_${role}`] === "on"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return parsed.data;
  });

/** Auth.js keeps sha256(token + secret), never the token: the same hash its email callback looks up. */
function hashToken(token: string): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: sign-in links cannot be made");
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
}

/** A one-click sign-in link through Auth.js's own email callback, landing on the feed. */
function signInLink(origin: string, email: string, token: string): string {
  return `${origin}/api/auth/callback/email?${new URLSearchParams({ callbackUrl: `${origin}/feed`, token, email })}`;
}

/**
 * Invites a person: their account (roles, team) exists at once, audited, and they get a mail with a link that
 * signs them in. When the admin has allowed sign-up domains, an address outside them is refused: an invite
 * must not quietly widen who can get in. An invited person who has not signed in yet may be invited again.
 */
export async function inviteUser(
  actorId: string,
  input: InviteInput,
  origin: string,
): Promise<{ userId: string; reinvited: boolean }> {
  const domain = input.email.split("@")[1] ?? "";
  const { allowedDomains } = await getSettings();
  if (allowedDomains.length && !allowedDomains.includes(domain)) {
    throw new DomainError("invalid", `${domain} is not an allowed sign-up domain.`, {
      email: [
        `Only addresses at ${allowedDomains.join(", ")} may be invited. Add the domain under Integrations first.`,
      ],
    });
  }
  const token = randomBytes(32).toString("hex");
  const result = await db.transaction(async (tx) => {
    if (input.teamId !== null) {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, input.teamId)).limit(1);
      if (!team)
        throw new DomainError("invalid", "There is no such team.", { teamId: ["Choose a team from the list"] });
    }
    const [existing] = await tx
      .select({ id: users.id, active: users.active, emailVerified: users.emailVerified })
      .from(users)
      .where(eq(users.email, input.email))
      .for("update");
    if (existing && (existing.emailVerified || !existing.active)) {
      throw new DomainError("conflict", `${input.email} already has an account.`, {
        email: ["This person already has an account: change it in the list instead"],
      });
    }
    let userId = existing?.id;
    if (!userId) {
      const [created] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, roles: input.roles, teamId: input.teamId })
        .returning({ id: users.id });
      userId = created!.id;
    }
    await tx
      .insert(verificationTokens)
      .values({ identifier: input.email, token: hashToken(token), expires: new Date(Date.now() + INVITE_MAX_AGE_MS) });
    await tx.insert(auditEvents).values({
      actorId,
      action: existing ? "user.reinvite" : "user.invite",
      target: `user:${userId}`,
      details: { email: input.email, roles: input.roles, teamId: input.teamId },
    });
    return { userId, reinvited: !!existing };
  });
  // After the commit: a failed send leaves a valid invitation that can be sent again.
  const link = signInLink(origin, input.email, token);
  await sendMail({
    to: input.email,
    subject: "You are invited to Chorus",
    text: `You have been invited to Chorus, where you share the company's news with your network.\n\nSign in:\n\n${link}\n\nThe link works once, for 7 days. Later, sign in with your email address at ${origin}/signin.`,
    html: `<p>You have been invited to Chorus, where you share the company's news with your network.</p><p><a href="${link}">Sign in to Chorus</a></p><p>The link works once, for 7 days.</p>`,
  });
  return result;
}
