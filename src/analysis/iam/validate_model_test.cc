#include "analysis/iam/validate_model.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/iam/iam_test_util.h"
#include "analysis/iam/validate.h"

namespace fnwarden::analysis::iam {
namespace {

using Lines = std::vector<std::string>;

Lines Check(const model::Model& m) {
  Lines out;
  for (const util::Diagnostic& d : ValidateModelPolicies(m, Catalog::Get())) {
    out.push_back(util::RenderHeadline(d));
  }
  return out;
}

model::PolicyDocument Doc(testing::PolicyReader& reader, const std::string& json,
                          model::PolicySource source = model::PolicySource::kInline) {
  model::PolicyDocument doc = reader.Read(json);
  doc.source = source;
  return doc;
}

model::Role RoleWith(std::string id, std::vector<model::PolicyDocument> policies) {
  model::Role role;
  role.id = std::move(id);
  role.policies = std::move(policies);
  return role;
}

// Every class of diagnostic, each at the value it is about, as a warning.
TEST(ValidateModelTest, EachClassAtItsValue) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  testing::PolicyReader reader;
  model::Model m;
  m.roles.push_back(RoleWith("Fn", {Doc(reader, R"({"Version":"2012-10-18","Statement":[
{"Effect":"Allow","Action":"s*:GetObject","Resource":"bucket-name"},
{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Principal":"*",
 "Condition":{"StringEqualz":{"aws:SourceArn":"x"},
              "StringEquals":{"aws:SourceArnn":"x"},
              "NumericLessThan":{"aws:MultiFactorAuthAge":"ten"},
              "NumericEquals":{"aws:SourceArn":"1"},
              "ForAllValues:StringEquals":{"aws:SourceAccount":"1"}}},
{"Action":"s3:GetObject"}]})")}));
  EXPECT_EQ(
      Check(m),
      (Lines{
          "policy.json:1:12: warning: unknown policy Version \"2012-10-18\" (use \"2012-10-17\")",
          "policy.json:2:28: warning: action \"s*:GetObject\" has a wildcard in its service prefix",
          "policy.json:2:54: warning: resource \"bucket-name\" is neither \"*\" nor an ARN "
          "(arn:partition:service:region:account:resource)",
          "policy.json:3:1: warning: an identity-based policy statement takes no Principal",
          "policy.json:4:31: warning: unknown condition operator \"StringEqualz\"",
          "policy.json:5:31: warning: unknown condition key \"aws:SourceArnn\"",
          "policy.json:6:59: warning: NumericLessThan needs a number, not \"ten\"",
          "policy.json:7:32: warning: numeric operator NumericEquals on ARN key aws:SourceArn",
          "policy.json:8:44: warning: ForAllValues:StringEquals on single-valued key "
          "aws:SourceAccount: use StringEquals without the set prefix",
          "policy.json:9:1: warning: statement has no Effect",
          "policy.json:9:1: warning: statement has no Resource or NotResource",
      }));
}

// FNW-IAM-014 reports unknown actions as findings: not again here.
TEST(ValidateModelTest, UnknownActionsAreLeftToTheRule) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  testing::PolicyReader reader;
  model::Model m;
  m.roles.push_back(RoleWith("Fn", {Doc(reader, R"({"Statement":{"Effect":"Allow",
"Action":["s3:GetObjekt","s4:GetObject","s3:Nope*","GetObject"],"Resource":"*"}})")}));
  EXPECT_EQ(Check(m), Lines{});
  // `iam simulate` still reports them.
  std::vector<util::Diagnostic> all;
  Validate(m.roles[0].policies[0], PolicyKind::kIdentity, Catalog::Get(), &all);
  EXPECT_EQ(all.size(), 4u);
}

TEST(ValidateModelTest, AwsDataIsSkipped) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  const std::string bad = R"({"Statement":{"Effect":"Allow","Action":"s3:GetObject",
"Resource":"*","Condition":{"StringEquals":{"aws:NoSuchKey":"x"}}}})";
  testing::PolicyReader reader;
  model::Model m;
  model::PolicyDocument unresolved = Doc(reader, bad, model::PolicySource::kUnresolved);
  unresolved.known = false;
  m.roles.push_back(
      RoleWith("Fn", {Doc(reader, bad, model::PolicySource::kManaged),
                      Doc(reader, bad, model::PolicySource::kPolicyTemplate),
                      Doc(reader, bad, model::PolicySource::kConnector), unresolved}));
  m.roles.back().has_boundary_policy = true;
  m.roles.back().boundary_policy = Doc(reader, bad, model::PolicySource::kManaged);
  // What the SAM transform writes for an event source (its resource is the
  // event's value, which CloudFormation checks there).
  m.roles.back().policies.push_back(Doc(reader, bad));
  m.roles.back().policies.back().generated = true;
  EXPECT_EQ(Check(m), Lines{});
  // The same document written by the user, as a customer-managed boundary.
  m.roles.back().boundary_policy.source = model::PolicySource::kCustomerManaged;
  EXPECT_EQ(Check(m), Lines{"policy.json:2:45: warning: unknown condition key \"aws:NoSuchKey\""});
}

TEST(ValidateModelTest, SharedDocumentIsReportedOnce) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  testing::PolicyReader reader;
  model::PolicyDocument shared = Doc(reader, R"({"Statement":{"Effect":"Allow",
"Action":"s3:GetObject","Resource":"bucket"}})",
                                     model::PolicySource::kCustomerManaged);
  model::Model m;
  // Attached to two roles (each copy located where it is attached) and used
  // as a third role's boundary.
  m.roles.push_back(RoleWith("A", {shared}));
  m.roles.push_back(RoleWith("B", {shared}));
  m.roles[1].policies[0].loc.line = 40;
  m.roles.push_back(RoleWith("C", {}));
  m.roles[2].has_boundary_policy = true;
  m.roles[2].boundary_policy = shared;
  // A queue policy on two queues.
  model::PolicyDocument queue_policy = Doc(reader, R"({"Statement":{"Effect":"Allow",
"Action":"sqs:SendMessage"}})");
  m.queues.resize(2);
  m.queues[0].policies.push_back(queue_policy);
  m.queues[1].policies.push_back(queue_policy);
  EXPECT_EQ(Check(m),
            (Lines{"policy.json:2:36: warning: resource \"bucket\" is neither \"*\" nor an ARN "
                   "(arn:partition:service:region:account:resource)",
                   "policy.json:1:14: warning: statement has no Principal or NotPrincipal"}));
}

TEST(ValidateModelTest, EveryKindOfDocument) {
  ASSERT_TRUE(Catalog::Get().loaded()) << Catalog::Get().error();
  testing::PolicyReader reader;
  // A resource-policy statement without a Principal, as each kind of owner.
  const std::string no_principal =
      R"({"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}})";
  model::Model m;
  model::Role role;
  role.trust = Doc(reader, R"({"Statement":{"Effect":"Allow","Action":"sts:AssumeRole",
"Principal":{"Service":"lambda.amazonaws.com"},"Resource":"*"}})");
  m.roles.push_back(role);
  m.buckets.emplace_back().policies.push_back(Doc(reader, no_principal));
  m.topics.emplace_back().policies.push_back(Doc(reader, no_principal));
  m.secrets.emplace_back().policies.push_back(Doc(reader, no_principal));
  m.event_buses.emplace_back().policies.push_back(Doc(reader, no_principal));
  model::Key key;
  key.has_key_policy = true;
  key.key_policy = Doc(reader, no_principal);
  m.keys.push_back(key);
  model::Api api;
  api.has_resource_policy = true;
  api.resource_policy = Doc(reader, R"({"Statement":{"Effect":"Allow","Principal":"*",
"Action":"execute-api:Invoke","Resource":["execute-api:/*","execute-api"]}})");
  m.apis.push_back(api);
  const std::string missing =
      "policy.json:1:14: warning: statement has no Principal or NotPrincipal";
  EXPECT_EQ(Check(m),
            (Lines{"policy.json:1:14: warning: a trust policy statement takes no Resource", missing,
                   missing, missing, missing, missing,
                   // API Gateway's own shorthand is fine; a bare word is not.
                   "policy.json:2:60: warning: resource \"execute-api\" is neither \"*\" nor an "
                   "ARN (arn:partition:service:region:account:resource)"}));
}

}  // namespace
}  // namespace fnwarden::analysis::iam
