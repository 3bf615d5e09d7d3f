"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { campaignInput, campaignUpdateInput, createCampaign, updateCampaign } from "@/lib/campaigns";

export const createCampaignAction = action("posts.write", campaignInput, async (input) => {
  const { id } = await createCampaign(input);
  revalidatePath("/library/campaigns");
  return { campaignId: id };
});

export const updateCampaignAction = action("posts.write", campaignUpdateInput, async ({ campaignId, ...input }) => {
  await updateCampaign(campaignId, input);
  revalidatePath("/library/campaigns");
  revalidatePath(`/library/campaigns/${campaignId}`);
  return { campaignId };
});
