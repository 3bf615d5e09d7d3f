import type { Metadata } from "next";
import { CsvHeaderRow } from "@/components/csv-header-row";
import { requirePermission } from "@/lib/auth";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/import";
import { CONVERSION_COLUMNS } from "@/lib/outcomes/import";
import { ConversionImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import conversions" };

export default async function ConversionImportPage() {
  await requirePermission("outcomes.import", "/outcomes/import");
  return (
    <>
      <h1 className="text-2xl font-semibold">Import conversions from your CRM</h1>
      <div className="mt-2 max-w-3xl space-y-2 text-sm text-slate-600">
        <p>
          A CSV export with the columns below; <strong>external_id</strong>, <strong>kind</strong> and{" "}
          <strong>date</strong> are required. No names or email addresses: the external id is the CRM&apos;s own.
        </p>
        <CsvHeaderRow columns={CONVERSION_COLUMNS} />
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <strong>kind</strong>: lead, signup, opportunity, won or one of the admin&apos;s own kinds. The same
            external id as lead, then opportunity, then won is one deal moving along the funnel.
          </li>
          <li>
            <strong>code</strong>: the tracked link&apos;s code (the <code>chorus_code</code> form field); unknown or
            empty codes are imported as unattributed.
          </li>
          <li>
            <strong>amount</strong> and <strong>currency</strong> (ISO 4217): only on opportunity and won.
          </li>
          <li>
            <strong>date</strong>: ISO 8601, e.g. <code>2026-05-01</code> or <code>2026-05-01T09:00:00Z</code>.
          </li>
        </ul>
        <p>
          Preview checks every line first. The import is all or nothing; rows already imported with the same amount are
          counted as duplicates, a different amount is an error (the first amount stands). At most{" "}
          {IMPORT_MAX_ROWS.toLocaleString("en")} rows and {IMPORT_MAX_BYTES / 1024 / 1024} MB per file.
        </p>
      </div>
      <ConversionImportForm maxBytes={IMPORT_MAX_BYTES} />
    </>
  );
}
