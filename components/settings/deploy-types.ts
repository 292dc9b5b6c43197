import type { DeployRefusal } from "@/lib/deploy/start-deploy";

/** A deployment as the page shows it, every text finished on the server. */
export interface DeployProgressView {
  id: string;
  finished: boolean;
  tone: "progress" | "ok" | "bad";
  status: string;
  from: string;
  to: string;
  started: string;
  finishedAt?: string;
  /** The rollout line: state and task counts. */
  rollout?: string;
  /** Why it ended as it did, or that ECS is rolling back. */
  note?: string;
  /** ECS could not be read on this poll. */
  unreachable?: string;
  events: Array<{ at: string; message: string }>;
}

export type PreviewResult =
  | { ok: true; tag: string; fromImage: string; toImage: string }
  | { ok: false; error: DeployRefusal; detail?: string };

export type StartResult =
  { ok: true; progress: DeployProgressView } | { ok: false; error: DeployRefusal; detail?: string };

/** Texts translated on the server; `errors.ecsFailed` is a template with {detail}. */
export interface DeployPanelLabels {
  tag: string;
  tagHint: string;
  continue: string;
  confirmTitle: string;
  from: string;
  to: string;
  confirm: string;
  back: string;
  checking: string;
  events: string;
  errors: Record<DeployRefusal, string>;
}
