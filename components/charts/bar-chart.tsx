"use client";

import {
  Bar,
  BarChart as RechartsBarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Series } from "./time-series-chart";
import { useMounted } from "./use-mounted";

/** About how wide one character of the 11 px axis and value text is, to fit names and numbers in the drawing. */
const CHAR_PX = 6.5;

const valueText = (value: unknown) =>
  typeof value === "number" ? value.toLocaleString("en", { maximumFractionDigits: 2 }) : String(value ?? "");

/** A category name cut to the axis' width with "…" (the full name is in the chart's table and the tooltip). */
function CategoryTick({
  x,
  y,
  payload,
  room,
}: {
  x?: number;
  y?: number;
  payload?: { value?: unknown };
  room: number;
}) {
  const name = String(payload?.value ?? "");
  // Wide letters (m, O) run past the average: a little more room each.
  const fits = Math.max(4, Math.floor(room / (CHAR_PX + 0.5)));
  return (
    <text x={x} y={y} dy="0.355em" textAnchor="end" fontSize={11} fill="#334155">
      {name.length > fits ? `${name.slice(0, fits - 1)}…` : name}
    </text>
  );
}

/**
 * Horizontal bars: category names stay readable on a phone, however long (cut to the axis' width). With
 * `showValues`, each bar carries its number at its end.
 */
export function BarChart({
  data,
  series,
  categoryWidth = 96,
  showValues = false,
}: {
  data: Record<string, string | number>[];
  series: Series[];
  categoryWidth?: number;
  showValues?: boolean;
}) {
  const mounted = useMounted();
  const height = Math.max(120, data.length * (series.length > 1 ? 40 : 30) + 48);
  if (!mounted) return <div style={{ height }} className="animate-pulse rounded bg-slate-50" />;
  // Room right of the longest bar for its number.
  const longestValue = showValues
    ? Math.max(0, ...data.flatMap((row) => series.map((s) => valueText(row[s.key]).length)))
    : 0;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <RechartsBarChart
        data={data}
        layout="vertical"
        accessibilityLayer={false}
        margin={{ top: 4, right: 16 + Math.ceil(longestValue * CHAR_PX), bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis
          type="number"
          allowDecimals={false}
          tick={{ fontSize: 11, fill: "#475569" }}
          tickFormatter={valueText}
          tickLine={false}
        />
        <YAxis
          type="category"
          dataKey="label"
          width={categoryWidth}
          tick={<CategoryTick room={categoryWidth - 8} />}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip contentStyle={{ fontSize: 12 }} />
        {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} radius={[0, 3, 3, 0]} isAnimationActive={false}>
            {showValues && (
              <LabelList dataKey={s.key} position="right" fontSize={11} fill="#334155" formatter={valueText} />
            )}
          </Bar>
        ))}
      </RechartsBarChart>
    </ResponsiveContainer>
  );
}
