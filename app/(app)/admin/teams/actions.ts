"use server";

import { revalidatePath } from "next/cache";
import { createTeam, renameTeam, renameTeamInput, teamInput } from "@/lib/teams";
import { action } from "@/lib/action";

export const createTeamAction = action("admin.manage", teamInput, async ({ name }, user) => {
  await createTeam(user.id, name);
  revalidatePath("/admin/teams");
  return { name };
});

export const renameTeamAction = action("admin.manage", renameTeamInput, async ({ teamId, name }, user) => {
  await renameTeam(user.id, teamId, name);
  revalidatePath("/admin/teams");
  return { name };
});
