"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ChannelFormState } from "@/app/(dashboard)/channels/actions";
import { primaryButton } from "@/components/ui/button-styles";

export function ConnectChannelForm({
  action,
  botUsername,
}: {
  action: (state: ChannelFormState, form: FormData) => Promise<ChannelFormState>;
  botUsername: string;
}) {
  const t = useTranslations("channelsPage");
  const [state, formAction, pending] = useActionState(action, { ref: "" });
  return (
    <form action={formAction} className="space-y-2">
      <label htmlFor="ref" className="block text-sm font-medium text-slate-800">
        {t("ref")}
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
          {t("connect")}
        </button>
      </div>
      <p id="ref-hint" className="text-xs text-slate-500">
        {t("refHint")}
      </p>
      {state.problem ? (
        <p id="ref-error" role="alert" className="text-sm text-red-700">
          {t(`problems.${state.problem}`, { bot: botUsername })}
        </p>
      ) : null}
      {state.added ? (
        <p role="status" className="text-sm text-emerald-800">
          {t("connected")} {state.added}
        </p>
      ) : null}
    </form>
  );
}
