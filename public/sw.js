// Chorus's service worker: it makes the app installable and shows an offline page when a page cannot be
// reached. It caches only that page and the icons, never a private page or an API answer.
const CACHE = "chorus-offline-v1";
const OFFLINE_URL = "/offline";
const PRECACHE = [OFFLINE_URL, "/icons/icon-192.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// Only page navigations are handled, straight from the network; the cached offline page answers when the
// network fails. Everything else (API calls, images, scripts) goes to the network untouched.
self.addEventListener("fetch", (event) => {
  if (event.request.mode !== "navigate") return;
  event.respondWith(fetch(event.request).catch(() => caches.open(CACHE).then((cache) => cache.match(OFFLINE_URL))));
});

// Web Push: Chorus sends { title, body, url } (lib/push.ts); a tap opens that page of Chorus.
self.addEventListener("push", (event) => {
  const message = event.data ? event.data.json() : { title: "Chorus", body: "", url: "/feed" };
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: "/icons/icon-192.png",
      data: { url: message.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "/feed", self.location.origin);
  // Only Chorus's own pages open from a notification.
  if (url.origin !== self.location.origin) return;
  event.waitUntil(self.clients.openWindow(url.href));
});
