// Resource-based policies, accounts, boundaries and session policies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/iam/eval_test_util.h"

namespace fnwarden::analysis::iam {
namespace {

using namespace testing;  // NOLINT: the table helpers

std::string ResourcePolicy(const std::string& effect, const std::string& principal,
                           const std::string& action, const std::string& extra = "") {
  return R"({"Version":"2012-10-17","Statement":{"Sid":"R","Effect":")" + effect +
         R"(","Principal":)" + principal + R"(,"Action":")" + action + "\"" +
         (extra.empty() ? "" : "," + extra) + "}}";
}

const std::string kGet = Allow(R"("s3:GetObject")", R"("*")");
const std::string kOnlyList = Allow(R"("s3:List*")", R"("*")");
const Req kSameAccount{"s3:GetObject", "arn:aws:s3:::b/k", {}, {}, {}, false, kRole, "",
                       "111122223333"};
const Req kCrossAccount{"s3:GetObject", "arn:aws:s3:::b/k", {}, {}, {}, false, kRole, "",
                        "444455556666"};

struct Case {
  const char* name;
  Policies policies;
  Req request;
  Decision want;
};

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(std::string(DecisionName(EvaluateCase(c.policies, c.request).result.decision)),
              std::string(DecisionName(c.want)));
  }
}

TEST(EvaluateAccountsTest, SameAndCrossAccount) {
  const std::string to_role = ResourcePolicy("Allow", R"({"AWS":")" + std::string(kRole) + "\"}",
                                             "s3:GetObject");
  const std::string to_session =
      ResourcePolicy("Allow", R"({"AWS":")" + std::string(kSession) + "\"}", "s3:GetObject");
  const std::string to_account =
      ResourcePolicy("Allow", R"({"AWS":"arn:aws:iam::111122223333:root"})", "s3:GetObject");
  const std::string to_account_id = ResourcePolicy("Allow", R"({"AWS":"111122223333"})", "s3:GetObject");
  const std::string to_everyone = ResourcePolicy("Allow", R"("*")", "s3:GetObject");
  const std::string deny_role = ResourcePolicy("Deny", R"({"AWS":")" + std::string(kRole) + "\"}", "s3:*");
  RunCases({
      {"same account: identity alone", {{kGet}}, kSameAccount, kAllowed},
      {"same account: resource policy naming the role alone", {{}, to_role}, kSameAccount, kAllowed},
      {"same account: account principal delegates to IAM", {{}, to_account}, kSameAccount, kImplicit},
      {"same account: account principal and identity", {{kGet}, to_account}, kSameAccount, kAllowed},
      {"same account: everyone", {{}, to_everyone}, kSameAccount, kAllowed},
      {"cross account: identity alone", {{kGet}}, kCrossAccount, kImplicit},
      {"cross account: resource alone", {{}, to_role}, kCrossAccount, kImplicit},
      {"cross account: both", {{kGet}, to_role}, kCrossAccount, kAllowed},
      {"cross account: account ID principal", {{kGet}, to_account_id}, kCrossAccount, kAllowed},
      {"cross account: other account named",
       {{kGet}, ResourcePolicy("Allow", R"({"AWS":"999988887777"})", "s3:GetObject")}, kCrossAccount,
       kImplicit},
      {"resource policy deny wins", {{kGet}, deny_role}, kSameAccount, kExplicit},
      {"NotPrincipal deny applies to others",
       {{kGet}, R"({"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"s3:*"}})"},
       kSameAccount, kExplicit},
      {"NotPrincipal deny spares the principal",
       {{kGet}, R"({"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":")" + std::string(kRole) +
                    R"("},"Action":"s3:*"}})"},
       kSameAccount, kAllowed},
      {"unknown principal", {{}, ResourcePolicy("Allow", R"({"AWS":"?"})", "s3:GetObject")},
       kSameAccount, kConditional},
      {"resource policy with a Resource element",
       {{}, ResourcePolicy("Allow", R"("*")", "s3:GetObject", R"("Resource":"arn:aws:s3:::other/*")")},
       kSameAccount, kImplicit},
      {"session ARN principal", {{}, to_session}, kSameAccount, kAllowed},
  });
}

TEST(EvaluateAccountsTest, BoundariesAndSessions) {
  const std::string to_role = ResourcePolicy("Allow", R"({"AWS":")" + std::string(kRole) + "\"}",
                                             "s3:GetObject");
  const std::string to_session =
      ResourcePolicy("Allow", R"({"AWS":")" + std::string(kSession) + "\"}", "s3:GetObject");
  const std::string all_s3 = Allow(R"("s3:*")", R"("*")");
  RunCases({
      {"boundary allows", {{all_s3}, "", ResourcePolicyMode::kOrdinary, kGet}, kSameAccount, kAllowed},
      {"boundary does not allow",
       {{all_s3}, "", ResourcePolicyMode::kOrdinary, kOnlyList}, kSameAccount, kImplicit},
      {"boundary alone grants nothing", {{}, "", ResourcePolicyMode::kOrdinary, kGet}, kSameAccount,
       kImplicit},
      {"boundary deny", {{all_s3}, "", ResourcePolicyMode::kOrdinary,
                         R"({"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}})"},
       kSameAccount, kExplicit},
      {"unresolved boundary", {{all_s3}, "", ResourcePolicyMode::kOrdinary, "", "", true}, kSameAccount,
       kConditional},
      {"boundary limits a resource policy naming the role",
       {{}, to_role, ResourcePolicyMode::kOrdinary, kOnlyList}, kSameAccount, kImplicit},
      {"boundary does not limit a resource policy naming the session",
       {{}, to_session, ResourcePolicyMode::kOrdinary, kOnlyList}, kSameAccount, kAllowed},
      {"session policy allows", {{all_s3}, "", ResourcePolicyMode::kOrdinary, "", kGet}, kSameAccount,
       kAllowed},
      {"session policy does not allow",
       {{all_s3}, "", ResourcePolicyMode::kOrdinary, "", kOnlyList}, kSameAccount, kImplicit},
      {"session policy limits a resource policy naming the role",
       {{}, to_role, ResourcePolicyMode::kOrdinary, "", kOnlyList}, kSameAccount, kImplicit},
  });
}

TEST(EvaluateAccountsTest, KeyAndTrustPolicies) {
  const std::string decrypt = Allow(R"("kms:Decrypt")", R"("*")");
  const std::string key_to_account =
      ResourcePolicy("Allow", R"({"AWS":"arn:aws:iam::111122223333:root"})", "kms:*");
  const std::string key_to_role =
      ResourcePolicy("Allow", R"({"AWS":")" + std::string(kRole) + "\"}", "kms:Decrypt");
  const std::string key_to_other = ResourcePolicy("Allow", R"({"AWS":"arn:aws:iam::111122223333:role/admin"})", "kms:*");
  const Req use_key{"kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k"};
  const auto kms = ResourcePolicyMode::kExplicitAllowRequired;
  const std::string trust = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",
    "Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}})";
  const std::string role_arn = "arn:aws:iam::111122223333:role/fn";
  Req from_lambda{"sts:AssumeRole", role_arn};
  from_lambda.service = "lambda.amazonaws.com";
  Req from_ec2 = from_lambda;
  from_ec2.service = "ec2.amazonaws.com";
  RunCases({
      {"identity alone does not use a key", {{decrypt}, key_to_other, kms}, use_key, kImplicit},
      {"key policy delegating to the account, with identity", {{decrypt}, key_to_account, kms}, use_key,
       kAllowed},
      {"key policy delegating to the account, no identity", {{}, key_to_account, kms}, use_key,
       kImplicit},
      {"key policy naming the role", {{}, key_to_role, kms}, use_key, kAllowed},
      {"trust policy: the service it names", {{}, trust, kms}, from_lambda, kAllowed},
      {"trust policy: another service", {{}, trust, kms}, from_ec2, kImplicit},
      {"service principal without a resource policy", {{decrypt}}, from_lambda, kImplicit},
  });
}

// A resource policy statement the scan could not read (a whole statement
// behind an unresolved intrinsic) may let the caller in or keep it out: the
// answer is conditional, never a definite allow or deny.
TEST(EvaluateAccountsTest, UnreadableResourcePolicyStatementsAreConditional) {
  const std::string unreadable = R"({"Statement":["?"]})";
  const std::string deny_unreadable = R"({"Statement":[
    {"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},"?"]})";
  Req from_service{"s3:GetObject", "arn:aws:s3:::b/k"};
  from_service.service = "cloudfront.amazonaws.com";
  RunCases({
      {"service caller, unreadable statement", {{}, unreadable}, from_service, kConditional},
      {"cross account, unreadable statement", {{kGet}, unreadable}, kCrossAccount, kConditional},
      {"same account without identity, unreadable statement",
       {{}, unreadable},
       kSameAccount,
       kConditional},
      {"an allow beside an unreadable statement",
       {{}, deny_unreadable},
       from_service,
       kConditional},
      {"same account, identity allows", {{kGet}, unreadable}, kSameAccount, kConditional},
  });
}

}  // namespace
}  // namespace fnwarden::analysis::iam
