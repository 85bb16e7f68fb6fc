// The same handler code behind different triggers: whether a flow is
// reported, how severe it is and what its message says come from the
// trigger, as the model knows it.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "scan_output.h"
#include "test_util.h"

namespace fnwarden {
namespace {

using testing::CommandResult;
using testing::JsonFinding;
using testing::ParseScanOutput;
using testing::ScanOutput;
using testing::ScratchDir;

constexpr char kCode[] =
    "import os\n"
    "def handler(event, context):\n"
    "    os.system('convert ' + event['queryStringParameters']['size'])\n";

TEST(CodeFlows, TheTriggerDecidesSeverityAndWords) {
  ScratchDir dir;
  dir.Write("template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Handler: app.handler
    CodeUri: src/
Resources:
  PublicFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Resize:
          Type: Api
          Properties:
            Path: /resize
            Method: get
  InternalFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Resize:
          Type: Api
          Properties:
            Path: /internal/resize
            Method: get
            Auth:
              Authorizer: AWS_IAM
  ScheduledFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
)");
  dir.Write("src/app.py", kCode);
  CommandResult r = dir.Run({"scan", "--format", "json", "--only", "FNW-CODE-001"});
  ScanOutput out = ParseScanOutput(r.out);
  ASSERT_TRUE(out.ok) << r.out << r.err;
  std::map<std::string, const JsonFinding*> by_function;
  for (const JsonFinding& f : out.findings) by_function[f.resource] = &f;
  ASSERT_EQ(by_function.size(), 2u) << r.out;  // nothing for the scheduled function
  const JsonFinding& pub = *by_function.at("PublicFunction");
  const JsonFinding& internal = *by_function.at("InternalFunction");
  EXPECT_EQ(pub.severity, "critical");
  EXPECT_EQ(internal.severity, "medium");
  EXPECT_EQ(pub.line, 3u);
  EXPECT_NE(pub.message.find("GET /resize → PublicFunction: the query parameter `size` reaches "
                             "os.system() at src/app.py:3 (anyone on the internet can send it)"),
            std::string::npos)
      << pub.message;
  EXPECT_NE(internal.message.find("GET /internal/resize → InternalFunction: the query parameter "
                                  "`size` reaches os.system() at src/app.py:3 (only AWS-signed "
                                  "callers or AWS services send it)"),
            std::string::npos)
      << internal.message;
}

}  // namespace
}  // namespace fnwarden
