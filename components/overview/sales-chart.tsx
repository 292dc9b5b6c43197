/** Revenue per day as plain SVG bars: no chart library, nothing sent to the browser but SVG. */
export function SalesChart({
  days,
  label,
  format,
}: {
  days: Array<{ day: string; revenue: number }>;
  label: string;
  format: (minor: number) => string;
}) {
  const max = Math.max(1, ...days.map((d) => d.revenue));
  const width = 600;
  const height = 140;
  const bar = width / days.length;
  return (
    <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label={label} className="w-full">
      {days.map((d, i) => {
        const h = Math.round((d.revenue / max) * height);
        return (
          <g key={d.day}>
            <title>{`${d.day}: ${format(d.revenue)}`}</title>
            <rect
              x={i * bar + 2}
              y={height - h}
              width={bar - 4}
              height={Math.max(h, d.revenue > 0 ? 2 : 0)}
              rx={2}
              className="fill-brand-500"
            />
            {i % 7 === 0 ? (
              <text
                x={i * bar + bar / 2}
                y={height + 14}
                textAnchor="middle"
                className="fill-slate-500 text-[10px]"
              >
                {d.day.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={0} x2={width} y1={height} y2={height} className="stroke-slate-200" />
    </svg>
  );
}
