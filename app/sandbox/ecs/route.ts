import { sandboxRuntime } from "@/sandbox/app/runtime";

// The in-app ECS simulator the app's ECS client deploys to in the sandbox (endpoint
// <this app>/sandbox/ecs), so Settings → Deploy can be tried. Gone (404) once real tokens are set.
export async function POST(request: Request): Promise<Response> {
  const runtime = sandboxRuntime();
  if (!runtime) return new Response("Not found", { status: 404 });
  const sandbox = await runtime;
  const response = await sandbox.ecs.handle(request);
  sandbox.changed();
  return response;
}
