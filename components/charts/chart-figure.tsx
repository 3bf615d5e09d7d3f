import type { ReactNode } from "react";

export type ChartTable = { caption: string; columns: string[]; rows: (string | number)[][] };

/**
 * A chart with its text alternative: the drawing is hidden from assistive technology, which reads a
 * one-sentence summary instead, and anyone can open the numbers behind it as a table. Without `table`, the
 * numbers are a visible table beside the chart already.
 */
export function ChartFigure({
  title,
  summary,
  table,
  children,
  testId,
}: {
  title: string;
  summary: string;
  table?: ChartTable;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <figcaption className="text-sm font-semibold text-slate-800">{title}</figcaption>
      <p className="sr-only">{summary}</p>
      {/* The drawing is for the eye (its charts have no keyboard layer); the summary and the table carry the data. */}
      <div aria-hidden="true" className="mt-3">
        {children}
      </div>
      {table && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-indigo-700">Show the numbers</summary>
          <div className="mt-2 max-h-72 overflow-auto">
            <table className="w-full text-left text-xs">
              <caption className="sr-only">{table.caption}</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  {table.columns.map((column, i) => (
                    <th key={column} scope="col" className={`px-2 py-1 font-medium ${i ? "text-right" : ""}`}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={String(row[0])} className="border-t border-slate-100">
                    {row.map((cell, i) =>
                      i === 0 ? (
                        <th key={table.columns[i]} scope="row" className="px-2 py-1 font-normal">
                          {cell}
                        </th>
                      ) : (
                        <td key={table.columns[i]} className="px-2 py-1 text-right tabular-nums">
                          {typeof cell === "number" ? cell.toLocaleString("en") : cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
