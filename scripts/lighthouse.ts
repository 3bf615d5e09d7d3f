import { type ChildProcess, spawn } from "node:child_process";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

/**
 * `npm run lighthouse`: Lighthouse (performance, accessibility, best practices) on the feed, the leaderboard and
 * My stats at phone size, signed in as the demo advocate, against a production build (`npx next build` first)
 * on fresh demo data, in Debian's Chromium. Prints one row per page.
 */
const port = Number(process.env.LIGHTHOUSE_PORT ?? 3190);
const origin = `http://localhost:${port}`;
const pages = ["/feed", "/leaderboard", "/me"];
const categories = ["performance", "accessibility", "best-practices"] as const;

function startServer(): ChildProcess {
  return spawn("npx", ["tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, E2E_PORT: String(port), CHORUS_DATA_DIR: ".data/lighthouse" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

async function waitForHealth(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const ok = await fetch(`${origin}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no server at ${origin} after 5 minutes`);
}

/** A cookie jar of one: the Set-Cookie values of each answer, sent back on the next request. */
class Jar {
  private cookies = new Map<string, string>();
  keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!.trim(), value.join("="));
    }
    return response;
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Signs the demo advocate in as the sign-in form does, through the demo outbox; answers the Cookie header. */
async function signIn(email: string): Promise<string> {
  const jar = new Jar();
  const get = async (path: string) =>
    jar.keep(await fetch(new URL(path, origin), { headers: { cookie: jar.header() }, redirect: "manual" }));
  const { csrfToken } = (await (await get("/api/auth/csrf")).json()) as { csrfToken: string };
  jar.keep(
    await fetch(`${origin}/api/auth/signin/email`, {
      method: "POST",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: "/feed" }),
      redirect: "manual",
    }),
  );
  const outbox = await (await get(`/dev/outbox?to=${encodeURIComponent(email)}`)).text();
  const link = /href="([^"]*\/api\/auth\/callback\/email[^"]*)"/.exec(outbox)?.[1]?.replaceAll("&amp;", "&");
  if (!link) throw new Error(`no sign-in mail for ${email} in the outbox`);
  await get(link);
  return jar.header();
}

const server = startServer();
try {
  await waitForHealth();
  const cookie = await signIn("advocate@chorus.local");
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    console.log(
      `\n| page (phone, signed in) | ${categories.join(" | ")} |\n| --- |${" ---: |".repeat(categories.length)}`,
    );
    for (const page of pages) {
      const result = await lighthouse(`${origin}${page}`, {
        port: chrome.port,
        onlyCategories: [...categories],
        extraHeaders: { Cookie: cookie },
        formFactor: "mobile",
        logLevel: "error",
      });
      if (!result) throw new Error(`no Lighthouse result for ${page}`);
      const { lhr } = result;
      if (new URL(lhr.finalDisplayedUrl).pathname !== page)
        throw new Error(`${page} ended at ${lhr.finalDisplayedUrl}`);
      const scores = categories.map((category) => Math.round((lhr.categories[category]?.score ?? 0) * 100));
      console.log(`| ${page} | ${scores.join(" | ")} |`);
    }
  } finally {
    chrome.kill();
  }
} finally {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
}
