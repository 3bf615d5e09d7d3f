"use client";

import { useEffect } from "react";

/** Registers the service worker (public/sw.js) that makes Chorus installable and shows the offline page. */
export function ServiceWorker() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Private windows and some browsers refuse service workers; Chorus works the same without one.
    });
  }, []);
  return null;
}
