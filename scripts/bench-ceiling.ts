import { readFileSync } from "node:fs";
import { createServer } from "node:http";

/**
 * The bench's ceiling: what node:http alone answers on this machine. Every code's redirect target is read from
 * the file BENCH_LINKS names (JSON: code → target URL, written by scripts/bench.ts) into a Map at start; a
 * request is one Map lookup and a 302. No database, no click stored, no visitor rule: no redirect server that
 * keeps its clicks can be faster than this, so Chorus's req/s over this one says how much of the machine its
 * own work takes.
 */
const links = new Map<string, string>(Object.entries(JSON.parse(readFileSync(process.env.BENCH_LINKS!, "utf8"))));

const server = createServer((req, res) => {
  const code = (req.url ?? "").split("?")[0]!.slice("/s/".length);
  const target = req.method === "GET" ? links.get(code) : undefined;
  res.writeHead(target ? 302 : 404, target ? { Location: target, "Cache-Control": "private, no-store" } : {});
  res.end();
});
server.keepAliveTimeout = 65_000;
const port = Number(process.env.PORT ?? 3302);
server.listen(port, process.env.HOST ?? "127.0.0.1", () => console.log(`ceiling listening on ${port}`));

process.on("SIGTERM", () => {
  server.close();
  server.closeIdleConnections();
  process.exit(0);
});
