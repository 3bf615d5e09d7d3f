/** The settings as the form and its history name them. */
export const SETTING_LABELS: Record<string, string> = {
  pointsShare: "points per share",
  pointsShareFacebook: "points per Facebook share",
  pointsClick: "points per counted click",
  pointsReshare: "points per reshare",
  dailyShareCap: "daily share cap",
  timeZone: "time zone",
  costPerClick: "cost per click",
  blockedWords: "blocked words",
  disclosure: "disclosure",
  scannerRanges: "mail scanner ranges",
  pointsSuggestion: "points per accepted suggestion",
};
