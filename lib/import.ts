import { CsvError, parse } from "csv-parse/sync";
import type { NextResponse } from "next/server";
import { db, type Tx } from "@/db/client";
import { postEvents, postHashtags, posts as postsTable, postTeams, postVariants, teams } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { campaignOptions } from "@/lib/campaigns";
import { apiError } from "@/lib/api/errors";
import { hashtagStates } from "@/lib/hashtags";
import { readForm } from "@/lib/api/body";
import { LOCALES, type Locale } from "@/lib/locale";
import { postColumns, variantRows } from "@/lib/posts";
import {
  EARLIEST_YEAR,
  LATEST_YEAR,
  parseIsoDateTime,
  postInput,
  type PostFields,
  type PostVariantInput,
} from "@/lib/validation";

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;
export const PREVIEW_ROWS = 50;
/** Rows written between two progress reports. */
const BATCH = 100;

/** The columns of a post in its own language; `language` names it (empty: English). */
export const IMPORT_MAIN_COLUMNS = [
  "title",
  "url",
  "commentary",
  "commentary_linkedin",
  "commentary_x",
  "commentary_facebook",
  "hashtags",
  "campaign",
  "teams",
  "publish_at",
  "expire_at",
  "language",
] as const;

/** A variant's texts and their columns, which carry the language as a suffix: title_fr, commentary_x_de. */
const VARIANT_COLUMNS = {
  title: "title",
  commentary: "commentary",
  commentaryLinkedin: "commentary_linkedin",
  commentaryX: "commentary_x",
  commentaryFacebook: "commentary_facebook",
} as const satisfies Record<keyof PostVariantInput, string>;
type VariantColumn = `${(typeof VARIANT_COLUMNS)[keyof typeof VARIANT_COLUMNS]}_${Locale}`;
const variantColumn = (field: keyof PostVariantInput, language: Locale): VariantColumn =>
  `${VARIANT_COLUMNS[field]}_${language}`;
const VARIANT_FIELDS = Object.keys(VARIANT_COLUMNS) as (keyof PostVariantInput)[];

export type ImportColumn = (typeof IMPORT_MAIN_COLUMNS)[number] | VariantColumn;
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  ...IMPORT_MAIN_COLUMNS,
  ...LOCALES.flatMap((language) => VARIANT_FIELDS.map((field) => variantColumn(field, language))),
];
const REQUIRED: ImportColumn[] = ["title", "url"];

/** A header like title_it: a variant column in a language Chorus does not speak. */
function unknownLanguageColumn(name: string): string | null {
  const match =
    /^(title|commentary|commentary_linkedin|commentary_x|commentary_facebook)_([a-z]{2,3}(?:-[a-z]+)?)$/.exec(name);
  if (!match) return null;
  return `Column “${name}”: “${match[2]}” is not one of the languages (${LOCALES.join(", ")})`;
}

/** A problem with the file: `line` is the CSV line (the header is line 1); null for the file as a whole. */
export type ImportError = { line: number | null; field: ImportColumn | null; message: string };
export type CsvRow = { line: number; values: Record<ImportColumn, string> };
export type ImportLookups = {
  hashtags: Map<string, { id: number; retired: boolean }>;
  /** slug → id */
  campaigns: Map<string, number>;
  /** lower-cased name → id */
  teams: Map<string, number>;
};
export type ImportProgress = { done: number; total: number };

export function formatImportError({ line, field, message }: CsvTableError<string>): string {
  if (line === null) return message;
  return field ? `Line ${line}, ${field}: ${message}` : `Line ${line}: ${message}`;
}

/** postInput's field names back to the CSV's column names, so an error names the column the curator wrote. */
const COLUMN_OF: Record<string, ImportColumn> = {
  language: "language",
  title: "title",
  url: "url",
  commentary: "commentary",
  commentaryLinkedin: "commentary_linkedin",
  commentaryX: "commentary_x",
  commentaryFacebook: "commentary_facebook",
  hashtags: "hashtags",
  campaignId: "campaign",
  audience: "teams",
  teamIds: "teams",
  publishAt: "publish_at",
  expireAt: "expire_at",
};

function csvErrorMessage(error: CsvError): string {
  switch (error.code) {
    case "CSV_RECORD_INCONSISTENT_COLUMNS":
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      return 'This line has a different number of fields from the header (a comma inside a value needs "double quotes" around the value)';
    case "CSV_QUOTE_NOT_CLOSED":
      return 'A quoted value is never closed: a " is missing';
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return 'A quote inside a quoted value must be doubled ("")';
    default:
      return "This line is not valid CSV";
  }
}

/**
 * What a CSV import expects: its columns, the ones it cannot do without, and what one row is called;
 * `explainUnknown` may say more about an unknown column than that it is unknown.
 */
export type CsvSpec<C extends string> = {
  columns: readonly C[];
  required: readonly C[];
  noun: string;
  explainUnknown?: (name: string) => string | null;
};
export type CsvTableRow<C extends string> = { line: number; values: Record<C, string> };
export type CsvTableError<C extends string> = { line: number | null; field: C | null; message: string };

/**
 * Reads the CSV into rows with their line numbers. Errors here are about the file's shape (header, quoting,
 * size); the rows' contents are checked by validateImportRows.
 */
export function parseImportCsv(input: string): { rows: CsvRow[]; errors: ImportError[] } {
  return parseCsvTable(input, {
    columns: IMPORT_COLUMNS,
    required: REQUIRED,
    noun: "posts",
    explainUnknown: unknownLanguageColumn,
  });
}

/** The CSV reader every import shares (posts, conversions): header checks, quoting errors, line numbers, a row cap. */
export function parseCsvTable<C extends string>(
  input: string,
  spec: CsvSpec<C>,
): { rows: CsvTableRow<C>[]; errors: CsvTableError<C>[] } {
  const columns = spec.columns as readonly string[];
  // One line ending everywhere, so line numbers are what an editor shows.
  const text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!text.trim()) return { rows: [], errors: [{ line: null, field: null, message: "The file is empty." }] };
  if (text.includes("\u0000"))
    return { rows: [], errors: [{ line: null, field: null, message: "This is not a CSV text file." }] };

  const headerLine = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  let header: string[];
  try {
    header = (parse(headerLine) as string[][])[0]?.map((name) => name.trim().toLowerCase()) ?? [];
  } catch (error) {
    if (error instanceof CsvError)
      return { rows: [], errors: [{ line: 1, field: null, message: csvErrorMessage(error) }] };
    throw error;
  }
  const headerErrors: CsvTableError<C>[] = [];
  const unknown: string[] = [];
  for (const name of header.filter((name) => !columns.includes(name))) {
    const explained = spec.explainUnknown?.(name);
    if (explained) headerErrors.push({ line: 1, field: null, message: explained });
    else unknown.push(name);
  }
  if (unknown.length)
    headerErrors.push({
      line: 1,
      field: null,
      message: `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `“${name}”`).join(", ")}. The columns are: ${columns.join(", ")}`,
    });
  const repeated = header.filter((name, i) => header.indexOf(name) !== i);
  if (repeated.length) headerErrors.push({ line: 1, field: null, message: `Column “${repeated[0]}” appears twice` });
  const missing = spec.required.filter((name) => !header.includes(name));
  if (missing.length)
    headerErrors.push({
      line: 1,
      field: null,
      message: `The header must name the column${missing.length > 1 ? "s" : ""} ${missing.join(" and ")}`,
    });
  if (headerErrors.length) return { rows: [], errors: headerErrors };

  let records: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: () => header,
      info: true,
      raw: true,
      skip_empty_lines: true,
      max_record_size: 100_000,
    });
  } catch (error) {
    if (error instanceof CsvError)
      return {
        rows: [],
        errors: [
          { line: typeof error.lines === "number" ? error.lines : null, field: null, message: csvErrorMessage(error) },
        ],
      };
    throw error;
  }
  if (records.length === 0)
    return { rows: [], errors: [{ line: null, field: null, message: `The file has a header but no ${spec.noun}.` }] };
  if (records.length > IMPORT_MAX_ROWS) {
    return {
      rows: [],
      errors: [
        {
          line: null,
          field: null,
          message: `The file has ${records.length.toLocaleString("en")} ${spec.noun}; at most ${IMPORT_MAX_ROWS.toLocaleString("en")} can be imported at once. Split it into smaller files.`,
        },
      ],
    };
  }
  const rows = records.map(({ record, raw, info }) => {
    // info.lines is where the record ends; a quoted value may span lines, and skipped blank lines lead the raw text.
    const spans = raw.replace(/^\n+/, "").replace(/\n$/, "").split("\n").length - 1;
    const values = Object.fromEntries(spec.columns.map((column) => [column, record[column] ?? ""])) as Record<
      C,
      string
    >;
    return { line: info.lines - spans, values };
  });
  return { rows, errors: [] };
}

/** Turns one CSV row into postInput's fields, resolving names to ids; errors name the CSV column. */
function validateRow(row: CsvRow, lookups: ImportLookups): { input: PostFields | null; errors: ImportError[] } {
  const { values, line } = row;
  const errors: ImportError[] = [];
  const fail = (field: ImportColumn, message: string) => errors.push({ line, field, message });

  const dates: Record<"publish_at" | "expire_at", string> = { publish_at: "", expire_at: "" };
  for (const column of ["publish_at", "expire_at"] as const) {
    if (!values[column].trim()) continue;
    const at = parseIsoDateTime(values[column]);
    if (at) dates[column] = at.toISOString();
    else
      fail(
        column,
        `Use a real ISO 8601 date or date and time between ${EARLIEST_YEAR} and ${LATEST_YEAR}, e.g. 2026-05-01 or 2026-05-01T09:00:00Z`,
      );
  }

  let campaignId = "";
  const slug = values.campaign.trim().toLowerCase();
  if (slug) {
    const id = lookups.campaigns.get(slug);
    if (id) campaignId = String(id);
    else fail("campaign", `No campaign has the slug “${values.campaign.trim()}”`);
  }

  const teamIds: string[] = [];
  for (const name of values.teams
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const id = lookups.teams.get(name.toLowerCase());
    if (id) teamIds.push(String(id));
    else fail("teams", `No team is named “${name}”`);
  }

  const variants: Partial<Record<Locale, Record<string, string>>> = {};
  for (const language of LOCALES) {
    const texts = Object.fromEntries(VARIANT_FIELDS.map((field) => [field, values[variantColumn(field, language)]]));
    // A language with all its columns empty has no variant on this line.
    if (Object.values(texts).some((value) => value.trim())) variants[language] = texts;
  }

  const parsed = postInput.safeParse({
    title: values.title,
    url: values.url,
    commentary: values.commentary,
    commentaryLinkedin: values.commentary_linkedin,
    commentaryX: values.commentary_x,
    commentaryFacebook: values.commentary_facebook,
    hashtags: values.hashtags,
    campaignId,
    audience: teamIds.length ? "teams" : "all",
    teamIds: [...new Set(teamIds)],
    publishAt: dates.publish_at,
    expireAt: dates.expire_at,
    language: values.language.trim().toLowerCase() || undefined,
    variants,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, language, field] = issue.path.map(String);
      const column =
        first === "variants" && language
          ? variantColumn((field ?? "title") as keyof PostVariantInput, language as Locale)
          : COLUMN_OF[String(first)];
      // A column already reported above (an unknown team, a date that is not ISO) is not reported twice.
      if (column && errors.some((error) => error.field === column)) continue;
      errors.push({ line, field: column ?? null, message: issue.message });
    }
    return { input: null, errors };
  }
  for (const tag of parsed.data.hashtags) {
    const state = lookups.hashtags.get(tag);
    if (!state) fail("hashtags", `#${tag} is not in the hashtag list`);
    else if (state.retired) fail("hashtags", `#${tag} is retired and cannot be added to new posts`);
  }
  return errors.length ? { input: null, errors } : { input: parsed.data, errors };
}

/** Validates every row (never stopping at the first bad one) against the managed hashtags, campaigns and teams. */
export function validateImportRows(
  rows: CsvRow[],
  lookups: ImportLookups,
): { posts: { line: number; input: PostFields }[]; errors: ImportError[] } {
  const posts: { line: number; input: PostFields }[] = [];
  const errors: ImportError[] = [];
  for (const row of rows) {
    const result = validateRow(row, lookups);
    if (result.input) posts.push({ line: row.line, input: result.input });
    errors.push(...result.errors);
  }
  return { posts, errors };
}

export async function loadImportLookups(on: Pick<Tx, "select"> = db): Promise<ImportLookups> {
  const [tags, campaignRows, teamRows] = await Promise.all([
    hashtagStates(on),
    campaignOptions(on),
    on.select({ id: teams.id, name: teams.name }).from(teams),
  ]);
  return {
    hashtags: tags,
    campaigns: new Map(campaignRows.map((campaign) => [campaign.slug, campaign.id])),
    teams: new Map(teamRows.map((team) => [team.name.trim().toLowerCase(), team.id])),
  };
}

export type PreviewRow = {
  line: number;
  title: string;
  url: string;
  hashtags: string;
  campaign: string;
  teams: string;
  publishAt: string;
  expireAt: string;
  errors: number;
};

/** The dry run: the first rows as a table, the row count, and every error; nothing is written. */
export async function previewImport(
  text: string,
): Promise<{ total: number; rows: PreviewRow[]; errors: ImportError[] }> {
  const parsed = parseImportCsv(text);
  if (parsed.errors.length) return { total: parsed.rows.length, rows: [], errors: parsed.errors };
  const { errors } = validateImportRows(parsed.rows, await loadImportLookups());
  const rows = parsed.rows.slice(0, PREVIEW_ROWS).map(({ line, values }) => ({
    line,
    title: values.title,
    url: values.url,
    hashtags: values.hashtags,
    campaign: values.campaign,
    teams: values.teams,
    publishAt: values.publish_at,
    expireAt: values.expire_at,
    errors: errors.filter((error) => error.line === line).length,
  }));
  return { total: parsed.rows.length, rows, errors };
}

export type ImportResult = { ok: true; imported: number } | { ok: false; errors: ImportError[] };

/**
 * Writes a batch of validated drafts with a few multi-row statements: the same rows lib/posts insertPost writes
 * (post, hashtags, audience, the audit trail's first event), but at 5,000 rows one statement per row kept the
 * transaction, and on embedded PGlite the whole app, busy for a minute.
 */
async function insertDrafts(
  tx: Tx,
  author: SessionUser,
  batch: { input: PostFields }[],
  lookups: ImportLookups,
): Promise<void> {
  const inserted = await tx
    .insert(postsTable)
    .values(batch.map(({ input }) => ({ ...postColumns(input), authorId: author.id })))
    .returning({ id: postsTable.id });
  // Postgres returns a multi-row VALUES insert's rows in order.
  const ids = inserted.map((row) => row.id);
  const tagRows = batch.flatMap(({ input }, i) =>
    input.hashtags.map((tag) => ({ postId: ids[i]!, hashtagId: lookups.hashtags.get(tag)!.id })),
  );
  const teamRows = batch.flatMap(({ input }, i) =>
    input.audience === "teams" ? (input.teamIds ?? []).map((teamId) => ({ postId: ids[i]!, teamId })) : [],
  );
  const variantRowsOfBatch = batch.flatMap(({ input }, i) => variantRows(ids[i]!, input.variants));
  if (tagRows.length) await tx.insert(postHashtags).values(tagRows);
  if (variantRowsOfBatch.length) await tx.insert(postVariants).values(variantRowsOfBatch);
  if (teamRows.length) await tx.insert(postTeams).values(teamRows);
  await tx
    .insert(postEvents)
    .values(ids.map((postId) => ({ postId, actorId: author.id, fromStatus: null, toStatus: "draft" as const })));
}

/**
 * Imports the file as drafts by `author`, all or nothing: every row is validated first, then all are written in
 * one transaction, so a bad row anywhere leaves the library as it was.
 */
export async function importPosts(
  author: SessionUser,
  text: string,
  onProgress?: (progress: ImportProgress) => void | Promise<void>,
): Promise<ImportResult> {
  const parsed = parseImportCsv(text);
  if (parsed.errors.length) return { ok: false, errors: parsed.errors };
  const total = parsed.rows.length;
  await onProgress?.({ done: 0, total });
  return db.transaction(async (tx) => {
    // Looked up inside the transaction, so what was checked is what the rows are written against.
    const lookups = await loadImportLookups(tx);
    const { posts, errors } = validateImportRows(parsed.rows, lookups);
    if (errors.length) return { ok: false as const, errors };
    for (let start = 0; start < posts.length; start += BATCH) {
      await insertDrafts(tx, author, posts.slice(start, start + BATCH), lookups);
      await onProgress?.({ done: Math.min(start + BATCH, total), total });
    }
    return { ok: true as const, imported: posts.length };
  });
}

/** At most this many errors go back to the browser; the count says how many there were. */
export const ERRORS_SHOWN = 200;

export function describeErrors(errors: CsvTableError<string>[]) {
  return {
    errorCount: errors.length,
    errors: errors.slice(0, ERRORS_SHOWN).map((error) => ({ ...error, text: formatImportError(error) })),
  };
}

const TOO_LARGE = `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it into smaller files.`;
const NOT_UTF8 =
  "The file is not UTF-8 text (accents would come out garbled): " +
  "save it as “CSV UTF-8” in your spreadsheet and upload it again.";

/**
 * The uploaded file (multipart field `file`) as text. The body is read up to the size cap and no further;
 * a file that is not valid UTF-8 (Latin-1 or Windows-1252 from an older spreadsheet) is refused rather than
 * imported with its accents replaced by U+FFFD. A UTF-8 byte-order mark is dropped.
 */
export async function readImportUpload(request: Request): Promise<{ text: string } | { response: NextResponse }> {
  const invalid = (message: string) => ({ response: apiError("invalid", message, { file: [message] }) });
  // The multipart envelope adds a little to the file itself.
  const form = await readForm(request, { limit: IMPORT_MAX_BYTES + 64 * 1024, tooLarge: TOO_LARGE });
  if ("response" in form) return form;
  const file = form.data.get("file");
  if (!(file instanceof File) || file.size === 0) return invalid("Choose a CSV file to import.");
  if (file.size > IMPORT_MAX_BYTES) return { response: apiError("too_large", TOO_LARGE, { file: [TOO_LARGE] }) };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()) };
  } catch {
    return invalid(NOT_UTF8);
  }
}
