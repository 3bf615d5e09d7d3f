import { describe, expect, test } from "vitest";
import {
  formatImportError,
  IMPORT_MAX_ROWS,
  parseImportCsv,
  validateImportRows,
  type ImportLookups,
} from "@/lib/import";

const HEADER =
  "title,url,commentary,commentary_linkedin,commentary_x,commentary_facebook,hashtags,campaign,teams,publish_at,expire_at";

const LOOKUPS: ImportLookups = {
  hashtags: new Map([
    ["cloud", { id: 1, retired: false }],
    ["hiring", { id: 2, retired: false }],
    ["old", { id: 3, retired: true }],
  ]),
  campaigns: new Map([["spring-launch", 10]]),
  teams: new Map([
    ["sales", 20],
    ["engineering", 21],
  ]),
};

/** Parses and validates, returning the errors as the curator reads them. */
function check(csv: string) {
  const parsed = parseImportCsv(csv);
  if (parsed.errors.length) return { posts: [], errors: parsed.errors.map(formatImportError) };
  const { posts, errors } = validateImportRows(parsed.rows, LOOKUPS);
  return { posts, errors: errors.map(formatImportError) };
}

describe("parseImportCsv", () => {
  test("numbers rows by their CSV line (header = 1), across quoted line breaks, blank lines, CRLF and a BOM", () => {
    const csv = `\uFEFF${HEADER}\r\n"Two\r\nlines",https://a.example,,,,,,,,,\r\n\r\nThird,https://b.example,,,,,,,,,\r\n"x","y",,,,,,,,,`;
    const { rows, errors } = parseImportCsv(csv);
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.line, row.values.title])).toEqual([
      [2, "Two\nlines"],
      [5, "Third"],
      [6, "x"],
    ]);
  });

  test("columns may come in any order and optional ones may be left out; names are case-insensitive", () => {
    const { rows, errors } = parseImportCsv("URL,Title\nhttps://a.example,Hello");
    expect(errors).toEqual([]);
    expect(rows[0]!.values).toMatchObject({ title: "Hello", url: "https://a.example", hashtags: "", teams: "" });
  });

  test("an unknown, repeated or missing column is an error on line 1", () => {
    expect(check("title,url,colour\nA,https://a.example,red").errors[0]).toMatch(/^Line 1: Unknown column “colour”/);
    expect(check("title,url,title\nA,https://a.example,B").errors).toEqual(["Line 1: Column “title” appears twice"]);
    expect(check("title,commentary\nA,B").errors).toEqual(["Line 1: The header must name the column url"]);
  });

  test("a line with the wrong number of fields, or an unclosed quote, names its line", () => {
    expect(
      check(`${HEADER}\nA,https://a.example,,,,,,,,,\nB,https://b.example,oops, a comma,,,,,,,,`).errors[0],
    ).toMatch(/^Line 3: This line has a different number of fields/);
    expect(check(`title,url\nA,https://a.example\n"B,https://b.example\n`).errors[0]).toMatch(
      /^Line \d: A quoted value is never closed/,
    );
  });

  test("an empty file, a header without rows and too many rows are refused", () => {
    expect(check("").errors).toEqual(["The file is empty."]);
    expect(check("title,url\n").errors).toEqual(["The file has a header but no posts."]);
    const many = [
      "title,url",
      ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `T${i},https://a.example/${i}`),
    ].join("\n");
    expect(check(many).errors[0]).toMatch(/at most 10,000 can be imported at once/);
  });
});

describe("validateImportRows", () => {
  test("a good row becomes postInput's fields: normalised hashtags, campaign and team ids, ISO dates in UTC", () => {
    const { posts, errors } = check(
      `${HEADER}\nHello,HTTPS://Example.com/a,Read,In,On X,FB,"#Cloud, HIRING",Spring-Launch,Sales; engineering,2026-05-01T09:00:00+02:00,2026-06-01`,
    );
    expect(errors).toEqual([]);
    expect(posts[0]).toMatchObject({
      line: 2,
      input: {
        title: "Hello",
        url: "https://example.com/a",
        commentary: "Read",
        commentaryLinkedin: "In",
        commentaryX: "On X",
        commentaryFacebook: "FB",
        hashtags: ["cloud", "hiring"],
        campaignId: 10,
        audience: "teams",
        teamIds: [20, 21],
      },
    });
    expect(posts[0]!.input.publishAt?.toISOString()).toBe("2026-05-01T07:00:00.000Z");
    expect(posts[0]!.input.expireAt?.toISOString()).toBe("2026-06-01T00:00:00.000Z");
  });

  test("an empty teams cell means everyone", () => {
    expect(check(`title,url,teams\nA,https://a.example,`).posts[0]!.input).toMatchObject({
      audience: "all",
      teamIds: [],
    });
  });

  test("each error names the line and the CSV column, and every bad row is reported", () => {
    const csv = [
      HEADER,
      "Good,https://a.example,,,,,,,,,",
      ",javascript:alert(1),,,,,,,,,",
      `Long X,https://a.example,,,${"x".repeat(300)},,,,,,`,
      "Dates,https://a.example,,,,,,,,2026-13-01,yesterday",
      "Window,https://a.example,,,,,,,,2026-06-01T00:00:00Z,2026-05-01T00:00:00Z",
    ].join("\n");
    expect(check(csv).errors).toEqual([
      "Line 3, title: Give the post a title",
      "Line 3, url: Enter a full http:// or https:// link",
      "Line 4, commentary_x: Too long for X: at most 280 characters, counting the link as 23",
      "Line 5, publish_at: Use a real ISO 8601 date or date and time between 2000 and 2100, e.g. 2026-05-01 or 2026-05-01T09:00:00Z",
      "Line 5, expire_at: Use a real ISO 8601 date or date and time between 2000 and 2100, e.g. 2026-05-01 or 2026-05-01T09:00:00Z",
      "Line 6, expire_at: The post must expire after it is published",
    ]);
  });

  test("hashtags must be listed and not retired; campaign slugs and team names must exist", () => {
    const csv = [
      "title,url,hashtags,campaign,teams",
      "A,https://a.example,cloud #nope,,",
      "B,https://a.example,old,,",
      "C,https://a.example,bad-tag!,,",
      "D,https://a.example,,autumn,",
      "E,https://a.example,,,Sales;Marketing",
    ].join("\n");
    expect(check(csv).errors).toEqual([
      "Line 2, hashtags: #nope is not in the hashtag list",
      "Line 3, hashtags: #old is retired and cannot be added to new posts",
      "Line 4, hashtags: Hashtags use letters, digits and _ only (at most 50)",
      "Line 5, campaign: No campaign has the slug “autumn”",
      "Line 6, teams: No team is named “Marketing”",
    ]);
  });

  test("HTML and script are kept as the text the curator wrote (React shows it as text)", () => {
    const { posts } = check(
      `title,url,commentary\n"<script>alert(1)</script>",https://a.example,"<b>bold</b> & <img src=x onerror=alert(1)>"`,
    );
    expect(posts[0]!.input).toMatchObject({
      title: "<script>alert(1)</script>",
      commentary: "<b>bold</b> & <img src=x onerror=alert(1)>",
    });
  });
});

describe("languages", () => {
  test("a language column and variant columns suffixed with the language become the post's variants", () => {
    const { posts, errors } = check(
      [
        "title,url,language,title_fr,commentary_fr,commentary_x_fr,title_en",
        "Hallo,https://a.example,DE,Bonjour,Lisez,Pour X,Hello",
        "Hello,https://b.example,,,,,",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
    expect(posts[0]!.input).toMatchObject({
      title: "Hallo",
      language: "de",
      variants: {
        fr: { title: "Bonjour", commentary: "Lisez", commentaryX: "Pour X", commentaryLinkedin: null },
        en: { title: "Hello", commentary: "" },
      },
    });
    // No language and no variant columns filled in: an English post without variants.
    expect(posts[1]!.input).toMatchObject({ language: "en", variants: {} });
  });

  test("a variant column in a language Chorus does not speak is refused on line 1, naming the column", () => {
    expect(check("title,url,title_it,commentary_pt\nA,https://a.example,Ciao,Olá").errors).toEqual([
      "Line 1: Column “title_it”: “it” is not one of the languages (en, de, fr, es)",
      "Line 1: Column “commentary_pt”: “pt” is not one of the languages (en, de, fr, es)",
    ]);
  });

  test("a bad language, a variant without a title or in the post's own language names its line and column", () => {
    const { errors } = check(
      [
        "title,url,language,title_de,commentary_de,title_fr,commentary_x_es,title_es",
        "A,https://a.example,it,,,,,",
        "B,https://b.example,,,Nur Text,,,",
        "C,https://c.example,fr,,,Bonjour,,",
        `D,https://d.example,,,,,${"x".repeat(300)},Hola`,
      ].join("\n"),
    );
    expect(errors).toEqual([
      "Line 2, language: Choose one of: en, de, fr, es",
      "Line 3, title_de: Give the post a title",
      "Line 4, title_fr: The post itself is in Français: a variant must be in another language",
      "Line 5, commentary_x_es: Too long for X: at most 280 characters, counting the link as 23",
    ]);
  });
});
