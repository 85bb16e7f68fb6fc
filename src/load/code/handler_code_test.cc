#include "load/code/handler_code.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "load/project.h"
#include "util/fs.h"

namespace fnwarden::load::code {
namespace {

// A SAM template with one function per entry: name, runtime, handler, code folder.
std::string Template(const std::vector<std::vector<std::string>>& functions) {
  std::string out =
      "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\n"
      "Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n";
  for (const auto& f : functions) {
    out += "  " + f[0] + ":\n    Type: AWS::Serverless::Function\n    Properties:\n" +
           "      Runtime: " + f[1] + "\n      Handler: " + f[2] + "\n      CodeUri: " + f[3] +
           "\n      Environment:\n        Variables:\n          TABLE: !Ref Orders\n";
  }
  return out;
}

struct Loaded {
  LoadResult result;
  util::DiagnosticSink diags;
  const model::Function* Find(std::string_view id) const {
    for (const model::Model& m : result.models) {
      if (const model::Function* f = m.FindFunction(id)) return f;
    }
    return nullptr;
  }
  std::vector<std::string> Warnings() const {
    std::vector<std::string> out;
    for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
    return out;
  }
};

void Load(const util::FileSystem& fs, Loaded* out, unsigned jobs = 1) {
  LoadOptions options;
  options.jobs = jobs;
  LoadProjects(fs, {"app"}, options, &out->diags, &out->result);
}

std::vector<std::string> Calls(const model::Function& fn) {
  std::vector<std::string> out;
  for (const model::CodeCall& c : fn.code.calls) {
    std::string line = c.operation + "@" + std::string(c.loc.path()) + ":" +
                       std::to_string(c.loc.line) + (c.reached ? "" : " unreached");
    if (!c.resource.pieces.empty() && c.resource.pieces[0].kind == model::Piece::Kind::kResource) {
      line += " on " + c.resource.pieces[0].text;
    } else if (c.resource.known()) {
      line += " on " + c.resource.value;
    }
    out.push_back(line);
  }
  return out;
}

TEST(HandlerCode, FollowsPythonImportsAndTellsReachedCalls) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", Template({{"Api", "python3.12", "app.handler", "src/"}}));
  fs.AddFile("app/src/app.py",
             "from lib.store import save\n"
             "from . import audit\n"
             "def handler(event, context):\n"
             "    return save(event)\n");
  fs.AddFile("app/src/__init__.py", "");
  fs.AddFile(
      "app/src/audit.py",
      "import boto3\n"
      "def unused():\n"
      "    boto3.client('sns').publish(TopicArn='arn:aws:sns:us-east-1:1:t', Message='x')\n");
  fs.AddFile("app/src/lib/__init__.py", "");
  fs.AddFile("app/src/lib/store.py",
             "import os\nimport boto3\n"
             "table = boto3.resource('dynamodb').Table(os.environ['TABLE'])\n"
             "def save(item):\n"
             "    table.put_item(Item=item)\n");
  Loaded l;
  Load(fs, &l);
  const model::Function* fn = l.Find("Api");
  ASSERT_NE(fn, nullptr);
  EXPECT_TRUE(fn->code.analysed);
  EXPECT_FALSE(fn->code.partial) << fn->code.partial_reason;
  EXPECT_EQ(Calls(*fn), (std::vector<std::string>{"PutItem@app/src/lib/store.py:5 on Orders",
                                                  "Publish@app/src/audit.py:3 unreached on "
                                                  "arn:aws:sns:us-east-1:1:t"}));
  // `from . import audit` runs the package's __init__.py too.
  EXPECT_EQ(fn->code.files, (std::vector<std::string>{"app/src/app.py", "app/src/lib/store.py",
                                                      "app/src/__init__.py", "app/src/audit.py"}));
}

TEST(HandlerCode, FollowsJavaScriptImportsOfTypeScriptSources) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", Template({{"Worker", "nodejs22.x", "index.handler", "fn/"}}));
  fs.AddFile("app/fn/index.ts",
             "import { put } from './db.js';\n"
             "export const handler = async (e: {id: string}) => put(e.id);\n");
  fs.AddFile("app/fn/db.ts",
             "import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';\n"
             "const c = new DynamoDBClient({});\n"
             "export async function put(id: string) {\n"
             "  await c.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));\n"
             "}\n");
  Loaded l;
  Load(fs, &l);
  const model::Function* fn = l.Find("Worker");
  ASSERT_NE(fn, nullptr);
  EXPECT_FALSE(fn->code.partial) << fn->code.partial_reason;
  EXPECT_EQ(Calls(*fn), std::vector<std::string>{"PutItem@app/fn/db.ts:4 on Orders"});
}

TEST(HandlerCode, ImportCyclesEndAndEachFileIsReadOnce) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", Template({{"A", "python3.12", "a.handler", "src/"},
                                            {"B", "python3.12", "b.handler", "src/"}}));
  fs.AddFile("app/src/a.py", "import b\ndef handler(e, c):\n    return b.handler(e, c)\n");
  fs.AddFile("app/src/b.py",
             "import a\nimport boto3\ndef handler(e, c):\n"
             "    boto3.client('sqs').send_message(QueueUrl='q', MessageBody='m')\n");
  Loaded l;
  Load(fs, &l);
  ASSERT_NE(l.Find("A"), nullptr);
  EXPECT_EQ(Calls(*l.Find("A")), std::vector<std::string>{"SendMessage@app/src/b.py:4 on q"});
  EXPECT_EQ(Calls(*l.Find("B")), std::vector<std::string>{"SendMessage@app/src/b.py:4 on q"});
  std::vector<std::string> reads = fs.reads();
  EXPECT_EQ(std::count(reads.begin(), reads.end(), "app/src/a.py"), 1);
  EXPECT_EQ(std::count(reads.begin(), reads.end(), "app/src/b.py"), 1);
}

TEST(HandlerCode, WhatCannotBeFollowedMakesTheCodePartial) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", Template({{"Missing", "nodejs22.x", "index.handler", "missing/"},
                                            {"Dynamic", "nodejs22.x", "index.handler", "dynamic/"},
                                            {"Library", "python3.12", "app.handler", "library/"},
                                            {"Computed", "python3.12", "app.handler", "computed/"},
                                            {"Signed", "python3.12", "app.handler", "signed/"}}));
  fs.AddFile("app/signed/app.py",
             "import requests\nfrom requests_aws4auth import AWS4Auth\n"
             "def handler(e, c):\n    return requests.get(e['url'], auth=AWS4Auth('k', 's', 'r', "
             "'es'))\n");
  fs.AddFile("app/missing/index.js", "const u = require('./util');\nexports.handler = u.run;\n");
  fs.AddFile("app/dynamic/index.js",
             "exports.handler = async (e) => (await import(e.plugin)).run();\n");
  fs.AddFile("app/library/app.py",
             "from pynamodb.models import Model\ndef handler(e, c):\n    return 1\n");
  fs.AddFile("app/computed/app.py",
             "import boto3\nddb = boto3.client('dynamodb')\n"
             "def handler(e, c):\n    return getattr(ddb, e['op'])()\n");
  Loaded l;
  Load(fs, &l);
  const model::Function* missing = l.Find("Missing");
  ASSERT_NE(missing, nullptr);
  EXPECT_TRUE(missing->code.partial);
  EXPECT_EQ(missing->code.partial_reason, "app/missing/index.js:1: local module ./util not found");
  EXPECT_TRUE(l.Find("Dynamic")->code.partial);
  // A library that calls DynamoDB itself, and a method computed at run
  // time: that service only.
  EXPECT_FALSE(l.Find("Library")->code.partial);
  EXPECT_EQ(l.Find("Library")->code.partial_services, std::vector<std::string>{"dynamodb"});
  EXPECT_FALSE(l.Find("Computed")->code.Complete("dynamodb"));
  EXPECT_TRUE(l.Find("Computed")->code.Complete("s3"));
  // Requests it signs itself may call any service.
  EXPECT_TRUE(l.Find("Signed")->code.partial);
  EXPECT_EQ(l.Find("Signed")->code.partial_reason,
            "app/signed/app.py:2: the library requests_aws4auth calls AWS itself");
}

// A layer the template builds holds code the handler may import.
TEST(HandlerCode, CodeWithALayerOfTheApplicationIsPartial) {
  util::MemoryFileSystem fs;
  std::string t = Template({{"Api", "python3.12", "app.handler", "src/"},
                            {"Plain", "python3.12", "app.handler", "src/"}});
  t += "      Layers:\n        - !Ref Shared\n  Shared:\n    Type: AWS::Serverless::LayerVersion\n"
       "    Properties:\n      ContentUri: layer/\n";
  fs.AddFile("app/template.yaml", t);
  fs.AddFile("app/src/app.py", "from client import get\ndef handler(e, c):\n    return get()\n");
  fs.AddFile("app/layer/python/client.py", "import boto3\n");
  Loaded l;
  Load(fs, &l);
  ASSERT_NE(l.Find("Plain"), nullptr);
  EXPECT_TRUE(l.Find("Plain")->code.partial);
  EXPECT_EQ(l.Find("Plain")->code.partial_reason,
            "app/src/app.py: its layer Shared holds code that is not read");
  EXPECT_FALSE(l.Find("Api")->code.partial);
}

TEST(HandlerCode, BadFilesGiveADiagnosticAndWhatParsed) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", Template({{"Broken", "python3.12", "app.handler", "broken/"},
                                            {"Huge", "nodejs22.x", "index.handler", "huge/"},
                                            {"Binary", "python3.12", "app.handler", "binary/"}}));
  fs.AddFile("app/broken/app.py",
             "import boto3\ns3 = boto3.client('s3')\n"
             "def handler(e, c):\n    s3.get_object(Bucket='b', Key='k')\n"
             "def oops(:\n    pass\n");
  fs.AddFile("app/huge/index.js", "var x = 1;" + std::string(3 << 20, ' ') + "\n");
  fs.AddFile("app/binary/app.py",
             std::string("def handler(e, c):\n    return '\xff\xfe\x00'\n", 36));
  Loaded l;
  Load(fs, &l);
  const model::Function* broken = l.Find("Broken");
  ASSERT_NE(broken, nullptr);
  EXPECT_EQ(Calls(*broken), std::vector<std::string>{"GetObject@app/broken/app.py:4 on b"});
  EXPECT_TRUE(broken->code.partial);
  EXPECT_FALSE(l.Find("Huge")->code.analysed);
  EXPECT_TRUE(l.Find("Binary")->code.analysed);
  std::vector<std::string> warnings = l.Warnings();
  auto has = [&](std::string_view text) {
    return std::any_of(warnings.begin(), warnings.end(),
                       [&](const std::string& w) { return w.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("app/broken/app.py:5:")) << ::testing::PrintToString(warnings);
  EXPECT_TRUE(has("this code does not parse")) << ::testing::PrintToString(warnings);
  EXPECT_TRUE(has("app/huge/index.js: warning: source file is larger than 2 MiB"))
      << ::testing::PrintToString(warnings);
}

TEST(HandlerCode, ImportsDoNotLeaveTheScanRoots) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", Template({{"Api", "python3.12", "app.handler", "src/"}}));
  fs.AddFile("app/src/app.py",
             "from .. import secrets\nfrom ...outside import x\n"
             "def handler(e, c):\n    return 1\n");
  fs.AddFile("outside/x.py", "import boto3\nboto3.client('iam').create_user(UserName='u')\n");
  Loaded l;
  Load(fs, &l);
  const model::Function* fn = l.Find("Api");
  ASSERT_NE(fn, nullptr);
  EXPECT_TRUE(fn->code.calls.empty());
  std::vector<std::string> reads = fs.reads();
  EXPECT_EQ(std::count(reads.begin(), reads.end(), "outside/x.py"), 0);
}

TEST(HandlerCode, InlineCodePointsIntoTheTemplate) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml",
             "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"
             "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
             "      Runtime: python3.12\n      Handler: index.handler\n"
             "      Role: arn:aws:iam::123456789012:role/r\n"
             "      Code:\n        ZipFile: |\n"
             "          import boto3\n"
             "          def handler(e, c):\n"
             "              boto3.client('s3').list_buckets()\n");
  Loaded l;
  Load(fs, &l);
  const model::Function* fn = l.Find("Fn");
  ASSERT_NE(fn, nullptr);
  ASSERT_EQ(fn->code.calls.size(), 1u);
  EXPECT_EQ(fn->code.calls[0].loc.line, 13u);
  EXPECT_EQ(fn->code.calls[0].loc.col, 15u);
  EXPECT_EQ(fn->code.calls[0].loc.path(), "app/template.yaml");
}

// Two functions with inline code each keep their own; a syntax error in
// one is reported in the template.
TEST(HandlerCode, InlineCodeIsEachFunctionsOwn) {
  util::MemoryFileSystem fs;
  std::string fn =
      "    Type: AWS::Lambda::Function\n    Properties:\n"
      "      Runtime: python3.12\n      Handler: index.handler\n"
      "      Role: arn:aws:iam::123456789012:role/r\n      Code:\n        ZipFile: |\n";
  fs.AddFile("app/template.yaml",
             "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  A:\n" + fn +
                 "          import boto3\n          boto3.client('sqs').list_queues()\n"
                 "  B:\n" +
                 fn +
                 "          import boto3\n          boto3.client('sns').list_topics()\n"
                 "          def broken(:\n");
  Loaded l;
  Load(fs, &l);
  ASSERT_NE(l.Find("A"), nullptr);
  ASSERT_NE(l.Find("B"), nullptr);
  ASSERT_EQ(l.Find("A")->code.calls.size(), 1u);
  ASSERT_EQ(l.Find("B")->code.calls.size(), 1u);
  EXPECT_EQ(l.Find("A")->code.calls[0].service, "sqs");
  EXPECT_EQ(l.Find("B")->code.calls[0].service, "sns");
  std::vector<std::string> warnings = l.Warnings();
  ASSERT_EQ(warnings.size(), 1u) << ::testing::PrintToString(warnings);
  EXPECT_NE(warnings[0].find("app/template.yaml:23:"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("inline code of function B does not parse"), std::string::npos);
}

// Lambda saves inline code as index.py: with a handler in another module,
// the inline text is a placeholder for code deployed otherwise.
TEST(HandlerCode, InlinePlaceholdersAreNotRead) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/template.yaml",
             "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"
             "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
             "      Runtime: python3.12\n      Handler: tool.handler.lambda_handler\n"
             "      Role: arn:aws:iam::123456789012:role/r\n"
             "      Code:\n        ZipFile: |\n"
             "          def lambda_handler(e, c):\n"
             "              return 'deployed by the pipeline'\n");
  Loaded l;
  Load(fs, &l);
  ASSERT_NE(l.Find("Fn"), nullptr);
  EXPECT_FALSE(l.Find("Fn")->code.analysed);
}

// Functions are recorded side by side, and the dependencies read beside the
// code: what each function gets is the same on one job and on several.
TEST(HandlerCode, SequentialAndParallelRecordsAgree) {
  util::MemoryFileSystem fs;
  std::vector<std::vector<std::string>> functions;
  for (int i = 0; i < 24; ++i) {
    std::string dir = "src" + std::to_string(i % 3) + "/";
    functions.push_back(
        {"Fn" + std::to_string(i), "python3.12", "app" + std::to_string(i % 4) + ".handler", dir});
  }
  fs.AddFile("app/template.yaml", Template(functions));
  for (int d = 0; d < 3; ++d) {
    std::string dir = "app/src" + std::to_string(d) + "/";
    for (int h = 0; h < 4; ++h) {
      fs.AddFile(dir + "app" + std::to_string(h) + ".py",
                 "from lib.store import save\nfrom lib import audit\n"
                 "def handler(event, context):\n"
                 "    audit.note(event)\n"
                 "    return save(event)\n");
    }
    fs.AddFile(dir + "lib/__init__.py", "");
    fs.AddFile(dir + "lib/store.py",
               "import os\nimport boto3\n"
               "table = boto3.resource('dynamodb').Table(os.environ['TABLE'])\n"
               "def save(item):\n"
               "    table.put_item(Item=item)\n");
    fs.AddFile(
        dir + "lib/audit.py",
        "import boto3\nfrom .missing import x\n"
        "def note(e):\n"
        "    boto3.client('sns').publish(TopicArn='arn:aws:sns:us-east-1:1:t', Message='x')\n");
    fs.AddFile(dir + "requirements.txt", "boto3==1.34.0\nrequests==2.31.0\n");
  }
  auto records = [&](unsigned jobs) {
    Loaded l;
    Load(fs, &l, jobs);
    std::vector<std::string> out = l.Warnings();
    for (const auto& f : functions) {
      const model::Function* fn = l.Find(f[0]);
      if (fn == nullptr) continue;
      std::string line = f[0] + (fn->code.analysed ? " analysed" : "") +
                         " partial=" + fn->code.partial_reason +
                         " sets=" + std::to_string(fn->package_sets.size()) +
                         " flows=" + std::to_string(fn->code.flows.size());
      for (const std::string& c : Calls(*fn)) line += " " + c;
      for (const std::string& file : fn->code.files) line += " " + file;
      out.push_back(line);
    }
    return out;
  };
  std::vector<std::string> one = records(1);
  ASSERT_EQ(one.size(), 24u);  // no warnings: each function is read whole or said partial
  EXPECT_NE(one.back().find("Fn23 analysed partial=app/src2/lib/audit.py:2: local module"),
            std::string::npos)
      << one.back();
  EXPECT_NE(one.back().find("sets=1"), std::string::npos) << one.back();
  EXPECT_NE(one.back().find("PutItem@app/src2/lib/store.py:5 on Orders"), std::string::npos)
      << one.back();
  EXPECT_EQ(one, records(4));
}

}  // namespace
}  // namespace fnwarden::load::code
