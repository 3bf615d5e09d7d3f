import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { auditEvents, settings } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { pointsAtPrivateHost } from "@/lib/outbound";
import { getSettings } from "@/lib/settings";
import { text } from "@/lib/validation";

const listOf = (raw: unknown) => (typeof raw === "string" ? raw.split(/[\s,]+/).filter(Boolean) : raw);

const domainName = text(253, { label: "A domain" })
  .toLowerCase()
  .transform((value) => value.replace(/^@/, ""))
  .pipe(
    z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "Domains look like example.com"),
  );

/** An origin is scheme://host[:port], nothing after: what a browser sends in the Origin header. */
const webOrigin = text(300, { label: "An origin" }).transform((value, ctx) => {
  try {
    const url = new URL(value);
    if (
      (url.protocol === "https:" || url.protocol === "http:") &&
      url.origin === value.replace(/\/$/, "").toLowerCase()
    )
      return url.origin;
  } catch {}
  ctx.addIssue({
    code: "custom",
    message: `“${value.slice(0, 80)}” is not an origin such as https://www.example.com (no path)`,
  });
  return z.NEVER;
});

const webhookUrl = text(2000, { label: "A webhook address" }).transform((value, ctx) => {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return url.href;
  } catch {}
  ctx.addIssue({ code: "custom", message: "Enter the full https:// address of the incoming webhook" });
  return z.NEVER;
});

/** Sign-up domains, embed origins (space, comma or newline separated in the form; arrays in JSON). */
export const integrationsInput = z.object({
  allowedDomains: z
    .preprocess(listOf, z.array(domainName).max(50, "At most 50 domains"))
    .transform((list) => [...new Set(list)]),
  embedOrigins: z
    .preprocess(listOf, z.array(webOrigin).max(50, "At most 50 origins"))
    .transform((list) => [...new Set(list)]),
  slackWebhookUrl: z.preprocess((v) => v ?? "", webhookUrl),
  teamsWebhookUrl: z.preprocess((v) => v ?? "", webhookUrl),
});
export type IntegrationsInput = z.infer<typeof integrationsInput>;

/**
 * Chat webhooks are posted to by the server, so an address on this machine or the company's network would let
 * an admin's form reach inside it: refused here with a field error (and again at send time), unless
 * CHORUS_FETCH_PRIVATE_HOSTS=1.
 */
async function refusePrivateWebhooks(input: IntegrationsInput): Promise<void> {
  const fields: Record<string, string[]> = {};
  for (const key of ["slackWebhookUrl", "teamsWebhookUrl"] as const) {
    const url = input[key];
    if (url && (await pointsAtPrivateHost(new URL(url))))
      fields[key] = ["This address is on a private or local network, which Chorus does not post to"];
  }
  if (Object.keys(fields).length) throw new DomainError("invalid", "Please correct the fields marked below.", fields);
}

/** Saves the integration settings with one audit event naming what changed (webhook URLs are not logged: they are credentials). */
export async function updateIntegrations(
  actorId: string,
  input: IntegrationsInput,
): Promise<{ changed: (keyof IntegrationsInput)[] }> {
  await refusePrivateWebhooks(input);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${settings} where id = 1 for update`);
    const before = await getSettings(tx);
    const changed = (Object.keys(input) as (keyof IntegrationsInput)[]).filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(input[key]),
    );
    if (!changed.length) return { changed };
    await tx
      .update(settings)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(settings.id, 1));
    const details: Record<string, unknown> = {};
    for (const key of changed) {
      details[key] =
        key === "allowedDomains" || key === "embedOrigins"
          ? { from: before[key], to: input[key] }
          : { set: !!input[key] };
    }
    await tx.insert(auditEvents).values({ actorId, action: "integrations.update", target: "settings", details });
    return { changed };
  });
}
