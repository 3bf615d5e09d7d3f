"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { integrationsInput, updateIntegrations } from "@/lib/integrations";
import { action } from "@/lib/action";
import { rotateWebhookSecret } from "@/lib/secrets";

export const saveIntegrationsAction = action("admin.manage", integrationsInput, async (input, user) => {
  const { changed } = await updateIntegrations(user.id, input);
  revalidatePath("/admin/integrations");
  return { changed };
});

/** The new secret goes back to this one response and is never shown again. */
export const rotateWebhookSecretAction = action("admin.manage", z.object({}), async (_input, user) => {
  const { secret } = await rotateWebhookSecret(user.id);
  revalidatePath("/admin/integrations");
  return { secret };
});
