-- A month row whose sums fall to zero is removed by the row the upsert itself returned (its ctid), instead of a
-- second lookup by key: for rollup_outcomes_monthly that lookup compared nullable keys with IS NOT DISTINCT FROM,
-- which no index serves, so every conversion written scanned the whole monthly table.
CREATE OR REPLACE FUNCTION rollup_monthly_add(m date, a text, p integer, n network, d rollup_daily) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  written tid;
  emptied boolean;
BEGIN
  INSERT INTO rollup_monthly AS t (month, advocate_id, post_id, network, shares, scored_shares, clicks, counted_clicks, reshares)
  VALUES (m, a, p, n, d.shares, d.scored_shares, d.clicks, d.counted_clicks, d.reshares)
  ON CONFLICT (month, advocate_id, post_id, network) DO UPDATE SET
    shares = t.shares + excluded.shares, scored_shares = t.scored_shares + excluded.scored_shares,
    clicks = t.clicks + excluded.clicks, counted_clicks = t.counted_clicks + excluded.counted_clicks,
    reshares = t.reshares + excluded.reshares
  RETURNING t.ctid, t.shares = 0 AND t.scored_shares = 0 AND t.clicks = 0 AND t.counted_clicks = 0 AND t.reshares = 0
  INTO written, emptied;
  IF emptied THEN
    DELETE FROM rollup_monthly WHERE ctid = written;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_outcomes_monthly_add(m date, d rollup_outcomes) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  written tid;
  emptied boolean;
BEGIN
  INSERT INTO rollup_outcomes_monthly AS t (month, advocate_id, post_id, network, currency, conversions, leads,
                                            signups, opportunities, won, pipeline, revenue)
  VALUES (m, d.advocate_id, d.post_id, d.network, d.currency, d.conversions, d.leads, d.signups, d.opportunities,
          d.won, d.pipeline, d.revenue)
  ON CONFLICT ON CONSTRAINT rollup_outcomes_monthly_key DO UPDATE SET
    conversions = t.conversions + excluded.conversions, leads = t.leads + excluded.leads,
    signups = t.signups + excluded.signups, opportunities = t.opportunities + excluded.opportunities,
    won = t.won + excluded.won, pipeline = t.pipeline + excluded.pipeline, revenue = t.revenue + excluded.revenue
  RETURNING t.ctid, t.conversions = 0 AND t.leads = 0 AND t.signups = 0 AND t.opportunities = 0 AND t.won = 0
            AND t.pipeline = 0 AND t.revenue = 0
  INTO written, emptied;
  IF emptied THEN
    DELETE FROM rollup_outcomes_monthly WHERE ctid = written;
  END IF;
END
$$;
