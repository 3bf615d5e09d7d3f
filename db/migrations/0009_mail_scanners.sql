ALTER TYPE "public"."click_reason" ADD VALUE 'scanner';--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "scanner_ranges" text[] DEFAULT '{}'::text[] NOT NULL;