// The rule catalog tests itself: well-formed unique IDs that match their
// folders and areas, texts present, fixtures with both firing and quiet
// cases for every rule.
#include <array>
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "fixture_annotations.h"
#include "model/finding.h"
#include "rules/rule.h"
#include "test_util.h"

namespace fnwarden {
namespace {

namespace fs = std::filesystem;

bool WellFormedId(std::string_view id) {
  // FNW-<AREA>-<NNN>, AREA 2 to 4 capitals.
  if (id.substr(0, 4) != "FNW-") return false;
  size_t dash = id.find('-', 4);
  if (dash == std::string_view::npos || dash - 4 < 2 || dash - 4 > 4) return false;
  for (size_t i = 4; i < dash; ++i) {
    if (id[i] < 'A' || id[i] > 'Z') return false;
  }
  std::string_view num = id.substr(dash + 1);
  if (num.size() != 3) return false;
  for (char c : num) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

TEST(CatalogTest, HasTheRulesOfTheFirstRelease) {
  EXPECT_GE(rules::AllRules().size(), 45u);
}

TEST(CatalogTest, EveryRuleIsWellFormed) {
  std::set<std::string> seen;
  for (const rules::Rule& rule : rules::AllRules()) {
    const model::RuleInfo& info = rule.info;
    SCOPED_TRACE(std::string(info.id));
    EXPECT_TRUE(WellFormedId(info.id));
    EXPECT_TRUE(seen.insert(std::string(info.id)).second) << "duplicate ID";
    for (std::string_view alias : info.aliases) {
      EXPECT_TRUE(WellFormedId(alias)) << alias;
      EXPECT_TRUE(seen.insert(std::string(alias)).second) << "alias reuses an ID: " << alias;
    }
    EXPECT_FALSE(info.title.empty());
    EXPECT_NE(info.title.back(), '.') << "titles carry no final period";
    EXPECT_GE(info.explanation.size(), 80u) << "the explanation says why it matters";
    EXPECT_GE(info.fix.size(), 40u);
    EXPECT_NE(info.fix.find("```"), std::string_view::npos) << "the fix shows a snippet";
    EXPECT_TRUE(info.tier == model::Tier::kRisk || info.tier == model::Tier::kHardening)
        << "every rule declares its tier: risk or hardening";
    EXPECT_EQ(info.area(), model::AreaOfPractice(info.practice))
        << "the ID's area and the practice disagree";
    EXPECT_NE(rule.check, nullptr);
  }
}

TEST(CatalogTest, EveryRuleHasFiringAndQuietFixtures) {
  for (const rules::Rule& rule : rules::AllRules()) {
    SCOPED_TRACE(std::string(rule.info.id));
    fs::path dir = fs::path(testing::SourceDir()) / "src/rules" / std::string(rule.folder) /
                   "fixtures";
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    int expects = 0, oks = 0;
    // Folder fixtures (an application with its code) count with every file.
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::string path = entry.path().string();
      std::vector<std::string> errors;
      std::vector<testing::Annotation> annotations;
      if (entry.path().extension() == ".expect") {
        annotations = testing::ParseSidecarAnnotations(testing::ReadFileOrDie(path), &errors);
      } else if (entry.path().extension() != ".json") {
        annotations = testing::ParseInlineAnnotations(testing::ReadFileOrDie(path), &errors);
      }
      for (const auto& a : annotations) {
        if (a.rule_id != rule.info.id) continue;
        if (a.kind == testing::AnnotationKind::kExpect) ++expects;
        if (a.kind == testing::AnnotationKind::kOk) ++oks;
      }
    }
    EXPECT_GE(expects, 1) << "no fixture where the rule must fire";
    EXPECT_GE(oks, 1) << "no near miss where the rule must stay quiet";
  }
}

// A user reads the fix in the language of the file they wrote: every rule
// has one section for each framework it reads today (Terraform comes with
// its frontend). A fix in the handler code is the same whatever deploys
// it: the CODE rules give it once, for Python and for JavaScript, and the
// DEP rules once, for the lockfile.
TEST(CatalogTest, EveryRuleHasAFixForEachFramework) {
  for (const rules::Rule& rule : rules::AllRules()) {
    const model::RuleInfo& info = rule.info;
    SCOPED_TRACE(std::string(info.id));
    if (info.practice == model::Practice::kCodeSecurity) {
      std::array<int, model::kFrameworkCount> named{};
      model::SplitFix(info.fix, &named);
      EXPECT_EQ(named, (std::array<int, model::kFrameworkCount>{})) << "a code fix names a framework";
      EXPECT_NE(info.fix.find("```python"), std::string::npos) << "the fix shows Python";
      EXPECT_NE(info.fix.find("```js"), std::string::npos) << "the fix shows JavaScript";
      continue;
    }
    if (info.practice == model::Practice::kDependencies) {
      // A dependency is fixed in the lockfile, whatever deploys it.
      std::array<int, model::kFrameworkCount> named{};
      model::SplitFix(info.fix, &named);
      EXPECT_EQ(named, (std::array<int, model::kFrameworkCount>{})) << "a package fix names a framework";
      EXPECT_NE(info.fix.find("```"), std::string::npos) << "the fix shows a snippet";
      continue;
    }
    std::array<int, model::kFrameworkCount> named{};
    std::vector<std::string> unknown;
    std::array<std::string, model::kFrameworkCount> fixes = model::SplitFix(info.fix, &named, &unknown);
    EXPECT_TRUE(unknown.empty()) << "a ### heading names no framework: " << unknown.front();
    for (model::Framework f : {model::Framework::kSam, model::Framework::kCloudFormation,
                               model::Framework::kCdk, model::Framework::kServerless}) {
      size_t i = static_cast<size_t>(f);
      EXPECT_EQ(named[i], 1) << "sections for " << model::FrameworkName(f);
      EXPECT_NE(fixes[i].find("```"), std::string::npos)
          << "the " << model::FrameworkName(f) << " fix shows a snippet";
      EXPECT_EQ(info.FixFor(f), fixes[i]);
    }
  }
}

TEST(CatalogTest, FindRuleIsCaseInsensitiveAndKnowsEveryRule) {
  for (const rules::Rule& rule : rules::AllRules()) {
    std::string lower(rule.info.id);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(rules::FindRule(lower), &rule);
  }
  EXPECT_EQ(rules::FindRule("FNW-XXX-999"), nullptr);
}

}  // namespace
}  // namespace fnwarden
