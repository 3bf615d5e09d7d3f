CREATE TABLE "rollup_by_day" (
	"day" date NOT NULL,
	"network" "network" NOT NULL,
	"shares" integer DEFAULT 0 NOT NULL,
	"scored_shares" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"counted_clicks" integer DEFAULT 0 NOT NULL,
	"reshares" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_by_day_day_network_pk" PRIMARY KEY("day","network")
);
--> statement-breakpoint
CREATE TABLE "rollup_by_month" (
	"month" date NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"shares" integer DEFAULT 0 NOT NULL,
	"scored_shares" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"counted_clicks" integer DEFAULT 0 NOT NULL,
	"reshares" integer DEFAULT 0 NOT NULL,
	"facebook_scored_shares" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_by_month_dim_month_key_pk" PRIMARY KEY("dim","month","key")
);
--> statement-breakpoint
CREATE TABLE "rollup_outcomes_by_day" (
	"day" date NOT NULL,
	"network" text NOT NULL,
	"currency" text NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"leads" integer DEFAULT 0 NOT NULL,
	"signups" integer DEFAULT 0 NOT NULL,
	"opportunities" integer DEFAULT 0 NOT NULL,
	"won" integer DEFAULT 0 NOT NULL,
	"pipeline" numeric(24, 4) DEFAULT '0' NOT NULL,
	"revenue" numeric(24, 4) DEFAULT '0' NOT NULL,
	CONSTRAINT "rollup_outcomes_by_day_day_network_currency_pk" PRIMARY KEY("day","network","currency")
);
--> statement-breakpoint
CREATE TABLE "rollup_outcomes_by_month" (
	"month" date NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"currency" text NOT NULL,
	"conversions" integer DEFAULT 0 NOT NULL,
	"leads" integer DEFAULT 0 NOT NULL,
	"signups" integer DEFAULT 0 NOT NULL,
	"opportunities" integer DEFAULT 0 NOT NULL,
	"won" integer DEFAULT 0 NOT NULL,
	"pipeline" numeric(24, 4) DEFAULT '0' NOT NULL,
	"revenue" numeric(24, 4) DEFAULT '0' NOT NULL,
	CONSTRAINT "rollup_outcomes_by_month_dim_month_key_currency_pk" PRIMARY KEY("dim","month","key","currency")
);
--> statement-breakpoint
-- rollup_by_month = rollup_monthly summed per advocate and per post (two rows per month row), kept
-- so by this trigger in the same transaction as every write to rollup_monthly. A row whose sums fall to zero is
-- removed, found by the ctid its upsert returned.
CREATE OR REPLACE FUNCTION rollup_by_month_add(m date, d text, k text, sh integer, ss integer, cl integer,
                                               cc integer, rs integer, fb integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  written tid;
  emptied boolean;
BEGIN
  INSERT INTO rollup_by_month AS t (month, dim, key, shares, scored_shares, clicks, counted_clicks, reshares,
                                    facebook_scored_shares)
  VALUES (m, d, k, sh, ss, cl, cc, rs, fb)
  ON CONFLICT (dim, month, key) DO UPDATE SET
    shares = t.shares + excluded.shares, scored_shares = t.scored_shares + excluded.scored_shares,
    clicks = t.clicks + excluded.clicks, counted_clicks = t.counted_clicks + excluded.counted_clicks,
    reshares = t.reshares + excluded.reshares,
    facebook_scored_shares = t.facebook_scored_shares + excluded.facebook_scored_shares
  RETURNING t.ctid, t.shares = 0 AND t.scored_shares = 0 AND t.clicks = 0 AND t.counted_clicks = 0
            AND t.reshares = 0 AND t.facebook_scored_shares = 0
  INTO written, emptied;
  IF emptied THEN
    DELETE FROM rollup_by_month WHERE ctid = written;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_by_month_row(r rollup_monthly, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  fb integer := CASE WHEN r.network = 'facebook' THEN r.scored_shares ELSE 0 END;
BEGIN
  PERFORM rollup_by_month_add(r.month, 'advocate', r.advocate_id, sign * r.shares, sign * r.scored_shares,
    sign * r.clicks, sign * r.counted_clicks, sign * r.reshares, sign * fb);
  PERFORM rollup_by_month_add(r.month, 'post', r.post_id::text, sign * r.shares, sign * r.scored_shares,
    sign * r.clicks, sign * r.counted_clicks, sign * r.reshares, sign * fb);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_by_month_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM rollup_by_month_row(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_by_month_row(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_monthly_by_month AFTER INSERT OR UPDATE OR DELETE ON rollup_monthly
FOR EACH ROW EXECUTE FUNCTION rollup_by_month_apply();
--> statement-breakpoint
-- The same for conversions, per currency; an unattributed conversion's missing advocate or post is "".
CREATE OR REPLACE FUNCTION rollup_outcomes_by_month_add(m date, dm text, k text, d rollup_outcomes_monthly,
                                                        sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  written tid;
  emptied boolean;
BEGIN
  INSERT INTO rollup_outcomes_by_month AS t (month, dim, key, currency, conversions, leads, signups, opportunities,
                                             won, pipeline, revenue)
  VALUES (m, dm, coalesce(k, ''), d.currency, sign * d.conversions, sign * d.leads, sign * d.signups,
          sign * d.opportunities, sign * d.won, sign * d.pipeline, sign * d.revenue)
  ON CONFLICT (dim, month, key, currency) DO UPDATE SET
    conversions = t.conversions + excluded.conversions, leads = t.leads + excluded.leads,
    signups = t.signups + excluded.signups, opportunities = t.opportunities + excluded.opportunities,
    won = t.won + excluded.won, pipeline = t.pipeline + excluded.pipeline, revenue = t.revenue + excluded.revenue
  RETURNING t.ctid, t.conversions = 0 AND t.leads = 0 AND t.signups = 0 AND t.opportunities = 0 AND t.won = 0
            AND t.pipeline = 0 AND t.revenue = 0
  INTO written, emptied;
  IF emptied THEN
    DELETE FROM rollup_outcomes_by_month WHERE ctid = written;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_outcomes_by_month_row(r rollup_outcomes_monthly, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_outcomes_by_month_add(r.month, 'advocate', r.advocate_id, r, sign);
  PERFORM rollup_outcomes_by_month_add(r.month, 'post', r.post_id::text, r, sign);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_outcomes_by_month_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM rollup_outcomes_by_month_row(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_outcomes_by_month_row(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_outcomes_monthly_by_month AFTER INSERT OR UPDATE OR DELETE ON rollup_outcomes_monthly
FOR EACH ROW EXECUTE FUNCTION rollup_outcomes_by_month_apply();
--> statement-breakpoint
INSERT INTO rollup_by_month (month, dim, key, shares, scored_shares, clicks, counted_clicks, reshares,
                             facebook_scored_shares)
SELECT month, d.dim, d.key, sum(shares), sum(scored_shares), sum(clicks), sum(counted_clicks), sum(reshares),
       sum(CASE WHEN network = 'facebook' THEN scored_shares ELSE 0 END)
  FROM rollup_monthly
  CROSS JOIN LATERAL (VALUES ('advocate', advocate_id), ('post', post_id::text)) d(dim, key)
 GROUP BY 1, 2, 3
HAVING sum(shares) <> 0 OR sum(scored_shares) <> 0 OR sum(clicks) <> 0 OR sum(counted_clicks) <> 0
    OR sum(reshares) <> 0;
--> statement-breakpoint
INSERT INTO rollup_outcomes_by_month (month, dim, key, currency, conversions, leads, signups, opportunities, won,
                                      pipeline, revenue)
SELECT month, d.dim, coalesce(d.key, ''), currency, sum(conversions), sum(leads), sum(signups), sum(opportunities),
       sum(won), sum(pipeline), sum(revenue)
  FROM rollup_outcomes_monthly
  CROSS JOIN LATERAL (VALUES ('advocate', advocate_id), ('post', post_id::text)) d(dim, key)
 GROUP BY 1, 2, 3, 4
HAVING sum(conversions) <> 0 OR sum(leads) <> 0 OR sum(signups) <> 0 OR sum(opportunities) <> 0 OR sum(won) <> 0
    OR sum(pipeline) <> 0 OR sum(revenue) <> 0;
--> statement-breakpoint
-- rollup_by_day = rollup_daily summed per day and network, and rollup_outcomes_by_day = rollup_outcomes summed per
-- day, network ("" when unattributed) and currency, kept so by these triggers on the daily tables.
CREATE OR REPLACE FUNCTION rollup_by_day_add(r rollup_daily, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  written tid;
  emptied boolean;
BEGIN
  INSERT INTO rollup_by_day AS t (day, network, shares, scored_shares, clicks, counted_clicks, reshares)
  VALUES (r.day, r.network, sign * r.shares, sign * r.scored_shares, sign * r.clicks, sign * r.counted_clicks,
          sign * r.reshares)
  ON CONFLICT (day, network) DO UPDATE SET
    shares = t.shares + excluded.shares, scored_shares = t.scored_shares + excluded.scored_shares,
    clicks = t.clicks + excluded.clicks, counted_clicks = t.counted_clicks + excluded.counted_clicks,
    reshares = t.reshares + excluded.reshares
  RETURNING t.ctid, t.shares = 0 AND t.scored_shares = 0 AND t.clicks = 0 AND t.counted_clicks = 0 AND t.reshares = 0
  INTO written, emptied;
  IF emptied THEN
    DELETE FROM rollup_by_day WHERE ctid = written;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_by_day_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM rollup_by_day_add(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_by_day_add(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_daily_by_day AFTER INSERT OR UPDATE OR DELETE ON rollup_daily
FOR EACH ROW EXECUTE FUNCTION rollup_by_day_apply();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_outcomes_by_day_add(r rollup_outcomes, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  written tid;
  emptied boolean;
BEGIN
  INSERT INTO rollup_outcomes_by_day AS t (day, network, currency, conversions, leads, signups, opportunities, won,
                                           pipeline, revenue)
  VALUES (r.day, coalesce(r.network::text, ''), r.currency, sign * r.conversions, sign * r.leads, sign * r.signups,
          sign * r.opportunities, sign * r.won, sign * r.pipeline, sign * r.revenue)
  ON CONFLICT (day, network, currency) DO UPDATE SET
    conversions = t.conversions + excluded.conversions, leads = t.leads + excluded.leads,
    signups = t.signups + excluded.signups, opportunities = t.opportunities + excluded.opportunities,
    won = t.won + excluded.won, pipeline = t.pipeline + excluded.pipeline, revenue = t.revenue + excluded.revenue
  RETURNING t.ctid, t.conversions = 0 AND t.leads = 0 AND t.signups = 0 AND t.opportunities = 0 AND t.won = 0
            AND t.pipeline = 0 AND t.revenue = 0
  INTO written, emptied;
  IF emptied THEN
    DELETE FROM rollup_outcomes_by_day WHERE ctid = written;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_outcomes_by_day_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM rollup_outcomes_by_day_add(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_outcomes_by_day_add(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_outcomes_by_day AFTER INSERT OR UPDATE OR DELETE ON rollup_outcomes
FOR EACH ROW EXECUTE FUNCTION rollup_outcomes_by_day_apply();
--> statement-breakpoint
INSERT INTO rollup_by_day (day, network, shares, scored_shares, clicks, counted_clicks, reshares)
SELECT day, network, sum(shares), sum(scored_shares), sum(clicks), sum(counted_clicks), sum(reshares)
  FROM rollup_daily GROUP BY 1, 2
HAVING sum(shares) <> 0 OR sum(scored_shares) <> 0 OR sum(clicks) <> 0 OR sum(counted_clicks) <> 0
    OR sum(reshares) <> 0;
--> statement-breakpoint
INSERT INTO rollup_outcomes_by_day (day, network, currency, conversions, leads, signups, opportunities, won, pipeline,
                                    revenue)
SELECT day, coalesce(network::text, ''), currency, sum(conversions), sum(leads), sum(signups), sum(opportunities),
       sum(won), sum(pipeline), sum(revenue)
  FROM rollup_outcomes GROUP BY 1, 2, 3
HAVING sum(conversions) <> 0 OR sum(leads) <> 0 OR sum(signups) <> 0 OR sum(opportunities) <> 0 OR sum(won) <> 0
    OR sum(pipeline) <> 0 OR sum(revenue) <> 0;
