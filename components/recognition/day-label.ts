import { format } from "date-fns";
import { dayToDate } from "@/lib/periods";

/** "2 Dec 2026" for a calendar day (YYYY-MM-DD). */
export const dayLabel = (day: string) => format(dayToDate(day), "d MMM yyyy");
