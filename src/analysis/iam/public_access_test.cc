#include "analysis/iam/public_access.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/iam/iam_test_util.h"

namespace fnwarden::analysis::iam {
namespace {

using testing::PolicyReader;

// The Sids of the statements PublicStatements reports for `json`.
std::vector<std::string> Public(const std::string& json) {
  PolicyReader reader;
  model::PolicyDocument doc = reader.Read(json);
  model::Model m;
  Resolver resolver(m);
  std::vector<std::string> out;
  for (const model::Statement* s : PublicStatements(doc, resolver, "arn:aws:s3:::site")) {
    out.push_back(s->sid.value);
  }
  return out;
}

std::string Policy(const std::string& statements) {
  return R"({"Version":"2012-10-17","Statement":[)" + statements + "]}";
}

const std::string kPublicGet =
    R"({"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject",
        "Resource":"arn:aws:s3:::site/*")";

TEST(PublicStatementsTest, AnyoneWithoutCondition) {
  EXPECT_EQ(Public(Policy(kPublicGet + "}")), std::vector<std::string>{"A"});
  EXPECT_EQ(Public(Policy(R"({"Sid":"A","Effect":"Allow","Principal":{"AWS":"*"},
      "Action":"s3:*","Resource":"arn:aws:s3:::site/*"})")),
            std::vector<std::string>{"A"});
}

// A resource the scan could not resolve is the policy's own store.
TEST(PublicStatementsTest, UnresolvedResourceIsTheStoresOwn) {
  EXPECT_EQ(Public(Policy(R"({"Sid":"A","Effect":"Allow","Principal":"*",
      "Action":"s3:GetObject","Resource":"?"})")),
            std::vector<std::string>{"A"});
}

TEST(PublicStatementsTest, ConditionsThatKeepOutsidersOut) {
  EXPECT_TRUE(
      Public(Policy(kPublicGet + R"(,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}})"))
          .empty());
  EXPECT_TRUE(
      Public(Policy(kPublicGet + R"(,"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:x"}}})"))
          .empty());
  // A condition on a value the caller chooses is not known to hold.
  EXPECT_TRUE(
      Public(Policy(kPublicGet + R"(,"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}})"))
          .empty());
  // The caller calls over TLS.
  EXPECT_EQ(Public(Policy(kPublicGet + R"(,"Condition":{"Bool":{"aws:SecureTransport":"true"}}})")),
            std::vector<std::string>{"A"});
}

TEST(PublicStatementsTest, DeniesCount) {
  const std::string deny_outside_vpce =
      R"({"Sid":"D","Effect":"Deny","Principal":"*","Action":"s3:*",
          "Resource":"arn:aws:s3:::site/*",
          "Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}})";
  EXPECT_TRUE(Public(Policy(kPublicGet + "}," + deny_outside_vpce)).empty());
  const std::string deny_other_objects =
      R"({"Sid":"D","Effect":"Deny","Principal":"*","Action":"s3:*",
          "Resource":"arn:aws:s3:::site/private/*"})";
  EXPECT_EQ(Public(Policy(kPublicGet + "}," + deny_other_objects)), std::vector<std::string>{"A"});
}

TEST(PublicStatementsTest, ServicesAccountsAndUnknownPrincipalsAreNotAnyone) {
  EXPECT_TRUE(Public(Policy(R"({"Sid":"A","Effect":"Allow",
      "Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject",
      "Resource":"arn:aws:s3:::site/*"})"))
                  .empty());
  EXPECT_TRUE(Public(Policy(R"({"Sid":"A","Effect":"Allow",
      "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject",
      "Resource":"arn:aws:s3:::site/*"})"))
                  .empty());
  EXPECT_TRUE(Public(Policy(R"({"Sid":"A","Effect":"Allow","Principal":{"AWS":"?"},
      "Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"})"))
                  .empty());
  EXPECT_TRUE(Public(Policy(R"({"Sid":"A","Effect":"Deny","Principal":"*",
      "Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"})"))
                  .empty());
}

}  // namespace
}  // namespace fnwarden::analysis::iam
