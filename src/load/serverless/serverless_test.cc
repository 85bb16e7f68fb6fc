// The Serverless Framework frontend: variables, the compiled CloudFormation,
// and the model every rule reads, through LoadProjects on a memory tree as
// a scan reads it.
#include "load/serverless/serverless.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "load/project.h"
#include "util/fs.h"

namespace fnwarden::load::serverless {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

struct Loaded {
  util::DiagnosticSink diags;
  LoadResult result;

  const model::Model& M() const {
    static const model::Model kNone;
    return result.models.empty() ? kNone : result.models[0];
  }
  std::vector<std::string> Diags() const {
    std::vector<std::string> out;
    for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
    return out;
  }
  const model::Function* Fn(std::string_view id) const { return M().FindFunction(id); }
  std::string Env(std::string_view fn, std::string_view name) const {
    const model::Function* f = Fn(fn);
    if (f == nullptr) return "<no function>";
    for (const model::EnvVar& v : f->environment) {
      if (v.name == name) return v.value.known() ? v.value.value : "<unknown>";
    }
    return "<absent>";
  }
};

using Files = std::vector<std::pair<std::string, std::string>>;

// Loads svc/serverless.yml, with `files` beside it in the memory tree.
std::unique_ptr<Loaded> Load(const std::string& yaml, LoadOptions options = {},
                             const Files& files = {}) {
  util::MemoryFileSystem fs;
  fs.AddFile("svc/serverless.yml", yaml);
  for (const auto& [path, text] : files) fs.AddFile(path, text);
  auto out = std::make_unique<Loaded>();
  options.jobs = 1;
  LoadProjects(fs, {"svc"}, options, &out->diags, &out->result);
  return out;
}

constexpr char kBasic[] = R"(service: orders
provider:
  name: aws
  runtime: python3.12
  stage: ${opt:stage, 'dev'}
  environment:
    TABLE: ${self:custom.table}
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:*
          Resource: '*'
custom:
  table: orders-${sls:stage}
functions:
  create-order:
    handler: app.create
    environment:
      STAGE: ${sls:stage}
      SECRET: ${ssm:/orders/secret}
      MIXED: prefix-${ssm:/x}-suffix
    events:
      - http:
          path: orders/{id}
          method: post
)";

TEST(Serverless, ServiceBecomesAModelWithTheFrameworksNames) {
  auto l = Load(kBasic);
  ASSERT_EQ(l->result.models.size(), 1u) << ::testing::PrintToString(l->Diags());
  const model::Model& m = l->M();
  EXPECT_EQ(m.framework, model::Framework::kServerless);
  const model::Function* fn = l->Fn("CreateDashorderLambdaFunction");
  ASSERT_NE(fn, nullptr);
  EXPECT_EQ(fn->handler.value, "app.create");
  EXPECT_EQ(fn->runtime.value, "python3.12");
  EXPECT_EQ(fn->function_name.value, "orders-dev-create-order");
  EXPECT_EQ(fn->timeout.value, 6);  // the framework's default
  EXPECT_EQ(fn->memory_size.value, 1024);
  EXPECT_EQ(fn->role_id, "IamRoleLambdaExecution");
  EXPECT_EQ(fn->code_dir, "svc");
  EXPECT_TRUE(fn->has_version_or_alias);  // versionFunctions defaults to true
  EXPECT_EQ(fn->loc.line, 17u);           // the function's key
  EXPECT_EQ(m.parameters.at("stage"), "dev");
  EXPECT_TRUE(l->Diags().empty()) << ::testing::PrintToString(l->Diags());
}

TEST(Serverless, VariablesResolveAndWhatCannotBeKnownStaysUnknown) {
  auto l = Load(kBasic);
  EXPECT_EQ(l->Env("CreateDashorderLambdaFunction", "TABLE"), "orders-dev");
  EXPECT_EQ(l->Env("CreateDashorderLambdaFunction", "STAGE"), "dev");
  EXPECT_EQ(l->Env("CreateDashorderLambdaFunction", "SECRET"), "<unknown>");
  EXPECT_EQ(l->Env("CreateDashorderLambdaFunction", "MIXED"), "<unknown>");

  LoadOptions prod;
  prod.stage = "prod";
  auto p = Load(kBasic, prod);
  EXPECT_EQ(p->Env("CreateDashorderLambdaFunction", "TABLE"), "orders-prod");
  EXPECT_EQ(p->M().parameters.at("stage"), "prod");
}

TEST(Serverless, GeneratedRoleHoldsTheServicesStatementsAndTheLogStatements) {
  auto l = Load(kBasic);
  const model::Role* role = l->M().FindRole("IamRoleLambdaExecution");
  ASSERT_NE(role, nullptr);
  ASSERT_EQ(role->policies.size(), 1u);
  std::vector<std::string> actions;
  for (const model::Statement& s : role->policies[0].statements) {
    for (const model::String& a : s.actions) actions.push_back(a.value);
  }
  EXPECT_THAT(actions, Contains("dynamodb:*"));
  EXPECT_THAT(actions, Contains("logs:PutLogEvents"));
  // The statement the user wrote keeps its line.
  EXPECT_EQ(role->policies[0].statements.back().loc.line, 11u);
  EXPECT_THAT(role->functions, ElementsAre("CreateDashorderLambdaFunction"));
}

// A function with disableLogs under the shared prefix is denied writing its
// log group, as the framework writes it; one named outside the prefix just
// gets no grant.
TEST(Serverless, DisabledLogsAreDeniedUnderTheSharedPrefix) {
  auto l = Load(R"(service: s
provider:
  name: aws
functions:
  api:
    handler: h.h
  quiet:
    handler: h.h
    disableLogs: true
  elsewhere:
    handler: h.h
    name: other-name
    disableLogs: true
)");
  const model::Role* role = l->M().FindRole("IamRoleLambdaExecution");
  ASSERT_NE(role, nullptr);
  std::vector<std::string> denied, granted;
  for (const model::Statement& s : role->policies[0].statements) {
    for (const model::String& r : s.resources) {
      (s.effect.Is(model::Effect::kDeny) ? denied : granted).push_back(r.value);
    }
  }
  EXPECT_THAT(denied, ElementsAre(HasSubstr(":log-group:/aws/lambda/s-dev-quiet:*")));
  for (const std::string& g : granted) EXPECT_THAT(g, Not(HasSubstr("other-name")));
  EXPECT_THAT(granted, Contains(HasSubstr(":log-group:/aws/lambda/s-dev*:*")));
}

// What function settings add to the shared role, as the framework does:
// kms:Decrypt on the key, X-Ray for tracing, sns:Publish on the onError
// topic, EFS mounts; once each.
TEST(Serverless, FunctionSettingsAddTheirStatementsToTheSharedRole) {
  auto l = Load(R"(service: s
provider:
  name: aws
  kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/k
  tracing:
    lambda: true
functions:
  a:
    handler: h.h
    onError: arn:aws:sns:us-east-1:123456789012:failures
  b:
    handler: h.h
    fileSystemConfig:
      arn: arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1
      localMountPath: /mnt/data
)");
  const model::Role* role = l->M().FindRole("IamRoleLambdaExecution");
  ASSERT_NE(role, nullptr);
  std::vector<std::string> grants;
  for (const model::Statement& s : role->policies[0].statements) {
    for (const model::String& a : s.actions) {
      for (const model::String& r : s.resources) grants.push_back(a.value + " " + r.value);
    }
  }
  EXPECT_EQ(std::count(grants.begin(), grants.end(),
                       "kms:Decrypt arn:aws:kms:us-east-1:123456789012:key/k"),
            1);
  EXPECT_EQ(std::count(grants.begin(), grants.end(), "xray:PutTraceSegments *"), 1);
  EXPECT_THAT(grants, Contains("sns:Publish arn:aws:sns:us-east-1:123456789012:failures"));
  EXPECT_THAT(grants, Contains("elasticfilesystem:ClientMount "
                               "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1"));
}

// Framework v3 creates its deployment bucket in the stack, encrypted and
// with a TLS-only policy; v4 (or an unpinned version, or a named bucket)
// deploys outside it.
TEST(Serverless, DeploymentBucketOnlyWhereTheFrameworkVersionCreatesIt) {
  auto service = [](const std::string& version, const std::string& bucket) {
    return "service: s\n" + version + "provider:\n  name: aws\n" + bucket +
           "functions:\n  f:\n    handler: h.h\n";
  };
  auto v3 = Load(service("frameworkVersion: '^3'\n",
                         "  deploymentBucket:\n    blockPublicAccess: true\n    versioning: true\n"));
  const model::Model& m = v3->M();
  ASSERT_EQ(m.buckets.size(), 1u) << ::testing::PrintToString(v3->Diags());
  const model::Bucket& b = m.buckets[0];
  EXPECT_EQ(b.id, "ServerlessDeploymentBucket");
  EXPECT_EQ(b.origin, model::Origin::kServerless);
  EXPECT_TRUE(b.has_public_access_block);
  EXPECT_TRUE(b.block_public_policy.Is(true));
  EXPECT_TRUE(b.versioning.Is("Enabled"));
  ASSERT_EQ(b.policies.size(), 1u);
  EXPECT_TRUE(b.policies[0].statements.at(0).effect.Is(model::Effect::kDeny));
  EXPECT_TRUE(b.sse_algorithm.Is("AES256"));

  auto plain = Load(service("frameworkVersion: '3'\n", ""));
  ASSERT_EQ(plain->M().buckets.size(), 1u);
  EXPECT_FALSE(plain->M().buckets[0].has_public_access_block);
  auto skipped = Load(service("frameworkVersion: '3'\n",
                              "  deploymentBucket:\n    skipPolicySetup: true\n"));
  ASSERT_EQ(skipped->M().buckets.size(), 1u);
  EXPECT_TRUE(skipped->M().buckets[0].policies.empty());

  EXPECT_TRUE(Load(service("frameworkVersion: '4'\n", ""))->M().buckets.empty());
  EXPECT_TRUE(Load(service("frameworkVersion: '*'\n", ""))->M().buckets.empty());
  EXPECT_TRUE(Load(service("", ""))->M().buckets.empty());
  EXPECT_TRUE(Load(service("frameworkVersion: '3'\n", "  deploymentBucket: my-artifacts\n"))
                  ->M()
                  .buckets.empty());
}

// serverless-step-functions: a state machine without `role` gets
// <Machine>Role, trusted by states.<region>.amazonaws.com and allowed what
// its Task states call; a task it does not read makes the policy unknown,
// and no task at all denies everything.
TEST(Serverless, StateMachinesWithoutARoleGetThePluginsRole) {
  auto l = Load(R"(service: s
provider:
  name: aws
  region: eu-west-1
functions:
  work:
    handler: h.h
stepFunctions:
  stateMachines:
    flow:
      definition:
        StartAt: A
        States:
          A:
            Type: Task
            Resource: {Fn::GetAtt: [work, Arn]}
            Next: B
          B:
            Type: Parallel
            Branches:
              - StartAt: C
                States:
                  C:
                    Type: Task
                    Resource: arn:aws:states:::sqs:sendMessage
                    Parameters: {QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"}
                    End: true
            End: true
    batch:
      definition:
        StartAt: Run
        States:
          Run: {Type: Task, Resource: "arn:aws:states:::batch:submitJob.sync", End: true}
    idle:
      definition:
        StartAt: Wait
        States:
          Wait: {Type: Wait, Seconds: 5, End: true}
)");
  const model::Model& m = l->M();
  const model::Role* flow = m.FindRole("FlowStepFunctionsStateMachineRole");
  ASSERT_NE(flow, nullptr) << ::testing::PrintToString(l->Diags());
  EXPECT_EQ(flow->trust.statements.at(0).principals.at(0).id.value, "states.eu-west-1.amazonaws.com");
  std::vector<std::string> grants;
  for (const model::Statement& s : flow->policies.at(0).statements) {
    for (const model::String& a : s.actions) {
      for (const model::String& r : s.resources) grants.push_back(a.value + " " + r.value);
    }
  }
  EXPECT_THAT(grants, Contains("sqs:SendMessage arn:aws:sqs:us-east-1:123456789012:jobs"));
  EXPECT_THAT(grants, Contains(HasSubstr("lambda:InvokeFunction ${WorkLambdaFunction.Arn}")));
  const model::Role* batch = m.FindRole("BatchStepFunctionsStateMachineRole");
  ASSERT_NE(batch, nullptr);
  EXPECT_FALSE(batch->policies.at(0).statements.back().known) << "a task it does not read";
  const model::Role* idle = m.FindRole("IdleStepFunctionsStateMachineRole");
  ASSERT_NE(idle, nullptr);
  EXPECT_TRUE(idle->policies.at(0).statements.at(0).effect.Is(model::Effect::kDeny));
  const model::StateMachine* sm = nullptr;
  for (const model::StateMachine& s : m.state_machines) {
    if (s.id == "FlowStepFunctionsStateMachine") sm = &s;
  }
  ASSERT_NE(sm, nullptr);
  EXPECT_EQ(sm->role_id, "FlowStepFunctionsStateMachineRole");
}

TEST(Serverless, LegacyIamSyntaxAndManagedPolicies) {
  auto l = Load(R"(service: s
provider:
  name: aws
  runtime: nodejs20.x
  iamRoleStatements:
    - Effect: Allow
      Action: [s3:GetObject]
      Resource: arn:aws:s3:::b/*
  iamManagedPolicies:
    - arn:aws:iam::aws:policy/AdministratorAccess
functions:
  f:
    handler: h.h
)");
  const model::Role* role = l->M().FindRole("IamRoleLambdaExecution");
  ASSERT_NE(role, nullptr);
  bool admin = false, s3 = false;
  for (const model::PolicyDocument& p : role->policies) {
    admin = admin || p.name == "AdministratorAccess";
    for (const model::Statement& s : p.statements) {
      for (const model::String& a : s.actions) s3 = s3 || a.value == "s3:GetObject";
    }
  }
  EXPECT_TRUE(admin);
  EXPECT_TRUE(s3);
}

TEST(Serverless, RoleByArnOrNameAndPerFunctionRoles) {
  auto l = Load(R"(service: s
provider:
  name: aws
  runtime: nodejs20.x
functions:
  byArn:
    handler: h.h
    role: arn:aws:iam::123456789012:role/given
  byName:
    handler: h.h
    role: MyRole
  own:
    handler: h.h
    iamRoleStatements:
      - Effect: Allow
        Action: sqs:SendMessage
        Resource: '*'
resources:
  Resources:
    MyRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Statement:
            - Effect: Allow
              Principal: {Service: lambda.amazonaws.com}
              Action: sts:AssumeRole
)");
  EXPECT_EQ(l->Fn("ByArnLambdaFunction")->role_id, "");
  EXPECT_EQ(l->Fn("ByArnLambdaFunction")->role.value, "arn:aws:iam::123456789012:role/given");
  EXPECT_EQ(l->Fn("ByNameLambdaFunction")->role_id, "MyRole");
  EXPECT_EQ(l->Fn("OwnLambdaFunction")->role_id, "OwnIamRoleLambdaExecution");
  EXPECT_EQ(l->M().FindRole("IamRoleLambdaExecution"), nullptr);  // no function uses it
}

TEST(Serverless, HttpEventsBecomeRoutesWithTheirAuthorization) {
  auto l = Load(R"(service: s
provider:
  name: aws
  runtime: nodejs20.x
  httpApi:
    authorizers:
      jwtAuth:
        type: jwt
        identitySource: $request.header.Authorization
        issuerUrl: https://cognito-idp.us-east-1.amazonaws.com/pool
        audience: [client]
functions:
  open:
    handler: h.h
    events:
      - http: GET /items
  iam:
    handler: h.h
    events:
      - http:
          path: admin
          method: delete
          authorizer: aws_iam
  jwt:
    handler: h.h
    events:
      - httpApi:
          method: GET
          path: /me
          authorizer:
            name: jwtAuth
)");
  std::vector<std::string> routes;
  for (const model::Api& api : l->M().apis) {
    for (const model::Route& r : api.routes) {
      routes.push_back(r.method.value + " " + r.path.value + " " + r.authorization_type.value +
                       " -> " + r.function_id);
    }
  }
  EXPECT_THAT(routes, Contains("GET /items NONE -> OpenLambdaFunction"));
  EXPECT_THAT(routes, Contains("DELETE /admin AWS_IAM -> IamLambdaFunction"));
  EXPECT_THAT(routes, Contains("GET /me JWT -> JwtLambdaFunction"));
}

TEST(Serverless, WebsocketConnectWithALambdaAuthorizer) {
  auto l = Load(R"(service: s
provider:
  name: aws
functions:
  auth:
    handler: h.h
  connect:
    handler: h.h
    events:
      - websocket:
          route: $connect
          authorizer: auth
      - websocket: $default
)");
  std::vector<std::string> routes;
  for (const model::Api& api : l->M().apis) {
    for (const model::Route& r : api.routes) {
      routes.push_back(r.path.value + " " + r.authorization_type.value);
    }
  }
  EXPECT_THAT(routes, ::testing::UnorderedElementsAre("$connect CUSTOM", "$default NONE"));
  std::vector<std::string> invokers;
  for (const model::Permission& p : l->M().permissions) invokers.push_back(p.function_id);
  EXPECT_THAT(invokers, Contains("AuthLambdaFunction"));
  EXPECT_TRUE(l->Diags().empty()) << ::testing::PrintToString(l->Diags());
}

TEST(Serverless, EventSourcesUrlsAndDestinations) {
  auto l = Load(R"(service: s
provider:
  name: aws
  runtime: nodejs20.x
functions:
  worker:
    handler: h.h
    url: true
    destinations:
      onFailure: arn:aws:sqs:us-east-1:123456789012:dlq
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
      - schedule: rate(5 minutes)
      - sns: alerts
      - s3: uploads-bucket
)");
  const model::Model& m = l->M();
  ASSERT_EQ(m.function_urls.size(), 1u);
  EXPECT_EQ(m.function_urls[0].auth_type.value, "NONE");
  EXPECT_EQ(m.function_urls[0].function_id, "WorkerLambdaFunction");
  EXPECT_EQ(l->Fn("WorkerLambdaFunction")->on_failure_destination.value,
            "arn:aws:sqs:us-east-1:123456789012:dlq");
  std::vector<std::string> kinds;
  for (const model::Trigger& t : m.triggers) kinds.push_back(model::TriggerKindName(t.kind));
  EXPECT_THAT(kinds, Contains(model::TriggerKindName(model::TriggerKind::kSqs)));
  EXPECT_THAT(kinds, Contains(model::TriggerKindName(model::TriggerKind::kSchedule)));
  EXPECT_THAT(kinds, Contains(model::TriggerKindName(model::TriggerKind::kSns)));
  EXPECT_THAT(kinds, Contains(model::TriggerKindName(model::TriggerKind::kS3)));
  ASSERT_EQ(m.buckets.size(), 1u);  // the framework creates the event's bucket
  EXPECT_EQ(m.buckets[0].bucket_name.value, "uploads-bucket");
  ASSERT_EQ(m.topics.size(), 1u);
  // The SQS poller's permissions are added to the execution role.
  const model::Role* role = m.FindRole("IamRoleLambdaExecution");
  ASSERT_NE(role, nullptr);
  bool receive = false;
  for (const model::Statement& s : role->policies[0].statements) {
    for (const model::String& a : s.actions) receive = receive || a.value == "sqs:ReceiveMessage";
  }
  EXPECT_TRUE(receive);
}

// An `alb` event makes a target group and a rule on the listener; the
// listener's balancer, declared in `resources`, says who can send requests,
// and an authorizer on the event signs users in first.
TEST(Serverless, AlbEventsAreLoadBalancerTriggers) {
  auto l = Load(R"(service: s
provider:
  name: aws
  runtime: nodejs20.x
  alb:
    authorizers:
      staff: {type: cognito, userPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/x}
functions:
  open:
    handler: h.h
    events:
      - alb: {listenerArn: !Ref Listener, priority: 1, conditions: {path: /open}}
  staff:
    handler: h.h
    events:
      - alb: {listenerArn: !Ref Listener, priority: 2, conditions: {path: /staff}, authorizer: staff}
  elsewhere:
    handler: h.h
    events:
      - alb:
          listenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/b/1/2
          priority: 3
          conditions: {path: /x}
resources:
  Resources:
    Balancer:
      Type: AWS::ElasticLoadBalancingV2::LoadBalancer
      Properties: {Scheme: internet-facing, Subnets: [a, b]}
    Listener:
      Type: AWS::ElasticLoadBalancingV2::Listener
      Properties:
        LoadBalancerArn: !Ref Balancer
        Port: 80
        DefaultActions: [{Type: fixed-response}]
)");
  std::vector<std::string> triggers;
  for (const model::Trigger& t : l->M().triggers) {
    if (t.kind != model::TriggerKind::kLoadBalancer) continue;
    std::string facing = !t.internet_facing.known() ? "unknown"
                         : t.internet_facing.value  ? "internet-facing"
                                                    : "internal";
    triggers.push_back(t.function_id + " " + facing + (t.authenticates ? " signed-in" : ""));
  }
  EXPECT_EQ(triggers, (std::vector<std::string>{
                          "OpenLambdaFunction internet-facing",
                          "StaffLambdaFunction internet-facing signed-in",
                          "ElsewhereLambdaFunction unknown",
                      }));
}

TEST(Serverless, PollersShareOneStatementPerKindOfSource) {
  auto l = Load(R"(service: s
provider:
  name: aws
functions:
  a:
    handler: h.h
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:one
  b:
    handler: h.h
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:two
      - stream: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1
  own:
    handler: h.h
    iamRoleStatements: []
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:three
)");
  auto statements_for = [&](std::string_view role_id, std::string_view action) {
    std::vector<std::string> out;
    const model::Role* role = l->M().FindRole(role_id);
    if (role == nullptr) return out;
    for (const model::Statement& s : role->policies[0].statements) {
      bool has = false;
      for (const model::String& a : s.actions) has = has || a.value == action;
      if (!has) continue;
      std::string resources;
      for (const model::String& r : s.resources)
        resources += r.value.substr(r.value.rfind(':')) + " ";
      out.push_back(resources);
    }
    return out;
  };
  EXPECT_THAT(statements_for("IamRoleLambdaExecution", "sqs:ReceiveMessage"),
              ElementsAre(":one :two "));
  EXPECT_THAT(statements_for("IamRoleLambdaExecution", "dynamodb:GetRecords"),
              ElementsAre(":table/t/stream/1 "));
  EXPECT_THAT(statements_for("OwnIamRoleLambdaExecution", "sqs:ReceiveMessage"),
              ElementsAre(":three "));
}

TEST(Serverless, ResourcesAreMergedAndExtensionsApplied) {
  auto l = Load(R"(service: s
provider:
  name: aws
  runtime: nodejs20.x
functions:
  f:
    handler: h.h
resources:
  Resources:
    Data:
      Type: AWS::S3::Bucket
      Properties:
        BucketName: ${self:service}-data
  extensions:
    FLogGroup:
      Properties:
        RetentionInDays: 30
)");
  const model::Model& m = l->M();
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].bucket_name.value, "s-data");
  const model::LogGroup* group = m.FindLogGroup("FLogGroup");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->retention_days.value, 30);
  // The author wrote Data; the framework generated the rest.
  EXPECT_EQ(m.buckets[0].origin, model::Origin::kWritten);
  EXPECT_EQ(group->origin, model::Origin::kServerless);
  EXPECT_EQ(m.FindFunction("FLambdaFunction")->origin, model::Origin::kServerless);
}

// apiGateway.usagePlan as a list: one plan per name, as the framework
// names them.
TEST(Serverless, EachNamedUsagePlanIsAPlanOfItsOwn) {
  auto l = Load(R"(service: s
provider:
  name: aws
  apiGateway:
    apiKeys:
      - free: [free-key]
      - paid: [paid-key]
    usagePlan:
      - free:
          quota: {limit: 100, period: DAY}
          throttle: {burstLimit: 5, rateLimit: 1}
      - paid:
          throttle: {burstLimit: 200, rateLimit: 100}
functions:
  f:
    handler: h.h
    events:
      - http: {path: x, method: get, private: true}
)");
  const model::Model& m = l->M();
  ASSERT_EQ(m.usage_plans.size(), 2u) << ::testing::PrintToString(l->Diags());
  EXPECT_EQ(m.usage_plans[0].id, "ApiGatewayUsagePlanFree");
  EXPECT_EQ(m.usage_plans[0].quota_limit.value, 100);
  EXPECT_EQ(m.usage_plans[0].throttle_burst_limit.value, 5);
  EXPECT_EQ(m.usage_plans[1].id, "ApiGatewayUsagePlanPaid");
  EXPECT_EQ(m.usage_plans[1].throttle_burst_limit.value, 200);
  ASSERT_EQ(m.usage_plans[1].api_stages.size(), 1u);
  EXPECT_EQ(m.usage_plans[1].api_stages[0].api_id, "ApiGatewayRestApi");
}

TEST(Serverless, ApiStagesTakeTheProvidersLogsAndTracing) {
  auto l = Load(R"(service: s
provider:
  name: aws
  logs:
    restApi: true
    httpApi: true
  tracing:
    apiGateway: true
functions:
  f:
    handler: h.h
    events:
      - http: GET /a
      - httpApi: GET /b
)");
  std::vector<std::string> stages;
  for (const model::Api& api : l->M().apis) {
    for (const model::Stage& st : api.stages) {
      stages.push_back(st.stage_name.value + (st.access_log_destination.absent() ? "" : " logs") +
                       (st.tracing_enabled.Is(true) ? " traced" : ""));
    }
  }
  EXPECT_THAT(stages, ::testing::UnorderedElementsAre("dev logs traced", "$default logs"));
  // The log groups the access logs go to are the service's, as the
  // framework creates them.
  const model::LogGroup* rest = l->M().FindLogGroup("ApiGatewayLogGroup");
  ASSERT_NE(rest, nullptr);
  EXPECT_EQ(rest->log_group_name.value, "/aws/api-gateway/s-dev");
  EXPECT_EQ(rest->origin, model::Origin::kServerless);
  const model::LogGroup* http = l->M().FindLogGroup("HttpApiLogGroup");
  ASSERT_NE(http, nullptr);
  EXPECT_EQ(http->log_group_name.value, "/aws/http-api/s-dev");
}

// ------------------------------------------------------------ bad input

TEST(ServerlessVariables, CyclesAreReportedAndUnknown) {
  auto l = Load(R"(service: s
provider:
  name: aws
  environment:
    A: ${self:custom.a}
custom:
  a: ${self:custom.b}
  b: ${self:custom.a}
functions:
  f:
    handler: h.h
)");
  EXPECT_THAT(l->Diags(), Contains(HasSubstr("refers to itself")));
  EXPECT_EQ(l->Env("FLambdaFunction", "A"), "<unknown>");
}

TEST(ServerlessVariables, OverDeepNestingIsCutWithADiagnostic) {
  std::string deep = "x";
  for (int i = 0; i < 14; ++i) deep = "${self:custom.k, " + deep + "}";
  auto l = Load("service: s\nprovider:\n  name: aws\n  environment:\n    A: " + deep +
                "\nfunctions:\n  f:\n    handler: h.h\n");
  EXPECT_THAT(l->Diags(), Contains(HasSubstr("nest more than")));
  EXPECT_EQ(l->Env("FLambdaFunction", "A"), "<unknown>");
  ASSERT_EQ(l->result.models.size(), 1u);
}

// A chain of variables each naming the next is cut at its limit with one
// diagnostic; a chain within the limit resolves.
TEST(ServerlessVariables, OverLongChainsAreCutWithADiagnostic) {
  auto chain = [](int length) {
    std::string custom = "custom:\n";
    for (int i = 0; i < length; ++i) {
      custom += "  a" + std::to_string(i) + ": ${self:custom.a" + std::to_string(i + 1) + "}\n";
    }
    custom += "  a" + std::to_string(length) + ": end\n";
    return "service: s\nprovider:\n  name: aws\n  environment:\n    A: ${self:custom.a0}\n" +
           custom + "functions:\n  f:\n    handler: h.h\n";
  };
  auto long_chain = Load(chain(200));
  EXPECT_THAT(long_chain->Diags(),
              Contains(HasSubstr("refer to variables more than 64 levels deep")));
  EXPECT_EQ(long_chain->Env("FLambdaFunction", "A"), "<unknown>");
  auto short_chain = Load(chain(20));
  EXPECT_EQ(short_chain->Env("FLambdaFunction", "A"), "end");
  EXPECT_THAT(short_chain->Diags(), ::testing::Not(Contains(HasSubstr("levels deep"))));
}

TEST(ServerlessVariables, UnterminatedVariableAndVariableInAKey) {
  auto l = Load(R"(service: s
provider:
  name: aws
  environment:
    A: ${self:custom.a
    ${self:custom.k}: v
functions:
  f:
    handler: h.h
)");
  EXPECT_THAT(l->Diags(), Contains(HasSubstr("unterminated Serverless variable")));
  EXPECT_THAT(l->Diags(), Contains(HasSubstr("in a key is not resolved")));
  EXPECT_EQ(l->Env("FLambdaFunction", "A"), "<unknown>");
}

constexpr char kSubVariables[] = R"(service: s
provider:
  name: aws
  region: eu-west-1
  environment:
    ARN: !Sub arn:aws:s3:${AWS::Region}::${self:custom.b}/*
    PLAIN: ${Stage}
    OWN: arn:aws:sqs:${aws:region}:${aws:accountId}:q
custom:
  b: bucket
functions:
  f:
    handler: h.h
)";

TEST(ServerlessVariables, CloudFormationSubVariablesStayAsWritten) {
  auto l = Load(kSubVariables);
  EXPECT_EQ(l->Env("FLambdaFunction", "ARN"), "arn:aws:s3:eu-west-1::bucket/*");
  EXPECT_EQ(l->Env("FLambdaFunction", "PLAIN"), "${Stage}");  // not a variable, no Sub: text
  // The stack's own region and account, as CloudFormation's pseudo
  // parameters: the region is known, the account is not.
  const model::Function* fn = l->Fn("FLambdaFunction");
  ASSERT_NE(fn, nullptr);
  for (const model::EnvVar& v : fn->environment) {
    if (v.name == "OWN") {
      EXPECT_TRUE(v.value.unknown());
    }
  }
  LoadOptions account;
  account.parameters["AWS::AccountId"] = "123456789012";
  EXPECT_EQ(Load(kSubVariables, account)->Env("FLambdaFunction", "OWN"),
            "arn:aws:sqs:eu-west-1:123456789012:q");
  EXPECT_TRUE(l->Diags().empty()) << ::testing::PrintToString(l->Diags());
}

TEST(ServerlessVariables, EnvironmentIsReadOnlyWhenAsked) {
  ::setenv("FNWARDEN_TEST_TOKEN", "from-env", 1);
  const std::string yaml = R"(service: s
provider:
  name: aws
  environment:
    TOKEN: ${env:FNWARDEN_TEST_TOKEN}
    DEFAULTED: ${env:FNWARDEN_TEST_UNSET, 'fallback'}
functions:
  f:
    handler: h.h
)";
  auto quiet = Load(yaml);
  EXPECT_EQ(quiet->Env("FLambdaFunction", "TOKEN"), "<unknown>");
  EXPECT_EQ(quiet->Env("FLambdaFunction", "DEFAULTED"), "<unknown>");
  LoadOptions options;
  options.resolve_env = true;
  auto asked = Load(yaml, options);
  EXPECT_EQ(asked->Env("FLambdaFunction", "TOKEN"), "from-env");
  EXPECT_EQ(asked->Env("FLambdaFunction", "DEFAULTED"), "fallback");
  ::unsetenv("FNWARDEN_TEST_TOKEN");
}

TEST(ServerlessVariables, FilesAreReadOnlyWhenAskedAndOnlyInsideTheScan) {
  const std::string yaml = R"(service: s
provider:
  name: aws
  environment:
    INSIDE: ${file(./config.yml):table}
    OUTSIDE: ${file(../secrets.yml):token}
    PROGRAM: ${file(./config.js):value}
functions:
  f:
    handler: h.h
)";
  Files fs = {{"svc/config.yml", "table: orders\n"},
              {"secrets.yml", "token: hunter2\n"},
              {"svc/config.js", "module.exports = {value: 1}\n"}};
  auto quiet = Load(yaml, {}, fs);
  EXPECT_EQ(quiet->Env("FLambdaFunction", "INSIDE"), "<unknown>");

  LoadOptions options;
  options.resolve_files = true;
  auto asked = Load(yaml, options, fs);
  EXPECT_EQ(asked->Env("FLambdaFunction", "INSIDE"), "orders");
  EXPECT_EQ(asked->Env("FLambdaFunction", "OUTSIDE"), "<unknown>");
  EXPECT_EQ(asked->Env("FLambdaFunction", "PROGRAM"), "<unknown>");
  EXPECT_THAT(asked->Diags(), Contains(HasSubstr("outside the scanned folders")));
  EXPECT_THAT(asked->Diags(), Contains(HasSubstr("never runs code")));
  for (const std::string& d : asked->Diags()) EXPECT_THAT(d, ::testing::Not(HasSubstr("hunter2")));
}

TEST(ServerlessVariables, ParamsTakeTheCommandLineThenTheStageThenDefault) {
  const std::string yaml = R"(service: s
params:
  prod: {domain: prod.example.com}
  default: {domain: dev.example.com}
provider:
  name: aws
  environment:
    DOMAIN: ${param:domain}
    DASHBOARD: ${param:unknownHere}
functions:
  f:
    handler: h.h
)";
  EXPECT_EQ(Load(yaml)->Env("FLambdaFunction", "DOMAIN"), "dev.example.com");
  LoadOptions prod;
  prod.stage = "prod";
  EXPECT_EQ(Load(yaml, prod)->Env("FLambdaFunction", "DOMAIN"), "prod.example.com");
  LoadOptions given;
  given.parameters["domain"] = "cli.example.com";
  EXPECT_EQ(Load(yaml, given)->Env("FLambdaFunction", "DOMAIN"), "cli.example.com");
  EXPECT_EQ(Load(yaml)->Env("FLambdaFunction", "DASHBOARD"), "<unknown>");
}

// serverless-domain-manager: each enabled domain is mapped to the API of
// its type, with its security policy upper-cased (the plugin's default is
// TLS 1.2); a list item that is not a mapping, a disabled domain and a
// domain for an API the service does not have are skipped. Without the
// plugin listed, nothing is made.
TEST(Serverless, DomainManagerDomainsAreMappedToTheirApis) {
  const std::string body = R"(
custom:
  customDomain:
    domainName: api.example.com
    securityPolicy: tls_1_0
  customDomains:
    - http: {domainName: items.example.com}
    - websocket: {domainName: ws.example.com}
    - not-a-mapping
    - {domainName: off.example.com, enabled: false}
functions:
  work:
    handler: h.h
    events:
      - http: GET /orders
      - httpApi: GET /items
)";
  auto l = Load("service: s\nprovider: {name: aws}\nplugins: [serverless-domain-manager]\n" + body);
  std::vector<std::string> seen;
  for (const model::Api& api : l->M().apis) {
    for (const model::Domain& d : api.domains) {
      seen.push_back(api.id + " " + d.domain_name.value + " " + d.security_policy.value);
    }
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_THAT(seen, ::testing::ElementsAre("ApiGatewayRestApi api.example.com TLS_1_0",
                                           "HttpApi items.example.com TLS_1_2"))
      << ::testing::PrintToString(l->Diags());

  auto without = Load("service: s\nprovider: {name: aws}\n" + body);
  for (const model::Api& api : without->M().apis) EXPECT_TRUE(api.domains.empty()) << api.id;
}

// serverless-api-gateway-caching: an http event with `caching` caches on
// the REST API's stage when the plugin's cache is on; encryption is the
// event's `dataEncrypted`, else the plugin's, else off.
TEST(Serverless, ApiCachingPluginSetsTheStageCache) {
  auto show = [](const model::Bool& b) -> std::string {
    if (b.absent()) return "-";
    return b.known() ? (b.value ? "true" : "false") : "?";
  };
  auto stage_of = [&](const std::string& custom, const std::string& caching) {
    auto l = Load(
        "service: s\nprovider: {name: aws}\nplugins:\n  modules:\n"
        "    - serverless-api-gateway-caching\ncustom:\n  apiGatewayCaching: " +
        custom +
        "\nfunctions:\n  work:\n    handler: h.h\n    events:\n"
        "      - http: {path: /orders, method: get, caching: " +
        caching + "}\n");
    for (const model::Api& api : l->M().apis) {
      for (const model::Stage& st : api.stages) {
        return show(st.cache_enabled) + "/" + show(st.cache_encrypted);
      }
    }
    return std::string("no stage");
  };
  EXPECT_EQ(stage_of("{enabled: true}", "{enabled: true}"), "true/-");
  EXPECT_EQ(stage_of("{enabled: true, dataEncrypted: true}", "{enabled: true}"), "-/-");
  EXPECT_EQ(
      stage_of("{enabled: true, dataEncrypted: true}", "{enabled: true, dataEncrypted: false}"),
      "true/false");
  EXPECT_EQ(stage_of("{enabled: false}", "{enabled: true}"), "-/-");
  EXPECT_EQ(stage_of("{enabled: true}", "{enabled: false}"), "-/-");
}

// Event source mappings get the framework's logical IDs: named after the
// queue, stream, cluster and topic as written (a literal ARN, a GetAtt, an
// ImportValue, a Join), not after the event's position, which stands in
// only when no name can be read.
TEST(Serverless, EventSourceMappingsAreNamedAsTheFrameworkNamesThem) {
  auto l = Load(R"(service: s
provider: {name: aws}
functions:
  work:
    handler: h.h
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs-queue
      - sqs: {arn: !GetAtt Retries.Arn}
      - sqs: {arn: !ImportValue shared-queue}
      - stream: arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000
      - stream: {type: kinesis, arn: {Fn::GetAtt: [Clicks, Arn]}}
      - stream: {type: kinesis, arn: !Join [":", [arn, aws, kinesis, us-east-1, "123456789012", stream/views]]}
      - msk: {arn: arn:aws:kafka:us-east-1:123456789012:cluster/main/abc-123, topic: orders}
      - kafka: {topic: payments, bootstrapServers: [b1:9092]}
      - sqs: ${ssm:/queue/arn}
resources:
  Resources:
    Retries: {Type: AWS::SQS::Queue}
    Clicks: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
)");
  std::vector<std::string> names;
  for (const model::Trigger& t : l->M().triggers) names.push_back(t.name);
  std::sort(names.begin(), names.end());
  EXPECT_THAT(names,
              ::testing::ElementsAre(
                  "WorkEventSourceMappingDynamodbOrders", "WorkEventSourceMappingKafkaPayments",
                  "WorkEventSourceMappingKinesisClicks", "WorkEventSourceMappingKinesisViews",
                  "WorkEventSourceMappingMSKMainOrders", "WorkEventSourceMappingSQS9",
                  "WorkEventSourceMappingSQSJobsqueue", "WorkEventSourceMappingSQSRetries",
                  "WorkEventSourceMappingSQSSharedqueue"))
      << ::testing::PrintToString(l->Diags());
}

TEST(Serverless, ResourcesThatAreNotAMappingAreReported) {
  auto l = Load(R"(service: s
provider:
  name: aws
functions:
  f:
    handler: h.h
resources: just text
)");
  EXPECT_THAT(l->Diags(), Contains(HasSubstr("`resources` is not a mapping")));
  EXPECT_NE(l->Fn("FLambdaFunction"), nullptr);
}

TEST(Serverless, AnchorBombInCustomIsStoppedByTheParser) {
  std::string yaml =
      "service: s\nprovider:\n  name: aws\ncustom:\n  a0: &a0 [x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 12; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    yaml += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev +
            ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev +
            "]\n";
  }
  yaml += "functions:\n  f:\n    handler: h.h\n    environment:\n      X: ${self:custom.a11}\n";
  auto l = Load(yaml);
  EXPECT_THAT(l->Diags(), Contains(HasSubstr("alias")));
}

TEST(Serverless, ProgramsAreNotRunButSaidSo) {
  util::MemoryFileSystem fs;
  fs.AddFile("svc/serverless.ts", "export default {service: 'x'}\n");
  util::DiagnosticSink diags;
  LoadResult result;
  LoadProjects(fs, {"svc"}, LoadOptions{}, &diags, &result);
  EXPECT_TRUE(result.models.empty());
  std::vector<std::string> all;
  for (const util::Diagnostic& d : diags.Sorted()) all.push_back(util::RenderHeadline(d));
  EXPECT_THAT(all, Contains(HasSubstr("serverless package")));
}

TEST(Serverless, SyntaxErrorsOfAServiceFileAreReported) {
  auto l = Load("foo:\nfoo\n");
  EXPECT_TRUE(l->result.models.empty());
  ASSERT_FALSE(l->Diags().empty());
  EXPECT_THAT(l->Diags()[0], HasSubstr("svc/serverless.yml:2:"));
}

TEST(Serverless, TheDefaultRuntimeIsUnknown) {
  auto l = Load("service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n");
  const model::Function* fn = l->Fn("FLambdaFunction");
  ASSERT_NE(fn, nullptr);
  EXPECT_TRUE(fn->runtime.unknown());
}

TEST(Serverless, NamesFromAnUnknownServiceNameAreUnknown) {
  auto l =
      Load("service: ${env:NAME}\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n");
  const model::Function* fn = l->Fn("FLambdaFunction");
  ASSERT_NE(fn, nullptr);
  EXPECT_TRUE(fn->function_name.unknown());
}

TEST(Serverless, OtherProvidersAreNotClaimed) {
  auto l = Load("service: s\nprovider:\n  name: google\nfunctions:\n  f:\n    handler: h\n");
  EXPECT_TRUE(l->result.models.empty());
}

}  // namespace
}  // namespace fnwarden::load::serverless
