import { useState } from "react";
import { FieldErrorList } from "./field-errors";

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
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="audience"
            value="all"
            checked={audience === "all"}
            onChange={() => setAudience("all")}
          />{" "}
          Everyone
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="audience"
            value="teams"
            checked={audience === "teams"}
            onChange={() => setAudience("teams")}
          />{" "}
          Chosen teams
        </label>
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
