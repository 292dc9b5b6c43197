import { ecsTarget } from "@/lib/services";
import { currentUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/admin-only";
import { database } from "@/lib/platform/database";
import { trackDeployment } from "@/lib/deploy/track-deployment";
import { deployProgressView } from "../deploy-view";

export const dynamic = "force-dynamic";

// The Settings page polls this while a rollout runs; each poll also moves the deployments row
// forward (trackDeployment). Admins only: anyone else finds nothing here.
export async function GET() {
  const user = await currentUser();
  if (!user || !isAdmin(user)) return new Response("Not found", { status: 404 });
  const progress = await trackDeployment(await database(), ecsTarget(), { user });
  if (!progress) return new Response("Not found", { status: 404 });
  return Response.json(await deployProgressView(progress), {
    headers: { "Cache-Control": "no-store" },
  });
}
