import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // Prettier owns formatting; this turns off the stylistic rules that would fight it.
  prettier,
  globalIgnores([
    ".next/**",
    ".data/**",
    "db/migrations/**",
    "test-results/**",
    "infra/cdk.out/**",
    "next-env.d.ts",
  ]),
]);
