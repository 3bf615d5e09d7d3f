"use client";

import {
  Bar,
  BarChart as RechartsBarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Series } from "./time-series-chart";
import { useMounted } from "./use-mounted";

/** Horizontal bars: category names stay readable on a phone, however long. */
export function BarChart({
  data,
  series,
  categoryWidth = 96,
}: {
  data: Record<string, string | number>[];
  series: Series[];
  categoryWidth?: number;
}) {
  const mounted = useMounted();
  const height = Math.max(120, data.length * (series.length > 1 ? 40 : 30) + 48);
  if (!mounted) return <div style={{ height }} className="animate-pulse rounded bg-slate-50" />;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <RechartsBarChart
        data={data}
        layout="vertical"
        accessibilityLayer={false}
        margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} />
        <YAxis
          type="category"
          dataKey="label"
          width={categoryWidth}
          tick={{ fontSize: 11, fill: "#334155" }}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip contentStyle={{ fontSize: 12 }} />
        {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color}
            radius={[0, 3, 3, 0]}
            isAnimationActive={false}
          />
        ))}
      </RechartsBarChart>
    </ResponsiveContainer>
  );
}
