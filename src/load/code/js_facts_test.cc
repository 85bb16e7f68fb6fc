#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "load/code/facts.h"
#include "load/code/syntax.h"

namespace fnwarden::load::code {
namespace {

FileFacts Facts(std::string_view text, Language language = Language::kJavaScript) {
  Tree tree = Parse(language, text);
  EXPECT_TRUE(tree.ok());
  return ExtractJavaScript(tree, language);
}

std::string DumpArg(const ArgValue& v) {
  switch (v.kind) {
    case ArgValue::Kind::kLiteral:
      return "'" + v.text + "'";
    case ArgValue::Kind::kEnvVar:
      return "env:" + v.text;
    case ArgValue::Kind::kUnknown:
      return "?";
  }
  return "";
}

// "v3 @aws-sdk/client-s3 GetObjectCommand 4:9 handler Bucket='b' Key=?".
std::string Dump(const SdkCall& c) {
  std::string out = c.sdk == Sdk::kJsV2 ? "v2 " : c.sdk == Sdk::kJsV3 ? "v3 " : "py ";
  out += c.service + " " + c.operation + " " + std::to_string(c.line) + ":" + std::to_string(c.col);
  if (!c.in_function.empty()) out += " " + c.in_function;
  for (const SdkCall::Arg& a : c.args) out += " " + a.name + "=" + DumpArg(a.value);
  if (!c.statement.empty()) out += " [" + c.statement + "]";
  return out;
}

std::vector<std::string> Calls(const FileFacts& f) {
  std::vector<std::string> out;
  for (const SdkCall& c : f.calls) out.push_back(Dump(c));
  return out;
}

std::vector<std::string> Calls(std::string_view text, Language language = Language::kJavaScript) {
  return Calls(Facts(text, language));
}

// "v2 S3 3", "v3  7" (service unknown).
std::vector<std::string> Dynamics(const FileFacts& f) {
  std::vector<std::string> out;
  for (const DynamicUse& d : f.dynamic) {
    out.push_back(std::string(d.sdk == Sdk::kJsV2 ? "v2 " : "v3 ") + d.service + " " +
                  std::to_string(d.line));
  }
  return out;
}

// "./db#3: save=put x=*" ("dyn#5" for a dynamic import).
std::vector<std::string> Imports(const FileFacts& f) {
  std::vector<std::string> out;
  for (const Import& i : f.imports) {
    std::string s = i.dynamic ? "dyn" : i.specifier;
    s += "#" + std::to_string(i.line) + ":";
    for (const Import::Name& n : i.names) s += " " + n.local + "=" + n.imported;
    out.push_back(s);
  }
  return out;
}

// "handler@2: save db.put".
std::vector<std::string> Defs(const FileFacts& f) {
  std::vector<std::string> out;
  for (const FunctionDef& d : f.functions) {
    std::string s = d.name + "@" + std::to_string(d.line) + ":";
    for (const std::string& c : d.callees) s += " " + c;
    out.push_back(s);
  }
  return out;
}

using Lines = std::vector<std::string>;

// ---------------------------------------------------------------------------

TEST(JsFactsImports, EsmForms) {
  FileFacts f = Facts(
      "import x from 'm1';\n"
      "import { a as b, c } from './m2';\n"
      "import * as ns from '../m3';\n"
      "import 'side';\n"
      "import d, { e } from 'm4';\n"
      "export { h as handler } from './impl';\n"
      "export * from './all';\n");
  EXPECT_EQ(Imports(f), (Lines{"m1#1: x=default", "./m2#2: b=a c=c", "../m3#3: ns=*", "side#4:",
                               "m4#5: d=default e=e", "./impl#6: handler=h", "./all#7:"}));
}

TEST(JsFactsImports, CommonJsAndDynamic) {
  FileFacts f = Facts(
      "const x = require('m1');\n"
      "const { a, b: c } = require('./m2');\n"
      "const y = require('m3').y;\n"
      "require('side');\n"
      "async function f(name) {\n"
      "  const m = await import('./lazy');\n"
      "  require(name);\n"
      "  await import(`./plugins/${name}`);\n"
      "}\n");
  EXPECT_EQ(Imports(f), (Lines{"m1#1: x=*", "./m2#2: a=a c=b", "m3#3: y=y",
                               "side#4:", "./lazy#6: m=*", "dyn#7:", "dyn#8:"}));
  ASSERT_EQ(f.imports.size(), 7u);
  EXPECT_TRUE(f.imports[5].specifier.empty());
}

TEST(JsFactsImports, TypeScriptImportRequire) {
  FileFacts f =
      Facts("import fs = require('fs');\nimport type { S3Client } from '@aws-sdk/client-s3';\n",
            Language::kTypeScript);
  EXPECT_EQ(Imports(f), (Lines{"fs#1: fs=*", "@aws-sdk/client-s3#2: S3Client=S3Client"}));
}

// ---------------------------------------------------------------------------

TEST(JsFactsDefs, DeclarationsAndCallees) {
  FileFacts f = Facts(
      "function save(x) { db.put(x); db.put(x); log(x); }\n"
      "const load = async (id) => { return db.get(id); };\n"
      "const parse = function (s) { return JSON.parse(s); };\n"
      "class Repo {\n"
      "  async find(id) { return this.load(id); }\n"
      "  load(id) { return this.cache.get(id); }\n"
      "  onEvent = (e) => this.find(e);\n"
      "}\n"
      "[1, 2].map((n) => save(n));\n");
  EXPECT_EQ(Defs(f), (Lines{"save@1: db.put log", "load@2: db.get", "parse@3: JSON.parse",
                            "Repo.find@5: Repo.load", "Repo.load@6: this.cache.get",
                            "Repo.onEvent@7: Repo.find"}));
}

TEST(JsFactsDefs, CommonJsExports) {
  FileFacts f = Facts(
      "exports.handler = async (event) => { await work(event); };\n"
      "module.exports.other = function () { helper(); };\n"
      "exports.alias = impl;\n"
      "function impl() { inner(); }\n"
      "module.exports = { main, start: impl, async stop() { halt(); }, wrapped: wrap(impl) };\n");
  EXPECT_EQ(Defs(f), (Lines{"handler@1: work", "other@2: helper", "alias@3: impl", "impl@4: inner",
                            "start@5: impl", "stop@5: halt", "wrapped@5: wrap impl"}));
}

TEST(JsFactsDefs, EsmExports) {
  FileFacts f = Facts(
      "export const handler = async (event) => { await run(event); };\n"
      "export async function worker(e) { await run(e); }\n"
      "export default function main() { start(); }\n"
      "const base = async () => { go(); };\n"
      "export const wrapped = middy(base).use(cors());\n"
      "export { base as entry };\n");
  EXPECT_EQ(Defs(f), (Lines{"handler@1: run", "worker@2: run", "default@3: main", "main@3: start",
                            "base@4: go", "wrapped@5: middy base cors", "entry@6: base"}));
}

TEST(JsFactsDefs, ClassInstancesAndBoundMethods) {
  // Powertools' class handlers, and services held in module-level instances.
  FileFacts f = Facts(
      "class Lambda {\n"
      "  async handler(event) { return svc.create(event); }\n"
      "}\n"
      "class OrderService { create(e) { return save(e); } }\n"
      "const svc = new OrderService();\n"
      "const instance = new Lambda();\n"
      "export const handler = instance.handler.bind(instance);\n"
      "function run(e) { return main.call(this, e); }\n",
      Language::kTypeScript);
  EXPECT_EQ(Defs(f), (Lines{"Lambda.handler@2: OrderService.create", "OrderService.create@4: save",
                            "handler@7: Lambda.handler instance", "run@8: main"}));
}

TEST(JsFactsDefs, AnonymousDefaultExports) {
  EXPECT_EQ(Defs(Facts("export default async (event) => { await go(event); };\n")),
            (Lines{"default@1: go"}));
  EXPECT_EQ(Defs(Facts("const h = () => 1;\nexport default h;\n")),
            (Lines{"h@1:", "default@2: h"}));
  EXPECT_EQ(Defs(Facts("module.exports = async function (e) { run(e); };\n")),
            (Lines{"default@1: run"}));
}

// A call through a dispatch table reaches each function the table holds;
// a literal key reaches that entry only. Entries that are no function, a
// getter, a spread, and tables reassigned or written to reach none.
TEST(JsFactsDefs, CallsThroughDispatchTables) {
  FileFacts f = Facts(
      "import { listOrders } from './orders';\n"
      "import * as audit from './audit';\n"
      "function createOrder(e) { save(e); }\n"
      "const routes = {\n"
      "  create: createOrder, listOrders, remove: (e) => drop(e),\n"
      "  log: audit.record, n: 1, s: 'x', get g() { return createOrder; },\n"
      "  async update(e) { put(e); },\n"
      "};\n"
      "const edited = { a: createOrder };\n"
      "edited.b = listOrders;\n"
      "let swapped = { a: createOrder };\n"
      "swapped = {};\n"
      "const later = { a: createOrder, ...extra };\n"
      "export const byKey = async (event) => routes[event.action](event);\n"
      "export const byLiteral = (event) => { routes.create(event); routes['remove'](event); };\n"
      "export const byName = (event) => {\n"
      "  const fn = routes[event.action];\n"
      "  return fn(event);\n"
      "};\n"
      "export const orElse = (event) => (routes.log ?? createOrder)?.(event);\n"
      "export const notTables = (event, t) => {\n"
      "  t[event.k](event); edited[event.k](event); swapped[event.k](event);\n"
      "  routes.n(event); routes.g(event); later.a(event); routes.missing(event);\n"
      "};\n"
      "export function inner(event) {\n"
      "  const local = { x: createOrder, y: { z: listOrders } };\n"
      "  local.y.z(event);\n"
      "  return (local[event.k])(event);\n"
      "}\n");
  EXPECT_EQ(
      Defs(f),
      (Lines{"createOrder@3: save", "routes.remove@5: drop", "routes.g@6:", "routes.update@7: put",
             "byKey@14: createOrder listOrders routes.remove audit.record routes.update",
             "byLiteral@15: routes.create createOrder routes.remove",
             "byName@16: fn createOrder listOrders routes.remove audit.record routes.update",
             "orElse@20: audit.record createOrder",
             "notTables@21: routes.n routes.g later.a routes.missing",
             "inner@25: local.y.z listOrders createOrder"}));
}

TEST(JsFactsDefs, CallsThroughMaps) {
  FileFacts f = Facts(
      "function a(e) {}\n"
      "function b(e) {}\n"
      "const handlers = new Map([['a', a], ['b', b], ['n', 1]]);\n"
      "const grown = new Map([['a', a]]);\n"
      "grown.set('b', b);\n"
      "exports.handler = async (event) => {\n"
      "  handlers.get(event.type)?.(event);\n"
      "  const one = handlers.get('b');\n"
      "  one(event);\n"
      "  grown.get(event.type)(event);\n"
      "};\n"
      "exports.optional = (event) => handlers.get?.('a')?.(event);\n");
  EXPECT_EQ(Defs(f), (Lines{"a@1:", "b@2:", "handler@6: a b handlers.get one grown.get",
                            "optional@12: a handlers.get"}));
}

// ---------------------------------------------------------------------------

TEST(JsFactsV2, RequireAndNew) {
  EXPECT_EQ(Calls("const AWS = require('aws-sdk');\n"
                  "const s3 = new AWS.S3({ region: 'eu-west-1' });\n"
                  "exports.handler = async (event) => {\n"
                  "  const obj = await s3.getObject({ Bucket: 'in', Key: event.key }).promise();\n"
                  "  await s3.putObject({ Bucket: 'out', Key: 'k', Body: obj.Body }).promise();\n"
                  "  s3.listObjectsV2({ Bucket: 'in' }, (err, data) => {});\n"
                  "};\n"),
            (Lines{"v2 S3 getObject 4:21 handler Bucket='in' Key=?",
                   "v2 S3 putObject 5:9 handler Bucket='out' Key='k'",
                   "v2 S3 listObjectsV2 6:3 handler Bucket='in'"}));
}

TEST(JsFactsV2, ImportFormsAndDocumentClient) {
  EXPECT_EQ(Calls("import AWS from 'aws-sdk';\n"
                  "const ddb = new AWS.DynamoDB.DocumentClient();\n"
                  "ddb.put({ TableName: 'orders', Item: {} });\n"),
            (Lines{"v2 DynamoDB.DocumentClient put 3:1 TableName='orders'"}));
  EXPECT_EQ(
      Calls("import * as AWS from 'aws-sdk';\nnew AWS.SQS().sendMessage({ QueueUrl: 'q' });\n"),
      (Lines{"v2 SQS sendMessage 2:1 QueueUrl='q'"}));
  EXPECT_EQ(
      Calls(
          "const S3 = require('aws-sdk/clients/s3');\nconst s3 = new S3();\ns3.headObject({});\n"),
      (Lines{"v2 S3 headObject 3:1"}));
  EXPECT_EQ(Calls("const { SNS, DynamoDB } = require('aws-sdk');\n"
                  "new SNS().publish({ TopicArn: 't' });\n"
                  "new DynamoDB.DocumentClient().get({ TableName: 'x' });\n"),
            (Lines{"v2 SNS publish 2:1 TopicArn='t'",
                   "v2 DynamoDB.DocumentClient get 3:1 TableName='x'"}));
  // A service missing from the extractor's table: the name the file gives it.
  EXPECT_EQ(Calls("const MediaLive = require('aws-sdk/clients/medialive');\n"
                  "new MediaLive().startChannel({});\n"),
            (Lines{"v2 MediaLive startChannel 2:1"}));
  EXPECT_EQ(Calls("const SecretsManager = require('aws-sdk/clients/secretsmanager');\n"
                  "new SecretsManager().getSecretValue({ SecretId: 's' });\n"),
            (Lines{"v2 SecretsManager getSecretValue 2:1 SecretId='s'"}));
}

TEST(JsFactsV2, NearMisses) {
  // getObject on objects that are no SDK client.
  EXPECT_EQ(Calls("const cache = { getObject(k) { return k; } };\n"
                  "cache.getObject({ Bucket: 'b' });\n"
                  "const store = require('./store');\n"
                  "store.getObject({ Bucket: 'b' });\n"
                  "const AWS = require('aws-sdk');\n"
                  "AWS.config.update({ region: 'x' });\n"
                  "const creds = new AWS.SharedIniFileCredentials();\n"
                  "creds.get(() => {});\n"),
            Lines{});
}

TEST(JsFactsV2, OperationNamedByString) {
  EXPECT_EQ(Calls("const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\n"
                  "const url = s3.getSignedUrl('putObject', { Bucket: 'up', Key: 'k' });\n"),
            (Lines{"v2 S3 putObject 3:13 Bucket='up' Key='k'"}));
}

// ---------------------------------------------------------------------------

TEST(JsFactsV3, SendInlineAndThroughAVariable) {
  EXPECT_EQ(
      Calls("import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';\n"
            "const client = new S3Client({});\n"
            "export const handler = async (event) => {\n"
            "  const out = await client.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));\n"
            "  const cmd = new PutObjectCommand({ Bucket: 'c', Key: event.key });\n"
            "  await client.send(cmd);\n"
            "};\n"),
      (Lines{"v3 @aws-sdk/client-s3 GetObjectCommand 4:33 handler Bucket='b' Key='k'",
             "v3 @aws-sdk/client-s3 PutObjectCommand 5:15 handler Bucket='c' Key=?"}));
}

TEST(JsFactsV3, CommandsComeFromTheirPackage) {
  EXPECT_EQ(
      Calls("const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\n"
            "const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');\n"
            "const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));\n"
            "async function save(item) { await doc.send(new PutCommand({ TableName: 'T', Item: "
            "item })); }\n"),
      (Lines{"v3 @aws-sdk/lib-dynamodb PutCommand 4:44 save TableName='T'"}));
}

TEST(JsFactsV3, AggregatedClients) {
  EXPECT_EQ(Calls("import { S3 } from '@aws-sdk/client-s3';\n"
                  "import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';\n"
                  "import { DynamoDB } from '@aws-sdk/client-dynamodb';\n"
                  "const s3 = new S3({});\n"
                  "const doc = DynamoDBDocument.from(new DynamoDB({}));\n"
                  "await s3.getObject({ Bucket: 'b' });\n"
                  "await doc.put({ TableName: 't' });\n"
                  "s3.destroy();\n"),
            (Lines{"v3 @aws-sdk/client-s3 getObject 6:7 Bucket='b'",
                   "v3 @aws-sdk/lib-dynamodb put 7:7 TableName='t'"}));
}

TEST(JsFactsV3, UploadAndPaginators) {
  EXPECT_EQ(
      Calls("import { Upload } from '@aws-sdk/lib-storage';\n"
            "import { S3Client, paginateListObjectsV2 } from '@aws-sdk/client-s3';\n"
            "const client = new S3Client({});\n"
            "const upload = new Upload({ client, params: { Bucket: 'u', Key: 'k', Body: b } });\n"
            "await upload.done();\n"
            "for await (const page of paginateListObjectsV2({ client }, { Bucket: 'p' })) {}\n"),
      (Lines{"v3 @aws-sdk/lib-storage Upload 4:16 Bucket='u' Key='k'",
             "v3 @aws-sdk/client-s3 paginateListObjectsV2 6:26 Bucket='p'"}));
}

TEST(JsFactsV3, PresignedUrl) {
  EXPECT_EQ(Calls("import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\n"
                  "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';\n"
                  "const url = await getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: "
                  "'b' }));\n"),
            (Lines{"v3 @aws-sdk/client-s3 GetObjectCommand 3:50 Bucket='b'"}));
}

TEST(JsFactsV3, NearMisses) {
  // An object with a `send` method, a socket, and a local class named like
  // a command: none is an SDK call.
  EXPECT_EQ(Calls("import { S3Client } from '@aws-sdk/client-s3';\n"
                  "class GetObjectCommand { constructor(x) {} }\n"
                  "const bus = { send(m) {} };\n"
                  "bus.send({ Bucket: 'b' });\n"
                  "const ws = new WebSocket('wss://x');\n"
                  "ws.send(new GetObjectCommand({ Bucket: 'b' }));\n"
                  "const client = new S3Client({});\n"
                  "client.destroy();\n"
                  "new GetObjectCommand({ Bucket: 'never sent' });\n"),
            Lines{});
}

TEST(JsFactsV3, ClientFromAnotherModule) {
  // A client imported from a local module is unknown; an SDK command sent to
  // it is still an SDK call.
  EXPECT_EQ(Calls("import { client } from './aws';\n"
                  "import { SendMessageCommand } from '@aws-sdk/client-sqs';\n"
                  "await client.send(new SendMessageCommand({ QueueUrl: process.env.Q }));\n"),
            (Lines{"v3 @aws-sdk/client-sqs SendMessageCommand 3:19 QueueUrl=env:Q"}));
  // ... but a non-command sent to it is nothing, not even dynamic.
  FileFacts f = Facts("import { client } from './aws';\nawait client.send(msg);\n");
  EXPECT_TRUE(f.calls.empty());
  EXPECT_TRUE(f.dynamic.empty());
}

// ---------------------------------------------------------------------------

TEST(JsFactsClients, AssignedLaterAndLazySingleton) {
  EXPECT_EQ(Calls("const AWS = require('aws-sdk');\n"
                  "let sqs;\n"
                  "function init() { sqs = new AWS.SQS(); }\n"
                  "exports.handler = async () => { await sqs.sendMessage({ QueueUrl: 'q' "
                  "}).promise(); };\n"),
            (Lines{"v2 SQS sendMessage 4:39 handler QueueUrl='q'"}));
  EXPECT_EQ(Calls("import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';\n"
                  "let cached = null;\n"
                  "function getClient() {\n"
                  "  if (!cached) cached = new SNSClient({});\n"
                  "  return cached;\n"
                  "}\n"
                  "export const handler = () => getClient().send(new PublishCommand({ TopicArn: "
                  "'t' }));\n"),
            (Lines{"v3 @aws-sdk/client-sns PublishCommand 7:47 handler TopicArn='t'"}));
}

TEST(JsFactsClients, ClassFields) {
  EXPECT_EQ(Calls("const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');\n"
                  "const AWS = require('aws-sdk');\n"
                  "class Store {\n"
                  "  ddb = new AWS.DynamoDB();\n"
                  "  constructor() { this.s3 = new S3Client({}); }\n"
                  "  async read(k) { return this.s3.send(new GetObjectCommand({ Bucket: 'b', Key: "
                  "k })); }\n"
                  "  async scan() { return this.ddb.scan({ TableName: 't' }).promise(); }\n"
                  "}\n"),
            (Lines{"v3 @aws-sdk/client-s3 GetObjectCommand 6:39 Store.read Bucket='b' Key=?",
                   "v2 DynamoDB scan 7:25 Store.scan TableName='t'"}));
}

TEST(JsFactsClients, FactoryAndWrappers) {
  EXPECT_EQ(Calls("const AWSXRay = require('aws-xray-sdk-core');\n"
                  "const AWS = AWSXRay.captureAWS(require('aws-sdk'));\n"
                  "const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');\n"
                  "const makeLambda = () => AWSXRay.captureAWSv3Client(new LambdaClient({}));\n"
                  "const lambda = makeLambda();\n"
                  "const kms = new AWS.KMS();\n"
                  "lambda.send(new InvokeCommand({ FunctionName: 'f' }));\n"
                  "kms.decrypt({ KeyId: 'k' });\n"),
            (Lines{"v3 @aws-sdk/client-lambda InvokeCommand 7:13 FunctionName='f'",
                   "v2 KMS decrypt 8:1 KeyId='k'"}));
}

TEST(JsFactsClients, PassedToLocalHelpers) {
  EXPECT_EQ(Calls("import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\n"
                  "async function read(client, key) {\n"
                  "  return client.send(new GetItemCommand({ TableName: 'T', Key: key }));\n"
                  "}\n"
                  "export const handler = async (e) => read(new DynamoDBClient({}), e.key);\n"),
            (Lines{"v3 @aws-sdk/client-dynamodb GetItemCommand 3:22 read TableName='T' Key=?"}));
  // A command given to a helper that sends it: one call per command, where
  // it is built.
  EXPECT_EQ(
      Calls("import { SQSClient, SendMessageCommand, DeleteMessageCommand } from "
            "'@aws-sdk/client-sqs';\n"
            "const sqs = new SQSClient({});\n"
            "const run = (cmd) => sqs.send(cmd);\n"
            "export async function a() { await run(new SendMessageCommand({ QueueUrl: 'q' })); }\n"
            "export async function b() { await run(new DeleteMessageCommand({ QueueUrl: 'q' })); "
            "}\n"),
      (Lines{"v3 @aws-sdk/client-sqs SendMessageCommand 4:39 a QueueUrl='q'",
             "v3 @aws-sdk/client-sqs DeleteMessageCommand 5:39 b QueueUrl='q'"}));
}

// ---------------------------------------------------------------------------

TEST(JsFactsDynamic, ComputedOperationsAndServices) {
  FileFacts f = Facts(
      "const AWS = require('aws-sdk');\n"
      "const { S3Client } = require('@aws-sdk/client-s3');\n"
      "const s3 = new AWS.S3();\n"
      "const v3 = new S3Client({});\n"
      "exports.handler = async (event) => {\n"
      "  await s3[event.op](event.params).promise();\n"
      "  await v3.send(event.command);\n"
      "  const svc = new AWS[event.service]();\n"
      "  await s3['getObject']({ Bucket: 'b' }).promise();\n"
      "};\n");
  EXPECT_EQ(Dynamics(f), (Lines{"v2 S3 6", "v3 @aws-sdk/client-s3 7", "v2  8"}));
  EXPECT_EQ(Calls(f), (Lines{"v2 S3 getObject 9:9 handler Bucket='b'"}));
}

// ---------------------------------------------------------------------------

TEST(JsFactsArgs, LiteralsAndEnvironment) {
  EXPECT_EQ(
      Calls("const AWS = require('aws-sdk');\n"
            "const ddb = new AWS.DynamoDB.DocumentClient();\n"
            "const TABLE = process.env.TABLE;\n"
            "const { QUEUE_URL, TOPIC: topic = 'x' } = process.env;\n"
            "const env = process.env;\n"
            "ddb.get({ TableName: TABLE, IndexName: `by-id`, Key: 'a\\x41\\u{1F600}' });\n"
            "ddb.put({ TableName: process.env['T2'] || 'fallback', Name: process.env.N ?? 'n' });\n"
            "ddb.query({ TableName: QUEUE_URL, Arn: topic, KeyId: env.K, Bucket: "
            "`${process.env.B}` });\n"
            "ddb.scan({ TableName: `t-${stage}`, Key: 1 });\n"),
      (Lines{"v2 DynamoDB.DocumentClient get 6:1 TableName=env:TABLE IndexName='by-id' "
             "Key='aA\xF0\x9F\x98\x80'",
             "v2 DynamoDB.DocumentClient put 7:1 TableName=env:T2 Name=env:N",
             "v2 DynamoDB.DocumentClient query 8:1 TableName=env:QUEUE_URL Arn=env:TOPIC "
             "KeyId=env:K Bucket=env:B",
             "v2 DynamoDB.DocumentClient scan 9:1 TableName=? Key=?"}));
}

TEST(JsFactsArgs, ParamsObjects) {
  EXPECT_EQ(Calls("const AWS = require('aws-sdk');\n"
                  "const sns = new AWS.SNS();\n"
                  "const config = { topic: process.env.TOPIC_ARN };\n"
                  "const base = { TopicArn: 'base' };\n"
                  "const shared = { TopicArn: config.topic };\n"
                  "exports.handler = async () => {\n"
                  "  const TopicArn = 'short';\n"
                  "  const params = { Message: 'm', TopicArn };\n"
                  "  await sns.publish(params).promise();\n"
                  "  await sns.publish(shared).promise();\n"
                  "  await sns.publish({ ...base, Subject: 's' }).promise();\n"
                  "  await sns.publish({ ...base, TopicArn: 'over' }).promise();\n"
                  "};\n"),
            (Lines{"v2 SNS publish 9:9 handler TopicArn='short'",
                   "v2 SNS publish 10:9 handler TopicArn=env:TOPIC_ARN",
                   "v2 SNS publish 11:9 handler TopicArn='base'",
                   "v2 SNS publish 12:9 handler TopicArn='over'"}));
}

TEST(JsFactsArgs, ExecuteStatement) {
  EXPECT_EQ(
      Calls("import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';\n"
            "const AWS = require('aws-sdk');\n"
            "const c = new DynamoDBClient({});\n"
            "const SQL = 'SELECT * FROM \"orders\"';\n"
            "await c.send(new ExecuteStatementCommand({ Statement: SQL }));\n"
            "await new AWS.DynamoDB().executeStatement({ Statement: `DELETE FROM t` }).promise();\n"
            "await new AWS.DynamoDB.DocumentClient().executeStatement({ Statement: q "
            "}).promise();\n"),
      (Lines{"v3 @aws-sdk/client-dynamodb ExecuteStatementCommand 5:14 [SELECT * FROM \"orders\"]",
             "v2 DynamoDB executeStatement 6:7 [DELETE FROM t]",
             "v2 DynamoDB.DocumentClient executeStatement 7:7"}));
}

// ---------------------------------------------------------------------------

TEST(JsFactsTypeScript, AnnotationsAsAndGenerics) {
  EXPECT_EQ(Calls("import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\n"
                  "import type { Context } from 'aws-lambda';\n"
                  "const client: S3Client = new S3Client({}) as S3Client;\n"
                  "const BUCKET: string = process.env.BUCKET!;\n"
                  "export const handler = async (event: any, ctx: Context): Promise<void> => {\n"
                  "  const out = await client!.send<any>(new GetObjectCommand({ Bucket: BUCKET as "
                  "string, Key: <string>event.key }));\n"
                  "};\n",
                  Language::kTypeScript),
            (Lines{"v3 @aws-sdk/client-s3 GetObjectCommand 6:39 handler Bucket=env:BUCKET Key=?"}));
}

TEST(JsFactsTypeScript, TypedParametersAndParameterProperties) {
  EXPECT_EQ(
      Calls("import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';\n"
            "import * as AWS from 'aws-sdk';\n"
            "export class Repo {\n"
            "  constructor(private readonly doc: DynamoDBDocumentClient, private sqs: AWS.SQS) {}\n"
            "  async save(item: Item): Promise<void> {\n"
            "    await this.doc.send(new PutCommand({ TableName: 'items', Item: item }));\n"
            "    await this.sqs.sendMessage({ QueueUrl: 'q', MessageBody: '' }).promise();\n"
            "  }\n"
            "}\n"
            "export async function put(doc: DynamoDBDocumentClient): Promise<void> {\n"
            "  await doc.send(cmd);\n"
            "}\n",
            Language::kTypeScript),
      (Lines{"v3 @aws-sdk/lib-dynamodb PutCommand 6:25 Repo.save TableName='items'",
             "v2 SQS sendMessage 7:11 Repo.save QueueUrl='q'"}));
  FileFacts f = Facts(
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\n"
      "export async function put(doc: DynamoDBDocumentClient, cmd: any) {\n"
      "  await doc.send(cmd);\n"
      "}\n",
      Language::kTypeScript);
  EXPECT_EQ(Dynamics(f), (Lines{"v3 @aws-sdk/lib-dynamodb 3"}));
}

TEST(JsFactsTypeScript, NearMiss) {
  EXPECT_EQ(Calls("interface Sender { send(m: unknown): void }\n"
                  "export function go(s: Sender): void { s.send({ Bucket: 'b' } as unknown); }\n"
                  "const store = { getObject: (p: object) => p };\n"
                  "store.getObject({ Bucket: 'b' });\n",
                  Language::kTypeScript),
            Lines{});
}

TEST(JsFactsTsx, CallsInAComponentFile) {
  EXPECT_EQ(Calls("import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\n"
                  "const s3 = new S3Client({});\n"
                  "export const View = ({ k }: { k: string }) => <div>{k}</div>;\n"
                  "export async function save(k: string) {\n"
                  "  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: k }));\n"
                  "}\n",
                  Language::kTsx),
            (Lines{"v3 @aws-sdk/client-s3 PutObjectCommand 5:17 save Bucket='b' Key=?"}));
}

// ---------------------------------------------------------------------------

TEST(JsFactsRobustness, SyntaxErrorsKeepWhatParsed) {
  FileFacts f = Facts(
      "const AWS = require('aws-sdk');\n"
      "const s3 = new AWS.S3();\n"
      "exports.handler = async (event) => {\n"
      "  await s3.getObject({ Bucket: 'b' }).promise();\n"
      "  if (event.x {\n"
      "};\n");
  EXPECT_NE(f.error_line, 0u);
  EXPECT_FALSE(f.error.empty());
  EXPECT_EQ(Calls(f), (Lines{"v2 S3 getObject 4:9 handler Bucket='b'"}));
  EXPECT_EQ(f.language, Language::kJavaScript);
}

TEST(JsFactsRobustness, FragmentsInEveryGrammar) {
  // Recovered trees miss the children the grammar promises: none may crash,
  // in any of the three grammars, and what is left of the call is read.
  const char* const kFragments[] = {
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\nx = ;",
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\nnew (;",
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\nexports. = 1;",
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\nmodule.exports = ",
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\nclass { m( }",
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\nimport { from ;",
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\nexport default",
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\n({ ...",
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\nconst {a: } = x.",
      "const AWS = require('aws-sdk'); new AWS.S3().getObject({ Bucket: 'b' });\n(a, b) => c.d(",
  };
  for (Language language : {Language::kJavaScript, Language::kTypeScript, Language::kTsx}) {
    for (const char* fragment : kFragments) {
      FileFacts f = Facts(fragment, language);
      EXPECT_NE(f.error_line, 0u) << fragment;
      EXPECT_EQ(Calls(f), (Lines{"v2 S3 getObject 1:33 Bucket='b'"})) << fragment;
    }
  }
}

TEST(JsFactsRobustness, CleanFileHasNoError) {
  FileFacts f = Facts("const x = 1;\n", Language::kTypeScript);
  EXPECT_EQ(f.error_line, 0u);
  EXPECT_TRUE(f.error.empty());
  EXPECT_EQ(f.language, Language::kTypeScript);
}

TEST(JsFactsRobustness, DeepNesting) {
  // 100,000 levels of parentheses and arrays, 50,000 of the others (each
  // level of those is several nodes): no recursion may follow them, and the
  // call at the bottom is still read.
  struct Case {
    const char* open;
    const char* close;
    size_t depth;
  };
  for (const Case& c : {Case{"(", ")", 100'000}, Case{"[", "]", 100'000}, Case{"{a:", "}", 50'000},
                        Case{"() => ", "", 50'000}, Case{"f(", ")", 50'000}}) {
    std::string text = "const AWS = require('aws-sdk');\nconst x = ";
    for (size_t i = 0; i < c.depth; ++i) text += c.open;
    text += "new AWS.S3().getObject({ Bucket: 'deep' })";
    for (size_t i = 0; i < c.depth; ++i) text += c.close;
    text += ";\n";
    FileFacts f = Facts(text);
    ASSERT_EQ(f.calls.size(), 1u) << c.open;
    EXPECT_EQ(f.calls[0].operation, "getObject");
    EXPECT_EQ(f.calls[0].line, 2u);
  }
  // A chain of 50,000 calls.
  std::string chain = "const a = b";
  for (size_t i = 0; i < 50'000; ++i) chain += ".c()";
  chain += ";\n";
  EXPECT_TRUE(Calls(chain).empty());
}

TEST(JsFactsRobustness, NameChainsAreBounded) {
  // Each name refers to the previous one: resolution gives up past its
  // depth bound instead of following 10,000 links.
  std::string text = "const AWS = require('aws-sdk');\nconst c0 = new AWS.S3();\n";
  for (int i = 1; i < 10'000; ++i) {
    text += "const c" + std::to_string(i) + " = c" + std::to_string(i - 1) + ";\n";
  }
  text += "c3.getObject({});\nc9999.getObject({});\n";
  EXPECT_EQ(Calls(text), (Lines{"v2 S3 getObject 10002:1"}));
}

TEST(JsFactsRobustness, LargeAndSelfReferencingTables) {
  // A table of 10,000 functions called through from 10,000 places: each call
  // reaches at most 32 of them.
  std::string text;
  for (int i = 0; i < 10'000; ++i) text += "function f" + std::to_string(i) + "(e) {}\n";
  text += "const T = {";
  for (int i = 0; i < 10'000; ++i)
    text += "k" + std::to_string(i) + ": f" + std::to_string(i) + ", ";
  text += "};\nexports.handler = (event) => {\n";
  for (int i = 0; i < 10'000; ++i) text += "  T[event.k](event);\n";
  text += "};\n";
  FileFacts f = Facts(text);
  const FunctionDef& handler = f.functions.back();
  ASSERT_EQ(handler.name, "handler");
  ASSERT_EQ(handler.callees.size(), 32u);
  EXPECT_EQ(handler.callees.front(), "f0");
  // A table that calls through itself, tables nested in each other, and
  // names bound to each other in a cycle.
  EXPECT_EQ(
      Defs(Facts("const t = { a: (x) => t[k](x), b: { c: { d: { e: (x) => t.b.c.d.e(x) } } } };\n"
                 "const p = q; const q = p;\n"
                 "exports.h = (x) => { t.a(x); p[x](x); t.b.c.d.e(x); };\n")),
      (Lines{"t.a@1: t.a", "h@3: t.a t.b.c.d.e"}));
}

TEST(JsFactsRobustness, NonUtf8Bytes) {
  std::string text =
      "const AWS = require('aws-sdk');\n// \xff\xfe\x80 comment\n"
      "new AWS.S3().getObject({ Bucket: 'b\xc3\x28\xff' });\n";
  EXPECT_EQ(Calls(text), (Lines{"v2 S3 getObject 3:1 Bucket='b\xc3\x28\xff'"}));
  std::string binary(4096, '\0');
  for (size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 37 + 11);
  FileFacts f = Facts(binary);
  EXPECT_TRUE(f.calls.empty());
  EXPECT_NE(f.error_line, 0u);
}

TEST(JsFactsRobustness, EmptyFile) {
  FileFacts f = Facts("");
  EXPECT_TRUE(f.imports.empty());
  EXPECT_TRUE(f.functions.empty());
  EXPECT_TRUE(f.calls.empty());
  EXPECT_EQ(f.error_line, 0u);
}

}  // namespace
}  // namespace fnwarden::load::code
