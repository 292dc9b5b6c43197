import { badRequest } from "./api-error";
import { multipartBoundary, parseMultipart } from "./multipart";

/** A file sent as a multipart part (grammY's `InputFile`). */
export interface UploadedFile {
  kind: "upload";
  filename: string;
  contentType?: string;
  data: Uint8Array;
}

/**
 * A method's parameters as they arrived: JSON values from a JSON body, strings from a query
 * string, a urlencoded or multipart body, and {@link UploadedFile}s; the readers in params.ts
 * accept both spellings, as Telegram does.
 */
export type Params = Record<string, unknown>;

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && "kind" in value && value.kind === "upload";
}

/** Collects parameters from the query string and the body, the body winning on a clash. */
export async function readParams(request: Request): Promise<Params> {
  const params: Params = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method === "GET" || request.method === "HEAD") return params;
  const contentType = request.headers.get("content-type") ?? "";
  if (/^application\/json/i.test(contentType)) {
    const text = await request.text();
    if (text.trim() === "") return params;
    const body: unknown = parseJson(text);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw badRequest("can't parse JSON object");
    }
    return { ...params, ...(body as Params) };
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    return { ...params, ...Object.fromEntries(new URLSearchParams(await request.text())) };
  }
  if (/^multipart\/form-data/i.test(contentType)) {
    const boundary = multipartBoundary(contentType);
    if (!boundary) throw badRequest("can't parse multipart/form-data: no boundary");
    const body = new Uint8Array(await request.arrayBuffer());
    return { ...params, ...multipartParams(parseMultipart(body, boundary)) };
  }
  return params;
}

function multipartParams(parts: ReturnType<typeof parseMultipart>): Params {
  const fields: Params = {};
  const files = new Map<string, UploadedFile>();
  for (const part of parts) {
    if (part.filename === undefined) {
      fields[part.name] = new TextDecoder().decode(part.data);
      continue;
    }
    const file: UploadedFile = {
      kind: "upload",
      filename: part.filename,
      data: part.data,
      ...(part.contentType ? { contentType: part.contentType } : {}),
    };
    files.set(part.name, file);
  }
  // A field "attach://<name>" points at the file part <name> (how grammY sends InputFiles);
  // a file part named like the parameter itself is the plain form (curl -F photo=@x.jpg).
  for (const [key, value] of Object.entries(fields)) {
    const attached = typeof value === "string" && /^attach:\/\/(.+)$/.exec(value);
    const file = attached ? files.get(attached[1] ?? "") : undefined;
    if (attached && file) {
      fields[key] = file;
      files.delete(attached[1] ?? "");
    }
  }
  for (const [name, file] of files) fields[name] ??= file;
  return fields;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("can't parse JSON object");
  }
}
