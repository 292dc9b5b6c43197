import { z } from "zod";

/** A rollout as last read from ECS: the PRIMARY deployment's state and the service's counts. */
export const rolloutSnapshot = z.object({
  state: z.string(),
  reason: z.string().optional(),
  /** "rolling_back" once the circuit breaker rolls back to the previous task definition. */
  phase: z.enum(["deploying", "rolling_back"]),
  desired: z.number(),
  running: z.number(),
  pending: z.number(),
});
export type RolloutSnapshot = z.infer<typeof rolloutSnapshot>;

export const serviceEvent = z.object({ at: z.string(), message: z.string() });
export type ServiceEvent = z.infer<typeof serviceEvent>;

/**
 * What a deployments row keeps in `detail` (jsonb): where it went, ECS's id for it, and the
 * last progress read, so a finished deploy still shows how it ended without asking ECS.
 */
export const deploymentDetail = z.object({
  cluster: z.string(),
  service: z.string(),
  container: z.string(),
  fromTaskDefinitionArn: z.string(),
  /** Set once UpdateService answered; ECS's id of the deployment and when ECS created it. */
  ecsDeploymentId: z.string().optional(),
  ecsDeploymentCreatedAt: z.string().optional(),
  via: z.enum(["dashboard", "shell"]),
  rollout: rolloutSnapshot.optional(),
  events: z.array(serviceEvent).optional(),
  /** Why it ended as it did (ECS's rollout reason, or the error that stopped it). */
  reason: z.string().optional(),
});
export type DeploymentDetail = z.infer<typeof deploymentDetail>;

/** The stored detail, or a minimal one if a row predates this shape. */
export function readDetail(value: unknown): DeploymentDetail {
  const parsed = deploymentDetail.safeParse(value);
  return parsed.success
    ? parsed.data
    : { cluster: "", service: "", container: "", fromTaskDefinitionArn: "", via: "dashboard" };
}
