#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for SECONDS each, all at once.
# Each target is seeded with the project's own files of its kind (templates,
# JSON reports) and its hand-written seeds under fuzz/, and gets its
# dictionary there when one exists (the table in `setup` below). Prints each
# target's final line (executions, coverage) and fails if any target found a
# crash, a leak or a timeout (an input that takes more than FUZZ_TIMEOUT
# seconds, default 10). Usage: scripts/fuzz.sh BUILD_DIR SECONDS
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/fuzz.sh BUILD_DIR SECONDS}
seconds=${2:?usage: scripts/fuzz.sh BUILD_DIR SECONDS}
work="$build/fuzz-work"
mkdir -p "$work"

seed() {  # seed NAME PATTERN...: copy matching project files into the corpus
  local name=$1; shift
  mkdir -p "$work/$name"
  [ $# -gt 0 ] || return 0
  find examples src/rules tests/golden tests/data/lockfiles "$@" -type f 2>/dev/null | head -400 |
    while read -r f; do cp "$f" "$work/$name/$(echo "$f" | tr '/' '_')"; done
}

# setup NAME: seeds the corpus of one target; sets `seeds` (a folder of
# fuzz/) and `dict` (a file of fuzz/, or "").
setup() {
  local name=$1
  seeds="" dict=""
  case $name in
    cfn_fuzzer | pipeline_fuzzer)
      seed "$name" '(' -name '*.yaml' -o -name '*.json' ')'
      seeds=template_seeds dict=cfn_fuzzer.dict ;;
    yaml_fuzzer | yaml_fast_fuzzer) seed "$name" -name '*.yaml'; seeds=template_seeds dict=yaml_fuzzer.dict ;;
    json_fuzzer) seed "$name" -name '*.json' ;;
    policy_fuzzer) seed "$name" -name '*.json'; seeds=policy_seeds dict=policy_fuzzer.dict ;;
    cdk_fuzzer) seed "$name"; seeds=cdk_seeds dict=cdk_fuzzer.dict ;;
    config_fuzzer) seed "$name"; seeds=config_seeds dict=config_fuzzer.dict ;;
    baseline_fuzzer) seed "$name" -path 'tests/golden/*.json'; seeds=baseline_seeds ;;
    serverless_fuzzer) seed "$name" -name 'serverless*.yml'; seeds=serverless_seeds dict=serverless_fuzzer.dict ;;
    hcl_fuzzer) seed "$name" -name '*.tf'; seeds=hcl_seeds dict=hcl_fuzzer.dict ;;
    terraform_fuzzer) seed "$name" -name '*.tf'; seeds=terraform_seeds dict=terraform_fuzzer.dict ;;
    python_code_fuzzer) seed "$name" -name '*.py'; seeds=python_code_seeds dict=python_code_fuzzer.dict ;;
    js_code_fuzzer) seed "$name" '(' -name '*.js' -o -name '*.mjs' -o -name '*.ts' ')'
      seeds=js_code_seeds dict=js_code_fuzzer.dict ;;
    version_fuzzer) seed "$name"; seeds=version_seeds ;;
    npm_lock_fuzzer) seed "$name" -name 'package*.json'; seeds=npm_lock_seeds ;;
    yarn_lock_fuzzer) seed "$name" -name 'yarn.lock'; seeds=yarn_lock_seeds ;;
    pnpm_lock_fuzzer) seed "$name" -name 'pnpm-lock.yaml'; seeds=pnpm_lock_seeds ;;
    requirements_fuzzer) seed "$name" -name 'requirements*.txt'; seeds=requirements_seeds ;;
    poetry_lock_fuzzer) seed "$name" '(' -name '*.lock' -o -name '*.toml' ')'; seeds=poetry_lock_seeds ;;
    pipfile_lock_fuzzer) seed "$name" -name 'Pipfile*'; seeds=pipfile_lock_seeds ;;
    go_mod_fuzzer) seed "$name" '(' -name 'go.mod' -o -name 'go.sum' ')'; seeds=go_mod_seeds ;;
    osv_fuzzer) seed "$name"; seeds=osv_seeds ;;
    artifact_fuzzer) seed "$name"; seeds=artifact_seeds ;;
    *) seed "$name" -name '*.yaml' ;;
  esac
}

pids=()
names=()
for fuzzer in "$build"/fuzz/*_fuzzer; do
  name=$(basename "$fuzzer")
  setup "$name"
  [ -n "$seeds" ] && cp fuzz/"$seeds"/* "$work/$name/"
  extra=()
  [ -n "$dict" ] && extra+=(-dict="fuzz/$dict")
  mkdir -p "$work/$name-artifacts"
  "$fuzzer" "$work/$name" "${extra[@]}" -max_total_time="$seconds" -max_len=65536 -timeout="${FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/$name-artifacts/" \
    >"$work/$name.log" 2>&1 &
  pids+=($!)
  names+=("$name")
done

status=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  runs=$(grep -E '^stat::number_of_executed_units' "$work/${names[$i]}.log" | awk '{print $2}')
  echo "fuzz: ${names[$i]}: $result, ${runs:-?} executions in ${seconds} s (log: $work/${names[$i]}.log)"
  [ "$result" = ok ] || tail -30 "$work/${names[$i]}.log"
done
exit $status
