/**
 * A failed ECS call, answered as the JSON 1.1 protocol does: HTTP 400 (500 for the service's own
 * faults) with `{"__type": "<Exception>", "message": "…"}`, from which the SDK builds the
 * matching exception class (ClusterNotFoundException, ClientException, …).
 */
export class EcsApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "EcsApiError";
  }
}

/** ECS's catch-all for a request that names something missing or is otherwise wrong. */
export const clientException = (message: string) => new EcsApiError("ClientException", message);

export const invalidParameter = (message: string) =>
  new EcsApiError("InvalidParameterException", message);

export const clusterNotFound = () =>
  new EcsApiError("ClusterNotFoundException", "Cluster not found.");

export const serviceNotFound = () =>
  new EcsApiError("ServiceNotFoundException", "Service not found.");

/**
 * A parameter real ECS accepts but whose effect the simulator does not model. Failing loudly
 * beats ignoring it: a test must not pass here and then behave differently against ECS.
 */
export const unsupported = (operation: string, param: string) =>
  invalidParameter(
    `The ECS simulator does not support ${param} in ${operation}. Use a real ECS service for it.`,
  );
