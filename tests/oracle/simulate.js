#!/usr/bin/env node
// Test-only driver for tests/iam_oracle_test.cc and bench/iam_oracle_bench.cc:
// runs @cloud-copilot/iam-simulate (AGPL; used only as a separate process,
// never linked into or shipped with fnwarden) on a batch of cases.
//
// stdin: one JSON object per line, {"id": <number>, "simulation": <Simulation>}
//        (the library's own input shape, see its README).
// stdout: one line per case, in input order: "<id>\t<decision>", where
//        <decision> is Allowed, ExplicitlyDenied, ImplicitlyDenied, or
//        "error:<reason>" when the library refused the input. A last line
//        "elapsed_ms\t<ms>" gives the time spent inside runSimulation alone.
// Exit status: 0 when every line was read; 2 when the library is missing
// (run `make setup`); 3 on unreadable input.
'use strict';

let runSimulation;
try {
  ({ runSimulation } = require('@cloud-copilot/iam-simulate'));
} catch (e) {
  process.stderr.write('oracle: @cloud-copilot/iam-simulate is not installed in tests/oracle ' +
                       '(run `make setup`): ' + e.message + '\n');
  process.exit(2);
}

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

function describeErrors(errors) {
  const parts = [errors.message];
  for (const [field, value] of Object.entries(errors)) {
    if (field !== 'message') parts.push(field + '=' + JSON.stringify(value));
  }
  return parts.join(' ').replace(/[\t\n]/g, ' ');
}

async function main() {
  const text = await readAll(process.stdin);
  const lines = text.split('\n').filter((l) => l.length > 0);
  const cases = [];
  for (let i = 0; i < lines.length; i++) {
    try {
      cases.push(JSON.parse(lines[i]));
    } catch (e) {
      process.stderr.write(`oracle: input line ${i + 1} is not JSON: ${e.message}\n`);
      process.exit(3);
    }
  }
  const out = [];
  let elapsed = 0n;
  for (const c of cases) {
    let decision;
    const start = process.hrtime.bigint();
    try {
      const r = await runSimulation(c.simulation, { simulationMode: 'Strict' });
      decision = r.resultType === 'error' ? 'error:' + describeErrors(r.errors) : r.overallResult;
    } catch (e) {
      decision = 'error:exception ' + String(e && e.message).replace(/[\t\n]/g, ' ');
    }
    elapsed += process.hrtime.bigint() - start;
    out.push(c.id + '\t' + decision);
  }
  out.push('elapsed_ms\t' + (Number(elapsed) / 1e6).toFixed(3));
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write('oracle: ' + (e && e.stack ? e.stack : e) + '\n');
  process.exit(3);
});
