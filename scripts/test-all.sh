#!/usr/bin/env bash
# `npm run test:all`: everything CI checks, on a machine that has only Node.js. Installs the
# real PostgreSQL and Chromium the tests use when they are missing, then runs each check;
# the first failure stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() {
  local name=$1
  shift
  local started=$SECONDS
  echo
  echo "=== $name"
  "$@"
  echo "=== $name: ok in $((SECONDS - started)) s"
}

# npm runs this script with node_modules/.bin first on PATH, so `node` here and in every step
# is the binary of the `node` devDependency. Without it (its install script not run) `node`
# would quietly be the machine's own, older one: stop instead.
node_version() {
  local required
  required=$(node -p 'require("./package.json").engines.node.match(/\d+/)[0]')
  echo "$(command -v node): $(node --version); package.json requires $required or later"
  node -e "process.exit(Number(process.versions.node.split('.')[0]) >= $required ? 0 : 1)"
}

step "Node.js" node_version
step "system packages (PostgreSQL, Chromium)" bash scripts/install-test-deps.sh
step "typecheck" npm run --silent typecheck
step "lint" npm run --silent lint
step "format" npm run --silent format:check
# Unit and integration tests; the integration tests start a throwaway PostgreSQL cluster.
step "unit + integration tests" npm test --silent
# Builds the standalone bundle the container ships and drives it in Debian's Chromium.
step "end-to-end tests" npm run --silent test:e2e

echo
echo "All checks passed in $SECONDS s."
