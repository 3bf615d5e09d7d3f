"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { settingsInput, updateSettings } from "@/lib/settings";

export const saveSettingsAction = action("admin.manage", settingsInput, async (input, user) => {
  const { changed } = await updateSettings(user.id, input);
  revalidatePath("/", "layout");
  return { changed };
});
