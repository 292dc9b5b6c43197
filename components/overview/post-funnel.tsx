import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { postFunnel } from "@/lib/orders/sales-overview";

type FunnelRow = Awaited<ReturnType<typeof postFunnel>>[number];

/**
 * How each post sells. The rows are put into words once; a phone and a tablet show each post as
 * a card with labelled figures (five columns cut Conversion off and wrapped titles a word per
 * line), a wide screen the table.
 */
export async function PostFunnel({
  funnel,
  labelledBy,
}: {
  funnel: FunnelRow[];
  /** The id of the heading that names the list and the table. */
  labelledBy: string;
}) {
  const [t, format] = await Promise.all([getTranslations("overviewPage"), getFormatter()]);
  const rows = funnel.map((row) => ({
    key: row.key,
    title: row.product,
    source: row.channel
      ? `${row.channel} · ${format.dateTime(row.postedAt ?? new Date(), { dateStyle: "medium" })}`
      : t("directLink"),
    figures: [
      { name: "starts", label: t("starts"), value: format.number(row.starts) },
      { name: "checkouts", label: t("checkouts"), value: format.number(row.checkouts) },
      { name: "paid", label: t("paid"), value: format.number(row.paid) },
      {
        name: "conversion",
        label: t("conversion"),
        value: row.starts > 0 ? format.number(row.paid / row.starts, { style: "percent" }) : "–",
      },
    ],
  }));
  const columns = rows[0]?.figures ?? [];
  return (
    <>
      <ul aria-labelledby={labelledBy} className="grid gap-3 sm:grid-cols-2 lg:hidden">
        {rows.map((row) => (
          <li key={row.key} className="rounded-lg border border-slate-200 p-4">
            <p className="font-medium text-slate-900">{row.title}</p>
            <p className="text-xs text-slate-500">{row.source}</p>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2">
              {row.figures.map((figure) => (
                <div key={figure.name} data-figure={figure.name}>
                  <dt className="text-xs text-slate-500">{figure.label}</dt>
                  <dd className="text-base font-semibold tabular-nums text-slate-900">
                    {figure.value}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <Table inset aria-labelledby={labelledBy} className="hidden lg:block">
        <THead inset>
          <TR>
            <TH inset>{t("post")}</TH>
            {columns.map((column) => (
              <TH key={column.name} inset align="right">
                {column.label}
              </TH>
            ))}
          </TR>
        </THead>
        <TBody>
          {rows.map((row) => (
            <TR key={row.key}>
              <TH inset scope="row">
                <span className="font-medium">{row.title}</span>
                <span className="block text-xs text-slate-500">{row.source}</span>
              </TH>
              {row.figures.map((figure) => (
                <TD key={figure.name} inset align="right" className="tabular-nums">
                  {figure.value}
                </TD>
              ))}
            </TR>
          ))}
        </TBody>
      </Table>
    </>
  );
}
