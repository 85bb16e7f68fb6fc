#include "analysis/facts.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "analysis/iam/effective.h"
#include "analysis/iam/iam_test_util.h"
#include "analysis/iam/trust.h"

namespace fnwarden::analysis {
namespace {

constexpr char kTrustsEc2AndLambda[] = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "ec2.amazonaws.com"]},
   "Action": "sts:AssumeRole"}]})";

// Two roles with the same trust policy: one a function assumes, one no
// function does. FNW-ISO-004's concern (EC2 besides Lambda) is only the
// function role's.
struct TrustFixture {
  iam::testing::PolicyReader reader;
  model::Model model;

  TrustFixture() {
    for (const char* id : {"FunctionRole", "OtherRole"}) {
      model::Role role;
      role.id = id;
      role.type = "AWS::IAM::Role";
      role.trust = reader.Read(kTrustsEc2AndLambda);
      model.roles.push_back(std::move(role));
    }
    model.roles[0].functions = {"Fn"};
  }
};

TEST(FactsTrustTest, AnswersAsAnalyzeTrustWithTheRolesOwnFunctionFlag) {
  TrustFixture f;
  Facts facts(f.model);
  const iam::TrustAnalysis& function_role = facts.Trust(f.model.roles[0]);
  const iam::TrustAnalysis& other_role = facts.Trust(f.model.roles[1]);

  ASSERT_EQ(function_role.grants.size(), 1u);
  EXPECT_EQ(function_role.grants[0].concern, iam::TrustConcern::kBeyondLambda);
  EXPECT_TRUE(function_role.lambda_trusted);
  EXPECT_TRUE(other_role.grants.empty());

  iam::TrustAnalysis direct =
      iam::AnalyzeTrust(f.model.roles[0], facts.IamResolver(), /*function_role=*/true);
  ASSERT_EQ(direct.grants.size(), function_role.grants.size());
  EXPECT_EQ(direct.grants[0].who, function_role.grants[0].who);
  // Asked again, the same analysis.
  EXPECT_EQ(&facts.Trust(f.model.roles[0]), &function_role);
}

TEST(FactsTrustTest, RefusesARoleOfAnotherModel) {
  TrustFixture f;
  Facts facts(f.model);
  model::Role stranger = f.model.roles[0];
  EXPECT_THROW(facts.Trust(stranger), std::invalid_argument);
}

}  // namespace
}  // namespace fnwarden::analysis
