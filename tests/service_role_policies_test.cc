// The table of policies AWS publishes for services' roles
// (analysis/iam/service_roles.h) against the pinned managed-policy catalog:
// every entry names a policy of the catalog, filed under the path the table
// expects. A refresh of the catalog that moves or drops one fails here.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "analysis/iam/service_roles.h"
#include "load/cfn/managed_policies.h"

namespace fnwarden {
namespace {

TEST(ServiceRolePoliciesTest, EveryEntryIsInTheCatalogWhereTheTableFilesIt) {
  for (const analysis::iam::ServiceRolePolicy& p : analysis::iam::ServiceRolePolicies()) {
    SCOPED_TRACE(std::string(p.name));
    std::optional<model::PolicyDocument> doc = load::cfn::FindManagedPolicy(p.name, {});
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ(doc->arn.value,
              "arn:aws:iam::aws:policy/" + std::string(p.path) + std::string(p.name));
    EXPECT_FALSE(analysis::iam::ServicesOfServiceRolePolicy(*doc).empty());
  }
}

}  // namespace
}  // namespace fnwarden
