import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { num, tableBox, td, th } from "@/components/report/section";
import { requirePermission } from "@/lib/auth";
import { getQuarterReport } from "@/lib/outcomes/quarter-report";
import { TableBox } from "@/components/table-box";

export const metadata: Metadata = { title: "Quarterly report" };

/** One quarter's report as it was mailed; the print stylesheet (app/globals.css) leaves out the navigation. */
export default async function QuarterReportPage({ params }: { params: Promise<{ quarter: string }> }) {
  const { quarter } = await params;
  await requirePermission("outcomes.read", `/outcomes/quarters/${quarter}`);
  const report = /^\d{4}-Q[1-4]$/.test(quarter) ? await getQuarterReport(quarter) : null;
  if (!report) notFound();
  const { figures } = report;
  const sections = [...new Set(figures.rows.map((row) => row.section))];
  return (
    <article className="quarter-report">
      <h1 className="text-2xl font-semibold">Chorus management report, {figures.quarter}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {figures.from} to {figures.to}. Amounts per currency, never converted.{" "}
        <a
          href={`/api/outcomes/quarters/${figures.quarter}`}
          download
          className="text-indigo-700 underline print:hidden"
        >
          Download the CSV
        </a>
      </p>
      {sections.map((section) => (
        <section key={section} className="mt-6 break-inside-avoid" aria-labelledby={`s-${section}`}>
          <h2 id={`s-${section}`} className="text-lg font-semibold">
            {section}
          </h2>
          <TableBox
            className={tableBox}
            head={
              <>
                <th scope="col" className={th}>
                  Measure
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Value
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Target
                </th>
                <th scope="col" className={th}>
                  Status
                </th>
              </>
            }
          >
            {figures.rows
              .filter((row) => row.section === section)
              .map((row) => (
                <tr key={row.measure} className="border-t border-slate-100">
                  <td className={td}>{row.measure}</td>
                  <td className={num}>{row.value}</td>
                  <td className={num}>{row.target || "—"}</td>
                  <td className={td}>{row.status || "—"}</td>
                </tr>
              ))}
          </TableBox>
        </section>
      ))}
    </article>
  );
}
