import { createECDH, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, like } from "drizzle-orm";
// The reference implementation of the push encryption (RFC 8188), here to read what a browser would read.
import ece from "http_ece";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { jobs, pushSubscriptions } from "@/db/schema";
import { runNotifications } from "@/lib/notification-jobs";
import { pushSubscriptionInput, removeSubscription, saveSubscription, subscriptionCount } from "@/lib/push";
import { makeLivePost, makeTeam, makeUser } from "@/tests/helpers";

type Delivery = { path: string; headers: IncomingHttpHeaders; body: Buffer };
const deliveries: Delivery[] = [];
/** The push service's answer per device path: 201 unless listed (410 = the person uninstalled). */
const answers = new Map<string, number>();
let service: Server;
let serviceUrl: string;

beforeAll(async () => {
  const keys = webpush.generateVAPIDKeys();
  vi.stubEnv("VAPID_PUBLIC_KEY", keys.publicKey);
  vi.stubEnv("VAPID_PRIVATE_KEY", keys.privateKey);
  vi.stubEnv("VAPID_SUBJECT", "mailto:ops@chorus.test");
  // The test's push service is on loopback, which the address guard refuses unless told otherwise.
  vi.stubEnv("CHORUS_FETCH_PRIVATE_HOSTS", "1");
  service = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      deliveries.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answers.get(req.url ?? "") ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => service.close(() => resolve()));
});

/** A browser's subscription: its own key pair and auth secret, as PushManager.subscribe() makes them. */
function browserSubscription(device = `/device/${randomBytes(6).toString("hex")}`) {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  const input = pushSubscriptionInput.parse({
    endpoint: serviceUrl + device,
    keys: { p256dh: ecdh.getPublicKey("base64url"), auth: auth.toString("base64url") },
  });
  const read = (body: Buffer) =>
    JSON.parse(ece.decrypt(body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth }).toString("utf8"));
  return { device, input, read };
}

async function workPushJobs() {
  for (let tick = 0; tick < 10; tick++) {
    // Two servers' workers at once.
    await Promise.all([runNotifications(), runNotifications()]);
    const waiting = await db.select({ id: jobs.id, status: jobs.status }).from(jobs).where(like(jobs.key, "push%"));
    if (waiting.every((job) => job.status !== "queued" && job.status !== "running")) return;
  }
  throw new Error("push jobs still waiting after 10 ticks");
}

describe("push subscriptions", () => {
  test("a device's subscription is stored once; subscribing it again moves it to whoever is signed in", async () => {
    const [ann, bea] = [await makeUser(), await makeUser()];
    const phone = browserSubscription();
    await saveSubscription(ann.id, phone.input);
    await saveSubscription(ann.id, phone.input);
    expect(await subscriptionCount(ann.id)).toBe(1);
    // Nobody removes another person's device.
    expect(await removeSubscription(bea.id, phone.input.endpoint)).toBe(false);
    await saveSubscription(bea.id, phone.input);
    expect([await subscriptionCount(ann.id), await subscriptionCount(bea.id)]).toEqual([0, 1]);
    expect(await removeSubscription(bea.id, phone.input.endpoint)).toBe(true);
    expect(await subscriptionCount(bea.id)).toBe(0);
  });

  test("bad subscriptions are refused with the field named", () => {
    const bad = [
      { endpoint: "ftp://push.example/x", keys: { p256dh: "abc", auth: "def" } },
      { endpoint: "https://push.example/x", keys: { p256dh: "not base64!", auth: "def" } },
      { endpoint: "https://push.example/x", keys: { p256dh: "abc" } },
      { endpoint: `https://push.example/${"x".repeat(2100)}`, keys: { p256dh: "abc", auth: "def" } },
    ];
    for (const input of bad) expect(pushSubscriptionInput.safeParse(input).success, JSON.stringify(input)).toBe(false);
  });
});

describe("new post pushes", () => {
  test("a post going live reaches each device of its audience once, encrypted and signed", async () => {
    const teamId = await makeTeam();
    const member = await makeUser(["advocate"], teamId);
    const outsider = await makeUser(["advocate"], await makeTeam());
    const [phone, laptop, elsewhere] = [browserSubscription(), browserSubscription(), browserSubscription()];
    await saveSubscription(member.id, phone.input);
    await saveSubscription(member.id, laptop.input);
    await saveSubscription(outsider.id, elsewhere.input);

    await makeLivePost({ title: "Our spring launch", teams: [teamId] });
    await workPushJobs();
    await workPushJobs();

    for (const device of [phone, laptop]) {
      const received = deliveries.filter((d) => d.path === device.device);
      expect(received, device.device).toHaveLength(1);
      const { headers, body } = received[0]!;
      expect(headers["content-encoding"]).toBe("aes128gcm");
      expect(headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
      expect(device.read(body)).toEqual({ title: "New post to share", body: "Our spring launch", url: "/feed" });
    }
    expect(deliveries.filter((d) => d.path === elsewhere.device)).toHaveLength(0);
  });

  test("a device the push service calls gone (410) is removed, and the job is not retried", async () => {
    const person = await makeUser();
    const gone = browserSubscription();
    answers.set(gone.device, 410);
    await saveSubscription(person.id, gone.input);
    const { postId } = await makeLivePost({ title: "Gone device" });
    await workPushJobs();
    expect(deliveries.filter((d) => d.path === gone.device)).toHaveLength(1);
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, person.id))).toEqual([]);
    const [fanout] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `push-new-post:${postId}`));
    expect(fanout?.status).toBe("done");
  });
});
