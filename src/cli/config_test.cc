#include "cli/config.h"

#include <gtest/gtest.h>

#include "cli/baseline.h"

namespace fnwarden::cli {
namespace {

std::vector<std::string> Headlines(const util::DiagnosticSink& diags) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

TEST(ParseConfig, ReadsDefaultsAndIgnores) {
  util::SourceFile file(".fnwarden.yml",
                        "fail-on: High\n"
                        "only: [IAM, FNW-CFG-003]\n"
                        "skip: FNW-LOG-001\n"
                        "ignore:\n"
                        "  - id: FNW-CFG-003\n"
                        "    paths: [\"legacy/**\"]\n"
                        "    resources: [PublicFn, \"Api*\"]\n"
                        "    reason: public by design\n"
                        "  - id: FNW-IAM-001\n");
  util::DiagnosticSink diags;
  Config config;
  ASSERT_TRUE(ParseConfig(&file, &diags, &config)) << ::testing::PrintToString(Headlines(diags));
  EXPECT_EQ(diags.size(), 0u);
  EXPECT_EQ(config.fail_on, "high");
  EXPECT_EQ(config.only, (std::vector<std::string>{"IAM", "FNW-CFG-003"}));
  EXPECT_EQ(config.skip, std::vector<std::string>{"FNW-LOG-001"});
  ASSERT_EQ(config.ignores.size(), 2u);
  EXPECT_EQ(config.ignores[0].rule_id, "FNW-CFG-003");
  EXPECT_EQ(config.ignores[0].paths, std::vector<std::string>{"legacy/**"});
  EXPECT_EQ(config.ignores[0].resources, (std::vector<std::string>{"PublicFn", "Api*"}));
  EXPECT_EQ(config.ignores[0].reason, "public by design");
  EXPECT_EQ(config.ignores[0].loc.line, 5u);
  EXPECT_EQ(config.ignores[1].reason, "");  // kept: the engine diagnoses it at its position
}

TEST(ParseConfig, ReportsMistakesAtTheirPosition) {
  util::SourceFile file("cfg.yml",
                        "fail-on: severe\n"
                        "ignores: []\n"
                        "ignore:\n"
                        "  - reason: no id\n"
                        "  - just a string\n"
                        "  - id: FNW-CFG-003\n"
                        "    reasn: typo\n");
  util::DiagnosticSink diags;
  Config config;
  EXPECT_FALSE(ParseConfig(&file, &diags, &config));
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{
                "cfg.yml:1:10: error: fail-on must be one of critical, high, medium, low, info, none",
                "cfg.yml:2:1: warning: unknown key 'ignores'; did you mean 'ignore'?",
                "cfg.yml:4:5: error: an ignore entry needs an id (a rule ID such as FNW-CFG-003)",
                "cfg.yml:5:5: error: an ignore entry must be a mapping with id and reason",
                "cfg.yml:7:5: warning: unknown key 'reasn'; did you mean 'reason'?",
            }));
}

TEST(ParseConfig, EmptyFileIsFine) {
  util::SourceFile file(".fnwarden.yml", "");
  util::DiagnosticSink diags;
  Config config;
  EXPECT_TRUE(ParseConfig(&file, &diags, &config));
  EXPECT_TRUE(config.ignores.empty());
}

TEST(Baseline, RoundTripsAndReadsScanJson) {
  model::RuleInfo rule;
  rule.id = "FNW-CFG-003";
  report::ScanReport r;
  model::Finding f;
  f.rule = &rule;
  f.resource = "Fn";
  f.fingerprint = "00000000000000aa";
  r.findings.push_back(f);
  rules::Suppressed by_baseline;
  by_baseline.finding = f;
  by_baseline.finding.fingerprint = "00000000000000bb";
  by_baseline.kind = rules::SuppressionKind::kBaseline;
  rules::Suppressed inline_ignore = by_baseline;
  inline_ignore.finding.fingerprint = "00000000000000cc";
  inline_ignore.kind = rules::SuppressionKind::kInline;
  r.suppressed = {by_baseline, inline_ignore};

  std::set<std::string> fingerprints;
  std::string err;
  ASSERT_TRUE(ParseBaseline(RenderBaseline(r), &fingerprints, &err)) << err;
  EXPECT_EQ(fingerprints, (std::set<std::string>{"00000000000000aa", "00000000000000bb"}));

  fingerprints.clear();
  ASSERT_TRUE(ParseBaseline(report::RenderJson(r), &fingerprints, &err)) << err;
  EXPECT_EQ(fingerprints, (std::set<std::string>{"00000000000000aa", "00000000000000bb"}));

  EXPECT_FALSE(ParseBaseline("{\"findings\": [{}]}", &fingerprints, &err));
  EXPECT_EQ(err, "an entry of findings has no \"fingerprint\" string");
  EXPECT_FALSE(ParseBaseline("[1]", &fingerprints, &err));
  EXPECT_EQ(err, "not a baseline: expected an object with a \"findings\" list");
  EXPECT_FALSE(ParseBaseline("{", &fingerprints, &err));
  EXPECT_TRUE(err.starts_with("not valid JSON")) << err;
}

}  // namespace
}  // namespace fnwarden::cli
