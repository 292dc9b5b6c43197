"use client";

import { useActionState } from "react";
import { primaryButton } from "@/components/ui/button-styles";
import type { ChannelProblem } from "@/lib/channels/connect-channel";
import { fieldLabel } from "@/components/ui/field-styles";
import { BOT_PLACEHOLDER } from "./bot-placeholder";

export interface ChannelFormState {
  ref: string;
  problem?: ChannelProblem;
  added?: string;
  /** The bot's @username as the action learnt it, for problems worded before it was known. */
  bot?: string;
}

/** Texts translated on the server; each problem already names the bot. */
export interface ConnectChannelLabels {
  ref: string;
  refHint: string;
  connect: string;
  connected: string;
  problems: Record<ChannelProblem, string>;
}

export function ConnectChannelForm({
  labels,
  action,
}: {
  labels: ConnectChannelLabels;
  action: (state: ChannelFormState, form: FormData) => Promise<ChannelFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, { ref: "" });
  return (
    <form action={formAction} className="space-y-2">
      <label htmlFor="ref" className={fieldLabel}>
        {labels.ref}
      </label>
      <div className="flex max-w-lg flex-wrap gap-2">
        <input
          id="ref"
          name="ref"
          defaultValue={state.ref}
          placeholder="@my_channel"
          aria-invalid={Boolean(state.problem)}
          aria-describedby={state.problem ? "ref-hint ref-error" : "ref-hint"}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm focus:outline-2 focus:outline-brand-500 aria-[invalid=true]:border-red-500"
        />
        <button type="submit" disabled={pending} className={primaryButton}>
          {labels.connect}
        </button>
      </div>
      <p id="ref-hint" className="text-xs text-slate-500">
        {labels.refHint}
      </p>
      {state.problem ? (
        <p id="ref-error" role="alert" className="text-sm text-red-700">
          {labels.problems[state.problem].replace(BOT_PLACEHOLDER, state.bot ?? "")}
        </p>
      ) : null}
      {state.added ? (
        <p role="status" className="text-sm text-emerald-800">
          {labels.connected} {state.added}
        </p>
      ) : null}
    </form>
  );
}
