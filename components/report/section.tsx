import type { ReactNode } from "react";

/** A report section: heading, an optional CSV download of its table, then the content. */
export function Section({
  title,
  exportHref,
  children,
  testId,
}: {
  title: string;
  exportHref?: string;
  children: ReactNode;
  testId?: string;
}) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="mt-8" data-testid={testId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {exportHref && (
          <a
            href={exportHref}
            download
            className="text-sm font-medium text-indigo-700 underline"
            data-testid="export-csv"
          >
            Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
          </a>
        )}
      </div>
      {children}
    </section>
  );
}

export const tableBox = "mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white";
export const th = "px-3 py-2 font-medium";
export const td = "px-3 py-2";
export const num = "px-3 py-2 text-right tabular-nums";

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
      {children}
    </p>
  );
}
