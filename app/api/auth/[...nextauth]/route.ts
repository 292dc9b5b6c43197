import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { refuseMalformedAuthRequest } from "@/lib/auth/auth-request-check";

type Context = { params: Promise<{ nextauth: string[] }> };

// The options depend on settings and the database, so they are built per request (cheap).
async function handler(request: Request, context: Context) {
  const refusal = refuseMalformedAuthRequest(request, (await context.params).nextauth);
  if (refusal) {
    const headers = new Headers();
    if (refusal.dropCookie) headers.set("set-cookie", `${refusal.dropCookie}=; Path=/; Max-Age=0`);
    return Response.json({ error: refusal.message }, { status: refusal.status, headers });
  }
  return NextAuth(request as never, context as never, await authOptions());
}

export { handler as GET, handler as POST };
