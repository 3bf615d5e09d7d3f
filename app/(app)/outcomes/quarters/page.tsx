import type { Metadata } from "next";
import Link from "next/link";
import { LocalDate } from "@/components/local-date";
import { requirePermission } from "@/lib/auth";
import { listQuarterReports } from "@/lib/outcomes/quarter-report";

export const metadata: Metadata = { title: "Quarterly reports" };

export default async function QuarterReportsPage() {
  await requirePermission("outcomes.read", "/outcomes/quarters");
  const reports = await listQuarterReports();
  return (
    <>
      <h1 className="text-2xl font-semibold">Quarterly management reports</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        When a quarter ends (company time zone), its figures against the targets are mailed to every leader and admin
        with a CSV, and kept here as sent.
      </p>
      {reports.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No quarter has ended since outcomes were switched on.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {reports.map((report) => (
            <li key={report.quarter} className="flex justify-between px-3 py-2">
              <Link href={`/outcomes/quarters/${report.quarter}`} className="font-medium text-indigo-700 underline">
                {report.quarter}
              </Link>
              <span className="text-slate-500">
                sent <LocalDate value={report.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
