import { sql } from "drizzle-orm";
import { rows, type Tx } from "@/db/client";
import { reshares, type Network } from "@/db/schema";
import { addToRollup } from "@/lib/rollups";
import { getSettings } from "@/lib/settings";
import { dayIn } from "@/lib/time";

export type ParentLink = { id: number; advocateId: string; postId: number; network: Network };

/** Credits the parent link's advocate with `count` reshares at `at`: the raw row and its rollup, in `tx`. */
export async function creditReshare(
  tx: Tx,
  parent: ParentLink,
  reshare: { kind: "internal" | "embed" | "reported"; childLinkId?: number; eventId?: string; count?: number },
  at = new Date(),
): Promise<boolean> {
  const count = reshare.count ?? 1;
  const inserted = await tx
    .insert(reshares)
    .values({
      linkId: parent.id,
      advocateId: parent.advocateId,
      kind: reshare.kind,
      childLinkId: reshare.childLinkId ?? null,
      eventId: reshare.eventId ?? null,
      count,
      createdAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: reshares.id });
  if (!inserted.length) return false;
  const { timeZone } = await getSettings(tx);
  await addToRollup(
    tx,
    { day: dayIn(timeZone, at), advocateId: parent.advocateId, postId: parent.postId, network: parent.network },
    { reshares: count },
  );
  return true;
}

/** A child link asked for through /embed.js can earn its reshare only from a click this soon after. */
export const EMBED_CREDIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A counted click as the embed rule needs it: the visitor's address hashed under its day and the day before. */
export type CountedClick = { linkId: number; at: Date; addressHash: string; previousAddressHash: string };

type WaitingChild = {
  id: number;
  requester: string;
  created_at: string | Date;
  parent_id: number;
  advocate_id: string;
  post_id: number;
  network: Network;
};

/**
 * External reshares are credited here, in the click writer's transaction, never when the link is asked for: a
 * script can ask for child links from any Origin and with any headers, but cannot make someone else open one.
 * A child link credits its parent once, on the first counted click within 24 h of its making that comes from
 * another network address than the one that asked for it, and a parent link earns at most
 * `embedReshareDailyCap` such credits a day (company time zone). The click writer's advisory lock serialises
 * this across app servers. Returns the number of reshares credited.
 */
export async function creditEmbedReshares(tx: Tx, clicks: CountedClick[]): Promise<number> {
  if (!clicks.length) return 0;
  const ids = [...new Set(clicks.map((c) => c.linkId))];
  const waiting = await rows<WaitingChild>(
    sql`select l.id, l.requester_address_hash as requester, l.created_at, p.id as parent_id, p.advocate_id,
               p.post_id, p.network
        from tracked_links l join tracked_links p on p.id = l.parent_link_id
        where l.id = any(${sql.param(ids)}::int[]) and l.origin = 'embed' and l.requester_address_hash is not null
          and not exists (select 1 from ${reshares} r where r.child_link_id = l.id)`,
    tx,
  );
  if (!waiting.length) return 0;
  const children = new Map(waiting.map((child) => [child.id, child]));
  const { timeZone, embedReshareDailyCap } = await getSettings(tx);
  const creditedOn = new Map<string, number>();
  let credited = 0;
  for (const click of clicks) {
    const child = children.get(click.linkId);
    if (!child) continue;
    const age = click.at.getTime() - new Date(child.created_at).getTime();
    if (age < 0 || age >= EMBED_CREDIT_WINDOW_MS) continue;
    // The requester's hash was made on the link's day: today's or, past midnight, yesterday's salt.
    if (click.addressHash === child.requester || click.previousAddressHash === child.requester) continue;
    const day = dayIn(timeZone, click.at);
    const key = `${child.parent_id}|${day}`;
    let already = creditedOn.get(key);
    if (already === undefined) {
      const [row] = await rows<{ n: number }>(
        sql`select count(*)::int as n from ${reshares}
            where link_id = ${child.parent_id} and kind = 'embed'
              and (created_at at time zone ${timeZone})::date = ${day}::date`,
        tx,
      );
      already = row?.n ?? 0;
    }
    if (already >= embedReshareDailyCap) {
      creditedOn.set(key, already);
      continue;
    }
    const parent = {
      id: child.parent_id,
      advocateId: child.advocate_id,
      postId: child.post_id,
      network: child.network,
    };
    if (await creditReshare(tx, parent, { kind: "embed", childLinkId: child.id }, click.at)) {
      already++;
      credited++;
    }
    creditedOn.set(key, already);
    children.delete(child.id);
  }
  return credited;
}
