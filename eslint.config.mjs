import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import drizzle from "eslint-plugin-drizzle";

/**
 * An import of a top-level folder of this repository, by the "@/" alias or a relative path
 * (`../../db/client`), as a no-restricted-imports pattern.
 */
const folder = (name, message, options = {}) => ({
  regex: `^(@/|(\\.\\./)+)${name}(/|$)`,
  message,
  ...options,
});

/** The rule that keeps a layer's arrows pointing down (see docs: ARCHITECTURE.md). */
const forbidImports = (...patterns) => ({
  "@typescript-eslint/no-restricted-imports": ["error", { patterns }],
});

const readSettings =
  "Read settings through settings() from @/lib/platform/env (parsed once, checked, with a fix for each mistake), or take the value as a parameter.";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // Prettier owns formatting; this turns off the stylistic rules that would fight it.
  prettier,

  // Arrows point down. The groups below cover disjoint folders: a later block that set the
  // same rule for the same file would replace these options, not add to them.
  {
    // Pages and components get data from lib/, which scopes it to the seller; a query written
    // here would skip that. Types from the schema are how data is described, so they may come.
    files: ["app/**"],
    rules: forbidImports(
      folder("db", "app/ and components/ get data through lib/; import only types from db/.", {
        allowTypeImports: true,
      }),
    ),
  },
  {
    // The same for components, which are also below the pages that use them: a form gets its
    // server action as a prop and owns the shape of its state, so the page imports the form.
    files: ["components/**"],
    rules: forbidImports(
      folder("db", "app/ and components/ get data through lib/; import only types from db/.", {
        allowTypeImports: true,
      }),
      folder(
        "app",
        "components/ sit below app/: take the action as a prop, define the state here.",
      ),
    ),
  },
  {
    // The domain serves every face (dashboard, bot, JSON API, workers); it cannot know them.
    files: ["lib/**"],
    rules: forbidImports(
      folder(
        "(app|components|bot)",
        "lib/ serves the faces; it never imports app/, components/ or bot/.",
      ),
    ),
  },
  {
    // The bot is a face beside the web; what both need lives in lib/.
    files: ["bot/**"],
    rules: forbidImports(
      folder("(app|components)", "bot/ is a face like app/; share code through lib/ instead."),
    ),
  },
  {
    // The schema and the driver are the bottom layer: everything above depends on them.
    files: ["db/**"],
    rules: forbidImports(
      folder(
        "(lib|app|bot|components|sandbox)",
        "db/ knows nothing above it; pass settings in from lib/platform/database.ts.",
      ),
    ),
  },
  {
    // The simulators stand in for Telegram, Stripe, ECS and S3, and are tested on their own;
    // the app hands them what they need (sandbox/app/ is that glue, and may import lib/).
    files: ["sandbox/**"],
    ignores: ["sandbox/app/**"],
    rules: forbidImports(
      folder(
        "(lib|app|bot|db|components)",
        "A simulator depends on nothing in the app; take what it needs as an option.",
      ),
    ),
  },

  // One settings module. Every read of the environment goes through lib/platform/env.ts, so
  // each setting is checked once at start-up and documented in one place.
  {
    rules: {
      // Catches process.env.X, process["env"], `const { X } = process.env` and `{ env } = process`.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: readSettings },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
          message: readSettings,
        },
      ],
    },
  },
  {
    // Where the environment is read legitimately: the settings module itself; tests and their
    // support (test/ and the test-support.ts files beside them), which set up the environment of the process under test; the tools' own config
    // files; and the scripts, benchmarks and CDK app, which run outside the app and configure
    // the processes they start.
    files: [
      "lib/platform/env.ts",
      "**/*.test.ts",
      "**/*.test.tsx",
      "**/test-support.ts",
      "test/**",
      "e2e/**",
      "next.config.ts",
      "playwright.config.ts",
      "vitest.config.ts",
      "drizzle.config.ts",
      "scripts/**",
      "bench/**",
      "infra/**",
    ],
    rules: { "no-restricted-properties": "off", "no-restricted-syntax": "off" },
  },
  {
    // Next's documented way to tell the Node.js runtime from the Edge one in register(); it is
    // set by Next, not a setting of ours, and the settings module cannot be loaded in the Edge.
    files: ["instrumentation.ts"],
    rules: { "no-restricted-properties": "off" },
  },

  {
    // An update or delete without where() changes every row of the table. `db` and `tx` are
    // what the code calls a database and a transaction.
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  {
    // Tests empty tables between cases on purpose, in a throwaway database.
    files: ["**/*.test.ts", "**/test-support.ts", "test/**"],
    rules: { "drizzle/enforce-delete-with-where": "off" },
  },

  globalIgnores([
    ".next/**",
    ".data/**",
    "db/migrations/**",
    "test-results/**",
    "infra/cdk.out/**",
    "next-env.d.ts",
  ]),
]);
