// AWS::Serverless::Function: properties, Globals, the generated role and its
// policies, the function URL.
#include "load/sam/sam.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "load/project.h"
#include "load/sam/sam_test_util.h"

namespace fnwarden::load::sam {
namespace {

using testing::Dump;
using testing::DumpList;
using testing::DumpPermission;
using testing::DumpStatement;
using testing::Expand;
using testing::PolicyNames;

constexpr const char* kHeader =
    "AWSTemplateFormatVersion: '2010-09-09'\n"
    "Transform: AWS::Serverless-2016-10-31\n";

std::string Fn(const std::string& props) {
  return std::string(kHeader) +
         "Resources:\n"
         "  Fn:\n"
         "    Type: AWS::Serverless::Function\n"
         "    Properties:\n" +
         props;
}

// A template of thousands of functions: each with an API event and a
// policy template, unless `policies` gives function `Fn<n>` other lines in
// place of its Policies.
std::string ManyFunctions(const std::map<int, std::string>& policies = {}) {
  std::string yaml = R"(Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: prod}
Globals:
  Function: {Runtime: python3.12, Timeout: 10}
Resources:
  Table: {Type: AWS::Serverless::SimpleTable}
  Jobs: {Type: AWS::SQS::Queue}
)";
  for (int i = 0; i < 2100; ++i) {
    std::string id = "Fn" + std::to_string(i);
    yaml += "  " + id + ":\n    Type: AWS::Serverless::Function\n    Properties:\n" +
            "      Handler: app.handler\n      FunctionName: !Sub \"" + id + "-${Stage}\"\n" +
            "      Events:\n        Get: {Type: Api, Properties: {Path: /" + id +
            ", Method: get}}\n";
    if (i % 3 == 0) yaml += "        Work: {Type: SQS, Properties: {Queue: !GetAtt Jobs.Arn}}\n";
    if (i % 5 == 0) yaml += "        Http: {Type: HttpApi}\n";
    if (i % 7 == 0) yaml += "      FunctionUrlConfig: {AuthType: NONE}\n";
    auto own = policies.find(i);
    yaml += own != policies.end()
                ? own->second
                : "      Policies: [{DynamoDBReadPolicy: {TableName: !Ref Table}}]\n";
  }
  return yaml;
}

// Everything Expand makes of ManyFunctions, and its diagnostics.
std::vector<std::string> DumpExpanded(const testing::Expanded& e) {
  std::vector<std::string> out;
  for (const model::Function& f : e.model.functions) {
    out.push_back(f.id + " " + Dump(f.function_name) + " " + Dump(f.runtime) + " " +
                  Dump(f.timeout) + " " + f.role_id);
  }
  for (const model::Role& r : e.model.roles) {
    out.push_back(r.id + " " + testing::PolicyNames(r));
    for (const model::PolicyDocument& doc : r.policies) {
      for (const model::Statement& s : doc.statements) out.push_back(DumpStatement(s));
    }
  }
  for (const model::Api& api : e.model.apis) {
    for (const model::Route& r : api.routes) out.push_back(testing::DumpRoute(r));
  }
  for (const model::Permission& p : e.model.permissions) out.push_back(DumpPermission(p));
  for (const model::Trigger& t : e.model.triggers) {
    out.push_back(t.function_id + " " + t.name + " " + std::to_string(static_cast<int>(t.kind)) +
                  " " + Dump(t.source) + " " + t.source_id);
  }
  for (const model::FunctionUrl& u : e.model.function_urls) {
    out.push_back(u.id + " " + u.function_id + " " + Dump(u.auth_type));
  }
  for (const util::Diagnostic& d : e.diags.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

// The functions of a large template have their properties evaluated and
// are built from them side by side; the expansion is the same on any
// number of jobs.
TEST(SamFunction, ALargeTemplateExpandsTheSameOnAnyNumberOfJobs) {
  std::string yaml = ManyFunctions();
  auto one = Expand(yaml, "app", {}, 1);
  auto four = Expand(yaml, "app", {}, 4);
  ASSERT_EQ(one->model.functions.size(), 2100u);
  EXPECT_EQ(Dump(one->model.functions[2099].function_name), "~\"Fn2099-prod\"");
  // 2100 Api, 700 SQS and 420 HttpApi events, whose triggers name the
  // implicit APIs; 2100 routes on the REST API and one on the HTTP API (its
  // $default route, which every HttpApi event without a path shares).
  ASSERT_EQ(one->model.triggers.size(), 3220u);
  EXPECT_EQ(one->model.triggers[0].source_id, "ServerlessRestApi");
  EXPECT_EQ(one->model.function_urls.size(), 300u);
  size_t routes = 0;
  for (const model::Api& api : one->model.apis) routes += api.routes.size();
  EXPECT_EQ(routes, 2101u);
  EXPECT_EQ(DumpExpanded(*one), DumpExpanded(*four));
}

// A warning of the transform's own (a policy template without its
// parameter) and an evaluator error elsewhere (a dangling reference): the
// side-by-side work is made again in order, and each is reported once.
TEST(SamFunction, ALargeTemplateReportsEachProblemOnceOnAnyNumberOfJobs) {
  std::string yaml = ManyFunctions({
      {1500, "      Role: !GetAtt Missing.Arn\n"},
      {700, "      Policies: [{SQSPollerPolicy: {}}]\n"},
  });
  auto one = Expand(yaml, "app", {}, 1);
  auto four = Expand(yaml, "app", {}, 4);
  std::vector<std::string> diags = one->Diags();
  ASSERT_EQ(diags.size(), 2u) << ::testing::PrintToString(diags);
  EXPECT_NE(diags[0].find("needs parameter QueueName"), std::string::npos) << diags[0];
  EXPECT_NE(diags[1].find("'Missing'"), std::string::npos) << diags[1];
  EXPECT_EQ(DumpExpanded(*one), DumpExpanded(*four));
}

TEST(SamFunction, EmptyFunctionGetsSamDefaults) {
  auto e = Expand(Fn("      Runtime: python3.12\n      Handler: app.handler\n"));
  ASSERT_EQ(e->model.functions.size(), 1u);
  const model::Function& f = e->Fn("Fn");
  EXPECT_EQ(Dump(f.runtime), "\"python3.12\"");
  EXPECT_EQ(Dump(f.timeout), "3(default)");
  EXPECT_EQ(Dump(f.memory_size), "128(default)");
  EXPECT_EQ(Dump(f.package_type), "\"Zip\"(default)");
  EXPECT_EQ(f.code_dir, "app");  // no CodeUri: sam build packages the template folder
  EXPECT_EQ(f.role_id, "FnRole");
  EXPECT_EQ(Dump(f.role), "?\"${FnRole.Arn}\"@FnRole");
  EXPECT_FALSE(f.has_version_or_alias);
  EXPECT_EQ(e->model.framework, model::Framework::kSam);
  EXPECT_TRUE(e->Diags().empty()) << e->Diags().front();
}

TEST(SamFunction, Properties) {
  auto e = Expand(Fn(R"(      FunctionName: orders
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: ./src/../src/orders/
      Timeout: 30
      MemorySize: 512
      KmsKeyArn: !GetAtt Key.Arn
      Tracing: Active
      ReservedConcurrentExecutions: 5
      CodeSigningConfigArn: arn:aws:lambda:us-east-1:1:code-signing-config:csc-1
      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:x:1]
      Architectures: [arm64]
      AutoPublishAlias: live
      LoggingConfig: {LogGroup: /aws/lambda/orders}
      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dlq.Arn}
      VpcConfig: {SubnetIds: [s], SecurityGroupIds: [g]}
      Environment:
        Variables:
          TABLE: !Ref Table
          MODE: prod
  Key: {Type: AWS::KMS::Key}
  Dlq: {Type: AWS::SQS::Queue}
  Table: {Type: AWS::DynamoDB::Table}
)"));
  const model::Function& f = e->Fn("Fn");
  EXPECT_EQ(Dump(f.function_name), "\"orders\"");
  EXPECT_EQ(Dump(f.code_uri), "\"./src/../src/orders/\"");
  EXPECT_EQ(f.code_dir, "app/src/orders");
  EXPECT_EQ(Dump(f.timeout), "30");
  EXPECT_EQ(Dump(f.memory_size), "512");
  EXPECT_EQ(f.kms_key_arn.refs, std::vector<std::string>{"Key"});
  EXPECT_EQ(Dump(f.tracing), "\"Active\"");
  EXPECT_EQ(Dump(f.reserved_concurrency), "5");
  EXPECT_EQ(Dump(f.code_signing_config), "\"arn:aws:lambda:us-east-1:1:code-signing-config:csc-1\"");
  EXPECT_EQ(DumpList(f.layers), "[\"arn:aws:lambda:us-east-1:123456789012:layer:x:1\"]");
  EXPECT_EQ(DumpList(f.architectures), "[\"arm64\"]");
  EXPECT_TRUE(f.has_version_or_alias);
  EXPECT_EQ(Dump(f.log_group), "\"/aws/lambda/orders\"");
  EXPECT_EQ(f.dead_letter_target.refs, std::vector<std::string>{"Dlq"});
  EXPECT_TRUE(f.in_vpc);
  EXPECT_EQ(f.vpc_loc.line, 22u);
  ASSERT_EQ(f.environment.size(), 2u);
  EXPECT_EQ(f.environment[0].name, "TABLE");
  EXPECT_EQ(f.environment[0].value.refs, std::vector<std::string>{"Table"});
  EXPECT_EQ(f.environment[0].loc.line, 25u);
  EXPECT_EQ(Dump(f.environment[1].value), "\"prod\"");

  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(PolicyNames(*role),
            "AWSLambdaBasicExecutionRole(managed) AWSXrayWriteOnlyAccess(managed) "
            "AWSLambdaVPCAccessExecutionRole(managed) DeadLetterQueuePolicy(inline)");
  EXPECT_EQ(DumpStatement(role->policies[3].statements.at(0)),
            "Allow [\"sqs:SendMessage\"] on [?\"${Dlq.Arn}\"@Dlq]");
}

TEST(SamFunction, CodeLocations) {
  struct Case {
    const char* props;
    const char* dir;
    const char* code_uri;
    const char* code_dir;
    bool inline_code;
  };
  const Case cases[] = {
      {"      CodeUri: src\n", "app", "\"src\"", "app/src", false},
      {"      CodeUri: ../shared/lib/\n", "app/svc", "\"../shared/lib/\"", "app/shared/lib", false},
      {"      CodeUri: .\n", "", "\".\"", ".", false},
      {"      CodeUri: s3://bucket/key.zip\n", "app", "\"s3://bucket/key.zip\"", "", false},
      {"      CodeUri: {Bucket: b, Key: k.zip}\n", "app", "~\"s3://b/k.zip\"", "", false},
      {"      InlineCode: 'def handler(e, c): pass'\n", "app", "-", "", true},
  };
  for (const Case& c : cases) {
    auto e = Expand(Fn(std::string("      Runtime: python3.12\n      Handler: a.h\n") + c.props),
                    c.dir);
    const model::Function& f = e->Fn("Fn");
    EXPECT_EQ(Dump(f.code_uri), c.code_uri) << c.props;
    EXPECT_EQ(f.code_dir, c.code_dir) << c.props;
    EXPECT_EQ(f.inline_code, c.inline_code) << c.props;
    if (c.inline_code) {
      EXPECT_EQ(f.inline_source.value, "def handler(e, c): pass");
      EXPECT_GT(f.inline_source.loc.line, 0u);
    }
  }
}

TEST(SamFunction, EsbuildEntryPoints) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: api/
      Handler: get.handler
      Runtime: nodejs20.x
    Metadata:
      BuildMethod: esbuild
      BuildProperties:
        EntryPoints:
          - src/handlers/get.ts
          - {not: a path}
)");
  EXPECT_EQ(e->Fn("Fn").entry_points, std::vector<std::string>{"src/handlers/get.ts"});
}

TEST(SamFunction, ContainerImage) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest
    Metadata:
      DockerContext: ./image
      Dockerfile: Dockerfile
)");
  const model::Function& f = e->Fn("Fn");
  EXPECT_EQ(Dump(f.package_type), "\"Image\"");
  EXPECT_EQ(Dump(f.runtime), "-");
  EXPECT_EQ(f.code_dir, "app/image");
}

TEST(SamGlobals, MergedTheWaySamDoes) {
  auto e = Expand(std::string(kHeader) + R"(Globals:
  Function:
    Runtime: python3.11
    Timeout: 10
    Layers: [arn:aws:lambda:us-east-1:1:layer:global:1]
    Environment:
      Variables:
        STAGE: prod
        LOG_LEVEL: info
    Tracing: Active
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.h
      Layers: [arn:aws:lambda:us-east-1:1:layer:local:1]
      Environment:
        Variables:
          LOG_LEVEL: debug
          TABLE: t
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Handler: b.h
)");
  const model::Function& f = e->Fn("Fn");
  EXPECT_EQ(Dump(f.runtime), "\"python3.12\"");  // the resource wins
  EXPECT_EQ(Dump(f.timeout), "10");              // from Globals
  EXPECT_EQ(Dump(f.tracing), "\"Active\"");
  // Lists concatenate, globals first.
  EXPECT_EQ(DumpList(f.layers),
            "[\"arn:aws:lambda:us-east-1:1:layer:global:1\" "
            "\"arn:aws:lambda:us-east-1:1:layer:local:1\"]");
  // Maps merge, the resource's values win.
  std::string env;
  for (const model::EnvVar& v : f.environment) env += v.name + "=" + v.value.value + " ";
  EXPECT_EQ(env, "STAGE=prod LOG_LEVEL=debug TABLE=t ");
  EXPECT_EQ(f.environment[1].loc.line, 22u);  // the resource's key

  const model::Function& other = e->Fn("Other");
  EXPECT_EQ(Dump(other.runtime), "\"python3.11\"");
  EXPECT_EQ(other.environment.size(), 2u);
  EXPECT_EQ(other.runtime.loc.line, 5u);  // points into Globals
}

TEST(SamGlobals, IntrinsicReplacesAndUnsupportedSectionIsReported) {
  auto e = Expand(std::string(kHeader) + R"(Conditions:
  IsProd: !Equals [!Ref AWS::Region, us-east-1]
Globals:
  Function:
    Environment:
      Variables: {A: "1"}
  Bogus:
    X: 1
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Environment:
        Variables: !If [IsProd, {B: "2"}, {C: "3"}]
)");
  const model::Function& f = e->Fn("Fn");
  // An intrinsic is a primitive for the merge: it replaces the global map.
  EXPECT_EQ(f.environment.size(), 0u);
  ASSERT_FALSE(e->Diags().empty());
  EXPECT_EQ(e->Diags().front(),
            "app/template.yaml:9:3: warning: Globals section 'Bogus' is not one SAM supports; "
            "the SAM transform rejects it");
}

TEST(SamRole, ExplicitRoleMeansNoGeneratedRole) {
  auto e = Expand(Fn("      Handler: a.h\n      Role: !GetAtt MyRole.Arn\n"
                     "      Policies: [AmazonS3FullAccess]\n"
                     "  MyRole: {Type: AWS::IAM::Role}\n"));
  EXPECT_TRUE(e->model.roles.empty());
  const model::Function& f = e->Fn("Fn");
  EXPECT_EQ(f.role.refs, std::vector<std::string>{"MyRole"});
  EXPECT_EQ(f.role_id, "");  // Link resolves it
}

TEST(SamRole, PoliciesOfEveryKind) {
  auto e = Expand(Fn(R"(      Handler: a.h
      PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary
      Policies:
        - AmazonDynamoDBReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
        - arn:aws:iam::123456789012:policy/custom
        - !Ref Managed
        - Statement:
            - Effect: Allow
              Action: [sqs:SendMessage]
              Resource: !GetAtt Queue.Arn
        - DynamoDBCrudPolicy:
            TableName: !Ref Table
        - SQSPollerPolicy:
            QueueName: !GetAtt Queue.QueueName
        - CloudWatchPutMetricPolicy: {}
  Managed: {Type: AWS::IAM::ManagedPolicy}
  Queue: {Type: AWS::SQS::Queue}
  Table: {Type: AWS::DynamoDB::Table}
)"));
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(role->generated_from, "Fn");
  EXPECT_EQ(role->origin, model::Origin::kSam);
  EXPECT_EQ(e->model.FindFunction("Fn")->origin, model::Origin::kWritten) << "the author's";
  EXPECT_EQ(Dump(role->permissions_boundary), "\"arn:aws:iam::123456789012:policy/boundary\"");
  EXPECT_EQ(DumpStatement(role->trust.statements.at(0)),
            "Allow [\"sts:AssumeRole\"] to [Service:\"lambda.amazonaws.com\"]");
  EXPECT_EQ(PolicyNames(*role),
            "AWSLambdaBasicExecutionRole(managed) AmazonDynamoDBReadOnlyAccess(managed) "
            "AmazonS3ReadOnlyAccess(managed) custom(unresolved) Managed(customer) "
            "FnRolePolicy4(inline) DynamoDBCrudPolicy(template) SQSPollerPolicy(template) "
            "CloudWatchPutMetricPolicy(template)");
  EXPECT_FALSE(role->policies[1].statements.empty());  // resolved from the catalog
  EXPECT_EQ(Dump(role->policies[4].arn), "?\"${Managed}\"@Managed");

  const model::PolicyDocument& crud = role->policies[6];
  ASSERT_EQ(crud.statements.size(), 1u);
  const model::Statement& s = crud.statements[0];
  EXPECT_EQ(s.actions.size(), 10u);
  ASSERT_EQ(s.resources.size(), 2u);
  // The table stays a reference: later analyses know which table.
  EXPECT_EQ(s.resources[0].refs, std::vector<std::string>{"Table"});
  EXPECT_EQ(s.resources[1].refs, std::vector<std::string>{"Table"});
  EXPECT_NE(s.resources[1].value.find("/index/*"), std::string::npos) << s.resources[1].value;
  EXPECT_EQ(crud.loc.line, 18u);  // the template's key in Policies

  const model::PolicyDocument& poller = role->policies[7];
  ASSERT_FALSE(poller.statements.empty());
  EXPECT_EQ(poller.statements[0].resources.at(0).refs, std::vector<std::string>{"Queue"});
  EXPECT_TRUE(e->Diags().empty()) << e->Diags().front();
}

TEST(SamRole, PolicyTemplateParameterValuesResolve) {
  auto e = Expand(Fn(R"(      Handler: a.h
      Policies:
        - S3ReadPolicy:
            BucketName: my-bucket
)"),
                  "app", cfn::EvalOptions{{{"AWS::Partition", "aws"}}});
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  const model::PolicyDocument* doc = testing::FindPolicy(*role, "S3ReadPolicy");
  ASSERT_NE(doc, nullptr);
  std::string all;
  for (const model::Statement& s : doc->statements) all += DumpStatement(s) + "\n";
  EXPECT_NE(all.find("\"arn:aws:s3:::my-bucket\""), std::string::npos) << all;
  EXPECT_NE(all.find("\"arn:aws:s3:::my-bucket/*\""), std::string::npos) << all;
}

TEST(SamRole, BadPolicyEntriesAreReported) {
  auto e = Expand(Fn(R"(      Handler: a.h
      Policies:
        - NoSuchPolicyTemplate: {X: 1}
        - DynamoDBCrudPolicy: {}
)"));
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(PolicyNames(*role), "AWSLambdaBasicExecutionRole(managed)");
  EXPECT_EQ(e->Diags(), (std::vector<std::string>{
                            "app/template.yaml:9:11: warning: 'NoSuchPolicyTemplate' is not a SAM "
                            "policy template; the SAM transform rejects it",
                            "app/template.yaml:10:11: warning: SAM policy template "
                            "DynamoDBCrudPolicy needs parameter TableName; the SAM transform "
                            "rejects it"}));
}

TEST(SamRole, ConditionalPolicies) {
  auto e = Expand(std::string(kHeader) + R"(Parameters:
  Env: {Type: String}
Conditions:
  Never: !Equals [a, b]
  Maybe: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Policies:
        - !If [Never, AmazonS3FullAccess, AmazonS3ReadOnlyAccess]
        - !If [Maybe, AWSLambdaRole, !Ref AWS::NoValue]
)");
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  // A decided condition picks its branch; an undecided one keeps what it may add.
  EXPECT_EQ(PolicyNames(*role),
            "AWSLambdaBasicExecutionRole(managed) AmazonS3ReadOnlyAccess(managed) "
            "AWSLambdaRole(managed)");
}

// Entry values come from the evaluated properties where they line up with
// the entries, and are evaluated again where AWS::NoValue removed some.
TEST(SamRole, PolicyValuesMatchTheirEntries) {
  for (const char* removed : {"", "      Description: !Ref AWS::NoValue\n"}) {
    auto e = Expand(Fn(std::string("      Handler: a.h\n") + removed + R"(      Policies:
        - Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
        - !Ref AWS::NoValue
        - Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]
        - AmazonS3ReadOnlyAccess
)"));
    const model::Role* role = e->Role("FnRole");
    ASSERT_NE(role, nullptr);
    EXPECT_EQ(PolicyNames(*role),
              "AWSLambdaBasicExecutionRole(managed) FnRolePolicy0(inline) FnRolePolicy2(inline) "
              "AmazonS3ReadOnlyAccess(managed)");
    ASSERT_EQ(role->policies.size(), 4u);
    EXPECT_EQ(DumpStatement(role->policies[1].statements.at(0)),
              "Allow [\"s3:GetObject\"] on [\"*\"]");
    EXPECT_EQ(DumpStatement(role->policies[2].statements.at(0)),
              "Allow [\"sqs:SendMessage\"] on [\"*\"]");
  }
}

TEST(SamRole, EventInvokeDestinations) {
  auto e = Expand(Fn(R"(      Handler: a.h
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess: {Type: SNS, Destination: !Ref Topic}
          OnFailure: {Type: SQS}
  Topic: {Type: AWS::SNS::Topic}
)"));
  const model::Function& f = e->Fn("Fn");
  EXPECT_EQ(Dump(f.on_failure_destination),
            "?\"${FnEventInvokeConfigOnFailureQueue.Arn}\"@FnEventInvokeConfigOnFailureQueue");
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(PolicyNames(*role),
            "AWSLambdaBasicExecutionRole(managed) FnEventInvokeConfigOnSuccessSNSPolicy(inline) "
            "FnEventInvokeConfigOnFailureSQSPolicy(inline)");
  EXPECT_EQ(DumpStatement(role->policies[1].statements.at(0)),
            "Allow [\"sns:Publish\"] on [?\"${Topic}\"@Topic]");
}

// What the transform writes is marked, so that policy validation reports
// only what the template's author wrote.
TEST(SamRole, GeneratedDocumentsAreMarked) {
  auto e = Expand(Fn(R"(      Handler: a.h
      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dlq.Arn}
      Policies:
        - Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
      Events:
        Queue: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}
  Q: {Type: AWS::SQS::Queue}
  Dlq: {Type: AWS::SQS::Queue}
)"));
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  std::string marked;
  for (const model::PolicyDocument& doc : role->policies) {
    marked += (marked.empty() ? "" : " ") + doc.name + (doc.generated ? "(generated)" : "");
  }
  EXPECT_EQ(marked,
            "AWSLambdaBasicExecutionRole FnRolePolicy0 DeadLetterQueuePolicy(generated) "
            "AWSLambdaSQSQueueExecutionRole");
  EXPECT_TRUE(role->trust.generated);
}

TEST(SamFunctionUrl, PublicUrlGetsThePermissionSamAdds) {
  auto e = Expand(Fn(R"(      Handler: a.h
      FunctionUrlConfig:
        AuthType: NONE
        InvokeMode: RESPONSE_STREAM
        Cors:
          AllowOrigins: ['*']
          AllowCredentials: true
)"));
  ASSERT_EQ(e->model.function_urls.size(), 1u);
  const model::FunctionUrl& u = e->model.function_urls[0];
  EXPECT_EQ(u.id, "FnUrl");
  EXPECT_EQ(u.generated_from, "Fn");
  EXPECT_EQ(u.function_id, "Fn");
  EXPECT_EQ(Dump(u.auth_type), "\"NONE\"");
  EXPECT_EQ(Dump(u.invoke_mode), "\"RESPONSE_STREAM\"");
  EXPECT_EQ(DumpList(u.cors_allow_origins), "[\"*\"]");
  EXPECT_EQ(Dump(u.cors_allow_credentials), "true");
  EXPECT_EQ(u.loc.line, 8u);
  ASSERT_EQ(e->model.permissions.size(), 1u);
  EXPECT_EQ(DumpPermission(e->model.permissions[0]),
            "FnUrlPublicPermissions \"lambda:InvokeFunctionUrl\" \"*\" fn=Fn urlauth=\"NONE\"");
}

TEST(SamFunctionUrl, IamUrlHasNoPublicPermission) {
  auto e = Expand(Fn("      Handler: a.h\n      FunctionUrlConfig: {AuthType: AWS_IAM}\n"));
  ASSERT_EQ(e->model.function_urls.size(), 1u);
  EXPECT_EQ(Dump(e->model.function_urls[0].auth_type), "\"AWS_IAM\"");
  EXPECT_TRUE(e->model.permissions.empty());
}

// References to what the transform generates, in properties it evaluates.
TEST(SamDeclare, GeneratedIdsResolveWithoutDiagnostics) {
  auto e = Expand(std::string(kHeader) + R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      AutoPublishAlias: live
      Events:
        Get: {Type: Api, Properties: {Path: /, Method: get}}
      Environment:
        Variables:
          ROLE: !GetAtt FnRole.Arn
          API: !Ref ServerlessRestApi
          ALIAS: !Ref Fn.Alias
          PERMISSION: !Ref FnGetPermission
          STAGE: !Ref ShopprodStage
          PLAN: !Ref ServerlessUsagePlan
          OTHER: !Ref Nothing
  Shop:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth: {UsagePlan: {CreateUsagePlan: SHARED}}
)");
  EXPECT_EQ(e->Diags(),
            (std::vector<std::string>{
                "app/template.yaml:19:18: error: Ref to undeclared parameter or resource "
                "'Nothing'",
            }));
}

TEST(SamConditions, GeneratedResourcesInheritTheCondition) {
  auto e = Expand(std::string(kHeader) + R"(Conditions:
  Off: !Equals [a, b]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: Off
    Metadata:
      fnwarden:
        ignore: [{id: FNW-IAM-001, reason: test}]
    Properties:
      Handler: a.h
)");
  const model::Role* role = e->Role("FnRole");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(role->condition, "Off");
  EXPECT_TRUE(role->condition_known_false);
  EXPECT_TRUE(e->Fn("Fn").condition_known_false);
  ASSERT_EQ(role->ignores.size(), 1u);
  EXPECT_EQ(role->ignores[0].rule_id, "FNW-IAM-001");
}

// What BuildTemplateModel makes of a template, with its diagnostics
// rendered while the source still exists.
struct Built {
  bool ok = false;
  model::Framework framework = model::Framework::kCloudFormation;
  std::vector<std::string> functions, apis, tables, diags;
};

Built BuildFrom(std::string path, std::string text) {
  Built out;
  util::SourceFile file(std::move(path), std::move(text));
  util::DiagnosticSink diags;
  auto doc = syntax::ParseYaml(&file, syntax::ParseLimits{}, &diags);
  model::Model m;
  out.ok = doc != nullptr && BuildTemplateModel(*doc, LoadOptions{}, &diags, &m);
  out.framework = m.framework;
  for (const auto& f : m.functions) out.functions.push_back(f.id + " role=" + f.role_id);
  for (const auto& a : m.apis) out.apis.push_back(a.id);
  for (const auto& t : m.tables) out.tables.push_back(t.id);
  for (const util::Diagnostic& d : diags.Sorted()) out.diags.push_back(util::RenderHeadline(d));
  return out;
}

// SAM resources without the SAM Transform: CloudFormation rejects the
// template as written, but its author meant SAM, so it is read as SAM, with a
// warning at the first SAM resource.
TEST(SamWithoutTransform, IsExpandedAsSamWithAWarning) {
  Built b = BuildFrom("app/template.yaml", R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Events:
        Get: {Type: Api, Properties: {Path: /, Method: get}}
  Table:
    Type: AWS::Serverless::SimpleTable
)");
  ASSERT_TRUE(b.ok);
  EXPECT_EQ(b.framework, model::Framework::kSam);
  EXPECT_EQ(b.functions, std::vector<std::string>{"Fn role=FnRole"});
  EXPECT_EQ(b.apis, std::vector<std::string>{"ServerlessRestApi"});
  EXPECT_EQ(b.tables, std::vector<std::string>{"Table"});
  EXPECT_EQ(b.diags, (std::vector<std::string>{
                         "app/template.yaml:5:3: warning: resource 'Fn' has the SAM type "
                         "AWS::Serverless::Function but the template has no "
                         "'Transform: AWS::Serverless-2016-10-31': CloudFormation rejects it as "
                         "written; fnwarden reads the template as SAM"}));
}

TEST(SamWithoutTransform, PlainCloudFormationGetsNoWarning) {
  Built b = BuildFrom("template.yaml", R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
)");
  ASSERT_TRUE(b.ok);
  EXPECT_EQ(b.framework, model::Framework::kCloudFormation);
  EXPECT_TRUE(b.diags.empty());
}

}  // namespace
}  // namespace fnwarden::load::sam
