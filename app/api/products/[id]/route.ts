import { userForBearer } from "@/lib/auth/api-tokens";
import { database } from "@/lib/platform/database";
import {
  invalidProductResponse,
  productFieldsOf,
  productJson,
  unauthorized,
} from "@/lib/catalog/product-json";
import { findProduct, ProductInvalid, productAsInput, updateProduct } from "@/lib/catalog/products";

type Context = { params: Promise<{ id: string }> };

const notFound = () => Response.json({ error: "No such product." }, { status: 404 });

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
    if (error instanceof ProductInvalid) return invalidProductResponse(error);
    throw error;
  }
}
