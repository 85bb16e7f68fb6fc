#include "cli/config.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "cli/baseline.h"
#include "test_util.h"

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
                        "fail-on-hardening: medium\n"
                        "only: [IAM, FNW-CFG-003]\n"
                        "skip: [FNW-LOG-001]\n"
                        "exclude: [\"legacy/**\", \"*.bak.yaml\"]\n"
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
  EXPECT_EQ(config.fail_on_hardening, "medium");
  EXPECT_EQ(config.only, (std::vector<std::string>{"IAM", "FNW-CFG-003"}));
  EXPECT_EQ(config.skip, std::vector<std::string>{"FNW-LOG-001"});
  EXPECT_EQ(config.exclude, (std::vector<std::string>{"legacy/**", "*.bak.yaml"}));
  ASSERT_EQ(config.ignores.size(), 2u);
  EXPECT_EQ(config.ignores[0].rule_id, "FNW-CFG-003");
  EXPECT_EQ(config.ignores[0].paths, std::vector<std::string>{"legacy/**"});
  EXPECT_EQ(config.ignores[0].resources, (std::vector<std::string>{"PublicFn", "Api*"}));
  EXPECT_EQ(config.ignores[0].reason, "public by design");
  EXPECT_EQ(config.ignores[0].loc.line, 7u);
  EXPECT_EQ(config.ignores[1].reason, "");  // kept: the engine diagnoses it at its position
  std::vector<std::string> keys;
  for (const auto& [key, loc] : config.scan_wide_keys) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"fail-on", "fail-on-hardening", "only", "skip"}));
}

struct SchemaCase {
  const char* name;
  const char* yaml;
  std::vector<std::string> diagnostics;
};

void PrintTo(const SchemaCase& c, std::ostream* os) { *os << c.name; }

class ConfigSchema : public ::testing::TestWithParam<SchemaCase> {};

// A configuration that breaks the schema is an error at the key, never an
// ignore that applies more widely than written.
TEST_P(ConfigSchema, IsAnErrorAtTheKey) {
  util::SourceFile file("c.yml", GetParam().yaml);
  util::DiagnosticSink diags;
  Config config;
  EXPECT_FALSE(ParseConfig(&file, &diags, &config));
  EXPECT_EQ(Headlines(diags), GetParam().diagnostics);
}

const SchemaCase kSchemaCases[] = {
    {"MisspeltTopKey",
     "ignores:\n  - id: FNW-CFG-003\n    reason: x\n",
     {"c.yml:1:1: error: unknown key 'ignores'; did you mean 'ignore'?"}},
    {"RuleForId",
     "ignore:\n  - rule: FNW-CFG-003\n    reason: x\n",
     {"c.yml:2:5: error: an ignore entry needs an id (a rule ID such as FNW-CFG-003)",
      "c.yml:2:5: error: unknown key 'rule' in an ignore entry; did you mean 'id'?"}},
    {"MisspeltEntryKey",
     "ignore:\n  - id: FNW-CFG-003\n    reasn: typo\n",
     {"c.yml:3:5: error: unknown key 'reasn' in an ignore entry; did you mean 'reason'?"}},
    {"PathsAsAString",
     "ignore:\n  - id: FNW-CFG-003\n    paths: legacy/**\n    reason: x\n",
     {"c.yml:3:5: error: paths must be a list of globs, e.g. paths: [\"legacy/**\"]"}},
    {"ResourcesAsAString",
     "ignore:\n  - id: FNW-CFG-003\n    resources: PublicFn\n    reason: x\n",
     {"c.yml:3:5: error: resources must be a list of logical IDs, e.g. resources: [PublicFn]"}},
    {"EmptyPaths",
     "ignore:\n  - id: FNW-CFG-003\n    paths: []\n    reason: x\n",
     {"c.yml:3:5: error: paths is empty: list globs, e.g. paths: [\"legacy/**\"], or leave it "
      "out to apply the ignore to every file"}},
    {"PathsWithNothing",
     "ignore:\n  - id: FNW-CFG-003\n    paths:\n    reason: x\n",
     {"c.yml:3:5: error: paths is empty: list globs, e.g. paths: [\"legacy/**\"], or leave it "
      "out to apply the ignore to every file"}},
    {"EmptyResources",
     "ignore:\n  - id: FNW-CFG-003\n    resources: []\n    reason: x\n",
     {"c.yml:3:5: error: resources is empty: list logical IDs, e.g. resources: [PublicFn], or "
      "leave it out to apply the ignore to every resource"}},
    {"IdAsAList",
     "ignore:\n  - id: [FNW-CFG-003, FNW-CFG-004]\n    reason: x\n",
     {"c.yml:2:5: error: id must be one rule ID such as FNW-CFG-003; write one entry per rule"}},
    {"NoId",
     "ignore:\n  - reason: no id\n",
     {"c.yml:2:5: error: an ignore entry needs an id (a rule ID such as FNW-CFG-003)"}},
    {"EntryNotAMapping",
     "ignore:\n  - just a string\n",
     {"c.yml:2:5: error: an ignore entry must be a mapping with id and reason"}},
    {"IgnoreNotAList",
     "ignore: FNW-CFG-003\n",
     {"c.yml:1:1: error: ignore must be a list of entries with id and reason"}},
    {"OnlyAsAString",
     "only: IAM\n",
     {"c.yml:1:1: error: only must be a list of rule IDs or areas, e.g. only: [IAM]"}},
    {"SkipWithAMapping",
     "skip: [{a: b}]\n",
     {"c.yml:1:8: error: skip must be a list of rule IDs or areas, e.g. skip: [IAM]"}},
    {"ExcludeAsAString",
     "exclude: legacy/**\n",
     {"c.yml:1:1: error: exclude must be a list of globs, e.g. exclude: [\"legacy/**\"]"}},
    {"BadSeverity",
     "fail-on: severe\n",
     {"c.yml:1:10: error: fail-on must be one of critical, high, medium, low, info, none"}},
    {"SeverityAsAList",
     "fail-on-hardening: [high]\n",
     {"c.yml:1:1: error: fail-on-hardening must be one of critical, high, medium, low, info, "
      "none"}},
    {"DuplicateKey",
     "ignore:\n  - id: FNW-CFG-003\n    paths: [a]\n    paths: [b]\n    reason: x\n",
     {"c.yml:4:5: error: duplicate key 'paths' (first defined at line 3)"}},
    {"NotAMapping", "- a\n", {"c.yml:1:1: error: the configuration must be a mapping"}},
};

std::string SchemaCaseName(const ::testing::TestParamInfo<SchemaCase>& param) {
  return param.param.name;
}

INSTANTIATE_TEST_SUITE_P(Config, ConfigSchema, ::testing::ValuesIn(kSchemaCases), SchemaCaseName);

TEST(ParseConfig, EmptyFileIsFine) {
  util::SourceFile file(".fnwarden.yml", "");
  util::DiagnosticSink diags;
  Config config;
  EXPECT_TRUE(ParseConfig(&file, &diags, &config));
  EXPECT_TRUE(config.ignores.empty());
}

TEST(RebaseGlob, FromTheConfigurationFolderToDisplayPaths) {
  using V = std::vector<std::string>;
  // The configuration is in the current folder, below it, above it, beside it.
  EXPECT_EQ(RebaseGlob("legacy/**", "/w", "/w"), V{"legacy/**"});
  EXPECT_EQ(RebaseGlob("legacy/**", "/w/app", "/w"), V{"app/legacy/**"});
  EXPECT_EQ(RebaseGlob("*.bak", "/w/app", "/w"), (V{"app/*.bak", "app/**/*.bak"}));
  EXPECT_EQ(RebaseGlob("app/legacy/**", "/w", "/w/app"), (V{"legacy/**", "/w/app/legacy/**"}));
  EXPECT_EQ(RebaseGlob("lib/**", "/w", "/w/app"), V{"/w/lib/**"});
  EXPECT_EQ(RebaseGlob("**/old/*", "/w", "/w/app"), (V{"**/old/*", "old/*", "/w/**/old/*"}));
  EXPECT_EQ(RebaseGlob("x/**", "/other", "/w"), (V{"../other/x/**", "/other/x/**"}));
}

// Configurations are looked up on the real disk (links, FIFOs, realpath), in
// a scratch folder.
class ConfigFilesTest : public ::testing::Test {
 protected:
  void Write(const std::string& rel, const std::string& text) const { scratch_.Write(rel, text); }
  void Mkdir(const std::string& rel) const {
    std::filesystem::create_directories(std::filesystem::path(root_) / rel);
  }

  // Loads the configurations of a scan of `paths` from `cwd` (relative to
  // the temporary folder); diagnostics in `headlines`.
  bool Load(const std::vector<std::string>& paths, const std::string& cwd, ScanConfig* out,
            std::vector<std::string>* headlines, const std::string& named = "") {
    ConfigSearch search;
    search.paths = paths;
    search.named = named;
    search.cwd = cwd.empty() ? root_ : root_ + "/" + cwd;
    util::DiagnosticSink diags;
    bool ok = LoadConfigs(fs_, search, &sources_, &diags, out);
    *headlines = Headlines(diags);
    return ok;
  }

  testing::ScratchDir scratch_;
  std::string root_ = scratch_.path();
  util::DiskFileSystem fs_;
  util::SourceSet sources_;
};

const char kIgnoreAll[] = "ignore:\n  - id: FNW-CFG-003\n    reason: r\n";

TEST_F(ConfigFilesTest, FoundAboveASingleFile) {
  Write("repo/.git/HEAD", "ref: refs/heads/main\n");
  Write("repo/app/.fnwarden.yml", std::string("fail-on: high\n") + kIgnoreAll);
  Write("repo/app/sub/template.yaml", "Resources: {}\n");
  ScanConfig config;
  std::vector<std::string> diags;
  ASSERT_TRUE(Load({"app/sub/template.yaml"}, "repo", &config, &diags));
  EXPECT_TRUE(diags.empty()) << ::testing::PrintToString(diags);
  EXPECT_EQ(config.files, std::vector<std::string>{"app/.fnwarden.yml"});
  EXPECT_EQ(config.settings.fail_on, "high");
  ASSERT_EQ(config.scopes.size(), 1u);
  EXPECT_EQ(config.scopes[0].folder, root_ + "/repo/app");
  EXPECT_FALSE(config.scopes[0].everywhere);
  EXPECT_EQ(config.scopes[0].ignores.size(), 1u);
}

TEST_F(ConfigFilesTest, TheNearestOneAndNotPastTheRepositoryRoot) {
  Write(".fnwarden.yml", "fail-on: low\n");    // above the repository: never read
  Write("repo/.git", "gitdir: /elsewhere\n");  // a worktree's .git is a file
  Write("repo/.fnwarden.yml", "fail-on: medium\n");
  Write("repo/app/.fnwarden.yml", "fail-on: high\n");
  Write("repo/app/template.yaml", "Resources: {}\n");
  Write("repo/lib/template.yaml", "Resources: {}\n");
  Mkdir("other");
  ScanConfig config;
  std::vector<std::string> diags;
  ASSERT_TRUE(Load({"app", "lib", "."}, "repo", &config, &diags));
  EXPECT_EQ(config.files, (std::vector<std::string>{"app/.fnwarden.yml", ".fnwarden.yml"}));
  EXPECT_EQ(config.settings.fail_on, "high");  // from the first scanned path
  EXPECT_EQ(diags, std::vector<std::string>{
                       ".fnwarden.yml:1:1: warning: fail-on here does not apply: the scan's "
                       "settings come from app/.fnwarden.yml (the first configuration found); "
                       "only the ignores and exclude of this file apply"});
  ASSERT_EQ(config.scopes.size(), 2u);
  EXPECT_EQ(config.scopes[1].folder, root_ + "/repo");

  // Without a repository the search goes on to the filesystem root.
  ScanConfig outside;
  ASSERT_TRUE(Load({"."}, "other", &outside, &diags));
  EXPECT_EQ(outside.files, std::vector<std::string>{root_ + "/.fnwarden.yml"});
  EXPECT_EQ(outside.settings.fail_on, "low");
}

TEST_F(ConfigFilesTest, ExcludeGlobsAreRelativeToTheirFolder) {
  Write("repo/.git/HEAD", "");
  Write("repo/app/.fnwarden.yml", "exclude: [\"legacy/**\"]\n");
  Mkdir("repo/app/legacy");
  ScanConfig config;
  std::vector<std::string> diags;
  ASSERT_TRUE(Load({"app"}, "repo", &config, &diags));
  EXPECT_EQ(config.exclude, std::vector<std::string>{"app/legacy/**"});
  EXPECT_TRUE(config.settings.exclude.empty());
}

TEST_F(ConfigFilesTest, NamedConfigurationAppliesEverywhere) {
  Write("repo/.git/HEAD", "");
  Write("repo/app/.fnwarden.yml", "fail-on: high\n");
  Write("repo/ci/fnwarden.yml", std::string("fail-on: critical\n") + kIgnoreAll);
  ScanConfig config;
  std::vector<std::string> diags;
  ASSERT_TRUE(Load({"app"}, "repo", &config, &diags, "ci/fnwarden.yml"));
  EXPECT_EQ(config.files, std::vector<std::string>{"ci/fnwarden.yml"});
  EXPECT_EQ(config.settings.fail_on, "critical");
  ASSERT_EQ(config.scopes.size(), 1u);
  EXPECT_TRUE(config.scopes[0].everywhere);
  EXPECT_FALSE(Load({"app"}, "repo", &config, &diags, "ci/missing.yml"));
  EXPECT_EQ(diags, std::vector<std::string>{
                       "ci/missing.yml: error: cannot read the configuration: no such file"});
}

// A configuration that links to a credentials file outside the repository
// is refused unread: nothing of the target appears.
TEST_F(ConfigFilesTest, ALinkOutOfTheRepositoryIsNotRead) {
  Write("home/.aws/credentials", "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG\n");
  Write("repo/.git/HEAD", "");
  Mkdir("repo/app");
  std::filesystem::create_symlink(root_ + "/home/.aws/credentials", root_ + "/repo/.fnwarden.yml");
  ScanConfig config;
  std::vector<std::string> diags;
  EXPECT_FALSE(Load({"app"}, "repo", &config, &diags));
  EXPECT_EQ(diags, std::vector<std::string>{".fnwarden.yml: error: the configuration is a link to "
                                            "a file outside the repository; it is not read"});
  // Named explicitly, the same.
  EXPECT_FALSE(Load({"app"}, "repo", &config, &diags, ".fnwarden.yml"));
  EXPECT_EQ(diags.size(), 1u);
  for (const std::string& d : diags) EXPECT_EQ(d.find("aws_secret"), std::string::npos) << d;

  // A link that stays inside the repository is fine.
  std::filesystem::remove(root_ + "/repo/.fnwarden.yml");
  Write("repo/config/fnwarden.yml", "fail-on: high\n");
  std::filesystem::create_symlink("config/fnwarden.yml", root_ + "/repo/.fnwarden.yml");
  ASSERT_TRUE(Load({"app"}, "repo", &config, &diags)) << ::testing::PrintToString(diags);
  EXPECT_EQ(config.settings.fail_on, "high");
}

TEST_F(ConfigFilesTest, OnlyARegularFile) {
  Write("a/.git/HEAD", "");
  Mkdir("a/.fnwarden.yml");
  ScanConfig config;
  std::vector<std::string> diags;
  EXPECT_FALSE(Load({"."}, "a", &config, &diags));
  EXPECT_EQ(diags, std::vector<std::string>{
                       ".fnwarden.yml: error: cannot read the configuration: not a regular file"});
  // A FIFO would block a reader that opens it: it is refused before.
  Write("b/.git/HEAD", "");
  ASSERT_EQ(::mkfifo((root_ + "/b/.fnwarden.yml").c_str(), 0600), 0);
  EXPECT_FALSE(Load({"."}, "b", &config, &diags));
  EXPECT_EQ(diags, std::vector<std::string>{
                       ".fnwarden.yml: error: cannot read the configuration: not a regular file"});
}

TEST_F(ConfigFilesTest, ABrokenConfigurationIsAnError) {
  Write("repo/.git/HEAD", "");
  Write("repo/.fnwarden.yml", "ignores:\n  - id: FNW-CFG-003\n    reason: r\n");
  ScanConfig config;
  std::vector<std::string> diags;
  EXPECT_FALSE(Load({"."}, "repo", &config, &diags));
  EXPECT_EQ(diags, std::vector<std::string>{
                       ".fnwarden.yml:1:1: error: unknown key 'ignores'; did you mean 'ignore'?"});
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
