import { userForBearer } from "@/lib/auth/api-tokens";
import { database } from "@/lib/platform/database";
import { productFieldsOf, productJson, unauthorized } from "@/lib/catalog/product-json";
import { translateProductError } from "@/lib/catalog/product-errors";
import { findProduct, productAsInput, updateProduct } from "@/lib/catalog/products";
import { AppError, isAppError } from "@/lib/platform/app-error";
import { appErrorResponse } from "@/lib/platform/app-error-response";

type Context = { params: Promise<{ id: string }> };

const notFound = () => appErrorResponse(new AppError("not_found", "product"));

export async function GET(request: Request, { params }: Context) {
  const db = await database();
  const user = await userForBearer(db, request.headers.get("authorization"));
  if (!user) return unauthorized();
  const product = await findProduct(db, user, (await params).id);
  return product ? Response.json({ product: productJson(product) }) : notFound();
}

/** Changes only the fields sent; the rest stay as they are. */
export async function PATCH(request: Request, { params }: Context) {
  const db = await database();
  const user = await userForBearer(db, request.headers.get("authorization"));
  if (!user) return unauthorized();
  const existing = await findProduct(db, user, (await params).id);
  if (!existing) return notFound();
  const body = await request.json().catch(() => undefined);
  if (!body || typeof body !== "object") {
    return Response.json({ errors: { body: "Send a JSON object." } }, { status: 400 });
  }
  try {
    const product = await updateProduct(db, user, existing.id, {
      ...productAsInput(existing),
      ...productFieldsOf(body),
    });
    return product ? Response.json({ product: productJson(product) }) : notFound();
  } catch (error) {
    if (isAppError(error)) return appErrorResponse(error, translateProductError);
    throw error;
  }
}
