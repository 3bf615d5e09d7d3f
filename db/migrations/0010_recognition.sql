CREATE TYPE "public"."challenge_metric" AS ENUM('shares', 'counted_clicks', 'reshares', 'participation');--> statement-breakpoint
CREATE TABLE "badges" (
	"advocate_id" text NOT NULL,
	"badge" text NOT NULL,
	"awarded_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "badges_advocate_id_badge_pk" PRIMARY KEY("advocate_id","badge")
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "challenges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"metric" "challenge_metric" NOT NULL,
	"goal" integer NOT NULL,
	"team_id" integer,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reward" text DEFAULT '' NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenges_dates_check" CHECK ("challenges"."ends_on" >= "challenges"."starts_on"),
	CONSTRAINT "challenges_goal_check" CHECK ("challenges"."goal" > 0)
);
--> statement-breakpoint
CREATE TABLE "score_snapshots" (
	"week" date NOT NULL,
	"advocate_id" text NOT NULL,
	"score" integer NOT NULL,
	"consistency" double precision NOT NULL,
	"reach" double precision NOT NULL,
	"resonance" double precision NOT NULL,
	"amplification" double precision NOT NULL,
	"weeks_with_share" integer NOT NULL,
	"shares" integer NOT NULL,
	"counted_clicks" integer NOT NULL,
	"reshares" integer NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "score_snapshots_week_advocate_id_pk" PRIMARY KEY("week","advocate_id")
);
--> statement-breakpoint
CREATE TABLE "visitor_months" (
	"month" date NOT NULL,
	"advocate_id" text NOT NULL,
	"visitors" integer NOT NULL,
	CONSTRAINT "visitor_months_month_advocate_id_pk" PRIMARY KEY("month","advocate_id")
);
--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_advocate_id_users_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD CONSTRAINT "score_snapshots_advocate_id_users_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_months" ADD CONSTRAINT "visitor_months_advocate_id_users_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenges_ends_idx" ON "challenges" USING btree ("ends_on");--> statement-breakpoint
CREATE INDEX "score_snapshots_advocate_idx" ON "score_snapshots" USING btree ("advocate_id","week");