import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// Lints snippets as if they were files at these paths, so the config's file globs apply; the
// files need not exist. Each rule is shown to fail on a wrong snippet and to pass a right one.
const root = import.meta.dirname;
let eslint: ESLint;

/** The rules a snippet breaks, as it would be linted at `file` (a parse error counts too). */
async function broken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const IMPORTS = "@typescript-eslint/no-restricted-imports";
const ENV = "no-restricted-properties";

beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  // Loading the config and its plugins is the slow part; do it once, here.
  await broken("lib/warm-up.ts", "export const ready = true;\n");
});

describe("app/ and components/ import db/ for types only", () => {
  it("refuses a value from db/ in a component, by alias or by relative path", async () => {
    const wrong = 'import { orders } from "@/db/schema/orders";\nexport const table = orders;\n';
    expect(await broken("components/orders/bad-example.tsx", wrong)).toEqual([IMPORTS]);
    const relative = 'import { database } from "../../db/client";\nexport const open = database;\n';
    expect(await broken("components/orders/bad-example.tsx", relative)).toEqual([IMPORTS]);
  });

  it("refuses a value from db/ in a page, and lets a type through", async () => {
    const wrong = 'import { users } from "@/db/schema/users";\nexport const table = users;\n';
    expect(await broken("app/(dashboard)/bad-example/page.tsx", wrong)).toEqual([IMPORTS]);
    const right = 'import type { User } from "@/db/schema/users";\nexport type Who = User;\n';
    expect(await broken("app/(dashboard)/bad-example/page.tsx", right)).toEqual([]);
    expect(await broken("components/orders/bad-example.tsx", right)).toEqual([]);
  });
});

describe("components/ never import app/", () => {
  it("refuses an action or its state type from app/, and lets a component import another", async () => {
    const value =
      'import { reconcileAction } from "@/app/(dashboard)/monitoring/actions";\nexport const run = reconcileAction;\n';
    expect(await broken("components/monitoring/bad-example.tsx", value)).toEqual([IMPORTS]);
    const type =
      'import type { Thing } from "@/app/(dashboard)/orders/actions";\nexport type Used = Thing;\n';
    expect(await broken("components/orders/bad-example.tsx", type)).toEqual([IMPORTS]);
    const right = 'import { Card } from "@/components/ui/card";\nexport const used = Card;\n';
    expect(await broken("components/orders/bad-example.tsx", right)).toEqual([]);
  });
});

describe("lib/ never imports a face", () => {
  it.each(["@/app/(dashboard)/orders/actions", "@/components/ui/button", "@/bot/index"])(
    "refuses %s",
    async (source) => {
      const code = `import { thing } from "${source}";\nexport const used = thing;\n`;
      expect(await broken("lib/orders/bad-example.ts", code)).toEqual([IMPORTS]);
    },
  );

  it("lets lib/ import db/ and other domains", async () => {
    const code =
      'import { orders } from "@/db/schema/orders";\nimport { money } from "@/lib/platform/money";\nexport const used = [orders, money];\n';
    expect(await broken("lib/orders/bad-example.ts", code)).toEqual([]);
  });
});

describe("bot/ and db/ keep to their layers", () => {
  it("refuses app/ and components/ in bot/, and lets it use lib/", async () => {
    for (const source of ["@/app/(dashboard)/orders/actions", "@/components/ui/button"]) {
      const code = `import { thing } from "${source}";\nexport const used = thing;\n`;
      expect(await broken("bot/features/bad-example.ts", code)).toEqual([IMPORTS]);
    }
    const right = 'import { settings } from "@/lib/platform/env";\nexport const used = settings;\n';
    expect(await broken("bot/features/bad-example.ts", right)).toEqual([]);
  });

  it("refuses anything above db/ in db/, and lets a schema file import another", async () => {
    const wrong = 'import { settings } from "@/lib/platform/env";\nexport const used = settings;\n';
    expect(await broken("db/bad-example.ts", wrong)).toEqual([IMPORTS]);
    const right = 'import { users } from "./users";\nexport const used = users;\n';
    expect(await broken("db/schema/bad-example.ts", right)).toEqual([]);
  });
});

describe("the simulators import nothing from the app", () => {
  it.each(["sandbox/telegram/bad-example.ts", "sandbox/stripe/bad-example.ts", "sandbox/serve.ts"])(
    "refuses @/lib in %s",
    async (file) => {
      const code =
        'import { SANDBOX_BOT } from "@/lib/platform/connections";\nexport const bot = SANDBOX_BOT;\n';
      expect(await broken(file, code)).toEqual([IMPORTS]);
    },
  );

  it("lets the sandbox's app-side glue import lib/", async () => {
    const code =
      'import { SANDBOX_BOT } from "@/lib/platform/connections";\nexport const bot = SANDBOX_BOT;\n';
    expect(await broken("sandbox/app/bad-example.ts", code)).toEqual([]);
  });
});

describe("process.env is read only in lib/platform/env.ts", () => {
  const reads = {
    "process.env.PORT": "export const port = process.env.PORT;\n",
    'process["env"]': 'export const port = process["env"].PORT;\n',
    "const { PORT } = process.env": "const { PORT } = process.env;\nexport const port = PORT;\n",
    "const { env } = process": "const { env } = process;\nexport const port = env.PORT;\n",
  };

  it.each(Object.entries(reads))("refuses %s in lib/, app/ and bot/", async (_, code) => {
    for (const file of [
      "lib/orders/bad-example.ts",
      "app/api/bad-example/route.ts",
      "bot/features/bad-example.ts",
    ]) {
      expect(await broken(file, code), file).toEqual([ENV]);
    }
  });

  it("refuses env imported from node:process", async () => {
    const code = 'import { env } from "node:process";\nexport const port = env.PORT;\n';
    expect(await broken("components/bad-example.tsx", code)).toEqual(["no-restricted-syntax"]);
  });

  it("allows it in the settings module, tests and scripts", async () => {
    for (const file of ["lib/platform/env.ts", "lib/orders/bad-example.test.ts", "scripts/x.ts"]) {
      expect(await broken(file, reads["process.env.PORT"]), file).toEqual([]);
    }
  });
});

describe("drizzle updates and deletes name their rows", () => {
  const file = "lib/orders/bad-example.ts";
  const imports =
    'import type { Database } from "@/db/client";\nimport { orders } from "@/db/schema/orders";\n';
  const withEq = `import { eq } from "drizzle-orm";\n${imports}`;

  it("refuses an update without where(), and passes one with it", async () => {
    const wrong = `${imports}export const all = (db: Database) => db.update(orders).set({ note: "" });\n`;
    expect(await broken(file, wrong)).toEqual(["drizzle/enforce-update-with-where"]);
    const right = `${withEq}export const one = (db: Database) =>\n  db.update(orders).set({ note: "" }).where(eq(orders.id, 1));\n`;
    expect(await broken(file, right)).toEqual([]);
  });

  it("refuses a delete without where() in a transaction, and passes one with it", async () => {
    const wrong = `${imports}export const all = (tx: Database) => tx.delete(orders);\n`;
    expect(await broken(file, wrong)).toEqual(["drizzle/enforce-delete-with-where"]);
    const right = `${withEq}export const one = (tx: Database) => tx.delete(orders).where(eq(orders.id, 1));\n`;
    expect(await broken(file, right)).toEqual([]);
  });
});
