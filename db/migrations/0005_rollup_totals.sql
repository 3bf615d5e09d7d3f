CREATE TABLE "rollup_totals" (
	"advocate_id" text NOT NULL,
	"network" "network" NOT NULL,
	"shares" integer DEFAULT 0 NOT NULL,
	"scored_shares" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"counted_clicks" integer DEFAULT 0 NOT NULL,
	"reshares" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_totals_advocate_id_network_pk" PRIMARY KEY("advocate_id","network")
);
--> statement-breakpoint
ALTER TABLE "rollup_totals" ADD CONSTRAINT "rollup_totals_advocate_id_users_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;