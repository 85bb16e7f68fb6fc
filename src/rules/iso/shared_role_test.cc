// FNW-ISO-001's message when a whole service shares one role: the first few
// functions by name, the rest counted, so that N findings do not each list
// N names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "analysis/facts.h"
#include "load/frontend.h"
#include "load/syntax/node.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

std::vector<std::string> SharedRoleMessages(int functions) {
  std::string yaml = "service: s\nprovider:\n  name: aws\nfunctions:\n";
  for (int i = 0; i < functions; ++i) {
    yaml += "  f" + std::to_string(i) + ":\n    handler: h.h\n";
  }
  util::SourceFile file("serverless.yml", yaml);
  util::DiagnosticSink diags;
  auto doc = load::syntax::ParseYaml(&file, load::syntax::ParseLimits{}, &diags);
  model::Model model;
  EXPECT_TRUE(load::BuildUnitModel(*doc, load::LoadOptions{}, &diags, &model));
  const Rule* rule = FindRule("FNW-ISO-001");
  analysis::Facts facts(model);
  std::vector<model::Finding> findings;
  Context ctx(model, facts, rule->info, std::chrono::sys_days{}, &findings);
  rule->check(ctx);
  std::vector<std::string> out;
  for (const model::Finding& f : findings) out.push_back(f.message);
  return out;
}

TEST(SharedRole, FewOthersAreAllNamed) {
  std::vector<std::string> m = SharedRoleMessages(7);
  ASSERT_EQ(m.size(), 7u);
  // The functions by the keys their author wrote, not the logical IDs.
  EXPECT_THAT(m[0], ::testing::HasSubstr("function f0 shares role IamRoleLambdaExecution with "
                                         "f1, f2, f3, f4, f5 and f6:"));
}

TEST(SharedRole, ManyOthersAreCounted) {
  std::vector<std::string> m = SharedRoleMessages(40);
  ASSERT_EQ(m.size(), 40u);
  EXPECT_THAT(m[0], ::testing::HasSubstr("with f1, f2, f3, f4, f5 and 34 other functions:"));
  EXPECT_THAT(m[39], ::testing::HasSubstr("with f0, f1, f2"));
}

}  // namespace
}  // namespace fnwarden::rules
