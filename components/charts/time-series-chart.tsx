"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useMounted } from "./use-mounted";

export type Series = { key: string; name: string; color: string };

/** Lines over time; ticks thin out on a narrow screen so labels never overlap. */
export function TimeSeriesChart({
  data,
  series,
  height = 260,
}: {
  data: Record<string, string | number>[];
  series: Series[];
  height?: number;
}) {
  const mounted = useMounted();
  if (!mounted) return <div style={{ height }} className="animate-pulse rounded bg-slate-50" />;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="label"
          tick={{ fontSize: 11, fill: "#475569" }}
          interval="preserveStartEnd"
          minTickGap={24}
          tickLine={false}
        />
        <YAxis
          allowDecimals={false}
          tick={{ fontSize: 11, fill: "#475569" }}
          width={48}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip contentStyle={{ fontSize: 12 }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Line
            key={s.key}
            type="linear"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            dot={data.length <= 12}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
