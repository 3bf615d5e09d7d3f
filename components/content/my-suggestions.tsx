import Link from "next/link";
import { LocalDate } from "@/components/local-date";

type Suggestion = {
  id: number;
  url: string;
  status: "pending" | "accepted" | "declined";
  comment: string | null;
  postTitle: string | null;
  createdAt: Date;
};

const FATE = { pending: "Waiting for a curator", accepted: "Accepted", declined: "Declined" } as const;

/** The advocate's suggestions and what became of them, on My stats. */
export function MySuggestions({ items, pointsEach }: { items: Suggestion[]; pointsEach: number }) {
  if (!items.length)
    return (
      <p className="mt-2 text-sm text-slate-600">
        No suggestions yet. <Link href="/suggest">Suggest a post</Link>
        {pointsEach > 0 ? `: each one a curator accepts earns ${pointsEach} points.` : "."}
      </p>
    );
  return (
    <ul
      className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm"
      data-testid="my-suggestions"
    >
      {items.map((item) => (
        <li key={item.id} className="px-3 py-2">
          <span className="break-all">{item.postTitle ?? item.url}</span> ·{" "}
          <span className="font-medium">{FATE[item.status]}</span> · <LocalDate value={item.createdAt} />
          {item.comment && <span className="block text-slate-600">“{item.comment}”</span>}
        </li>
      ))}
    </ul>
  );
}
