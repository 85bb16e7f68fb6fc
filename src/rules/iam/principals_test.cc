// The IAM rules over every principal of an application: what each message
// says about who holds the permission, and that each statement is reported
// once per principal that holds it.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "analysis/facts.h"
#include "load/project.h"
#include "load/syntax/node.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

constexpr std::chrono::sys_days kToday{std::chrono::year{2026} / 12 / 1};

struct Scan {
  std::unique_ptr<util::SourceFile> file;
  std::unique_ptr<load::syntax::Document> doc;
  util::DiagnosticSink diags;
  model::Model model;
};

std::unique_ptr<Scan> Load(std::string yaml) {
  auto s = std::make_unique<Scan>();
  s->file = std::make_unique<util::SourceFile>("t.yaml", std::move(yaml));
  s->doc = load::syntax::ParseYaml(s->file.get(), load::syntax::ParseLimits{}, &s->diags);
  EXPECT_NE(s->doc, nullptr);
  load::LoadOptions options;
  EXPECT_TRUE(load::BuildTemplateModel(*s->doc, options, &s->diags, &s->model));
  return s;
}

// "resource: message" of every finding of `rule_id`, in report order.
std::vector<std::string> Findings(const Scan& s, std::string_view rule_id) {
  const Rule* rule = FindRule(rule_id);
  EXPECT_NE(rule, nullptr) << rule_id;
  analysis::Facts facts(s.model);
  std::vector<model::Finding> findings;
  Context ctx(s.model, facts, rule->info, kToday, &findings);
  rule->check(ctx);
  std::vector<std::string> out;
  for (const model::Finding& f : findings) out.push_back(f.resource + ": " + f.message);
  return out;
}

constexpr const char* kPrincipals = R"(Resources:
  PipelineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: states.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  Pipeline:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt PipelineRole.Arn
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  Pool:
    Type: AWS::Cognito::IdentityPool
  PoolRoles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Pool
      Roles: {unauthenticated: !GetAtt GuestRole.Arn}
  SpareRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  Operators:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  DeployBot:
    Type: AWS::IAM::User
    Properties:
      UserName: deploy-bot
      Groups: [!Ref Operators]
  Loose:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  Shared:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  Orders:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Shared.Arn, Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
  Cleanup:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Shared.Arn, Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
)";

TEST(PrincipalsTest, MessagesNameThePrincipalAndWhoUsesIt) {
  auto s = Load(kPrincipals);
  const std::string tail = " can perform every action on every resource (all of role ";
  EXPECT_EQ(
      Findings(*s, "FNW-IAM-001"),
      (std::vector<std::string>{
          "Orders: functions Orders and Cleanup" + tail + "Shared allows \"*\" on \"*\")",
          "PipelineRole: role PipelineRole, assumed by states.amazonaws.com for state machine "
          "Pipeline," +
              tail + "PipelineRole allows \"*\" on \"*\")",
          "GuestRole: role GuestRole, assumed by any visitor of identity pool Pool "
          "(unauthenticated)," +
              tail + "GuestRole allows \"*\" on \"*\")",
          "SpareRole: role SpareRole, trusted by ec2.amazonaws.com," + tail +
              "SpareRole allows \"*\" on \"*\")",
          // The group's statement, for the user that belongs to it; the group
          // is not reported again.
          "DeployBot: IAM user deploy-bot can perform every action on every resource (all of IAM "
          "group Operators allows \"*\" on \"*\")",
          "Loose: any principal policy Loose is attached to can perform every action on every "
          "resource (Loose allows \"*\" on \"*\")",
      }));
}

TEST(PrincipalsTest, FullAdministratorsAreReportedOnce) {
  auto s = Load(kPrincipals);
  // The other breadth and isolation rules leave them to FNW-IAM-001.
  EXPECT_TRUE(Findings(*s, "FNW-IAM-002").empty());
  EXPECT_TRUE(Findings(*s, "FNW-IAM-003").empty());
  EXPECT_TRUE(Findings(*s, "FNW-ISO-003").empty());
}

// A function role that only EC2 may assume is not "also" EC2's.
TEST(PrincipalsTest, FunctionRoleTrustedOnlyByAnotherService) {
  auto s = Load(R"(Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
  Worker:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt WorkerRole.Arn, Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
)");
  EXPECT_EQ(Findings(*s, "FNW-ISO-004"),
            (std::vector<std::string>{
                "WorkerRole: role WorkerRole of function Worker can be assumed by "
                "ec2.amazonaws.com, and not by Lambda: ec2.amazonaws.com gets every permission "
                "written for the function, which cannot assume it"}));
}

// A service's finding cites that service's entries of a statement, whatever
// order the statement lists them in: AWSLambda_FullAccess begins with
// CloudFormation's actions.
TEST(PrincipalsTest, ServiceWildcardCitesTheServicesOwnEntries) {
  auto s = Load(R"(Resources:
  DeployerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSLambda_FullAccess
  Deployer:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt DeployerRole.Arn, Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
)");
  EXPECT_EQ(Findings(*s, "FNW-IAM-002"),
            (std::vector<std::string>{
                "Deployer: function Deployer can perform every action of lambda on every "
                "resource: lambda:* and 22 more on *, t.yaml:9 (AWSLambda_FullAccess)"}));
}

// The fix of a broad grant names what the template declares, never an
// example from another application.
TEST(PrincipalsTest, FixesNameTheTemplatesOwnResources) {
  auto s = Load(R"(Resources:
  Ledger:
    Type: AWS::DynamoDB::Table
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: writes
          PolicyDocument:
            Statement: [{Effect: Allow, Action: dynamodb:PutItem, Resource: "*"}]
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
  Worker:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt WorkerRole.Arn, Runtime: python3.12, Handler: a.h, Code: {ZipFile: x}}
)");
  std::vector<model::Finding> findings;
  for (const char* rule_id : {"FNW-IAM-008", "FNW-IAM-010"}) {
    analysis::Facts facts(s->model);
    Context ctx(s->model, facts, FindRule(rule_id)->info, kToday, &findings);
    FindRule(rule_id)->check(ctx);
  }
  std::vector<std::string> fixes;
  for (const model::Finding& f : findings) fixes.push_back(std::string(f.rule->id) + ": " + f.fix);
  EXPECT_EQ(fixes,
            (std::vector<std::string>{
                "FNW-IAM-008: Replace the statement at t.yaml:13 (writes of role WorkerRole) with "
                "one that allows only these actions on the resources Worker writes to (for "
                "example !GetAtt Ledger.Arn).",
                "FNW-IAM-010: Replace the AWS managed policy AmazonS3ReadOnlyAccess of role "
                "WorkerRole with a customer managed policy (AWS::IAM::ManagedPolicy) that allows "
                "only these actions on the resources Worker reads.",
            }));
}

}  // namespace
}  // namespace fnwarden::rules
