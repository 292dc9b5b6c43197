import type { DateTimeFormatOptions, NumberFormatOptions } from "next-intl";
import { getFormatter, getTranslations } from "next-intl/server";
import { labelledDays, niceTicks } from "./chart-scale";

const plotHeight = 160;
const top = 8; // room for the top gridline's label above the highest bar
const axisGap = 22; // under the bars: the date labels

/**
 * Revenue per day as hand-written SVG bars with a money y-axis: nothing sent to the browser but
 * markup. The SVG is as wide as its box and only the bars' x positions are in %, so its text
 * stays 12 px on a phone instead of shrinking with a viewBox. Screen readers get a summary as
 * the image's name and every day's figure in a visually hidden table.
 */
export async function SalesChart({
  days,
  currency,
}: {
  /** One entry per calendar day in the seller's zone, oldest first, `day` as YYYY-MM-DD. */
  days: Array<{ day: string; revenue: number }>;
  currency: string;
}) {
  const [t, format] = await Promise.all([getTranslations("overviewPage"), getFormatter()]);
  const ticks = niceTicks(Math.max(0, ...days.map((d) => d.revenue)));
  const axisTop = Math.max(1, ticks.at(-1) ?? 1);
  const money = (minor: number, options: NumberFormatOptions = {}) =>
    format.number(minor / 100, { style: "currency", currency, ...options });
  // Round ticks need no cents: "€20", "20 €".
  const tickLabel = (minor: number) =>
    money(minor, minor % 100 === 0 ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {});
  // A day is already the seller's calendar day: formatted at UTC so no zone moves it again.
  const date = (day: string, options: DateTimeFormatOptions) =>
    format.dateTime(new Date(`${day}T00:00:00Z`), { ...options, timeZone: "UTC" });
  const shortDate = (day: string) => date(day, { day: "numeric", month: "short" });
  const y = (minor: number) => top + plotHeight * (1 - minor / axisTop);
  const wide = labelledDays(days.length, 6);
  const phone = labelledDays(days.length, 3);
  const share = (i: number) => `${(i / days.length) * 100}%`;

  const total = days.reduce((sum, d) => sum + d.revenue, 0);
  const best = days.reduce((a, b) => (b.revenue > a.revenue ? b : a), days[0]!);
  const summary =
    total > 0
      ? t("chartSummary", {
          total: money(total),
          best: money(best.revenue),
          day: date(best.day, { day: "numeric", month: "long" }),
        })
      : t("chartEmpty");

  return (
    <figure>
      <div className="pl-16 pr-5">
        <svg
          role="img"
          aria-label={`${t("chart")}: ${summary}`}
          width="100%"
          height={top + plotHeight + axisGap}
          className="block overflow-visible text-xs"
        >
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={0}
                x2="100%"
                y1={y(tick)}
                y2={y(tick)}
                className={tick === 0 ? "stroke-slate-300" : "stroke-slate-200"}
                strokeDasharray={tick === 0 ? undefined : "3 3"}
              />
              <text
                x={-8}
                y={y(tick)}
                textAnchor="end"
                dominantBaseline="middle"
                className="fill-slate-600"
              >
                {tickLabel(tick)}
              </text>
            </g>
          ))}
          {days.map((d, i) => {
            // A day's few cents still show as a sliver.
            const height = Math.max((d.revenue / axisTop) * plotHeight, 2);
            return (
              <g key={d.day}>
                {d.revenue > 0 ? (
                  <rect
                    x={share(i + 0.15)}
                    width={share(0.7)}
                    y={y(0) - height}
                    height={height}
                    rx={2}
                    className="fill-brand-500"
                  >
                    <title>{`${shortDate(d.day)}: ${money(d.revenue)}`}</title>
                  </rect>
                ) : null}
                {wide.has(i) ? (
                  <text
                    x={share(i + 0.5)}
                    y={top + plotHeight + 16}
                    textAnchor="middle"
                    // A phone has room for every other label only.
                    className={`fill-slate-600 ${phone.has(i) ? "" : "max-sm:hidden"}`}
                  >
                    {shortDate(d.day)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <table className="sr-only">
        <caption>{t("chart")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("chartDay")}</th>
            <th scope="col">{t("chartRevenue")}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{date(d.day, { dateStyle: "medium" })}</th>
              <td>{money(d.revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
