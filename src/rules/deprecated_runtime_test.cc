// FNW-CFG-001 through the engine: the scan date in EngineOptions decides
// the verdict and its severity.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "rules/engine.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

struct Verdict {
  std::string function;
  model::Severity severity;
  std::string message;
};

std::vector<Verdict> ScanOn(sys_days today, const std::vector<std::string>& runtimes) {
  util::SourceFile file("template.yaml", "Resources:\n");
  std::vector<model::Model> models(1);
  for (size_t i = 0; i < runtimes.size(); ++i) {
    model::Function fn;
    fn.id = "Fn" + std::to_string(i);
    fn.loc = util::Loc{&file, static_cast<uint32_t>(i + 2), 3};
    fn.runtime = model::String::Literal(runtimes[i], fn.loc);
    models[0].functions.push_back(std::move(fn));
  }
  EngineOptions opts;
  const Rule* rule = FindRule("FNW-CFG-001");
  EXPECT_NE(rule, nullptr);
  opts.rules = {rule};
  opts.today = today;
  util::DiagnosticSink diags;
  EngineResult result;
  RunEngine(models, opts, &diags, &result);
  std::vector<Verdict> out;
  for (const model::Finding& f : result.findings) {
    out.push_back({f.resource, f.severity, f.message});
  }
  return out;
}

TEST(DeprecatedRuntimeTest, VerdictDependsOnTheScanDate) {
  // nodejs22.x: deprecated on 2027-04-30, creation blocked from 2027-06-01,
  // updates from 2027-07-01.
  const std::vector<std::string> runtimes = {"nodejs22.x"};
  EXPECT_TRUE(ScanOn(sys_days{year{2026} / 10 / 1}, runtimes).empty());  // 211 days before

  std::vector<Verdict> soon = ScanOn(sys_days{year{2026} / 12 / 1}, runtimes);
  ASSERT_EQ(soon.size(), 1u);
  EXPECT_EQ(soon[0].severity, model::Severity::kMedium);
  EXPECT_EQ(soon[0].message,
            "function Fn0 uses runtime nodejs22.x, which AWS deprecates on 2027-04-30 (in 150 "
            "days): from then on it receives no security patches; AWS blocks creating functions "
            "with it from 2027-06-01 and updating them from 2027-07-01");

  std::vector<Verdict> past = ScanOn(sys_days{year{2027} / 6 / 15}, runtimes);
  ASSERT_EQ(past.size(), 1u);
  EXPECT_EQ(past[0].severity, model::Severity::kHigh);
  EXPECT_EQ(past[0].message,
            "function Fn0 uses runtime nodejs22.x, deprecated since 2027-04-30: it no longer "
            "receives security patches; AWS blocks creating functions with it since 2027-06-01 "
            "and updating them from 2027-07-01");
}

TEST(DeprecatedRuntimeTest, DecemberTwentySix) {
  // As of December 2026 these three are past their deprecation date.
  std::vector<Verdict> v =
      ScanOn(sys_days{year{2026} / 12 / 5}, {"nodejs20.x", "dotnet8", "ruby3.2", "python3.13"});
  ASSERT_EQ(v.size(), 3u);
  for (const Verdict& x : v) EXPECT_EQ(x.severity, model::Severity::kHigh) << x.message;
}

}  // namespace
}  // namespace fnwarden::rules
