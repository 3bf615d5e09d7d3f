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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const DEDUPE_HOURS = DEDUPE_WINDOW_MS / 3_600_000;
const EMBED_CREDIT_HOURS = EMBED_CREDIT_WINDOW_MS / 3_600_000;

/** The point values in force, as the public "How points work" page states them (docs/product.md#points). */
export function pointValues(s: Scoring): PointValue[] {
  return [
    { what: "Share on LinkedIn, X, email or copy", points: s.pointsShare, note: "Once per post and network." },
    {
      what: "Share on Facebook",
      points: s.pointsShareFacebook,
      note: "Facebook's policy forbids pre-filled text and rewards for posting, so its share page takes only the link.",
    },
    { what: "Counted click on your link", points: s.pointsClick, note: "On any network, Facebook included." },
    {
      what: "Reshare that grew out of your link",
      points: s.pointsReshare,
      note: "Internal, from the company's site, or reported by an integration.",
    },
    {
      what: "Conversion credited to you",
      points: s.pointsConversion ?? 0,
      note: "A lead, signup or deal the company credits to your link; a deal counts once however far it goes.",
    },
    ...(s.pointsSuggestion
      ? [
          {
            what: "Suggested post a curator accepts",
            points: s.pointsSuggestion,
            note: "Suggest a post from the menu; My stats shows what became of each suggestion.",
          },
        ]
      : []),
  ];
}

/**
 * Every counting rule, in words, with the values in force. The numbers come from the same settings and
 * constants that the redirect, the click writer and the leaderboard use, so the page cannot drift from them.
 */
export function countingRules(s: Scoring): RuleSection[] {
  return [
    {
      title: "Shares",
      rules: [
        `At most ${plural(s.dailyShareCap, "share")} a day earn share points; later shares still go out and their clicks still count. Days run on ${s.timeZone} time.`,
        "Sharing the same post to the same network again reuses your link and earns nothing new.",
        ...(s.pointsShareFacebook === 0
          ? ["Facebook shares earn no share points and do not use up the daily allowance."]
          : []),
      ],
    },
    {
      title: "Clicks",
      rules: [
        "Every visit through your link is recorded; it counts for you unless one of the rules below applies. Uncounted visits are kept with the reason.",
        "Bots and link-preview crawlers (LinkedIn, X, Facebook, Slack, WhatsApp, Telegram and the like fetch a link to draw its preview) do not count.",
        "Mail security scanners (Microsoft Safe Links, Proofpoint, Mimecast, Barracuda, Cisco, Symantec, Trend Micro, Sophos and the like open every link in a mail to check it) do not count: they are recognised by their browser name, or by address ranges your administrator lists, which are checked and never stored.",
        `The same visitor opening the same link again within ${DEDUPE_HOURS} hours does not count again.`,
        "Your own clicks on your links while you are signed in do not count.",
        "Requests that only ask whether the link exists (HTTP HEAD) do not count.",
      ],
    },
    {
      title: "Reshares",
      rules: [
        "A colleague who reshares your share from the activity feed gets a link of their own, and you are credited one reshare.",
        `A visitor who arrives through your link and shares the page onward from the company's site gets a link of their own. You are credited one reshare when someone else opens that link within ${EMBED_CREDIT_HOURS} hours of its making and the click counts; their own clicks (from the same network address) and merely asking for links earn nothing. Every counted click on their link counts toward your chain's reach.`,
        `At most ${plural(s.embedReshareDailyCap, "such reshare")} a day ${s.embedReshareDailyCap === 1 ? "is" : "are"} credited to one link (days on ${s.timeZone} time).`,
        `Reshares reported by the company's integrations are credited to the link they name, once per reported event; an event that reports more than ${plural(s.reportedReshareEventCap, "reshare")} is refused, not counted.`,
      ],
    },
    {
      title: "Conversions",
      rules: [
        "When someone who arrived through your link becomes a lead, signs up or closes a deal, the company reports it with the link's code and it is credited to you.",
        "Through a colleague's reshare of your share, or a visitor's onward share from the company's site, the conversion is credited to you (the advocate whose share started the chain) and names the colleague who reshared.",
        `It is credited only within ${plural(s.attributionWindowDays ?? 90, "day")} of the visitor's first click on the link; later, or without a known link, it counts for the company and for nobody.`,
        "A deal that moves from lead to opportunity to won is one deal: it counts once, and its stages show in the funnel. A repeated report of the same conversion counts once; the first amount stands.",
        "Amounts are reported in their own currency and never converted. No name or email address of the person who converted is stored.",
        (s.pointsConversion ?? 0) > 0
          ? `Each credited conversion earns ${plural(s.pointsConversion ?? 0, "point")}, for you on the leaderboard and for your team in the team standings.`
          : "Conversions earn no points: they show in the dashboard and, if the administrator chooses, in the leaderboard's Influenced column.",
      ],
    },
    {
      title: "Suggestions",
      rules: [
        'Anyone may suggest a link with a note; a curator accepts it into a draft credited "suggested by" you, or declines it with a comment that is mailed to you.',
        s.pointsSuggestion
          ? `Each accepted suggestion earns ${plural(s.pointsSuggestion, "point")}.`
          : "Accepted suggestions earn no points here; your administrator may set some.",
      ],
    },
    {
      title: "Leaderboard",
      rules: [
        "Ranked by points for this week (from Monday), this month, this quarter, all time or a date range you choose; advocates with equal points share a rank.",
        "Teams are ranked against each other by points per member.",
        "When an administrator changes the point values, all past activity is scored again with the new values.",
      ],
    },
    {
      title: "Privacy",
      rules: [
        "Visitors are told apart only by a salted hash of their address and browser that changes every day; no IP address is stored.",
        `Individual clicks are kept for ${RAW_CLICK_RETENTION_MONTHS} months, after which only the daily totals remain.`,
        'You may hide your name on the leaderboard from My stats: you stay ranked as "Anonymous advocate".',
      ],
    },
  ];
}
