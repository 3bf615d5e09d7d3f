import { expect, test } from "vitest";
import { getSettings } from "@/lib/settings";
import { makeLivePost } from "@/tests/helpers";

test("migrations create the settings row and the workflow runs", async () => {
  expect((await getSettings()).pointsClick).toBe(2);
  const { postId } = await makeLivePost();
  expect(postId).toBeGreaterThan(0);
});
