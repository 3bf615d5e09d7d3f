ALTER TABLE "tracked_links" ADD COLUMN "visitor_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "reshares_child_idx" ON "reshares" USING btree ("child_link_id");