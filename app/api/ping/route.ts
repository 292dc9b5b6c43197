// Does nothing: the floor of a POST through this build of Next.js, which the webhook benchmark
// measures the webhooks against (bench/webhooks.ts). Also a cheap liveness probe that touches
// neither the database nor the bot.
export const dynamic = "force-dynamic";

export function POST() {
  return Response.json({ ok: true });
}

export function GET() {
  return Response.json({ ok: true });
}
