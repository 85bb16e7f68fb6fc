// Taint summaries and weaknesses of Python files (python_flows.cc): each
// test states every sink, label and weakness it expects, so an unexpected
// one fails too.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "load/code/facts.h"
#include "load/code/syntax.h"

namespace fnwarden::load::code {
namespace {

using Lines = std::vector<std::string>;

FileFacts Facts(const std::string& text) {
  Tree tree = Parse(Language::kPython, text);
  EXPECT_TRUE(tree.ok());
  return ExtractPython(tree);
}

const FunctionDef& Fn(const FileFacts& f, const std::string& name) {
  for (const FunctionDef& d : f.functions) {
    if (d.name == name) return d;
  }
  ADD_FAILURE() << "no function " << name;
  static const FunctionDef kNone;
  return kNone;
}

// "p0:body@3:12", "c1:url@4:9"; "~5" for the bits cleared.
std::string Label(const TaintLabel& l) {
  std::string out = (l.kind == TaintLabel::Kind::kParam ? "p" : "c") + std::to_string(l.index) +
                    ":" + l.path + "@" + std::to_string(l.line) + ":" + std::to_string(l.col);
  if (l.cleared != 0) out += "~" + std::to_string(l.cleared);
  return out;
}

std::string LabelList(const std::vector<TaintLabel>& labels) {
  std::string out;
  for (const TaintLabel& l : labels) out += (out.empty() ? "" : " ") + Label(l);
  return out;
}

const char* SinkName(model::TaintSink k) {
  static const char* kNames[] = {"command", "code", "sql",  "nosql", "deserialize",
                                 "path",    "url",  "html", "log"};
  return kNames[static_cast<int>(k)];
}

// "command os.system 4:5 <- p0:cmd@3:11".
Lines Sinks(const FunctionDef& d) {
  Lines out;
  for (const Sink& s : d.sinks) {
    out.push_back(std::string(SinkName(s.kind)) + " " + s.what + " " + std::to_string(s.line) +
                  ":" + std::to_string(s.col) + " <- " + LabelList(s.labels));
  }
  return out;
}

Lines SinksOf(const std::string& text, const std::string& fn = "handler") {
  FileFacts f = Facts(text);
  return Sinks(Fn(f, fn));
}

// "save 5:5 (p0:body@5:10 | )".
Lines Calls(const FunctionDef& d) {
  Lines out;
  for (const LocalCall& c : d.local_calls) {
    std::string s = c.callee + " " + std::to_string(c.line) + ":" + std::to_string(c.col) + " (";
    for (size_t i = 0; i < c.args.size(); ++i) s += (i ? " | " : "") + LabelList(c.args[i]);
    out.push_back(s + ")");
  }
  return out;
}

const char* WeaknessName(model::CodeWeakness k) {
  static const char* kNames[] = {"secret",        "tls-off",     "weak-hash",  "timing-compare",
                                 "jwt-no-verify", "logs-secret", "stack-trace"};
  return kNames[static_cast<int>(k)];
}

// "tls-off 3:30 in handler: verify=False", "secret 1:1: API_KEY=abcdefgh12".
Lines Weak(const FileFacts& f) {
  Lines out;
  for (const Weakness& w : f.weaknesses) {
    std::string s = std::string(WeaknessName(w.kind)) + " " + std::to_string(w.line) + ":" +
                    std::to_string(w.col);
    if (!w.in_function.empty()) s += " in " + w.in_function;
    s += ": " + (w.kind == model::CodeWeakness::kSecret ? w.name + "=" + w.value : w.detail);
    out.push_back(s);
  }
  return out;
}

Lines WeakOf(const std::string& text) { return Weak(Facts(text)); }

// ---- Labels and propagation ------------------------------------------------

TEST(PythonFlowsLabels, ParamsFieldsAndReadPositions) {
  FileFacts f = Facts(
      "import json\n"
      "class C:\n"
      "    def m(self, a, *rest, b=1, **kw):\n"
      "        return a\n"
      "def handler(event, context):\n"
      "    body = json.loads(event['body'])\n"
      "    url = body.get('target', {}).get('url')\n"
      "    rec = event['Records'][0]['s3']['object']['key']\n"
      "    q = event.queryStringParameters[name]\n"
      "    return [url, rec, q]\n");
  EXPECT_EQ(Fn(f, "C.m").params, (Lines{"a", "rest", "b", "kw"}));
  EXPECT_EQ(LabelList(Fn(f, "C.m").returns), "p0:@4:16");
  const FunctionDef& h = Fn(f, "handler");
  EXPECT_EQ(h.params, (Lines{"event", "context"}));
  EXPECT_EQ(LabelList(h.returns),
            "p0:body.target.url@6:23 p0:Records[].s3.object.key@8:11 "
            "p0:queryStringParameters.*@9:9");
  EXPECT_TRUE(h.sinks.empty() && h.local_calls.empty());
}

TEST(PythonFlowsLabels, AssignmentsStringsContainersAndLoops) {
  FileFacts f = Facts(
      "import os, base64, urllib.parse\n"
      "def handler(event, context):\n"
      "    name = event['name']\n"
      "    cmd = 'echo ' + name\n"
      "    os.system(cmd)\n"
      "    os.system(f\"ls {event['dir']}\")\n"
      "    os.system('rm %s' % event['f'])\n"
      "    os.system('cat {}'.format(base64.b64decode(event['b64']).decode()))\n"
      "    os.system(' '.join([event['a'], 'x']))\n"
      "    args = {'k': urllib.parse.unquote(event['u']).strip().lower()}\n"
      "    os.system(args)\n"
      "    for r in event['Records']:\n"
      "        os.system(r['body'])\n"
      "    keys = [r['k'] for r in event['Items']]\n"
      "    os.system(keys)\n"
      "    a, b = event['pair']\n"
      "    os.system(b)\n"
      "    x = event['x']\n"
      "    x = 'fixed'\n"
      "    os.system(x)\n"
      "    n = len(event['y']) + int(event['z'])\n"
      "    os.system(n)\n");
  EXPECT_EQ(Sinks(Fn(f, "handler")),
            (Lines{"command os.system 5:5 <- p0:name@3:12", "command os.system 6:5 <- p0:dir@6:21",
                   "command os.system 7:5 <- p0:f@7:25", "command os.system 8:5 <- p0:b64@8:48",
                   "command os.system 9:5 <- p0:a@9:25", "command os.system 11:5 <- p0:u@10:39",
                   "command os.system 13:9 <- p0:Records[].body@12:14",
                   "command os.system 15:5 <- p0:Items[].k@14:29",
                   "command os.system 17:5 <- p0:pair@16:12"}));
}

TEST(PythonFlowsLabels, BranchesAddAndStraightLinesOverwrite) {
  EXPECT_EQ(SinksOf("import os\n"
                    "def handler(event, context):\n"
                    "    cmd = 'ls'\n"
                    "    if event.get('x'):\n"
                    "        cmd = event['x']\n"
                    "    os.system(cmd)\n"
                    "    cmd = 'pwd'\n"
                    "    os.system(cmd)\n"),
            (Lines{"command os.system 6:5 <- p0:x@5:15"}));
}

TEST(PythonFlowsLabels, HelperCallsAreLocalCallsAndTheirResultsLabels) {
  FileFacts f = Facts(
      "import os, json\n"
      "from .db import save\n"
      "def clean(s, extra=None):\n"
      "    return s.strip()\n"
      "class Repo:\n"
      "    def put(self, item):\n"
      "        return save(item)\n"
      "    def go(self, event):\n"
      "        return self.put(event['body'])\n"
      "def handler(event, context):\n"
      "    c = clean(event['cmd'], extra=event['e'])\n"
      "    os.system(c['x'])\n"
      "    save(json.dumps(event), 'fixed')\n"
      "    return c\n");
  const FunctionDef& h = Fn(f, "handler");
  EXPECT_EQ(Calls(h),
            (Lines{"clean 11:9 (p0:cmd@11:15 | p0:e@11:35)", "save 13:5 (p0:@13:21 | )"}));
  EXPECT_EQ(Sinks(h), (Lines{"command os.system 12:5 <- c0:x@11:9"}));
  EXPECT_EQ(LabelList(h.returns), "c0:@11:9");
  EXPECT_EQ(LabelList(Fn(f, "clean").returns), "p0:@4:12");
  EXPECT_EQ(Calls(Fn(f, "Repo.go")), (Lines{"Repo.put 9:16 (p0:body@9:25)"}));
  EXPECT_EQ(Calls(Fn(f, "Repo.put")), (Lines{"save 7:16 (p0:@7:21)"}));
}

// A call through a dispatch table is a local call of each entry, with
// the call's arguments.
TEST(PythonFlowsLabels, DispatchTableCallsAreLocalCallsOfEachEntry) {
  FileFacts f = Facts(
      "import os\n"
      "def create(body): os.system(body)\n"
      "def remove(body): pass\n"
      "ROUTES = {'create': create, 'remove': remove}\n"
      "def handler(event, context):\n"
      "    return ROUTES[event['action']](event['body'])\n");
  const FunctionDef& h = Fn(f, "handler");
  EXPECT_EQ(Calls(h), (Lines{"create 6:12 (p0:body@6:36)", "remove 6:12 (p0:body@6:36)"}));
  EXPECT_EQ(LabelList(h.returns), "c0:@6:12 c1:@6:12");
  EXPECT_EQ(Sinks(Fn(f, "create")), (Lines{"command os.system 2:19 <- p0:@2:29"}));
}

// ---- Sinks -----------------------------------------------------------------

TEST(PythonFlowsSinks, Command) {
  EXPECT_EQ(SinksOf("import os, subprocess as sp\n"
                    "from os import popen\n"
                    "def handler(event, context):\n"
                    "    os.system(event['a'])\n"
                    "    popen(event['b'])\n"
                    "    sp.run(event['c'], shell=True)\n"
                    "    sp.check_output(args=event['d'], shell=True)\n"
                    "    # ok: no shell, a list, a literal\n"
                    "    sp.run(['ls', event['e']])\n"
                    "    sp.Popen(event['f'], shell=False)\n"
                    "    os.system('ls -l')\n"),
            (Lines{"command os.system 4:5 <- p0:a@4:15", "command popen 5:5 <- p0:b@5:11",
                   "command sp.run 6:5 <- p0:c@6:12", "command sp.check_output 7:5 <- p0:d@7:26"}));
}

TEST(PythonFlowsSinks, Code) {
  EXPECT_EQ(SinksOf("def handler(event, context):\n"
                    "    eval(event['expr'])\n"
                    "    exec('x = ' + event['v'])\n"
                    "    compile(event['src'], 'f', 'exec')\n"
                    "    eval('1 + 1')  # ok\n"),
            (Lines{"code eval 2:5 <- p0:expr@2:10", "code exec 3:5 <- p0:v@3:19",
                   "code compile 4:5 <- p0:src@4:13"}));
}

TEST(PythonFlowsSinks, CodeBuiltinShadowedByALocalFunctionIsALocalCall) {
  FileFacts f = Facts(
      "def eval(x):\n"
      "    return 1\n"
      "def handler(event, context):\n"
      "    eval(event['expr'])\n");
  EXPECT_TRUE(Fn(f, "handler").sinks.empty());
  EXPECT_EQ(Calls(Fn(f, "handler")), (Lines{"eval 4:5 (p0:expr@4:10)"}));
}

TEST(PythonFlowsSinks, Sql) {
  EXPECT_EQ(SinksOf("import pymysql, sqlalchemy\n"
                    "def handler(event, context):\n"
                    "    cur = pymysql.connect().cursor()\n"
                    "    cur.execute(f\"SELECT * FROM t WHERE id = '{event['id']}'\")\n"
                    "    q = 'DELETE FROM t WHERE n = ' + event['n']\n"
                    "    cur.executemany(q, [])\n"
                    "    sqlalchemy.text(event['raw'])\n"
                    "    # ok: parameterised\n"
                    "    cur.execute('SELECT * FROM t WHERE id = %s', (event['id'],))\n"),
            (Lines{"sql cur.execute 4:5 <- p0:id@4:48", "sql cur.executemany 6:5 <- p0:n@5:38",
                   "sql sqlalchemy.text 7:5 <- p0:raw@7:21"}));
}

TEST(PythonFlowsSinks, NoSqlExpressionsAndStatements) {
  EXPECT_EQ(SinksOf("import boto3\n"
                    "from boto3.dynamodb.conditions import Key, Attr\n"
                    "table = boto3.resource('dynamodb').Table('t')\n"
                    "client = boto3.client('dynamodb')\n"
                    "def handler(event, context):\n"
                    "    table.query(KeyConditionExpression=f\"id = {event['id']}\")\n"
                    "    client.execute_statement(Statement=\"SELECT * FROM t WHERE a='\" + "
                    "event['a'] + \"'\")\n"
                    "    # ok: condition builders, values, a literal statement\n"
                    "    table.query(KeyConditionExpression=Key('id').eq(event['id']) & "
                    "Attr('n').gt(event['n']))\n"
                    "    table.scan(FilterExpression='a = :a', ExpressionAttributeValues={':a': "
                    "event['a']})\n"
                    "    client.execute_statement(Statement='SELECT * FROM t WHERE a=?', "
                    "Parameters=[event['a']])\n"),
            (Lines{"nosql query 6:5 <- p0:id@6:48", "nosql execute_statement 7:5 <- p0:a@7:70"}));
}

TEST(PythonFlowsSinks, Deserialize) {
  EXPECT_EQ(
      SinksOf("import pickle, yaml, base64, jsonpickle, shelve\n"
              "def handler(event, context):\n"
              "    pickle.loads(base64.b64decode(event['body']))\n"
              "    yaml.load(event['y'])\n"
              "    yaml.load(event['z'], Loader=yaml.FullLoader)\n"
              "    yaml.unsafe_load(event['u'])\n"
              "    jsonpickle.decode(event['j'])\n"
              "    shelve.open(event['s'])\n"
              "    # ok: safe loaders\n"
              "    yaml.safe_load(event['a'])\n"
              "    yaml.load(event['b'], Loader=yaml.SafeLoader)\n"
              "    yaml.load(event['c'], yaml.CSafeLoader)\n"),
      (Lines{"deserialize pickle.loads 3:5 <- p0:body@3:35",
             "deserialize yaml.load 4:5 <- p0:y@4:15", "deserialize yaml.load 5:5 <- p0:z@5:15",
             "deserialize yaml.unsafe_load 6:5 <- p0:u@6:22",
             "deserialize jsonpickle.decode 7:5 <- p0:j@7:23",
             "deserialize shelve.open 8:5 <- p0:s@8:17"}));
}

TEST(PythonFlowsSinks, Path) {
  EXPECT_EQ(SinksOf("import os, shutil, boto3\n"
                    "from pathlib import Path\n"
                    "s3 = boto3.client('s3')\n"
                    "def handler(event, context):\n"
                    "    open('/tmp/' + event['name'])\n"
                    "    os.remove(os.path.join('/tmp', event['f']))\n"
                    "    shutil.copy('/etc/x', event['dst'])\n"
                    "    p = Path('/data') / event['p']\n"
                    "    p.read_text()\n"
                    "    s3.download_file('b', 'k', event['to'])\n"
                    "    # ok: a base name, a literal\n"
                    "    open(os.path.basename(event['name']))\n"
                    "    Path(event['q']).name\n"
                    "    open('/tmp/fixed')\n"),
            (Lines{"path open 5:5 <- p0:name@5:20", "path os.remove 6:5 <- p0:f@6:36",
                   "path shutil.copy 7:5 <- p0:dst@7:27", "path p.read_text 9:5 <- p0:p@8:25",
                   "path s3.download_file 10:5 <- p0:to@10:32"}));
}

TEST(PythonFlowsSinks, Url) {
  EXPECT_EQ(SinksOf("import requests, httpx, urllib.request\n"
                    "def handler(event, context):\n"
                    "    requests.get(event['url'])\n"
                    "    requests.request('POST', event['u2'])\n"
                    "    s = requests.Session()\n"
                    "    s.post(url=event['u3'])\n"
                    "    httpx.get(event['u4'])\n"
                    "    urllib.request.urlopen(event['u5'])\n"
                    "    # ok: a fixed URL with a labelled parameter\n"
                    "    requests.get('https://api.example.com', params={'q': event['q']})\n"),
            (Lines{"url requests.get 3:5 <- p0:url@3:18", "url requests.request 4:5 <- p0:u2@4:30",
                   "url s.post 6:5 <- p0:u3@6:16", "url httpx.get 7:5 <- p0:u4@7:15",
                   "url urllib.request.urlopen 8:5 <- p0:u5@8:28"}));
}

TEST(PythonFlowsSinks, HtmlResponses) {
  EXPECT_EQ(SinksOf("import json, html\n"
                    "def handler(event, context):\n"
                    "    name = event['queryStringParameters']['name']\n"
                    "    if event.get('a'):\n"
                    "        return {'statusCode': 200, 'body': f'<h1>Hello {name}</h1>'}\n"
                    "    if event.get('b'):\n"
                    "        return {'headers': {'content-type': 'text/html; charset=utf-8'},\n"
                    "                'body': name}\n"
                    "    # ok: JSON, escaped\n"
                    "    if event.get('c'):\n"
                    "        return {'statusCode': 200, 'body': json.dumps({'name': name})}\n"
                    "    return {'body': f'<p>{html.escape(name)}</p>'}\n"),
            (Lines{"html response body 5:44 <- p0:queryStringParameters.name@3:12",
                   "html response body 8:25 <- p0:queryStringParameters.name@3:12"}));
}

TEST(PythonFlowsSinks, Log) {
  EXPECT_EQ(SinksOf("import logging\n"
                    "logger = logging.getLogger()\n"
                    "def handler(event, context):\n"
                    "    print(event)\n"
                    "    logger.info('got %s', event['body'])\n"
                    "    logging.warning(f\"user {event['user']}\")\n"
                    "    # ok: constant messages\n"
                    "    logger.info('started')\n"
                    "    print('done')\n"),
            (Lines{"log print 4:5 <- p0:@4:11", "log logger.info 5:5 <- p0:body@5:27",
                   "log logging.warning 6:5 <- p0:user@6:29"}));
}

// ---- Sanitizers ------------------------------------------------------------

TEST(PythonFlowsSanitizers, CastsDropTheLabel) {
  EXPECT_EQ(SinksOf("import os, uuid\n"
                    "from decimal import Decimal\n"
                    "def handler(event, context):\n"
                    "    os.system(int(event['a']))\n"
                    "    os.system('x' + str(float(event['b'])))\n"
                    "    os.system(uuid.UUID(event['c']))\n"
                    "    os.system(Decimal(event['d']))\n"
                    "    os.system(bool(event['e']))\n"),
            Lines{});
}

TEST(PythonFlowsSanitizers, AllowListsDropTheLabelFromTheIfOn) {
  EXPECT_EQ(SinksOf("import os\n"
                    "ACTIONS = {'start', 'stop'}\n"
                    "modes = ['a', 'b']\n"
                    "def handler(event, context):\n"
                    "    action = event['action']\n"
                    "    mode = event['mode']\n"
                    "    kind = event['kind']\n"
                    "    other = event['other']\n"
                    "    if action not in ACTIONS:\n"
                    "        return\n"
                    "    if mode in modes and kind == 'x':\n"
                    "        os.system(action + mode + kind)\n"
                    "    if other in ('a', 'b'):\n"
                    "        pass\n"
                    "    os.system(other)\n"
                    "    os.system(event['action'])\n"),
            (Lines{"command os.system 16:5 <- p0:action@16:15"}));
}

TEST(PythonFlowsSanitizers, QuotingClearsOneKindOnly) {
  FileFacts f = Facts(
      "import os, shlex, html, requests, urllib.parse\n"
      "def handler(event, context):\n"
      "    q = shlex.quote(event['f'])\n"
      "    os.system('ls ' + q)\n"
      "    print(q)\n"
      "    u = urllib.parse.quote(event['u'])\n"
      "    requests.get('https://x/' + u)\n"
      "    open(u)\n"
      "    os.system(u)\n"
      "    return {'body': '<b>' + html.escape(event['n']) + '</b>'}\n");
  EXPECT_EQ(Sinks(Fn(f, "handler")),
            (Lines{"log print 5:5 <- p0:f@3:21~1", "command os.system 9:5 <- p0:u@6:28~96"}));
}

TEST(PythonFlowsSanitizers, RemovingSlashesClearsPaths) {
  FileFacts f = Facts(
      "import os\n"
      "def handler(event, context):\n"
      "    key = event['Records'][0]['s3']['object']['key']\n"
      "    open('/tmp/' + key.replace('/', ''))\n"
      "    open('/tmp/' + key.replace('../', ''))\n"
      "    os.system(key.replace('/', '_'))\n");
  EXPECT_EQ(Sinks(Fn(f, "handler")),
            (Lines{"path open 5:5 <- p0:Records[].s3.object.key@3:11",
                   "command os.system 6:5 <- p0:Records[].s3.object.key@3:11~32"}));
}

// ---- Weaknesses ------------------------------------------------------------

TEST(PythonFlowsWeaknesses, Secrets) {
  EXPECT_EQ(WeakOf("API_KEY = 'sk_live_abcdef123456'\n"
                   "SHORT = 'abc'\n"
                   "def handler(event, context):\n"
                   "    conf = {'password': 'hunter2hunter2', 'n': 1}\n"
                   "    connect(user='admin', password='p@ssw0rd!!')\n"
                   "    tpl = f'token-{event}-suffix'\n"),
            (Lines{"secret 1:1: API_KEY=sk_live_abcdef123456",
                   "secret 4:13 in handler: password=hunter2hunter2",
                   "secret 5:27 in handler: password=p@ssw0rd!!"}));
}

TEST(PythonFlowsWeaknesses, TlsOff) {
  EXPECT_EQ(WeakOf("import requests, ssl, boto3\n"
                   "ctx = ssl.create_default_context()\n"
                   "ctx.check_hostname = False\n"
                   "ctx.verify_mode = ssl.CERT_NONE\n"
                   "def handler(event, context):\n"
                   "    requests.get('https://x', verify=False)\n"
                   "    boto3.client('s3', verify=False)\n"
                   "    ssl._create_unverified_context()\n"
                   "    requests.get('https://x', verify=True)  # ok\n"
                   "    requests.get('https://x', verify='/ca.pem')  # ok\n"),
            (Lines{"tls-off 3:1: check_hostname = False", "tls-off 4:19: ssl.CERT_NONE",
                   "tls-off 6:31 in handler: verify=False", "tls-off 7:24 in handler: verify=False",
                   "tls-off 8:5 in handler: ssl._create_unverified_context()"}));
}

TEST(PythonFlowsWeaknesses, WeakHash) {
  EXPECT_EQ(WeakOf("import hashlib\n"
                   "def handler(event, context):\n"
                   "    hashlib.md5(event['password'].encode()).hexdigest()\n"
                   "    hashlib.sha256(pwd + salt)\n"
                   "    h = hashlib.new('sha1')\n"
                   "    h.update(api_token)\n"
                   "    # ok: a body, a file, a slow KDF, sha256 of a token\n"
                   "    hashlib.md5(event['body'].encode()).hexdigest()\n"
                   "    hashlib.sha256(token).hexdigest()\n"
                   "    hashlib.pbkdf2_hmac('sha256', password, salt, 100000)\n"),
            (Lines{"weak-hash 3:5 in handler: hashlib.md5(event['password'].encode())",
                   "weak-hash 4:5 in handler: hashlib.sha256(pwd + salt)",
                   "weak-hash 6:5 in handler: h.update(api_token)"}));
}

TEST(PythonFlowsWeaknesses, TimingCompare) {
  EXPECT_EQ(WeakOf("import hmac\n"
                   "def handler(event, context):\n"
                   "    if event['headers'].get('x-api-key') != API_KEY:\n"
                   "        return\n"
                   "    if signature == computed:\n"
                   "        pass\n"
                   "    # ok: constant-time, literals, lengths, counts\n"
                   "    hmac.compare_digest(signature, computed)\n"
                   "    if token is None or token == '' or token == 'Bearer':\n"
                   "        pass\n"
                   "    if len(token) == n or token_count == n:\n"
                   "        pass\n"
                   "    if secret_step == 'createSecret':  # ok: a step name\n"
                   "        pass\n"
                   "    if token == 'x9f2-a8b1-77qq':\n"
                   "        pass\n"),
            (Lines{"timing-compare 3:8 in handler: event['headers'].get('x-api-key') != API_KEY",
                   "timing-compare 5:8 in handler: signature == computed",
                   "timing-compare 15:8 in handler: token == 'x9f2-a8b1-77qq'"}));
}

TEST(PythonFlowsWeaknesses, JwtNoVerify) {
  EXPECT_EQ(WeakOf("import jwt\n"
                   "from jose import jwt as jjwt\n"
                   "def handler(event, context):\n"
                   "    jwt.decode(t, options={'verify_signature': False})\n"
                   "    jwt.decode(t, verify=False)\n"
                   "    jwt.decode(t, key, algorithms=['HS256', 'none'])\n"
                   "    jjwt.get_unverified_claims(t)  # ok: read to find the issuer's key\n"
                   "    jwt.decode(t, key, algorithms=['HS256'])  # ok\n"),
            (Lines{"jwt-no-verify 4:19 in handler: jwt.decode(..., verify_signature=False)",
                   "jwt-no-verify 5:19 in handler: jwt.decode(..., verify=False)",
                   "jwt-no-verify 6:24 in handler: jwt.decode(..., algorithms=['none'])"}));
}

TEST(PythonFlowsWeaknesses, LogsSecret) {
  EXPECT_EQ(
      WeakOf("import logging\n"
             "logger = logging.getLogger()\n"
             "def handler(event, context):\n"
             "    logger.info(password)\n"
             "    print(f\"token is {event['headers']['Authorization']}\")\n"
             "    logger.debug(self.api_key)\n"
             "    # ok: counts, ids, names\n"
             "    logger.info(token_count)\n"
             "    logger.info(secret_arn, secret_name)\n"
             "    print(f'status of {execution_token}')\n"),
      (Lines{"logs-secret 4:5 in handler: logger.info(password)",
             "logs-secret 5:5 in handler: print(f\"token is {event['headers']['Authorization']}\")",
             "logs-secret 6:5 in handler: logger.debug(self.api_key)"}));
}

TEST(PythonFlowsWeaknesses, StackTrace) {
  EXPECT_EQ(WeakOf("import traceback, json, logging\n"
                   "def handler(event, context):\n"
                   "    try:\n"
                   "        pass\n"
                   "    except Exception:\n"
                   "        logging.error(traceback.format_exc())  # ok: logged\n"
                   "        return {'statusCode': 500, 'body': json.dumps({'e': "
                   "traceback.format_exc()})}\n"
                   "def other(event, context):\n"
                   "    try:\n"
                   "        pass\n"
                   "    except Exception as e:\n"
                   "        detail = ''.join(traceback.format_exception(e))\n"
                   "        return detail\n"),
            (Lines{"stack-trace 7:61 in handler: a formatted traceback in the response",
                   "stack-trace 12:26 in other: a formatted traceback in the response"}));
}

// ---- Bad input -------------------------------------------------------------

TEST(PythonFlowsBadInput, DeepNestingDoesNotOverflowTheStack) {
  // 10,000 levels, closed: the sink is too deep to be looked at.
  for (auto [open, close] : std::vector<std::pair<std::string, std::string>>{{"(", ")"},
                                                                             {"[", "]"},
                                                                             {"f(", ")"},
                                                                             {"{1:", "}"},
                                                                             {"not ", ""},
                                                                             {"lambda: ", ""},
                                                                             {"-", ""},
                                                                             {"a + (", ")"}}) {
    std::string text = "import os\ndef handler(event, context):\n    x = ";
    for (int i = 0; i < 10'000; ++i) text += open;
    text += "os.system(event['a'])";
    for (int i = 0; i < 10'000; ++i) text += close;
    FileFacts f = Facts(text + "\n    os.system(event['b'])\n");
    ASSERT_EQ(f.functions.size(), 1u) << open;
    EXPECT_EQ(Sinks(f.functions[0]), (Lines{"command os.system 4:5 <- p0:b@4:15"})) << open;
  }
  std::string chain = "import os\ndef handler(event, context):\n    x = event";
  for (int i = 0; i < 10'000; ++i) chain += "['k']";
  chain += "\n    os.system(x)\n";
  FileFacts g = Facts(chain);
  ASSERT_EQ(g.functions.size(), 1u);
  EXPECT_TRUE(g.functions[0].sinks.empty());
}

TEST(PythonFlowsBadInput, LongPathsKeepEightSegments) {
  EXPECT_EQ(SinksOf("import os\n"
                    "def handler(event, context):\n"
                    "    os.system(event.a.b.c.d.e.f.g.h.i.j)\n"),
            (Lines{"command os.system 3:5 <- p0:a.b.c.d.e.f.g.h@3:15"}));
}

TEST(PythonFlowsBadInput, ManyLabelsAndLocalCallsAreCapped) {
  std::string text = "import os\ndef save(x): pass\ndef handler(event, context):\n    x = ''\n";
  for (int i = 0; i < 20; ++i) text += "    x += event['k" + std::to_string(i) + "']\n";
  for (int i = 0; i < 300; ++i) text += "    save(x)\n";
  text += "    os.system(x)\n";
  FileFacts f = Facts(text);
  const FunctionDef& h = Fn(f, "handler");
  EXPECT_EQ(h.local_calls.size(), 256u);
  ASSERT_EQ(h.sinks.size(), 1u);
  EXPECT_EQ(h.sinks[0].labels.size(), 8u);
  EXPECT_EQ(h.sinks[0].labels[7].path, "k7");
}

TEST(PythonFlowsBadInput, NonUtf8BytesAreKept) {
  FileFacts f = Facts(
      "import os\n"
      "K\xff = '\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9'\n"
      "def handler(event, context):\n"
      "    os.system(event['\xff\xfe'])\n");
  EXPECT_EQ(Sinks(Fn(f, "handler")), (Lines{"command os.system 4:5 <- p0:\xff\xfe@4:15"}));
  ASSERT_EQ(f.weaknesses.size(), 1u);
  EXPECT_EQ(f.weaknesses[0].value, "\xe9\xe9\xe9\xe9\xe9\xe9\xe9\xe9");
}

TEST(PythonFlowsBadInput, SyntaxErrorsKeepWhatParsed) {
  FileFacts f = Facts(
      "import os\n"
      "def handler(event, context):\n"
      "    x = (event['a'] +\n"
      "    os.system(event['b'])\n");
  EXPECT_NE(f.error_line, 0u);
  for (const Sink& s : Fn(f, "handler").sinks) EXPECT_LE(s.line, 4u);
}

}  // namespace
}  // namespace fnwarden::load::code
