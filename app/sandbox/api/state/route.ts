import { sandboxState } from "@/sandbox/app/actions";
import { findPerson } from "@/sandbox/app/people";
import { sandboxRuntime } from "@/sandbox/app/runtime";

/** GET ?as=<telegram id>: that person's chat with the bot and the test channel, as JSON. */
export async function GET(request: Request) {
  const runtime = sandboxRuntime();
  if (!runtime) return new Response("Not found", { status: 404 });
  const as = Number(new URL(request.url).searchParams.get("as"));
  if (!findPerson(as)) return Response.json({ error: "as: unknown person" }, { status: 400 });
  return Response.json(sandboxState(await runtime, as), {
    headers: { "cache-control": "no-store" },
  });
}
