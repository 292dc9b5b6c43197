import { z } from "zod";
import { performAction, sandboxAction } from "@/sandbox/app/actions";
import { sandboxRuntime } from "@/sandbox/app/runtime";

/** POST a SandboxAction as JSON: send a message, press a button, open a deep link… */
export async function POST(request: Request) {
  const runtime = sandboxRuntime();
  if (!runtime) return new Response("Not found", { status: 404 });
  const input = sandboxAction.safeParse(await request.json().catch(() => undefined));
  if (!input.success) {
    return Response.json({ ok: false, error: z.prettifyError(input.error) }, { status: 400 });
  }
  const sandbox = await runtime;
  const result = await performAction(sandbox, input.data);
  sandbox.changed();
  return Response.json(result, { status: result.ok ? 200 : 409 });
}
