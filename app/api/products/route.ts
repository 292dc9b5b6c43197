import { userForBearer } from "@/lib/auth/api-tokens";
import { database } from "@/lib/platform/database";
import { productFieldsOf, productJson, unauthorized } from "@/lib/catalog/product-json";
import { translateProductError } from "@/lib/catalog/product-errors";
import { createProduct, listProducts } from "@/lib/catalog/products";
import { isAppError } from "@/lib/platform/app-error";
import { appErrorResponse } from "@/lib/platform/app-error-response";

export async function GET(request: Request) {
  const db = await database();
  const user = await userForBearer(db, request.headers.get("authorization"));
  if (!user) return unauthorized();
  const archived = new URL(request.url).searchParams.get("archived") === "true";
  const products = await listProducts(db, user, { archived });
  return Response.json({ products: products.map(productJson) });
}

export async function POST(request: Request) {
  const db = await database();
  const user = await userForBearer(db, request.headers.get("authorization"));
  if (!user) return unauthorized();
  const body = await request.json().catch(() => undefined);
  if (!body || typeof body !== "object") {
    return Response.json({ errors: { body: "Send a JSON object." } }, { status: 400 });
  }
  try {
    const product = await createProduct(db, user, productFieldsOf(body));
    return Response.json({ product: productJson(product) }, { status: 201 });
  } catch (error) {
    // 422 with one entry per field: `{ "errors": { "price": "Enter a price like 12.90." } }`.
    if (isAppError(error)) return appErrorResponse(error, translateProductError);
    throw error;
  }
}
