ALTER TABLE "settings" ADD COLUMN "embed_reshare_daily_cap" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "reported_reshare_event_cap" integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "tracked_links" ADD COLUMN "requester_address_hash" text;