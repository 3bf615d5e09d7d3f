"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/action";
import { DomainError } from "@/lib/errors";
import { retryJob } from "@/lib/jobs";
import { rowId } from "@/lib/validation";

export const retryJobAction = action("admin.manage", z.object({ jobId: rowId }), async ({ jobId }) => {
  if (!(await retryJob(jobId))) throw new DomainError("conflict", "Only a failed job can be retried.");
  revalidatePath("/admin/notifications");
  return { jobId };
});
