import { createHash, randomBytes } from "node:crypto";
import { and, count, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { text } from "@/lib/validation";

/** Recognisable in a leaked log or a public repository (secret scanners match on it). */
export const TOKEN_PREFIX = "chorus_pat_";
/** 32 random bytes: a hash of it needs no salt or slow KDF, nobody can guess a preimage. */
const TOKEN_SHAPE = /^chorus_pat_[A-Za-z0-9_-]{43}$/;
/** Characters of the token kept in clear for the list ("chorus_pat_Ab3x…"). */
const SHOWN = TOKEN_PREFIX.length + 4;
export const MAX_ACTIVE_TOKENS = 20;
export const EXPIRY_CHOICES = ["7", "30", "90", "365", "never"] as const;
/** lastUsedAt is written at most this often per token, so reads do not each cost a write. */
const LAST_USED_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const tokenInput = z.object({
  name: text(100, { label: "The name", required: "Name the token, e.g. what will use it" }),
  // A checkbox: present ("on") when ticked.
  readOnly: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
  expiresInDays: z.enum(EXPIRY_CHOICES, { message: "Pick when the token expires" }).default("90"),
});
export type TokenInput = z.infer<typeof tokenInput>;

export type ApiTokenSummary = {
  id: number;
  name: string;
  prefix: string;
  readOnly: boolean;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

const summary = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  readOnly: apiTokens.readOnly,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  createdAt: apiTokens.createdAt,
};

const usable = (now: Date) =>
  and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)));

/** Creates a token for `owner`; the token itself is in the answer only, never stored. */
export async function createApiToken(
  owner: SessionUser,
  input: TokenInput,
  now = new Date(),
): Promise<{ token: string; summary: ApiTokenSummary }> {
  return db.transaction(async (tx) => {
    // One owner's creations in turn, so two at once cannot both pass the cap.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`api-tokens:${owner.id}`}))`);
    const [active] = await tx
      .select({ n: count() })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, owner.id), usable(now)));
    if ((active?.n ?? 0) >= MAX_ACTIVE_TOKENS) {
      throw new DomainError("conflict", `You have ${MAX_ACTIVE_TOKENS} active tokens: revoke one first.`);
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const expiresAt =
      input.expiresInDays === "never" ? null : new Date(now.getTime() + Number(input.expiresInDays) * 86_400_000);
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: owner.id,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, SHOWN),
        readOnly: input.readOnly,
        expiresAt,
        createdAt: now,
      })
      .returning(summary);
    if (!row) throw new Error("insert returned no token");
    return { token, summary: row };
  });
}

/** The owner's tokens, newest first, without their hashes. */
export async function listApiTokens(ownerId: string): Promise<ApiTokenSummary[]> {
  return db
    .select(summary)
    .from(apiTokens)
    .where(eq(apiTokens.userId, ownerId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the owner's own tokens; another user's token is "not found", as if it did not exist. */
export async function revokeApiToken(ownerId: string, tokenId: number, now = new Date()): Promise<void> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, ownerId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw new DomainError("not_found", "No such active token.");
}

export type TokenPrincipal = { user: SessionUser; tokenId: number; readOnly: boolean };
export type TokenRefusal = { refused: string };

/**
 * The owner a bearer token acts for, with their roles as they are now (a demoted owner's token loses the
 * role at once). Revoked, expired, unknown tokens and deactivated owners are refused.
 */
export async function authenticateToken(token: string, now = new Date()): Promise<TokenPrincipal | TokenRefusal> {
  if (!TOKEN_SHAPE.test(token)) return { refused: "The token is malformed." };
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      readOnly: apiTokens.readOnly,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      user: {
        id: users.id,
        name: users.name,
        email: users.email,
        roles: users.roles,
        teamId: users.teamId,
        active: users.active,
      },
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return { refused: "The token is not valid." };
  if (row.revokedAt) return { refused: "The token has been revoked." };
  if (row.expiresAt && row.expiresAt <= now) return { refused: "The token has expired." };
  if (!row.user.active) return { refused: "The token's owner is deactivated." };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    const stale = new Date(now.getTime() - LAST_USED_EVERY_MS);
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
  }
  const { active: _active, ...user } = row.user;
  return { user, tokenId: row.tokenId, readOnly: row.readOnly };
}
