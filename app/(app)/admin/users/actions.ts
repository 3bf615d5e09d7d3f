"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { inviteForm, inviteUser } from "@/lib/invitations";
import { activeForm, setUserActive, updateUser, userChangeForm } from "@/lib/users";
import { appOrigin } from "@/lib/origin";

export const inviteAction = action("admin.manage", inviteForm, async (input, user) => {
  const origin = appOrigin();
  const { reinvited } = await inviteUser(user.id, input, origin);
  revalidatePath("/admin/users");
  return { email: input.email, reinvited };
});

export const saveUserAction = action("admin.manage", userChangeForm, async ({ userId, ...change }, user) => {
  const { changed } = await updateUser(user.id, userId, change);
  revalidatePath("/", "layout");
  return { changed };
});

export const setActiveAction = action("admin.manage", activeForm, async ({ userId, active }, user) => {
  const { changed } = await setUserActive(user.id, userId, active);
  revalidatePath("/admin/users");
  return { changed };
});
