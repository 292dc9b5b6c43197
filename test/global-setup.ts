// The augmentation below needs "vitest" itself in the program, and "vitest/node" does not
// bring it in; a type-only import does, without loading the runner here.
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A server tests may create databases on; see createTestDatabase. */
    postgresUrl: string;
  }
}

/**
 * Vitest globalSetup: one PostgreSQL server for the whole run, shared by every test file.
 * TEST_DATABASE_URL points the run at an existing server instead (a CI service, Neon).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.TEST_DATABASE_URL;
  if (existing) {
    project.provide("postgresUrl", existing);
    // Not ours to stop.
    return async () => undefined;
  }
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
