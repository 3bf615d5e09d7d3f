import { LocalDate } from "@/components/local-date";
import { STATUS_LABELS } from "@/components/status-badge";
import type { getPostHistory } from "@/lib/posts";

/** Who moved the post from which status to which, with their comments. */
export function PostHistory({ history }: { history: Awaited<ReturnType<typeof getPostHistory>> }) {
  return (
    <section aria-labelledby="history-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="history-heading" className="text-sm font-semibold text-slate-700">
        History
      </h2>
      <ol className="mt-3 space-y-3 text-sm" data-testid="post-history">
        {history.map((event) => (
          <li key={event.id} className="border-l-2 border-slate-200 pl-3">
            <p>
              <span className="font-medium">{event.actor ?? event.actorEmail}</span>{" "}
              {event.fromStatus ? (
                <>
                  moved it from {STATUS_LABELS[event.fromStatus]} to {STATUS_LABELS[event.toStatus]}
                </>
              ) : (
                <>created it as {STATUS_LABELS[event.toStatus]}</>
              )}
              {" · "}
              <span className="text-slate-500">
                <LocalDate value={event.at} />
              </span>
            </p>
            {event.comment && (
              <p className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 text-slate-700">“{event.comment}”</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
