import { createTranslator } from "next-intl";
import { messagesFor } from "@/i18n/messages";
import type { Locale } from "@/lib/locale";
import { RAW_CLICK_RETENTION_MONTHS } from "@/lib/privacy";
import { EMBED_CREDIT_WINDOW_MS } from "@/lib/reshare-credits";
import type { Settings } from "@/lib/settings";
import { DEDUPE_WINDOW_MS } from "@/lib/tracking";

/** The settings the point rules are stated from (the admin's settings form edits them too). */
export type ScoringSetting =
  | "pointsShare"
  | "pointsShareFacebook"
  | "pointsClick"
  | "pointsReshare"
  | "dailyShareCap"
  | "embedReshareDailyCap"
  | "reportedReshareEventCap"
  | "timeZone";

type Scoring = Pick<Settings, ScoringSetting> &
  Partial<Pick<Settings, "pointsConversion" | "attributionWindowDays" | "pointsSuggestion">>;

export type PointValue = { what: string; points: number; note: string };
export type RuleSection = { title: string; rules: string[] };

const DEDUPE_HOURS = DEDUPE_WINDOW_MS / 3_600_000;
const EMBED_CREDIT_HOURS = EMBED_CREDIT_WINDOW_MS / 3_600_000;

/** The texts in the reader's language (messages/*.json, "Points"); English when none is given. */
const pointsText = (locale: Locale) => createTranslator({ locale, messages: messagesFor(locale), namespace: "Points" });

/** The point values in force, as the public "How points work" page states them (docs/product.md#points). */
export function pointValues(s: Scoring, locale: Locale = "en"): PointValue[] {
  const t = pointsText(locale);
  return [
    { what: t("v.share"), points: s.pointsShare, note: t("v.shareNote") },
    { what: t("v.facebook"), points: s.pointsShareFacebook, note: t("v.facebookNote") },
    { what: t("v.click"), points: s.pointsClick, note: t("v.clickNote") },
    { what: t("v.reshare"), points: s.pointsReshare, note: t("v.reshareNote") },
    { what: t("v.conversion"), points: s.pointsConversion ?? 0, note: t("v.conversionNote") },
    ...(s.pointsSuggestion
      ? [{ what: t("v.suggestion"), points: s.pointsSuggestion, note: t("v.suggestionNote") }]
      : []),
  ];
}

/**
 * Every counting rule, in words, with the values in force. The numbers come from the same settings and
 * constants that the redirect, the click writer and the leaderboard use, so the page cannot drift from them.
 */
export function countingRules(s: Scoring, locale: Locale = "en"): RuleSection[] {
  const t = pointsText(locale);
  const conversionPoints = s.pointsConversion ?? 0;
  return [
    {
      title: t("s.shares"),
      rules: [
        t("r.dailyCap", { count: s.dailyShareCap, timeZone: s.timeZone }),
        t("r.sameNetwork"),
        ...(s.pointsShareFacebook === 0 ? [t("r.facebookFree")] : []),
      ],
    },
    {
      title: t("s.clicks"),
      rules: [
        t("r.recorded"),
        t("r.bots"),
        t("r.scanners"),
        t("r.dedupe", { hours: DEDUPE_HOURS }),
        t("r.own"),
        t("r.head"),
      ],
    },
    {
      title: t("s.reshares"),
      rules: [
        t("r.colleague"),
        t("r.embed", { hours: EMBED_CREDIT_HOURS }),
        t("r.embedCap", { count: s.embedReshareDailyCap, timeZone: s.timeZone }),
        t("r.reported", { count: s.reportedReshareEventCap }),
      ],
    },
    {
      title: t("s.conversions"),
      rules: [
        t("r.convReported"),
        t("r.convChain"),
        t("r.convWindow", { count: s.attributionWindowDays ?? 90 }),
        t("r.convDeal"),
        t("r.convMoney"),
        conversionPoints > 0 ? t("r.convPoints", { count: conversionPoints }) : t("r.convNoPoints"),
      ],
    },
    {
      title: t("s.suggestions"),
      rules: [
        t("r.suggest"),
        s.pointsSuggestion ? t("r.suggestPoints", { count: s.pointsSuggestion }) : t("r.suggestNoPoints"),
      ],
    },
    {
      title: t("s.leaderboard"),
      rules: [t("r.ranked"), t("r.teams"), t("r.rescored")],
    },
    {
      title: t("s.privacy"),
      rules: [t("r.hash"), t("r.retention", { months: RAW_CLICK_RETENTION_MONTHS }), t("r.hideName")],
    },
  ];
}
