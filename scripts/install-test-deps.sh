#!/usr/bin/env bash
# Installs the system programs the tests run for real: a PostgreSQL server (integration tests)
# and Debian's Chromium (Playwright, which cannot download its own browser here). Only what
# is missing is installed, so a prepared machine pays nothing.
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: PostgreSQL and Chromium already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing ${missing[*]}: run as root, or install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "test dependencies: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Debian's postgresql package would otherwise start its own cluster; the tests start theirs.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core > /dev/null
echo "test dependencies: installed ${missing[*]}"
