import { createServer } from "node:http";
import next from "next";
import { closeDatabase, migrateDatabase } from "@/db/client";
import { contentSecurityPolicy, newNonce } from "@/lib/csp";
import { crossSiteRefusal } from "@/lib/csrf";
import { log, routeConsoleThroughLog } from "@/lib/log";
import { appOrigin, appUrlProblem } from "@/lib/origin";
import { archiveExpiredPosts } from "@/lib/posts";
import { purgeExpiredClicks } from "@/lib/privacy";
import { startNotificationWorker } from "@/lib/notification-jobs";
import { startShortLinks } from "@/lib/short-link-service";
import { CLIENT_IP_HEADER, clientIp } from "@/lib/tracking";

// Short links are answered here, before Next: its request pipeline costs ~10× the work of the redirect itself.
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

// Every line this process prints is one scrubbed JSON object, Next's own error reports included.
routeConsoleThroughLog();
const appUrlRefusal = appUrlProblem();
if (appUrlRefusal) {
  log.error(appUrlRefusal);
  process.exit(1);
}
const origin = new URL(appOrigin());

await migrateDatabase();
const app = next({ dev, port });
const handleNext = app.getRequestHandler();
await app.prepare();

const shortLinks = await startShortLinks();
const writer = shortLinks.writer;
// Notifications: every server works the one queue table; CHORUS_JOBS=0 leaves it to the others.
const notifications = process.env.CHORUS_JOBS === "0" ? null : startNotificationWorker();

const server = createServer((req, res) => {
  if (req.url?.startsWith("/s/")) {
    void shortLinks.handle(req, res);
    return;
  }
  const refusal = crossSiteRefusal(req.method, req.url, req.headers, origin.origin);
  if (refusal) {
    res.writeHead(403, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: { code: "forbidden", message: refusal } }));
    return;
  }
  // Next sees the configured origin, never the client's Host or X-Forwarded-Host: request URLs (and so any
  // link built from them) and its server actions' own origin check all agree with APP_URL.
  req.headers.host = origin.host;
  req.headers["x-forwarded-host"] = origin.host;
  req.headers["x-forwarded-proto"] = origin.protocol.slice(0, -1);
  // Route handlers see no socket: hand them the client address, never trusting a client-sent value.
  req.headers[CLIENT_IP_HEADER] = clientIp(req.headers, req.socket.remoteAddress);
  // A fresh script nonce per request: Next takes it from the request header, the browser from the response.
  const csp = contentSecurityPolicy(newNonce(), dev);
  req.headers["content-security-policy"] = csp;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("Content-Security-Policy", csp);
  void handleNext(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () =>
  log.info("chorus listening", { url: `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`, dev }),
);

// Expired posts archive themselves; every server may run this, the update is idempotent.
const FRESHNESS_INTERVAL_MS = 5 * 60_000;
const archiveExpired = () =>
  archiveExpiredPosts().then(
    (n) => n && log.info("archived expired posts", { count: n }),
    (error) => log.error("archiving expired posts failed", { error: String(error) }),
  );
void archiveExpired();
setInterval(archiveExpired, FRESHNESS_INTERVAL_MS).unref();

// Raw clicks are kept 13 months, then only the rollups remain (docs/product.md#privacy): checked daily, in batches.
const purgeOldClicks = () =>
  purgeExpiredClicks().then(
    (n) => n && log.info("purged raw clicks past retention", { count: n }),
    (error) => log.error("purging old clicks failed", { error: String(error) }),
  );
setTimeout(purgeOldClicks, 60_000).unref();
setInterval(purgeOldClicks, 24 * 60 * 60_000).unref();

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info("shutting down", { signal, pendingClicks: writer.pending });
  server.close();
  server.closeIdleConnections();
  try {
    await shortLinks.stop();
    await notifications?.stop();
    await closeDatabase();
  } catch (error) {
    log.error("shutdown incomplete", { error: String(error) });
    process.exit(1);
  }
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
