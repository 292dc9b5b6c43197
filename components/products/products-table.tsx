import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Product } from "@/db/schema/catalog";
import { formatMoney } from "@/lib/platform/money";

export async function ProductsTable({ products }: { products: Product[] }) {
  const [t, locale] = await Promise.all([getTranslations("productForm"), getLocale()]);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">
              {t("title")}
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              {t("price")}
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              {t("stock")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("status")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {products.map((product) => (
            <tr key={product.id}>
              <td className="px-4 py-3 font-medium text-slate-900">
                <Link
                  href={`/products/${product.id}`}
                  className="hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
                >
                  {product.title}
                </Link>
              </td>
              <td className="px-4 py-3 text-right tabular-nums">
                {formatMoney(product.priceMinor, product.currency, locale)}
              </td>
              <td className="px-4 py-3 text-right tabular-nums">
                {product.stock ?? t("unlimited")}
              </td>
              <td className="px-4 py-3">{product.archivedAt ? t("archived") : t("active")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
