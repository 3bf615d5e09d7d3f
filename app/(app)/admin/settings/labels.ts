/** The settings as the form and its history name them. */
export const SETTING_LABELS: Record<string, string> = {
  pointsShare: "points per share",
  pointsShareFacebook: "points per Facebook share",
  pointsClick: "points per counted click",
  pointsReshare: "points per reshare",
  dailyShareCap: "daily share cap",
  embedReshareDailyCap: "external reshares credited per link a day",
  reportedReshareEventCap: "largest count of a reported reshare event",
  timeZone: "time zone",
  costPerClick: "cost per click",
  attributionWindowDays: "attribution window (days)",
  browserAmountCap: "browser amount cap",
  conversionKinds: "conversion kinds",
  programmeCostPerMonth: "programme cost per month",
  programmeCurrency: "programme currency",
  pointsConversion: "points per conversion",
  influencedColumn: "“Influenced” column",
};
