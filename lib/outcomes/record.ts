import { and, eq, inArray, sql } from "drizzle-orm";
import { db, rows, type Tx } from "@/db/client";
import { conversionConflicts, conversions, type Network } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import { conversionFields, conversionRuleErrors, FUNNEL_KINDS, isFunnelKind, STAGE } from "@/lib/outcomes/rules";
import type { ConversionFields } from "@/lib/outcomes/rules";
import { addToOutcomeRollup } from "@/lib/outcomes/rollup";
import { getSettings, type Settings } from "@/lib/settings";
import { dayIn } from "@/lib/time";

export type ConversionSource = "server" | "browser" | "import";

export type Attribution = {
  linkId: number;
  advocateId: string;
  postId: number;
  network: Network;
  resharerId: string | null;
};

export type ConversionResult = {
  id: number;
  /** false: this (kind, external id) was already recorded; nothing changed. */
  recorded: boolean;
  attributed: boolean;
  advocateId: string | null;
  resharerId: string | null;
  /** Why a conversion is unattributed, when it is. */
  unattributedReason: "no_code" | "unknown_code" | "outside_window" | null;
  /** A duplicate whose amount differs from the stored one: the stored (first) amount stands. */
  conflict: { storedAmount: string | null; storedCurrency: string | null } | null;
};

/**
 * The link a code names and who its chain credits: the advocate of the chain's root link (with that link's post
 * and network), and the first colleague below the root whose own reshare the visitor came through. Embed child
 * links already carry the root's advocate, so an anonymous onward share names no resharer.
 */
export async function attributeCode(tx: Tx, code: string): Promise<(Attribution & { linkedAt: Date }) | null> {
  const chain = await rows<{
    id: number;
    advocate_id: string;
    post_id: number;
    network: Network;
    created_at: string;
    depth: number;
  }>(
    sql`with recursive chain as (
          select id, parent_link_id, advocate_id, post_id, network, created_at, 0 as depth
            from tracked_links where code = ${code}
          union all
          select l.id, l.parent_link_id, l.advocate_id, l.post_id, l.network, l.created_at, c.depth + 1
            from tracked_links l join chain c on l.id = c.parent_link_id where c.depth < 20
        )
        select id, advocate_id, post_id, network::text as network, created_at::text as created_at, depth
          from chain order by depth`,
    tx,
  );
  const link = chain[0];
  const root = chain[chain.length - 1];
  if (!link || !root) return null;
  const resharer = chain.find((row) => row.advocate_id !== root.advocate_id);
  return {
    linkId: link.id,
    advocateId: root.advocate_id,
    postId: root.post_id,
    network: root.network,
    resharerId: resharer?.advocate_id ?? null,
    linkedAt: new Date(link.created_at),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whom a conversion's code credits: the link's root advocate, if the event is inside the attribution window. */
async function attributionFor(
  tx: Tx,
  input: ConversionFields,
  occurredAt: Date,
  settings: Settings,
): Promise<{ attribution: Attribution | null; unattributedReason: ConversionResult["unattributedReason"] }> {
  if (!input.code) return { attribution: null, unattributedReason: "no_code" };
  const found = await attributeCode(tx, input.code);
  if (!found) return { attribution: null, unattributedReason: "unknown_code" };
  const clickedAt =
    input.clickedAt && input.clickedAt.getTime() > found.linkedAt.getTime() ? input.clickedAt : found.linkedAt;
  if (occurredAt.getTime() - clickedAt.getTime() > settings.attributionWindowDays * DAY_MS)
    return { attribution: null, unattributedReason: "outside_window" };
  const { linkedAt: _linkedAt, ...attribution } = found;
  return { attribution, unattributedReason: null };
}

/** The columns that say what a conversion row adds to the outcome rollup. */
const DEAL_ROW = {
  id: conversions.id,
  kind: conversions.kind,
  occurredAt: conversions.occurredAt,
  amount: conversions.amount,
  currency: conversions.currency,
  isNew: conversions.isNew,
  reachedLead: conversions.reachedLead,
  reachedOpportunity: conversions.reachedOpportunity,
  reachedWon: conversions.reachedWon,
};
type DealRow = {
  id: number;
  kind: string;
  occurredAt: Date;
  amount: string | null;
  currency: string | null;
  isNew: boolean;
  reachedLead: boolean;
  reachedOpportunity: boolean;
  reachedWon: boolean;
};

/** The outcome rollup row a conversion row counts in: its day in company time, whom it credits, its currency. */
function rollupKey(row: DealRow, to: Attribution | null, timeZone: string) {
  return {
    day: dayIn(timeZone, row.occurredAt),
    advocateId: to?.advocateId ?? null,
    postId: to?.postId ?? null,
    network: to?.network ?? null,
    currency: row.amount ? row.currency! : "",
  };
}

/** What one conversion row adds to the outcome rollup (as the rebuild counts it), times `sign`. */
function contribution(row: DealRow, sign: 1 | -1) {
  const amount = (kind: string) => (row.kind === kind && row.amount ? `${sign < 0 ? "-" : ""}${row.amount}` : "0");
  return {
    conversions: row.isNew ? sign : 0,
    leads: row.reachedLead ? sign : 0,
    signups: row.kind === "signup" ? sign : 0,
    opportunities: row.reachedOpportunity ? sign : 0,
    won: row.reachedWon ? sign : 0,
    pipeline: amount("opportunity"),
    revenue: amount("won"),
  };
}

/** Moves an unattributed deal's rows, and what they added to the rollup, to the advocate the code credits. */
async function creditDeal(tx: Tx, deal: DealRow[], to: Attribution, timeZone: string): Promise<void> {
  for (const row of deal) {
    const key = rollupKey(row, null, timeZone);
    await addToOutcomeRollup(tx, key, contribution(row, -1));
    // Emptied, the unattributed row goes: the rollup holds no row that a rebuild would not.
    await tx.execute(sql`
      delete from rollup_outcomes
      where day = ${key.day}::date and advocate_id is null and post_id is null and network is null
        and currency = ${key.currency} and conversions = 0 and leads = 0 and signups = 0 and opportunities = 0
        and won = 0 and pipeline = 0 and revenue = 0`);
    await addToOutcomeRollup(tx, rollupKey(row, to, timeZone), contribution(row, 1));
    await tx
      .update(conversions)
      .set({
        linkId: to.linkId,
        advocateId: to.advocateId,
        postId: to.postId,
        network: to.network,
        resharerId: to.resharerId,
      })
      .where(eq(conversions.id, row.id));
  }
}

/**
 * Records one conversion in `tx`, idempotent by (kind, external id). A lead, opportunity or won event for an
 * external id already seen moves that deal along the funnel and keeps the deal's first attribution. Attribution
 * is by link code, within the admin's window from the visitor's first click (`clickedAt`; without it, from when
 * the link was made, which is never later); otherwise the conversion counts for the company and nobody.
 * The rollup is written in the same transaction; an advisory lock per external id serialises concurrent
 * deliveries of one deal on every server.
 */
export async function recordConversionIn(
  tx: Tx,
  input: ConversionFields,
  { source, settings, now }: { source: ConversionSource; settings: Settings; now: Date },
): Promise<ConversionResult> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`conversion:${input.externalId}`}))`);
  const occurredAt = input.occurredAt ?? now;
  const [existing] = await tx
    .select({ id: conversions.id, amount: conversions.amount, currency: conversions.currency })
    .from(conversions)
    .where(and(eq(conversions.kind, input.kind), eq(conversions.externalId, input.externalId)))
    .limit(1);
  if (existing) {
    const differs =
      (input.amount !== null && (existing.amount === null || Number(existing.amount) !== Number(input.amount))) ||
      (input.currency !== null && input.currency !== existing.currency);
    if (differs) {
      await tx
        .insert(conversionConflicts)
        .values({ conversionId: existing.id, amount: input.amount, currency: input.currency, source });
      log.warn("conversion redelivered with a different amount; the first amount stands", {
        conversionId: existing.id,
        kind: input.kind,
        source,
      });
    }
    const [stored] = await tx
      .select({ advocateId: conversions.advocateId, resharerId: conversions.resharerId })
      .from(conversions)
      .where(eq(conversions.id, existing.id));
    return {
      id: existing.id,
      recorded: false,
      attributed: !!stored?.advocateId,
      advocateId: stored?.advocateId ?? null,
      resharerId: stored?.resharerId ?? null,
      unattributedReason: null,
      conflict: differs ? { storedAmount: existing.amount, storedCurrency: existing.currency } : null,
    };
  }

  // A deal's earlier stages: the new event inherits their attribution and adds only the stages not yet reached.
  const deal = isFunnelKind(input.kind)
    ? await tx
        .select({
          ...DEAL_ROW,
          linkId: conversions.linkId,
          advocateId: conversions.advocateId,
          postId: conversions.postId,
          network: conversions.network,
          resharerId: conversions.resharerId,
        })
        .from(conversions)
        .where(and(eq(conversions.externalId, input.externalId), inArray(conversions.kind, [...FUNNEL_KINDS])))
        .orderBy(conversions.id)
    : [];
  let attribution: Attribution | null = null;
  let unattributedReason: ConversionResult["unattributedReason"] = null;
  if (deal.length) {
    const first = deal[0]!;
    attribution = first.advocateId
      ? {
          linkId: first.linkId!,
          advocateId: first.advocateId,
          postId: first.postId!,
          network: first.network!,
          resharerId: first.resharerId,
        }
      : null;
    // A later stage delivered before the one that carries the code (a CRM's "won" before the browser's lead):
    // the code, when it credits someone, credits the whole deal, its earlier rows and their rollups too.
    if (!attribution && input.code) {
      attribution = (await attributionFor(tx, input, occurredAt, settings)).attribution;
      if (attribution) await creditDeal(tx, deal, attribution, settings.timeZone);
    }
  } else {
    ({ attribution, unattributedReason } = await attributionFor(tx, input, occurredAt, settings));
  }

  const reachedBefore = Math.max(0, ...deal.map((row) => STAGE[row.kind as keyof typeof STAGE] ?? 0));
  const stage = isFunnelKind(input.kind) ? STAGE[input.kind] : 0;
  const reaches = (n: number) => stage >= n && reachedBefore < n;
  const isNew = !deal.length;
  const [row] = await tx
    .insert(conversions)
    .values({
      kind: input.kind,
      externalId: input.externalId,
      amount: input.amount,
      currency: input.amount ? input.currency : null,
      occurredAt,
      code: input.code,
      linkId: attribution?.linkId ?? null,
      advocateId: attribution?.advocateId ?? null,
      postId: attribution?.postId ?? null,
      network: attribution?.network ?? null,
      resharerId: attribution?.resharerId ?? null,
      source,
      isNew,
      reachedLead: reaches(1),
      reachedOpportunity: reaches(2),
      reachedWon: reaches(3),
    })
    .onConflictDoNothing()
    .returning(DEAL_ROW);
  if (!row) throw new DomainError("conflict", "This conversion was recorded at the same moment; send it again.");
  await addToOutcomeRollup(tx, rollupKey(row, attribution, settings.timeZone), contribution(row, 1));
  return {
    id: row.id,
    recorded: true,
    attributed: !!attribution,
    advocateId: attribution?.advocateId ?? null,
    resharerId: attribution?.resharerId ?? null,
    unattributedReason: attribution ? null : (unattributedReason ?? "no_code"),
    conflict: null,
  };
}

/**
 * The one way in for every source (signed server event, browser, CSV row): validates the raw input against the
 * rules and the admin's settings, then records it in its own transaction. Bad input is a DomainError with fields.
 */
export async function recordConversion(
  raw: unknown,
  { source, amountCap, now = new Date() }: { source: ConversionSource; amountCap?: number; now?: Date },
): Promise<ConversionResult> {
  const parsed = conversionFields.safeParse(raw);
  if (!parsed.success)
    throw new DomainError(
      "invalid",
      "The conversion has invalid fields.",
      parsed.error.flatten().fieldErrors as Record<string, string[]>,
    );
  const settings = await getSettings();
  const errors = conversionRuleErrors(parsed.data, {
    customKinds: settings.conversionKinds,
    amountCap,
    now,
  });
  if (Object.keys(errors).length) throw new DomainError("invalid", "The conversion has invalid fields.", errors);
  return db.transaction((tx) => recordConversionIn(tx, parsed.data, { source, settings, now }));
}
