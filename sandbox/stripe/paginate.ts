import type Stripe from "stripe";
import { invalidParam, resourceMissing } from "./api-error";
import { integerAtLeast, optionalString, type Params } from "./params";

const MAX_LIMIT = 100;

/**
 * One page of a Stripe list (`limit`, `starting_after`, `ending_before`). `items` is the whole
 * collection in list order, newest first; cursors are looked up there rather than among the
 * matches, so paging goes on when the cursor object has since stopped matching the filter
 * (a session paid while the app pages through open ones).
 */
export function paginate<T extends { id: string }>(
  items: T[],
  params: Params,
  list: { url: string; objectName: string; matches?: (item: T) => boolean },
): Stripe.ApiList<T> {
  const limit = params.limit === undefined ? 10 : integerAtLeast(params.limit, "limit", 1);
  if (limit > MAX_LIMIT) {
    throw invalidParam("limit", `This value must be less than or equal to ${MAX_LIMIT}.`);
  }
  const after = optionalString(params.starting_after, "starting_after");
  const before = optionalString(params.ending_before, "ending_before");
  if (after && before) {
    throw invalidParam(
      "ending_before",
      "You may only specify one of these parameters: starting_after, ending_before.",
    );
  }
  const position = (id: string, param: string) => {
    const index = items.findIndex((item) => item.id === id);
    if (index === -1) throw resourceMissing(list.objectName, id, param, 400);
    return index;
  };
  const matching = (from: number, to: number) =>
    items.slice(from, to).filter((item) => list.matches?.(item) ?? true);

  if (before) {
    const candidates = matching(0, position(before, "ending_before"));
    const data = candidates.slice(-limit);
    return { object: "list", data, has_more: candidates.length > limit, url: list.url };
  }
  const candidates = matching(after ? position(after, "starting_after") + 1 : 0, items.length);
  const data = candidates.slice(0, limit);
  return { object: "list", data, has_more: candidates.length > limit, url: list.url };
}
