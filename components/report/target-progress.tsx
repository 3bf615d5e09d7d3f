import { num, tableBox, td, th } from "@/components/report/section";
import { STATUS_NAMES, type TargetRow } from "@/lib/outcomes/targets";
import { TableBox } from "@/components/table-box";

const n = (value: number) => value.toLocaleString("en", { maximumFractionDigits: 2 });
const TONE = { achieved: "text-emerald-800", on_track: "text-emerald-800", behind: "text-red-700" } as const;

/** Actual against target with pace, as a table (the status is text, never colour alone). */
export function TargetProgress({ rows }: { rows: TargetRow[] }) {
  if (!rows.length) return <p className="mt-2 text-sm text-slate-500">No targets set for this quarter.</p>;
  return (
    <TableBox
      className={tableBox}
      testId="target-progress"
      caption="Targets against actual figures, with pace"
      head={
        <>
          <th scope="col" className={th}>
            Measure
          </th>
          <th scope="col" className={`${th} text-right`}>
            Actual
          </th>
          <th scope="col" className={`${th} text-right`}>
            Target
          </th>
          <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
            Expected by now
          </th>
          <th scope="col" className={th}>
            Pace
          </th>
        </>
      }
    >
      {rows.map((row) => (
        <tr key={`${row.metric}-${row.currency}`} className="border-t border-slate-100" data-testid="target-row">
          <td className={td}>{row.label}</td>
          <td className={num}>{n(row.actual)}</td>
          <td className={num}>{n(row.target)}</td>
          <td className={`${num} hidden sm:table-cell`}>{n(row.expected)}</td>
          <td className={`${td} font-medium ${TONE[row.status]}`} data-testid="target-status">
            {STATUS_NAMES[row.status]}
          </td>
        </tr>
      ))}
    </TableBox>
  );
}
