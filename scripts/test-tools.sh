#!/usr/bin/env bash
# The first step of `npm test`: finds, or provides, what the tests need beyond node_modules.
#  - Chromium at /usr/bin/chromium (the browser tests drive it with playwright-core).
#  - PostgreSQL's binaries under /usr/lib/postgresql/*/bin (the PostgreSQL suites start a
#    throw-away cluster with them: test/setup/postgres-global-setup.ts).
# A missing one is installed from Debian with apt-get when running as root (or with sudo when it
# needs no password). Without root, a missing Chromium is an error and a missing PostgreSQL
# skips the PostgreSQL suites (one line says so), except under CI=true, where both are errors.
set -euo pipefail

on_ci=false
case "${CI:-}" in true | 1) on_ci=true ;; esac

have_postgres() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
have_postgres || missing+=(postgresql)
[ "${#missing[@]}" -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    as_root=(none)
  fi
fi

if [ "${as_root[0]:-}" != none ]; then
  echo "test tools: installing Debian's ${missing[*]} with apt-get"
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  exit 0
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "test tools: /usr/bin/chromium is missing and this is not root: apt-get install chromium (the browser tests need it)" >&2
  exit 1
fi
if ! have_postgres && [ "$on_ci" = true ]; then
  echo "test tools: CI=true and PostgreSQL is missing, and this is not root: apt-get install postgresql" >&2
  exit 1
fi
# Without PostgreSQL the jest set-up prints the one line saying its suites are skipped.
exit 0
