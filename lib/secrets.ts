import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, settings } from "@/db/schema";

/** A 256-bit key for secrets stored in the database, derived from AUTH_SECRET (never stored itself). */
function storageKey(): Buffer {
  const authSecret = process.env.AUTH_SECRET;
  if (!authSecret) throw new Error("AUTH_SECRET is not set: stored secrets cannot be encrypted or read");
  return Buffer.from(hkdfSync("sha256", authSecret, "chorus", "chorus stored secrets v1", 32));
}

/** AES-256-GCM; the result is "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", storageKey(), iv);
  const encrypted = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), encrypted]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The plain secret, or null when it was encrypted under another AUTH_SECRET or tampered with. */
export function decryptSecret(stored: string): string | null {
  const [version, iv, tag, encrypted] = stored.split(".");
  if (version !== "v1" || !iv || !tag || encrypted === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", storageKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(encrypted, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * The secrets POST /api/events accepts: the one an admin last rotated in (Admin → Integrations) and
 * CHORUS_WEBHOOK_SECRET when set, for deployments that manage secrets outside the app. Empty: webhooks are off.
 */
export async function webhookSecrets(): Promise<string[]> {
  const [row] = await db
    .select({ encrypted: settings.webhookSecretEncrypted })
    .from(settings)
    .where(eq(settings.id, 1))
    .limit(1);
  const stored = row?.encrypted ? decryptSecret(row.encrypted) : null;
  return [stored, process.env.CHORUS_WEBHOOK_SECRET].filter((secret): secret is string => !!secret);
}

export async function webhookSecretStatus(): Promise<{
  stored: boolean;
  rotatedAt: Date | null;
  fromEnvironment: boolean;
}> {
  const [row] = await db
    .select({ encrypted: settings.webhookSecretEncrypted, rotatedAt: settings.webhookSecretRotatedAt })
    .from(settings)
    .where(eq(settings.id, 1))
    .limit(1);
  return {
    stored: !!row?.encrypted,
    rotatedAt: row?.rotatedAt ?? null,
    fromEnvironment: !!process.env.CHORUS_WEBHOOK_SECRET,
  };
}

/** Makes a new webhook secret, stores it encrypted, audits the rotation and returns it: the only time it is shown. */
export async function rotateWebhookSecret(actorId: string): Promise<{ secret: string }> {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(settings)
      .set({ webhookSecretEncrypted: encryptSecret(secret), webhookSecretRotatedAt: now, updatedAt: now })
      .where(eq(settings.id, 1));
    await tx.insert(auditEvents).values({
      actorId,
      action: "webhook_secret.rotate",
      target: "settings",
      details: { rotatedAt: now.toISOString() },
    });
  });
  return { secret };
}
