import { createHash, randomBytes } from "node:crypto";

/** A new random token (shown once) and the hash we keep of it. */
export function newSecretToken(prefix: string) {
  const token = `${prefix}_${randomBytes(24).toString("base64url")}`;
  return { token, hash: hashSecretToken(token) };
}

// Tokens are long and random, so a fast hash is enough (no password stretching needed).
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
