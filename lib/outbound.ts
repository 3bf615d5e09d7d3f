import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";

/**
 * The only way to let the server reach loopback and private addresses: the test sites (and an intranet
 * install's own services) live there. Off, anything but a public unicast address is refused at connect time.
 */
export function privateHostsAllowed(): boolean {
  return process.env.CHORUS_FETCH_PRIVATE_HOSTS === "1";
}

export type FilteringAgents = { "http:": http.Agent; "https:": https.Agent };

/** HTTP agents that refuse, at connect time and after DNS, any address that is not public (request-filtering-agent). */
export function filteringAgents(): FilteringAgents & { destroy: () => void } {
  const allowPrivateIPAddress = privateHostsAllowed();
  const agents = {
    "http:": new RequestFilteringHttpAgent({ allowPrivateIPAddress }),
    "https:": new RequestFilteringHttpsAgent({ allowPrivateIPAddress }),
  };
  return {
    ...agents,
    destroy: () => {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}

// Everything that is not a public unicast address: what the connect-time guard refuses, checked early at save time.
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");

function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  return family !== 0 && !NOT_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Whether `url` names a loopback, private or otherwise non-public host: an address literal, `localhost`, or a
 * name that resolves to one now. A name that does not resolve is not refused here (the connect-time guard still
 * applies when it is used). Always false with CHORUS_FETCH_PRIVATE_HOSTS=1.
 */
export async function pointsAtPrivateHost(url: URL): Promise<boolean> {
  if (privateHostsAllowed()) return false;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(host)) return !isPublicAddress(host);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  try {
    const addresses = await lookup(host, { all: true, verbatim: true });
    return addresses.some((a) => !isPublicAddress(a.address));
  } catch {
    return false;
  }
}

/** POSTs JSON through the address guard: resolves with the status; rejects if the address is refused or unreachable. */
export async function postJson(url: string, body: unknown, timeoutMs = 10_000): Promise<number> {
  return postBytes(url, JSON.stringify(body), { "Content-Type": "application/json" }, timeoutMs);
}

/** POSTs a body through the guarded agents and answers the status (the body is read and dropped). */
export async function postBytes(
  url: string,
  body: string | Buffer,
  headers: Record<string, string | number>,
  timeoutMs = 10_000,
): Promise<number> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") throw new Error("not an http(s) URL");
  const agents = filteringAgents();
  try {
    return await new Promise<number>((resolve, reject) => {
      const client = target.protocol === "https:" ? https : http;
      const request = client.request(
        target,
        {
          method: "POST",
          agent: agents[target.protocol as "http:" | "https:"],
          signal: AbortSignal.timeout(timeoutMs),
          headers: { ...headers, "Content-Length": Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  } finally {
    agents.destroy();
  }
}
