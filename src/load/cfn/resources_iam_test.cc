// The principals the IAM adapters build: who uses each role, users with
// their groups, and policies no principal of the template holds.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/cfn/resources_test_util.h"

namespace fnwarden::load::cfn {
namespace {

using testing::Build;
using testing::DumpIds;
using testing::DumpPolicy;

std::string DumpUses(const model::Role& r) {
  std::string out = r.id + ":";
  for (const model::RoleUse& u : r.used_by) {
    out +=
        " " + std::string(model::RoleUseKindName(u.kind)) + "/" + u.resource_id + "/" + u.service;
  }
  return out;
}

std::vector<std::string> DumpRoles(const model::Model& m) {
  std::vector<std::string> out;
  for (const model::Role& r : m.roles) out.push_back(DumpUses(r));
  return out;
}

template <class T>
std::string DumpPolicies(const T& holder) {
  std::string out = holder.id + ":";
  for (const model::PolicyDocument& p : holder.policies) out += " " + DumpPolicy(p);
  return out;
}

TEST(ResourcesIamTest, WhoUsesEachRole) {
  auto b = Build(R"(Resources:
  Role:
    Type: AWS::IAM::Role
  Unused:
    Type: AWS::IAM::Role
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Role.Arn}
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties: {RoleArn: !GetAtt Role.Arn}
  Build:
    Type: AWS::CodeBuild::Project
    Properties: {ServiceRole: !Ref Role}
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Targets: [{Id: a, Arn: x, RoleArn: !GetAtt Role.Arn}, {Id: b, Arn: y}]
  Schedule:
    Type: AWS::Scheduler::Schedule
    Properties: {Target: {Arn: x, RoleArn: !GetAtt Role.Arn}}
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties: {RoleArn: !GetAtt Role.Arn}
  Account:
    Type: AWS::ApiGateway::Account
    Properties: {CloudWatchRoleArn: !GetAtt Role.Arn}
  Api:
    Type: AWS::ApiGateway::RestApi
  Method:
    Type: AWS::ApiGateway::Method
    Properties: {RestApiId: !Ref Api, Integration: {Credentials: !GetAtt Role.Arn}}
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties: {TaskRoleArn: !Ref Role, ExecutionRoleArn: !GetAtt Role.Arn}
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties: {Roles: [!Ref Role]}
  Pool:
    Type: AWS::Cognito::IdentityPool
  PoolRoles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: {authenticated: !GetAtt Role.Arn, unauthenticated: !GetAtt Role.Arn}
  Source:
    Type: AWS::AppSync::DataSource
    Properties: {ServiceRoleArn: !GetAtt Role.Arn}
  Users:
    Type: AWS::Cognito::UserPool
    Properties: {SmsConfiguration: {SnsCallerArn: !GetAtt Role.Arn}}
)");
  EXPECT_EQ(b->Diags(), std::vector<std::string>{});
  EXPECT_EQ(DumpRoles(b->model),
            (std::vector<std::string>{
                "Role: build project/Build/codebuild.amazonaws.com"
                " event rule/Rule/events.amazonaws.com"
                " schedule/Schedule/scheduler.amazonaws.com"
                " pipe/Pipe/pipes.amazonaws.com"
                " API Gateway logging/Account/apigateway.amazonaws.com"
                " API integration/Api/apigateway.amazonaws.com"
                " ECS task/Task/ecs-tasks.amazonaws.com"
                " ECS task execution/Task/ecs-tasks.amazonaws.com"
                " instance profile/Profile/ec2.amazonaws.com"
                " identity pool (signed-in users)/Pool/cognito-identity.amazonaws.com"
                " identity pool (guests)/Pool/cognito-identity.amazonaws.com"
                " AppSync data source/Source/appsync.amazonaws.com"
                " user pool SMS/Users/cognito-idp.amazonaws.com"
                " function/Fn/lambda.amazonaws.com"
                " state machine/Machine/states.amazonaws.com",
                "Unused:",
            }));
}

TEST(ResourcesIamTest, UsersGroupsAndTheirPolicies) {
  auto b = Build(R"(Resources:
  Admins:
    Type: AWS::IAM::Group
    Properties:
      GroupName: admins
      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
  Ops:
    Type: AWS::IAM::Group
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      Groups: [admins]
      PermissionsBoundary: arn:aws:iam::aws:policy/ReadOnlyAccess
      Policies:
        - PolicyName: own
          PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
  Bob:
    Type: AWS::IAM::User
  AddBob:
    Type: AWS::IAM::UserToGroupAddition
    Properties: {GroupName: !Ref Ops, Users: [!Ref Bob, nobody]}
  Shared:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: shared
      Users: [alice]
      Groups: [!Ref Ops]
      PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:*, Resource: "*"}]}
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Users: [!Ref Bob]
      PolicyDocument: {Statement: [{Effect: Allow, Action: sns:*, Resource: "*"}]}
)");
  EXPECT_EQ(b->Diags(), std::vector<std::string>{});
  const model::Model& m = b->model;
  ASSERT_EQ(m.users.size(), 2u);
  EXPECT_EQ(DumpIds(m.users[0].groups), "[Admins]");
  EXPECT_TRUE(m.users[0].has_boundary_policy);
  EXPECT_EQ(DumpPolicies(m.users[0]),
            "Alice: own:inline {Allow [\"s3:GetObject\"] on [\"*\"]}"
            " shared:inline {Allow [\"sqs:*\"] on [\"*\"]}");
  EXPECT_EQ(DumpIds(m.users[1].groups), "[Ops]");
  EXPECT_EQ(DumpPolicies(m.users[1]), "Bob: Managed:customer {Allow [\"sns:*\"] on [\"*\"]}");
  ASSERT_EQ(m.groups.size(), 2u);
  EXPECT_EQ(DumpPolicies(m.groups[0]), "Admins: ReadOnlyAccess:managed");
  EXPECT_EQ(DumpPolicies(m.groups[1]), "Ops: shared:inline {Allow [\"sqs:*\"] on [\"*\"]}");
  EXPECT_TRUE(m.standalone_policies.empty());
}

TEST(ResourcesIamTest, PoliciesNoPrincipalOfTheTemplateHolds) {
  auto b = Build(R"(Resources:
  Role:
    Type: AWS::IAM::Role
  Attached:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: sns:Publish, Resource: "*"}]}
  ViaArns:
    Type: AWS::IAM::Role
    Properties: {ManagedPolicyArns: [!Ref Attached]}
  Loose:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: sns:Publish, Resource: "*"}]}
  Elsewhere:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: elsewhere
      Roles: [legacy-worker, !Ref Role]
      PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:*, Resource: "*"}]}
  Outside:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: outside
      Roles: [legacy-worker]
      PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:*, Resource: "*"}]}
)");
  EXPECT_EQ(b->Diags(), std::vector<std::string>{});
  std::vector<std::string> standalone;
  for (const model::StandalonePolicy& p : b->model.standalone_policies) {
    std::string names;
    for (const model::String& a : p.attached_to) names += " " + a.value;
    standalone.push_back(p.id + ":" + names);
  }
  // Policy resources attach before managed policies (resources.cc).
  EXPECT_EQ(standalone, (std::vector<std::string>{"Outside: legacy-worker", "Loose:"}));
}

}  // namespace
}  // namespace fnwarden::load::cfn
