import qs from "qs";
import { invalidParam, missingParam } from "./api-error";

/** Request parameters as Stripe's bracket notation decodes them (`a[b][0][c]=1`). */
export type Params = qs.ParsedQs;
export type ParamValue = Params[string];

export function parseParams(text: string): Params {
  return qs.parse(text, {
    // Stripe accepts 100 line items and metadata five levels down; qs's defaults (20 array
    // entries, depth 5) would quietly turn larger input into objects or flattened keys.
    arrayLimit: 100,
    depth: 10,
    parameterLimit: 10_000,
    // Null-prototype objects, so metadata keys like "constructor" survive and cannot pollute.
    plainObjects: true,
    allowPrototypes: true,
  });
}

/** Rejects parameters Stripe does not know, so a typo in the app fails here as it would live. */
export function rejectUnknown(params: Params, known: ReadonlySet<string>, prefix = ""): void {
  for (const key of Object.keys(params)) {
    if (!known.has(key)) {
      const param = prefix ? `${prefix}[${key}]` : key;
      throw invalidParam(param, `Received unknown parameter: ${param}`, "parameter_unknown");
    }
  }
}

export function optionalString(value: ParamValue, param: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw invalidParam(param, `Invalid string: ${JSON.stringify(value)}`);
  }
  return value;
}

export function requiredString(value: ParamValue, param: string): string {
  const text = optionalString(value, param);
  if (text === undefined || text === "") throw missingParam(param);
  return text;
}

export function optionalInteger(value: ParamValue, param: string): number | undefined {
  const text = optionalString(value, param);
  if (text === undefined || text === "") return undefined;
  const number = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(number)) {
    throw invalidParam(param, `Invalid integer: ${text}`, "parameter_invalid_integer");
  }
  return number;
}

export function integerAtLeast(value: ParamValue, param: string, minimum: number): number {
  const number = optionalInteger(value, param);
  if (number === undefined) throw missingParam(param);
  if (number < minimum) {
    throw invalidParam(
      param,
      `This value must be greater than or equal to ${minimum}.`,
      "parameter_invalid_integer",
    );
  }
  return number;
}

export function optionalObject(value: ParamValue, param: string): Params | undefined {
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalidParam(param, `Invalid object: ${param} must be a hash.`);
  }
  return value;
}

/**
 * An array of hashes. qs yields an array for `x[0][a]=…`, but an object keyed "0", "1", … when
 * indices are sparse or past its array limit; both mean the same list to Stripe.
 */
export function optionalList(value: ParamValue, param: string): Params[] | undefined {
  if (value === undefined || value === "") return undefined;
  const entries = Array.isArray(value)
    ? value
    : typeof value === "object" && Object.keys(value).every((key) => /^\d+$/.test(key))
      ? Object.keys(value)
          .sort((a, b) => Number(a) - Number(b))
          .map((key) => value[key])
      : undefined;
  if (!entries) throw invalidParam(param, `Invalid array: ${param} must be an array.`);
  return entries.map((entry, index) => {
    if (typeof entry !== "object" || entry === undefined || Array.isArray(entry)) {
      throw invalidParam(
        `${param}[${index}]`,
        `Invalid object: ${param}[${index}] must be a hash.`,
      );
    }
    return entry;
  });
}

/** `expand[]=a&expand[]=b`, `expand[0]=a` or a lone `expand=a`. */
export function stringList(value: ParamValue, param: string): string[] {
  if (value === undefined || value === "") return [];
  if (typeof value === "string") return [value];
  const entries = Array.isArray(value) ? value : Object.values(value);
  return entries.map((entry, index) => {
    if (typeof entry !== "string") {
      throw invalidParam(`${param}[${index}]`, `Invalid string: ${JSON.stringify(entry)}`);
    }
    return entry;
  });
}

/** Parameters in a stable order, so two requests with the same values compare equal. */
export function canonicalParams(value: ParamValue): string {
  if (value === undefined || typeof value === "string") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalParams).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalParams(value[key])}`).join(",")}}`;
}

/** A list of names written as one string, to keep long lists of Stripe parameters readable. */
export function words(text: string): string[] {
  return text.trim().split(/\s+/);
}
