import { invalidParam } from "./api-error";

/**
 * A parameter real Stripe accepts but whose effect the simulator does not model. Failing loudly
 * beats ignoring it: a test must not pass here and then behave differently against Stripe.
 */
export function unsupported(param: string, detail?: string): ReturnType<typeof invalidParam> {
  const suffix = detail ? ` ${detail}` : "";
  return invalidParam(
    param,
    `The Stripe simulator does not support \`${param}\`.${suffix} Use real Stripe (test mode) for it.`,
    "parameter_unsupported_by_simulator",
  );
}
