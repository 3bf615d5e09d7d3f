import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

export type CsvColumn<T> = { header: string; value: (row: T) => string | number | null };

/**
 * A spreadsheet opens a cell that starts with = + - @ (or a tab or carriage return) as a formula; names
 * and titles come from users, so such text is prefixed with ' (OWASP's advice). Numbers are left alone.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A CSV download streamed as it is written: csv-stringify quotes fields with commas, quotes or line breaks
 * (doubling quotes, RFC 4180), a byte-order mark tells Excel it is UTF-8, and the body is a web
 * ReadableStream fed with backpressure from the rows.
 */
export function csvResponse<T>(
  filename: string,
  columns: CsvColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
): Response {
  const stringifier = stringify({
    header: true,
    columns: columns.map((column) => column.header),
    bom: true,
    cast: { string: neutralizeFormula },
  });
  async function* records() {
    for await (const row of rows) yield columns.map((column) => column.value(row) ?? "");
  }
  const source = Readable.from(records());
  source.on("error", (error) => stringifier.destroy(error));
  source.pipe(stringifier);
  return new Response(Readable.toWeb(stringifier) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // An ASCII name for old clients, and the real one (a team called "Équipe Nord") for the rest (RFC 6266).
      "Content-Disposition": `attachment; filename="${filename
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^\w.-]+/g, "-")}"; filename*=UTF-8''${encodeURIComponent(filename.replace(/\s+/g, "-"))}`,
      "Cache-Control": "no-store",
    },
  });
}
