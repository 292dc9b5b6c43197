import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { Product } from "@/db/schema/catalog";
import { formatMoney } from "@/lib/platform/money";

export async function ProductsTable({ products }: { products: Product[] }) {
  const [t, locale] = await Promise.all([getTranslations("productForm"), getLocale()]);
  return (
    <Table>
      <THead>
        <TR>
          <TH>{t("title")}</TH>
          <TH align="right">{t("price")}</TH>
          <TH align="right">{t("stock")}</TH>
          <TH>{t("status")}</TH>
        </TR>
      </THead>
      <TBody>
        {products.map((product) => (
          <TR key={product.id}>
            <TD className="font-medium text-slate-900">
              <Link
                href={`/products/${product.id}`}
                className="hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
              >
                {product.title}
              </Link>
            </TD>
            <TD align="right" className="tabular-nums">
              {formatMoney(product.priceMinor, product.currency, locale)}
            </TD>
            <TD align="right" className="tabular-nums">
              {product.stock ?? t("unlimited")}
            </TD>
            <TD>{product.archivedAt ? t("archived") : t("active")}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
