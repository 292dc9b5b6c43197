import { z } from "zod";
import type { User } from "@/db/schema/users";
import { AppError, isAppError, parseInput } from "@/lib/platform/app-error";
import { withRequestLog } from "@/lib/platform/request-log";
import { assertAdmin } from "./admin-only";
import { requireUser } from "./current-user";

export interface ActionOptions<Args extends unknown[], Result> {
  /** Admins only: anyone else is refused with `forbidden` before the action runs. */
  admin?: boolean;
  /** The form's answer to a domain refusal (AppError); without it, the refusal is thrown on. */
  refused?: (error: AppError, args: Args) => Result;
}

/**
 * A server action for signed-in users: the request's id on its log lines, the session read
 * (signed out: to the login page), the role checked, and a domain refusal turned into the
 * form's state by `refused`. Anything else (redirect, notFound, a bug) goes on as thrown.
 *
 * Our own rather than next-safe-action: that one answers in its own result shape
 * ({ data, validationErrors, serverError }), and our forms keep theirs.
 */
export function signedInAction<Args extends unknown[], Result>(
  run: (user: User, ...args: Args) => Promise<Result>,
  options: ActionOptions<NoInfer<Args>, NoInfer<Result>> = {},
): (...args: Args) => Promise<Result> {
  return (...args) =>
    withRequestLog(async () => {
      const user = await requireUser();
      try {
        if (options.admin) assertAdmin(user);
        return await run(user, ...args);
      } catch (error) {
        if (options.refused && isAppError(error)) return options.refused(error, args);
        throw error;
      }
    });
}

/**
 * A form's text field as `String(form.get(name) ?? "")` reads it: missing is "". A NUL
 * character is dropped: no keyboard types one, and PostgreSQL refuses text that holds it.
 */
export const formText = z.preprocess(
  (value) => (value == null ? "" : String(value).replaceAll("\u0000", "")),
  z.string(),
);

/** A form's fields by name, each its first value (as FormData.get), files included. */
export function formValues(form: FormData): Record<string, FormDataEntryValue> {
  const values: Record<string, FormDataEntryValue> = {};
  for (const [name, value] of form.entries()) values[name] ??= value;
  return values;
}

/**
 * A `useActionState` action: (previous state, form) → next state. The form is parsed with
 * `schema` first; a field it refuses comes back through `refused` as an `invalid` AppError
 * naming the field, like the domain's own refusals.
 */
export function signedInFormAction<Schema extends z.ZodType, State>(
  schema: Schema,
  options: {
    admin?: boolean;
    refused?: (error: AppError, form: FormData) => State;
  },
  run: (input: z.output<Schema>, user: User, form: FormData) => Promise<State>,
): (state: State, form: FormData) => Promise<State> {
  const { admin, refused } = options;
  return signedInAction<[State, FormData], State>(
    (user, _state, form) => run(parseInput(schema, formValues(form), "form"), user, form),
    { admin, refused: refused && ((error, [, form]) => refused(error, form)) },
  );
}
