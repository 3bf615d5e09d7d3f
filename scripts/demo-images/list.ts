/** The demo posts' preview images, drawn by scripts/make-demo-images.ts into `<file>.webp` beside this list. */
export type DemoImage = {
  file: string;
  kicker: string;
  headline: string;
  motif:
    | "city"
    | "leaf"
    | "chart"
    | "shield"
    | "rocket"
    | "trophy"
    | "database"
    | "people"
    | "calendar"
    | "stage"
    | "handshake"
    | "globe";
  from: string;
  to: string;
  accent: string;
  light: string;
};

const BLUE = { from: "#1e3a8a", to: "#3730a3", accent: "#1d4ed8", light: "#93c5fd" };
const GREEN = { from: "#065f46", to: "#115e59", accent: "#047857", light: "#6ee7b7" };
const PURPLE = { from: "#4c1d95", to: "#6d28d9", accent: "#7c3aed", light: "#c4b5fd" };
const SLATE = { from: "#0f172a", to: "#334155", accent: "#0ea5e9", light: "#7dd3fc" };
const ROSE = { from: "#881337", to: "#be123c", accent: "#e11d48", light: "#fda4af" };
const AMBER = { from: "#78350f", to: "#b45309", accent: "#d97706", light: "#fcd34d" };
const TEAL = { from: "#134e4a", to: "#0e7490", accent: "#0891b2", light: "#67e8f9" };

export const DEMO_IMAGES: DemoImage[] = [
  { file: "lisbon-hiring", kicker: "Careers", headline: "We are hiring engineers in Lisbon", motif: "city", ...BLUE },
  { file: "sustainability", kicker: "Report", headline: "Emissions down 30% in a year", motif: "leaf", ...GREEN },
  { file: "northwind", kicker: "Customer story", headline: "Northwind cut costs by 40%", motif: "chart", ...TEAL },
  { file: "privacy-webinar", kicker: "Webinar", headline: "Data privacy in practice", motif: "shield", ...SLATE },
  { file: "analytics-launch", kicker: "Launch", headline: "Meet Example Analytics", motif: "rocket", ...PURPLE },
  { file: "leader-report", kicker: "News", headline: "Named a leader in the 2026 report", motif: "trophy", ...ROSE },
  {
    file: "scaling-postgres",
    kicker: "Engineering",
    headline: "Scaling Postgres to a billion rows",
    motif: "database",
    ...SLATE,
  },
  { file: "internships", kicker: "Careers", headline: "Internships now open", motif: "people", ...AMBER },
  {
    file: "quarterly-results",
    kicker: "Investors",
    headline: "A strong quarter in every region",
    motif: "chart",
    ...BLUE,
  },
  { file: "cloud-summit", kicker: "Event", headline: "Meet us at Cloud Summit, booth 42", motif: "stage", ...PURPLE },
  { file: "contoso", kicker: "Customer story", headline: "Contoso ships twice as fast", motif: "rocket", ...TEAL },
  { file: "lisbon-office", kicker: "Culture", headline: "Inside our Lisbon office", motif: "people", ...ROSE },
  { file: "partners", kicker: "Partners", headline: "Our new partner programme", motif: "handshake", ...GREEN },
  { file: "soc2", kicker: "Security", headline: "SOC 2 Type II report available", motif: "shield", ...AMBER },
  {
    file: "year-in-review",
    kicker: "Year in review",
    headline: "What our customers built in 2026",
    motif: "globe",
    ...BLUE,
  },
  { file: "holiday-webinar", kicker: "Webinar", headline: "Planning 2027 with your data", motif: "calendar", ...TEAL },
];
