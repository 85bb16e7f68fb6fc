#!/bin/sh
# Runs the benchmarks against an already built tree (`make bench` builds
# first). Usage: bench/run.sh [BUILD_DIR]   (default: build)
#
# The corpus benchmarks read ../shared/corpus/serverless-patterns beside the
# repository when it is there; without it only the small-template figure is
# measured.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${RUNS:-7}
bin="$build/bench/scan_bench"
if [ ! -x "$bin" ]; then
  echo "bench: $bin is missing; build first (make bench)" >&2
  exit 2
fi
# Both say so and skip the corpus figures when the folder is missing.
corpus=../shared/corpus/serverless-patterns
"$bin" --corpus "$corpus" --fnwarden "$build/fnwarden" \
  --small examples/insecure-orders/template.yaml --runs "$runs"
perms="$build/bench/iam_permissions_bench"
if [ -x "$perms" ]; then
  "$perms" --corpus "$corpus" --runs "$runs"
else
  echo "bench: $perms is missing; skipped" >&2
fi
# Generated templates of growing size; SCALE_SIZES=1000,2000 for a quick look.
scale="$build/bench/scale_bench"
if [ -x "$scale" ]; then
  "$scale" --sizes "${SCALE_SIZES:-1000,5000,20000}" --runs 3
else
  echo "bench: $scale is missing; skipped" >&2
fi
# The HCL2 parser on the corpus's .tf files (it says so when there are none).
hcl="$build/bench/hcl_bench"
if [ -x "$hcl" ] && [ -d ../shared/corpus ]; then
  "$hcl" --corpus ../shared/corpus --runs "$runs" || true
else
  echo "bench: $hcl or ../shared/corpus is missing; skipped" >&2
fi
# Terraform end to end on the corpus's .tf files (it says so when there are none).
tf="$build/bench/terraform_bench"
if [ -x "$tf" ] && [ -d ../shared/corpus ]; then
  "$tf" --corpus ../shared/corpus --runs "$runs" || true
else
  echo "bench: $tf or ../shared/corpus is missing; skipped" >&2
fi
# Handler code analysis against tree-sitter's parse, and the scan of apps/.
code="$build/bench/code_bench"
if [ -x "$code" ] && [ -d ../shared/corpus ]; then
  "$code" --corpus ../shared/corpus --runs "$runs" || true
else
  echo "bench: $code or ../shared/corpus is missing; skipped" >&2
fi
# The OSV index from 200,000 generated advisories, and a 5 MB package-lock
# matched against it (generated data: no corpus needed).
osv="$build/bench/osv_bench"
if [ -x "$osv" ]; then
  "$osv" --runs "$runs" || true
else
  echo "bench: $osv is missing; skipped" >&2
fi
# What a fresh page of memory costs here (see bench/README.md).
faults="$build/bench/page_fault_bench"
if [ -x "$faults" ]; then
  "$faults" --mib 64 --runs 3
else
  echo "bench: $faults is missing; skipped" >&2
fi
