import { useState } from "react";
import { FieldErrorList } from "./field-errors";

const AUDIENCES = [
  ["all", "Everyone"],
  ["teams", "Chosen teams"],
] as const;

/** Everyone, or the teams ticked below. */
export function AudienceFieldset({
  initial,
  teams,
  errors,
}: {
  initial?: { audience: "all" | "teams"; teamIds: number[] };
  teams: { id: number; name: string }[];
  errors?: string[];
}) {
  const [audience, setAudience] = useState(initial?.audience ?? "all");
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Audience</legend>
      <div className="mt-2 flex flex-wrap gap-4 text-sm">
        {AUDIENCES.map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input
              type="radio"
              name="audience"
              value={value}
              checked={audience === value}
              onChange={() => setAudience(value)}
            />{" "}
            {label}
          </label>
        ))}
      </div>
      {audience === "teams" && (
        <div className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
          {teams.map((team) => (
            <label key={team.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="teamIds"
                value={team.id}
                defaultChecked={initial?.teamIds.includes(team.id)}
              />{" "}
              {team.name}
            </label>
          ))}
        </div>
      )}
      <FieldErrorList errors={errors} />
    </fieldset>
  );
}
