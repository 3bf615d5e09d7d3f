-- The single settings row, so the app can always read its point values.
INSERT INTO "settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
