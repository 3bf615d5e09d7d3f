import { test as setup } from "@playwright/test";
import { signInViaOutbox, STATE } from "./support";

// Sign in once per seeded role and reuse the session in every spec.
setup("sign in as the curator", async ({ page }) => {
  await signInViaOutbox(page, "curator@chorus.local");
  await page.context().storageState({ path: STATE.curator });
});

setup("sign in as the approver", async ({ page }) => {
  await signInViaOutbox(page, "approver@chorus.local");
  await page.context().storageState({ path: STATE.approver });
});

setup("sign in as the admin", async ({ page }) => {
  await signInViaOutbox(page, "admin@chorus.local");
  await page.context().storageState({ path: STATE.admin });
});

// Only looked at, never changed: the phone screens (e2e/phone.spec.ts) read the advocate's own pages.
setup("sign in as an advocate", async ({ page }) => {
  await signInViaOutbox(page, "advocate@chorus.local");
  await page.context().storageState({ path: STATE.advocate });
});

setup("sign in as the leader", async ({ page }) => {
  await signInViaOutbox(page, "leader@chorus.local");
  await page.context().storageState({ path: STATE.leader });
});
