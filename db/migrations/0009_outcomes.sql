CREATE TYPE "public"."kpi_metric" AS ENUM('participation', 'counted_clicks', 'reshares', 'leads', 'revenue');--> statement-breakpoint
CREATE TABLE "conversion_conflicts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conversion_conflicts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"conversion_id" integer NOT NULL,
	"amount" numeric(20, 4),
	"currency" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conversions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"amount" numeric(20, 4),
	"currency" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"code" text,
	"link_id" integer,
	"advocate_id" text,
	"post_id" integer,
	"network" "network",
	"resharer_id" text,
	"source" text NOT NULL,
	"is_new" boolean DEFAULT true NOT NULL,
	"reached_lead" boolean DEFAULT false NOT NULL,
	"reached_opportunity" boolean DEFAULT false NOT NULL,
	"reached_won" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kpi_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"quarter" text NOT NULL,
	"team_id" integer,
	"metric" "kpi_metric" NOT NULL,
	"currency" text DEFAULT '' NOT NULL,
	"value" numeric(24, 4) NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_targets_key" UNIQUE NULLS NOT DISTINCT("quarter","team_id","metric","currency")
);
--> statement-breakpoint
CREATE TABLE "quarter_reports" (
	"quarter" text PRIMARY KEY NOT NULL,
	"figures" jsonb NOT NULL,
	"csv" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_outcomes" (
	"day" date NOT NULL,
	"advocate_id" text,
	"post_id" integer,
	"network" "network",
	"currency" text DEFAULT '' NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"leads" integer DEFAULT 0 NOT NULL,
	"signups" integer DEFAULT 0 NOT NULL,
	"opportunities" integer DEFAULT 0 NOT NULL,
	"won" integer DEFAULT 0 NOT NULL,
	"pipeline" numeric(24, 4) DEFAULT '0' NOT NULL,
	"revenue" numeric(24, 4) DEFAULT '0' NOT NULL,
	CONSTRAINT "rollup_outcomes_key" UNIQUE NULLS NOT DISTINCT("day","advocate_id","post_id","network","currency")
);
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "attribution_window_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "browser_amount_cap" numeric(20, 4) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "conversion_kinds" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "programme_cost_per_month" numeric(14, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "programme_currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "points_conversion" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "influenced_column" text DEFAULT 'leaders' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversion_conflicts" ADD CONSTRAINT "conversion_conflicts_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_link_id_tracked_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."tracked_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_advocate_id_users_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_resharer_id_users_id_fk" FOREIGN KEY ("resharer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_outcomes" ADD CONSTRAINT "rollup_outcomes_advocate_id_users_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_outcomes" ADD CONSTRAINT "rollup_outcomes_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversion_conflicts_conversion_idx" ON "conversion_conflicts" USING btree ("conversion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_kind_external_idx" ON "conversions" USING btree ("kind","external_id");--> statement-breakpoint
CREATE INDEX "conversions_external_idx" ON "conversions" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "conversions_advocate_idx" ON "conversions" USING btree ("advocate_id","occurred_at");--> statement-breakpoint
CREATE INDEX "rollup_outcomes_advocate_idx" ON "rollup_outcomes" USING btree ("advocate_id","day");--> statement-breakpoint
CREATE INDEX "rollup_outcomes_day_idx" ON "rollup_outcomes" USING btree ("day");