// Permissions boundaries through the whole template pipeline (SAM transform,
// CloudFormation adapters, both passes): which ones resolve to a document.
#include "load/cfn/boundary.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "load/project.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::cfn {
namespace {

struct Loaded {
  util::SourceSet sources;
  std::unique_ptr<syntax::Document> doc;
  util::DiagnosticSink diags;
  model::Model model;

  const model::Role& Role(std::string_view id) const {
    static const model::Role kNone;
    const model::Role* r = model.FindRole(id);
    return r == nullptr ? kNone : *r;
  }
};

std::unique_ptr<Loaded> Load(const std::string& yaml) {
  auto out = std::make_unique<Loaded>();
  const util::SourceFile* file = out->sources.Add("app/template.yaml", yaml);
  out->doc = syntax::ParseYaml(file, syntax::ParseLimits{}, &out->diags);
  if (out->doc != nullptr) BuildTemplateModel(*out->doc, LoadOptions{}, &out->diags, &out->model);
  return out;
}

// "none" when unresolved; otherwise name:source, the statements' actions and
// where the document is located.
std::string DumpBoundary(const model::Role& role) {
  if (!role.has_boundary_policy) return "none";
  const model::PolicyDocument& doc = role.boundary_policy;
  std::string out = doc.name;
  out += doc.source == model::PolicySource::kManaged           ? ":managed"
         : doc.source == model::PolicySource::kCustomerManaged ? ":customer"
                                                               : ":other";
  if (!doc.known) out += ":unknown";
  // Catalog documents change with the pinned package: only their presence.
  if (doc.source == model::PolicySource::kManaged) {
    out += doc.statements.empty() ? " (empty)" : " (statements)";
  } else {
    for (const model::Statement& s : doc.statements) {
      out += s.effect.Is(model::Effect::kDeny) ? " Deny" : " Allow";
      for (const model::String& a : s.actions) out += " " + a.value;
    }
  }
  return out + " @" + std::to_string(doc.loc.line) + ":" + std::to_string(doc.loc.col);
}

TEST(Boundary, CloudFormationRoleWithAwsManagedBoundary) {
  auto l = Load(R"(Resources:
  Literal:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess
  WithPartition:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
  ServiceRolePath:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
)");
  EXPECT_EQ(l->diags.size(), 0u);
  EXPECT_EQ(DumpBoundary(l->Role("Literal")), "PowerUserAccess:managed (statements) @6:28");
  EXPECT_EQ(DumpBoundary(l->Role("WithPartition")), "ReadOnlyAccess:managed (statements) @11:28");
  EXPECT_EQ(DumpBoundary(l->Role("ServiceRolePath")),
            "AWSLambdaBasicExecutionRole:managed (statements) @16:28");
  // The document keeps the boundary as written.
  EXPECT_EQ(l->Role("WithPartition").boundary_policy.arn.value,
            l->Role("WithPartition").permissions_boundary.value);
}

TEST(Boundary, SamFunctionAndStateMachineWithBoundary) {
  auto l = Load(R"(Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    PermissionsBoundary: arn:aws:iam::aws:policy/ReadOnlyAccess
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: app.handler, InlineCode: x}
  Own:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: x
      PermissionsBoundary: !Sub arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {}
      PermissionsBoundary: arn:aws:iam::aws:policy/AWSStepFunctionsReadOnlyAccess
)");
  EXPECT_EQ(l->diags.size(), 0u);
  EXPECT_EQ(DumpBoundary(l->Role("FnRole")), "ReadOnlyAccess:managed (statements) @4:26");
  EXPECT_EQ(DumpBoundary(l->Role("OwnRole")), "PowerUserAccess:managed (statements) @15:28");
  EXPECT_EQ(DumpBoundary(l->Role("MachineRole")),
            "AWSStepFunctionsReadOnlyAccess:managed (statements) @20:28");
}

TEST(Boundary, ManagedPolicyOfTheTemplate) {
  auto l = Load(R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Limit:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: app-boundary
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: ["s3:GetObject", "logs:*"], Resource: "*"}
          - {Effect: Deny, Action: "iam:*", Resource: "*"}
  CfnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: !Ref Limit
  ByAttribute:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: !GetAtt Limit.PolicyArn
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: x
      PermissionsBoundary: !Ref Limit
)");
  EXPECT_EQ(l->diags.size(), 0u);
  const std::string limit = "app-boundary:customer Allow s3:GetObject logs:* Deny iam:*";
  EXPECT_EQ(DumpBoundary(l->Role("CfnRole")), limit + " @15:28");
  EXPECT_EQ(DumpBoundary(l->Role("ByAttribute")), limit + " @20:28");
  EXPECT_EQ(DumpBoundary(l->Role("FnRole")), limit + " @27:28");
  // The statements point at the policy's own lines.
  ASSERT_EQ(l->Role("FnRole").boundary_policy.statements.size(), 2u);
  EXPECT_EQ(l->Role("FnRole").boundary_policy.statements[1].loc.line, 10u);
}

TEST(Boundary, UnresolvableBoundariesStayUnknown) {
  auto l = Load(R"(Transform: AWS::Serverless-2016-10-31
Parameters:
  BoundaryArn: {Type: String}
  WithDefault: {Type: String, Default: "arn:aws:iam::aws:policy/ReadOnlyAccess"}
Conditions:
  Never: !Equals [a, b]
  Undecided: !Equals [!Ref BoundaryArn, x]
Resources:
  NotCreated:
    Type: AWS::IAM::ManagedPolicy
    Condition: Never
    Properties:
      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
  Customer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: arn:aws:iam::123456789012:policy/team-boundary
  FromParameter:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: !Ref BoundaryArn
  FromDefault:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: !Ref WithDefault
  NoSuchManaged:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: arn:aws:iam::aws:policy/NoSuchPolicyAnywhere
  MaybeManaged:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: !If [Undecided, "arn:aws:iam::aws:policy/ReadOnlyAccess", !Ref AWS::NoValue]
  NeverCreated:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      PermissionsBoundary: !Ref NotCreated
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: x
      PermissionsBoundary: !Sub arn:aws:iam::aws:policy/${BoundaryArn}
)");
  EXPECT_EQ(l->diags.size(), 0u);
  for (const char* id :
       {"Customer", "FromParameter", "NoSuchManaged", "MaybeManaged", "NeverCreated", "FnRole"}) {
    EXPECT_EQ(DumpBoundary(l->Role(id)), "none") << id;
    EXPECT_FALSE(l->Role(id).permissions_boundary.absent()) << id;
  }
  // A parameter's default resolves like a literal.
  EXPECT_EQ(DumpBoundary(l->Role("FromDefault")), "ReadOnlyAccess:managed (statements) @28:28");
}

TEST(Boundary, BoundaryNames) {
  model::String ref = model::String::Unknown({});
  ref.value = "${Limit}";
  ref.refs = {"Limit"};
  EXPECT_TRUE(BoundaryNames(ref, "Limit"));
  EXPECT_FALSE(BoundaryNames(ref, "Other"));
  model::String sub = ref;
  sub.value = "arn:aws:iam::1:policy/${Limit}";
  EXPECT_FALSE(BoundaryNames(sub, "Limit"));
  model::String literal = model::String::Literal("${Limit}", {});
  literal.refs = {"Limit"};
  EXPECT_FALSE(BoundaryNames(literal, "Limit"));
}

}  // namespace
}  // namespace fnwarden::load::cfn
