"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

type State = "loading" | "unsupported" | "denied" | "off" | "on" | "working";

const jsonHeaders = { "Content-Type": "application/json" };

/** The public VAPID key in the form PushManager.subscribe() takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

async function subscribe(): Promise<void> {
  const { publicKey } = (await (await fetch("/api/push")).json()) as { publicKey: string };
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(publicKey),
  });
  const saved = await fetch("/api/push", { method: "POST", headers: jsonHeaders, body: JSON.stringify(subscription) });
  if (!saved.ok) throw new Error("not saved");
}

async function unsubscribe(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await fetch("/api/push", {
    method: "DELETE",
    headers: jsonHeaders,
    body: JSON.stringify({ endpoint: subscription.endpoint }),
  });
  await subscription.unsubscribe();
}

/** "Notifications on this device": opt-in per device, for new posts for me and challenge news. */
export function PushToggle() {
  const [state, setState] = useState<State>("loading");
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!("serviceWorker" in navigator) || !("PushManager" in window)) return setState("unsupported");
    if (Notification.permission === "denied") return setState("denied");
    currentSubscription().then(
      (subscription) => setState(subscription ? "on" : "off"),
      () => setState("unsupported"),
    );
  }, []);

  async function toggle(turnOn: boolean) {
    setState("working");
    setFailed(false);
    try {
      if (turnOn && (await Notification.requestPermission()) !== "granted") return setState("denied");
      await (turnOn ? subscribe() : unsubscribe());
      setState(turnOn ? "on" : "off");
    } catch {
      setFailed(true);
      setState(turnOn ? "off" : "on");
    }
  }

  return (
    <div className="mt-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="push-toggle">
      <p className="text-slate-700" role="status">
        {MESSAGES[state]}
      </p>
      {(state === "off" || state === "on") && (
        <Button variant="secondary" className="mt-3" onClick={() => toggle(state === "off")}>
          {state === "off" ? "Turn on notifications" : "Turn off notifications"}
        </Button>
      )}
      {failed && (
        <p role="alert" className="mt-2 text-red-700">
          That did not work. Try again in a moment.
        </p>
      )}
    </div>
  );
}

const MESSAGES: Record<State, string> = {
  loading: "Checking this device…",
  unsupported:
    "This browser cannot show notifications from Chorus. On an iPhone, add Chorus to your home screen first.",
  denied: "Notifications are blocked for Chorus in this browser's settings.",
  off: "Get a notification on this device when a new post is ready for you and when a challenge ends.",
  on: "Notifications are on for this device.",
  working: "One moment…",
};
