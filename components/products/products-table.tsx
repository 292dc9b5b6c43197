import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { Product } from "@/db/schema/catalog";
import { formatMoney } from "@/lib/platform/money";

/**
 * The product's cover at list size, or an empty tile so the titles stay in one column. By the
 * cover's key: a new cover is a new address, never the old picture from the browser's cache.
 */
function Thumbnail({ product }: { product: Product }) {
  const frame = "size-10 shrink-0 rounded-md border border-slate-200 bg-slate-100 object-cover";
  // Decorative: the title beside it names the product. A plain <img>: the photo route answers
  // only the signed-in seller, so Next's image optimizer (which fetches without the session)
  // could not read it.
  return product.photoKey ? (
    // eslint-disable-next-line @next/next/no-img-element -- see above: a private, session-bound URL
    <img
      src={`/api/products/${product.id}/photos/${product.photoKey}`}
      alt=""
      width={40}
      height={40}
      loading="lazy"
      className={frame}
    />
  ) : (
    <span aria-hidden="true" className={`block ${frame}`} />
  );
}

export async function ProductsTable({ products }: { products: Product[] }) {
  const [t, tPublish, tProducts, locale] = await Promise.all([
    getTranslations("productForm"),
    getTranslations("publish"),
    getTranslations("products"),
    getLocale(),
  ]);
  return (
    <Table label={tProducts("title")}>
      <THead>
        <TR>
          <TH>{t("title")}</TH>
          <TH align="right">{t("price")}</TH>
          <TH align="right">{t("stock")}</TH>
          <TH>{t("status")}</TH>
          <TH>
            <span className="sr-only">{tPublish("title")}</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {products.map((product) => (
          <TR key={product.id}>
            <TD>
              <span className="flex items-center gap-3">
                <Thumbnail product={product} />
                <Link
                  href={`/products/${product.id}`}
                  className="font-medium text-brand-700 underline decoration-brand-700/30 underline-offset-2 hover:decoration-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500"
                >
                  {product.title}
                </Link>
              </span>
            </TD>
            <TD align="right" className="tabular-nums">
              {formatMoney(product.priceMinor, product.currency, locale)}
            </TD>
            <TD align="right" className="tabular-nums">
              {product.stock ?? t("unlimited")}
            </TD>
            <TD>{product.archivedAt ? t("archived") : t("active")}</TD>
            <TD align="right">
              {/* Named "Publish" alone: its row says which product (link purpose in context). */}
              {product.archivedAt ? null : (
                <Link
                  href={`/products/${product.id}#publish`}
                  className="text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
                >
                  {tPublish("publish")}
                </Link>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
