"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/action";
import { createApiToken, revokeApiToken, tokenInput } from "@/lib/api/tokens";
import { rowId } from "@/lib/validation";

export const createTokenAction = action("tokens.manage", tokenInput, async (input, user) => {
  const { token, summary } = await createApiToken(user, input);
  revalidatePath("/settings/tokens");
  // The only time the token leaves the server: it is not stored, only its hash.
  return { token, name: summary.name };
});

export const revokeTokenAction = action("tokens.manage", z.object({ id: rowId }), async ({ id }, user) => {
  await revokeApiToken(user.id, id);
  revalidatePath("/settings/tokens");
  return {};
});
