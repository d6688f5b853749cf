#!/usr/bin/env bash
# `npm test`: everything CI checks, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
# Tests keep their secrets under their own keychain service, never an admin's real entries.
export TLOC_KEYCHAIN_SERVICE="${TLOC_KEYCHAIN_SERVICE:-ThreatLocker Okta Console (tests)}"
step() { printf '\n==> %s\n' "$*"; }
step lint;      npx eslint . --max-warnings 0
step typecheck; npx tsc -b
step build;     npx electron-vite build --logLevel warn
step "unit + integration (vitest)"; bash scripts/with-keyring.sh npx vitest run
step "e2e (playwright)";            bash scripts/with-keyring.sh npx playwright test
