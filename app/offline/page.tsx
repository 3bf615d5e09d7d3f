import type { Metadata } from "next";

export const metadata: Metadata = { title: "Offline", robots: { index: false } };

/** What the service worker shows when a page cannot be reached: no private data, nothing cached but this. */
export default function OfflinePage() {
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-2xl font-semibold">You are offline</h1>
      <p className="mt-3 text-slate-600">
        Chorus needs a connection to show your feed and your stats. Check your connection, then try again.
      </p>
      <a href="/feed" className="mt-6 inline-block rounded-md bg-indigo-700 px-4 py-2 font-medium text-white">
        Try again
      </a>
    </main>
  );
}
