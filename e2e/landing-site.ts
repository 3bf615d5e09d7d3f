import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Where the embed test's company site listens: CHORUS_EMBED_ORIGINS allows this origin (scripts/e2e-server.ts). */
export const EMBED_SITE_PORT = 3199;
/** The outcomes journey's company site (e2e/outcomes.spec.ts), also an allowed embed origin. */
export const OUTCOMES_SITE_PORT = 3193;

/** The company's contact form, marked for Chorus: a submission reports a lead with the form's own opaque id. */
const contactForm = (submission: string) => `<form action="/thanks" method="get" data-chorus-form="lead"
 data-chorus-id-field="submission_id">
<input type="hidden" name="submission_id" value="${submission}">
<label>Company size <input name="size"></label>
<button type="submit">Request a demo</button>
</form>`;

/**
 * A stand-in for the company's own site (this machine has no internet), so a visitor really lands somewhere.
 * Every page carries Chorus's /embed.js and an X share button, as a company site would.
 */
export async function startLandingSite(
  chorusOrigin: string,
  port = 0,
): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    const path = (req.url ?? "").replace(/[<>&"]/g, "");
    const url = new URL(path, "http://landing.test");
    const form = url.pathname === "/contact" ? contactForm(url.searchParams.get("submission") ?? "") : "";
    res.end(`<!doctype html><html lang="en"><title>Landing</title><h1>Landing page</h1><p>${path}</p>${form}
<a data-chorus-share="x" data-chorus-text="Worth a read" href="https://x.com/intent/post?url=fallback">Share this page on X</a>
<script src="${chorusOrigin}/embed.js"></script></html>`);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
