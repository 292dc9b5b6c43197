import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { User } from "@/db/schema/users";
import { AppError, type AppErrorCode } from "@/lib/platform/app-error";
import { formText, signedInAction, signedInFormAction } from "./signed-in-action";

// The session and the request's headers belong to Next; here a user is simply given.
const signedIn = vi.hoisted(() => ({ user: undefined as Pick<User, "id" | "role"> | undefined }));
vi.mock("./current-user", () => ({
  requireUser: async () => {
    if (!signedIn.user) throw new Error("NEXT_REDIRECT /login");
    return signedIn.user;
  },
}));
vi.mock("@/lib/platform/request-log", () => ({ withRequestLog: (fn: () => unknown) => fn() }));

const seller = { id: "s1", role: "seller" } as const;
const admin = { id: "a1", role: "admin" } as const;

beforeEach(() => {
  signedIn.user = seller;
});

describe("signed-in server actions", () => {
  it("sends a signed-out visitor to the login page before the action runs", async () => {
    signedIn.user = undefined;
    const run = vi.fn(async () => "ran");
    await expect(signedInAction(run)()).rejects.toThrow("/login");
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses a seller an admin-only action with forbidden, worded by the form", async () => {
    const run = vi.fn(async (): Promise<{ secret?: string; error?: string }> => ({ secret: "s" }));
    const action = signedInAction(run, {
      admin: true,
      refused: (error) => ({ error: error.code }),
    });
    expect(await action()).toEqual({ error: "forbidden" });
    expect(run).not.toHaveBeenCalled();
    signedIn.user = admin;
    expect(await action()).toEqual({ secret: "s" });
  });

  it("returns field errors naming the field when the form does not parse", async () => {
    const schema = z.object({ name: formText.pipe(z.string().min(1, "required")) });
    const action = signedInFormAction<typeof schema, { fields?: object }>(
      schema,
      { refused: (error) => ({ fields: error.details.fields }) },
      async () => ({}),
    );
    expect(await action({}, new FormData())).toEqual({ fields: { name: { key: "required" } } });
  });

  it("turns a domain refusal into the form's state and passes anything else on", async () => {
    const failWith = (error: Error) =>
      signedInAction(async (): Promise<string> => Promise.reject(error), {
        refused: (refusal) => `refused: ${refusal.code as AppErrorCode}`,
      });
    expect(await failWith(new AppError("conflict", "transition"))()).toBe("refused: conflict");
    await expect(failWith(new Error("bug"))()).rejects.toThrow("bug");
  });
});
