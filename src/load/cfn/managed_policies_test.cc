#include "load/cfn/managed_policies.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace fnwarden::load::cfn {
namespace {

std::string Actions(const model::Statement& s) {
  std::string out = s.not_action ? "NotAction:" : "Action:";
  for (const model::String& a : s.actions) out += " " + a.value;
  return out;
}

TEST(ManagedPoliciesTest, CatalogHoldsEveryPolicy) {
  // The pinned package has 1,594 policies; the generator fails the build
  // below 1,000, so this guards the embedding and the parse at run time.
  EXPECT_GT(ManagedPolicyCount(), 1000u);
}

// Lookups bisect the sorted catalog text: the first and last lines (of the
// pinned package) are found, names that sort before, between and after
// entries are not.
TEST(ManagedPoliciesTest, BisectionFindsEveryPositionAndNothingElse) {
  for (const char* name :
       {"AIDevOpsAgentAccessPolicy", "AIDevOpsAgentActionsPolicy", "AWSLambdaBasicExecutionRole",
        "ReadOnlyAccess", "WellArchitectedConsoleReadOnlyAccess", "WorkLinkServiceRolePolicy"}) {
    std::optional<model::PolicyDocument> doc = FindManagedPolicy(name, {});
    ASSERT_TRUE(doc.has_value()) << name;
    EXPECT_EQ(doc->name, name);
  }
  for (const char* name : {"A", "AIDevOpsAgentAccessPolicyX", "AWSLambdaBasicExecutionRol", "Zzz",
                           "administratoraccess"}) {
    EXPECT_FALSE(FindManagedPolicy(name, {}).has_value()) << name;
  }
}

TEST(ManagedPoliciesTest, AdministratorAccessByName) {
  std::optional<model::PolicyDocument> doc = FindManagedPolicy("AdministratorAccess", {});
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->name, "AdministratorAccess");
  EXPECT_EQ(doc->source, model::PolicySource::kManaged);
  EXPECT_TRUE(doc->known);
  EXPECT_EQ(doc->arn.value, "arn:aws:iam::aws:policy/AdministratorAccess");
  EXPECT_EQ(doc->version.value, "2012-10-17");
  ASSERT_EQ(doc->statements.size(), 1u);
  const model::Statement& s = doc->statements[0];
  EXPECT_TRUE(s.effect.Is(model::Effect::kAllow));
  EXPECT_EQ(Actions(s), "Action: *");
  ASSERT_EQ(s.resources.size(), 1u);
  EXPECT_EQ(s.resources[0].value, "*");
}

TEST(ManagedPoliciesTest, ServiceRolePolicyByNameAndArn) {
  const char* kForms[] = {
      "AWSLambdaBasicExecutionRole",
      "service-role/AWSLambdaBasicExecutionRole",
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws-cn:iam::aws:policy/AWSLambdaBasicExecutionRole",
      "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
  };
  for (const char* form : kForms) {
    SCOPED_TRACE(form);
    std::optional<model::PolicyDocument> doc = FindManagedPolicy(form, {});
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ(doc->name, "AWSLambdaBasicExecutionRole");
    EXPECT_EQ(doc->arn.value, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    ASSERT_EQ(doc->statements.size(), 1u);
    EXPECT_EQ(Actions(doc->statements[0]),
              "Action: logs:CreateLogGroup logs:CreateLogStream logs:PutLogEvents");
  }
}

TEST(ManagedPoliciesTest, StatementsPointAtTheAttachment) {
  util::SourceFile file("t.yaml", "a\nb\n");
  util::Loc at{&file, 2, 7};
  std::optional<model::PolicyDocument> doc = FindManagedPolicy("PowerUserAccess", at);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->loc.line, 2u);
  ASSERT_FALSE(doc->statements.empty());
  EXPECT_TRUE(doc->statements[0].not_action);
  for (const model::Statement& s : doc->statements) {
    EXPECT_EQ(s.loc.line, 2u);
    EXPECT_EQ(s.loc.col, 7u);
  }
}

// Documents are converted once and copied: every copy points at its own
// attachment, wherever the first lookup was.
TEST(ManagedPoliciesTest, RepeatedLookupsPointAtEachAttachment) {
  util::SourceFile file("t.yaml", "a\nb\nc\n");
  auto all_at = [](const model::PolicyDocument& doc, util::Loc at) {
    auto same = [&](util::Loc l) {
      return l.file == at.file && l.line == at.line && l.col == at.col;
    };
    bool ok = same(doc.loc) && same(doc.arn.loc) && same(doc.version.loc);
    for (const model::Statement& s : doc.statements) {
      ok = ok && same(s.loc) && same(s.sid.loc) && same(s.effect.loc);
      for (const model::String& a : s.actions) ok = ok && same(a.loc);
      for (const model::String& r : s.resources) ok = ok && same(r.loc);
      for (const model::Condition& c : s.conditions) {
        ok = ok && same(c.loc);
        for (const model::String& v : c.values) ok = ok && same(v.loc);
      }
    }
    return ok;
  };
  for (util::Loc at : {util::Loc{&file, 1, 3}, util::Loc{&file, 3, 5}, util::Loc{&file, 1, 3}}) {
    std::optional<model::PolicyDocument> doc =
        FindManagedPolicy("AWSLambdaSQSQueueExecutionRole", at);
    ASSERT_TRUE(doc.has_value());
    EXPECT_FALSE(doc->statements.empty());
    EXPECT_TRUE(all_at(*doc, at)) << at.line << ":" << at.col;
  }
}

TEST(ManagedPoliciesTest, UnknownNamesAndWrongPaths) {
  const char* kMisses[] = {
      "",
      "NoSuchPolicy",
      "administratoraccess",                                   // names are case-sensitive
      "arn:aws:iam::123456789012:policy/AdministratorAccess",  // a customer policy
      "arn:aws:iam::aws:policy/job-function/AWSLambdaBasicExecutionRole",  // wrong path
      "arn:aws:s3:::AdministratorAccess",
      "arn:aws",
  };
  for (const char* miss : kMisses) {
    SCOPED_TRACE(miss);
    EXPECT_FALSE(FindManagedPolicy(miss, {}).has_value());
  }
}

// A known position takes the cache, looked up by name: the path written
// before the name is still checked against the cached policy's ARN.
TEST(ManagedPoliciesTest, CachedLookupsCheckThePath) {
  util::SourceFile file("t.yaml", "a\n");
  util::Loc at{&file, 1, 1};
  ASSERT_TRUE(FindManagedPolicy("AWSLambdaBasicExecutionRole", at).has_value());
  const char* kHits[] = {
      "AWSLambdaBasicExecutionRole",
      "service-role/AWSLambdaBasicExecutionRole",
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws-cn:iam::aws:policy/AWSLambdaBasicExecutionRole",
  };
  for (const char* hit : kHits) {
    SCOPED_TRACE(hit);
    std::optional<model::PolicyDocument> doc = FindManagedPolicy(hit, at);
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ(doc->arn.value, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  }
  const char* kMisses[] = {
      "arn:aws:iam::aws:policy/job-function/AWSLambdaBasicExecutionRole",
      "role/AWSLambdaBasicExecutionRole",
      "xservice-role/AWSLambdaBasicExecutionRole",
      "NoSuchPolicy",
  };
  for (const char* miss : kMisses) {
    SCOPED_TRACE(miss);
    EXPECT_FALSE(FindManagedPolicy(miss, at).has_value());
  }
}

}  // namespace
}  // namespace fnwarden::load::cfn
