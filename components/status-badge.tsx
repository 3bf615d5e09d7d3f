const STYLES = {
  draft: "bg-slate-100 text-slate-800",
  in_review: "bg-amber-100 text-amber-900",
  approved: "bg-green-100 text-green-900",
  archived: "bg-slate-200 text-slate-600",
} as const;

export const STATUS_LABELS = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  archived: "Archived",
} as const;

export function StatusBadge({ status }: { status: keyof typeof STYLES }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>{STATUS_LABELS[status]}</span>
  );
}
