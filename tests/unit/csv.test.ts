import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { csvResponse, neutralizeFormula } from "@/lib/csv";

type Row = { name: string; team: string | null; points: number };
const columns = [
  { header: "Advocate", value: (r: Row) => r.name },
  { header: "Team", value: (r: Row) => r.team },
  { header: "Points", value: (r: Row) => r.points },
];

describe("csvResponse", () => {
  test("streams a download with a header row, RFC 4180 quoting and a UTF-8 byte-order mark", async () => {
    async function* rows(): AsyncIterable<Row> {
      yield { name: "Plain", team: "Sales", points: 3 };
      yield { name: 'Ana "the closer", Lisbon', team: null, points: -2 };
      yield { name: "Two\nlines", team: "Ünïcödé", points: 0 };
    }
    const response = csvResponse("chorus-leaderboard-all time-Équipe Nord.csv", columns, rows());
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="chorus-leaderboard-all-time-Equipe-Nord.csv"; filename*=UTF-8''chorus-leaderboard-all-time-%C3%89quipe-Nord.csv`,
    );
    expect(response.body).toBeInstanceOf(ReadableStream);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\n")[0]).toBe("Advocate,Team,Points");
    expect(text).toContain('"Ana ""the closer"", Lisbon",,-2');
    expect(parse(text, { columns: true })).toEqual([
      { Advocate: "Plain", Team: "Sales", Points: "3" },
      { Advocate: 'Ana "the closer", Lisbon', Team: "", Points: "-2" },
      { Advocate: "Two\nlines", Team: "Ünïcödé", Points: "0" },
    ]);
  });

  test("an empty table is just the header", async () => {
    const text = await csvResponse("x.csv", columns, []).text();
    expect(text.replace(/^\uFEFF/, "")).toBe("Advocate,Team,Points\n");
  });

  test("text a spreadsheet would run as a formula is defused; numbers are not touched", async () => {
    expect(neutralizeFormula('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
    for (const s of ["+1", "-1", "@SUM(A1)", "\tx"]) expect(neutralizeFormula(s)).toBe(`'${s}`);
    expect(neutralizeFormula("Ana")).toBe("Ana");
    const text = await csvResponse("x.csv", columns, [{ name: "=1+1", team: "-", points: -5 }]).text();
    expect(parse(text, { bom: true, columns: true })).toEqual([{ Advocate: "'=1+1", Team: "'-", Points: "-5" }]);
  });
});
