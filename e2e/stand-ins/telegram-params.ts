/** A Bot API call's parameters, whichever of the documented ways they were passed. */
export type Params = Record<string, unknown>;

// Objects (reply_markup, entities, commands…) arrive JSON-serialized in form and query fields.
const jsonFields = new Set(["reply_markup", "entities", "caption_entities", "commands", "scope"]);

/**
 * The Bot API takes parameters as a URL query string, application/x-www-form-urlencoded,
 * application/json or multipart/form-data (the last is needed to upload files).
 */
export async function readBotApiParams(request: Request): Promise<Params> {
  const params: Params = Object.fromEntries(new URL(request.url).searchParams);
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    Object.assign(params, (await request.json()) as Params);
    return params;
  }
  if (
    type.startsWith("multipart/form-data") ||
    type.startsWith("application/x-www-form-urlencoded")
  ) {
    for (const [name, value] of await request.formData()) {
      if (typeof value !== "string") params[name] = { upload: value.name };
      else if (jsonFields.has(name)) params[name] = JSON.parse(value);
      else params[name] = value;
    }
  }
  return params;
}
