import { EcsApiError } from "./api-error";

const TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
const JSON_11 = "application/x-amz-json-1.1";

/** The operation (from X-Amz-Target) and its JSON input, checked the way ECS's front door does. */
export async function readCall(request: Request, region: string) {
  if (request.method !== "POST") {
    throw new EcsApiError("UnknownOperationException", "Only POST requests are served.");
  }
  const target = request.headers.get("x-amz-target") ?? "";
  if (!target.startsWith(TARGET_PREFIX)) {
    throw new EcsApiError("UnknownOperationException", `Unknown X-Amz-Target: ${target}`);
  }
  if (!(request.headers.get("content-type") ?? "").startsWith(JSON_11)) {
    throw new EcsApiError("SerializationException", `Content-Type must be ${JSON_11}.`);
  }
  checkSignatureScope(request.headers.get("authorization"), region);
  let input: unknown;
  try {
    const text = await request.text();
    input = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new EcsApiError("SerializationException", "The request body is not valid JSON.");
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new EcsApiError("SerializationException", "The request body must be a JSON object.");
  }
  return { operation: target.slice(TARGET_PREFIX.length), input: input as Record<string, unknown> };
}

/**
 * Signatures are not verified (this is a test double, never a gate), but a request must be
 * signed, for ECS and this region: a wrong AWS_REGION shows up here as it would on AWS.
 */
function checkSignatureScope(authorization: string | null, region: string): void {
  if (!authorization) {
    throw new EcsApiError("MissingAuthenticationTokenException", "Missing Authentication Token");
  }
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
  if (!scope) {
    throw new EcsApiError(
      "IncompleteSignatureException",
      "Authorization header requires a Credential scope of the form <key>/<date>/<region>/ecs/aws4_request.",
    );
  }
  if (scope[2] !== "ecs" || scope[1] !== region) {
    throw new EcsApiError(
      "InvalidSignatureException",
      `Credential should be scoped to a valid region and service: expected ${region}/ecs, got ${scope[1]}/${scope[2]}.`,
    );
  }
}

export function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_11, "x-amzn-requestid": crypto.randomUUID() },
  });
}
