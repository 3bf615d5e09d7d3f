import { db } from "@/db/client";
import { type CsvTableError, type CsvTableRow, parseCsvTable } from "@/lib/import";
import { parseIsoDateTime } from "@/lib/validation";
import { recordConversionIn } from "@/lib/outcomes/record";
import { conversionFields, conversionRuleErrors, type ConversionFields } from "@/lib/outcomes/rules";
import { getSettings, type Settings } from "@/lib/settings";

/** A CRM export of conversions: the columns a CSV may have (external_id, kind and date are required). */
export const CONVERSION_COLUMNS = ["external_id", "code", "kind", "amount", "currency", "date"] as const;
export type ConversionColumn = (typeof CONVERSION_COLUMNS)[number];
const SPEC = {
  columns: CONVERSION_COLUMNS,
  required: ["external_id", "kind", "date"] as ConversionColumn[],
  noun: "conversions",
};
export type ConversionImportError = CsvTableError<ConversionColumn>;

const COLUMN_OF: Record<string, ConversionColumn> = {
  externalId: "external_id",
  code: "code",
  kind: "kind",
  amount: "amount",
  currency: "currency",
  occurredAt: "date",
};

/** Every row checked (never stopping at the first bad one), and the same (kind, external id) twice in a file refused. */
function validateRows(
  rows: CsvTableRow<ConversionColumn>[],
  settings: Settings,
  now: Date,
): { conversions: { line: number; input: ConversionFields }[]; errors: ConversionImportError[] } {
  const conversions: { line: number; input: ConversionFields }[] = [];
  const errors: ConversionImportError[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const rowErrors: ConversionImportError[] = [];
    const date = values.date.trim() ? (parseIsoDateTime(values.date)?.toISOString() ?? null) : null;
    if (!date)
      rowErrors.push({ line, field: "date", message: "Use an ISO 8601 date or date and time, e.g. 2026-05-01" });
    const parsed = conversionFields.safeParse({
      kind: values.kind,
      externalId: values.external_id,
      code: values.code,
      amount: values.amount,
      currency: values.currency,
      occurredAt: date ?? undefined,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = COLUMN_OF[String(issue.path[0])] ?? null;
        if (!rowErrors.some((error) => error.field === field)) rowErrors.push({ line, field, message: issue.message });
      }
    } else {
      const rules = conversionRuleErrors(parsed.data, { customKinds: settings.conversionKinds, now });
      for (const [field, messages] of Object.entries(rules))
        for (const message of messages) rowErrors.push({ line, field: COLUMN_OF[field] ?? null, message });
      const key = `${parsed.data.kind}\u0000${parsed.data.externalId}`;
      const first = seen.get(key);
      if (first !== undefined)
        rowErrors.push({ line, field: "external_id", message: `The same kind and external id are on line ${first}` });
      else seen.set(key, line);
      if (!rowErrors.length) conversions.push({ line, input: parsed.data });
    }
    errors.push(...rowErrors);
  }
  return { conversions, errors };
}

export type ConversionPreviewRow = { line: number; errors: number } & Record<ConversionColumn, string>;

/** The dry run: the first rows as a table, the count and every error; nothing is written. */
export async function previewConversionImport(text: string, now = new Date()) {
  const parsed = parseCsvTable(text, SPEC);
  if (parsed.errors.length) return { total: parsed.rows.length, rows: [], errors: parsed.errors };
  const { errors } = validateRows(parsed.rows, await getSettings(), now);
  const rows: ConversionPreviewRow[] = parsed.rows.slice(0, 50).map(({ line, values }) => ({
    line,
    ...values,
    errors: errors.filter((error) => error.line === line).length,
  }));
  return { total: parsed.rows.length, rows, errors };
}

export type ConversionImportResult =
  | { ok: true; recorded: number; duplicates: number; attributed: number }
  | { ok: false; errors: ConversionImportError[] };

class Rejected extends Error {
  constructor(readonly errors: ConversionImportError[]) {
    super("import rejected");
  }
}

/**
 * Imports the file all or nothing, in one transaction: rows the CRM sent before (same kind, external id and
 * amount) are counted as duplicates; a row whose amount differs from the recorded one is an error on its line
 * (the first amount stands), and then nothing of the file is kept.
 */
export async function importConversions(text: string, now = new Date()): Promise<ConversionImportResult> {
  const parsed = parseCsvTable(text, SPEC);
  if (parsed.errors.length) return { ok: false, errors: parsed.errors };
  const settings = await getSettings();
  const { conversions, errors } = validateRows(parsed.rows, settings, now);
  if (errors.length) return { ok: false, errors };
  try {
    return await db.transaction(async (tx) => {
      const counts = { recorded: 0, duplicates: 0, attributed: 0 };
      const conflicts: ConversionImportError[] = [];
      for (const { line, input } of conversions) {
        const result = await recordConversionIn(tx, input, { source: "import", settings, now });
        if (result.conflict)
          conflicts.push({
            line,
            field: "amount",
            message:
              `Already recorded with ${result.conflict.storedAmount ?? "no amount"} ${result.conflict.storedCurrency ?? ""}; the first amount stands`.trim(),
          });
        else if (result.recorded) {
          counts.recorded++;
          if (result.attributed) counts.attributed++;
        } else counts.duplicates++;
      }
      if (conflicts.length) throw new Rejected(conflicts);
      return { ok: true as const, ...counts };
    });
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, errors: error.errors };
    throw error;
  }
}
