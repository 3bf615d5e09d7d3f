import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { conversions } from "@/db/schema";
import type { ApiConversion } from "@/lib/api/schemas";
import { decodeCursor, encodeCursor } from "@/lib/api/v1";
import { rowId } from "@/lib/validation";

const idCursor = z.tuple([rowId]);

/** Conversions for the public API, newest first, a page at a time by id. */
export async function listConversions({
  limit,
  cursor,
  kind,
}: {
  limit: number;
  cursor?: string;
  kind?: string;
}): Promise<{ items: ApiConversion[]; nextCursor: string | null }> {
  const after = decodeCursor(idCursor, cursor);
  const found = await db
    .select({
      id: conversions.id,
      kind: conversions.kind,
      externalId: conversions.externalId,
      amount: conversions.amount,
      currency: conversions.currency,
      occurredAt: conversions.occurredAt,
      code: conversions.code,
      advocateId: conversions.advocateId,
      resharerId: conversions.resharerId,
      postId: conversions.postId,
      network: conversions.network,
      source: conversions.source,
    })
    .from(conversions)
    .where(and(kind ? eq(conversions.kind, kind) : undefined, after ? lt(conversions.id, after[0]) : undefined))
    .orderBy(desc(conversions.id))
    .limit(limit + 1);
  const more = found.length > limit;
  const shown = more ? found.slice(0, limit) : found;
  return {
    items: shown.map((row) => ({
      ...row,
      amount: row.amount === null ? null : Number(row.amount).toString(),
      occurredAt: row.occurredAt.toISOString(),
      attributed: row.advocateId !== null,
      source: row.source as ApiConversion["source"],
    })),
    nextCursor: more ? encodeCursor([shown.at(-1)!.id]) : null,
  };
}
