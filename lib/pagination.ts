import { asc, desc, gt, lt, type AnyColumn, type SQL } from "drizzle-orm";
import type { Cursor } from "@/lib/filters";

/** How far an offset-paged list skips for a page number. */
export const offsetOf = (page: number, pageSize: number) => (page - 1) * pageSize;

/** An ILIKE pattern matching `text` anywhere, with the user's own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type LogPage<T> = { items: T[]; newer: number | null; older: number | null };

/**
 * One page of an append-only log, newest first, paged by its id (keyset): rows that arrive while someone reads
 * never shift the older pages, and each page is an index range however long the log grows. `newer` and `older`
 * are the cursors for the neighbouring pages, null when there is nothing that way.
 * `fetch` runs the log's own query with one more condition, an order and a limit.
 */
export async function keysetPage<T extends { id: number }>(
  id: AnyColumn,
  cursor: Cursor,
  pageSize: number,
  fetch: (range: SQL | undefined, order: SQL, limit: number) => Promise<T[]>,
): Promise<LogPage<T>> {
  const items =
    cursor.after !== undefined
      ? (await fetch(gt(id, cursor.after), asc(id), pageSize)).reverse()
      : await fetch(cursor.before !== undefined ? lt(id, cursor.before) : undefined, desc(id), pageSize);
  if (!items.length) return { items, newer: null, older: null };
  const newest = items[0]!.id;
  const oldest = items.at(-1)!.id;
  const [newer, older] = await Promise.all([fetch(gt(id, newest), asc(id), 1), fetch(lt(id, oldest), desc(id), 1)]);
  return { items, newer: newer.length ? newest : null, older: older.length ? oldest : null };
}
