#include "rules/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace fnwarden::rules {
namespace {

// Reports one finding per function, at the function.
void CheckEveryFunction(Context& ctx) {
  for (const model::Function& fn : ctx.model.functions) {
    ctx.Report(fn, fn.loc, "Properties.Runtime", "function " + fn.id + " is flagged");
  }
}

// Reports the same finding twice for the first function.
void CheckTwice(Context& ctx) {
  if (ctx.model.functions.empty()) return;
  const model::Function& fn = ctx.model.functions.front();
  ctx.Report(fn, fn.loc, "Twice", "twice");
  ctx.Report(fn, fn.loc, "Twice", "twice");
}

void CheckThrows(Context& ctx) {
  const model::Function& fn = ctx.model.functions.at(0);
  ctx.Report(fn, fn.loc, "Partial", "reported before the failure");
  throw std::runtime_error("boom");
}

// Records the comment on `line` of `file` as the YAML loader does
// (src/load/syntax), about lines `first`..`last`.
void SetComment(util::SourceFile* file, uint32_t line, uint32_t first, uint32_t last) {
  std::string_view text = file->Line(line);
  size_t hash = text.find('#');
  file->set_comments({{line, static_cast<uint32_t>(hash + 1), text.substr(hash + 1), first, last}});
}

Rule MakeRule(std::string_view id, CheckFn check, std::vector<std::string_view> aliases = {}) {
  Rule r;
  r.info.id = id;
  r.info.title = "test";
  r.info.severity = model::Severity::kHigh;
  r.info.aliases = std::move(aliases);
  r.check = check;
  return r;
}

class EngineTest : public ::testing::Test {
 protected:
  EngineTest()
      : catalog_{MakeRule("FNW-CFG-003", &CheckEveryFunction),
                 MakeRule("FNW-CFG-004", &CheckTwice, {"FNW-CFG-900"}),
                 MakeRule("FNW-IAM-001", &CheckEveryFunction)},
        a_("b/a.yaml", "Resources:\n  Fn1:\n    X: 1\n  Fn2:  # fnwarden:ignore FNW-CFG-003 ok here\n"),
        b_("a/b.yaml", "Resources:\n  Other:\n") {
    SetComment(&a_, 4, 4, 4);
    model::Model ma;
    ma.root = "b/a.yaml";
    // Inserted out of source order on purpose.
    model::Function f2;
    f2.id = "Fn2";
    f2.loc = util::Loc{&a_, 4, 3};
    model::Function f1;
    f1.id = "Fn1";
    f1.loc = util::Loc{&a_, 2, 3};
    ma.functions = {f2, f1};
    model::Model mb;
    mb.root = "a/b.yaml";
    model::Function other;
    other.id = "Other";
    other.loc = util::Loc{&b_, 2, 3};
    mb.functions = {other};
    models_ = {ma, mb};
  }

  std::vector<const Rule*> Select(std::vector<std::string> only, std::vector<std::string> skip) {
    std::vector<const Rule*> out;
    std::string err;
    EXPECT_TRUE(SelectRules(catalog_, only, skip, &out, &err)) << err;
    return out;
  }

  static std::vector<std::string> Dump(const std::vector<model::Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
      out.push_back(std::string(f.loc.path()) + ":" + std::to_string(f.loc.line) + " " +
                    std::string(f.rule->id) + " " + f.resource);
    }
    return out;
  }

  std::vector<Rule> catalog_;
  util::SourceFile a_, b_;
  std::vector<model::Model> models_;
};

std::vector<std::string> Ids(const std::vector<const Rule*>& rules) {
  std::vector<std::string> out;
  for (const Rule* r : rules) out.emplace_back(r->info.id);
  return out;
}

TEST_F(EngineTest, SelectsByIdAliasAndArea) {
  EXPECT_EQ(Ids(Select({}, {})),
            (std::vector<std::string>{"FNW-CFG-003", "FNW-CFG-004", "FNW-IAM-001"}));
  EXPECT_EQ(Ids(Select({"cfg"}, {})), (std::vector<std::string>{"FNW-CFG-003", "FNW-CFG-004"}));
  EXPECT_EQ(Ids(Select({"FNW-IAM"}, {})), (std::vector<std::string>{"FNW-IAM-001"}));
  EXPECT_EQ(Ids(Select({"fnw-iam-001, FNW-CFG-900"}, {})),
            (std::vector<std::string>{"FNW-CFG-004", "FNW-IAM-001"}));
  EXPECT_EQ(Ids(Select({}, {"CFG"})), (std::vector<std::string>{"FNW-IAM-001"}));
  EXPECT_EQ(Ids(Select({"CFG"}, {"FNW-CFG-003"})), (std::vector<std::string>{"FNW-CFG-004"}));
  // An area of the ten practices without rules yet selects nothing but is valid.
  EXPECT_TRUE(Select({"ENC"}, {}).empty());
}

// Rule IDs may leave out "FNW-", in any case; areas still resolve as areas.
TEST_F(EngineTest, SelectsIdsWithoutThePrefix) {
  EXPECT_EQ(Ids(Select({"IAM-001"}, {})), std::vector<std::string>{"FNW-IAM-001"});
  EXPECT_EQ(Ids(Select({"iam-001,cfg-900"}, {})),
            (std::vector<std::string>{"FNW-CFG-004", "FNW-IAM-001"}));
  EXPECT_EQ(Ids(Select({}, {"cfg-003", "Cfg-004"})), std::vector<std::string>{"FNW-IAM-001"});
  std::vector<const Rule*> out;
  std::string err;
  EXPECT_FALSE(SelectRules(catalog_, {"CFG-03"}, {}, &out, &err));
  EXPECT_EQ(err, "unknown rule or area 'CFG-03'; did you mean FNW-CFG-003?");
}

TEST_F(EngineTest, UnknownEntriesSuggestTheClosest) {
  std::vector<const Rule*> out;
  std::string err;
  EXPECT_FALSE(SelectRules(catalog_, {"FNW-CFG-03"}, {}, &out, &err));
  EXPECT_EQ(err, "unknown rule or area 'FNW-CFG-03'; did you mean FNW-CFG-003?");
  EXPECT_FALSE(SelectRules(catalog_, {}, {"IAN"}, &out, &err));
  EXPECT_EQ(err, "unknown rule or area 'IAN'; did you mean IAM?");
  EXPECT_FALSE(SelectRules(catalog_, {"completely-different"}, {}, &out, &err));
  EXPECT_EQ(err, "unknown rule or area 'completely-different'");
}

TEST_F(EngineTest, FindingsAreSortedDedupedAndSuppressed) {
  EngineOptions opts;
  opts.rules = Select({}, {});
  opts.known_ids = KnownIds(catalog_);
  util::DiagnosticSink diags;
  EngineResult result;
  RunEngine(models_, opts, &diags, &result);
  EXPECT_EQ(Dump(result.findings), (std::vector<std::string>{
                                       "a/b.yaml:2 FNW-CFG-003 Other",
                                       "a/b.yaml:2 FNW-CFG-004 Other",
                                       "a/b.yaml:2 FNW-IAM-001 Other",
                                       "b/a.yaml:2 FNW-CFG-003 Fn1",
                                       "b/a.yaml:2 FNW-IAM-001 Fn1",
                                       "b/a.yaml:4 FNW-CFG-004 Fn2",
                                       "b/a.yaml:4 FNW-IAM-001 Fn2",
                                   }));
  ASSERT_EQ(result.suppressed.size(), 1u);
  EXPECT_EQ(result.suppressed[0].finding.resource, "Fn2");
  EXPECT_EQ(result.suppressed[0].kind, SuppressionKind::kInline);
  EXPECT_EQ(result.suppressed[0].reason, "ok here");
  EXPECT_EQ(diags.size(), 0u);
}

// An ignore that matched nothing is reported when its rule ran, and only then.
TEST_F(EngineTest, UnusedIgnoresOfTheRulesThatRan) {
  util::SourceFile c("c.yaml",
                     "Resources:\n  Fn3:\n    X: 1\n  Fn4:  # fnwarden:ignore FNW-CFG-004 stale\n");
  SetComment(&c, 4, 4, 4);
  model::Model mc;
  mc.root = "c.yaml";
  model::Function f3, f4;
  f3.id = "Fn3";
  f3.loc = util::Loc{&c, 2, 3};
  f4.id = "Fn4";
  f4.loc = util::Loc{&c, 4, 3};
  mc.functions = {f3, f4};  // FNW-CFG-004 reports the first function only
  models_.push_back(mc);

  EngineOptions opts;
  opts.known_ids = KnownIds(catalog_);
  opts.rules = Select({}, {});
  util::DiagnosticSink diags;
  EngineResult result;
  RunEngine(models_, opts, &diags, &result);
  std::vector<std::string> lines;
  for (const util::Diagnostic& d : diags.Sorted()) lines.push_back(util::RenderHeadline(d));
  EXPECT_EQ(lines, std::vector<std::string>{
                       "c.yaml:4:11: warning: fnwarden:ignore FNW-CFG-004 suppressed nothing: no "
                       "FNW-CFG-004 finding on line 4, which it covers; remove it"});

  opts.rules = Select({}, {"cfg-004"});
  util::DiagnosticSink skipped;
  RunEngine(models_, opts, &skipped, &result);
  EXPECT_EQ(skipped.size(), 0u);
}

TEST_F(EngineTest, OutputDoesNotDependOnThreads) {
  EngineOptions opts;
  opts.rules = Select({}, {});
  EngineResult one, many;
  util::DiagnosticSink diags;
  opts.jobs = 1;
  RunEngine(models_, opts, &diags, &one);
  opts.jobs = 4;
  RunEngine(models_, opts, &diags, &many);
  EXPECT_EQ(Dump(one.findings), Dump(many.findings));
}

// A large model (300 functions, each with a role) has its principals
// analysed and its rules run side by side; the findings are those of one
// thread, including the failing rule's diagnostic.
TEST_F(EngineTest, LargeModelOutputDoesNotDependOnThreads) {
  catalog_.push_back(MakeRule("FNW-LOG-001", &CheckThrows));
  util::SourceFile big("big.yaml", "Resources:\n");
  model::Model m;
  m.root = "big.yaml";
  for (int i = 0; i < 300; ++i) {
    model::Role role;
    role.id = "Role" + std::to_string(i);
    role.type = "AWS::IAM::Role";
    role.functions = {"Fn" + std::to_string(i)};
    m.roles.push_back(std::move(role));
    model::Function fn;
    fn.id = "Fn" + std::to_string(i);
    fn.role_id = "Role" + std::to_string(i);
    fn.loc = util::Loc{&big, 1, static_cast<uint32_t>(i + 1)};
    m.functions.push_back(std::move(fn));
  }
  std::vector<model::Model> models = {m};
  EngineOptions opts;
  opts.rules = Select({}, {});
  EngineResult one, many;
  util::DiagnosticSink diags_one, diags_many;
  opts.jobs = 1;
  RunEngine(models, opts, &diags_one, &one);
  opts.jobs = 4;
  RunEngine(models, opts, &diags_many, &many);
  EXPECT_EQ(one.findings.size(), 2u * 300 + 1);  // two rules on each function, CFG-004 once
  EXPECT_EQ(Dump(one.findings), Dump(many.findings));
  ASSERT_EQ(diags_one.Sorted().size(), 1u);
  ASSERT_EQ(diags_many.Sorted().size(), 1u);
  EXPECT_EQ(util::RenderHeadline(diags_one.Sorted()[0]),
            util::RenderHeadline(diags_many.Sorted()[0]));
}

// A large model's rules sort their own findings, and the sorted lists are
// merged: the order, the repeats dropped and the suppressions are those of
// one sort of everything, which timed rules (one after the other) still do.
TEST_F(EngineTest, LargeModelMergesSortedListsAsOneSortWould) {
  std::string text = "Resources:\n";
  for (int i = 0; i < 300; ++i) {
    text += "  Fn" + std::to_string(i) + ":" + (i == 1 ? "  # fnwarden:ignore IAM-001 fine" : "") +
            "\n";
  }
  util::SourceFile big("big.yaml", text);
  SetComment(&big, 3, 3, 3);
  model::Model m;
  m.root = "big.yaml";
  for (int i = 299; i >= 0; --i) {  // against source order
    model::Function fn;
    fn.id = "Fn" + std::to_string(i);
    fn.loc = util::Loc{&big, static_cast<uint32_t>(i + 2), 3};
    m.functions.push_back(std::move(fn));
  }
  std::vector<model::Model> models = {m};
  EngineOptions opts;
  opts.rules = Select({}, {});
  opts.known_ids = KnownIds(catalog_);
  EngineResult merged, timed;
  util::DiagnosticSink diags_merged, diags_timed;
  RunEngine(models, opts, &diags_merged, &merged);
  opts.time_rules = true;
  RunEngine(models, opts, &diags_timed, &timed);

  std::vector<std::string> dump = Dump(merged.findings);
  EXPECT_EQ(dump, Dump(timed.findings));
  ASSERT_EQ(dump.size(), 2u * 300);  // CFG-004's repeat dropped, Fn1's IAM-001 suppressed
  EXPECT_EQ(std::vector<std::string>(dump.begin(), dump.begin() + 3),
            (std::vector<std::string>{"big.yaml:2 FNW-CFG-003 Fn0", "big.yaml:2 FNW-IAM-001 Fn0",
                                      "big.yaml:3 FNW-CFG-003 Fn1"}));
  EXPECT_EQ(
      std::vector<std::string>(dump.end() - 3, dump.end()),
      (std::vector<std::string>{"big.yaml:301 FNW-CFG-003 Fn299", "big.yaml:301 FNW-CFG-004 Fn299",
                                "big.yaml:301 FNW-IAM-001 Fn299"}));
  ASSERT_EQ(merged.suppressed.size(), 1u);
  ASSERT_EQ(timed.suppressed.size(), 1u);
  EXPECT_EQ(merged.suppressed[0].finding.resource, "Fn1");
  EXPECT_EQ(merged.suppressed[0].reason, "fine");
  EXPECT_EQ(diags_merged.size(), 0u);
  EXPECT_EQ(diags_timed.size(), 0u);
}

// Models come one after another, each with its findings in order, but a
// model's files may sort before an earlier model's (a nested template's):
// the findings of all of them are in the order of one sort. Here six
// models' lists are six runs of sixty findings, merged run by run.
TEST_F(EngineTest, FindingsOfModelsWhoseFilesInterleaveAreInOneOrder) {
  std::vector<std::unique_ptr<util::SourceFile>> files;
  for (int i = 0; i < 6; ++i) {
    files.push_back(
        std::make_unique<util::SourceFile>("f" + std::to_string(i) + ".yaml", "Resources:\n"));
  }
  // Model k has five functions in file k and five in file (k + 3) % 6, on
  // lines 2 to 6, in column k + 1.
  std::vector<model::Model> models;
  std::vector<std::tuple<int, int, int>> where;  // file, line, model
  for (int k = 0; k < 6; ++k) {
    model::Model m;
    m.root = "m" + std::to_string(k);
    for (int f : {k, (k + 3) % 6}) {
      for (int line = 2; line <= 6; ++line) {
        model::Function fn;
        fn.id = "Fn" + std::to_string(k) + "_" + std::to_string(f) + "_" + std::to_string(line);
        fn.loc =
            util::Loc{files[f].get(), static_cast<uint32_t>(line), static_cast<uint32_t>(k + 1)};
        m.functions.push_back(std::move(fn));
        where.emplace_back(f, line, k);
      }
    }
    models.push_back(std::move(m));
  }
  std::sort(where.begin(), where.end());
  std::vector<std::string> expected;
  for (const auto& [f, line, k] : where) {
    expected.push_back("f" + std::to_string(f) + ".yaml:" + std::to_string(line) +
                       " FNW-CFG-003 Fn" + std::to_string(k) + "_" + std::to_string(f) + "_" +
                       std::to_string(line));
  }
  EngineOptions opts;
  opts.rules = Select({"FNW-CFG-003"}, {});
  util::DiagnosticSink diags;
  EngineResult result;
  RunEngine(models, opts, &diags, &result);
  ASSERT_EQ(result.findings.size(), 60u);
  EXPECT_EQ(Dump(result.findings), expected);
}

// Commands that only load (sbom) run the engine with no rule at all.
TEST_F(EngineTest, NoRulesGiveNoFindings) {
  EngineOptions opts;
  util::DiagnosticSink diags;
  EngineResult result;
  RunEngine(models_, opts, &diags, &result);
  EXPECT_TRUE(result.findings.empty());
  EXPECT_TRUE(result.suppressed.empty());
}

TEST_F(EngineTest, AFailingRuleBecomesADiagnostic) {
  catalog_.push_back(MakeRule("FNW-LOG-001", &CheckThrows));
  EngineOptions opts;
  opts.rules = Select({"FNW-LOG-001", "FNW-IAM-001"}, {});
  opts.known_ids = KnownIds(catalog_);
  util::DiagnosticSink diags;
  EngineResult result;
  RunEngine(models_, opts, &diags, &result);
  EXPECT_EQ(result.findings.size(), 3u);  // FNW-IAM-001 on each function; none from the failure
  for (const auto& f : result.findings) EXPECT_EQ(f.rule->id, "FNW-IAM-001");
  std::vector<util::Diagnostic> d = diags.Sorted();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(util::RenderHeadline(d[0]), "a/b.yaml: error: internal error in rule FNW-LOG-001: boom");
}

}  // namespace
}  // namespace fnwarden::rules
