import Link from "next/link";

/**
 * Newer / older between pages of a newest-first log paged by id (`?after=` / `?before=`),
 * with a way back to the newest.
 */
export function LogPager({
  newer,
  older,
  href,
  label,
}: {
  newer: number | null;
  older: number | null;
  href: (cursor: { after?: number; before?: number }) => string;
  label: string;
}) {
  if (newer === null && older === null) return null;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
      {newer !== null ? (
        <span className="flex gap-4">
          <Link className="text-indigo-700 underline" href={href({})}>
            ⇤ Newest
          </Link>
          <Link className="text-indigo-700 underline" href={href({ after: newer })}>
            ← Newer
          </Link>
        </span>
      ) : (
        <span />
      )}
      {older !== null ? (
        <Link className="text-indigo-700 underline" href={href({ before: older })}>
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
