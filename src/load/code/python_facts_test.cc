#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "load/code/facts.h"
#include "load/code/syntax.h"

namespace fnwarden::load::code {
namespace {

FileFacts Facts(const std::string& text) {
  Tree tree = Parse(Language::kPython, text);
  EXPECT_TRUE(tree.ok());
  return ExtractPython(tree);
}

std::string ArgText(const SdkCall::Arg& a) {
  switch (a.value.kind) {
    case ArgValue::Kind::kLiteral:
      return a.name + "='" + a.value.text + "'";
    case ArgValue::Kind::kEnvVar:
      return a.name + "=env:" + a.value.text;
    case ArgValue::Kind::kUnknown:
      return a.name + "=?";
  }
  return {};
}

// "3:5 client s3 get_object in handler Bucket='b' Key=env:K".
std::string Dump(const SdkCall& c) {
  std::string out = std::to_string(c.line) + ":" + std::to_string(c.col) + " " +
                    (c.sdk == Sdk::kBoto3Resource ? "resource " : "client ") + c.service + " " +
                    c.operation;
  if (!c.in_function.empty()) out += " in " + c.in_function;
  for (const SdkCall::Arg& a : c.args) out += " " + ArgText(a);
  if (!c.statement.empty()) out += " [" + c.statement + "]";
  return out;
}

// The calls without their positions: "client s3 get_object in handler ...".
std::vector<std::string> Calls(const FileFacts& f) {
  std::vector<std::string> out;
  for (const SdkCall& c : f.calls) {
    std::string d = Dump(c);
    out.push_back(d.substr(d.find(' ') + 1));
  }
  return out;
}

std::vector<std::string> Dynamic(const FileFacts& f) {
  std::vector<std::string> out;
  for (const DynamicUse& d : f.dynamic) {
    out.push_back(std::to_string(d.line) + " " +
                  (d.sdk == Sdk::kBoto3Resource ? "resource " : "client ") + d.service);
  }
  return out;
}

// "3 helpers.db level=1 dynamic save=put x=".
std::vector<std::string> Imports(const FileFacts& f) {
  std::vector<std::string> out;
  for (const Import& i : f.imports) {
    std::string s = std::to_string(i.line) + " " + i.specifier;
    if (i.level > 0) s += " level=" + std::to_string(i.level);
    if (i.dynamic) s += " dynamic";
    for (const Import::Name& n : i.names) s += " " + n.local + "=" + n.imported;
    out.push_back(s);
  }
  return out;
}

// "handler@3: save, db.put".
std::vector<std::string> Functions(const FileFacts& f) {
  std::vector<std::string> out;
  for (const FunctionDef& d : f.functions) {
    std::string s = d.name + "@" + std::to_string(d.line) + ":";
    for (size_t i = 0; i < d.callees.size(); ++i) s += (i == 0 ? " " : ", ") + d.callees[i];
    out.push_back(s);
  }
  return out;
}

using Lines = std::vector<std::string>;

// ---- Imports ---------------------------------------------------------------

TEST(PythonFactsImports, EveryForm) {
  FileFacts f = Facts(
      "import boto3\n"
      "import a.b, c as d\n"
      "from x import y as z, w\n"
      "from . import m\n"
      "from ..pkg.mod import f\n"
      "from .sib import (g,\n    h as hh)\n"
      "from helpers.util import *\n"
      "from __future__ import annotations\n"
      "def handler(event, context):\n"
      "    import json\n");
  EXPECT_EQ(Imports(f), (Lines{"1 boto3 boto3=", "2 a.b a=", "2 c d=", "3 x z=y w=w",
                               "4  level=1 m=m", "5 pkg.mod level=2 f=f", "6 sib level=1 g=g hh=h",
                               "8 helpers.util *=*", "11 json json="}));
  EXPECT_TRUE(f.calls.empty());
  EXPECT_EQ(f.error_line, 0u);
}

TEST(PythonFactsImports, ImportModuleWithALiteralIsAnImportAndOtherwiseDynamic) {
  FileFacts f = Facts(
      "import importlib\n"
      "from importlib import import_module as load\n"
      "NAME = 'plugins.fixed'\n"
      "def handler(event, context):\n"
      "    importlib.import_module('handlers.orders')\n"
      "    load('.local', package='app')\n"
      "    importlib.import_module(NAME)\n"
      "    importlib.import_module(event['module'])\n"
      "    __import__(f'plugins.{event[\"p\"]}')\n"
      "    __import__('json')\n");
  EXPECT_EQ(Imports(f),
            (Lines{"1 importlib importlib=", "2 importlib load=import_module", "5 handlers.orders",
                   "6 local level=1", "7 plugins.fixed", "8  dynamic", "9  dynamic", "10 json"}));
}

TEST(PythonFactsImports, NearMissesAreNoImports) {
  // A method of another object named import_module, and a local __import__.
  FileFacts f = Facts(
      "class Loader:\n"
      "    def import_module(self, name): pass\n"
      "loader = Loader()\n"
      "loader.import_module('x')\n"
      "def __import__(n): pass\n"
      "__import__('y')\n");
  EXPECT_EQ(Imports(f), Lines{});
}

// ---- Functions and callees -------------------------------------------------

TEST(PythonFactsFunctions, DefsMethodsNestedAndTheirCallees) {
  FileFacts f = Facts(
      "import db\n"                               // 1
      "import helpers.util\n"                     // 2
      "from store import put as save\n"           // 3
      "def log(m): print(m)\n"                    // 4
      "class Repo:\n"                             // 5
      "    def __init__(self, t): self.t = t\n"   // 6
      "    def load(self): return 1\n"            // 7
      "    @staticmethod\n"                       // 8
      "    def make(): return Repo(1)\n"          // 9
      "    def run(self):\n"                      // 10
      "        self.load(); self.missing()\n"     // 11
      "        Repo.make(); len([])\n"            // 12
      "@decorate\n"                               // 13
      "async def handler(event, context):\n"      // 14
      "    def inner(x):\n"                       // 15
      "        return db.put(x)\n"                // 16
      "    inner(1); save(2); log(3); save(4)\n"  // 17
      "    helpers.util.f(); event.get('x')\n"    // 18
      "    r = Repo(2); r.run(); print(r)\n"      // 19
      "    lambda: log(5)\n"                      // 20
      "log('module level')\n");                   // 21
  EXPECT_EQ(Functions(f), (Lines{"log@4:", "Repo.__init__@6:", "Repo.load@7:",
                                 "Repo.make@9: Repo.__init__", "Repo.run@10: Repo.load, Repo.make",
                                 "handler@14: handler.inner, save, log, helpers.util.f, "
                                 "Repo.__init__, Repo.run",
                                 "handler.inner@15: db.put"}));
}

// A dispatch table: a call through it may reach each function it holds;
// a literal key reaches that entry only. Entries that are not functions
// of this file, and calls through anything but a dict literal, reach none.
TEST(PythonFactsFunctions, CallsThroughDispatchTablesReachTheirEntries) {
  FileFacts f = Facts(
      "import ops\n"                                                         // 1
      "def create(e): pass\n"                                                // 2
      "def remove(e): pass\n"                                                // 3
      "def fallback(e): pass\n"                                              // 4
      "ROUTES = {'create': create, 'remove': remove, 'n': 1, 'o': ops.x}\n"  // 5
      "def by_key(event):\n"                                                 // 6
      "    return ROUTES[event['action']](event)\n"                          // 7
      "def by_literal(event):\n"                                             // 8
      "    return ROUTES['remove'](event)\n"                                 // 9
      "def by_get(event):\n"                                                 // 10
      "    return ROUTES.get(event['action'], fallback)(event)\n"            // 11
      "def by_name(event):\n"                                                // 12
      "    fn = ROUTES.get(event['action'])\n"                               // 13
      "    return fn(event)\n"                                               // 14
      "def not_a_table(event, table):\n"                                     // 15
      "    return table[event['action']](event)\n"                           // 16
      "def local_table(event):\n"                                            // 17
      "    routes = {'a': create}\n"                                         // 18
      "    return (routes[event['k']])(event)\n");                           // 19
  EXPECT_EQ(Functions(f),
            (Lines{"create@2:", "remove@3:", "fallback@4:", "by_key@6: create, remove",
                   "by_literal@8: remove", "by_get@10: create, remove, fallback",
                   "by_name@12: create, remove", "not_a_table@15:", "local_table@17: create"}));
}

// A dict the code changes after it is made is not what its literal says:
// calls through it reach none of the literal's entries.
TEST(PythonFactsFunctions, DispatchTablesChangedLaterAreNotFollowed) {
  FileFacts f = Facts(
      "def create(e): pass\n"                  // 1
      "def remove(e): pass\n"                  // 2
      "EDITED = {'a': create}\n"               // 3
      "EDITED[name()] = remove\n"              // 4
      "UPDATED = {'a': create}\n"              // 5
      "UPDATED.update(b=remove)\n"             // 6
      "DELETED = {'a': create, 'b': remove}\n"  // 7
      "del DELETED['a'], other[1]\n"           // 8
      "KEPT = {'a': create}\n"                 // 9
      "def handler(event):\n"                  // 10
      "    EDITED[event['k']](event)\n"        // 11
      "    UPDATED[event['k']](event)\n"       // 12
      "    DELETED.get(event['k'])(event)\n"   // 13
      "    KEPT[event['k']](event)\n");        // 14
  EXPECT_EQ(Functions(f), (Lines{"create@1:", "remove@2:", "handler@10: create"}));
}

TEST(PythonFactsFunctions, InheritedMethodsAndStarImports) {
  FileFacts f = Facts(
      "from helpers import *\n"
      "class Base:\n"
      "    def save(self): pass\n"
      "class Child(Base):\n"
      "    def run(self):\n"
      "        self.save(); process(); print(1)\n");
  EXPECT_EQ(Functions(f), (Lines{"Base.save@3:", "Child.run@5: Base.save, process"}));
}

// ---- boto3 clients ---------------------------------------------------------

TEST(PythonFactsClients, EveryWayToMakeAClient) {
  FileFacts f = Facts(
      "import boto3\n"
      "import boto3 as b3\n"
      "import boto3.session\n"
      "from boto3 import client\n"
      "from boto3.session import Session\n"
      "s3 = boto3.client('s3')\n"
      "def handler(event, context):\n"
      "    s3.get_object(Bucket='b', Key='k')\n"
      "    b3.client('sqs').send_message(QueueUrl='u')\n"
      "    boto3.session.Session().client('sns').publish(TopicArn='t')\n"
      "    session = boto3.Session()\n"
      "    session.client('lambda').invoke(FunctionName='f')\n"
      "    client('secretsmanager').get_secret_value(SecretId='s')\n"
      "    boto3.client(service_name='ssm').get_parameter(Name='p')\n"
      "    Session(region_name='eu-west-1').client(service_name='stepfunctions')"
      ".start_execution(stateMachineArn='x')\n");
  EXPECT_EQ(Calls(f), (Lines{"client s3 get_object in handler Bucket='b' Key='k'",
                             "client sqs send_message in handler QueueUrl='u'",
                             "client sns publish in handler TopicArn='t'",
                             "client lambda invoke in handler FunctionName='f'",
                             "client secretsmanager get_secret_value in handler SecretId='s'",
                             "client ssm get_parameter in handler Name='p'",
                             "client stepfunctions start_execution in handler"}));
  EXPECT_EQ(Dynamic(f), Lines{});
}

TEST(PythonFactsClients, LineAndColumnAreWhereTheCallStarts) {
  FileFacts f = Facts(
      "import boto3\n"
      "s3 = boto3.client('s3')\n"
      "s3.list_buckets()\n"
      "def h():\n"
      "    x = [1, boto3.client('sqs').purge_queue(QueueUrl='q')]\n");
  ASSERT_EQ(f.calls.size(), 2u);
  EXPECT_EQ(Dump(f.calls[0]), "3:1 client s3 list_buckets");
  EXPECT_EQ(Dump(f.calls[1]), "5:13 client sqs purge_queue in h QueueUrl='q'");
}

TEST(PythonFactsClients, NearMissesGiveNoCall) {
  FileFacts f = Facts(
      "import boto3\n"
      "class Store:\n"
      "    def get_object(self, **kw): pass\n"
      "store = Store()\n"
      "store.get_object(Bucket='b')\n"
      "other = make_client('s3')\n"
      "other.get_object(Bucket='b')\n"
      "def handler(event, context, s3):\n"
      "    s3.get_object(Bucket='b')\n"  // a parameter no call site passes
      "    for c in clients: c.get_object()\n"
      "    boto3.set_stream_logger('x')\n"
      "    boto3.client\n");
  EXPECT_EQ(Calls(f), Lines{});
}

TEST(PythonFactsClients, ALocalNamedBoto3IsNotTheModule) {
  FileFacts f = Facts(
      "import boto3\n"
      "def handler(event, context):\n"
      "    boto3 = FakeModule()\n"
      "    boto3.client('s3').get_object(Bucket='b')\n"
      "def other():\n"
      "    boto3.client('s3').head_object(Bucket='b')\n");
  EXPECT_EQ(Calls(f), Lines{"client s3 head_object in other Bucket='b'"});
}

TEST(PythonFactsClients, ANameReboundToSomethingElseIsNotFollowed) {
  FileFacts f = Facts(
      "import boto3\n"
      "s3 = boto3.client('s3')\n"
      "s3 = wrap(s3)\n"
      "s3.get_object(Bucket='b')\n"
      "sqs = boto3.client('sqs')\n"
      "def h():\n"
      "    for sqs in queues: sqs.send_message()\n"
      "    with open('f') as s3: s3.get_object()\n");
  EXPECT_EQ(Calls(f), Lines{});
}

TEST(PythonFactsClients, GlobalsAttributesDictsFactoriesAndParameters) {
  FileFacts f = Facts(
      "import boto3\n"
      "_s3 = None\n"
      "CLIENTS = {'events': boto3.client('events')}\n"
      "CACHE = {}\n"
      "CACHE['kinesis'] = boto3.client('kinesis')\n"
      "def s3():\n"
      "    global _s3\n"
      "    if _s3 is None:\n"
      "        _s3 = boto3.client('s3')\n"
      "    return _s3\n"
      "def get_client():\n"
      "    return boto3.client('sqs')\n"
      "class Service:\n"
      "    def __init__(self, table_client):\n"
      "        self.ddb = boto3.client('dynamodb')\n"
      "        self.tc = table_client\n"
      "    @property\n"
      "    def logs(self):\n"
      "        return boto3.client('logs')\n"
      "    def run(self):\n"
      "        self.ddb.get_item(TableName='t')\n"
      "        self.tc.describe_table(TableName='u')\n"
      "        self.logs.put_log_events(logGroupName='g')\n"
      "def notify(sns_client, msg):\n"
      "    sns_client.publish(TopicArn='arn', Message=msg)\n"
      "def handler(event, context):\n"
      "    s3().put_object(Bucket='b', Key='k')\n"
      "    _s3.delete_object(Bucket='b', Key='k')\n"
      "    get_client().send_message(QueueUrl='q')\n"
      "    CLIENTS['events'].put_events(Entries=[{'EventBusName': 'bus'}])\n"
      "    CLIENTS.get('events').list_rules()\n"
      "    CACHE['kinesis'].put_record(StreamName='st')\n"
      "    Service(boto3.client('dynamodb')).run()\n"
      "    notify(boto3.client('sns'), 'hi')\n");
  EXPECT_EQ(Calls(f), (Lines{"client dynamodb get_item in Service.run TableName='t'",
                             "client dynamodb describe_table in Service.run TableName='u'",
                             "client logs put_log_events in Service.run",
                             "client sns publish in notify TopicArn='arn'",
                             "client s3 put_object in handler Bucket='b' Key='k'",
                             "client s3 delete_object in handler Bucket='b' Key='k'",
                             "client sqs send_message in handler QueueUrl='q'",
                             "client events put_events in handler EventBusName='bus'",
                             "client events list_rules in handler",
                             "client kinesis put_record in handler StreamName='st'"}));
}

TEST(PythonFactsClients, CachedFactoriesNonlocalsAndClassAttributes) {
  FileFacts f = Facts(
      "import functools\n"
      "import boto3\n"
      "@functools.lru_cache(maxsize=None)\n"
      "def ssm():\n"
      "    return boto3.client('ssm')\n"
      "class Config:\n"
      "    SQS = boto3.client('sqs')\n"
      "    @classmethod\n"
      "    def queue(cls):\n"
      "        cls.SQS.get_queue_url(QueueName='q')\n"
      "def handler(event, context):\n"
      "    client = None\n"
      "    def lazy():\n"
      "        nonlocal client\n"
      "        client = boto3.client('kms')\n"
      "        return client\n"
      "    ssm().get_parameter(Name='/p')\n"
      "    Config.SQS.purge_queue(QueueUrl='u')\n"
      "    lazy().decrypt(KeyId='k')\n"
      "    client.encrypt(KeyId='k')\n");
  EXPECT_EQ(Calls(f), (Lines{"client sqs get_queue_url in Config.queue QueueName='q'",
                             "client ssm get_parameter in handler Name='/p'",
                             "client sqs purge_queue in handler QueueUrl='u'",
                             "client kms decrypt in handler KeyId='k'",
                             "client kms encrypt in handler KeyId='k'"}));
}

TEST(PythonFactsClients, TupleAndChainedAssignments) {
  FileFacts f = Facts(
      "import boto3\n"
      "s3, (sqs, sns) = boto3.client('s3'), (boto3.client('sqs'), boto3.client('sns'))\n"
      "a = b = boto3.client('kms')\n"
      "x, y = make_pair()\n"
      "first, *rest = boto3.client('ssm'), boto3.client('ses')\n"
      "s3.list_buckets(); sqs.list_queues(); sns.list_topics()\n"
      "a.list_keys(); b.list_aliases()\n"
      "x.get_object(); first.get_parameter()\n");
  EXPECT_EQ(Calls(f),
            (Lines{"client s3 list_buckets", "client sqs list_queues", "client sns list_topics",
                   "client kms list_keys", "client kms list_aliases"}));
}

TEST(PythonFactsClients, ParametersWhoseCallersDisagreeAreUnknown) {
  FileFacts f = Facts(
      "import boto3\n"
      "def put(client, key):\n"
      "    client.put_object(Bucket='b', Key=key)\n"
      "def a(): put(boto3.client('s3'), 'k')\n"
      "def b(): put(boto3.client('sqs'), 'k')\n"
      "def c(client=boto3.client('s3')):\n"
      "    client.head_bucket(Bucket='b')\n"
      "def d(*args): put(*args)\n"
      "def e(x): x.list_tables()\n"
      "e(boto3.client('dynamodb')); e(**kw)\n");
  // put: two services; c: no call site, its default; e: a splatted call site.
  EXPECT_EQ(Calls(f), Lines{"client s3 head_bucket in c Bucket='b'"});
}

TEST(PythonFactsClients, RecursiveHelpersStillFollowTheirParameter) {
  FileFacts f = Facts(
      "import boto3\n"
      "def walk(client, token=None):\n"
      "    page = client.list_objects_v2(Bucket='b')\n"
      "    if page.get('next'):\n"
      "        walk(client, page['next'])\n"
      "def handler(e, c):\n"
      "    walk(boto3.client('s3'))\n");
  EXPECT_EQ(Calls(f), Lines{"client s3 list_objects_v2 in walk Bucket='b'"});
}

TEST(PythonFactsClients, PaginatorsWaitersAndDynamicUses) {
  FileFacts f = Facts(
      "import boto3\n"
      "s3 = boto3.client('s3')\n"
      "ddb = boto3.client('dynamodb')\n"
      "def handler(event, context):\n"
      "    p = s3.get_paginator('list_objects_v2')\n"
      "    for page in p.paginate(Bucket='b'): pass\n"
      "    ddb.get_waiter('table_exists').wait(TableName='t')\n"
      "    s3.get_paginator(event['op'])\n"
      "    getattr(ddb, event['op'])(TableName='t')\n"
      "    getattr(s3, 'head_object')(Bucket='b', Key='k')\n"
      "    boto3.client(event['service']).do_thing()\n"
      "    boto3.resource(context.svc)\n"
      "    getattr(helper, event['op'])()\n");
  EXPECT_EQ(Calls(f), (Lines{"client s3 get_paginator:list_objects_v2 in handler",
                             "client dynamodb get_waiter:table_exists in handler",
                             "client s3 head_object in handler Bucket='b' Key='k'"}));
  EXPECT_EQ(Dynamic(f), (Lines{"8 client s3", "9 client dynamodb", "11 client ", "12 resource "}));
}

// ---- boto3 resources -------------------------------------------------------

TEST(PythonFactsResources, SubResourcesCollectionsAndMetaClient) {
  FileFacts f = Facts(
      "import boto3\n"
      "dynamodb = boto3.resource('dynamodb')\n"
      "table = dynamodb.Table('orders')\n"
      "s3 = boto3.Session().resource('s3')\n"
      "def handler(event, context):\n"
      "    table.put_item(Item={'id': 1})\n"
      "    with table.batch_writer() as batch:\n"
      "        batch.put_item(Item={})\n"
      "    table.meta.client.describe_table(TableName='orders')\n"
      "    dynamodb.create_table(TableName='new')\n"
      "    bucket = s3.Bucket('media')\n"
      "    bucket.upload_file('/tmp/x', 'k1')\n"
      "    bucket.objects.filter(Prefix='p').delete()\n"
      "    for o in bucket.objects.all(): pass\n"
      "    s3.Object('media', 'k2').get()\n"
      "    s3.Bucket('b2').Object('k3').put(Body=b'')\n"
      "    s3.meta.client.upload_file('/tmp/y', 'b3', 'k4')\n");
  EXPECT_EQ(Calls(f),
            (Lines{"resource dynamodb Table.put_item in handler TableName='orders'",
                   "resource dynamodb Table.batch_writer in handler TableName='orders'",
                   "client dynamodb describe_table in handler TableName='orders'",
                   "resource dynamodb ServiceResource.create_table in handler TableName='new'",
                   "resource s3 Bucket.upload_file in handler Bucket='media' Key='k1'",
                   "resource s3 Bucket.objects.filter in handler Bucket='media'",
                   "resource s3 Bucket.objects.delete in handler Bucket='media'",
                   "resource s3 Bucket.objects.all in handler Bucket='media'",
                   "resource s3 Object.get in handler Bucket='media' Key='k2'",
                   "resource s3 Object.put in handler Bucket='b2' Key='k3'",
                   "client s3 upload_file in handler Bucket='b3' Key='k4'"}));
}

TEST(PythonFactsResources, QueuesAndTopics) {
  FileFacts f = Facts(
      "import boto3\n"
      "sqs = boto3.resource('sqs')\n"
      "def handler(event, context):\n"
      "    sqs.Queue('https://q').send_message(MessageBody='m')\n"
      "    q = sqs.get_queue_by_name(QueueName='jobs')\n"
      "    q.send_messages(Entries=[])\n"
      "    boto3.resource('sns').Topic(arn='arn:t').publish(Message='m')\n");
  EXPECT_EQ(Calls(f),
            (Lines{"resource sqs Queue.send_message in handler QueueUrl='https://q'",
                   "resource sqs ServiceResource.get_queue_by_name in handler QueueName='jobs'",
                   "resource sqs Queue.send_messages in handler QueueName='jobs'",
                   "resource sns Topic.publish in handler TopicArn='arn:t'"}));
}

TEST(PythonFactsResources, ConstructorArgumentsAndDynamicUses) {
  FileFacts f = Facts(
      "import os\n"
      "import boto3\n"
      "BUCKET = os.environ['BUCKET']\n"
      "ddb = boto3.resource('dynamodb')\n"
      "s3 = boto3.resource('s3')\n"
      "def handler(event, context):\n"
      "    ddb.Table(name=os.getenv('TABLE')).get_item(Key={'id': 1})\n"
      "    s3.Object(bucket_name=BUCKET, key=event['k']).delete()\n"
      "    s3.Bucket(BUCKET).download_file('k', '/tmp/k')\n"
      "    getattr(ddb.Table('t'), event['op'])(Item={})\n"
      "    getattr(ddb.Table('t'), 'delete_item')(Key={})\n");
  EXPECT_EQ(Calls(f), (Lines{"resource dynamodb Table.get_item in handler TableName=env:TABLE",
                             "resource s3 Object.delete in handler Bucket=env:BUCKET Key=?",
                             "resource s3 Bucket.download_file in handler Bucket=env:BUCKET "
                             "Key='k'",
                             "resource dynamodb Table.delete_item in handler TableName='t'"}));
  EXPECT_EQ(Dynamic(f), Lines{"10 resource dynamodb"});
}

TEST(PythonFactsResources, NearMissesGiveNoCall) {
  FileFacts f = Facts(
      "import boto3\n"
      "from mylib import resource\n"
      "db = resource('dynamodb')\n"
      "db.Table('t').put_item(Item={})\n"
      "class Table:\n"
      "    def put_item(self, **kw): pass\n"
      "Table().put_item(Item={})\n"
      "t = boto3.resource('dynamodb').Table('x')\n"
      "t.table_status\n"
      "t.name.upper()\n");
  EXPECT_EQ(Calls(f), Lines{});
}

// ---- Arguments -------------------------------------------------------------

TEST(PythonFactsArgs, LiteralsEnvironmentVariablesAndNamesBoundToThem) {
  FileFacts f = Facts(
      "import os\n"
      "from os import environ, getenv\n"
      "import boto3\n"
      "TABLE = os.environ['TABLE']\n"
      "BUCKET = os.environ.get('BUCKET', 'default')\n"
      "QUEUE = os.getenv('QUEUE')\n"
      "TOPIC = environ['TOPIC']\n"
      "FN = getenv('FN') or 'fallback'\n"
      "NAME = 'fixed'\n"
      "TWICE = 'a'\n"
      "TWICE = 'b'\n"
      "c = boto3.client('dynamodb')\n"
      "def handler(event, context):\n"
      "    local = os.environ[\"LOCAL\"]\n"
      "    c.get_item(TableName=TABLE, Key={'id': '1'})\n"
      "    c.get_item(TableName=BUCKET)\n"
      "    c.get_item(TableName=QUEUE)\n"
      "    c.get_item(TableName=TOPIC)\n"
      "    c.get_item(TableName=FN)\n"
      "    c.get_item(TableName=NAME, IndexName=f'by-date')\n"
      "    c.get_item(TableName=TWICE)\n"
      "    c.get_item(TableName=local)\n"
      "    c.get_item(TableName=f'{NAME}-x')\n"
      "    c.get_item(TableName=event['t'])\n"
      "    c.get_item(TableName='a' 'b', IndexName=r'\\d', Arn='\\x41\\n')\n");
  EXPECT_EQ(Calls(f), (Lines{"client dynamodb get_item in handler TableName=env:TABLE",
                             "client dynamodb get_item in handler TableName=env:BUCKET",
                             "client dynamodb get_item in handler TableName=env:QUEUE",
                             "client dynamodb get_item in handler TableName=env:TOPIC",
                             "client dynamodb get_item in handler TableName=env:FN",
                             "client dynamodb get_item in handler TableName='fixed' "
                             "IndexName='by-date'",
                             "client dynamodb get_item in handler TableName=?",
                             "client dynamodb get_item in handler TableName=env:LOCAL",
                             "client dynamodb get_item in handler TableName=?",
                             "client dynamodb get_item in handler TableName=?",
                             "client dynamodb get_item in handler TableName='ab' "
                             "IndexName='\\d' Arn='A\n'"}));
}

TEST(PythonFactsArgs, NearMissesAreNotEnvironmentVariables) {
  FileFacts f = Facts(
      "import boto3\n"
      "environ = {'T': 'x'}\n"
      "class os:\n"
      "    environ = {}\n"
      "c = boto3.client('sqs')\n"
      "c.send_message(QueueUrl=environ['T'])\n"
      "c.send_message(QueueUrl=os.environ['T'])\n"
      "c.send_message(QueueUrl=settings.environ['T'])\n");
  EXPECT_EQ(Calls(f),
            (Lines{"client sqs send_message QueueUrl='x'", "client sqs send_message QueueUrl=?",
                   "client sqs send_message QueueUrl=?"}));
}

TEST(PythonFactsArgs, PartiQLStatements) {
  FileFacts f = Facts(
      "import boto3\n"
      "ddb = boto3.client('dynamodb')\n"
      "Q = 'UPDATE orders SET a=1'\n"
      "ddb.execute_statement(Statement='SELECT * FROM orders')\n"
      "ddb.execute_statement(Statement=Q)\n"
      "ddb.execute_statement(Statement=f'SELECT * FROM {t}')\n");
  EXPECT_EQ(Calls(f), (Lines{"client dynamodb execute_statement [SELECT * FROM orders]",
                             "client dynamodb execute_statement [UPDATE orders SET a=1]",
                             "client dynamodb execute_statement"}));
}

// ---- Bad input -------------------------------------------------------------

TEST(PythonFactsBadInput, SyntaxErrorsKeepWhatParsed) {
  FileFacts f = Facts(
      "import boto3\n"
      "s3 = boto3.client('s3')\n"
      "def broken(:\n"
      "    s3.get_object(Bucket='a'\n"
      "def handler(event, context):\n"
      "    s3.put_object(Bucket='b', Key='k')\n");
  EXPECT_NE(f.error_line, 0u);
  EXPECT_FALSE(f.error.empty());
  bool found = false;
  for (const SdkCall& c : f.calls) found = found || c.operation == "put_object";
  EXPECT_TRUE(found) << ::testing::PrintToString(Calls(f));
  EXPECT_EQ(Imports(f), Lines{"1 boto3 boto3="});
}

TEST(PythonFactsBadInput, DeepNestingDoesNotOverflowTheStack) {
  for (std::string open : {"(", "[", "f(", "{1:", "not ", "lambda: ", "-"}) {
    std::string text = "import boto3\ns3 = boto3.client('s3')\nx = ";
    for (int i = 0; i < 100'000; ++i) text += open;
    text += "s3.get_object(Bucket='b')\n";
    FileFacts f = Facts(text);
    EXPECT_LE(f.calls.size(), 1u) << open;
  }
  // Nested defs as deep as the grammar takes (Parse refuses lines indented
  // 256 columns or more: PythonIndentedTooDeep).
  std::string defs = "import boto3\n";
  std::string indent;
  for (int i = 0; i < 250; ++i) {
    defs += indent + "def f" + std::to_string(i) + "(c=boto3.client('s3')):\n";
    indent += " ";
  }
  defs += indent + "c.get_object()\n";
  FileFacts f = Facts(defs);
  EXPECT_EQ(f.functions.size(), 250u);
  std::string chain = "import boto3\nx = boto3.client('s3')";
  for (int i = 0; i < 100'000; ++i) chain += ".a()";
  FileFacts g = Facts(chain + "\n");
  ASSERT_FALSE(g.calls.empty());
  EXPECT_EQ(g.calls[0].operation, "a");
}

TEST(PythonFactsBadInput, NonUtf8BytesAreKept) {
  FileFacts f = Facts(
      "import boto3\n"
      "# \xff\xfe comment\n"
      "def h\xc3\x28(e):\n"
      "    boto3.client('s3').get_object(Bucket='\xff\x80', Key='\xe9t\xe9')\n");
  ASSERT_EQ(f.calls.size(), 1u);
  ASSERT_EQ(f.calls[0].args.size(), 2u);
  EXPECT_EQ(f.calls[0].args[0].value.text, "\xff\x80");
  EXPECT_EQ(f.calls[0].args[1].value.text, "\xe9t\xe9");
}

TEST(PythonFactsBadInput, ManyCallSitesAndBindings) {
  // One helper called from 20,000 places with a name bound 20,000 times:
  // each call site and binding is looked at a bounded number of times (a
  // quadratic walk would take minutes here; no wall time is asserted).
  std::string text = "import boto3\ndef put(c, k): c.put_object(Bucket='b', Key=k)\n";
  for (int i = 0; i < 20'000; ++i) {
    text += "x = boto3.client('s3')\nput(x, 'k" + std::to_string(i) + "')\n";
  }
  FileFacts f = Facts(text);
  ASSERT_EQ(f.calls.size(), 1u);
  EXPECT_EQ(Calls(f).front(), "client s3 put_object in put Bucket='b' Key=?");
  ASSERT_EQ(f.functions.size(), 1u);
  EXPECT_TRUE(f.functions[0].callees.empty());
}

TEST(PythonFactsBadInput, LargeDispatchTablesCalledFromManyPlaces) {
  // A table of 5,000 functions called through from 5,000 places: its
  // entries are read once, and each call reaches at most 32 of them.
  std::string text;
  for (int i = 0; i < 5'000; ++i) text += "def f" + std::to_string(i) + "(e): pass\n";
  text += "T = {";
  for (int i = 0; i < 5'000; ++i)
    text += "'k" + std::to_string(i) + "': f" + std::to_string(i) + ", ";
  text += "'self': T}\ndef handler(event):\n";
  for (int i = 0; i < 5'000; ++i) text += "    T[event['k']](event)\n";
  FileFacts f = Facts(text);
  const FunctionDef& handler = f.functions.back();
  ASSERT_EQ(handler.name, "handler");
  EXPECT_EQ(handler.callees.size(), 32u);
  EXPECT_EQ(handler.callees.front(), "f0");
}

TEST(PythonFactsBadInput, EmptyAndBlankFiles) {
  for (const char* text : {"", "\n\n", "# only a comment\n", "\xef\xbb\xbf"}) {
    FileFacts f = Facts(text);
    EXPECT_TRUE(f.calls.empty() && f.imports.empty() && f.functions.empty());
  }
}

}  // namespace
}  // namespace fnwarden::load::code
