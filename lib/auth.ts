import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import NextAuth, { type NextAuthConfig } from "next-auth";
import type { EmailConfig } from "next-auth/providers/email";
import type { OIDCConfig } from "next-auth/providers";
import { forbidden, redirect } from "next/navigation";
import { cookies } from "next/headers";
import { NextRequest } from "next/server";
import { cache } from "react";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens, type Role } from "@/db/schema";
import { authLogger } from "@/lib/auth-logger";
import { log } from "@/lib/log";
import { appOrigin, safeCallbackPath } from "@/lib/origin";
import { sendMail } from "@/lib/mail";
import { signInMail, signInMailLocale } from "@/lib/signin-mail";
import { can, type Permission } from "@/lib/permissions";
import { getSettings } from "@/lib/settings";

/** The signed-in person as every page, action and route sees them. */
export type SessionUser = {
  id: string;
  name: string | null;
  email: string;
  roles: Role[];
  teamId: number | null;
  /** Their language setting (null or absent: follow the browser); read with the session for i18n/request.ts. */
  locale?: string | null;
};

const emailProvider: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  maxAge: 24 * 60 * 60,
  async sendVerificationRequest({ identifier, url }) {
    await sendMail({ to: identifier, ...signInMail(url, await signInMailLocale(identifier)) });
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
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  // Auth.js takes its base URL only from AUTH_URL (route handlers and signIn/auth() alike), else from the
  // request's Host / X-Forwarded-Host, which would let a request choose where a sign-in link is mailed.
  process.env.AUTH_URL = `${appOrigin()}/api/auth`;
  return authConfig();
});

/**
 * /api/auth/*: a callbackUrl (query or Auth.js's cookie) that is not a path on Chorus becomes /feed before
 * Auth.js sees it; Auth.js itself answers a 500 "server configuration" error for one that is not a URL.
 */
export function withSafeCallbackUrl(handler: (request: NextRequest) => Promise<Response>) {
  return (request: NextRequest): Promise<Response> => {
    const url = new URL(request.url);
    const callbackUrl = url.searchParams.get("callbackUrl");
    if (callbackUrl !== null) url.searchParams.set("callbackUrl", safeCallbackPath(callbackUrl));
    const headers = new Headers(request.headers);
    const cookies = headers.get("cookie");
    if (cookies) {
      const safe = cookies.split(/;\s*/).map((pair) => {
        const at = pair.indexOf("=");
        if (at < 0 || !pair.slice(0, at).endsWith("authjs.callback-url")) return pair;
        let value = pair.slice(at + 1);
        try {
          value = decodeURIComponent(value);
        } catch {}
        return `${pair.slice(0, at)}=${encodeURIComponent(safeCallbackPath(value))}`;
      });
      headers.set("cookie", safe.join("; "));
    }
    return handler(new NextRequest(url, { method: request.method, headers, body: request.body, duplex: "half" }));
  };
}

function authConfig(): NextAuthConfig {
  return {
    adapter: DrizzleAdapter(getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers: [emailProvider, ...[oidcProvider()].filter((provider) => provider !== null)],
    session: { strategy: "database", maxAge: SESSION_MAX_AGE, updateAge: SESSION_UPDATE_AGE },
    // The host is APP_URL's (AUTH_URL above), whatever the request's headers say.
    trustHost: true,
    logger: authLogger,
    pages: { signIn: "/signin", verifyRequest: "/signin/check", error: "/signin/error" },
    callbacks: {
      async signIn({ user }) {
        return !!user.email && (await maySignIn(user.email));
      },
      // Only paths on Chorus itself; Auth.js's default throws (a 500) on a callbackUrl that is not a URL.
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackPath(url, baseUrl)}`,
      session({ session, user }) {
        const row = user as typeof user & { roles?: Role[]; teamId?: number | null };
        return {
          ...session,
          user: { ...session.user, id: user.id, roles: row.roles ?? [], teamId: row.teamId ?? null },
        };
      },
    },
  };
}

/** Seconds a session lives, and how often its expiry slides forward (Auth.js's default, as configured above). */
const SESSION_MAX_AGE = 30 * 24 * 60 * 60;
const SESSION_UPDATE_AGE = 24 * 60 * 60;

/** Auth.js's session cookie: with the __Secure- prefix when APP_URL is https, as Auth.js itself decides. */
function sessionCookieName(): string {
  return `${appOrigin().startsWith("https:") ? "__Secure-" : ""}authjs.session-token`;
}

/**
 * The session's user, read with the session in one query, so role changes and deactivation apply at once. It does
 * what Auth.js's session lookup does for a database session (an expired one is deleted, a day-old one slides its
 * expiry forward) without building and parsing an internal request per page.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return null;
  try {
    const db = getDb();
    const [row] = await db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        roles: users.roles,
        teamId: users.teamId,
        locale: users.locale,
        active: users.active,
        expires: sessions.expires,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.sessionToken, token))
      .limit(1);
    if (!row) return null;
    const now = Date.now();
    if (row.expires.valueOf() < now) {
      await db.delete(sessions).where(eq(sessions.sessionToken, token));
      return null;
    }
    if (row.expires.valueOf() - SESSION_MAX_AGE * 1000 + SESSION_UPDATE_AGE * 1000 <= now) {
      await db
        .update(sessions)
        .set({ expires: new Date(now + SESSION_MAX_AGE * 1000) })
        .where(eq(sessions.sessionToken, token));
    }
    if (!row.active) return null;
    return { id: row.id, name: row.name, email: row.email, roles: row.roles, teamId: row.teamId, locale: row.locale };
  } catch (error) {
    // As Auth.js did: a session that cannot be read is no session.
    log.error("reading the session failed", { error: String(error) });
    return null;
  }
});

/** For pages: signed-out visitors go to sign-in; a missing permission renders 403. */
export async function requirePermission(permission: Permission, from?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(from ? `/signin?callbackUrl=${encodeURIComponent(from)}` : "/signin");
  if (!can(user.roles, permission)) forbidden();
  return user;
}
