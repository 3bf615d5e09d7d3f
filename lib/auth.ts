import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { and, eq } from "drizzle-orm";
import NextAuth from "next-auth";
import type { EmailConfig } from "next-auth/providers/email";
import type { OIDCConfig } from "next-auth/providers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens, type Role } from "@/db/schema";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail";
import { can, type Permission } from "@/lib/permissions";
import { getSettings } from "@/lib/settings";

/** The signed-in person as every page, action and route sees them. */
export type SessionUser = { id: string; name: string | null; email: string; roles: Role[]; teamId: number | null };

const emailProvider: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  maxAge: 24 * 60 * 60,
  async sendVerificationRequest({ identifier, url }) {
    await sendMail({
      to: identifier,
      subject: "Your Chorus sign-in link",
      text: `Sign in to Chorus:\n\n${url}\n\nThe link works once, for 24 hours. If you did not ask for it, ignore this mail.`,
      html: `<p>Sign in to Chorus:</p><p><a href="${url}">Sign in</a></p><p>The link works once, for 24 hours.</p>`,
    });
  },
};

/**
 * Single sign-on through the company's OIDC identity provider (Okta, Entra ID, Google Workspace), on when
 * OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. The same rules as email decide who gets in.
 */
export function oidcProvider(): OIDCConfig<Record<string, unknown>> | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = process.env;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "oidc",
    name: process.env.OIDC_NAME || "SSO",
    type: "oidc",
    issuer,
    clientId,
    clientSecret,
    // The company's own IdP vouches for its addresses, so an invited (or email) account is the same person.
    allowDangerousEmailAccountLinking: true,
  };
}

/** Existing active users may sign in; unknown addresses only from a domain the admin allows. */
export async function maySignIn(email: string): Promise<boolean> {
  const normalized = email.trim().toLowerCase();
  const [existing] = await getDb()
    .select({ active: users.active })
    .from(users)
    .where(eq(users.email, normalized))
    .limit(1);
  if (existing) return existing.active;
  const domain = normalized.split("@")[1] ?? "";
  const { allowedDomains } = await getSettings();
  return allowedDomains.includes(domain);
}

// Configured lazily: next build imports this module and must not open the database.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  providers: [emailProvider, ...[oidcProvider()].filter((provider) => provider !== null)],
  session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
  trustHost: true,
  logger: {
    // A refused address is an expected answer (shown on the form), not a server error.
    error: (error) =>
      error.name === "AccessDenied" ? undefined : log.error("auth error", { name: error.name, error: error.message }),
    warn: (code) => log.warn("auth warning", { code }),
    debug: () => {},
  },
  pages: { signIn: "/signin", verifyRequest: "/signin/check", error: "/signin/error" },
  callbacks: {
    async signIn({ user }) {
      return !!user.email && (await maySignIn(user.email));
    },
    session({ session, user }) {
      const row = user as typeof user & { roles?: Role[]; teamId?: number | null };
      return { ...session, user: { ...session.user, id: user.id, roles: row.roles ?? [], teamId: row.teamId ?? null } };
    },
  },
}));

/** The session's user, re-read from the database so role changes and deactivation apply at once. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (typeof id !== "string" || !id) return null;
  const [user] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, roles: users.roles, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)))
    .limit(1);
  return user ?? null;
});

/** For pages: signed-out visitors go to sign-in; a missing permission renders 403. */
export async function requirePermission(permission: Permission, from?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(from ? `/signin?callbackUrl=${encodeURIComponent(from)}` : "/signin");
  if (!can(user.roles, permission)) forbidden();
  return user;
}
