import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import type { Cursor } from "@/lib/filters";
import { keysetPage } from "@/lib/pagination";

export const AUDIT_PAGE_SIZE = 50;

/** An audit action as the trail names them (`user.invite`, `settings.update`), for the trail's filter. */
export const auditAction = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/);

/**
 * A page of the audit trail, newest first, optionally one action only; paged by id so new
 * events never shift older pages.
 */
export async function listAuditEvents(
  { cursor = {}, action }: { cursor?: Cursor; action?: string } = {},
  pageSize = AUDIT_PAGE_SIZE,
) {
  return keysetPage(auditEvents.id, cursor, pageSize, (range, order, limit) =>
    db
      .select({
        id: auditEvents.id,
        action: auditEvents.action,
        target: auditEvents.target,
        details: auditEvents.details,
        createdAt: auditEvents.createdAt,
        actor: users.email,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(and(action ? eq(auditEvents.action, action) : undefined, range))
      .orderBy(order)
      .limit(limit),
  );
}

/** The actions the trail holds, for its filter. */
export async function auditActions(): Promise<string[]> {
  const found = await db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .orderBy(asc(auditEvents.action));
  return found.map((row) => row.action);
}
