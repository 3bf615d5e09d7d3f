import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Playwright drives Debian's Chromium: `npx playwright install` cannot download browsers here.
 * Installs it with apt when missing and we may (root, or passwordless sudo).
 */
export function ensureChromium(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return path;
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ["sudo", "-n"];
  if (!asRoot && spawnSync("sudo", ["-n", "true"]).status !== 0) {
    throw new Error(
      `Chromium not found at ${path}. Install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  console.log("Installing Chromium with apt-get (needed for the browser tests)…");
  const run = (args: string[]) => {
    const [command, ...rest] = [...sudo, ...args];
    const result = spawnSync(command!, rest, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
  };
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "chromium"]);
  if (!existsSync(path)) throw new Error(`Chromium still not found at ${path}`);
  return path;
}
