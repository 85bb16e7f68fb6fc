// Checks a CycloneDX 1.5 JSON document (tests/cyclonedx_test.cc): the
// official JSON schema through @cyclonedx/cyclonedx-library's strict
// validator, then what a schema cannot say: every bom-ref is unique and
// every reference (dependencies, affects) names one.
//
// Usage: node tests/cyclonedx/validate.mjs FILE
// Exit status: 0 valid; 1 invalid (the problems on stdout as JSON);
// 2 could not check (usage, unreadable file, the library or its optional
// validator packages missing: run `make setup`).
import { readFile } from 'node:fs/promises';

if (process.argv.length !== 3) {
  console.error('usage: node validate.mjs FILE');
  process.exit(2);
}

let CDX;
try {
  CDX = (await import('@cyclonedx/cyclonedx-library')).default;
} catch (err) {
  console.error(`@cyclonedx/cyclonedx-library is missing: run \`make setup\` (${err.message})`);
  process.exit(2);
}

let text;
try {
  text = await readFile(process.argv[2], 'utf-8');
} catch (err) {
  console.error(`cannot read ${process.argv[2]}: ${err.message}`);
  process.exit(2);
}

const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot5);
let schemaErrors;
try {
  schemaErrors = await validator.validate(text);
} catch (err) {
  if (err instanceof CDX.Validation.MissingOptionalDependencyError) {
    console.error(`the JSON validator's packages are missing: run \`make setup\` (${err.message})`);
    process.exit(2);
  }
  throw err;
}
if (schemaErrors !== null) {
  console.log(JSON.stringify({ schema: schemaErrors }, null, 2));
  process.exit(1);
}

// References inside the document.
const bom = JSON.parse(text);
const problems = [];
const refs = new Set();
function declare(ref, where) {
  if (ref === undefined) return;
  if (refs.has(ref)) problems.push(`${where}: bom-ref ${ref} is not unique`);
  refs.add(ref);
}
function visit(components, where) {
  (components ?? []).forEach((c, i) => {
    declare(c['bom-ref'], `${where}[${i}]`);
    visit(c.components, `${where}[${i}].components`);
  });
}
declare(bom.metadata?.component?.['bom-ref'], 'metadata.component');
visit(bom.components, 'components');
(bom.vulnerabilities ?? []).forEach((v, i) => declare(v['bom-ref'], `vulnerabilities[${i}]`));

function resolve(ref, where) {
  if (!refs.has(ref)) problems.push(`${where}: ${ref} names no bom-ref`);
}
const described = new Set();
(bom.dependencies ?? []).forEach((d, i) => {
  resolve(d.ref, `dependencies[${i}].ref`);
  if (described.has(d.ref)) problems.push(`dependencies[${i}]: ${d.ref} is described twice`);
  described.add(d.ref);
  (d.dependsOn ?? []).forEach((r, j) => resolve(r, `dependencies[${i}].dependsOn[${j}]`));
});
(bom.vulnerabilities ?? []).forEach((v, i) => {
  (v.affects ?? []).forEach((a, j) => resolve(a.ref, `vulnerabilities[${i}].affects[${j}].ref`));
});

if (problems.length > 0) {
  console.log(JSON.stringify({ references: problems }, null, 2));
  process.exit(1);
}
