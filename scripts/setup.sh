#!/usr/bin/env bash
# Installs what fnwarden needs to build and test, on Debian 12. Idempotent
# and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev lld
  libyaml-dev libsimdjson-dev libfmt-dev libcli11-dev libre2-dev libgoogle-perftools-dev libmimalloc-dev
  libarchive-dev libtomlplusplus-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm
)

missing=()
for p in "${packages[@]}"; do
  if [ "$p" = nodejs ] || [ "$p" = npm ]; then
    command -v "${p/nodejs/node}" >/dev/null 2>&1 && continue
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# npm packages: build-time data and test-only validators, pinned by the
# lockfile. Reinstalled only when the lockfile changes.
stamp=node_modules/.fnwarden-lock-stamp
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "setup: npm ci" >&2
  npm ci --ignore-scripts --include=dev --no-audit --no-fund --loglevel=error >/dev/null
  # --ignore-scripts leaves the SARIF Multitool's native binary without its
  # execute bit.
  chmod +x node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool 2>/dev/null || true
  echo "$lock_sum" > "$stamp"
fi

# The IAM oracle of tests/iam_oracle_test.cc: @cloud-copilot/iam-simulate,
# test-only and AGPL, so it lives in its own package and only ever runs as a
# subprocess of the tests.
oracle_stamp=tests/oracle/node_modules/.fnwarden-lock-stamp
oracle_sum=$(sha256sum tests/oracle/package-lock.json | cut -d' ' -f1)
if [ ! -f "$oracle_stamp" ] || [ "$(cat "$oracle_stamp")" != "$oracle_sum" ]; then
  echo "setup: npm ci (tests/oracle)" >&2
  (cd tests/oracle && npm ci --ignore-scripts --include=dev --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$oracle_sum" > "$oracle_stamp"
fi
