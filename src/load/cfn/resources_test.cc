#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/cfn/resources_test_util.h"
#include "load/cfn/template.h"

namespace fnwarden::load::cfn {
namespace {

using testing::Build;
using testing::Dump;
using testing::DumpIds;
using testing::DumpList;
using testing::DumpPolicy;

std::string DumpFunction(const model::Function& f) {
  std::string env = "[";
  for (size_t i = 0; i < f.environment.size(); ++i) {
    env += (i > 0 ? " " : "") + f.environment[i].name + "=" + Dump(f.environment[i].value);
  }
  env += "]";
  return f.id + " name=" + Dump(f.function_name) + " runtime=" + Dump(f.runtime) +
         " handler=" + Dump(f.handler) + " package=" + Dump(f.package_type) +
         " code=" + Dump(f.code_uri) + " dir=" + f.code_dir + (f.inline_code ? " inline" : "") +
         " timeout=" + Dump(f.timeout) + " memory=" + Dump(f.memory_size) + " env=" + env +
         " role=" + Dump(f.role) + " role_id=" + f.role_id + " kms=" + Dump(f.kms_key_arn) +
         " tracing=" + Dump(f.tracing) + " reserved=" + Dump(f.reserved_concurrency) +
         " dlq=" + Dump(f.dead_letter_target) + " on_failure=" + Dump(f.on_failure_destination) +
         " signing=" + Dump(f.code_signing_config) + " layers=" + DumpList(f.layers) +
         (f.in_vpc ? " vpc" : "") + " log=" + Dump(f.log_group) +
         " arch=" + DumpList(f.architectures) + (f.has_version_or_alias ? " versioned" : "") +
         (f.condition_known_false ? " not-created" : "");
}

std::vector<std::string> DumpFunctions(const model::Model& m) {
  std::vector<std::string> out;
  for (const model::Function& f : m.functions) out.push_back(DumpFunction(f));
  return out;
}

// A large template's structs are made side by side, on runs of its
// declarations, and named side by side (lists of 2,048 or more); the model
// and the diagnostics are those of one pass.
TEST(ResourcesTest, ALargeTemplateGivesTheSameModelOnAnyNumberOfJobs) {
  std::string yaml = "Resources:\n";
  for (int i = 0; i < 2100; ++i) {
    std::string n = std::to_string(i);
    yaml += "  Fn" + n + ":\n    Type: AWS::Lambda::Function\n    Properties:\n" +
            "      Runtime: python3.12\n      Role: !GetAtt Role" + n + ".Arn\n" +
            "      Timeout: " + (i % 7 == 0 ? "[1]" : "30") + "\n";
    yaml += "  Role" + n + ":\n    Type: AWS::IAM::Role\n    Properties:\n" +
            "      Policies: [{PolicyName: p, PolicyDocument: {Statement: " +
            "[{Effect: Allow, Action: sqs:*, Resource: !GetAtt Queue" + n + ".Arn}]}}]\n";
    yaml += "  Queue" + n + ":\n    Type: AWS::SQS::Queue\n";
    yaml += "  Logs" + n + ":\n    Type: AWS::Logs::LogGroup\n";
  }
  auto dump = [](const testing::Built& b) {
    std::vector<std::string> out;
    int list = 0;
    model::ForEachResourceList(b.model, [&](const auto& items) {
      for (const auto& r : items) {
        out.push_back(std::to_string(list) + " " + r.id + " " + Dump(r.deployed_name) + " " +
                      Dump(r.deployed_arn));
      }
      ++list;
    });
    for (const model::Function& f : b.model.functions) out.push_back(DumpFunction(f));
    for (const model::Role& r : b.model.roles) {
      out.push_back(r.id + " " + std::to_string(r.policies.size()) + " " + Dump(r.deployed_arn));
    }
    return out;
  };
  auto one = Build(yaml, "t.yaml", 1);
  auto many = Build(yaml, "t.yaml", 4);
  ASSERT_EQ(one->model.functions.size(), 2100u);
  ASSERT_EQ(one->model.queues.size(), 2100u);
  EXPECT_EQ(one->model.functions[2099].id, "Fn2099");
  EXPECT_EQ(model::DisplayPieces(one->model.log_groups[2099].deployed_arn.pieces),
            "arn:${partition}:logs:${region}:${account}:log-group:${Logs2099.name}:*");
  EXPECT_EQ(dump(*one), dump(*many));
  EXPECT_EQ(one->Diags(), many->Diags());
}

// Permissions, event source mappings and API methods of a large template
// are built side by side and added in source order: the same model as one
// pass, with what names no function or API of the template and what will not
// be created handled as one pass does.
TEST(ResourcesTest, ALargeTemplateAttachesTheSameOnAnyNumberOfJobs) {
  std::string yaml =
      "Conditions:\n  Never: !Equals [a, b]\nResources:\n"
      "  Api: {Type: AWS::ApiGateway::RestApi}\n"
      "  Items: {Type: AWS::ApiGateway::Resource, Properties: {RestApiId: !Ref Api, "
      "ParentId: !GetAtt Api.RootResourceId, PathPart: items}}\n"
      "  Queue: {Type: AWS::SQS::Queue}\n";
  for (int i = 0; i < 2100; ++i) {
    std::string n = std::to_string(i);
    // Every tenth one names a function the template does not declare, and
    // every seventh one is not created.
    std::string fn = i % 10 == 9 ? "Elsewhere" + n : "Fn" + n;
    std::string condition = i % 7 == 0 ? "    Condition: Never\n" : "";
    yaml += "  Fn" + n + ": {Type: AWS::Lambda::Function, Properties: {Runtime: python3.12}}\n";
    yaml += "  Permission" + n + ":\n    Type: AWS::Lambda::Permission\n" + condition +
            "    Properties: {FunctionName: !Ref " + fn +
            ", Action: lambda:InvokeFunction, Principal: apigateway.amazonaws.com}\n";
    yaml += "  Mapping" + n + ":\n    Type: AWS::Lambda::EventSourceMapping\n" + condition +
            "    Properties: {FunctionName: !Ref " + fn + ", EventSourceArn: !GetAtt Queue.Arn}\n";
    yaml += "  Method" + n + ":\n    Type: AWS::ApiGateway::Method\n" + condition +
            "    Properties:\n      RestApiId: " + (i % 10 == 9 ? "!Ref OtherApi" : "!Ref Api") +
            "\n      ResourceId: " + (i % 2 == 0 ? "!Ref Items" : "!GetAtt Api.RootResourceId") +
            "\n      HttpMethod: GET\n      AuthorizationType: NONE\n"
            "      Integration: {Type: AWS_PROXY, Uri: !Sub \"arn:aws:apigateway:us-east-1:lambda:"
            "path/2015-03-31/functions/${" +
            fn + ".Arn}/invocations\"}\n";
  }
  auto dump = [](const testing::Built& b) {
    std::vector<std::string> out;
    for (const model::Permission& p : b.model.permissions) {
      out.push_back(p.id + " " + p.function_id + " " + Dump(p.principal) +
                    (p.condition_known_false ? " not-created" : ""));
    }
    for (const model::Trigger& t : b.model.triggers) {
      out.push_back(t.name + " " + t.function_id + " " + std::to_string(static_cast<int>(t.kind)) +
                    " " + Dump(t.source));
    }
    for (const model::Api& api : b.model.apis) {
      for (const model::Route& r : api.routes) {
        out.push_back(api.id + " " + r.source_id + " " + Dump(r.method) + " " + Dump(r.path) + " " +
                      r.function_id);
      }
    }
    return out;
  };
  auto one = Build(yaml, "t.yaml", 1);
  auto many = Build(yaml, "t.yaml", 4);
  // Permissions are created even when not deployed (they keep the flag);
  // mappings and methods of resources that will not be created add nothing.
  ASSERT_EQ(one->model.permissions.size(), 2100u);
  EXPECT_EQ(one->model.permissions[9].function_id, "");
  EXPECT_EQ(one->model.permissions[8].function_id, "Fn8");
  EXPECT_EQ(one->model.triggers.size(), 1800u);
  ASSERT_EQ(one->model.apis.size(), 1u);
  EXPECT_EQ(one->model.apis[0].routes.size(), 1620u);
  EXPECT_EQ(dump(*one), dump(*many));
  EXPECT_EQ(one->Diags(), many->Diags());
}

TEST(ResourcesTest, LambdaFunctions) {
  auto b = Build(R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: {Type: String, Default: prod}
Conditions:
  IsDev: !Equals [!Ref Stage, dev]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
  Full:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub orders-${Stage}
      Runtime: python3.12
      Handler: app.handler
      Code: {S3Bucket: my-bucket, S3Key: orders.zip}
      Timeout: 30
      MemorySize: 512
      Environment:
        Variables:
          TABLE: !Ref Table
          API_KEY: sk-live-123
      Role: !GetAtt Role.Arn
      KmsKeyArn: !GetAtt Key.Arn
      TracingConfig: {Mode: Active}
      ReservedConcurrentExecutions: 5
      DeadLetterConfig: {TargetArn: !GetAtt Dlq.Arn}
      CodeSigningConfigArn: arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1
      Layers: [arn:aws:lambda:us-east-1:999999999999:layer:shared:3]
      VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}
      LoggingConfig: {LogGroup: !Ref Logs}
      Architectures: [arm64]
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/external
      Code: {ZipFile: "exports.handler = async () => 1"}
      VpcConfig: {SubnetIds: []}
  Local:
    Type: AWS::Lambda::Function
    Condition: IsDev
    Properties:
      Code: ./src/local/
      PackageType: Zip
  Image:
    Type: AWS::Lambda::Function
    Properties:
      PackageType: Image
      Code: {ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest}
  Bare: {Type: AWS::Lambda::Function}
  Table: {Type: AWS::DynamoDB::Table}
  Key: {Type: AWS::KMS::Key}
  Dlq: {Type: AWS::SQS::Queue}
  Logs: {Type: AWS::Logs::LogGroup}
  Machine: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1}}
)");
  EXPECT_EQ(b->Diags(), std::vector<std::string>{});
  EXPECT_EQ(DumpFunctions(b->model),
            (std::vector<std::string>{
                R"(Full name=~"orders-prod" runtime="python3.12" handler="app.handler" )"
                R"(package=- code="s3://my-bucket/orders.zip" dir= timeout=30 memory=512 )"
                R"(env=[TABLE=?"${Table}"@Table API_KEY="sk-live-123"] role=?"${Role.Arn}"@Role )"
                R"(role_id=Role kms=?"${Key.Arn}"@Key tracing="Active" reserved=5 )"
                R"(dlq=?"${Dlq.Arn}"@Dlq on_failure=- )"
                R"(signing="arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1" )"
                R"(layers=["arn:aws:lambda:us-east-1:999999999999:layer:shared:3"] vpc )"
                R"(log=?"${Logs}"@Logs arch=["arm64"])",
                R"(Inline name=- runtime="nodejs20.x" handler="index.handler" package=- code=- )"
                R"(dir= inline timeout=3(default) memory=- env=[] )"
                R"(role="arn:aws:iam::123456789012:role/external" role_id= kms=- tracing=- )"
                R"(reserved=- dlq=- on_failure=- signing=- layers=[] log=- arch=[])",
                R"(Local name=- runtime=- handler=- package="Zip" code="./src/local/" )"
                R"(dir=src/local timeout=3(default) memory=- env=[] role=- role_id= kms=- )"
                R"(tracing=- reserved=- dlq=- on_failure=- signing=- layers=[] log=- arch=[] )"
                R"(not-created)",
                R"(Image name=- runtime=- handler=- package="Image" )"
                R"(code="123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest" dir= )"
                R"(timeout=3(default) memory=- env=[] role=- role_id= kms=- tracing=- reserved=- )"
                R"(dlq=- on_failure=- signing=- layers=[] log=- arch=[])",
                R"(Bare name=- runtime=- handler=- package=- code=- dir= timeout=3(default) )"
                R"(memory=- env=[] role=- role_id= kms=- tracing=- reserved=- dlq=- )"
                R"(on_failure=- signing=- layers=[] log=- arch=[])",
            }));
  ASSERT_EQ(b->model.roles.size(), 1u);
  EXPECT_EQ(DumpIds(b->model.roles[0].functions), "[Full]");
  // Positions: a value points at its node, an env var at its key, a default
  // at the Properties map.
  const model::Function& full = b->model.functions[0];
  // Inline code keeps its text and position, for the code analysis.
  const model::Function& inline_fn = b->model.functions[1];
  EXPECT_EQ(inline_fn.inline_source.value, "exports.handler = async () => 1");
  EXPECT_EQ(inline_fn.inline_source.loc.line, 41u);  // Code: {ZipFile: ...}
  EXPECT_EQ(full.loc.line, 12u);
  EXPECT_EQ(full.runtime.loc.line, 16u);
  EXPECT_EQ(full.runtime.loc.col, 16u);
  EXPECT_EQ(full.environment[1].loc.line, 24u);
  EXPECT_EQ(full.environment[1].loc.col, 11u);
  EXPECT_EQ(b->model.functions[1].timeout.loc.line, 35u);
  EXPECT_EQ(b->model.functions[1].timeout.loc.col, 3u);
  EXPECT_EQ(b->model.functions[2].condition, "IsDev");
  // Unknown types are skipped, not reported.
  EXPECT_EQ(b->model.FindResource("Machine"), nullptr);
}

std::vector<std::string> DumpRolePolicies(const model::Role& r) {
  std::vector<std::string> out;
  for (const model::PolicyDocument& p : r.policies) out.push_back(DumpPolicy(p));
  return out;
}

// Every resource a policy can name gets its deployed name and ARN from the
// adapter, in typed pieces where the deployment decides them.
TEST(ResourcesTest, ResourcesKnowTheirDeployedNamesAndArns) {
  auto b = Build(R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Uploads: {Type: AWS::S3::Bucket}
  Orders: {Type: AWS::DynamoDB::Table, Properties: {TableName: orders}}
  Jobs: {Type: AWS::SQS::Queue, Properties: {QueueName: !Sub "${AWS::StackName}-jobs"}}
  Token: {Type: AWS::SecretsManager::Secret}
  Key: {Type: AWS::KMS::Key}
  Param: {Type: AWS::SSM::Parameter, Properties: {Name: /app/key, Type: String, Value: x}}
)");
  const model::Model& m = b->model;
  auto arn = [&](std::string_view id) {
    return model::DisplayPieces(m.FindResource(id)->deployed_arn.pieces);
  };
  EXPECT_EQ(arn("Uploads"), "arn:${partition}:s3:::${Uploads.name}");
  EXPECT_TRUE(m.FindResource("Uploads")->deployed_name.unknown());
  EXPECT_EQ(m.FindResource("Uploads")->ref_attribute, model::Attribute::kName);
  EXPECT_EQ(arn("Orders"), "arn:${partition}:dynamodb:${region}:${account}:table/orders");
  EXPECT_TRUE(m.FindResource("Orders")->deployed_name.Is("orders"));
  EXPECT_EQ(arn("Jobs"), "arn:${partition}:sqs:${region}:${account}:${Jobs.name}")
      << "a name built from what no piece names is the generated one";
  EXPECT_EQ(m.FindResource("Jobs")->ref_attribute, model::Attribute::kUrl);
  EXPECT_EQ(arn("Token"),
            "arn:${partition}:secretsmanager:${region}:${account}:secret:${Token.name}${generated}");
  EXPECT_EQ(m.FindResource("Token")->ref_attribute, model::Attribute::kArn);
  EXPECT_EQ(arn("Key"), "arn:${partition}:kms:${region}:${account}:key/${Key.name}");
  EXPECT_EQ(m.FindResource("Key")->ref_attribute, model::Attribute::kId);
  EXPECT_EQ(arn("Param"), "arn:${partition}:ssm:${region}:${account}:parameter/app/key");
  EXPECT_TRUE(m.FindResource("Param")->deployed_name.Is("/app/key"));
}

TEST(ResourcesTest, IamRolesAndPolicies) {
  auto b = Build(R"(Conditions:
  Never: !Equals [a, b]
Resources:
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Deny, Action: "iam:*", Resource: "*"}]}
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: shared-read
      Roles: [!Ref FnRole]
      PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: orders-role
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com]}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: inline-logs
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: "*"
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - !Sub arn:${AWS::Partition}:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
        - arn:aws:iam::123456789012:policy/team-policy
        - !Ref Shared
      PermissionsBoundary: !Ref Boundary
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [orders-role]
      PolicyDocument:
        Statement: {Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Q.Arn}
  NotCreated:
    Type: AWS::IAM::Policy
    Condition: Never
    Properties:
      PolicyName: never
      Roles: [!Ref FnRole]
      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
  Q: {Type: AWS::SQS::Queue}
)");
  EXPECT_EQ(b->Diags(), std::vector<std::string>{});
  ASSERT_EQ(b->model.roles.size(), 1u);
  const model::Role& role = b->model.roles[0];
  EXPECT_EQ(Dump(role.role_name), R"("orders-role")");
  EXPECT_EQ(DumpPolicy(role.trust), R"(AssumeRolePolicyDocument:inline {Allow ["sts:AssumeRole"] )"
                                    R"(to Service:"lambda.amazonaws.com"})");
  EXPECT_EQ(
      DumpRolePolicies(role),
      (std::vector<std::string>{
          R"(inline-logs:inline {Allow ["logs:CreateLogStream" "logs:PutLogEvents"] on ["*"]})",
          "AWSLambdaBasicExecutionRole:managed",
          "AmazonDynamoDBReadOnlyAccess:managed",
          "arn:aws:iam::123456789012:policy/team-policy:unresolved:unknown {}",
          R"(shared-read:customer {Allow ["s3:GetObject"] on ["*"]})",
          R"(extra:inline {Allow ["sqs:SendMessage"] on [?"${Q.Arn}"@Q]})",
      }));
  EXPECT_EQ(Dump(role.permissions_boundary), R"(?"${Boundary}"@Boundary)");
  // The managed policy keeps the ARN as written and points at it.
  EXPECT_EQ(Dump(role.policies[2].arn),
            R"(?"arn:${AWS::Partition}:iam::aws:policy/AmazonDynamoDBReadOnlyAccess")");
  EXPECT_EQ(role.policies[1].loc.line, 31u);
  EXPECT_FALSE(role.policies[1].statements.empty());
  EXPECT_EQ(role.policies[1].statements[0].loc.line, 31u);
}

std::string DumpTrigger(const model::Trigger& t) {
  return std::string(model::TriggerKindName(t.kind)) + " fn=" + t.function_id + " name=" + t.name +
         " source=" + Dump(t.source) + " source_id=" + t.source_id +
         " on_failure=" + Dump(t.on_failure_destination) + (t.asynchronous ? " async" : "");
}

std::string DumpBalancer(const model::Trigger& t) {
  return DumpTrigger(t) + " internet_facing=" +
         (t.internet_facing.absent()   ? "absent"
          : !t.internet_facing.known() ? "unknown"
                                       : (t.internet_facing.value ? "yes" : "no")) +
         (t.authenticates ? " authenticates" : "");
}

TEST(ResourcesTest, LoadBalancerTargetGroupsInvokeFunctions) {
  auto b = Build(R"(Parameters:
  Listener: {Type: String}
Conditions:
  Never: !Equals [a, b]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
  Public:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: [a, b]}
  Private:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Scheme: internal, Subnets: [a, b]}
  Open:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Name: open-tg, TargetType: lambda, Targets: [{Id: !GetAtt Fn.Arn}]}
  SignedIn:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {TargetType: lambda, Targets: [{Id: !GetAtt Fn.Arn}]}
  Inside:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {TargetType: lambda, Targets: [{Id: !Ref Fn}]}
  Elsewhere:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {TargetType: lambda, Targets: [{Id: !GetAtt Fn.Arn}]}
  Instances:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {TargetType: instance, Targets: [{Id: !GetAtt Fn.Arn}]}
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Public
      DefaultActions:
        - {Type: authenticate-cognito, Order: 1}
        - {Type: forward, TargetGroupArn: !Ref SignedIn, Order: 2}
  ToOpen:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Https
      Priority: 1
      Actions:
        - Type: forward
          ForwardConfig: {TargetGroups: [{TargetGroupArn: !Ref Open, Weight: 1}]}
  NeverOpen:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Condition: Never
    Properties:
      LoadBalancerArn: !Ref Public
      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Inside}]
  Internal:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Private
      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Inside}]
  # An internal listener that does not sign in leaves SignedIn as exposed
  # as its most exposed listener, Https, makes it.
  InternalToSignedIn:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Internal
      Priority: 3
      Actions: [{Type: forward, TargetGroupArn: !Ref SignedIn}]
  Imported:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Listener
      Priority: 2
      Actions: [{Type: forward, TargetGroupArn: !Ref Elsewhere}]
)");
  std::vector<std::string> triggers;
  for (const model::Trigger& t : b->model.triggers) triggers.push_back(DumpBalancer(t));
  EXPECT_EQ(triggers,
            (std::vector<std::string>{
                "LoadBalancer fn=Fn name=Open source=\"open-tg\"@Open source_id= "
                "on_failure=- internet_facing=yes",
                "LoadBalancer fn=Fn name=SignedIn source=?\"SignedIn\"@SignedIn source_id= "
                "on_failure=- internet_facing=yes authenticates",
                "LoadBalancer fn=Fn name=Inside source=?\"Inside\"@Inside source_id= "
                "on_failure=- internet_facing=no",
                "LoadBalancer fn=Fn name=Elsewhere source=?\"Elsewhere\"@Elsewhere source_id= "
                "on_failure=- internet_facing=unknown"}));
}

TEST(ResourcesTest, LambdaPermissionsUrlsAndEventSources) {
  auto b = Build(R"(Conditions:
  Never: !Equals [a, b]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {FunctionName: orders, Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
  Other:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
  Live:
    Type: AWS::Lambda::Alias
    Properties: {FunctionName: !Ref Fn, FunctionVersion: "1", Name: live}
  Invoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Fn.Arn
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
      SourceArn: !GetAtt Uploads.Arn
  ByArn:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: arn:aws:lambda:us-east-1:123456789012:function:orders:live
      Action: lambda:InvokeFunctionUrl
      Principal: "*"
      FunctionUrlAuthType: NONE
  Foreign:
    Type: AWS::Lambda::Permission
    Properties: {FunctionName: someone-else, Action: lambda:InvokeFunction, Principal: "*", PrincipalOrgID: o-1}
  ViaAlias:
    Type: AWS::Lambda::Permission
    Condition: Never
    Properties: {FunctionName: !Ref Live, Action: lambda:InvokeFunction, Principal: events.amazonaws.com}
  NeverMapped:
    Type: AWS::Lambda::EventSourceMapping
    Condition: Never
    Properties: {FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn}
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !Ref Live
      AuthType: NONE
      InvokeMode: BUFFERED
      Cors: {AllowOrigins: ["*"], AllowCredentials: true}
  Queue: {Type: AWS::SQS::Queue}
  Stream: {Type: AWS::Kinesis::Stream}
  Table: {Type: AWS::DynamoDB::Table}
  Failures: {Type: AWS::SQS::Queue}
  FromQueue:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn}
  FromStream:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Other
      EventSourceArn: !GetAtt Stream.Arn
      DestinationConfig: {OnFailure: {Destination: !GetAtt Failures.Arn}}
  FromTable:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {FunctionName: orders, EventSourceArn: !GetAtt Table.StreamArn}
  FromMsk:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {FunctionName: !Ref Fn, EventSourceArn: "arn:aws:kafka:us-east-1:123456789012:cluster/c/abc"}
  FromMq:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {FunctionName: !Ref Fn, EventSourceArn: "arn:aws:mq:us-east-1:123456789012:broker:b:id", Queues: [q]}
  FromDocDb:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {FunctionName: !Ref Fn, EventSourceArn: "arn:aws:rds:us-east-1:123456789012:cluster:docs"}
  FromKafka:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      Topics: [orders]
      SelfManagedEventSource: {Endpoints: {KafkaBootstrapServers: ["b:9092"]}}
  AsyncConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Other
      Qualifier: $LATEST
      DestinationConfig: {OnFailure: {Destination: !GetAtt Failures.Arn}}
  Nightly:
    Type: AWS::Events::Rule
    Properties: {ScheduleExpression: rate(1 day), Targets: [{Id: t, Arn: !GetAtt Fn.Arn}]}
  OnOrder:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      EventPattern: {source: [orders]}
      Targets:
        - {Id: a, Arn: !GetAtt Other.Arn, DeadLetterConfig: {Arn: !GetAtt Failures.Arn}}
        - {Id: b, Arn: !Ref Topic}
  Bus: {Type: AWS::Events::EventBus, Properties: {Name: orders}}
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - {Protocol: lambda, Endpoint: !GetAtt Fn.Arn}
        - {Protocol: email, Endpoint: a@example.com}
  Sub:
    Type: AWS::SNS::Subscription
    Properties: {Protocol: lambda, TopicArn: !Ref Topic, Endpoint: !GetAtt Other.Arn}
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: uploads
      NotificationConfiguration:
        LambdaConfigurations: [{Event: "s3:ObjectCreated:*", Function: !GetAtt Fn.Arn}]
)");
  EXPECT_EQ(b->Diags(), std::vector<std::string>{});
  const model::Model& m = b->model;
  std::vector<std::string> permissions;
  for (const model::Permission& p : m.permissions) {
    permissions.push_back(
        p.id + " fn=" + p.function_id + " " + Dump(p.function) + " " + Dump(p.action) + " to " +
        Dump(p.principal) + " arn=" + Dump(p.source_arn) + " account=" + Dump(p.source_account) +
        " org=" + Dump(p.principal_org_id) + " url_auth=" + Dump(p.function_url_auth_type) +
        (p.condition_known_false ? " not-created" : ""));
  }
  EXPECT_EQ(
      permissions,
      (std::vector<std::string>{
          R"(Invoke fn=Fn ?"${Fn.Arn}"@Fn "lambda:InvokeFunction" to "s3.amazonaws.com" )"
          R"(arn=?"${Uploads.Arn}"@Uploads account=?"${AWS::AccountId}" org=- url_auth=-)",
          R"(ByArn fn=Fn "arn:aws:lambda:us-east-1:123456789012:function:orders:live" )"
          R"("lambda:InvokeFunctionUrl" to "*" arn=- account=- org=- url_auth="NONE")",
          R"(Foreign fn= "someone-else" "lambda:InvokeFunction" to "*" arn=- account=- )"
          R"(org="o-1" url_auth=-)",
          R"(ViaAlias fn=Fn ?"${Live}"@Live "lambda:InvokeFunction" to "events.amazonaws.com" )"
          R"(arn=- account=- org=- url_auth=- not-created)",
      }));
  ASSERT_EQ(m.function_urls.size(), 1u);
  const model::FunctionUrl& url = m.function_urls[0];
  EXPECT_EQ(url.function_id + " " + Dump(url.auth_type) + " " + DumpList(url.cors_allow_origins) +
                " " + Dump(url.cors_allow_credentials) + " " + Dump(url.invoke_mode),
            R"(Fn "NONE" ["*"] true "BUFFERED")");

  std::vector<std::string> triggers;
  for (const model::Trigger& t : m.triggers) triggers.push_back(DumpTrigger(t));
  EXPECT_EQ(
      triggers,
      (std::vector<std::string>{
          R"(SQS fn=Fn name=FromQueue source=?"${Queue.Arn}"@Queue source_id=Queue on_failure=-)",
          R"(Kinesis fn=Other name=FromStream source=?"${Stream.Arn}"@Stream source_id= )"
          R"(on_failure=?"${Failures.Arn}"@Failures)",
          R"(DynamoDB fn=Fn name=FromTable source=?"${Table.StreamArn}"@Table )"
          R"(source_id=Table on_failure=-)",
          R"(MSK fn=Fn name=FromMsk source="arn:aws:kafka:us-east-1:123456789012:cluster/c/abc" )"
          R"(source_id= on_failure=-)",
          R"(MQ fn=Fn name=FromMq source="arn:aws:mq:us-east-1:123456789012:broker:b:id" )"
          R"(source_id= on_failure=-)",
          R"(DocumentDB fn=Fn name=FromDocDb )"
          R"(source="arn:aws:rds:us-east-1:123456789012:cluster:docs" source_id= on_failure=-)",
          R"(SelfManagedKafka fn=Fn name=FromKafka source=- source_id= on_failure=-)",
          R"(Schedule fn=Fn name=Nightly source=- source_id= on_failure=- async)",
          R"(EventBridgeRule fn=Other name=OnOrder source=?"${Bus}"@Bus source_id=Bus )"
          R"(on_failure=?"${Failures.Arn}"@Failures async)",
          R"(SNS fn=Other name=Sub source=?"${Topic}"@Topic source_id=Topic on_failure=- async)",
          R"(SNS fn=Fn name=Topic source=?"Topic"@Topic source_id=Topic on_failure=- async)",
          R"(S3 fn=Fn name=Uploads source="uploads"@Uploads source_id=Uploads on_failure=- async)",
      }));
  const model::Function* fn = m.FindFunction("Fn");
  const model::Function* other = m.FindFunction("Other");
  ASSERT_NE(fn, nullptr);
  ASSERT_NE(other, nullptr);
  EXPECT_TRUE(fn->has_version_or_alias);
  EXPECT_FALSE(other->has_version_or_alias);
  EXPECT_EQ(Dump(fn->on_failure_destination), "-");
  EXPECT_EQ(Dump(other->on_failure_destination), R"(?"${Failures.Arn}"@Failures)");
}

std::string DumpRoute(const model::Route& r) {
  return Dump(r.method) + " " + Dump(r.path) + " auth=" + Dump(r.authorization_type) +
         " authorizer=" + Dump(r.authorizer) + " key=" + Dump(r.api_key_required) +
         " fn=" + r.function_id + " from=" + r.source_id;
}

std::string DumpStage(const model::Stage& s) {
  return s.id + " " + Dump(s.stage_name) + " access=" + Dump(s.access_log_destination) +
         " tracing=" + Dump(s.tracing_enabled) + " level=" + Dump(s.logging_level) +
         " rate=" + Dump(s.throttling_rate_limit) + " burst=" + Dump(s.throttling_burst_limit) +
         " cache=" + Dump(s.cache_enabled) + "/" + Dump(s.cache_encrypted) +
         " waf=" + DumpIds(s.web_acls);
}

std::vector<std::string> DumpApi(const model::Api& a) {
  static const char* kKinds[] = {"rest", "http", "websocket"};
  std::vector<std::string> out;
  out.push_back(a.id + " " + kKinds[static_cast<int>(a.kind)] + " name=" + Dump(a.name) +
                " endpoint=" + Dump(a.endpoint_type) +
                " disable_default=" + Dump(a.disable_execute_api_endpoint) +
                (a.has_resource_policy ? " policy=" + DumpPolicy(a.resource_policy) : "") +
                (a.cors.present ? " cors=" + DumpList(a.cors.allow_origins) + "/" +
                                      Dump(a.cors.allow_credentials)
                                : "") +
                (a.definition_opaque ? " opaque" : ""));
  for (const model::Route& r : a.routes) out.push_back("  route " + DumpRoute(r));
  for (const model::Authorizer& z : a.authorizers) {
    out.push_back("  authorizer " + z.name + " " + Dump(z.type) + " fn=" + z.function_id);
  }
  for (const model::Stage& s : a.stages) out.push_back("  stage " + DumpStage(s));
  for (const model::Domain& d : a.domains) {
    out.push_back("  domain " + d.id + " " + Dump(d.domain_name) + " " + Dump(d.security_policy) +
                  " " + Dump(d.endpoint_type));
  }
  return out;
}

TEST(ResourcesTest, RestApi) {
  auto b = Build(R"(Resources:
  Fn: {Type: AWS::Lambda::Function, Properties: {Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}}
  AuthFn: {Type: AWS::Lambda::Function, Properties: {Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}}
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
      EndpointConfiguration: {Types: [REGIONAL]}
      Policy:
        Statement: [{Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "*"}]
  Orders:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: orders}
  Order:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !Ref Orders, PathPart: "{id}"}
  GetOrder:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Order
      HttpMethod: GET
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref TokenAuth
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"
  RootAny:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: ANY
      ApiKeyRequired: true
      Integration: {Type: MOCK}
  TokenAuth:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Name: token
      Type: TOKEN
      AuthorizerUri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthFn.Arn}/invocations"
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties: {RestApiId: !Ref Api}
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref Deployment
      StageName: prod
      TracingEnabled: true
      AccessLogSetting: {DestinationArn: !GetAtt ApiLogs.Arn}
      MethodSettings:
        - {ResourcePath: "/*", HttpMethod: "*", LoggingLevel: INFO, ThrottlingRateLimit: 100,
           ThrottlingBurstLimit: 50, CachingEnabled: true, CacheDataEncrypted: false}
        - {ResourcePath: /orders, HttpMethod: GET, LoggingLevel: "OFF"}
  DevDeployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: dev
      StageDescription: {LoggingLevel: ERROR, TracingEnabled: false}
  ApiLogs: {Type: AWS::Logs::LogGroup}
  Plan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      ApiStages: [{ApiId: !Ref Api, Stage: !Ref Prod}]
      Throttle: {RateLimit: 10, BurstLimit: 20}
      Quota: {Limit: 1000, Period: DAY}
  Domain:
    Type: AWS::ApiGateway::DomainName
    Properties: {DomainName: api.example.com, SecurityPolicy: TLS_1_0, EndpointConfiguration: {Types: [EDGE]}}
  Mapping:
    Type: AWS::ApiGateway::BasePathMapping
    Properties: {DomainName: !Ref Domain, RestApiId: !Ref Api, Stage: !Ref Prod}
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties: {Scope: REGIONAL, DefaultAction: {Allow: {}}}
  AclOnProd:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      WebACLArn: !GetAtt Acl.Arn
      ResourceArn: !Sub "arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod"
  AclLogs:
    Type: AWS::WAFv2::LoggingConfiguration
    Properties: {ResourceArn: !GetAtt Acl.Arn, LogDestinationConfigs: [x]}
)");
  EXPECT_EQ(b->Diags(), std::vector<std::string>{});
  ASSERT_EQ(b->model.apis.size(), 1u);
  EXPECT_EQ(DumpApi(b->model.apis[0]),
            (std::vector<std::string>{
                R"(Api rest name="orders" endpoint="REGIONAL" disable_default=- )"
                R"(policy=Policy:inline {Allow ["execute-api:Invoke"] on ["*"] to *:"*"})",
                R"(  route "GET" "/orders/{id}" auth="CUSTOM" authorizer=~"TokenAuth"@TokenAuth )"
                R"(key=- fn=Fn from=GetOrder)",
                R"(  route "ANY" "/" auth="NONE"(default) authorizer=- key=true fn= from=RootAny)",
                R"(  authorizer TokenAuth "TOKEN" fn=AuthFn)",
                R"(  stage Prod "prod" access=?"${ApiLogs.Arn}"@ApiLogs tracing=true level="INFO" )"
                R"(rate=100 burst=50 cache=true/false waf=[Acl])",
                R"(  stage DevDeployment "dev" access=- tracing=false level="ERROR" rate=- )"
                R"(burst=- cache=-/- waf=[])",
                R"(  domain Domain "api.example.com" "TLS_1_0" "EDGE")",
            }));
  ASSERT_EQ(b->model.usage_plans.size(), 1u);
  const model::UsagePlan& plan = b->model.usage_plans[0];
  ASSERT_EQ(plan.api_stages.size(), 1u);
  EXPECT_EQ(plan.api_stages[0].api_id + " " + Dump(plan.api_stages[0].stage) + " " +
                Dump(plan.throttle_rate_limit) + " " + Dump(plan.throttle_burst_limit) + " " +
                Dump(plan.quota_limit),
            R"(Api ?"${Prod}"@Prod 10 20 1000)");
  ASSERT_EQ(b->model.web_acls.size(), 1u);
  EXPECT_TRUE(b->model.web_acls[0].has_logging);
  EXPECT_EQ(Dump(b->model.web_acls[0].scope), R"("REGIONAL")");
}

// A REST API imported from an inline OpenAPI body takes the body's policy
// unless the Policy property sets one.
TEST(ResourcesTest, RestApiPolicyFromBody) {
  auto b = Build(R"(Resources:
  FromBody:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        swagger: "2.0"
        x-amazon-apigateway-policy:
          Statement: [{Effect: Deny, Principal: "*", Action: execute-api:Invoke, Resource: "*"}]
  PropertyWins:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Policy:
        Statement: [{Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: "*"}]
      Body:
        x-amazon-apigateway-policy:
          Statement: [{Effect: Deny, Principal: "*", Action: execute-api:Invoke, Resource: "*"}]
)");
  ASSERT_EQ(b->model.apis.size(), 2u);
  EXPECT_EQ(DumpApi(b->model.apis[0]).front(),
            "FromBody rest name=- endpoint=- disable_default=- "
            "policy=" +
                DumpPolicy(b->model.apis[0].resource_policy) + " opaque");
  ASSERT_TRUE(b->model.apis[0].has_resource_policy);
  ASSERT_EQ(b->model.apis[0].resource_policy.statements.size(), 1u);
  EXPECT_TRUE(b->model.apis[0].resource_policy.statements[0].effect.Is(model::Effect::kDeny));
  ASSERT_EQ(b->model.apis[1].resource_policy.statements.size(), 1u);
  EXPECT_TRUE(b->model.apis[1].resource_policy.statements[0].effect.Is(model::Effect::kAllow));
}

TEST(ResourcesTest, HttpAndWebSocketApis) {
  auto b = Build(R"(Resources:
  Fn: {Type: AWS::Lambda::Function, Properties: {Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}}
  Http:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: http
      ProtocolType: HTTP
      CorsConfiguration: {AllowOrigins: ["*"], AllowCredentials: false}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: {ApiId: !Ref Http, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn}
  GetItems:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Http
      RouteKey: GET /items
      AuthorizationType: JWT
      AuthorizerId: !Ref Jwt
      Target: !Sub integrations/${Integration}
  Default:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Http
      RouteKey: $default
      Target: !Join [/, [integrations, !Ref Integration]]
  Jwt:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties: {ApiId: !Ref Http, Name: jwt, AuthorizerType: JWT}
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Http
      StageName: $default
      AutoDeploy: true
      DefaultRouteSettings: {ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10}
  HttpDomain:
    Type: AWS::ApiGatewayV2::DomainName
    Properties:
      DomainName: http.example.com
      DomainNameConfigurations: [{SecurityPolicy: TLS_1_2, EndpointType: REGIONAL}]
  HttpMapping:
    Type: AWS::ApiGatewayV2::ApiMapping
    Properties: {ApiId: !Ref Http, DomainName: !Ref HttpDomain, Stage: !Ref HttpStage}
  Quick:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: quick, ProtocolType: HTTP, Target: !GetAtt Fn.Arn}
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: ws, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
)");
  EXPECT_EQ(b->Diags(), std::vector<std::string>{});
  ASSERT_EQ(b->model.apis.size(), 3u);
  EXPECT_EQ(
      DumpApi(b->model.apis[0]),
      (std::vector<std::string>{
          R"(Http http name="http" endpoint=- disable_default=- cors=["*"]/false)",
          R"(  route "GET" "/items" auth="JWT" authorizer=~"Jwt"@Jwt key=- fn=Fn from=GetItems)",
          R"(  route "ANY" "$default" auth="NONE"(default) authorizer=- key=- fn=Fn from=Default)",
          R"(  authorizer Jwt "JWT" fn=)",
          R"(  stage HttpStage "$default" access=- tracing=- level=- rate=5 burst=10 cache=-/- )"
          R"(waf=[])",
          R"(  domain HttpDomain "http.example.com" "TLS_1_2" "REGIONAL")",
      }));
  EXPECT_EQ(DumpApi(b->model.apis[1]),
            (std::vector<std::string>{
                R"(Quick http name="quick" endpoint=- disable_default=-)",
                R"(  route "ANY"(default) "$default"(default) auth="NONE"(default) authorizer=- )"
                R"(key=- fn=Fn from=Quick)",
                R"(  stage Quick "$default"(default) access=- tracing=- level=- rate=- burst=- )"
                R"(cache=-/- waf=[])",
            }));
  EXPECT_EQ(DumpApi(b->model.apis[2]),
            (std::vector<std::string>{R"(Ws websocket name="ws" endpoint=- disable_default=-)"}));
}

TEST(ResourcesTest, DataStoresAndTheirPolicies) {
  auto b = Build(R"(Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: data
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: "aws:kms", KMSMasterKeyID: !Ref Cmk}
      VersioningConfiguration: {Status: Enabled}
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: false
      LoggingConfiguration: {DestinationBucketName: logs}
  Site:
    Type: AWS::S3::Bucket
    Properties: {AccessControl: PublicRead}
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: !Sub "${Site.Arn}/*"}]
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: data
      PolicyDocument:
        Statement:
          - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*",
             Condition: {Bool: {"aws:SecureTransport": false}}}
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: alias/orders}
      PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
      DeletionProtectionEnabled: true
  Plain: {Type: AWS::DynamoDB::Table}
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs.fifo
      FifoQueue: true
      VisibilityTimeout: 120
      KmsMasterKeyId: alias/aws/sqs
      RedrivePolicy: {deadLetterTargetArn: !GetAtt JobsDlq.Arn, maxReceiveCount: 3}
  JobsDlq:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
      RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:last", "maxReceiveCount": 5}'
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs, "https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo", !Ref Unknown]
      PolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: sns.amazonaws.com}, Action: sqs:SendMessage, Resource: "*"}]}
  Alerts:
    Type: AWS::SNS::Topic
    Properties: {TopicName: alerts, KmsMasterKeyId: !Ref Cmk}
  AlertsPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: ["arn:aws:sns:us-east-1:123456789012:alerts"]
      PolicyDocument: {Statement: [{Effect: Allow, Principal: {AWS: "*"}, Action: sns:Publish, Resource: "*"}]}
  Cmk:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy: {Statement: [{Effect: Allow, Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}, Action: "kms:*", Resource: "*"}]}
  Signing:
    Type: AWS::KMS::Key
    Properties: {KeySpec: RSA_2048, KeyUsage: SIGN_VERIFY}
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties: {KmsKeyId: !Ref Cmk}
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: {SecretId: !Ref DbSecret, RotationRules: {AutomaticallyAfterDays: 30}}
  SecretPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref DbSecret
      ResourcePolicy: {Statement: [{Effect: Deny, Principal: "*", Action: secretsmanager:DeleteSecret, Resource: "*"}]}
  Plain2: {Type: AWS::SecretsManager::Secret}
  Param:
    Type: AWS::SSM::Parameter
    Properties: {Name: /app/url, Type: String, Value: "https://example.com"}
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: /aws/lambda/orders, RetentionInDays: 14, KmsKeyId: !GetAtt Cmk.Arn}
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineType: EXPRESS
      RoleArn: !GetAtt FlowRole.Arn
      LoggingConfiguration:
        Level: ALL
        Destinations: [{CloudWatchLogsLogGroup: {LogGroupArn: !GetAtt Logs.Arn}}]
      TracingConfiguration: {Enabled: true}
  FlowRole:
    Type: AWS::IAM::Role
    Properties: {AssumeRolePolicyDocument: {Statement: []}}
  Bus:
    Type: AWS::Events::EventBus
    Properties: {Name: orders}
  BusPolicy:
    Type: AWS::Events::EventBusPolicy
    Properties: {EventBusName: orders, StatementId: all, Action: events:PutEvents, Principal: "*"}
  BusPolicy2:
    Type: AWS::Events::EventBusPolicy
    Properties:
      EventBusName: !Ref Bus
      StatementId: org
      Action: events:PutEvents
      Principal: "123456789012"
      Condition: {Type: StringEquals, Key: "aws:PrincipalOrgID", Value: o-1}
  Users:
    Type: AWS::Cognito::UserPool
    Properties: {MfaConfiguration: "OFF", UserPoolAddOns: {AdvancedSecurityMode: ENFORCED}}
  Identities:
    Type: AWS::Cognito::IdentityPool
    Properties: {AllowUnauthenticatedIdentities: true}
)");
  const model::Model& m = b->model;
  std::vector<std::string> buckets;
  for (const model::Bucket& x : m.buckets) {
    std::string line = x.id + " " + Dump(x.bucket_name) + " sse=" + Dump(x.sse_algorithm) + "/" +
                       Dump(x.kms_key) + " versioning=" + Dump(x.versioning) +
                       " block=" + (x.has_public_access_block ? "yes" : "no") + ":" +
                       Dump(x.block_public_acls) + "," + Dump(x.block_public_policy) + "," +
                       Dump(x.ignore_public_acls) + "," + Dump(x.restrict_public_buckets) +
                       (x.has_logging ? " logging" : "") + " acl=" + Dump(x.access_control);
    for (const model::PolicyDocument& p : x.policies) line += " | " + DumpPolicy(p);
    buckets.push_back(line);
  }
  EXPECT_EQ(
      buckets,
      (std::vector<std::string>{
          R"(Data "data" sse="aws:kms"/?"${Cmk}"@Cmk versioning="Enabled" )"
          R"(block=yes:true,true,true,false logging acl=- | DataPolicy:inline )"
          R"({Deny ["s3:*"] on ["*"] to *:"*" if Bool:aws:SecureTransport})",
          R"(Site - sse=-/- versioning=- block=no:-,-,-,- acl="PublicRead" | SitePolicy:inline )"
          R"({Allow ["s3:GetObject"] on [?"${Site.Arn}/*"@Site] to *:"*"})",
      }));
  std::vector<std::string> tables;
  for (const model::Table& x : m.tables) {
    tables.push_back(x.id + " " + Dump(x.table_name) + " sse=" + Dump(x.sse_enabled) + "/" +
                     Dump(x.kms_key) + " pitr=" + Dump(x.point_in_time_recovery) +
                     " protect=" + Dump(x.deletion_protection));
  }
  EXPECT_EQ(tables, (std::vector<std::string>{
                        R"(Orders "orders" sse=true/"alias/orders" pitr=true protect=true)",
                        R"(Plain - sse=-/- pitr=- protect=-)",
                    }));
  std::vector<std::string> queues;
  for (const model::Queue& x : m.queues) {
    std::string line = x.id + " " + Dump(x.queue_name) +
                       " visibility=" + Dump(x.visibility_timeout) + " kms=" + Dump(x.kms_key) +
                       " managed_sse=" + Dump(x.sqs_managed_sse) +
                       " dlq=" + Dump(x.dead_letter_target) + (x.fifo ? " fifo" : "");
    for (const model::PolicyDocument& p : x.policies) line += " | " + p.name;
    queues.push_back(line);
  }
  // JobsPolicy names Jobs twice (Ref and URL): attached once per entry, as
  // CloudFormation would apply it; the Ref to an undeclared queue is kept as
  // a queue fnwarden cannot name (see StorePoliciesNamingTheirTargetByName).
  EXPECT_EQ(queues, (std::vector<std::string>{
                        R"(Jobs "jobs.fifo" visibility=120 kms="alias/aws/sqs" managed_sse=- )"
                        R"(dlq=?"${JobsDlq.Arn}"@JobsDlq fifo | JobsPolicy | JobsPolicy)",
                        R"(JobsDlq - visibility=30(default) kms=- managed_sse=false )"
                        R"(dlq="arn:aws:sqs:us-east-1:123456789012:last")",
                    }));
  ASSERT_EQ(m.topics.size(), 1u);
  EXPECT_EQ(Dump(m.topics[0].kms_key), R"(?"${Cmk}"@Cmk)");
  ASSERT_EQ(m.topics[0].policies.size(), 1u);
  EXPECT_EQ(DumpPolicy(m.topics[0].policies[0]),
            R"(AlertsPolicy:inline {Allow ["sns:Publish"] on ["*"] to AWS:"*"})");
  std::vector<std::string> keys;
  for (const model::Key& x : m.keys) {
    keys.push_back(x.id + " " + Dump(x.key_spec) + " " + Dump(x.key_usage) +
                   " rotation=" + Dump(x.enable_rotation) +
                   (x.has_key_policy ? " " + DumpPolicy(x.key_policy) : ""));
  }
  EXPECT_EQ(keys, (std::vector<std::string>{
                      R"(Cmk "SYMMETRIC_DEFAULT"(default) - rotation=true KeyPolicy:inline )"
                      R"({Allow ["kms:*"] on ["*"] to AWS:?"arn:aws:iam::${AWS::AccountId}:root"})",
                      R"(Signing "RSA_2048" "SIGN_VERIFY" rotation=-)",
                  }));
  ASSERT_EQ(m.secrets.size(), 2u);
  EXPECT_TRUE(m.secrets[0].has_rotation);
  EXPECT_FALSE(m.secrets[1].has_rotation);
  EXPECT_EQ(Dump(m.secrets[0].kms_key), R"(?"${Cmk}"@Cmk)");
  ASSERT_EQ(m.secrets[0].policies.size(), 1u);
  EXPECT_EQ(m.secrets[0].policies[0].name, "SecretPolicy");
  ASSERT_EQ(m.ssm_parameters.size(), 1u);
  EXPECT_EQ(Dump(m.ssm_parameters[0].name) + " " + Dump(m.ssm_parameters[0].type) + " " +
                Dump(m.ssm_parameters[0].value),
            R"("/app/url" "String" "https://example.com")");
  ASSERT_EQ(m.log_groups.size(), 1u);
  EXPECT_EQ(Dump(m.log_groups[0].log_group_name) + " " + Dump(m.log_groups[0].retention_days) +
                " " + Dump(m.log_groups[0].kms_key),
            R"("/aws/lambda/orders" 14 ?"${Cmk.Arn}"@Cmk)");
  ASSERT_EQ(m.state_machines.size(), 1u);
  const model::StateMachine& sm = m.state_machines[0];
  EXPECT_EQ(Dump(sm.type) + " " + Dump(sm.logging_level) +
                (sm.has_log_destination ? " destination " : " ") + Dump(sm.tracing_enabled) +
                " role=" + sm.role_id,
            R"("EXPRESS" "ALL" destination true role=FlowRole)");
  ASSERT_EQ(m.event_buses.size(), 1u);
  std::vector<std::string> bus_policies;
  for (const model::PolicyDocument& p : m.event_buses[0].policies) {
    bus_policies.push_back(DumpPolicy(p));
  }
  EXPECT_EQ(bus_policies,
            (std::vector<std::string>{
                R"(BusPolicy:inline {Allow ["events:PutEvents"] to *:"*"})",
                R"(BusPolicy2:inline {Allow ["events:PutEvents"] to AWS:"123456789012" )"
                R"(if StringEquals:aws:PrincipalOrgID})",
            }));
  ASSERT_EQ(m.user_pools.size(), 1u);
  EXPECT_EQ(
      Dump(m.user_pools[0].mfa_configuration) + " " + Dump(m.user_pools[0].advanced_security_mode),
      R"("OFF" "ENFORCED")");
  ASSERT_EQ(m.identity_pools.size(), 1u);
  EXPECT_EQ(Dump(m.identity_pools[0].allow_unauthenticated), "true");
}

std::string DumpStorePolicy(const model::StorePolicy& p) {
  static const char* kKinds[] = {"bucket", "queue", "topic"};
  return p.id + " " + kKinds[static_cast<int>(p.store_kind)] + " " + DumpList(p.targets) +
         " may=" + DumpIds(p.may_be);
}

template <class T>
std::vector<std::string> PolicyNames(const std::vector<T>& stores) {
  std::vector<std::string> out;
  for (const T& store : stores) {
    std::string line = store.id + ":";
    for (const model::PolicyDocument& p : store.policies) line += " " + p.name;
    out.push_back(line);
  }
  return out;
}

// A policy naming its bucket, queue or topic by name belongs to the store of
// that name, the same pattern (`${AWS::StackName}-x`, `${Param}`) included;
// others are kept as policies of a store created elsewhere, with the stores
// of the model whose names cannot be told apart from theirs.
TEST(ResourcesTest, StorePoliciesNamingTheirTargetByName) {
  auto b = Build(R"(Parameters:
  Name: {Type: String}
  Other: {Type: String}
  WithDefault: {Type: String, Default: media}
Resources:
  Literal: {Type: AWS::S3::Bucket, Properties: {BucketName: site-assets}}
  Computed: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub "${AWS::StackName}-exports"}}
  Param: {Type: AWS::S3::Bucket, Properties: {BucketName: !Ref Name}}
  Defaulted: {Type: AWS::S3::Bucket, Properties: {BucketName: !Ref WithDefault}}
  Generated: {Type: AWS::S3::Bucket}
  P1: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: site-assets, PolicyDocument: {}}}
  P2: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Sub "${AWS::StackName}-exports", PolicyDocument: {}}}
  P3: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Ref Name, PolicyDocument: {}}}
  P4: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: media, PolicyDocument: {}}}
  P5: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Ref Other, PolicyDocument: {}}}
  P6: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: partner-drop, PolicyDocument: {}}}
  P7: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Sub "${AWS::StackName}-logs", PolicyDocument: {}}}
  P8: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !ImportValue shared-bucket, PolicyDocument: {}}}
  P9: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: !Ref Generated, PolicyDocument: {}}}
  Jobs: {Type: AWS::SQS::Queue, Properties: {QueueName: !Sub "${AWS::StackName}-jobs"}}
  Q1:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Sub "https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/${AWS::StackName}-jobs"
        - https://sqs.us-east-1.amazonaws.com/111122223333/inbox
      PolicyDocument: {}
  Events: {Type: AWS::SNS::Topic, Properties: {TopicName: events}}
  T1:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Sub "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:events"]
      PolicyDocument: {}
)");
  const model::Model& m = b->model;
  EXPECT_EQ(PolicyNames(m.buckets),
            (std::vector<std::string>{"Literal: P1", "Computed: P2", "Param: P3", "Defaulted: P4",
                                      "Generated: P9"}));
  EXPECT_EQ(PolicyNames(m.queues), (std::vector<std::string>{"Jobs: Q1"}));
  EXPECT_EQ(PolicyNames(m.topics), (std::vector<std::string>{"Events: T1"}));
  std::vector<std::string> external;
  for (const model::StorePolicy& p : m.store_policies) external.push_back(DumpStorePolicy(p));
  EXPECT_EQ(
      external,
      (std::vector<std::string>{
          R"(P5 bucket [?"${Other}"] may=[Literal Computed Param Defaulted])",
          R"(P6 bucket ["partner-drop"] may=[Param])",
          R"(P7 bucket [?"${AWS::StackName}-logs"] may=[Param])",
          R"(P8 bucket [?"!ImportValue shared-bucket"] may=[Literal Computed Param Defaulted])",
          R"(Q1 queue ["https://sqs.us-east-1.amazonaws.com/111122223333/inbox"] may=[])",
      }));
}

TEST(ResourcesTest, GlobalTableReplicasAndLogRetention) {
  auto b = Build(R"(Parameters:
  Flag: {Type: String}
Resources:
  Global:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: us-east-1
          PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
        - Region: eu-west-1
        - Region: ap-south-1
          PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: !Ref Flag}
  Opaque:
    Type: AWS::DynamoDB::GlobalTable
    Properties: {Replicas: !Ref Flag}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
  FnLogRetention:
    Type: Custom::LogRetention
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:provider
      LogGroupName: {"Fn::Join": ["", ["/aws/lambda/", {Ref: Fn}]]}
      RetentionInDays: 30
)");
  const model::Model& m = b->model;
  std::vector<std::string> tables;
  for (const model::Table& t : m.tables) {
    std::string line = t.id + (t.global ? " global" : "") + (t.replicas_known ? "" : " unknown");
    for (const model::TableReplica& r : t.replicas) {
      line += " | " + Dump(r.region) + " pitr=" + Dump(r.point_in_time_recovery);
    }
    tables.push_back(line);
  }
  EXPECT_EQ(tables, (std::vector<std::string>{
                        R"(Global global | "us-east-1" pitr=true | "eu-west-1" pitr=- | )"
                        R"("ap-south-1" pitr=?false)",
                        "Opaque global unknown",
                    }));
  ASSERT_EQ(m.log_groups.size(), 1u);
  const model::LogGroup& g = m.log_groups[0];
  EXPECT_TRUE(g.retention_only);
  EXPECT_EQ(Dump(g.log_group_name) + " " + Dump(g.retention_days), R"(?"/aws/lambda/${Fn}"@Fn 30)");
}

TEST(ResourcesTest, UserPoolsAndClients) {
  auto b = Build(R"(Resources:
  Default: {Type: AWS::Cognito::UserPool}
  Written:
    Type: AWS::Cognito::UserPool
    Properties:
      AdminCreateUserConfig: {AllowAdminCreateUserOnly: true}
      Policies:
        PasswordPolicy: {MinimumLength: 6, RequireNumbers: true}
      Schema:
        - {Name: email, Required: true}
        - {Name: role, AttributeDataType: String, Mutable: true}
        - {Name: tenant, AttributeDataType: String, DeveloperOnlyAttribute: true}
  Open: {Type: AWS::Cognito::UserPoolClient, Properties: {UserPoolId: !Ref Written}}
  Listed:
    Type: AWS::Cognito::UserPoolClient
    Properties: {UserPoolId: !Ref Written, WriteAttributes: [email, "custom:role"]}
  Elsewhere: {Type: AWS::Cognito::UserPoolClient, Properties: {UserPoolId: us-east-1_AbCdEf}}
)");
  const model::Model& m = b->model;
  std::vector<std::string> pools;
  for (const model::UserPool& p : m.user_pools) {
    std::string line = p.id + (p.has_password_policy ? " policy" : "") +
                       " len=" + Dump(p.password_minimum_length) +
                       " lower=" + Dump(p.password_requires_lowercase) +
                       " upper=" + Dump(p.password_requires_uppercase) +
                       " numbers=" + Dump(p.password_requires_numbers) +
                       " symbols=" + Dump(p.password_requires_symbols) +
                       " temp=" + Dump(p.temporary_password_validity_days) +
                       " admin_only=" + Dump(p.admin_create_user_only);
    for (const model::UserAttribute& a : p.custom_attributes) {
      line += " | " + a.name + " mutable=" + Dump(a.is_mutable) + " dev=" + Dump(a.developer_only);
    }
    pools.push_back(line);
  }
  EXPECT_EQ(pools,
            (std::vector<std::string>{
                "Default len=- lower=- upper=- numbers=- symbols=- temp=- "
                "admin_only=false(default)",
                "Written policy len=6 lower=false(default) upper=false(default) numbers=true "
                "symbols=false(default) temp=7(default) admin_only=true | role mutable=true "
                "dev=false(default) | tenant mutable=false(default) dev=true",
            }));
  std::vector<std::string> clients;
  for (const model::UserPoolClient& c : m.user_pool_clients) {
    clients.push_back(c.id + " pool=" + c.user_pool_id +
                      (c.has_write_attributes ? " write=" + DumpList(c.write_attributes) : ""));
  }
  EXPECT_EQ(clients, (std::vector<std::string>{
                         "Open pool=Written",
                         R"(Listed pool=Written write=["email" "custom:role"])",
                         "Elsewhere pool=",
                     }));
}

TEST(ResourcesTest, ParametersAndOutputs) {
  auto b = Build(R"(Parameters:
  DbPassword: {Type: String, NoEcho: true}
  Stage: {Type: String, Default: prod, AllowedValues: [prod, dev]}
  Token: {Type: String, Default: abc}
  Size: {Type: Number}
Conditions:
  IsDev: !Equals [!Ref Stage, dev]
Resources:
  User: {Type: AWS::IAM::User}
  Key: {Type: AWS::IAM::AccessKey, Properties: {UserName: !Ref User}}
Outputs:
  KeyId: {Value: !Ref Key}
  Secret: {Value: !GetAtt Key.SecretAccessKey}
  Joined: {Value: !Join [":", [!Ref Key, !GetAtt [Key, SecretAccessKey]]]}
  Subbed: {Value: !Sub "${Key}/${Key.SecretAccessKey}"}
  Escaped: {Value: !Sub "${!Key.SecretAccessKey}"}
  Password: {Value: !Ref DbPassword}
  DevOnly: {Condition: IsDev, Value: !GetAtt Key.SecretAccessKey}
)");
  const model::Model& m = b->model;
  std::vector<std::string> inputs;
  for (const model::Input& in : m.inputs) {
    inputs.push_back(in.name + (in.free_text ? " text" : "") + (in.masked ? " masked" : "") +
                     " default=" + Dump(in.default_value));
  }
  EXPECT_EQ(inputs,
            (std::vector<std::string>{"DbPassword text masked default=-", R"(Stage default="prod")",
                                      R"(Token text default="abc")", "Size default=-"}));
  std::vector<std::string> outputs;
  for (const model::Output& out : m.outputs) {
    outputs.push_back(out.name + " " + Dump(out.value) +
                      (out.secret_of.empty() ? "" : " secret=" + out.secret_kind) +
                      (out.value.has(model::kFromNoEchoParameter) ? " noecho" : ""));
  }
  EXPECT_EQ(
      outputs,
      (std::vector<std::string>{
          R"(KeyId ?"${Key}"@Key)",
          R"(Secret ?"${Key.SecretAccessKey}"@Key secret=the secret access key of access key Key)",
          R"(Joined ?"${Key}:${Key.SecretAccessKey}"@Key secret=the secret access key of )"
          R"(access key Key)",
          R"(Subbed ?"${Key}/${Key.SecretAccessKey}"@Key secret=the secret access key of )"
          R"(access key Key)",
          R"(Escaped "${Key.SecretAccessKey}")",
          R"(Password ?"${DbPassword}" noecho)",
      }));
}

TEST(ResourcesTest, MonitoringAndNestedStacks) {
  auto b = Build(R"(Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {FunctionName: orders, Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      AlarmActions: [!Ref Pager]
      Dimensions: [{Name: FunctionName, Value: !Ref Fn}]
  Muted:
    Type: AWS::CloudWatch::Alarm
    Properties:
      ActionsEnabled: false
      Metrics:
        - Id: m1
          MetricStat:
            Metric: {Namespace: AWS/Lambda, MetricName: Throttles, Dimensions: [{Name: FunctionName, Value: orders}]}
  Pager: {Type: AWS::SNS::Topic}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: false
      KMSKeyId: alias/trail
      EventSelectors:
        - DataResources: [{Type: "AWS::S3::Object", Values: ["arn:aws:s3"]}]
  Advanced:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      AdvancedEventSelectors:
        - FieldSelectors:
            - {Field: eventCategory, Equals: [Data]}
            - {Field: resources.type, Equals: ["AWS::Lambda::Function"]}
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: ./child.yaml}
)");
  EXPECT_EQ(b->Diags(), std::vector<std::string>{});
  const model::Model& m = b->model;
  std::vector<std::string> alarms;
  for (const model::Alarm& a : m.alarms) {
    alarms.push_back(a.id + " enabled=" + Dump(a.actions_enabled) +
                     " actions=" + DumpList(a.alarm_actions) + " " + Dump(a.namespace_) + " " +
                     Dump(a.metric_name) + " fns=" + DumpIds(a.function_ids));
  }
  EXPECT_EQ(alarms,
            (std::vector<std::string>{
                R"(Errors enabled=- actions=[?"${Pager}"@Pager] "AWS/Lambda" "Errors" fns=[Fn])",
                R"(Muted enabled=false actions=[] - - fns=[Fn])",
            }));
  std::vector<std::string> trails;
  for (const model::Trail& t : m.trails) {
    trails.push_back(t.id + " logging=" + Dump(t.is_logging) + " multi=" + Dump(t.multi_region) +
                     " validation=" + Dump(t.log_file_validation) + " kms=" + Dump(t.kms_key) +
                     (t.lambda_data_events ? " lambda-data" : "") +
                     (t.s3_data_events ? " s3-data" : ""));
  }
  EXPECT_EQ(trails,
            (std::vector<std::string>{
                R"(Trail logging=true multi=true validation=false kms="alias/trail" s3-data)",
                R"(Advanced logging=true multi=- validation=- kms=- lambda-data)",
            }));
  ASSERT_EQ(m.nested_stacks.size(), 1u);
  EXPECT_EQ(Dump(m.nested_stacks[0].location), R"("./child.yaml")");
}

TEST(ResourcesTest, CdkAssetPathSetsCodeDir) {
  auto b = Build(R"({"Resources": {
  "Fn9270CBC0": {
    "Type": "AWS::Lambda::Function",
    "Properties": {
      "Code": {"S3Bucket": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
               "S3Key": "3f1a.zip"},
      "Handler": "index.handler", "Runtime": "nodejs20.x"},
    "Metadata": {"aws:cdk:path": "Stack/Fn/Resource",
                 "aws:asset:path": "asset.3f1a", "aws:asset:property": "Code"}},
  "Layer": {
    "Type": "AWS::Lambda::Function",
    "Properties": {"Code": {"ZipFile": "x"}},
    "Metadata": {"aws:asset:path": "asset.99", "aws:asset:property": "Content"}}}}
)",
                 "app/cdk.out/Stack.template.json");
  ASSERT_EQ(b->model.functions.size(), 2u);
  EXPECT_EQ(b->model.functions[0].code_dir, "app/cdk.out/asset.3f1a");
  EXPECT_EQ(Dump(b->model.functions[0].code_uri), R"(?"s3://?/3f1a.zip")");
  EXPECT_EQ(b->model.functions[1].code_dir, "");
}

}  // namespace
}  // namespace fnwarden::load::cfn
