"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { fillTemplate } from "@/components/i18n/fill-template";
import { primaryButton, secondaryButton } from "@/components/ui/button-styles";
import { DeployProgressCard } from "./deploy-progress-card";
import type {
  DeployPanelLabels,
  DeployProgressView,
  PreviewResult,
  StartResult,
} from "./deploy-types";
import { fieldLabel, textInput } from "@/components/ui/field-styles";

const POLL_MS = 2000;

/**
 * Deploy in two steps (a tag, then a confirmation showing from → to), then the rollout's
 * progress, read from `progressUrl` every two seconds until it has finished.
 */
export function DeployPanel({
  labels,
  preview,
  start,
  progressUrl,
  initial,
}: {
  labels: DeployPanelLabels;
  preview: (tag: string) => Promise<PreviewResult>;
  start: (tag: string) => Promise<StartResult>;
  progressUrl: string;
  initial?: DeployProgressView;
}) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [confirming, setConfirming] = useState<Extract<PreviewResult, { ok: true }>>();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const running = view !== undefined && !view.finished;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(async () => {
      const response = await fetch(progressUrl, { cache: "no-store" }).catch(() => undefined);
      if (!response?.ok) return;
      const next = (await response.json()) as DeployProgressView;
      setView(next);
      // The history list and the version are server-rendered: show the outcome there too.
      if (next.finished) router.refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, progressUrl, router]);

  const refusal = (result: { error: keyof DeployPanelLabels["errors"]; detail?: string }) =>
    fillTemplate(labels.errors[result.error], { detail: result.detail ?? "" });

  function ask(form: FormData) {
    setError(undefined);
    startTransition(async () => {
      const result = await preview(String(form.get("tag") ?? ""));
      if (result.ok) setConfirming(result);
      else setError(refusal(result));
    });
  }

  function deploy() {
    if (!confirming) return;
    startTransition(async () => {
      const result = await start(confirming.tag);
      setConfirming(undefined);
      if (result.ok) setView(result.progress);
      else setError(refusal(result));
    });
  }

  return (
    <div className="space-y-4">
      {view ? <DeployProgressCard view={view} eventsLabel={labels.events} /> : null}
      {running ? null : confirming ? (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h3 className="text-sm font-semibold text-slate-900">{labels.confirmTitle}</h3>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">{labels.from}</dt>
            <dd className="break-all font-mono text-xs leading-5">{confirming.fromImage}</dd>
            <dt className="text-slate-600">{labels.to}</dt>
            <dd className="break-all font-mono text-xs leading-5">{confirming.toImage}</dd>
          </dl>
          <div className="mt-3 flex gap-2">
            <button type="button" onClick={deploy} disabled={pending} className={primaryButton}>
              {labels.confirm}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(undefined)}
              disabled={pending}
              className={secondaryButton}
            >
              {labels.back}
            </button>
          </div>
        </div>
      ) : (
        <form action={ask} className="space-y-3">
          <div>
            <label htmlFor="deploy-tag" className={fieldLabel}>
              {labels.tag}
            </label>
            <input
              id="deploy-tag"
              name="tag"
              required
              autoComplete="off"
              spellCheck={false}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? "deploy-tag-hint deploy-error" : "deploy-tag-hint"}
              className={`${textInput} w-full max-w-sm font-mono`}
            />
            <p id="deploy-tag-hint" className="mt-1 text-xs text-slate-500">
              {labels.tagHint}
            </p>
          </div>
          <button type="submit" disabled={pending} className={primaryButton}>
            {pending ? labels.checking : labels.continue}
          </button>
        </form>
      )}
      {error ? (
        <p id="deploy-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
