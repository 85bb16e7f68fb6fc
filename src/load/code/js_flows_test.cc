// Taint summaries and weaknesses of JavaScript and TypeScript code
// (js_flows.cc): every sink, sanitizer and weakness, each with a near miss,
// and the ways a value travels inside a function.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "load/code/facts.h"
#include "load/code/syntax.h"

namespace fnwarden::load::code {
namespace {

using Lines = std::vector<std::string>;

FileFacts Facts(std::string_view text, Language language = Language::kJavaScript) {
  Tree tree = Parse(language, text);
  EXPECT_TRUE(tree.ok());
  return ExtractJavaScript(tree, language);
}

const char* SinkName(model::TaintSink s) {
  static const char* kNames[] = {"command", "code", "sql",  "nosql", "deserialize",
                                 "path",    "url",  "html", "log"};
  return kNames[static_cast<size_t>(s)];
}

const char* WeaknessName(model::CodeWeakness w) {
  static const char* kNames[] = {"secret",        "tls-off",     "weak-hash",  "timing-compare",
                                 "jwt-no-verify", "logs-secret", "stack-trace"};
  return kNames[static_cast<size_t>(w)];
}

// "p0:body" (parameter 0, path body), "c1:" (local call 1), "p0:url!html"
// (cleared for kHtml).
std::string Label(const TaintLabel& l) {
  std::string out = l.kind == TaintLabel::Kind::kParam ? "p" : "c";
  out += std::to_string(l.index) + ":" + l.path;
  for (size_t s = 0; s < model::kTaintSinkCount; ++s) {
    if (l.cleared & (1u << s)) out += std::string("!") + SinkName(static_cast<model::TaintSink>(s));
  }
  return out;
}

std::string Labels(const std::vector<TaintLabel>& labels) {
  std::string out;
  for (const TaintLabel& l : labels) out += (out.empty() ? "" : " ") + Label(l);
  return out;
}

// "handler: command child_process.exec 3:3 <- p0:body", every sink of the file.
Lines Sinks(const FileFacts& f) {
  Lines out;
  for (const FunctionDef& d : f.functions) {
    for (const Sink& s : d.sinks) {
      out.push_back(d.name + ": " + SinkName(s.kind) + " " + s.what + " " + std::to_string(s.line) +
                    ":" + std::to_string(s.col) + " <- " + Labels(s.labels));
    }
  }
  return out;
}

Lines Sinks(std::string_view text, Language language = Language::kJavaScript) {
  return Sinks(Facts(text, language));
}

// "tls-off 2:15 handler: rejectUnauthorized: false".
Lines Weaknesses(const FileFacts& f) {
  Lines out;
  for (const Weakness& w : f.weaknesses) {
    std::string s = std::string(WeaknessName(w.kind)) + " " + std::to_string(w.line) + ":" +
                    std::to_string(w.col) + " " + w.in_function + ": " + w.detail;
    if (!w.name.empty()) s += " [" + w.name + "=" + w.value + "]";
    out.push_back(s);
  }
  return out;
}

Lines Weaknesses(std::string_view text, Language language = Language::kJavaScript) {
  return Weaknesses(Facts(text, language));
}

const FunctionDef* Def(const FileFacts& f, std::string_view name) {
  for (const FunctionDef& d : f.functions) {
    if (d.name == name) return &d;
  }
  ADD_FAILURE() << "no def " << name;
  return nullptr;
}

// "save 4:3 (p0:body | )".
Lines Calls(const FunctionDef& d) {
  Lines out;
  for (const LocalCall& c : d.local_calls) {
    std::string s = c.callee + " " + std::to_string(c.line) + ":" + std::to_string(c.col) + " (";
    for (size_t i = 0; i < c.args.size(); ++i) s += (i ? " | " : "") + Labels(c.args[i]);
    out.push_back(s + ")");
  }
  return out;
}

std::string Params(const FunctionDef& d) {
  std::string out;
  // A destructured parameter is "{}".
  for (const std::string& p : d.params) out += (out.empty() ? "[" : ",") + (p.empty() ? "{}" : p);
  return (out.empty() ? "[" : out) + "]";
}

// ---------------------------------------------------------------------------
// Handlers in every form: parameter names, and what reaches a sink.

TEST(JsFlowsHandlers, EveryFormNamesItsParameters) {
  FileFacts f = Facts(
      "exports.a = async (event) => { eval(event.body); };\n"
      "module.exports.b = function (event, context, callback) { eval(event.body); };\n"
      "export const c = async (event, context) => { eval(event.body); };\n"
      "export async function d(event) { eval(event.body); }\n"
      "export const e = async ({ body, headers: { host } }) => { eval(body + host); };\n"
      "export const g = async (e) => eval(e.body);\n");
  EXPECT_EQ(Params(*Def(f, "a")), "[event]");
  EXPECT_EQ(Params(*Def(f, "b")), "[event,context,callback]");
  EXPECT_EQ(Params(*Def(f, "c")), "[event,context]");
  EXPECT_EQ(Params(*Def(f, "d")), "[event]");
  EXPECT_EQ(Params(*Def(f, "e")), "[{}]");
  EXPECT_EQ(Sinks(f), (Lines{"a: code eval 1:32 <- p0:body", "b: code eval 2:58 <- p0:body",
                             "c: code eval 3:46 <- p0:body", "d: code eval 4:34 <- p0:body",
                             "e: code eval 5:59 <- p0:body p0:headers.host",
                             "g: code eval 6:31 <- p0:body"}));
}

TEST(JsFlowsHandlers, TypeScriptTypesAndCasts) {
  FileFacts f = Facts(
      "import { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';\n"
      "import { exec } from 'child_process';\n"
      "export const handler = async (event: APIGatewayProxyEvent): "
      "Promise<APIGatewayProxyResult> => {\n"
      "  const input = JSON.parse(event.body as string) as { cmd: string };\n"
      "  const cmd: string = input.cmd!;\n"
      "  exec(<string>cmd);\n"
      "  return { statusCode: 200, body: 'ok' };\n"
      "};\n",
      Language::kTypeScript);
  EXPECT_EQ(Params(*Def(f, "handler")), "[event]");
  EXPECT_EQ(Sinks(f), (Lines{"handler: command exec 6:3 <- p0:body.cmd"}));
}

TEST(JsFlowsHandlers, LabelPositionIsTheFirstRead) {
  FileFacts f = Facts(
      "exports.handler = async (event) => {\n"
      "  const url = event.queryStringParameters.url;\n"
      "  await fetch(url);\n"
      "};\n");
  const FunctionDef* d = Def(f, "handler");
  ASSERT_EQ(d->sinks.size(), 1u);
  ASSERT_EQ(d->sinks[0].labels.size(), 1u);
  EXPECT_EQ(d->sinks[0].labels[0].path, "queryStringParameters.url");
  EXPECT_EQ(d->sinks[0].labels[0].line, 2u);
  EXPECT_EQ(d->sinks[0].labels[0].col, 15u);
  EXPECT_EQ(d->sinks[0].line, 3u);
  EXPECT_EQ(d->sinks[0].col, 9u);
}

// ---------------------------------------------------------------------------
// Sinks, each with a near miss.

TEST(JsFlowsSinks, Command) {
  EXPECT_EQ(
      Sinks("const cp = require('child_process');\n"
            "const { execSync, spawn } = require('child_process');\n"
            "exports.handler = async (event) => {\n"
            "  cp.exec('ls ' + event.dir);\n"
            "  execSync(`tar ${event.file}`);\n"
            "  spawn(event.cmd, [], { shell: true });\n"
            "  spawn('convert', [event.file]);\n"  // ok: no shell
            "  cp.exec('ls /tmp');\n"              // ok: a literal
            "  require('child_process').exec(event.x);\n"
            "};\n"),
      (Lines{"handler: command cp.exec 4:3 <- p0:dir", "handler: command execSync 5:3 <- p0:file",
             "handler: command spawn 6:3 <- p0:cmd",
             "handler: command require('child_process').exec 9:3 <- p0:x"}));
}

TEST(JsFlowsSinks, Code) {
  EXPECT_EQ(
      Sinks("const vm = require('vm');\n"
            "exports.handler = async (event) => {\n"
            "  eval(event.a);\n"
            "  new Function('x', event.b);\n"
            "  vm.runInNewContext(event.c, {});\n"
            "  new vm.Script(event.d);\n"
            "  setTimeout(event.e, 10);\n"
            "  setTimeout(() => go(event.f), 10);\n"  // ok: a function
            "  eval('1 + 1');\n"                      // ok: a literal
            "};\n"),
      (Lines{"handler: code eval 3:3 <- p0:a", "handler: code new Function 4:3 <- p0:b",
             "handler: code vm.runInNewContext 5:3 <- p0:c",
             "handler: code new vm.Script 6:3 <- p0:d", "handler: code setTimeout 7:3 <- p0:e"}));
}

TEST(JsFlowsSinks, Sql) {
  EXPECT_EQ(Sinks("const { Pool } = require('pg');\n"
                  "const pool = new Pool();\n"
                  "exports.handler = async (event) => {\n"
                  "  const id = event.pathParameters.id;\n"
                  "  await pool.query(`SELECT * FROM t WHERE id = ${id}`);\n"
                  "  await knex.raw('SELECT ' + id);\n"
                  "  await sequelize.query(id);\n"
                  "  await prisma.$queryRawUnsafe('DELETE ' + id);\n"
                  "  await pool.query('SELECT * FROM t WHERE id = $1', [id]);\n"  // ok
                  "  await pool.query({ text: 'SELECT $1', values: [id] });\n"    // ok
                  "  await prisma.$queryRaw`SELECT ${id}`;\n"                     // ok
                  "};\n"),
            (Lines{"handler: sql pool.query 5:9 <- p0:pathParameters.id",
                   "handler: sql knex.raw 6:9 <- p0:pathParameters.id",
                   "handler: sql sequelize.query 7:9 <- p0:pathParameters.id",
                   "handler: sql prisma.$queryRawUnsafe 8:9 <- p0:pathParameters.id"}));
}

TEST(JsFlowsSinks, DocumentClientQueryIsNotSql) {
  EXPECT_EQ(Sinks("const AWS = require('aws-sdk');\n"
                  "const db = new AWS.DynamoDB.DocumentClient();\n"
                  "exports.handler = async (event, ctx, client) => {\n"
                  "  const params = { TableName: 't', KeyConditionExpression: 'pk = :p',\n"
                  "    ExpressionAttributeValues: { ':p': event.id } };\n"
                  "  await db.query(params).promise();\n"
                  "  await client.query(params);\n"
                  "};\n"),
            Lines{});
}

TEST(JsFlowsSinks, NoSql) {
  EXPECT_EQ(
      Sinks(
          "const AWS = require('aws-sdk');\n"
          "const { DynamoDBDocumentClient, QueryCommand, ExecuteStatementCommand } =\n"
          "  require('@aws-sdk/lib-dynamodb');\n"
          "const db = new AWS.DynamoDB.DocumentClient();\n"
          "const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));\n"
          "exports.handler = async (event) => {\n"
          "  await db.scan({ TableName: 't', FilterExpression: `a = ${event.f}` }).promise();\n"
          "  const params = { TableName: 't' };\n"
          "  params.UpdateExpression = 'SET ' + event.field + ' = :v';\n"
          "  await db.update(params).promise();\n"
          "  await doc.send(new ExecuteStatementCommand({ Statement: \"SELECT * FROM t "
          "WHERE a = '\" + event.a + \"'\" }));\n"
          "  await doc.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'pk = :p',\n"
          "    ExpressionAttributeValues: { ':p': event.id } }));\n"  // ok: a value
          "};\n"),
      (Lines{"handler: nosql scan 7:9 <- p0:f", "handler: nosql update 10:9 <- p0:field",
             "handler: nosql ExecuteStatementCommand 11:18 <- p0:a"}));
}

TEST(JsFlowsSinks, Deserialize) {
  EXPECT_EQ(Sinks("const serialize = require('node-serialize');\n"
                  "const yaml = require('js-yaml');\n"
                  "const { deepDeserialize } = require('funcster');\n"
                  "exports.handler = async (event) => {\n"
                  "  serialize.unserialize(event.body);\n"
                  "  deepDeserialize(event.body);\n"
                  "  yaml.load(event.body, { schema: yaml.DEFAULT_FULL_SCHEMA });\n"
                  "  yaml.load(event.body);\n"   // ok: js-yaml 4 is safe
                  "  JSON.parse(event.body);\n"  // ok
                  "};\n"),
            (Lines{"handler: deserialize serialize.unserialize 5:3 <- p0:body",
                   "handler: deserialize deepDeserialize 6:3 <- p0:body",
                   "handler: deserialize yaml.load 7:3 <- p0:body"}));
}

TEST(JsFlowsSinks, Path) {
  EXPECT_EQ(Sinks("import fs from 'fs';\n"
                  "import { readFile } from 'node:fs/promises';\n"
                  "import path from 'path';\n"
                  "export const handler = async (event) => {\n"
                  "  fs.readFileSync('/tmp/' + event.name);\n"
                  "  await readFile(event.name);\n"
                  "  await fs.promises.unlink(event.name);\n"
                  "  fs.readFileSync('/tmp/' + path.basename(event.name));\n"  // ok: basename
                  "  fs.readFileSync('/etc/config');\n"                        // ok
                  "};\n"
                  "app.get('/f', (req, res) => res.sendFile(req.query.f));\n"),
            (Lines{"handler: path fs.readFileSync 5:3 <- p0:name",
                   "handler: path readFile 6:9 <- p0:name",
                   "handler: path fs.promises.unlink 7:9 <- p0:name"}));
}

TEST(JsFlowsSanitizers, RemovingSlashesClearsPaths) {
  EXPECT_EQ(Sinks("import fs from 'fs';\n"
                  "export const handler = async (event) => {\n"
                  "  const key = event.Records[0].s3.object.key;\n"
                  "  fs.writeFileSync('/tmp/' + key.replaceAll('/', ''), '');\n"  // ok
                  "  fs.writeFileSync('/tmp/' + key.replace(/\\//g, '_'), '');\n"  // ok
                  "  fs.writeFileSync('/tmp/' + key.replace('/', ''), '');\n"  // only the first
                  "  fs.writeFileSync('/tmp/' + key.replaceAll('../', ''), '');\n"
                  "};\n"),
            (Lines{"handler: path fs.writeFileSync 6:3 <- p0:Records[].s3.object.key",
                   "handler: path fs.writeFileSync 7:3 <- p0:Records[].s3.object.key"}));
}

TEST(JsFlowsSinks, PathInAnExpressRoute) {
  EXPECT_EQ(Sinks("function route(req, res) { res.sendFile(req.query.f); }\n"),
            (Lines{"route: path res.sendFile 1:28 <- p0:query.f"}));
}

TEST(JsFlowsSinks, Url) {
  EXPECT_EQ(
      Sinks("const axios = require('axios');\n"
            "const https = require('https');\n"
            "const got = require('got');\n"
            "exports.handler = async (event) => {\n"
            "  const { url } = JSON.parse(event.body);\n"
            "  await fetch(url);\n"
            "  await fetch(new Request(url));\n"
            "  await axios.get(url);\n"
            "  await axios({ method: 'get', url });\n"
            "  https.get(url, () => {});\n"
            "  await got(url);\n"
            "  await fetch('https://example.com/' + encodeURIComponent(url));\n"  // ok
            "  await axios.post('https://example.com', { data: url });\n"         // ok
            "};\n"),
      (Lines{"handler: url fetch 6:9 <- p0:body.url",
             "handler: url new Request 7:15 <- p0:body.url",
             "handler: url fetch 7:9 <- p0:body.url", "handler: url axios.get 8:9 <- p0:body.url",
             "handler: url axios 9:9 <- p0:body.url", "handler: url https.get 10:3 <- p0:body.url",
             "handler: url got 11:9 <- p0:body.url"}));
}

TEST(JsFlowsSinks, HtmlResponse) {
  EXPECT_EQ(
      Sinks("exports.a = async (event) => {\n"
            "  const name = event.queryStringParameters.name;\n"
            "  return { statusCode: 200, body: `<h1>Hello ${name}</h1>` };\n"
            "};\n"
            "exports.b = (event, context, callback) => {\n"
            "  callback(null, { statusCode: 200, headers: { 'Content-Type': 'text/html; "
            "charset=utf-8' },\n"
            "    body: event.body });\n"
            "};\n"
            "exports.c = async (event) => ({ statusCode: 200, body: JSON.stringify(event.body) "
            "});\n"  // ok: JSON
            "exports.d = async (event) => {\n"
            "  const html = '<p>' + escapeHtml(event.q) + '</p>';\n"
            "  return { statusCode: 200, body: html };\n"
            "};\n"
            "const escapeHtml = require('escape-html');\n"
            "function route(req, res) { res.send(`<p>${req.query.q}</p>`); }\n"),
      (Lines{"a: html response body 3:35 <- p0:queryStringParameters.name",
             "b: html response body 7:11 <- p0:body", "route: html res.send 15:28 <- p0:query.q"}));
}

TEST(JsFlowsSinks, Log) {
  EXPECT_EQ(Sinks("const logger = require('./logger');\n"
                  "exports.handler = async (event) => {\n"
                  "  console.log('event', JSON.stringify(event));\n"
                  "  logger.info({ body: event.body });\n"
                  "  this.appLogger.warn(event.x);\n"
                  "  catalog.error(event.y);\n"  // ok: not a logger
                  "  console.log('start');\n"    // ok
                  "};\n"),
            (Lines{"handler: log console.log 3:3 <- p0:", "handler: log logger.info 4:3 <- p0:body",
                   "handler: log this.appLogger.warn 5:3 <- p0:x"}));
}

// ---------------------------------------------------------------------------
// Sanitizers.

TEST(JsFlowsSanitizers, CastsDropTheLabel) {
  EXPECT_EQ(Sinks("exports.handler = async (event) => {\n"
                  "  const n = Number(event.n);\n"
                  "  const m = parseInt(event.m, 10);\n"
                  "  const f = parseFloat(event.f);\n"
                  "  const b = Boolean(event.b);\n"
                  "  eval(n + m + f + b);\n"
                  "  eval(event.n.length);\n"
                  "  eval(typeof event.n);\n"
                  "};\n"),
            Lines{});
}

TEST(JsFlowsSanitizers, AllowListsClearTheName) {
  EXPECT_EQ(Sinks("const ALLOWED = ['ls', 'pwd'];\n"
                  "const { execSync } = require('child_process');\n"
                  "exports.handler = async (event) => {\n"
                  "  const a = event.a, b = event.b, c = event.c, d = event.d;\n"
                  "  if (!ALLOWED.includes(a)) throw new Error('no');\n"
                  "  execSync(a);\n"
                  "  if (new Set(['x']).has(b)) execSync(b);\n"
                  "  if (c === 'status') execSync(c);\n"
                  "  if (event.e.includes(d)) execSync(d);\n"  // not an allow-list
                  "};\n"),
            (Lines{"handler: command execSync 9:28 <- p0:d"}));
}

TEST(JsFlowsSanitizers, ClearOneKind) {
  FileFacts f = Facts(
      "const { quote } = require('shell-quote');\n"
      "const { execSync } = require('child_process');\n"
      "const path = require('path');\n"
      "const he = require('he');\n"
      "exports.handler = async (event) => {\n"
      "  execSync('ls ' + quote([event.dir]));\n"
      "  const safe = encodeURIComponent(event.q);\n"
      "  await fetch('https://x/' + safe);\n"
      "  execSync('echo ' + safe);\n"
      "  const file = path.basename(event.f);\n"
      "  require('fs').readFileSync(file);\n"
      "  execSync(file);\n"
      "  return { body: `<p>${he.encode(event.h)}</p>` };\n"
      "};\n");
  EXPECT_EQ(Sinks(f), (Lines{"handler: command execSync 9:3 <- p0:q!path!url!html",
                             "handler: command execSync 12:3 <- p0:f!path"}));
  EXPECT_EQ(Labels(Def(f, "handler")->returns), "p0:h!html");
}

// ---------------------------------------------------------------------------
// Propagation.

TEST(JsFlowsPropagation, AssignmentsOverwrite) {
  EXPECT_EQ(Sinks("exports.handler = async (event) => {\n"
                  "  let q = event.q;\n"
                  "  q = 'fixed';\n"
                  "  eval(q);\n"
                  "  let r = 'x';\n"
                  "  r += event.r;\n"
                  "  eval(r);\n"
                  "};\n"),
            (Lines{"handler: code eval 7:3 <- p0:r"}));
}

TEST(JsFlowsPropagation, ContainersAndStringBuilding) {
  EXPECT_EQ(Sinks("exports.handler = async (event) => {\n"
                  "  const parts = ['a', event.a];\n"
                  "  const obj = { k: event.b, ...event.c };\n"
                  "  eval(parts.join(' '));\n"
                  "  eval(JSON.stringify(obj));\n"
                  "  eval('x'.concat(event.d.trim().toLowerCase()));\n"
                  "  eval(Buffer.from(event.e, 'base64').toString());\n"
                  "  eval(decodeURIComponent(event.f).split(',')[0]);\n"
                  "};\n"),
            (Lines{"handler: code eval 4:3 <- p0:a", "handler: code eval 5:3 <- p0:b p0:c",
                   "handler: code eval 6:3 <- p0:d", "handler: code eval 7:3 <- p0:e",
                   "handler: code eval 8:3 <- p0:f[]"}));
}

TEST(JsFlowsPropagation, PathsOfFieldsAndParsing) {
  EXPECT_EQ(Sinks("exports.handler = async (event) => {\n"
                  "  const body = JSON.parse(event['body']);\n"
                  "  eval(body.user.name);\n"
                  "  eval(event?.headers?.['x-cmd']);\n"
                  "  eval(event.Records[0].s3.object.key);\n"
                  "  eval(event.body[event.k]);\n"
                  "  eval(event.a.b.c.d.e.f.g.h.i.j);\n"
                  "};\n"),
            (Lines{"handler: code eval 3:3 <- p0:body.user.name",
                   "handler: code eval 4:3 <- p0:headers.x-cmd",
                   "handler: code eval 5:3 <- p0:Records[].s3.object.key",
                   "handler: code eval 6:3 <- p0:body.*",
                   "handler: code eval 7:3 <- p0:a.b.c.d.e.f.g.h"}));
}

TEST(JsFlowsPropagation, Destructuring) {
  EXPECT_EQ(Sinks("exports.handler = async (event) => {\n"
                  "  const { body, headers: { host }, pathParameters: { id } = {} } = event;\n"
                  "  const [first] = event.items;\n"
                  "  eval(body + host + id + first);\n"
                  "};\n"
                  "exports.other = async ({ Records: [record] }) => { eval(record.body); };\n"),
            (Lines{"handler: code eval 4:3 <- p0:body p0:headers.host p0:pathParameters.id "
                   "p0:items[]",
                   "other: code eval 6:52 <- p0:Records[].body"}));
}

TEST(JsFlowsPropagation, LoopsAndCallbacksOverRecords) {
  EXPECT_EQ(Sinks("exports.handler = async (event) => {\n"
                  "  for (const record of event.Records) eval(record.body);\n"
                  "  event.Records.forEach((r) => eval(r.s3.object.key));\n"
                  "  const keys = event.Records.map(({ dynamodb }) => dynamodb.Keys);\n"
                  "  eval(keys);\n"
                  "  for (const k in event.detail) eval(k);\n"
                  "};\n"),
            (Lines{"handler: code eval 2:39 <- p0:Records[].body",
                   "handler: code eval 3:32 <- p0:Records[].s3.object.key",
                   "handler: code eval 5:3 <- p0:Records p0:Records[].dynamodb.Keys",
                   "handler: code eval 6:33 <- p0:detail.*"}));
}

TEST(JsFlowsPropagation, LocalCallsAndReturns) {
  FileFacts f = Facts(
      "const db = require('./db');\n"
      "const { render } = require('./view');\n"
      "function normalise(s, n) { return s.trim(); }\n"
      "exports.handler = async (event) => {\n"
      "  const name = normalise(event.name, 3);\n"
      "  const row = await db.load(name, { id: event.id });\n"
      "  await s3.putObject({ Bucket: 'b', Body: event.body }).promise();\n"
      "  return render(row);\n"
      "};\n");
  const FunctionDef* h = Def(f, "handler");
  EXPECT_EQ(Calls(*h), (Lines{"normalise 5:16 (p0:name | )", "db.load 6:21 (c0: | p0:id)",
                              "render 8:10 (c1:)"}));
  EXPECT_EQ(Labels(h->returns), "c2:");
  const FunctionDef* n = Def(f, "normalise");
  EXPECT_EQ(Params(*n), "[s,n]");
  EXPECT_EQ(Labels(n->returns), "p0:");
  EXPECT_TRUE(n->local_calls.empty());
}

TEST(JsFlowsPropagation, MethodsAndAliases) {
  FileFacts f = Facts(
      "class Repo {\n"
      "  find(id) { return this.load(id); }\n"
      "  load(id) { return require('fs').readFileSync(id); }\n"
      "}\n"
      "async function main(event, context) { return event.body; }\n"
      "exports.handler = main;\n"
      "export default main;\n");
  EXPECT_EQ(Calls(*Def(f, "Repo.find")), (Lines{"Repo.load 2:21 (p0:)"}));
  EXPECT_EQ(Sinks(f), (Lines{"Repo.load: path require('fs').readFileSync 3:21 <- p0:"}));
  for (std::string_view alias : {"handler", "default"}) {
    const FunctionDef* d = Def(f, alias);
    EXPECT_EQ(Params(*d), "[event,context]");
    EXPECT_EQ(Calls(*d), (Lines{"main " + std::to_string(d->line) + ":1 (p0: | p1:)"}));
    EXPECT_EQ(Labels(d->returns), "c0:");
  }
}

TEST(JsFlowsPropagation, GetAndCall) {
  FileFacts f = Facts(
      "function main(e) { return e; }\n"
      "exports.handler = async function (event) {\n"
      "  const params = new URLSearchParams(event.rawQueryString);\n"
      "  eval(params.get('q'));\n"
      "  return main.call(this, event.detail);\n"
      "};\n");
  const FunctionDef* h = Def(f, "handler");
  EXPECT_EQ(Sinks(f), (Lines{"handler: code eval 4:3 <- p0:rawQueryString.q"}));
  EXPECT_EQ(Calls(*h), (Lines{"main 5:10 (p0:detail)"}));
  EXPECT_EQ(Labels(h->returns), "c0:");
}

// A call through a dispatch table is a local call of each function the
// table may give, with the call's arguments; its result is theirs, and the
// arguments for a library function.
TEST(JsFlowsPropagation, CallsThroughDispatchTables) {
  FileFacts f = Facts(
      "const { exec } = require('child_process');\n"
      "const { listOrders } = require('./orders');\n"
      "function createOrder(e) { exec(`convert ${e.body}`); }\n"
      "const routes = { create: createOrder, listOrders, remove: (e) => e.id, run: exec };\n"
      "export const handler = async (event) => {\n"
      "  const fn = routes[event.action];\n"
      "  const out = await fn(event.detail, 1);\n"
      "  routes.create(event);\n"
      "  return out;\n"
      "};\n");
  const FunctionDef* h = Def(f, "handler");
  EXPECT_EQ(Calls(*h), (Lines{"createOrder 7:21 (p0:detail | )", "listOrders 7:21 (p0:detail | )",
                              "routes.remove 7:21 (p0:detail | )", "createOrder 8:3 (p0:)"}));
  EXPECT_EQ(Labels(h->returns), "c0: c1: c2: p0:detail");
  EXPECT_EQ(Sinks(f), (Lines{"createOrder: command exec 3:27 <- p0:body"}));
}

TEST(JsFlowsPropagation, WrappedHandler) {
  FileFacts f = Facts(
      "const middy = require('@middy/core');\n"
      "export const handler = middy(async (event) => {\n"
      "  eval(event.body);\n"
      "}).use(jsonBodyParser());\n");
  EXPECT_EQ(Params(*Def(f, "handler")), "[event]");
  EXPECT_EQ(Sinks(f), (Lines{"handler: code eval 3:3 <- p0:body"}));
}

TEST(JsFlowsPropagation, CallbackReturnsAndHandlersReturn) {
  FileFacts f = Facts(
      "exports.handler = (event, context, callback) => {\n"
      "  const items = event.items.map((i) => { return i.id; });\n"
      "  callback(null, { statusCode: 200, body: JSON.stringify(event.q) });\n"
      "};\n");
  EXPECT_EQ(Labels(Def(f, "handler")->returns), "p0:q");
}

// ---------------------------------------------------------------------------
// Weaknesses.

TEST(JsFlowsWeaknesses, Secrets) {
  EXPECT_EQ(Weaknesses("const apiKey = 'sk_live_1234567890';\n"
                       "const short = 'abc';\n"      // ok: too short
                       "const t = `Bearer ${x}`;\n"  // ok: a template
                       "function f() {\n"
                       "  const cfg = { password: \"hunter2hunter2\" };\n"
                       "  this.token = 'tok\\x41123456789';\n"
                       "}\n"),
            (Lines{"secret 1:16 : apiKey = '...' [apiKey=sk_live_1234567890]",
                   "secret 5:27 f: password = '...' [password=hunter2hunter2]",
                   "secret 6:16 f: token = '...' [token=tokA123456789]"}));
}

TEST(JsFlowsWeaknesses, TlsOff) {
  EXPECT_EQ(
      Weaknesses("const https = require('https');\n"
                 "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n"
                 "const agent = new https.Agent({ rejectUnauthorized: false });\n"
                 "function f() { return request({ url: u, strictSSL: false }); }\n"
                 "const ok = new https.Agent({ rejectUnauthorized: true });\n"),
      (Lines{"tls-off 2:1 : process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'",
             "tls-off 3:33 : rejectUnauthorized: false", "tls-off 4:41 f: strictSSL: false"}));
}

TEST(JsFlowsWeaknesses, WeakHash) {
  EXPECT_EQ(Weaknesses("const crypto = require('crypto');\n"
                       "function f(user, body, token) {\n"
                       "  crypto.createHash('md5').update(user.password).digest('hex');\n"
                       "  const h = crypto.createHash('sha1');\n"
                       "  h.update(token);\n"
                       "  crypto.createHash('sha256').update(body).digest('hex');\n"   // ok
                       "  crypto.createHash('sha256').update(token).digest('hex');\n"  // ok
                       "  crypto.scryptSync(user.password, salt, 64);\n"               // ok
                       "}\n"),
            (Lines{"weak-hash 3:3 f: crypto.createHash('md5').update(user.password)",
                   "weak-hash 5:3 f: h.update(token)"}));
}

TEST(JsFlowsWeaknesses, TimingCompare) {
  EXPECT_EQ(Weaknesses("function f(event, expected) {\n"
                       "  if (event.headers['x-api-key'] === process.env.API_KEY) go();\n"
                       "  if (signature !== expected) fail();\n"
                       "  if (token === null || token === undefined || token === '') no();\n"  // ok
                       "  if (typeof token === 'string' && token.length === 32) ok();\n"       // ok
                       "  if (crypto.timingSafeEqual(a, b)) ok();\n"                           // ok
                       "  if (user.name === expected) ok();\n"                                 // ok
                       "  if (secretStep === 'createSecret') ok();\n"                          // ok
                       "  if (token === 'x9f2-a8b1-77qq') no();\n"
                       "}\n"),
            (Lines{"timing-compare 2:7 f: event.headers['x-api-key'] === process.env.API_KEY",
                   "timing-compare 3:7 f: signature !== expected",
                   "timing-compare 9:7 f: token === 'x9f2-a8b1-77qq'"}));
}

TEST(JsFlowsWeaknesses, JwtNoVerify) {
  EXPECT_EQ(Weaknesses("const jwt = require('jsonwebtoken');\n"
                       "import { decodeJwt } from 'jose';\n"
                       "function f(token, key) {\n"
                       "  const claims = jwt.decode(token);\n"
                       "  jwt.verify(token, key, { algorithms: ['HS256', 'none'] });\n"
                       "  decodeJwt(token);\n"
                       "  jwt.verify(token, key, { algorithms: ['RS256'] });\n"  // ok
                       "  other.decode(token);\n"                                // ok
                       "}\n"),
            (Lines{"jwt-no-verify 4:18 f: jwt.decode(token) without verify",
                   "jwt-no-verify 5:3 f: jwt.verify(token, key, { algorithms: ['HS256', 'none'] })",
                   "jwt-no-verify 6:3 f: decodeJwt(token) without verify"}));
}

TEST(JsFlowsWeaknesses, LogsSecret) {
  EXPECT_EQ(Weaknesses("function f(event, user) {\n"
                       "  console.log('pw', user.password);\n"
                       "  logger.debug(`auth ${event.headers.Authorization}`);\n"
                       "  console.info(JSON.stringify({ apiKey }));\n"
                       "  console.log(tokenCount, user.secretName, user.token_id);\n"  // ok
                       "}\n"),
            (Lines{"logs-secret 2:3 f: console.log('pw', user.password)",
                   "logs-secret 3:3 f: logger.debug(`auth ${event.headers.Authorization}`)",
                   "logs-secret 4:3 f: console.info(JSON.stringify({ apiKey }))"}));
}

TEST(JsFlowsWeaknesses, StackTrace) {
  EXPECT_EQ(
      Weaknesses("exports.a = async (event) => {\n"
                 "  try { go(); } catch (err) {\n"
                 "    return { statusCode: 500, body: JSON.stringify({ error: err.stack }) };\n"
                 "  }\n"
                 "};\n"
                 "exports.b = async (event) => {\n"
                 "  try { go(); } catch (e) {\n"
                 "    console.error(e.stack);\n"                       // ok: a log
                 "    return { statusCode: 500, body: e.message };\n"  // ok
                 "  }\n"
                 "};\n"
                 "function route(req, res) {\n"
                 "  run().catch((error) => res.status(500).send(error.stack));\n"
                 "}\n"),
      (Lines{"stack-trace 3:12 a: err.stack in the response",
             "stack-trace 13:26 route: error.stack in the response"}));
}

// ---------------------------------------------------------------------------
// Hostile input.

TEST(JsFlowsHostile, DeeplyNestedExpression) {
  std::string text = "exports.handler = async (event) => { eval(";
  for (int i = 0; i < 10000; ++i) text += "(event.a + ";
  text += "1";
  for (int i = 0; i < 10000; ++i) text += ")";
  text += "); };\n";
  FileFacts f = Facts(text);
  EXPECT_EQ(Params(*Def(f, "handler")), "[event]");
  for (const FunctionDef& d : f.functions) {
    for (const Sink& s : d.sinks) EXPECT_LE(s.labels.size(), 8u);
  }
}

TEST(JsFlowsHostile, DeeplyNestedStatements) {
  std::string text = "exports.handler = async (event) => {";
  for (int i = 0; i < 5000; ++i) text += "if (x) {";
  text += "eval(event.a);";
  for (int i = 0; i < 5000; ++i) text += "}";
  text += "};\n";
  FileFacts f = Facts(text, Language::kTypeScript);
  EXPECT_EQ(Params(*Def(f, "handler")), "[event]");
}

TEST(JsFlowsHostile, NonUtf8Bytes) {
  std::string text =
      "const k\xff = '\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7';\n"
      "exports.handler = async (event) => { eval(event['\xc3\x28']); };\n";
  FileFacts f = Facts(text);
  EXPECT_EQ(Sinks(f), (Lines{"handler: code eval 2:38 <- p0:\xc3\x28"}));
}

TEST(JsFlowsHostile, ManyLabelsAndCallsAreCapped) {
  std::string text = "function helper() {}\nexports.handler = async (event) => {\n  eval(";
  for (int i = 0; i < 20; ++i) text += "event.f" + std::to_string(i) + " + ";
  text += "1);\n";
  for (int i = 0; i < 300; ++i) text += "  helper(event.x);\n";
  text += "};\n";
  FileFacts f = Facts(text);
  const FunctionDef* h = Def(f, "handler");
  ASSERT_EQ(h->sinks.size(), 1u);
  EXPECT_EQ(h->sinks[0].labels.size(), 8u);
  EXPECT_EQ(h->local_calls.size(), 256u);
}

}  // namespace
}  // namespace fnwarden::load::code
