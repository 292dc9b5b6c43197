import { ECSClient } from "@aws-sdk/client-ecs";
import type { EcsConnection } from "@/lib/platform/connections";

/** The ECS service the app runs as, and the client that reaches it. */
export interface EcsTarget {
  client: ECSClient;
  cluster: string;
  service: string;
  imageRepository: string;
}

/**
 * The official ECS client for a connection. Credentials come from the SDK's default chain (the
 * task role in ECS) unless the connection brings the sandbox's made-up ones.
 */
export function createEcsTarget(connection: EcsConnection): EcsTarget {
  const client = new ECSClient({
    region: connection.region,
    endpoint: connection.endpoint,
    credentials: connection.credentials,
    // A slow ECS must not hang the Settings page or the deploy script for minutes.
    maxAttempts: 2,
    requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000 },
  });
  if (connection.endpoint && new URL(connection.endpoint).pathname.length > 1) {
    dropTrailingSlash(client);
  }
  const { cluster, service, imageRepository } = connection;
  return { client, cluster, service, imageRepository };
}

// The SDK posts to "<endpoint path>/"; Next.js answers "/sandbox/ecs/" with a redirect to
// "/sandbox/ecs", which a POST does not follow. ECS's own endpoints have no path, so this only
// runs for an endpoint behind one (the in-app sandbox, a path-routing proxy). It runs before
// signing, so the signature covers the path actually sent.
function dropTrailingSlash(client: ECSClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: string };
      if (request.path && request.path.length > 1) request.path = request.path.replace(/\/+$/, "");
      return next(args);
    },
    { step: "build", name: "dropTrailingSlash" },
  );
}
