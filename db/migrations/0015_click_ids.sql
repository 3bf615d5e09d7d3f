ALTER TABLE "clicks" ADD COLUMN "click_id" uuid;--> statement-breakpoint
ALTER TABLE "clicks" ADD CONSTRAINT "clicks_click_id_unique" UNIQUE("click_id");