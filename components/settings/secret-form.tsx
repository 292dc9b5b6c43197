"use client";

import { useActionState, useId } from "react";
import { primaryButton } from "@/components/ui/button-styles";
import { CopyButton, type CopyButtonLabels } from "@/components/ui/copy-button";
import { fieldLabel, textInput } from "@/components/ui/field-styles";

export interface SecretFormState {
  /** Shown once: a new API token or invite link. */
  secret?: string;
  error?: string;
}

/**
 * A form whose result is a secret shown exactly once (a new API token or invite link), with an
 * optional name field. All texts come translated from the server.
 */
export function SecretForm({
  action,
  submitLabel,
  createdLabel,
  nameField,
  copyLabels,
}: {
  action: (state: SecretFormState, form: FormData) => Promise<SecretFormState>;
  submitLabel: string;
  createdLabel: string;
  /** The name field's label and its error messages by key. */
  nameField?: { label: string; errors: Record<string, string> };
  copyLabels: CopyButtonLabels;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const secretId = useId();
  return (
    <form action={formAction} className="space-y-3">
      {nameField ? (
        <div>
          <label htmlFor="token-name" className={fieldLabel}>
            {nameField.label}
          </label>
          <input
            id="token-name"
            name="name"
            aria-invalid={Boolean(state.error)}
            aria-describedby={state.error ? "token-name-error" : undefined}
            className={`${textInput} w-full max-w-sm`}
          />
          {state.error ? (
            <p id="token-name-error" className="mt-1 text-sm text-red-700">
              {nameField.errors[state.error] ?? state.error}
            </p>
          ) : null}
        </div>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButton}>
        {submitLabel}
      </button>
      {state.secret ? (
        <div role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
          <p>{createdLabel}</p>
          <code id={secretId} className="mt-1 block break-all font-mono text-xs">
            {state.secret}
          </code>
          <div className="mt-2">
            <CopyButton text={state.secret} selectId={secretId} labels={copyLabels} />
          </div>
        </div>
      ) : null}
    </form>
  );
}
