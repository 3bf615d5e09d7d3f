/**
 * Stands in for a list while its rows load (a Suspense fallback below the page's heading and filters, so the
 * permission check and its 403 still happen before anything streams).
 */
export function ListLoading({ what, rows = 5 }: { what: string; rows?: number }) {
  return (
    <div className="mt-4" aria-busy="true" data-testid="list-loading">
      <p className="sr-only">Loading {what}…</p>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders, never reordered
        <div key={i} aria-hidden="true" className="mb-2 h-12 animate-pulse rounded-md bg-slate-100" />
      ))}
    </div>
  );
}
