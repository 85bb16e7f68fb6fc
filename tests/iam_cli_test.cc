// `fnwarden iam` end to end through the real binary: expand, simulate and
// permissions on small projects written into a temporary folder.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/iam/catalog.h"
#include "test_util.h"

namespace fnwarden {
namespace {

using testing::CommandResult;
using testing::RunFnwarden;

// Line numbers matter: the tests below cite the statements by position.
//   16:15 ReadOrders    Allow s3:GetObject, s3:ListBucket on the bucket and its objects
//   22:15 PutFromOffice Allow s3:PutObject on objects, only from 10.0.0.0/8
//   29:15 NoDeletes     Deny s3:DeleteObject on *
//   33:15 Cleanup       Allow s3:Delete* on objects
//   44:11               ReportsFunction's DynamoDBReadPolicy
constexpr const char* kTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: orders-bucket
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Sid: ReadOrders
              Effect: Allow
              Action: ["s3:GetObject", "s3:ListBucket"]
              Resource:
                - !Sub "${OrdersBucket.Arn}/*"
                - !GetAtt OrdersBucket.Arn
            - Sid: PutFromOffice
              Effect: Allow
              Action: s3:PutObject
              Resource: !Sub "${OrdersBucket.Arn}/*"
              Condition:
                IpAddress:
                  aws:SourceIp: 10.0.0.0/8
            - Sid: NoDeletes
              Effect: Deny
              Action: s3:DeleteObject
              Resource: "*"
            - Sid: Cleanup
              Effect: Allow
              Action: s3:Delete*
              Resource: !Sub "${OrdersBucket.Arn}/*"
  ReportsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - DynamoDBReadPolicy:
            TableName: reports
)";

constexpr const char* kObject = "arn:aws:s3:::orders-bucket/2024/order.json";

// A scratch folder that the binary runs in, so paths are short and relative.
class Scratch {
 public:
  Scratch() {
    char name[] = "/tmp/fnwarden-iam-cli-test-XXXXXX";
    dir_ = ::mkdtemp(name);
  }
  ~Scratch() { std::filesystem::remove_all(dir_); }

  void Write(const std::string& rel, const std::string& text) const {
    std::filesystem::path p = std::filesystem::path(dir_) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  CommandResult Run(const std::vector<std::string>& args) const {
    std::string old = std::filesystem::current_path();
    std::filesystem::current_path(dir_);
    CommandResult r = RunFnwarden(args);
    std::filesystem::current_path(old);
    return r;
  }

 private:
  std::string dir_;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

CommandResult Simulate(const Scratch& s, std::vector<std::string> extra) {
  std::vector<std::string> args = {"iam", "simulate", "--function", "OrdersFunction"};
  args.insert(args.end(), extra.begin(), extra.end());
  return s.Run(args);
}

// ---------------------------------------------------------------- expand

TEST(IamExpand, ExactActionsWithTheirLevels) {
  CommandResult r = RunFnwarden({"iam", "expand", "s3:listbucket", "S3:GetObject"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Catalog order and the catalog's spelling, whatever case was asked for.
  EXPECT_EQ(r.out, "s3:GetObject   Read\ns3:ListBucket  List\n");
}

TEST(IamExpand, WildcardMatchesTheCatalogAndDeduplicates) {
  CommandResult r = RunFnwarden({"iam", "expand", "s3:Get*", "s3:GetObject"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<analysis::iam::ActionInfo> want = analysis::iam::Catalog::Get().Expand("s3:Get*");
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    std::istringstream fields(lines[i]);
    std::string name, level;
    fields >> name >> level;
    EXPECT_EQ(name, want[i].name);
    EXPECT_EQ(level, analysis::iam::AccessLevelName(want[i].level)) << name;
  }
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) { return l.starts_with("s3:GetObject "); }),
            1);
}

TEST(IamExpand, Json) {
  CommandResult r = RunFnwarden({"iam", "expand", "--format", "json", "lambda:Invoke*"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(simdjson::padded_string(r.out)).get(root), simdjson::SUCCESS);
  bool saw_invoke = false;
  for (simdjson::dom::element a : root["actions"].get_array()) {
    std::string_view name = a["action"];
    EXPECT_TRUE(name.starts_with("lambda:Invoke")) << name;
    EXPECT_EQ(std::string_view(a["service"]), "lambda");
    if (name == "lambda:InvokeFunction") {
      saw_invoke = true;
      EXPECT_EQ(std::string_view(a["access_level"]), "Write");
      EXPECT_FALSE(bool(a["wildcard_only"]));
    }
  }
  EXPECT_TRUE(saw_invoke);
}

TEST(IamExpand, PatternMatchingNothingSuggests) {
  CommandResult r = RunFnwarden({"iam", "expand", "s3:Gte*"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "fnwarden iam expand: error: 's3:Gte*' matches no action; did you mean s3:Get*?\n");
  EXPECT_TRUE(
      Has(RunFnwarden({"iam", "expand", "s4:GetObject"}).err, "did you mean s3:GetObject?"));
  EXPECT_TRUE(
      Has(RunFnwarden({"iam", "expand", "s3:GetObjcet"}).err, "did you mean s3:GetObject?"));
  CommandResult bare = RunFnwarden({"iam", "expand", "GetObject"});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_TRUE(Has(bare.err, "an action is service:name")) << bare.err;
}

TEST(Iam, HelpAndMistypedSubcommand) {
  CommandResult h = RunFnwarden({"help", "iam"});
  EXPECT_EQ(h.exit_code, 0);
  for (const char* sub : {"simulate", "expand", "permissions"}) EXPECT_TRUE(Has(h.out, sub)) << sub;
  CommandResult m = RunFnwarden({"iam", "permisions"});
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_TRUE(Has(m.err, "did you mean 'permissions'?")) << m.err;
  EXPECT_TRUE(Has(RunFnwarden({"help"}).out, "  iam "));
}

// ---------------------------------------------------------------- simulate --function

TEST(IamSimulate, FunctionAllowedWithTheDecidingStatement) {
  Scratch s;
  s.Write("template.yaml", kTemplate);
  CommandResult r = Simulate(s, {"--action", "s3:GetObject", "--resource", kObject});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], std::string("Allowed: s3:GetObject on ") + kObject);
  EXPECT_TRUE(Has(r.out, "template.yaml:16:15: Allow s3:GetObject and s3:ListBucket")) << r.out;
  EXPECT_TRUE(Has(r.out, "(Sid ReadOrders)"));
  EXPECT_FALSE(Has(r.out, "template.yaml:22")) << r.out;  // PutFromOffice plays no part
}

TEST(IamSimulate, ConditionKeysDecideOrLeaveItConditional) {
  Scratch s;
  s.Write("template.yaml", kTemplate);
  CommandResult open = Simulate(s, {"--action", "s3:PutObject", "--resource", kObject});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  EXPECT_TRUE(open.out.starts_with("Conditional: s3:PutObject")) << open.out;
  EXPECT_TRUE(Has(open.out, "template.yaml:22:15: Allow s3:PutObject"));
  EXPECT_TRUE(Has(open.out, "unknown in this request: aws:SourceIp")) << open.out;

  CommandResult inside = Simulate(
      s, {"--action", "s3:PutObject", "--resource", kObject, "--context", "aws:SourceIp=10.1.2.3"});
  EXPECT_TRUE(inside.out.starts_with("Allowed: ")) << inside.out;
  CommandResult outside = Simulate(s, {"--action", "s3:PutObject", "--resource", kObject,
                                       "--context", "aws:SourceIp=192.168.0.1"});
  EXPECT_TRUE(outside.out.starts_with("ImplicitlyDenied: ")) << outside.out;
  CommandResult closed =
      Simulate(s, {"--action", "s3:PutObject", "--resource", kObject, "--closed-context"});
  EXPECT_TRUE(closed.out.starts_with("ImplicitlyDenied: ")) << closed.out;
}

TEST(IamSimulate, ExplicitDenyWinsOverAWildcardAllow) {
  Scratch s;
  s.Write("template.yaml", kTemplate);
  CommandResult r = Simulate(s, {"--action", "s3:DeleteObject", "--resource", kObject});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("ExplicitlyDenied: ")) << r.out;
  EXPECT_TRUE(Has(r.out, "template.yaml:29:15: Deny s3:DeleteObject on *")) << r.out;
  EXPECT_FALSE(Has(r.out, "template.yaml:33")) << r.out;
  // The same wildcard allows a neighbour the deny does not name.
  CommandResult version =
      Simulate(s, {"--action", "s3:DeleteObjectVersion", "--resource", kObject});
  EXPECT_TRUE(version.out.starts_with("Allowed: ")) << version.out;
  EXPECT_TRUE(Has(version.out, "template.yaml:33:15")) << version.out;
}

TEST(IamSimulate, Json) {
  Scratch s;
  s.Write("template.yaml", kTemplate);
  CommandResult r = s.Run(
      {"iam", "simulate", "--function", "ReportsFunction", "--action", "dynamodb:Query",
       "--resource", "arn:aws:dynamodb:us-east-1:123456789012:table/reports", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(simdjson::padded_string(r.out)).get(root), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(root["decision"]), "Allowed");
  simdjson::dom::array statements = root["statements"];
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(std::string_view(statements.at(0)["file"]), "template.yaml");
  EXPECT_EQ(int64_t(statements.at(0)["line"]), 44);
  EXPECT_EQ(std::string_view(statements.at(0)["policy"]), "DynamoDBReadPolicy");
  // A table the policy does not name.
  CommandResult other =
      s.Run({"iam", "simulate", "--function", "ReportsFunction", "--action", "dynamodb:Query",
             "--resource", "arn:aws:dynamodb:us-east-1:123456789012:table/orders"});
  EXPECT_TRUE(other.out.starts_with("ImplicitlyDenied: ")) << other.out;
}

// ---------------------------------------------------------------- simulate --policy

constexpr const char* kPolicyJson = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"},
    {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::data/*",
     "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}}
  ]
}
)";

constexpr const char* kQueuePolicyYaml = R"(Version: "2012-10-17"
Statement:
  - Effect: Allow
    Principal: {AWS: "arn:aws:iam::111122223333:role/sender"}
    Action: sqs:SendMessage
    Resource: "*"
)";

TEST(IamSimulate, PolicyFileWithMultiValuedContext) {
  Scratch s;
  s.Write("policy.json", kPolicyJson);
  auto run = [&](std::vector<std::string> keys) {
    std::vector<std::string> args = {"iam",         "simulate",           "--policy",
                                     "policy.json", "--action",           "s3:GetObject",
                                     "--resource",  "arn:aws:s3:::data/a"};
    for (const std::string& k : keys) {
      args.push_back("--context");
      args.push_back("aws:TagKeys=" + k);
    }
    return s.Run(args);
  };
  CommandResult both = run({"team", "env"});
  ASSERT_EQ(both.exit_code, 0) << both.err;
  EXPECT_TRUE(both.out.starts_with("Allowed: ")) << both.out;
  EXPECT_TRUE(Has(both.out, "policy.json:5:5: Allow s3:Get*")) << both.out;
  EXPECT_TRUE(run({"team", "owner"}).out.starts_with("ImplicitlyDenied: "));
  EXPECT_TRUE(run({}).out.starts_with("Conditional: "));
}

TEST(IamSimulate, CrossAccountNeedsTheResourcePolicy) {
  Scratch s;
  s.Write("policy.json", kPolicyJson);
  s.Write("queue-policy.yaml", kQueuePolicyYaml);
  std::vector<std::string> args = {"iam",         "simulate",
                                   "--policy",    "policy.json",
                                   "--action",    "sqs:SendMessage",
                                   "--resource",  "arn:aws:sqs:us-east-1:444455556666:orders",
                                   "--principal", "arn:aws:iam::111122223333:role/sender"};
  CommandResult alone = s.Run(args);
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_TRUE(alone.out.starts_with("ImplicitlyDenied: ")) << alone.out;
  args.insert(args.end(), {"--resource-policy", "queue-policy.yaml"});
  CommandResult with = s.Run(args);
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_TRUE(with.out.starts_with("Allowed: ")) << with.out;
  EXPECT_TRUE(Has(with.out, "policy.json:4:5: Allow sqs:SendMessage on *, identity policy"));
  EXPECT_TRUE(Has(with.out, "queue-policy.yaml:3:5: Allow sqs:SendMessage on *, resource policy"))
      << with.out;
}

TEST(IamSimulate, BoundaryLimitsTheGrant) {
  Scratch s;
  s.Write("policy.json", kPolicyJson);
  s.Write("boundary.json",
          R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", )"
          R"("Resource": "*"}]})");
  CommandResult r = s.Run({"iam", "simulate", "--policy", "policy.json", "--boundary",
                           "boundary.json", "--action", "sqs:SendMessage", "--resource",
                           "arn:aws:sqs:us-east-1:444455556666:orders"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("ImplicitlyDenied: ")) << r.out;
  // The policy allows it: the answer says what denies it.
  EXPECT_TRUE(Has(r.out, "the role's policies allow it, but the permissions boundary does not"))
      << r.out;
}

// BoundedFunction's boundary is a ManagedPolicy of the template that allows
// only s3 (line 10); TeamFunction's is a parameter without a default.
constexpr const char* kBoundaryTemplate = R"(Transform: AWS::Serverless-2016-10-31
Parameters:
  TeamBoundary: {Type: String}
Resources:
  S3Only:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: "s3:*", Resource: "*"}
  BoundedFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      PermissionsBoundary: !Ref S3Only
      Policies:
        - Statement:
            - {Effect: Allow, Action: ["s3:GetObject", "sqs:SendMessage"], Resource: "*"}
  TeamFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      PermissionsBoundary: !Ref TeamBoundary
      Policies:
        - Statement:
            - {Effect: Allow, Action: ["s3:GetObject", "sqs:SendMessage"], Resource: "*"}
)";

TEST(IamSimulate, BoundaryOfTheTemplateLimitsTheFunction) {
  Scratch s;
  s.Write("template.yaml", kBoundaryTemplate);
  auto simulate = [&](const std::string& fn, const std::string& action, const std::string& arn) {
    return s.Run({"iam", "simulate", "--function", fn, "--action", action, "--resource", arn});
  };
  const std::string queue = "arn:aws:sqs:us-east-1:123456789012:orders";
  CommandResult sqs = simulate("BoundedFunction", "sqs:SendMessage", queue);
  ASSERT_EQ(sqs.exit_code, 0) << sqs.err;
  EXPECT_TRUE(sqs.out.starts_with("ImplicitlyDenied: sqs:SendMessage")) << sqs.out;
  EXPECT_TRUE(Has(sqs.out, "but the permissions boundary does not")) << sqs.out;
  EXPECT_FALSE(Has(sqs.out, "no statement allows it")) << sqs.out;
  CommandResult s3 = simulate("BoundedFunction", "s3:GetObject", kObject);
  EXPECT_TRUE(s3.out.starts_with("Allowed: s3:GetObject")) << s3.out;
  EXPECT_TRUE(Has(s3.out, "template.yaml:10:13: Allow s3:* on *, boundary policy S3Only"))
      << s3.out;
  // A boundary fnwarden cannot read leaves the answer open.
  CommandResult team = simulate("TeamFunction", "sqs:SendMessage", queue);
  EXPECT_TRUE(team.out.starts_with("Conditional: sqs:SendMessage")) << team.out;
  EXPECT_TRUE(Has(team.out, "template.yaml:27:28: the permissions boundary could not be read"))
      << team.out;
}

TEST(IamPermissions, BoundaryOfTheTemplateLimitsTheFunction) {
  Scratch s;
  s.Write("template.yaml", kBoundaryTemplate);
  CommandResult r = s.Run({"iam", "permissions", "BoundedFunction"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "s3:GetObject")) << r.out;
  // Outside the boundary: the function's own sqs grant and the logs of SAM's
  // basic execution role.
  EXPECT_FALSE(Has(r.out, "sqs:")) << r.out;
  EXPECT_FALSE(Has(r.out, "logs:")) << r.out;
  EXPECT_FALSE(Has(r.out, "could not be read")) << r.out;
  CommandResult team = s.Run({"iam", "permissions", "TeamFunction"});
  ASSERT_EQ(team.exit_code, 0) << team.err;
  EXPECT_TRUE(Has(team.out, "sqs:SendMessage")) << team.out;
  EXPECT_TRUE(Has(team.out, "note: template.yaml:27:28: the permissions boundary could not be "
                            "read: every grant is conditional"))
      << team.out;
}

// ---------------------------------------------------------------- permissions

TEST(IamPermissions, GroupedByServiceAndLevel) {
  Scratch s;
  s.Write("template.yaml", kTemplate);
  CommandResult r = s.Run({"iam", "permissions", "OrdersFunction"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "function OrdersFunction (template.yaml:8:3), role OrdersFunctionRole");
  // Sections in catalog order: logs (the SAM basic execution role), then s3.
  auto at = [&](const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) - lines.begin();
  };
  auto logs = at("logs (Amazon CloudWatch Logs)");
  auto s3 = at("s3 (Amazon S3)");
  ASSERT_LT(logs, static_cast<long>(lines.size())) << r.out;
  ASSERT_LT(s3, static_cast<long>(lines.size())) << r.out;
  EXPECT_LT(logs, s3);
  EXPECT_FALSE(Has(r.out, "dynamodb")) << r.out;  // ReportsFunction's, not this one's
  auto read = std::find(lines.begin() + s3, lines.end(), "  Read");
  ASSERT_NE(read, lines.end());
  EXPECT_TRUE(Has(*(read + 1), "s3:GetObject")) << *(read + 1);
  EXPECT_TRUE(Has(*(read + 1), "arn:aws:s3:::orders-bucket/*")) << *(read + 1);
  EXPECT_TRUE(Has(*(read + 1), "template.yaml:16:15")) << *(read + 1);
  // Denied by NoDeletes although Cleanup's s3:Delete* covers it.
  EXPECT_FALSE(Has(r.out, "s3:DeleteObject ")) << r.out;
  EXPECT_TRUE(Has(r.out, "s3:DeleteObjectVersion ")) << r.out;
  EXPECT_TRUE(Has(r.out, "  Tagging")) << r.out;  // s3:DeleteObjectTagging
  auto put = std::find_if(lines.begin(), lines.end(),
                          [](const std::string& l) { return Has(l, "s3:PutObject "); });
  ASSERT_NE(put, lines.end());
  EXPECT_TRUE(Has(*put, "template.yaml:22:15")) << *put;
  EXPECT_TRUE(Has(*put, "conditional on aws:SourceIp")) << *put;
}

TEST(IamPermissions, Json) {
  Scratch s;
  s.Write("template.yaml", kTemplate);
  CommandResult r = s.Run({"iam", "permissions", "ReportsFunction", ".", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(simdjson::padded_string(r.out)).get(root), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(root["function"]), "ReportsFunction");
  EXPECT_EQ(std::string_view(root["role"]), "ReportsFunctionRole");
  std::vector<std::string> services;
  bool saw_get_item = false;
  for (simdjson::dom::element svc : root["services"].get_array()) {
    services.emplace_back(std::string_view(svc["service"]));
    for (simdjson::dom::element level : svc["levels"].get_array()) {
      std::string_view level_name = level["level"];
      for (simdjson::dom::element action : level["actions"].get_array()) {
        std::string_view name = action["action"];
        auto info = analysis::iam::Catalog::Get().FindAction(name);
        ASSERT_TRUE(info.has_value()) << name;
        EXPECT_EQ(level_name, analysis::iam::AccessLevelName(info->level)) << name;
        if (name != "dynamodb:GetItem") continue;
        saw_get_item = true;
        simdjson::dom::element grant = action["grants"].at(0);
        EXPECT_EQ(std::string_view(grant["resource"]),
                  "arn:aws:dynamodb:us-east-1:123456789012:table/reports");
        EXPECT_EQ(std::string_view(grant["decision"]), "Allowed");
        EXPECT_EQ(int64_t(grant["line"]), 44);
      }
    }
  }
  EXPECT_TRUE(saw_get_item);
  EXPECT_EQ(services, (std::vector<std::string>{"dynamodb", "logs"}));
}

TEST(IamPermissions, RoleOutsideTheProjectIsUnknownNotEmpty) {
  Scratch s;
  s.Write("template.yaml", R"(Transform: AWS::Serverless-2016-10-31
Resources:
  ExternalFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Role: arn:aws:iam::123456789012:role/shared
)");
  CommandResult p = s.Run({"iam", "permissions", "ExternalFn"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_TRUE(Has(p.out, "no permissions fnwarden can see")) << p.out;
  EXPECT_TRUE(Has(p.out,
                  "note: template.yaml:9:13: the role of ExternalFn "
                  "(arn:aws:iam::123456789012:role/shared) is not defined in this project"))
      << p.out;
  CommandResult sim = s.Run({"iam", "simulate", "--function", "ExternalFn", "--action",
                             "s3:GetObject", "--resource", kObject});
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  EXPECT_TRUE(sim.out.starts_with("Conditional: ")) << sim.out;
  EXPECT_TRUE(Has(sim.out, "is not defined in this project")) << sim.out;
}

// ---------------------------------------------------------------- other principals

// Principals other than functions. Line numbers matter:
//    4:3  PipelineRole, Pipeline's (a state machine); 16:17 its statement
//   24:3  WorkerRole (RoleName worker-role), which Worker and Cleaner share;
//         37:17 its statement
//   54:3  Readers, a group with a user; 61:17 its statement
//   64:3  Analyst (UserName analyst), in Readers; 73:17 its own statement
//   76:3  Auditors, a group without users
//   86:3  TaggingPolicy, attached to nothing
//   94:3, 102:3  GuestRole and MemberRole, both of identity pool Visitors
constexpr const char* kPrincipalsTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  PipelineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: states.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: lambda:InvokeFunction
                Resource: !GetAtt Worker.Arn
  Pipeline:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt PipelineRole.Arn
      DefinitionString: "{}"
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: worker-role
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: queue
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: "*"
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Role: !GetAtt WorkerRole.Arn
  Cleaner:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Role: !GetAtt WorkerRole.Arn
  Readers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: arn:aws:s3:::reports/*
  Analyst:
    Type: AWS::IAM::User
    Properties:
      UserName: analyst
      Groups: [!Ref Readers]
      Policies:
        - PolicyName: own
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: dynamodb:Query
                Resource: arn:aws:dynamodb:us-east-1:123456789012:table/reports
  Auditors:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: trail
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: cloudtrail:LookupEvents
                Resource: "*"
  TaggingPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:PutObjectTagging
            Resource: arn:aws:s3:::reports/*
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
  MemberRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
  Visitors:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: true
  VisitorRoles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Visitors
      Roles:
        unauthenticated: !GetAtt GuestRole.Arn
        authenticated: !GetAtt MemberRole.Arn
)";

TEST(IamPermissions, StateMachineStandsForItsRole) {
  Scratch s;
  s.Write("template.yaml", kPrincipalsTemplate);
  CommandResult by_use = s.Run({"iam", "permissions", "Pipeline"});
  ASSERT_EQ(by_use.exit_code, 0) << by_use.err;
  std::vector<std::string> lines = Lines(by_use.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "role PipelineRole (template.yaml:4:3), assumed by states.amazonaws.com for state "
            "machine Pipeline");
  EXPECT_TRUE(Has(by_use.out, "lambda:InvokeFunction")) << by_use.out;
  EXPECT_TRUE(Has(by_use.out, "template.yaml:16:17")) << by_use.out;
  // The role by its own logical ID: the same listing.
  CommandResult by_id = s.Run({"iam", "permissions", "PipelineRole"});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.err;
  EXPECT_EQ(by_id.out, by_use.out);
}

TEST(IamPermissions, RoleOfFunctionsByLogicalIdOrName) {
  Scratch s;
  s.Write("template.yaml", kPrincipalsTemplate);
  CommandResult role = s.Run({"iam", "permissions", "WorkerRole"});
  ASSERT_EQ(role.exit_code, 0) << role.err;
  EXPECT_TRUE(role.out.starts_with(
      "role WorkerRole (template.yaml:24:3), assumed by functions Worker and Cleaner\n"))
      << role.out;
  EXPECT_TRUE(Has(role.out, "sqs:SendMessage")) << role.out;
  EXPECT_TRUE(Has(role.out, "template.yaml:37:17")) << role.out;
  CommandResult by_name = s.Run({"iam", "permissions", "worker-role"});
  ASSERT_EQ(by_name.exit_code, 0) << by_name.err;
  EXPECT_EQ(by_name.out, role.out);
  // A function keeps its own header.
  CommandResult fn = s.Run({"iam", "permissions", "Cleaner"});
  ASSERT_EQ(fn.exit_code, 0) << fn.err;
  EXPECT_TRUE(fn.out.starts_with("function Cleaner (template.yaml:47:3), role WorkerRole\n"))
      << fn.out;
  EXPECT_TRUE(Has(fn.out, "sqs:SendMessage")) << fn.out;
}

TEST(IamPermissions, UserWithTheGrantsOfItsGroups) {
  Scratch s;
  s.Write("template.yaml", kPrincipalsTemplate);
  CommandResult r = s.Run({"iam", "permissions", "Analyst"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "IAM user Analyst (template.yaml:64:3), named analyst, in IAM group Readers");
  auto line_of = [&](const std::string& action) {
    auto it = std::find_if(lines.begin(), lines.end(),
                           [&](const std::string& l) { return Has(l, action + " "); });
    return it == lines.end() ? std::string() : *it;
  };
  std::string own = line_of("dynamodb:Query");
  EXPECT_TRUE(Has(own, "template.yaml:73:17")) << r.out;
  EXPECT_FALSE(Has(own, "(")) << own;  // its own inline policy: no label
  std::string from_group = line_of("s3:GetObject");
  EXPECT_TRUE(Has(from_group, "arn:aws:s3:::reports/* ")) << r.out;
  EXPECT_TRUE(Has(from_group, "template.yaml:61:17 (IAM group Readers)")) << r.out;
  CommandResult by_name = s.Run({"iam", "permissions", "analyst"});
  ASSERT_EQ(by_name.exit_code, 0) << by_name.err;
  EXPECT_EQ(by_name.out, r.out);

  CommandResult json = s.Run({"iam", "permissions", "Analyst", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(simdjson::padded_string(json.out)).get(root), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(root["principal"]), "Analyst");
  EXPECT_EQ(std::string_view(root["kind"]), "user");
  EXPECT_TRUE(root["function"].is_null());
  EXPECT_TRUE(root["role"].is_null());
  EXPECT_EQ(int64_t(root["line"]), 64);
  std::vector<std::string> owners;
  for (simdjson::dom::element svc : root["services"].get_array()) {
    for (simdjson::dom::element level : svc["levels"].get_array()) {
      for (simdjson::dom::element action : level["actions"].get_array()) {
        for (simdjson::dom::element grant : action["grants"].get_array()) {
          owners.emplace_back(std::string_view(grant["owner"]));
        }
      }
    }
  }
  EXPECT_EQ(owners, (std::vector<std::string>{"IAM user Analyst", "IAM group Readers"}));
}

TEST(IamPermissions, GroupWithoutUsersAndStandalonePolicy) {
  Scratch s;
  s.Write("template.yaml", kPrincipalsTemplate);
  CommandResult group = s.Run({"iam", "permissions", "Auditors"});
  ASSERT_EQ(group.exit_code, 0) << group.err;
  EXPECT_TRUE(
      group.out.starts_with("IAM group Auditors (template.yaml:76:3), for any user added to it\n"))
      << group.out;
  EXPECT_TRUE(Has(group.out, "cloudtrail:LookupEvents")) << group.out;
  CommandResult policy = s.Run({"iam", "permissions", "TaggingPolicy"});
  ASSERT_EQ(policy.exit_code, 0) << policy.err;
  EXPECT_TRUE(policy.out.starts_with(
      "policy TaggingPolicy (template.yaml:86:3), for any principal it is attached to\n"))
      << policy.out;
  EXPECT_TRUE(Has(policy.out, "s3:PutObjectTagging")) << policy.out;
}

TEST(IamErrors, UnknownPrincipalListsTheCloseOnes) {
  Scratch s;
  s.Write("template.yaml", kPrincipalsTemplate);
  CommandResult typo = s.Run({"iam", "permissions", "PipelineRol"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.out, "");
  EXPECT_EQ(typo.err,
            "fnwarden iam permissions: error: no function or other principal 'PipelineRol' in .; "
            "did you mean PipelineRole (role) or Pipeline (state machine)?\n");
  // Nothing close: the principals there are.
  CommandResult far = s.Run({"iam", "permissions", "Nothing"});
  EXPECT_EQ(far.exit_code, 2);
  // Logical IDs only: no RoleName, UserName or FunctionName.
  EXPECT_TRUE(Has(far.err,
                  "'Nothing' in .; the principals there: Worker (function), Cleaner "
                  "(function), WorkerRole (role), PipelineRole (role), Pipeline (state "
                  "machine), "))
      << far.err;
  EXPECT_FALSE(Has(far.err, "worker-role")) << far.err;
}

TEST(IamErrors, NameOfSeveralPrincipals) {
  Scratch s;
  s.Write("template.yaml", kPrincipalsTemplate);
  // An identity pool has a role for guests and one for signed-in users.
  CommandResult pool = s.Run({"iam", "permissions", "Visitors"});
  EXPECT_EQ(pool.exit_code, 2);
  EXPECT_TRUE(Has(pool.err,
                  "'Visitors' names several principals (role GuestRole at "
                  "template.yaml:94; role MemberRole at template.yaml:102)"))
      << pool.err;
  // A group with users is seen through them.
  CommandResult group = s.Run({"iam", "permissions", "Readers"});
  EXPECT_EQ(group.exit_code, 2);
  EXPECT_EQ(group.err,
            "fnwarden iam permissions: error: IAM group 'Readers' is not a principal of its own: "
            "its policies are part of the permissions of its users (Analyst); name one of them\n");
}

// ---------------------------------------------------------------- errors

TEST(IamErrors, UnknownFunctionSuggests) {
  Scratch s;
  s.Write("template.yaml", kTemplate);
  CommandResult p = s.Run({"iam", "permissions", "OrderFunction"});
  EXPECT_EQ(p.exit_code, 2);
  EXPECT_EQ(p.out, "");
  EXPECT_EQ(p.err,
            "fnwarden iam permissions: error: no function or other principal 'OrderFunction' in "
            ".; did you mean OrdersFunction (function)?\n");
  CommandResult sim =
      s.Run({"iam", "simulate", "--function", "ReportFunction", "--action", "dynamodb:Query"});
  EXPECT_EQ(sim.exit_code, 2);
  EXPECT_TRUE(Has(sim.err, "did you mean ReportsFunction?")) << sim.err;
}

TEST(IamErrors, SameFunctionInTwoProjects) {
  Scratch s;
  s.Write("a/template.yaml", kTemplate);
  s.Write("b/template.yaml", kTemplate);
  CommandResult r = s.Run({"iam", "permissions", "OrdersFunction"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Has(r.err, "a/template.yaml:8")) << r.err;
  EXPECT_TRUE(Has(r.err, "b/template.yaml:8")) << r.err;
  CommandResult one = s.Run({"iam", "permissions", "OrdersFunction", "b"});
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_TRUE(Has(one.out, "b/template.yaml:16:15")) << one.out;
}

TEST(IamErrors, SimulateUsage) {
  Scratch s;
  s.Write("template.yaml", kTemplate);
  s.Write("policy.json", kPolicyJson);
  CommandResult no_action = s.Run({"iam", "simulate", "--function", "OrdersFunction"});
  EXPECT_EQ(no_action.exit_code, 2);
  EXPECT_TRUE(Has(no_action.err, "--action is required")) << no_action.err;
  CommandResult neither = s.Run({"iam", "simulate", "--action", "s3:GetObject"});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_TRUE(Has(neither.err, "give either --policy FILE or --function NAME")) << neither.err;
  CommandResult typo =
      s.Run({"iam", "simulate", "--policy", "policy.json", "--action", "s3:GetObjekt"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_TRUE(Has(typo.err, "did you mean s3:GetObject?")) << typo.err;
  CommandResult pattern = s.Run({"iam", "simulate", "--policy", "policy.json", "--action", "s3:*"});
  EXPECT_EQ(pattern.exit_code, 2);
  EXPECT_TRUE(Has(pattern.err, "fnwarden iam expand s3:*")) << pattern.err;
  CommandResult context = s.Run({"iam", "simulate", "--policy", "policy.json", "--action",
                                 "s3:GetObject", "--context", "aws:SourceIp"});
  EXPECT_EQ(context.exit_code, 2);
  EXPECT_TRUE(Has(context.err, "--context expects key=value")) << context.err;
}

TEST(IamErrors, UnusablePolicyFilePointsIntoIt) {
  Scratch s;
  s.Write("broken.json", "{\"Statement\": [\n");
  s.Write("not-a-policy.yaml", "Resources: {}\n");
  CommandResult broken =
      s.Run({"iam", "simulate", "--policy", "broken.json", "--action", "s3:GetObject"});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_TRUE(broken.err.starts_with("broken.json:2:1: error: ")) << broken.err;
  CommandResult other =
      s.Run({"iam", "simulate", "--policy", "not-a-policy.yaml", "--action", "s3:GetObject"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_TRUE(other.err.starts_with("not-a-policy.yaml:1:1: error: not an IAM policy document"))
      << other.err;
}

}  // namespace
}  // namespace fnwarden
