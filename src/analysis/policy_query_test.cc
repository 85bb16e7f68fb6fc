#include "analysis/policy_query.h"

#include <gtest/gtest.h>

namespace fnwarden::analysis {
namespace {

model::String Lit(std::string v) { return model::String::Literal(std::move(v), {}); }

model::Statement Allow(std::vector<std::string> actions) {
  model::Statement s;
  s.effect = model::Value<model::Effect>::Literal(model::Effect::kAllow, {});
  for (auto& a : actions) s.actions.push_back(Lit(std::move(a)));
  return s;
}

TEST(ServicePrincipalTest, Shapes) {
  EXPECT_TRUE(IsServicePrincipal("s3.amazonaws.com"));
  EXPECT_TRUE(IsServicePrincipal("Events.AmazonAWS.com"));
  EXPECT_TRUE(IsServicePrincipal("sns.amazonaws.com.cn"));
  EXPECT_FALSE(IsServicePrincipal("123456789012"));
  EXPECT_FALSE(IsServicePrincipal("*"));
  EXPECT_FALSE(IsServicePrincipal(".amazonaws.com"));
}

TEST(StatementAttributeTest, IndexInItsPolicy) {
  model::PolicyDocument doc;
  doc.name = "ops";
  doc.statements = {Allow({"s3:*"}), Allow({"sqs:*"})};
  EXPECT_EQ(StatementAttribute({&doc, &doc.statements[1]}), "role.policies.ops.statement[1]");
  EXPECT_EQ(StatementAttribute("policy", doc, doc.statements[0]),
            "policy.statement[0]");
}

TEST(JoinNamesTest, Lists) {
  EXPECT_EQ(JoinNames({}), "");
  EXPECT_EQ(JoinNames({"A"}), "A");
  EXPECT_EQ(JoinNames({"A", "B"}), "A and B");
  EXPECT_EQ(JoinNames({"A", "B", "C"}), "A, B and C");
}

TEST(ActionSummaryTest, ListsAndCounts) {
  EXPECT_EQ(ActionSummary(Allow({"s3:GetObject"})), "s3:GetObject");
  EXPECT_EQ(ActionSummary(Allow({"a:A", "a:B", "a:C", "a:D", "a:E"})), "a:A, a:B, a:C and 2 more");
  model::Statement not_action = Allow({"iam:*"});
  not_action.not_action = true;
  EXPECT_EQ(ActionSummary(not_action), "every action but iam:*");
  EXPECT_EQ(ActionSummary(Allow({})), "its actions");
}

TEST(RouteLabelTest, UnknownParts) {
  model::Route r;
  r.method = Lit("GET");
  r.path = model::String::Unknown({});
  EXPECT_EQ(RouteLabel(r), "GET ?");
}

}  // namespace
}  // namespace fnwarden::analysis
