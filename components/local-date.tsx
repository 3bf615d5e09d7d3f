"use client";

import { useFormatter } from "next-intl";
import { useEffect, useState } from "react";

/** A date in the reader's language (their setting, else their browser's) and in their own time zone, which the
 * server does not know: the browser fills it in after hydration. */
export function LocalDate({ value }: { value: Date | string }) {
  const format = useFormatter();
  const iso = typeof value === "string" ? value : value.toISOString();
  const [text, setText] = useState(iso.slice(0, 10));
  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setText(format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone }));
  }, [iso, format]);
  return <time dateTime={iso}>{text}</time>;
}
