/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  /** Present when the part is a file upload. */
  filename?: string;
  contentType?: string;
  data: Uint8Array;
}

const CRLF = new Uint8Array([13, 10]);
const HEADER_END = new Uint8Array([13, 10, 13, 10]);
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Reads the boundary out of a `multipart/form-data; boundary=…` content type. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Parses multipart/form-data by hand rather than with `Request.formData()`: grammY writes
 * headers as `content-disposition:form-data;name="x";filename=y.jpg` (no spaces, unquoted
 * filename), which Telegram accepts but undici's strict parser rejects.
 */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartPart[] {
  const delimiter = encoder.encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let cursor = indexOf(body, delimiter, 0);
  while (cursor !== -1) {
    const afterDelimiter = cursor + delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[afterDelimiter] === 45 && body[afterDelimiter + 1] === 45) break;
    const headerStart = afterDelimiter + CRLF.length;
    const headerEnd = indexOf(body, HEADER_END, headerStart);
    if (headerEnd === -1) break;
    const next = indexOf(body, delimiter, headerEnd);
    if (next === -1) break;
    // The CRLF before the next delimiter belongs to the delimiter, not to the data.
    const dataEnd = next - CRLF.length;
    const part = readHeaders(decoder.decode(body.subarray(headerStart, headerEnd)));
    if (part) parts.push({ ...part, data: body.slice(headerEnd + HEADER_END.length, dataEnd) });
    cursor = next;
  }
  return parts;
}

function readHeaders(block: string): Omit<MultipartPart, "data"> | undefined {
  let disposition = "";
  let contentType: string | undefined;
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    if (name === "content-type") contentType = value;
  }
  const params = dispositionParams(disposition);
  const name = params.get("name");
  if (name === undefined) return undefined;
  const filename = params.get("filename");
  return {
    name,
    ...(filename !== undefined ? { filename } : {}),
    ...(contentType ? { contentType } : {}),
  };
}

function dispositionParams(disposition: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /;\s*([A-Za-z*]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of disposition.matchAll(pattern)) {
    const key = (match[1] ?? "").toLowerCase();
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "");
    params.set(key, value.trim());
  }
  return params;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  for (let i = haystack.indexOf(first ?? 0, from); i !== -1 && i <= last;) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
    i = haystack.indexOf(first ?? 0, i + 1);
  }
  return -1;
}
