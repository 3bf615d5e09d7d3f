-- rollup_totals = sum of rollup_daily per advocate × network, kept so by this trigger in the same transaction
-- as every rollup write (shares, click batches, reshares, rebuilds), so the two can never disagree.
INSERT INTO "rollup_totals" ("advocate_id", "network", "shares", "scored_shares", "clicks", "counted_clicks", "reshares")
SELECT "advocate_id", "network", sum("shares"), sum("scored_shares"), sum("clicks"), sum("counted_clicks"), sum("reshares")
FROM "rollup_daily" GROUP BY "advocate_id", "network"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO rollup_totals AS t (advocate_id, network, shares, scored_shares, clicks, counted_clicks, reshares)
    VALUES (OLD.advocate_id, OLD.network, -OLD.shares, -OLD.scored_shares, -OLD.clicks, -OLD.counted_clicks, -OLD.reshares)
    ON CONFLICT (advocate_id, network) DO UPDATE SET
      shares = t.shares + excluded.shares, scored_shares = t.scored_shares + excluded.scored_shares,
      clicks = t.clicks + excluded.clicks, counted_clicks = t.counted_clicks + excluded.counted_clicks,
      reshares = t.reshares + excluded.reshares;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_totals AS t (advocate_id, network, shares, scored_shares, clicks, counted_clicks, reshares)
    VALUES (NEW.advocate_id, NEW.network, NEW.shares, NEW.scored_shares, NEW.clicks, NEW.counted_clicks, NEW.reshares)
    ON CONFLICT (advocate_id, network) DO UPDATE SET
      shares = t.shares + excluded.shares, scored_shares = t.scored_shares + excluded.scored_shares,
      clicks = t.clicks + excluded.clicks, counted_clicks = t.counted_clicks + excluded.counted_clicks,
      reshares = t.reshares + excluded.reshares;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_daily_totals AFTER INSERT OR UPDATE OR DELETE ON rollup_daily
FOR EACH ROW EXECUTE FUNCTION rollup_totals_apply();
