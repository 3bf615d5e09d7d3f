"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { complianceInput, updateComplianceSettings } from "@/lib/content/compliance";
import { outcomeSettingsInput, updateOutcomeSettings } from "@/lib/outcomes/settings";
import { settingsInput, updateSettings } from "@/lib/settings";

export const saveSettingsAction = action("admin.manage", settingsInput, async (input, user) => {
  const { changed } = await updateSettings(user.id, input);
  revalidatePath("/", "layout");
  return { changed };
});

export const saveOutcomeSettingsAction = action("admin.manage", outcomeSettingsInput, async (input, user) => {
  const { changed } = await updateOutcomeSettings(user.id, input);
  revalidatePath("/", "layout");
  return { changed };
});

export const saveComplianceAction = action("admin.manage", complianceInput, async (input, user) => {
  const { changed } = await updateComplianceSettings(user.id, input);
  revalidatePath("/", "layout");
  return { changed };
});
