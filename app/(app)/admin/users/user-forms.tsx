"use client";

import { Select } from "@/components/ui/select";
import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { Role } from "@/db/schema";
import type { ActionResult } from "@/lib/action";
import { ROLE_NAMES, STATUS_NAMES } from "./labels";

type Result<T = unknown> = ActionResult<T> | null;
type FormAction<T> = (previous: Result<T>, formData: FormData) => Promise<Result<T>>;
type Team = { id: number; name: string };
type Person = {
  id: string;
  name: string | null;
  email: string;
  roles: Role[];
  teamId: number | null;
  active: boolean;
  signedIn: boolean;
};

function Alert({ state }: { state: Result }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {state.error}
    </p>
  );
}

function FieldErrors({ errors, id }: { errors?: string[]; id: string }) {
  return (
    errors?.map((error) => (
      <p key={error} id={id} role="alert" className="mt-1 text-sm text-red-700">
        {error}
      </p>
    )) ?? null
  );
}

/** `label` names the select where no visible <label> does (a row of the users list). */
function TeamSelect({
  id,
  teams,
  defaultValue,
  errors,
  label,
}: {
  id: string;
  teams: Team[];
  defaultValue: number | null;
  errors?: string[];
  label?: string;
}) {
  return (
    <>
      <Select
        id={id}
        name="teamId"
        defaultValue={defaultValue ?? ""}
        aria-label={label}
        aria-invalid={!!errors?.length}
        className="text-sm"
      >
        <option value="">No team</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </Select>
      <FieldErrors errors={errors} id={`${id}-error`} />
    </>
  );
}

function RoleBoxes({ roles, checked, prefix }: { roles: readonly Role[]; checked: Role[]; prefix: string }) {
  return (
    <span className="flex flex-wrap gap-3">
      {roles.map((role) => (
        <label key={role} className="inline-flex items-center gap-1">
          <input
            type="checkbox"
            name={`role_${role}`}
            defaultChecked={checked.includes(role)}
            aria-label={`${ROLE_NAMES[role]} (${prefix})`}
          />
          {ROLE_NAMES[role]}
        </label>
      ))}
    </span>
  );
}

export function InviteForm({
  invite,
  teams,
  roles,
}: {
  invite: FormAction<{ email: string; reinvited: boolean }>;
  teams: Team[];
  roles: readonly Role[];
}) {
  const [state, formAction, pending] = useActionState(invite, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="mt-4 grid gap-4 sm:grid-cols-2" noValidate>
      <TextField label="Email address" name="email" type="email" required errors={fields?.email} />
      <TextField label="Name (optional)" name="name" errors={fields?.name} />
      <div>
        <label htmlFor="invite-team" className="block text-sm font-medium text-slate-800">
          Team
        </label>
        <div className="mt-1">
          <TeamSelect id="invite-team" teams={teams} defaultValue={null} errors={fields?.teamId} />
        </div>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Extra roles</legend>
        <div className="mt-2 text-sm">
          <RoleBoxes roles={roles} checked={[]} prefix="invite" />
        </div>
        <FieldErrors errors={fields?.roles} id="invite-roles-error" />
      </fieldset>
      <div className="sm:col-span-2 flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send invitation"}
        </Button>
        {state?.ok && (
          <p role="status" className="text-sm text-green-800">
            {state.reinvited ? "Invitation sent again" : "Invitation sent"} to {state.email}.{" "}
            <Link
              href={`/admin/users?q=${encodeURIComponent(state.email)}`}
              className="font-medium text-indigo-700 underline"
            >
              Show them in the list
            </Link>
          </p>
        )}
        {state && !state.ok && !fields && <Alert state={state} />}
      </div>
    </form>
  );
}

export function UserRow({
  person,
  teams,
  roles,
  isSelf,
  save,
  setActive,
}: {
  person: Person;
  teams: Team[];
  roles: readonly Role[];
  isSelf: boolean;
  save: FormAction<{ changed: boolean }>;
  setActive: FormAction<{ changed: boolean }>;
}) {
  const [saved, saveAction, saving] = useActionState(save, null);
  const [toggled, toggleAction, toggling] = useActionState(setActive, null);
  const fields = saved && !saved.ok ? saved.fields : undefined;
  return (
    <tr className="border-b border-slate-100 align-top" data-testid="user-row" data-email={person.email}>
      <td className="py-3 pr-3">
        <p className="font-medium">{person.name || person.email}</p>
        <p className="text-slate-500">{person.email}</p>
      </td>
      <td className="py-3 pr-3">
        <form action={saveAction} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="userId" value={person.id} />
          <RoleBoxes roles={roles} checked={person.roles} prefix={person.email} />
          <TeamSelect
            id={`team-${person.id}`}
            label={`Team (${person.email})`}
            teams={teams}
            defaultValue={person.teamId}
            errors={fields?.teamId}
          />
          <Button type="submit" variant="secondary" disabled={saving} className="min-h-8 px-3 py-1">
            Save
          </Button>
          {saved?.ok && (
            <span role="status" className="text-green-800">
              {saved.changed ? "Saved" : "No change"}
            </span>
          )}
          {saved && !saved.ok && (
            <span className="w-full">
              <Alert state={saved} />
              <FieldErrors errors={fields?.roles} id={`roles-${person.id}-error`} />
            </span>
          )}
        </form>
      </td>
      <td className="py-3">
        <p className={person.active ? "text-slate-700" : "font-medium text-red-700"} data-testid="user-status">
          {STATUS_NAMES[person.active ? (person.signedIn ? "active" : "invited") : "deactivated"]}
        </p>
        {!isSelf && (
          <form action={toggleAction} className="mt-1">
            <input type="hidden" name="userId" value={person.id} />
            <input type="hidden" name="active" value={person.active ? "false" : "true"} />
            <Button
              type="submit"
              variant={person.active ? "danger" : "secondary"}
              disabled={toggling}
              className="min-h-8 px-3 py-1"
            >
              {person.active ? "Deactivate" : "Reactivate"}
            </Button>
          </form>
        )}
        <Alert state={toggled} />
      </td>
    </tr>
  );
}
