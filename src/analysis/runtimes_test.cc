#include "analysis/runtimes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace fnwarden::analysis {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

const char* Name(RuntimeStatus s) {
  switch (s) {
    case RuntimeStatus::kSupported:
      return "supported";
    case RuntimeStatus::kDeprecatedSoon:
      return "deprecated soon";
    case RuntimeStatus::kDeprecated:
      return "deprecated";
  }
  return "?";
}

TEST(RuntimesTest, StatusOnADate) {
  const RuntimeDates* node22 = FindRuntime("nodejs22.x");
  ASSERT_NE(node22, nullptr);
  EXPECT_EQ(FormatDate(node22->deprecated), "2027-04-30");
  struct Row {
    sys_days today;
    RuntimeStatus want;
  };
  for (const Row& r :
       {Row{sys_days{year{2026} / 10 / 31}, RuntimeStatus::kSupported},      // 181 days
        Row{sys_days{year{2026} / 11 / 1}, RuntimeStatus::kDeprecatedSoon},  // 180 days
        Row{sys_days{year{2027} / 4 / 29}, RuntimeStatus::kDeprecatedSoon},
        Row{sys_days{year{2027} / 4 / 30}, RuntimeStatus::kDeprecated},
        Row{sys_days{year{2030} / 1 / 1}, RuntimeStatus::kDeprecated}}) {
    EXPECT_STREQ(Name(StatusOn(*node22, r.today)), Name(r.want)) << FormatDate(r.today);
  }
  EXPECT_EQ(FindRuntime("nodejs99.x"), nullptr);
}

// The table is read from AWS's page by hand: check what a slip would break.
TEST(RuntimesTest, TableIsConsistent) {
  EXPECT_EQ(RuntimeTableDate().size(), 7u);  // "YYYY-MM"
  std::set<std::string_view> ids;
  for (const RuntimeDates& r : RuntimeTable()) {
    EXPECT_TRUE(ids.insert(r.id).second) << r.id << " is listed twice";
    EXPECT_TRUE(r.deprecated.ok()) << r.id;
    if (r.block_create && r.block_update) {
      EXPECT_LE(sys_days{*r.block_create}, sys_days{*r.block_update}) << r.id;
    }
    const RuntimeDates* successor = FindRuntime(r.successor);
    ASSERT_NE(successor, nullptr) << r.id << " -> " << r.successor;
    EXPECT_GE(sys_days{successor->deprecated}, sys_days{r.deprecated}) << r.id;
  }
  EXPECT_GT(ids.size(), 40u);
}

}  // namespace
}  // namespace fnwarden::analysis
