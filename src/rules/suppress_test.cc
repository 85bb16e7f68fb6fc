#include "rules/suppress.h"

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "load/syntax/node.h"

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

// A source file with the comments its parser found, as the loader leaves it.
std::unique_ptr<util::SourceFile> Parsed(std::string path, std::string text) {
  auto file = std::make_unique<util::SourceFile>(std::move(path), std::move(text));
  util::DiagnosticSink diags;
  std::unique_ptr<load::syntax::Document> doc =
      file->path().ends_with(".json") ? load::syntax::ParseJson(file.get(), {}, &diags)
                                      : load::syntax::ParseYaml(file.get(), {}, &diags);
  EXPECT_FALSE(diags.has_errors()) << file->text();
  if (doc != nullptr) file->set_comments(doc->TakeComments());
  return file;
}

std::vector<std::string> Headlines(const util::DiagnosticSink& diags) {
  std::vector<std::string> lines;
  for (const util::Diagnostic& d : diags.Sorted()) lines.push_back(util::RenderHeadline(d));
  return lines;
}

TEST(FindInlineIgnores, ParsesIdsReasonsAndWhatEachCovers) {
  auto file = Parsed("t.yaml",
                     "Resources:\n"
                     "  # fnwarden:ignore FNW-CFG-003 public by design\n"
                     "  Fn:  # fnwarden:ignore FNW-CFG-003,FNW-IAM-001 -- demo only\n"
                     "    Type: x # fnwarden:ignore FNW-CFG-004, FNW-CFG-005: two ids\n"
                     "    A: 1 # fnwarden:ignore FNW-CFG-006\n"
                     "    B: fnwarden:ignore FNW-CFG-007 not a comment\n"
                     "    C: a#fnwarden:ignore FNW-CFG-008 not a comment either\n"
                     "    D: \"# fnwarden:ignore FNW-CFG-009 in quotes\"\n"
                     "    #fnwarden:ignore FNW-CFG-010 no blank after the mark\n"
                     "    E: 1\n"
                     "    # fnwarden:ignore\n");
  FileIgnores found = FindInlineIgnores(*file);
  EXPECT_TRUE(found.misspelt.empty());
  const std::vector<InlineIgnore>& ignores = found.ignores;
  ASSERT_EQ(ignores.size(), 6u);
  EXPECT_EQ(ignores[0].loc.line, 2u);
  EXPECT_EQ(ignores[0].loc.col, 5u);
  EXPECT_EQ(ignores[0].rule_ids, std::vector<std::string>{"FNW-CFG-003"});
  EXPECT_EQ(ignores[0].reason, "public by design");
  EXPECT_EQ(ignores[0].first_line, 3u);  // the whole of Fn
  EXPECT_EQ(ignores[0].last_line, 10u);
  EXPECT_EQ(ignores[1].rule_ids, (std::vector<std::string>{"FNW-CFG-003", "FNW-IAM-001"}));
  EXPECT_EQ(ignores[1].reason, "demo only");
  EXPECT_EQ(ignores[1].first_line, 3u);
  EXPECT_EQ(ignores[1].last_line, 10u);
  EXPECT_EQ(ignores[2].rule_ids, (std::vector<std::string>{"FNW-CFG-004", "FNW-CFG-005"}));
  EXPECT_EQ(ignores[2].reason, "two ids");
  EXPECT_EQ(ignores[2].first_line, 4u);
  EXPECT_EQ(ignores[2].last_line, 4u);
  EXPECT_EQ(ignores[3].rule_ids, std::vector<std::string>{"FNW-CFG-006"});
  EXPECT_EQ(ignores[3].reason, "");
  EXPECT_EQ(ignores[4].loc.line, 9u);
  EXPECT_EQ(ignores[4].loc.col, 6u);
  EXPECT_EQ(ignores[4].rule_ids, std::vector<std::string>{"FNW-CFG-010"});
  EXPECT_EQ(ignores[4].first_line, 10u);
  EXPECT_EQ(ignores[5].loc.line, 11u);
  EXPECT_TRUE(ignores[5].rule_ids.empty());
  EXPECT_EQ(ignores[5].first_line, 0u);  // nothing below it
}

TEST(FindInlineIgnores, JsonHasNone) {
  auto file = Parsed("t.json", "  {\"Description\": \"# fnwarden:ignore FNW-CFG-003 x\"}\n");
  EXPECT_TRUE(FindInlineIgnores(*file).ignores.empty());
}

// Inline code is the function's text, not the template's comments.
TEST(FindInlineIgnores, NoneInsideABlockScalar) {
  auto file = Parsed("t.yaml",
                     "Fn:\n"
                     "  ZipFile: |\n"
                     "    # fnwarden:ignore FNW-CFG-003 hidden in the code\n"
                     "    # FNWarden:Ignore FNW-CFG-003 nor this\n"
                     "    import os\n");
  FileIgnores found = FindInlineIgnores(*file);
  EXPECT_TRUE(found.ignores.empty());
  EXPECT_TRUE(found.misspelt.empty());
}

struct MisspeltCase {
  const char* comment;
  const char* corrected;  // "" when the comment is not taken for an ignore at all
};

void PrintTo(const MisspeltCase& c, std::ostream* os) { *os << c.comment; }

class MisspeltIgnores : public ::testing::TestWithParam<MisspeltCase> {};

TEST_P(MisspeltIgnores, AreNotAppliedAndGetTheRightForm) {
  auto file = Parsed("t.yaml", std::string("a: 1  ") + GetParam().comment + "\n");
  FileIgnores found = FindInlineIgnores(*file);
  EXPECT_TRUE(found.ignores.empty());
  if (*GetParam().corrected == '\0') {
    EXPECT_TRUE(found.misspelt.empty());
    return;
  }
  ASSERT_EQ(found.misspelt.size(), 1u);
  EXPECT_EQ(found.misspelt[0].corrected, GetParam().corrected);
  EXPECT_EQ(found.misspelt[0].written, GetParam().comment);
}

INSTANTIATE_TEST_SUITE_P(
    Comments, MisspeltIgnores,
    ::testing::Values(MisspeltCase{"# FNWarden:Ignore FNW-CFG-003 public",
                                   "# fnwarden:ignore FNW-CFG-003 public"},
                      MisspeltCase{"# fnwarden:IGNORE FNW-CFG-003",
                                   "# fnwarden:ignore FNW-CFG-003 reason"},
                      MisspeltCase{"# fnwarden: ignore FNW-CFG-003 public",
                                   "# fnwarden:ignore FNW-CFG-003 public"},
                      MisspeltCase{"#fnwarden :ignore FNW-CFG-003 public",
                                   "# fnwarden:ignore FNW-CFG-003 public"},
                      MisspeltCase{"# fnwarden ignore FNW-CFG-003,API-001 public",
                                   "# fnwarden:ignore FNW-CFG-003,API-001 public"},
                      MisspeltCase{"# fnwarden:skip=FNW-CFG-003:public by design",
                                   "# fnwarden:ignore FNW-CFG-003 public by design"},
                      MisspeltCase{"# fnwarden:ignore=FNW-CFG-003 public",
                                   "# fnwarden:ignore FNW-CFG-003 public"},
                      MisspeltCase{"# FNWARDEN-SKIP", "# fnwarden:ignore FNW-XXX-NNN reason"},
                      MisspeltCase{"# fnwarden: expect FNW-CFG-003", ""},
                      MisspeltCase{"# fnwarden: ok FNW-CFG-003", ""},
                      MisspeltCase{"# checkov:skip=CKV_AWS_1:public", ""},
                      MisspeltCase{"# see fnwarden:ignore in the docs", ""},
                      MisspeltCase{"# # fnwarden:ignore FNW-CFG-003 turned off", ""}));

class SuppressorTest : public ::testing::Test {
 protected:
  SuppressorTest()
      : file_(Parsed("app/template.yaml",
                     "Resources:\n"                                         // 1
                     "  # fnwarden:ignore FNW-TST-001 accepted risk\n"      // 2
                     "  # another comment\n"                                // 3
                     "  Fn:\n"                                              // 4
                     "    A: 1  # fnwarden:ignore FNW-TST-002 same line\n"  // 5
                     "    B: 2\n"                                           // 6
                     "  Other:\n"                                           // 7
                     "    C: 3  # fnwarden:ignore FNW-TST-001\n"            // 8
                     "    D: 4\n")),                                        // 9
        r1_(MakeInfo("FNW-TST-001")),
        r2_(MakeInfo("FNW-TST-002", {"FNW-OLD-002"})) {
    model::Function fn;
    fn.id = "Fn";
    fn.loc = util::Loc{file_.get(), 4, 3};
    model::Function other;
    other.id = "Other";
    other.loc = util::Loc{file_.get(), 7, 3};
    model_.root = "app/template.yaml";
    model_.functions = {fn, other};
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

  std::unique_ptr<util::SourceFile> file_;
  model::RuleInfo r1_, r2_;
  model::Model model_;
};

TEST_F(SuppressorTest, InlineCoversItsLineOrTheResourceBelowIt) {
  SuppressionOptions opts;
  std::string reason;
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 5, "Fn"), opts, &reason), "inline");
  EXPECT_EQ(reason, "same line");
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 4, "Fn"), opts, &reason), "inline");
  EXPECT_EQ(reason, "accepted risk");
  // Any line of the resource the comment is above.
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 6, "Fn"), opts, &reason), "inline");
  EXPECT_EQ(reason, "accepted risk");
  // A comment after code covers that line only.
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 6, "Fn"), opts), "kept");
  // Past the resource.
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "Other"), opts), "kept");
}

TEST_F(SuppressorTest, InlineAboveAStatementCoversTheStatement) {
  auto file = Parsed("t.yaml",
                     "Resources:\n"                                                     // 1
                     "  Role:\n"                                                        // 2
                     "    Type: AWS::IAM::Role\n"                                       // 3
                     "    Properties:\n"                                                // 4
                     "      Policies:\n"                                                // 5
                     "        - PolicyDocument:\n"                                      // 6
                     "            Statement:\n"                                         // 7
                     "              # fnwarden:ignore FNW-TST-001 read-only sandbox\n"  // 8
                     "              - Effect: Allow\n"                                  // 9
                     "                Action: \"s3:*\"\n"                               // 10
                     "                Resource: \"*\"\n"                                // 11
                     "              - Effect: Allow\n"                                  // 12
                     "                Action: \"sqs:*\"\n");                            // 13
  SuppressionOptions opts;
  for (uint32_t line : {9u, 10u, 11u}) {
    EXPECT_EQ(Outcome(MakeFinding(&r1_, file.get(), line, "Role"), opts), "inline") << line;
  }
  for (uint32_t line : {7u, 12u, 13u}) {
    EXPECT_EQ(Outcome(MakeFinding(&r1_, file.get(), line, "Role"), opts), "kept") << line;
  }
}

TEST_F(SuppressorTest, NothingInInlineCodeSuppresses) {
  auto file = Parsed("t.yaml",
                     "Resources:\n"                                                  // 1
                     "  Fn:\n"                                                       // 2
                     "    Type: AWS::Lambda::Function\n"                             // 3
                     "    Properties:\n"                                             // 4
                     "      Code:\n"                                                 // 5
                     "        ZipFile: |\n"                                          // 6
                     "          # fnwarden:ignore FNW-TST-001 hidden in the code\n"  // 7
                     "          import os\n"                                         // 8
                     "      Role: !GetAtt R.Arn\n");                                 // 9
  SuppressionOptions opts;
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file.get(), 8, "Fn"), opts), "kept");
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file.get(), 9, "Fn"), opts), "kept");
}

// IDs may leave out "FNW-" in every kind of ignore, in any case.
TEST_F(SuppressorTest, IdsWithoutThePrefix) {
  model_.functions[0].ignores.push_back({"old-002", "by alias", util::Loc{file_.get(), 9, 5}});
  SuppressionOptions opts;
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 9, "Fn"), opts), "resource");
  model_.functions[0].ignores.clear();
  opts.configs.push_back({"", /*everywhere=*/true, {{"tst-001", {}, {}, "from config", {}}}});
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "Fn"), opts), "config");
  // "TST" alone is an area, not a rule.
  opts.configs[0].ignores[0].rule_id = "TST";
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "Fn"), opts), "kept");

  model::Model second;
  model::Bucket bucket;
  bucket.id = "B";
  auto other = Parsed("other.yaml", "X: 1 # fnwarden:ignore tst-001,TST-01 why\n");
  bucket.loc = util::Loc{other.get(), 1, 1};
  second.buckets.push_back(bucket);
  util::DiagnosticSink diags;
  Suppressor(SuppressionOptions{}).Diagnose({&second}, {"FNW-TST-001"}, {}, &diags);
  EXPECT_EQ(Headlines(diags),
            std::vector<std::string>{"other.yaml:1:8: warning: fnwarden:ignore names "
                                     "unknown rule TST-01; did you mean FNW-TST-001?"});
}

TEST_F(SuppressorTest, InlineWithoutReasonDoesNotSuppress) {
  SuppressionOptions opts;
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 8, "Other"), opts), "kept");
}

TEST_F(SuppressorTest, ResourceMetadataAndGeneratedResources) {
  model_.functions[0].ignores.push_back({"FNW-OLD-002", "by alias", util::Loc{file_.get(), 9, 5}});
  model::Role role;
  role.id = "FnRole";
  role.generated_from = "Fn";
  model_.roles.push_back(role);
  SuppressionOptions opts;
  std::string reason;
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 9, "Fn"), opts, &reason), "resource");
  EXPECT_EQ(reason, "by alias");
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 9, "FnRole"), opts), "resource");
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "FnRole"), opts), "kept");
  model_.functions[0].ignores[0].reason = "";
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 9, "Fn"), opts), "kept");
}

TEST_F(SuppressorTest, NoInlineIgnoresAuditsInlineAndResourceOnly) {
  model_.functions[0].ignores.push_back({"FNW-TST-002", "meta", util::Loc{file_.get(), 9, 5}});
  SuppressionOptions opts;
  opts.inline_ignores = false;
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 5, "Fn"), opts), "kept");
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 9, "Fn"), opts), "kept");
  opts.configs.push_back({"", /*everywhere=*/true, {{"FNW-TST-002", {}, {}, "from config", {}}}});
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 5, "Fn"), opts), "config");
}

TEST_F(SuppressorTest, ConfigPathsAndResources) {
  SuppressionOptions opts;
  opts.cwd = "/w";
  opts.configs.push_back({"/w/app", false, {{"FNW-TST-001", {"template.yaml"}, {"F*"}, "ok", {}}}});
  std::vector<ConfigIgnore>& ignores = opts.configs[0].ignores;
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "Fn"), opts), "config");
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "Other"), opts), "kept");
  ignores[0].paths = {"other/*.yaml"};
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "Fn"), opts), "kept");
  ignores[0].paths = {"app/*.yaml"};  // the display path matches too
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "Fn"), opts), "config");
  ignores[0].reason = "";
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "Fn"), opts), "kept");
}

// Each file follows the configuration nearest above it, and only that one.
TEST_F(SuppressorTest, ConfigScopes) {
  util::SourceFile lib("lib/x.yaml", ""), up("../w/lib/y.yaml", ""), away("/elsewhere/z.yaml", "");
  SuppressionOptions opts;
  opts.cwd = "/w";
  opts.configs.push_back({"/w", false, {{"FNW-TST-001", {"lib/**", "app/**"}, {}, "root", {}}}});
  opts.configs.push_back({"/w/app", false, {{"FNW-TST-002", {}, {}, "app", {}}}});
  std::string reason;
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &lib, 1, "Fn"), opts, &reason), "config");
  EXPECT_EQ(reason, "root");
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &up, 1, "Fn"), opts, &reason), "config");
  EXPECT_EQ(Outcome(MakeFinding(&r2_, file_.get(), 9, "Fn"), opts, &reason), "config");
  EXPECT_EQ(reason, "app");
  // app/ has its own configuration: the root one does not apply there.
  EXPECT_EQ(Outcome(MakeFinding(&r1_, file_.get(), 9, "Fn"), opts), "kept");
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &away, 1, "Fn"), opts), "kept");
  // A configuration named with --config applies to every file.
  opts.configs = {{"/cfg", true, {{"FNW-TST-001", {"/elsewhere/*.yaml"}, {}, "named", {}}}}};
  EXPECT_EQ(Outcome(MakeFinding(&r1_, &away, 1, "Fn"), opts, &reason), "config");
  EXPECT_EQ(reason, "named");
}

TEST_F(SuppressorTest, Baseline) {
  model::Finding f = MakeFinding(&r1_, file_.get(), 9, "Fn");
  SuppressionOptions opts;
  opts.baseline_path = "base.json";
  EXPECT_EQ(Outcome(f, opts), "kept");
  opts.baseline.insert(f.fingerprint);
  std::string reason;
  EXPECT_EQ(Outcome(f, opts, &reason), "baseline");
  EXPECT_EQ(reason, "in the baseline base.json");
}

TEST_F(SuppressorTest, DiagnosesMissingReasonsAndUnknownIds) {
  auto other = Parsed("other.yaml", "X: 1 # fnwarden:ignore FNW-TST-01 typo\n");
  model_.functions[0].ignores.push_back({"FNW-TST-002", "", util::Loc{file_.get(), 9, 5}});
  model::Model second;
  model::Bucket bucket;
  bucket.id = "B";
  bucket.loc = util::Loc{other.get(), 1, 1};
  second.buckets.push_back(bucket);
  SuppressionOptions opts;
  opts.configs.push_back({"", true, {{"FNW-NOPE-999", {}, {}, "", {}}}});
  Suppressor s(opts);
  util::DiagnosticSink diags;
  s.Diagnose({&model_, &second}, {"FNW-TST-001", "FNW-TST-002"}, {}, &diags);
  EXPECT_EQ(Headlines(diags), (std::vector<std::string>{
                                  ": warning: fnwarden:ignore names unknown rule FNW-NOPE-999",
                                  ": warning: fnwarden:ignore needs a reason",
                                  "app/template.yaml:8:13: warning: fnwarden:ignore needs a reason",
                                  "app/template.yaml:9:5: warning: fnwarden:ignore needs a reason",
                                  "other.yaml:1:8: warning: fnwarden:ignore names unknown rule "
                                  "FNW-TST-01; did you mean FNW-TST-001?",
                              }));
  // Audit mode looks at the config file only.
  SuppressionOptions audit = opts;
  audit.inline_ignores = false;
  util::DiagnosticSink audit_diags;
  Suppressor(audit).Diagnose({&model_, &second}, {"FNW-TST-001"}, {}, &audit_diags);
  EXPECT_EQ(audit_diags.size(), 2u);
}

// An ignore that matched no finding of a rule that ran is reported, of each
// kind; one of a rule that did not run is not.
TEST_F(SuppressorTest, DiagnosesIgnoresThatSuppressedNothing) {
  auto file = Parsed("t.yaml",
                     "Resources:\n"                                     // 1
                     "  # fnwarden:ignore FNW-TST-001,TST-002 stale\n"  // 2
                     "  Fn:\n"                                          // 3
                     "    A: 1\n"                                       // 4
                     "\n"                                               // 5
                     "  # fnwarden:ignore FNW-TST-001 too far\n"        // 6
                     "\n"                                               // 7
                     "  Other:\n"                                       // 8
                     "    B: 2 # fnwarden:ignore FNW-TST-001 used\n");  // 9
  model::Model m;
  model::Function fn;
  fn.id = "Fn";
  fn.loc = util::Loc{file.get(), 3, 3};
  fn.ignores.push_back({"FNW-TST-002", "meta", util::Loc{file.get(), 4, 5}});
  fn.ignores.push_back({"FNW-TST-001", "meta too", util::Loc{file.get(), 4, 5}});
  model::Function other;
  other.id = "Other";
  other.loc = util::Loc{file.get(), 8, 3};
  m.functions = {fn, other};
  SuppressionOptions opts;
  opts.configs.push_back({"",
                          true,
                          {{"FNW-TST-001", {}, {"Other"}, "matches", util::Loc{file.get(), 1, 1}},
                           {"FNW-TST-002", {}, {}, "stale", util::Loc{file.get(), 1, 2}}}});
  Suppressor s(opts);
  // One finding of FNW-TST-001 on Other's line 9: the inline ignore there
  // reports it, and the config entry that also matches it counts as used.
  std::vector<model::Finding> findings{MakeFinding(&r1_, file.get(), 9, "Other")};
  std::vector<Suppressed> suppressed;
  s.Apply(m, &findings, &suppressed);
  ASSERT_EQ(suppressed.size(), 1u);
  EXPECT_EQ(suppressed[0].kind, SuppressionKind::kInline);

  util::DiagnosticSink diags;
  s.Diagnose({&m}, {"FNW-TST-001", "FNW-TST-002"}, {&r1_, &r2_}, &diags);
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{
                "t.yaml:1:2: warning: the ignore of FNW-TST-002 suppressed nothing in this scan; "
                "remove it, or check its paths and resources",
                "t.yaml:2:5: warning: fnwarden:ignore FNW-TST-001 suppressed nothing: no "
                "FNW-TST-001 finding on lines 3-4, which it covers; remove it",
                "t.yaml:2:5: warning: fnwarden:ignore TST-002 suppressed nothing: no TST-002 "
                "finding on lines 3-4, which it covers; remove it",
                "t.yaml:4:5: warning: the ignore of FNW-TST-001 on Fn suppressed nothing: Fn has "
                "no FNW-TST-001 finding in this scan; remove the ignore",
                "t.yaml:4:5: warning: the ignore of FNW-TST-002 on Fn suppressed nothing: Fn has "
                "no FNW-TST-002 finding in this scan; remove the ignore",
                "t.yaml:6:5: warning: fnwarden:ignore FNW-TST-001 covers nothing: put it at the "
                "end of the finding's line, or directly above it with no blank line between",
            }));
  // Only FNW-TST-001 ran: the ignores of FNW-TST-002 are not judged.
  util::DiagnosticSink only_one;
  s.Diagnose({&m}, {"FNW-TST-001", "FNW-TST-002"}, {&r1_}, &only_one);
  EXPECT_EQ(only_one.size(), 3u) << ::testing::PrintToString(Headlines(only_one));
}

TEST_F(SuppressorTest, DiagnosesMisspeltIgnores) {
  auto file = Parsed("t.yaml", "Fn:  # FNWarden:Ignore FNW-TST-001 reason\n");
  model::Model m;
  model::Function fn;
  fn.id = "Fn";
  fn.loc = util::Loc{file.get(), 1, 1};
  m.functions = {fn};
  SuppressionOptions opts;
  Suppressor s(opts);
  std::vector<model::Finding> findings{MakeFinding(&r1_, file.get(), 1, "Fn")};
  std::vector<Suppressed> suppressed;
  s.Apply(m, &findings, &suppressed);
  EXPECT_TRUE(suppressed.empty());
  util::DiagnosticSink diags;
  s.Diagnose({&m}, {"FNW-TST-001"}, {&r1_}, &diags);
  EXPECT_EQ(Headlines(diags),
            std::vector<std::string>{
                "t.yaml:1:8: warning: '# FNWarden:Ignore FNW-TST-001 reason' is not applied: "
                "fnwarden reads ignores written '# fnwarden:ignore FNW-TST-001 reason'"});
}

}  // namespace
}  // namespace fnwarden::rules
