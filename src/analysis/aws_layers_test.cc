#include "analysis/aws_layers.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "util/strings.h"

namespace fnwarden::analysis {
namespace {

TEST(AwsLayersTest, AccountsOfEveryRegion) {
  struct Row {
    const char* account;
    const char* publisher;
  };
  for (const Row& r : {Row{"580247275435", "AWS Lambda Insights"},
                       Row{"066940009817", "AWS AppConfig extension"},               // eu-central-1
                       Row{"027255383542", "AWS AppConfig extension"},               // us-east-1
                       Row{"015030872274", "AWS Parameters and Secrets extension"},  // eu-west-1
                       Row{"488211338238", "AWS Lambda Insights"},                   // China
                       Row{"017000801446", "Powertools for AWS Lambda (Python)"},
                       Row{"464622532012", "Datadog"}}) {
    EXPECT_EQ(KnownLayerPublisher(r.account), r.publisher) << r.account;
  }
  EXPECT_EQ(KnownLayerPublisher("770693421928"), "");  // a community account
  EXPECT_EQ(KnownLayerPublisher(""), "");
}

// The table is copied from AWS's per-region tables by hand: check what a slip
// would break.
TEST(AwsLayersTest, TableIsConsistent) {
  EXPECT_EQ(LayerTableDate().size(), 10u);  // "YYYY-MM-DD"
  std::set<std::string_view> accounts;
  // Per publisher, a region listed twice must be an architecture's second
  // account (Lambda Insights' arm64 accounts in a few regions), never more.
  std::map<std::string, int> per_region;
  for (const LayerPublisher& p : LayerPublishers()) {
    EXPECT_EQ(p.account.size(), 12u) << p.account;
    EXPECT_EQ(p.account.find_first_not_of("0123456789"), std::string_view::npos) << p.account;
    EXPECT_TRUE(accounts.insert(p.account).second) << p.account << " is listed twice";
    EXPECT_FALSE(p.regions.empty()) << p.account;
    if (p.regions == "*") continue;
    for (std::string_view region : util::Split(p.regions, ' ')) {
      EXPECT_FALSE(region.empty()) << p.account;
      ++per_region[std::string(p.publisher) + " " + std::string(region)];
    }
  }
  for (const auto& [key, n] : per_region) EXPECT_LE(n, 2) << key;
  EXPECT_GE(per_region.count("AWS AppConfig extension eu-central-1"), 1u);
}

}  // namespace
}  // namespace fnwarden::analysis
