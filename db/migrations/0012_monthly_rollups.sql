CREATE TABLE "rollup_monthly" (
	"month" date NOT NULL,
	"advocate_id" text NOT NULL,
	"post_id" integer NOT NULL,
	"network" "network" NOT NULL,
	"shares" integer DEFAULT 0 NOT NULL,
	"scored_shares" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"counted_clicks" integer DEFAULT 0 NOT NULL,
	"reshares" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_monthly_month_advocate_id_post_id_network_pk" PRIMARY KEY("month","advocate_id","post_id","network")
);
--> statement-breakpoint
CREATE TABLE "rollup_outcomes_monthly" (
	"month" date NOT NULL,
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
	CONSTRAINT "rollup_outcomes_monthly_key" UNIQUE NULLS NOT DISTINCT("month","advocate_id","post_id","network","currency")
);
--> statement-breakpoint
ALTER TABLE "rollup_monthly" ADD CONSTRAINT "rollup_monthly_advocate_id_users_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_monthly" ADD CONSTRAINT "rollup_monthly_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_outcomes_monthly" ADD CONSTRAINT "rollup_outcomes_monthly_advocate_id_users_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_outcomes_monthly" ADD CONSTRAINT "rollup_outcomes_monthly_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollup_monthly_advocate_idx" ON "rollup_monthly" USING btree ("advocate_id","month");--> statement-breakpoint
CREATE INDEX "rollup_monthly_post_idx" ON "rollup_monthly" USING btree ("post_id","month");--> statement-breakpoint
CREATE INDEX "rollup_outcomes_monthly_advocate_idx" ON "rollup_outcomes_monthly" USING btree ("advocate_id","month");--> statement-breakpoint
-- rollup_monthly = rollup_daily summed per month, kept so by this trigger in the same transaction as every rollup
-- write (shares, click batches, reshares, rebuilds). A month whose counts all fall to zero is removed, so a long
-- period never lists an advocate or post the daily rows no longer have.
CREATE OR REPLACE FUNCTION rollup_monthly_add(m date, a text, p integer, n network, d rollup_daily) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_monthly AS t (month, advocate_id, post_id, network, shares, scored_shares, clicks, counted_clicks, reshares)
  VALUES (m, a, p, n, d.shares, d.scored_shares, d.clicks, d.counted_clicks, d.reshares)
  ON CONFLICT (month, advocate_id, post_id, network) DO UPDATE SET
    shares = t.shares + excluded.shares, scored_shares = t.scored_shares + excluded.scored_shares,
    clicks = t.clicks + excluded.clicks, counted_clicks = t.counted_clicks + excluded.counted_clicks,
    reshares = t.reshares + excluded.reshares;
  DELETE FROM rollup_monthly
   WHERE month = m AND advocate_id = a AND post_id = p AND network = n
     AND shares = 0 AND scored_shares = 0 AND clicks = 0 AND counted_clicks = 0 AND reshares = 0;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d rollup_daily;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.advocate_id, OLD.post_id, OLD.network, date_trunc('month', OLD.day))
                        = (NEW.advocate_id, NEW.post_id, NEW.network, date_trunc('month', NEW.day)) THEN
    d := NEW;
    d.shares := NEW.shares - OLD.shares; d.scored_shares := NEW.scored_shares - OLD.scored_shares;
    d.clicks := NEW.clicks - OLD.clicks; d.counted_clicks := NEW.counted_clicks - OLD.counted_clicks;
    d.reshares := NEW.reshares - OLD.reshares;
    PERFORM rollup_monthly_add(date_trunc('month', NEW.day)::date, NEW.advocate_id, NEW.post_id, NEW.network, d);
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    d := OLD;
    d.shares := -OLD.shares; d.scored_shares := -OLD.scored_shares; d.clicks := -OLD.clicks;
    d.counted_clicks := -OLD.counted_clicks; d.reshares := -OLD.reshares;
    PERFORM rollup_monthly_add(date_trunc('month', OLD.day)::date, OLD.advocate_id, OLD.post_id, OLD.network, d);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_monthly_add(date_trunc('month', NEW.day)::date, NEW.advocate_id, NEW.post_id, NEW.network, NEW);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_daily_monthly AFTER INSERT OR UPDATE OR DELETE ON rollup_daily
FOR EACH ROW EXECUTE FUNCTION rollup_monthly_apply();
--> statement-breakpoint
-- The same for conversions: rollup_outcomes_monthly = rollup_outcomes summed per month (null advocate, post and
-- network for unattributed ones, hence IS NOT DISTINCT FROM).
CREATE OR REPLACE FUNCTION rollup_outcomes_monthly_add(m date, d rollup_outcomes) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_outcomes_monthly AS t (month, advocate_id, post_id, network, currency, conversions, leads,
                                            signups, opportunities, won, pipeline, revenue)
  VALUES (m, d.advocate_id, d.post_id, d.network, d.currency, d.conversions, d.leads, d.signups, d.opportunities,
          d.won, d.pipeline, d.revenue)
  ON CONFLICT ON CONSTRAINT rollup_outcomes_monthly_key DO UPDATE SET
    conversions = t.conversions + excluded.conversions, leads = t.leads + excluded.leads,
    signups = t.signups + excluded.signups, opportunities = t.opportunities + excluded.opportunities,
    won = t.won + excluded.won, pipeline = t.pipeline + excluded.pipeline, revenue = t.revenue + excluded.revenue;
  DELETE FROM rollup_outcomes_monthly
   WHERE month = m AND advocate_id IS NOT DISTINCT FROM d.advocate_id AND post_id IS NOT DISTINCT FROM d.post_id
     AND network IS NOT DISTINCT FROM d.network AND currency = d.currency
     AND conversions = 0 AND leads = 0 AND signups = 0 AND opportunities = 0 AND won = 0 AND pipeline = 0
     AND revenue = 0;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_outcomes_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d rollup_outcomes;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    d := OLD;
    d.conversions := -OLD.conversions; d.leads := -OLD.leads; d.signups := -OLD.signups;
    d.opportunities := -OLD.opportunities; d.won := -OLD.won; d.pipeline := -OLD.pipeline; d.revenue := -OLD.revenue;
    PERFORM rollup_outcomes_monthly_add(date_trunc('month', OLD.day)::date, d);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_outcomes_monthly_add(date_trunc('month', NEW.day)::date, NEW);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_outcomes_monthly AFTER INSERT OR UPDATE OR DELETE ON rollup_outcomes
FOR EACH ROW EXECUTE FUNCTION rollup_outcomes_monthly_apply();
--> statement-breakpoint
INSERT INTO rollup_monthly (month, advocate_id, post_id, network, shares, scored_shares, clicks, counted_clicks, reshares)
SELECT date_trunc('month', day)::date, advocate_id, post_id, network, sum(shares), sum(scored_shares), sum(clicks),
       sum(counted_clicks), sum(reshares)
  FROM rollup_daily GROUP BY 1, 2, 3, 4
HAVING sum(shares) <> 0 OR sum(scored_shares) <> 0 OR sum(clicks) <> 0 OR sum(counted_clicks) <> 0 OR sum(reshares) <> 0;
--> statement-breakpoint
INSERT INTO rollup_outcomes_monthly (month, advocate_id, post_id, network, currency, conversions, leads, signups,
                                     opportunities, won, pipeline, revenue)
SELECT date_trunc('month', day)::date, advocate_id, post_id, network, currency, sum(conversions), sum(leads),
       sum(signups), sum(opportunities), sum(won), sum(pipeline), sum(revenue)
  FROM rollup_outcomes GROUP BY 1, 2, 3, 4, 5
HAVING sum(conversions) <> 0 OR sum(leads) <> 0 OR sum(signups) <> 0 OR sum(opportunities) <> 0 OR sum(won) <> 0
    OR sum(pipeline) <> 0 OR sum(revenue) <> 0;
