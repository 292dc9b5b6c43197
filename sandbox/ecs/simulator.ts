import { EcsApiError } from "./api-error";
import { readCall, reply } from "./protocol";
import type { RolloutRules } from "./rollout";
import { seedService, type SeedService } from "./seed";
import { describeServices, presentService, updateService } from "./services";
import { snapshot, type EcsWorld } from "./state";
import {
  findTaskDefinition,
  presentTaskDefinition,
  registerTaskDefinition,
} from "./task-definitions";

export type { SeedService } from "./seed";

export interface EcsSimulatorOptions {
  region?: string;
  accountId?: string;
  services?: SeedService[];
  /** How long each rollout phase takes; a healthy rollout completes after three steps. */
  stepMs?: number;
  /** Epoch milliseconds; move it forward to advance rollouts. Defaults to `Date.now`. */
  now?: () => number;
  /** Whether tasks running `image` fail their health checks (default: its tag says "broken"). */
  failsHealthChecks?: (image: string) => boolean;
}

export interface EcsApiCall {
  operation: string;
  input: Record<string, unknown>;
}

export interface EcsSimulator {
  /** Answers the ECS JSON 1.1 API (POST with X-Amz-Target) under any path. */
  handle(request: Request): Promise<Response>;
  /** Every call, oldest first; only those of `operation` when given. */
  calls(operation?: string): EcsApiCall[];
  /** The service as DescribeServices would return it now. */
  describe(cluster: string, service: string): ReturnType<typeof presentService>;
  /** The world as it is now, to keep across a restart. */
  save(): SavedEcs;
  load(saved: SavedEcs): void;
}

export interface SavedEcs {
  version: 1;
  world: EcsWorld;
}

export const DEFAULT_ECS_SERVICE: SeedService = {
  cluster: "promo",
  service: "promo-web",
  image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/promo-bot:v1.0.0",
};

/** By default an image fails its health checks when its tag says "broken". */
export const brokenTag = (image: string) => /broken/i.test(image.split("/").at(-1) ?? "");

export function createEcsSimulator(options: EcsSimulatorOptions = {}): EcsSimulator {
  const now = options.now ?? Date.now;
  let world: EcsWorld = {
    region: options.region ?? "eu-central-1",
    accountId: options.accountId ?? "123456789012",
    clusters: new Map(),
    taskDefinitions: new Map(),
  };
  const failsHealthChecks = options.failsHealthChecks ?? brokenTag;
  const rules: RolloutRules = {
    stepMs: options.stepMs ?? 1000,
    failsHealthChecks(arn) {
      const record = findTaskDefinition(world, arn);
      const containers = (record?.body.containerDefinitions ?? []) as Array<{ image?: string }>;
      return containers.some((container) => failsHealthChecks(String(container.image ?? "")));
    },
  };
  const log: EcsApiCall[] = [];
  for (const seed of options.services ?? [DEFAULT_ECS_SERVICE]) seedService(world, seed, now());

  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    DescribeServices: (input) => describeServices(world, rules, input, now()),
    UpdateService: (input) => updateService(world, rules, input, now()),
    RegisterTaskDefinition: (input) => {
      const record = registerTaskDefinition(world, input, now());
      return { taskDefinition: presentTaskDefinition(world, record), tags: record.tags };
    },
    DescribeTaskDefinition: (input) => {
      const record = findTaskDefinition(world, String(input.taskDefinition ?? ""));
      if (!record) throw new EcsApiError("ClientException", "Unable to describe task definition.");
      const tags = Array.isArray(input.include) && input.include.includes("TAGS");
      return {
        taskDefinition: presentTaskDefinition(world, record),
        ...(tags ? { tags: record.tags } : {}),
      };
    },
  };

  async function handle(request: Request): Promise<Response> {
    try {
      const { operation, input } = await readCall(request, world.region);
      const run = operations[operation];
      if (!run) {
        throw new EcsApiError(
          "UnknownOperationException",
          `The ECS simulator does not implement ${operation}; it serves ${Object.keys(operations).join(", ")}.`,
        );
      }
      log.push({ operation, input: snapshot(input) });
      return reply(200, run(input));
    } catch (error) {
      if (error instanceof EcsApiError) {
        return reply(error.status, { __type: error.type, message: error.message });
      }
      const message = error instanceof Error ? error.message : String(error);
      return reply(500, { __type: "ServerException", message: `ECS simulator: ${message}` });
    }
  }

  return {
    handle,
    calls: (operation) =>
      snapshot(log.filter((call) => operation === undefined || call.operation === operation)),
    describe(cluster, name) {
      const service = world.clusters.get(cluster)?.get(name);
      if (!service) throw new Error(`no service ${cluster}/${name}`);
      return describeServices(world, rules, { cluster, services: [name] }, now())
        .services[0] as ReturnType<typeof presentService>;
    },
    save: () => snapshot({ version: 1, world }),
    load(saved) {
      if (saved.version !== 1)
        throw new Error(`unknown saved ECS simulator version ${saved.version}`);
      world = snapshot(saved.world);
    },
  };
}
