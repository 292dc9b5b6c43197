import { sandboxRuntime } from "@/sandbox/app/runtime";

// The in-app Telegram Bot API simulator the app's own grammY bot talks to in the sandbox
// (TELEGRAM_API_ROOT = <this app>/sandbox/telegram). Gone (404) once real tokens are set.
async function handle(request: Request): Promise<Response> {
  const runtime = sandboxRuntime();
  if (!runtime) return new Response("Not found", { status: 404 });
  const sandbox = await runtime;
  const response = await sandbox.telegram.handle(request);
  sandbox.changed();
  return response;
}

export { handle as GET, handle as POST };
