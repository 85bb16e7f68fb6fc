#include "analysis/iam/service_roles.h"

#include <gtest/gtest.h>

#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/iam_test_util.h"
#include "analysis/iam/trust.h"
#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

using testing::PolicyReader;

struct TrustCase {
  const char* name;
  const char* trust;     // the role's trust policy, as IAM JSON
  const char* services;  // SoleTrustedServices, space-separated
};

void PrintTo(const TrustCase& c, std::ostream* os) { *os << c.name; }

class SoleTrustedServicesTest : public ::testing::TestWithParam<TrustCase> {};

TEST_P(SoleTrustedServicesTest, Answers) {
  PolicyReader reader;
  model::Model m;
  model::Role role;
  role.id = "R";
  role.type = "AWS::IAM::Role";
  role.trust = reader.Read(GetParam().trust);
  Resolver resolver(m);
  std::vector<std::string> services = SoleTrustedServices(role, resolver);
  EXPECT_EQ(util::Join(services, " "), GetParam().services);
}

INSTANTIATE_TEST_SUITE_P(
    Trust, SoleTrustedServicesTest,
    ::testing::Values(TrustCase{"OneService",
                                R"({"Statement": [{"Effect": "Allow", "Principal": {"Service":
                      "batch.amazonaws.com"}, "Action": "sts:AssumeRole"}]})",
                                "batch.amazonaws.com"},
                      TrustCase{"TwoServicesOnceEach",
                                R"({"Statement": [{"Effect": "Allow", "Principal": {"Service":
                      ["EC2.amazonaws.com", "ssm.amazonaws.com"]}, "Action": "sts:AssumeRole"},
                      {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                      "Action": "sts:AssumeRole"}]})",
                                "ec2.amazonaws.com ssm.amazonaws.com"},
                      TrustCase{"ServiceUnderACondition",
                                R"({"Statement": [{"Effect": "Allow", "Principal": {"Service":
                      "apigateway.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition":
                      {"StringEquals": {"aws:SourceAccount": "?"}}}]})",
                                "apigateway.amazonaws.com"},
                      TrustCase{"ServiceAndAnAccount",
                                R"({"Statement": [{"Effect": "Allow", "Principal": {"Service":
                      "batch.amazonaws.com", "AWS": "arn:aws:iam::123456789012:root"},
                      "Action": "sts:AssumeRole"}]})",
                                ""},
                      TrustCase{"ServiceAndARole",
                                R"({"Statement": [{"Effect": "Allow", "Principal": {"Service":
                      "batch.amazonaws.com"}, "Action": "sts:AssumeRole"}, {"Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::123456789012:role/admin"},
                      "Action": "sts:AssumeRole"}]})",
                                ""},
                      TrustCase{"ServiceAndFederated",
                                R"({"Statement": [{"Effect": "Allow", "Principal": {"Service":
                      "ec2.amazonaws.com", "Federated": "token.actions.githubusercontent.com"},
                      "Action": ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]}]})",
                                ""},
                      TrustCase{"Everyone",
                                R"({"Statement": [{"Effect": "Allow", "Principal": "*",
                      "Action": "sts:AssumeRole"}]})",
                                ""},
                      TrustCase{"NotPrincipal",
                                R"({"Statement": [{"Effect": "Allow", "NotPrincipal": {"Service":
                      "batch.amazonaws.com"}, "Action": "sts:AssumeRole"}]})",
                                ""},
                      TrustCase{"UnknownPrincipal",
                                R"({"Statement": [{"Effect": "Allow", "Principal": {"Service":
                      ["batch.amazonaws.com", "?"]}, "Action": "sts:AssumeRole"}]})",
                                ""},
                      TrustCase{"UnknownStatement", R"({"Statement": ["?"]})", ""},
                      TrustCase{"DeniedAccountIsNoCaller",
                                R"({"Statement": [{"Effect": "Allow", "Principal": {"Service":
                      "batch.amazonaws.com", "AWS": "111122223333"}, "Action": "sts:AssumeRole"},
                      {"Effect": "Deny", "Principal": {"AWS": "111122223333"},
                      "Action": "sts:AssumeRole"}]})",
                                "batch.amazonaws.com"},
                      TrustCase{"OtherActionOnly",
                                R"({"Statement": [{"Effect": "Allow", "Principal": {"Service":
                      "batch.amazonaws.com"}, "Action": "sts:TagSession"}]})",
                                ""},
                      TrustCase{"NoStatements", R"({"Statement": []})", ""}),
    [](const ::testing::TestParamInfo<TrustCase>& param) { return std::string(param.param.name); });

std::string Joined(std::span<const std::string_view> services) {
  return util::Join(std::vector<std::string>(services.begin(), services.end()), " ");
}

model::PolicyDocument Managed(std::string name) {
  model::PolicyDocument doc;
  doc.source = model::PolicySource::kManaged;
  doc.name = std::move(name);
  return doc;
}

TEST(ServiceRolePoliciesTest, OnlyAwsManagedPoliciesOfTheTable) {
  EXPECT_EQ(Joined(ServicesOfServiceRolePolicy(Managed("AWSBatchServiceRole"))),
            "batch.amazonaws.com");
  EXPECT_EQ(Joined(ServicesOfServiceRolePolicy(Managed("AmazonSSMManagedInstanceCore"))),
            "ec2.amazonaws.com ssm.amazonaws.com");
  // A policy meant for people, and a customer's policy of a table name.
  EXPECT_TRUE(ServicesOfServiceRolePolicy(Managed("AWSBatchFullAccess")).empty());
  model::PolicyDocument customer = Managed("AWSBatchServiceRole");
  customer.source = model::PolicySource::kCustomerManaged;
  EXPECT_TRUE(ServicesOfServiceRolePolicy(customer).empty());
}

TEST(ServiceRolePoliciesTest, DesignedOnlyWhenEveryTrustedServiceIsThePolicys) {
  model::Role role;
  role.policies.push_back(Managed("AmazonSSMManagedInstanceCore"));
  role.policies.push_back(Managed("AWSBatchServiceRole"));
  role.policies.push_back(Managed("AmazonS3FullAccess"));
  auto names = [&](const std::vector<std::string>& trusted) {
    std::vector<std::string> out;
    for (const model::PolicyDocument* p : ServiceDesignedPolicies(role, trusted)) {
      out.push_back(p->name);
    }
    return util::Join(out, " ");
  };
  EXPECT_EQ(names({"ec2.amazonaws.com"}), "AmazonSSMManagedInstanceCore");
  EXPECT_EQ(names({"ec2.amazonaws.com", "ssm.amazonaws.com"}), "AmazonSSMManagedInstanceCore");
  EXPECT_EQ(names({"batch.amazonaws.com"}), "AWSBatchServiceRole");
  EXPECT_EQ(names({"batch.amazonaws.com", "ec2.amazonaws.com"}), "");
  EXPECT_EQ(names({"lambda.amazonaws.com"}), "");
  EXPECT_EQ(names({}), "");
}

TEST(ServiceRolePoliciesTest, TableIsWellFormed) {
  for (const ServiceRolePolicy& p : ServiceRolePolicies()) {
    SCOPED_TRACE(std::string(p.name));
    EXPECT_TRUE(p.path.empty() || p.path == "service-role/");
    ASSERT_FALSE(p.services.empty());
    for (std::string_view s : p.services) {
      EXPECT_TRUE(s.ends_with(".amazonaws.com")) << s;
      EXPECT_EQ(util::ToLower(s), s);
    }
  }
}

}  // namespace
}  // namespace fnwarden::analysis::iam
