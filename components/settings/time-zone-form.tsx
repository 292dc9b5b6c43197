"use client";

import { useActionState } from "react";
import { primaryButton } from "@/components/ui/button-styles";
import { fieldLabel, textInput } from "@/components/ui/field-styles";

export interface TimeZoneFormState {
  saved?: boolean;
  /** The refused field's problem, shown under it. */
  error?: string;
  value: string;
}

/** The seller's time zone, chosen explicitly: dates, "today" and the chart's days follow it. */
export function TimeZoneForm({
  action,
  zones,
  initial,
  labels,
}: {
  action: (state: TimeZoneFormState, form: FormData) => Promise<TimeZoneFormState>;
  zones: string[];
  initial: string;
  labels: { timeZone: string; hint: string; save: string; saved: string; invalid: string };
}) {
  const [state, formAction, pending] = useActionState(action, { value: initial });
  return (
    <form action={formAction} className="space-y-3">
      <div>
        <label htmlFor="time-zone" className={fieldLabel}>
          {labels.timeZone}
        </label>
        <select
          id="time-zone"
          name="timeZone"
          defaultValue={state.value}
          key={state.value}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "time-zone-error time-zone-hint" : "time-zone-hint"}
          className={`${textInput} w-full max-w-md`}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <p id="time-zone-hint" className="mt-1 text-sm text-slate-600">
          {labels.hint}
        </p>
        {state.error ? (
          <p id="time-zone-error" className="mt-1 text-sm text-red-700">
            {labels.invalid}
          </p>
        ) : null}
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className={primaryButton} disabled={pending}>
          {labels.save}
        </button>
        {state.saved ? (
          <p role="status" className="text-sm text-emerald-700">
            {labels.saved}
          </p>
        ) : null}
      </div>
    </form>
  );
}
