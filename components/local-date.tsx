"use client";

import { useEffect, useState } from "react";

/** A date in the reader's own locale and time zone (the server knows neither). */
export function LocalDate({ value }: { value: Date | string }) {
  const iso = typeof value === "string" ? value : value.toISOString();
  const [text, setText] = useState(iso.slice(0, 10));
  useEffect(() => setText(new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })), [iso]);
  return <time dateTime={iso}>{text}</time>;
}
