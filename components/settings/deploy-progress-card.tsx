import type { DeployProgressView } from "./deploy-types";

const tones = {
  progress: "border-sky-200 bg-sky-50 text-sky-900",
  ok: "border-emerald-200 bg-emerald-50 text-emerald-900",
  bad: "border-red-200 bg-red-50 text-red-900",
};

/** One deployment: from → to, its state, the rollout's counts and ECS's latest events. */
export function DeployProgressCard({
  view,
  eventsLabel,
}: {
  view: DeployProgressView;
  eventsLabel: string;
}) {
  return (
    <div className={`rounded-lg border p-4 text-sm ${tones[view.tone]}`} data-deployment={view.id}>
      <p className="flex flex-wrap items-center gap-2">
        <span aria-live="polite" className="font-semibold" data-testid="deploy-status">
          {view.status}
        </span>
        <span className="break-all font-mono text-xs">
          {view.from} → {view.to}
        </span>
      </p>
      <p className="mt-1 text-xs opacity-80">
        {view.started}
        {view.finishedAt ? ` · ${view.finishedAt}` : ""}
      </p>
      {view.rollout ? <p className="mt-2">{view.rollout}</p> : null}
      {view.note ? <p className="mt-1">{view.note}</p> : null}
      {view.unreachable ? <p className="mt-1 italic">{view.unreachable}</p> : null}
      {view.events.length > 0 ? (
        <details className="mt-2" open={!view.finished}>
          <summary className="cursor-pointer text-xs font-medium">{eventsLabel}</summary>
          <ol className="mt-1 space-y-1 text-xs text-slate-700">
            {view.events.map((event, index) => (
              <li key={`${event.at}-${index}`} className="break-words">
                <time className="mr-2 font-mono text-slate-500">{event.at}</time>
                {event.message}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
