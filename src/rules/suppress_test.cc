#include "rules/suppress.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fnwarden::rules {
namespace {

model::RuleInfo MakeInfo(std::string_view id, std::vector<std::string_view> aliases = {}) {
  model::RuleInfo info;
  info.id = id;
  info.title = "test rule";
  info.aliases = std::move(aliases);
  return info;
}

model::Finding MakeFinding(const model::RuleInfo* rule, const util::SourceFile* file,
                           uint32_t line, std::string resource) {
  model::Finding f;
  f.rule = rule;
  f.severity = rule->severity;
  f.project = file ? file->path() : "";
  f.resource = std::move(resource);
  f.loc = util::Loc{file, line, 7};
  f.attribute = "Properties.X";
  f.message = "message";
  f.fingerprint = model::Fingerprint(rule->id, f.loc.path(), f.resource, f.attribute);
  return f;
}

TEST(FindInlineIgnores, ParsesIdsAndReasons) {
  util::SourceFile file("t.yaml",
                        "Resources:\n"
                        "  # fnwarden:ignore FNW-CFG-003 public by design\n"
                        "  Fn:  # fnwarden:ignore FNW-CFG-003,FNW-IAM-001 -- demo only\n"
                        "    Type: x # fnwarden:ignore FNW-CFG-004, FNW-CFG-005: two ids\n"
                        "    A: 1 # fnwarden:ignore FNW-CFG-006\n"
                        "    B: fnwarden:ignore FNW-CFG-007 not a comment\n"
                        "    C: a#fnwarden:ignore FNW-CFG-008 not a comment either\n"
                        "    # fnwarden:ignore\n");
  std::vector<InlineIgnore> ignores = FindInlineIgnores(file);
  ASSERT_EQ(ignores.size(), 5u);
  EXPECT_EQ(ignores[0].loc.line, 2u);
  EXPECT_EQ(ignores[0].loc.col, 5u);
  EXPECT_EQ(ignores[0].rule_ids, std::vector<std::string>{"FNW-CFG-003"});
  EXPECT_EQ(ignores[0].reason, "public by design");
  EXPECT_EQ(ignores[1].rule_ids, (std::vector<std::string>{"FNW-CFG-003", "FNW-IAM-001"}));
  EXPECT_EQ(ignores[1].reason, "demo only");
  EXPECT_EQ(ignores[2].rule_ids, (std::vector<std::string>{"FNW-CFG-004", "FNW-CFG-005:"}));
  EXPECT_EQ(ignores[2].reason, "two ids");
  EXPECT_EQ(ignores[3].rule_ids, std::vector<std::string>{"FNW-CFG-006"});
  EXPECT_EQ(ignores[3].reason, "");
  EXPECT_EQ(ignores[4].loc.line, 8u);
  EXPECT_TRUE(ignores[4].rule_ids.empty());
}

TEST(FindInlineIgnores, JsonHasNoComments) {
  util::SourceFile file("t.json", "  {\"Description\": \"# fnwarden:ignore FNW-CFG-003 x\"}\n");
  EXPECT_TRUE(FindInlineIgnores(file).empty());
}

class SuppressorTest : public ::testing::Test {
 protected:
  SuppressorTest()
      : file_("app/template.yaml",
              "Resources:\n"                                        // 1
              "  # fnwarden:ignore FNW-TST-001 accepted risk\n"     // 2
              "  # another comment\n"                                // 3
              "  Fn:\n"                                              // 4
              "    A: 1  # fnwarden:ignore FNW-TST-002 same line\n"  // 5
              "    B: 2  # fnwarden:ignore FNW-TST-001\n"            // 6
              "    C: 3\n"                                           // 7
              "    D: 4\n"),                                         // 8
        r1_(MakeInfo("FNW-TST-001")),
        r2_(MakeInfo("FNW-TST-002", {"FNW-OLD-002"})) {
    model::Function fn;
    fn.id = "Fn";
    fn.loc = util::Loc{&file_, 4, 3};
    model_.root = "app/template.yaml";
    model_.functions.push_back(fn);
  }

  // Runs Apply on one finding; returns the suppression kind name or "kept".
  std::string Outcome(const model::Finding& f, const SuppressionOptions& opts,
                      std::string* reason = nullptr) {
    Suppressor s(opts);
    std::vector<model::Finding> findings{f};
    std::vector<Suppressed> suppressed;
    s.Apply(model_, &findings, &suppressed);
    EXPECT_EQ(findings.size() + suppressed.size(), 1u);
    if (suppressed.empty()) return "kept";
    if (reason) *reason = suppressed[0].reason;
    return SuppressionKindName(suppressed[0].kind);
  }

  util::SourceFile file_;
  model::RuleInfo r1_, r2_;
  model::Model model_;
};

TEST_F(SuppressorTest, InlineOnTheLineAndInTheCommentsAbove) {
  SuppressionOptions opts;
  std::string reason;
  EXPECT_EQ(Outcome(MakeFinding(&r2_, &file_, 5, "Fn"), opts, &reason), "inline");
  EXPECT_EQ(reason, "same line");
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 4, "Fn"), opts, &reason), "inline");
  EXPECT_EQ(reason, "accepted risk");
  // The ignore above line 5 is not in a run of comment lines directly above 7.
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 7, "Fn"), opts), "kept");
  // Wrong rule on the line.
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 5, "Fn"), opts), "kept");
}

// IDs may leave out "FNW-" in every kind of ignore, in any case.
TEST_F(SuppressorTest, IdsWithoutThePrefix) {
  model_.functions[0].ignores.push_back({"old-002", "by alias", util::Loc{&file_, 8, 5}});
  SuppressionOptions opts;
  EXPECT_EQ(Outcome(MakeFinding(&r2_, &file_, 8, "Fn"), opts), "resource");
  model_.functions[0].ignores.clear();
  opts.config_ignores.push_back({"tst-001", {}, {}, "from config", {}});
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 8, "Fn"), opts), "config");
  // "TST" alone is an area, not a rule.
  opts.config_ignores[0].rule_id = "TST";
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 8, "Fn"), opts), "kept");

  model::Model second;
  model::Bucket bucket;
  bucket.id = "B";
  util::SourceFile other("other.yaml", "X: 1 # fnwarden:ignore tst-001,TST-01 why\n");
  bucket.loc = util::Loc{&other, 1, 1};
  second.buckets.push_back(bucket);
  util::DiagnosticSink diags;
  Suppressor(SuppressionOptions{}).Diagnose({&second}, {"FNW-TST-001"}, &diags);
  std::vector<std::string> lines;
  for (const util::Diagnostic& d : diags.Sorted()) lines.push_back(util::RenderHeadline(d));
  EXPECT_EQ(lines, std::vector<std::string>{"other.yaml:1:8: warning: fnwarden:ignore names "
                                            "unknown rule TST-01; did you mean FNW-TST-001?"});
}

TEST_F(SuppressorTest, InlineWithoutReasonDoesNotSuppress) {
  SuppressionOptions opts;
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 6, "Fn"), opts), "kept");
}

TEST_F(SuppressorTest, ResourceMetadataAndGeneratedResources) {
  model_.functions[0].ignores.push_back({"FNW-OLD-002", "by alias", util::Loc{&file_, 8, 5}});
  model::Role role;
  role.id = "FnRole";
  role.generated_from = "Fn";
  model_.roles.push_back(role);
  SuppressionOptions opts;
  std::string reason;
  EXPECT_EQ(Outcome(MakeFinding(&r2_, &file_, 8, "Fn"), opts, &reason), "resource");
  EXPECT_EQ(reason, "by alias");
  EXPECT_EQ(Outcome(MakeFinding(&r2_, &file_, 8, "FnRole"), opts), "resource");
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 8, "FnRole"), opts), "kept");
  model_.functions[0].ignores[0].reason = "";
  EXPECT_EQ(Outcome(MakeFinding(&r2_, &file_, 8, "Fn"), opts), "kept");
}

TEST_F(SuppressorTest, NoInlineIgnoresAuditsInlineAndResourceOnly) {
  model_.functions[0].ignores.push_back({"FNW-TST-002", "meta", util::Loc{&file_, 8, 5}});
  SuppressionOptions opts;
  opts.inline_ignores = false;
  EXPECT_EQ(Outcome(MakeFinding(&r2_, &file_, 5, "Fn"), opts), "kept");
  EXPECT_EQ(Outcome(MakeFinding(&r2_, &file_, 8, "Fn"), opts), "kept");
  opts.config_ignores.push_back({"FNW-TST-002", {}, {}, "from config", {}});
  EXPECT_EQ(Outcome(MakeFinding(&r2_, &file_, 5, "Fn"), opts), "config");
}

TEST_F(SuppressorTest, ConfigPathsAndResources) {
  SuppressionOptions opts;
  opts.config_base = "app/";
  opts.config_ignores.push_back({"FNW-TST-001", {"template.yaml"}, {"F*"}, "ok", {}});
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 8, "Fn"), opts), "config");
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 8, "Other"), opts), "kept");
  opts.config_ignores[0].paths = {"other/*.yaml"};
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 8, "Fn"), opts), "kept");
  opts.config_ignores[0].paths = {"app/*.yaml"};  // the full display path matches too
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 8, "Fn"), opts), "config");
  opts.config_ignores[0].reason = "";
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &file_, 8, "Fn"), opts), "kept");
}

TEST_F(SuppressorTest, Baseline) {
  model::Finding f = MakeFinding(&r1_, &file_, 8, "Fn");
  SuppressionOptions opts;
  opts.baseline_path = "base.json";
  EXPECT_EQ(Outcome(f, opts), "kept");
  opts.baseline.insert(f.fingerprint);
  std::string reason;
  EXPECT_EQ(Outcome(f, opts, &reason), "baseline");
  EXPECT_EQ(reason, "in the baseline base.json");
}

TEST_F(SuppressorTest, DiagnosesMissingReasonsAndUnknownIds) {
  util::SourceFile other("other.yaml", "X: 1 # fnwarden:ignore FNW-TST-01 typo\n");
  model_.functions[0].ignores.push_back({"FNW-TST-002", "", util::Loc{&file_, 8, 5}});
  model::Model second;
  model::Bucket bucket;
  bucket.id = "B";
  bucket.loc = util::Loc{&other, 1, 1};
  second.buckets.push_back(bucket);
  SuppressionOptions opts;
  opts.config_ignores.push_back({"FNW-NOPE-999", {}, {}, "", {}});
  Suppressor s(opts);
  util::DiagnosticSink diags;
  s.Diagnose({&model_, &second}, {"FNW-TST-001", "FNW-TST-002"}, &diags);
  std::vector<std::string> lines;
  for (const util::Diagnostic& d : diags.Sorted()) lines.push_back(util::RenderHeadline(d));
  EXPECT_EQ(lines, (std::vector<std::string>{
                       ": warning: fnwarden:ignore names unknown rule FNW-NOPE-999",
                       ": warning: fnwarden:ignore needs a reason",
                       "app/template.yaml:6:13: warning: fnwarden:ignore needs a reason",
                       "app/template.yaml:8:5: warning: fnwarden:ignore needs a reason",
                       "other.yaml:1:8: warning: fnwarden:ignore names unknown rule FNW-TST-01; "
                       "did you mean FNW-TST-001?",
                   }));
  // Audit mode looks at the config file only.
  SuppressionOptions audit = opts;
  audit.inline_ignores = false;
  util::DiagnosticSink audit_diags;
  Suppressor(audit).Diagnose({&model_, &second}, {"FNW-TST-001"}, &audit_diags);
  EXPECT_EQ(audit_diags.size(), 2u);
}

}  // namespace
}  // namespace fnwarden::rules
