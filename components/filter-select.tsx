import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

/** One choice of a GET filter form: a label over a select of `children` options. */
export function FilterSelect({
  label,
  name,
  defaultValue,
  children,
}: {
  label: string;
  name: string;
  defaultValue: string | number | undefined;
  children: ReactNode;
}) {
  return (
    <label className="font-medium text-slate-700">
      {label}
      <Select name={name} defaultValue={defaultValue} className="mt-1 block">
        {children}
      </Select>
    </label>
  );
}

/** The submit button of a GET filter form. */
export function ShowButton() {
  return (
    <Button type="submit" variant="secondary" size="sm">
      Show
    </Button>
  );
}
