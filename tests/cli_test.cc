// The fnwarden binary end to end: commands, exit codes, output formats,
// suppressions and baselines.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/iam/catalog.h"
#include "rules/rule.h"
#include "test_util.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace fnwarden {
namespace {

using testing::CommandResult;
using testing::RunFnwarden;

using testing::kAdminTemplate;

// A function with nothing but what SAM needs, to append to kAdminTemplate.
std::string PlainFunction(const std::string& name) {
  return "  " + name +
         ":\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n"
         "      Handler: app.handler\n      CodeUri: src/\n";
}

// A scratch folder that the binary runs in, so paths are short and relative.
class Project : public testing::ScratchDir {
 public:
  std::string Read(const std::string& rel) const {
    return testing::ReadFileOrDie(dir() + "/" + rel);
  }
  bool Exists(const std::string& rel) const { return std::filesystem::exists(dir() + "/" + rel); }
  const std::string& dir() const { return path(); }
  std::vector<std::string> Files() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir())) {
      out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

struct Json {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  bool Parse(const std::string& text) {
    return parser.parse(simdjson::padded_string(text)).get(root) == simdjson::SUCCESS;
  }
  std::vector<std::string> RuleIds(const char* list = "findings") {
    std::vector<std::string> out;
    for (simdjson::dom::element f : root[list].get_array()) {
      out.emplace_back(std::string_view(f["rule_id"]));
    }
    return out;
  }
};

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(Cli, VersionAndHelp) {
  CommandResult v = RunFnwarden({"version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out.substr(0, v.out.find('\n') + 1), "fnwarden 0.1.0\n");
  EXPECT_NE(v.out.find("\ndata: Lambda runtimes as of 20"), std::string::npos) << v.out;
  CommandResult h = RunFnwarden({"help"});
  EXPECT_EQ(h.exit_code, 0);
  for (const char* cmd : {"scan", "rules", "explain", "version", "help"}) {
    EXPECT_NE(h.out.find(std::string("  ") + cmd), std::string::npos) << cmd;
  }
  CommandResult hs = RunFnwarden({"help", "scan"});
  EXPECT_EQ(hs.exit_code, 0);
  EXPECT_NE(hs.out.find("--fail-on"), std::string::npos);
  EXPECT_NE(hs.out.find("--no-inline-ignores"), std::string::npos);
  CommandResult none = RunFnwarden({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("usage: fnwarden <command>"), std::string::npos);
}

TEST(Cli, MistypedCommandSuggestsTheClosest) {
  CommandResult r = RunFnwarden({"scna", "."});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "fnwarden: error: unknown command 'scna'; did you mean 'scan'? (run 'fnwarden help' "
            "for the list)\n");
  EXPECT_EQ(RunFnwarden({"explian"}).err.find("did you mean 'explain'?") == std::string::npos,
            false);
}

TEST(Cli, RulesListsEveryRule) {
  CommandResult text = RunFnwarden({"rules"});
  ASSERT_EQ(text.exit_code, 0);
  Json json;
  CommandResult j = RunFnwarden({"rules", "--format", "json"});
  ASSERT_EQ(j.exit_code, 0);
  ASSERT_TRUE(json.Parse(j.out));
  EXPECT_EQ(json.root["rules"].get_array().size(), rules::AllRules().size());
  for (const rules::Rule& r : rules::AllRules()) {
    EXPECT_NE(text.out.find(std::string(r.info.id) + "  "), std::string::npos) << r.info.id;
    EXPECT_NE(text.out.find(std::string(r.info.title)), std::string::npos) << r.info.id;
  }
  EXPECT_EQ(RunFnwarden({"rules", "--format", "xml"}).exit_code, 2);
}

TEST(Cli, ExplainAndDidYouMean) {
  const rules::Rule* rule = rules::FindRule("FNW-IAM-001");
  ASSERT_NE(rule, nullptr);
  CommandResult r = RunFnwarden({"explain", "fnw-iam-001"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("FNW-IAM-001: " + std::string(rule->info.title)), std::string::npos);
  EXPECT_NE(r.out.find("severity: critical"), std::string::npos);
  EXPECT_NE(r.out.find(std::string(rule->info.explanation)), std::string::npos);
  EXPECT_NE(r.out.find(std::string(rule->info.fix)), std::string::npos);
  CommandResult typo = RunFnwarden({"explain", "FNW-IAM-01"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err, "fnwarden explain: error: unknown rule 'FNW-IAM-01'; did you mean FNW-IAM-001?\n");
  EXPECT_EQ(RunFnwarden({"explain"}).exit_code, 2);
}

// A finding in a serverless.yml points at `explain --framework serverless`:
// the common part of the fix and the Serverless section, without the others.
TEST(Cli, ExplainForOneFramework) {
  const rules::Rule* rule = rules::FindRule("FNW-LOG-002");
  ASSERT_NE(rule, nullptr);
  CommandResult r = RunFnwarden({"explain", "FNW-LOG-002", "--framework", "serverless"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string_view serverless = rule->info.FixFor(model::Framework::kServerless);
  std::string_view cdk = rule->info.FixFor(model::Framework::kCdk);
  EXPECT_NE(r.out.find("Fix (Serverless)"), std::string::npos);
  EXPECT_NE(r.out.find(std::string(serverless)), std::string::npos);
  EXPECT_EQ(r.out.find(std::string(cdk)), std::string::npos);
  CommandResult bad = RunFnwarden({"explain", "FNW-LOG-002", "--framework", "pulumi"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown framework 'pulumi'"), std::string::npos);
}

TEST(Cli, ExitCodes) {
  Project p;
  p.Write("template.yaml", kAdminTemplate);
  CommandResult findings = p.Run({"scan"});
  EXPECT_EQ(findings.exit_code, 1) << findings.err;
  EXPECT_NE(findings.out.find("CRITICAL FNW-IAM-001"), std::string::npos) << findings.out;
  EXPECT_NE(findings.out.find("\ntemplate.yaml:12:15 AdminFn\n"), std::string::npos);
  EXPECT_EQ(findings.out.find('\x1b'), std::string::npos);  // NO_COLOR and not a terminal

  // Only a rule that stays quiet: clean.
  CommandResult clean = p.Run({"scan", "--only", "FNW-CFG-003", "."});
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  EXPECT_NE(clean.out.find("No findings"), std::string::npos);
  // Findings below --fail-on do not fail; hardening fails a run only when asked.
  EXPECT_EQ(p.Run({"scan", "--only", "FNW-IAM-001", "--fail-on", "critical"}).exit_code, 1);
  EXPECT_EQ(p.Run({"scan", "--only", "FNW-CFG-009", "--fail-on", "low"}).exit_code, 0);
  EXPECT_EQ(p.Run({"scan", "--only", "FNW-CFG-009", "--fail-on-hardening", "medium"}).exit_code,
            0);
  EXPECT_EQ(p.Run({"scan", "--only", "FNW-CFG-009", "--fail-on-hardening", "low"}).exit_code, 1);
  EXPECT_EQ(p.Run({"scan", "--fail-on", "none"}).exit_code, 0);
  // --soft-fail: findings never fail the run.
  EXPECT_EQ(p.Run({"scan", "--soft-fail", "--fail-on-hardening", "low"}).exit_code, 0);

  // Usage errors.
  CommandResult format = p.Run({"scan", "--format", "jsn"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("unknown format 'jsn'; did you mean json?"), std::string::npos);
  CommandResult only = p.Run({"scan", "--only", "FNW-IAM-01"});
  EXPECT_EQ(only.exit_code, 2);
  EXPECT_EQ(only.err,
            "fnwarden scan: error: unknown rule or area 'FNW-IAM-01'; did you mean FNW-IAM-001?\n");
  EXPECT_EQ(p.Run({"scan", "--fail-on", "severe"}).exit_code, 2);
  EXPECT_EQ(p.Run({"scan", "--param", "NoEquals"}).exit_code, 2);
  EXPECT_EQ(p.Run({"scan", "--baseline", "missing.json"}).exit_code, 2);
  EXPECT_EQ(p.Run({"scan", "--bogus-flag"}).exit_code, 2);

  // An unreadable input: partial results win over findings.
  p.Write("broken.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: [\n");
  CommandResult partial = p.Run({"scan"});
  EXPECT_EQ(partial.exit_code, 3) << partial.out;
  EXPECT_NE(partial.out.find("broken.yaml:"), std::string::npos) << partial.out;
  EXPECT_NE(partial.out.find("CRITICAL FNW-IAM-001"), std::string::npos);
  // --soft-fail does not hide that results are partial, nor usage errors.
  EXPECT_EQ(p.Run({"scan", "--soft-fail"}).exit_code, 3);
  EXPECT_EQ(p.Run({"scan", "--soft-fail", "--bogus-flag"}).exit_code, 2);
}

// A scan that finds nothing to read is a usage error that says what
// fnwarden reads.
TEST(Cli, NothingToReadExitsTwo) {
  Project p;
  p.Write("notes/readme.md", "# nothing here\n");
  p.Write("config.yaml", "key: value\n");
  const std::string what =
      "fnwarden reads AWS SAM and CloudFormation templates (YAML or JSON), cdk.out assemblies "
      "and Serverless Framework services (serverless.yml)\n";
  CommandResult empty = p.Run({"scan"});
  EXPECT_EQ(empty.exit_code, 2) << empty.out;
  EXPECT_EQ(empty.err, "fnwarden scan: error: no template found under .: " + what);
  EXPECT_EQ(empty.out, "");
  CommandResult missing = p.Run({"scan", "no-such-dir", "notes"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no-such-dir"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("no template found under no-such-dir, notes: " + what),
            std::string::npos)
      << missing.err;
}

TEST(Cli, JsonOutputAndOutputFile) {
  Project p;
  p.Write("template.yaml", kAdminTemplate);
  CommandResult r = p.Run({"scan", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1);
  Json json;
  ASSERT_TRUE(json.Parse(r.out)) << r.out;
  EXPECT_EQ(int64_t(json.root["schema_version"]), 1);
  std::vector<std::string> ids = json.RuleIds();
  EXPECT_TRUE(Contains(ids, "FNW-IAM-001"));
  EXPECT_EQ(uint64_t(json.root["summary"]["findings"]), ids.size());
  EXPECT_EQ(uint64_t(json.root["summary"]["projects"]), 1u);
  simdjson::dom::element first = json.root["findings"].at(0);
  for (const char* field : {"rule_id", "title", "severity", "practice", "project", "resource",
                            "attribute", "file", "message", "fix", "fingerprint"}) {
    std::string_view value;
    EXPECT_EQ(first[field].get(value), simdjson::SUCCESS) << field;
  }

  CommandResult to_file = p.Run({"scan", "--format", "json", "--output", "report.json"});
  EXPECT_EQ(to_file.exit_code, 1);
  // A console summary on standard output, since the report went to a file.
  EXPECT_TRUE(to_file.out.starts_with("Summary: ")) << to_file.out;
  EXPECT_NE(to_file.out.find("fnwarden: wrote the json report to report.json\n"),
            std::string::npos)
      << to_file.out;
  Json written;
  ASSERT_TRUE(written.Parse(p.Read("report.json")));
  EXPECT_EQ(written.RuleIds(), ids);
  // Nothing half-written or temporary is left beside it.
  EXPECT_EQ(p.Files(), (std::vector<std::string>{"report.json", "template.yaml"}));
  // A folder that does not exist cannot take the report.
  EXPECT_EQ(p.Run({"scan", "--output", "no/such/dir/r.txt"}).exit_code, 2);
}

TEST(Cli, OnlyAndSkip) {
  Project p;
  p.Write("template.yaml", kAdminTemplate);
  Json only;
  ASSERT_TRUE(only.Parse(p.Run({"scan", "--format", "json", "--only", "IAM,iso"}).out));
  std::vector<std::string> ids = only.RuleIds();
  ASSERT_FALSE(ids.empty());
  for (const std::string& id : ids) {
    EXPECT_TRUE(id.starts_with("FNW-IAM-") || id.starts_with("FNW-ISO-")) << id;
  }
  Json skip;
  ASSERT_TRUE(skip.Parse(
      p.Run({"scan", "--format", "json", "--skip", "FNW-IAM-001", "--skip", "LOG"}).out));
  for (const std::string& id : skip.RuleIds()) {
    EXPECT_NE(id, "FNW-IAM-001");
    EXPECT_FALSE(id.starts_with("FNW-LOG-")) << id;
  }
  EXPECT_FALSE(skip.RuleIds().empty());
}

// Each suppression kind, a missing reason, and the audit mode.
TEST(Cli, Suppressions) {
  Project p;
  std::string tmpl = kAdminTemplate;
  // Inline, on the line above the statement the finding points at.
  tmpl.replace(tmpl.find("            - Effect: Allow"), 0,
               "            # fnwarden:ignore FNW-IAM-001 sandbox account, no data\n");
  // Resource Metadata, and an inline ignore without a reason.
  tmpl.replace(tmpl.find("    Properties:"), 0,
               "    Metadata:\n      fnwarden:\n        ignore:\n"
               "          - id: FNW-LOG-002\n            reason: tracing costs too much here\n");
  tmpl.replace(tmpl.find("  AdminFn:"), std::string("  AdminFn:").size(),
               "  AdminFn:  # fnwarden:ignore FNW-CFG-009");
  p.Write("template.yaml", tmpl);
  p.Write(".fnwarden.yml",
          "ignore:\n"
          "  - id: FNW-IR-001\n"
          "    paths: [\"*.yaml\"]\n"
          "    resources: [Admin*]\n"
          "    reason: rollback handled by the pipeline\n");

  CommandResult r = p.Run({"scan", "--format", "json"});
  Json json;
  ASSERT_TRUE(json.Parse(r.out)) << r.out;
  std::vector<std::string> kept = json.RuleIds();
  std::vector<std::string> suppressed = json.RuleIds("suppressed");
  EXPECT_FALSE(Contains(kept, "FNW-IAM-001"));
  EXPECT_FALSE(Contains(kept, "FNW-LOG-002"));
  EXPECT_FALSE(Contains(kept, "FNW-IR-001"));
  EXPECT_TRUE(Contains(kept, "FNW-CFG-009"));  // its ignore has no reason
  EXPECT_EQ(suppressed.size(), 3u);
  std::map<std::string, std::string> kinds;
  for (simdjson::dom::element s : json.root["suppressed"].get_array()) {
    kinds[std::string(std::string_view(s["rule_id"]))] =
        std::string(std::string_view(s["suppression"]["kind"]));
  }
  EXPECT_EQ(kinds, (std::map<std::string, std::string>{
                       {"FNW-IAM-001", "inline"}, {"FNW-LOG-002", "resource"}, {"FNW-IR-001", "config"}}));
  EXPECT_EQ(uint64_t(json.root["summary"]["suppressed"]), 3u);
  EXPECT_NE(r.err.find("template.yaml:4:15: warning: fnwarden:ignore needs a reason"),
            std::string::npos)
      << r.err;

  // Text output counts them too.
  CommandResult text = p.Run({"scan"});
  EXPECT_NE(text.out.find(", 3 suppressed;"), std::string::npos) << text.out;

  // Audit mode: inline and Metadata ignores are off, the config file still applies.
  Json audit;
  ASSERT_TRUE(audit.Parse(p.Run({"scan", "--format", "json", "--no-inline-ignores"}).out));
  EXPECT_TRUE(Contains(audit.RuleIds(), "FNW-IAM-001"));
  EXPECT_TRUE(Contains(audit.RuleIds(), "FNW-LOG-002"));
  EXPECT_EQ(audit.RuleIds("suppressed"), std::vector<std::string>{"FNW-IR-001"});

  // --config names another file; this one has no reason, so nothing is suppressed.
  p.Write("other.yml", "ignore:\n  - id: FNW-IR-001\n");
  CommandResult no_reason = p.Run({"scan", "--format", "json", "--config", "other.yml"});
  Json other;
  ASSERT_TRUE(other.Parse(no_reason.out));
  EXPECT_TRUE(Contains(other.RuleIds(), "FNW-IR-001"));
  EXPECT_NE(no_reason.err.find("other.yml:2:5: warning: fnwarden:ignore needs a reason"),
            std::string::npos)
      << no_reason.err;
  // A broken configuration is a usage error.
  p.Write("bad.yml", "fail-on: severe\n");
  CommandResult bad = p.Run({"scan", "--config", "bad.yml"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.yml:1:10: error: fail-on must be one of"), std::string::npos);
}

TEST(Cli, ConfigDefaults) {
  Project p;
  p.Write("app/template.yaml", kAdminTemplate);
  p.Write("app/.fnwarden.yml", "fail-on: critical\nonly: [CFG]\n");
  Json json;
  CommandResult r = p.Run({"scan", "--format", "json", "app"});
  ASSERT_TRUE(json.Parse(r.out));
  for (const std::string& id : json.RuleIds()) EXPECT_TRUE(id.starts_with("FNW-CFG-")) << id;
  EXPECT_EQ(r.exit_code, 0);  // CFG findings are below critical
  EXPECT_EQ(p.Run({"scan", "--fail-on-hardening", "low", "app"}).exit_code, 1);
  // The flag wins over the configuration's fail-on.
  p.Write("app/.fnwarden.yml", "fail-on: none\n");
  EXPECT_EQ(p.Run({"scan", "app"}).exit_code, 0);
  EXPECT_EQ(p.Run({"scan", "--fail-on", "critical", "app"}).exit_code, 1);
}

// The configuration's fail-on-hardening is the default of the flag.
TEST(Cli, ConfigFailOnHardening) {
  Project p;
  p.Write("app/template.yaml", kAdminTemplate);
  p.Write("app/.fnwarden.yml", "fail-on: none\nfail-on-hardening: low\n");
  EXPECT_EQ(p.Run({"scan", "app"}).exit_code, 1);
  EXPECT_EQ(p.Run({"scan", "--fail-on-hardening", "none", "app"}).exit_code, 0);
}

// --exclude and the configuration's exclude skip files before they are read.
TEST(Cli, ExcludeFromTheCommandLineAndTheConfiguration) {
  Project p;
  p.Write("app/template.yaml", kAdminTemplate);
  // A parse error, if it were read.
  p.Write("app/legacy/template.yaml",
          "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  A: [\n");
  CommandResult all = p.Run({"scan", "--format", "json", "app"});
  EXPECT_EQ(all.exit_code, 3) << all.err;
  CommandResult flag = p.Run({"scan", "--format", "json", "--exclude", "legacy/", "app"});
  EXPECT_EQ(flag.exit_code, 1) << flag.err;
  EXPECT_EQ(flag.err.find("legacy"), std::string::npos) << flag.err;
  p.Write("app/.fnwarden.yml", "exclude: [\"legacy/**\"]\n");
  CommandResult config = p.Run({"scan", "--format", "json", "app"});
  EXPECT_EQ(config.exit_code, 1) << config.err;
  EXPECT_EQ(config.err.find("legacy"), std::string::npos) << config.err;
}

// A link that leads out of the scanned folder is skipped with a warning,
// unless --follow-symlinks.
TEST(Cli, FollowSymlinksOnlyWhenAsked) {
  Project p, outside;
  outside.Write("template.yaml", kAdminTemplate);
  p.Write("app/.keep", "");
  std::filesystem::create_directory_symlink(outside.path(), p.dir() + "/app/shared");
  Json json;
  CommandResult off = p.Run({"scan", "--format", "json", "app"});
  EXPECT_EQ(off.exit_code, 2) << off.err;  // nothing inside the roots to read
  EXPECT_NE(off.err.find("app/shared"), std::string::npos) << off.err;
  EXPECT_EQ(off.err.find(outside.path()), std::string::npos) << off.err;
  CommandResult on = p.Run({"scan", "--format", "json", "--follow-symlinks", "app"});
  ASSERT_TRUE(json.Parse(on.out)) << on.err;
  EXPECT_TRUE(Contains(json.RuleIds(), "FNW-IAM-001")) << on.out;
}

// --scan-date fixes the date that runtime end-of-life is judged on.
TEST(Cli, ScanDate) {
  Project p;
  std::string text = kAdminTemplate;
  text.replace(text.find("python3.12"), 10, "nodejs18.x");
  p.Write("template.yaml", text);
  Json before, after;
  ASSERT_TRUE(before.Parse(
      p.Run({"scan", "--format", "json", "--scan-date", "2024-01-01", "--only", "CFG-001", "."})
          .out));
  EXPECT_FALSE(Contains(before.RuleIds(), "FNW-CFG-001"));
  ASSERT_TRUE(after.Parse(
      p.Run({"scan", "--format", "json", "--scan-date", "2026-12-01", "--only", "CFG-001", "."})
          .out));
  EXPECT_TRUE(Contains(after.RuleIds(), "FNW-CFG-001"));
  for (const char* bad :
       {"2026-13-01", "2026-02-30", "26-12-01", "2026-12-01x", "2026-+1-01", "today"}) {
    CommandResult r = p.Run({"scan", "--scan-date", bad, "."});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--scan-date expects a date written YYYY-MM-DD"), std::string::npos)
        << r.err;
  }
}

TEST(Cli, BaselineRoundTrip) {
  Project p;
  p.Write("template.yaml", kAdminTemplate);
  CommandResult first = p.Run({"scan", "--format", "json", "--write-baseline", "baseline.json"});
  EXPECT_EQ(first.exit_code, 1);
  Json before;
  ASSERT_TRUE(before.Parse(first.out));
  size_t count = before.RuleIds().size();
  ASSERT_GT(count, 0u);

  CommandResult again = p.Run({"scan", "--format", "json", "--baseline", "baseline.json"});
  EXPECT_EQ(again.exit_code, 0) << again.out;
  Json after;
  ASSERT_TRUE(after.Parse(again.out));
  EXPECT_TRUE(after.RuleIds().empty());
  EXPECT_EQ(after.RuleIds("suppressed").size(), count);
  EXPECT_EQ(std::string_view(after.root["suppressed"].at(0)["suppression"]["kind"]), "baseline");

  // The JSON report works as a baseline too; a new finding still shows.
  p.Write("report.json", first.out);
  std::string tmpl = kAdminTemplate;
  tmpl += PlainFunction("SecondFn");
  p.Write("template.yaml", tmpl);
  Json mixed;
  CommandResult third = p.Run({"scan", "--format", "json", "--baseline", "report.json",
                               "--fail-on-hardening", "low"});
  ASSERT_TRUE(mixed.Parse(third.out));
  EXPECT_EQ(third.exit_code, 1);
  EXPECT_EQ(mixed.RuleIds("suppressed").size(), count);
  for (simdjson::dom::element f : mixed.root["findings"].get_array()) {
    EXPECT_EQ(std::string_view(f["resource"]), "SecondFn");
  }
}

// A policy IAM would misread is a warning of the scan, at the value; it does
// not make the results partial (exit code 3). An unknown action is a finding
// of FNW-IAM-014 only, not a diagnostic as well.
TEST(Cli, PolicyProblemsAreWarningsAtTheValue) {
  Project p;
  p.Write("template.yaml", R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref FirstRole, !Ref SecondRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObjekt
            Resource: "*"
            Condition:
              StringEquals:
                aws:SourceVpcc: vpc-1234
  FirstRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
  SecondRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Role: !GetAtt FirstRole.Arn
)");
  const std::string warning =
      "template.yaml:14:17: warning: unknown condition key \"aws:SourceVpcc\"";
  // FNW-IAM-014 is hardening: the run passes unless asked, and is not partial.
  CommandResult text = p.Run({"scan"});
  EXPECT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_EQ(p.Run({"scan", "--fail-on-hardening", "low"}).exit_code, 1);
  EXPECT_TRUE(text.out.starts_with(warning + "\n")) << text.out;
  // Once, although the policy is on two roles.
  EXPECT_EQ(text.out.find(warning, 1), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("FNW-IAM-014"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("warning: unknown action"), std::string::npos) << text.out;

  CommandResult json = p.Run({"scan", "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.err.find(warning + "\n"), std::string::npos) << json.err;
  Json parsed;
  ASSERT_TRUE(parsed.Parse(json.out)) << json.out;
  simdjson::dom::array diags = parsed.root["diagnostics"];
  ASSERT_EQ(diags.size(), 1u) << json.out;
  EXPECT_EQ(std::string_view(diags.at(0)["level"]), "warning");
  EXPECT_EQ(p.Run({"scan", "--fail-on", "none"}).exit_code, 0);
}


// The app `sam init` writes (hello world: one function, GET /hello, no
// auth) fails only because of its unauthenticated route, and its default
// report fits on one screen.
TEST(Cli, SamInitAppFailsOnlyOnItsRouteAndFitsOneScreen) {
  std::string app = testing::SourceDir() + "/tests/data/sam-hello-world";
  CommandResult text = RunFnwarden({"scan", app});
  EXPECT_EQ(text.exit_code, 1) << text.out << text.err;
  std::vector<std::string> lines;
  for (std::string_view line : util::Split(text.out, '\n')) lines.emplace_back(line);
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  EXPECT_LE(lines.size(), 40u) << text.out;
  for (const std::string& line : lines) {
    EXPECT_LE(util::DisplayWidth(line), 100u) << line;
  }
  EXPECT_NE(text.out.find("HIGH FNW-API-001"), std::string::npos) << text.out;

  Json json;
  CommandResult j = RunFnwarden({"scan", "--format", "json", app});
  ASSERT_TRUE(json.Parse(j.out)) << j.out;
  std::vector<std::string> failing;
  for (simdjson::dom::element f : json.root["findings"].get_array()) {
    std::string_view severity = f["severity"], tier = f["tier"];
    if (tier == "risk" && (severity == "high" || severity == "critical")) {
      failing.emplace_back(std::string_view(f["rule_id"]));
    }
  }
  EXPECT_EQ(failing, std::vector<std::string>{"FNW-API-001"});
  // Without that rule (named without its prefix) the run passes.
  CommandResult skipped = RunFnwarden({"scan", "--skip", "api-001", app});
  EXPECT_EQ(skipped.exit_code, 0) << skipped.out << skipped.err;
}

// Risk first, most severe first, one block per place; hardening one line
// per rule unless --hardening; --compact one line per finding.
TEST(Cli, TextReportLeadsWithRisk) {
  Project p;
  std::string tmpl = kAdminTemplate + PlainFunction("QuietFn");
  p.Write("template.yaml", tmpl);
  Json json;
  ASSERT_TRUE(json.Parse(p.Run({"scan", "--format", "json"}).out));
  size_t total = json.RuleIds().size(), hardening = 0;
  for (simdjson::dom::element f : json.root["findings"].get_array()) {
    hardening += std::string_view(f["tier"]) == "hardening";
  }
  ASSERT_GT(hardening, 2u);

  std::string out = p.Run({"scan"}).out;
  size_t summary = out.find("Summary: ");
  size_t risk = out.find("\nRisk: ");
  size_t block = out.find("\ntemplate.yaml:12:15 AdminFn\n");
  size_t hardening_lines = out.find("\nHardening: " + std::to_string(hardening) + " findings of ");
  ASSERT_NE(summary, std::string::npos) << out;
  ASSERT_NE(risk, std::string::npos) << out;
  ASSERT_NE(block, std::string::npos) << out;
  ASSERT_NE(hardening_lines, std::string::npos) << out;
  EXPECT_LT(summary, risk);
  EXPECT_LT(risk, block);
  EXPECT_LT(block, hardening_lines);
  // One line per hardening rule, naming its resources.
  EXPECT_NE(out.find("FNW-CFG-009 Function without code signing: 2 (AdminFn, QuietFn)\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("QuietFn has no code signing"), std::string::npos) << out;
  // Several risk rules on the IAM statement: one header, one caret line.
  size_t block_end = out.find("\n\n", block + 1);
  std::string first_block = out.substr(block, block_end - block);
  EXPECT_EQ(first_block.find("12 |"), first_block.rfind("12 |")) << first_block;
  EXPECT_NE(first_block.find("  CRITICAL FNW-IAM-001 "), std::string::npos) << first_block;

  std::string full = p.Run({"scan", "--hardening"}).out;
  EXPECT_NE(full.find("QuietFn has no code signing"), std::string::npos) << full;

  CommandResult compact = p.Run({"scan", "--compact"});
  std::vector<std::string_view> lines = util::Split(compact.out, '\n');
  ASSERT_GE(lines.size(), total + 1);
  EXPECT_TRUE(std::string(lines[0]).starts_with("template.yaml:12:15: CRITICAL FNW-IAM-001 "))
      << compact.out;
  for (size_t i = 0; i < total; ++i) {
    EXPECT_NE(lines[i].find(": "), std::string_view::npos) << lines[i];
  }
  EXPECT_TRUE(std::string(lines[total]).starts_with(std::to_string(total) + " findings: "))
      << compact.out;
}

TEST(Cli, SingularAndPluralCounts) {
  Project p;
  p.Write("template.yaml", kAdminTemplate);
  CommandResult one = p.Run({"scan", "--only", "FNW-IAM-001"});
  EXPECT_NE(one.out.find("1 finding: 1 risk (1 critical), 0 hardening; 1 file, 1 project, 1 rule "
                         "in "),
            std::string::npos)
      << one.out;
  EXPECT_NE(one.out.find("Summary: 1 risk finding, 0 hardening findings\n"), std::string::npos)
      << one.out;
}

// Several reports in one run, and a console summary wherever no text
// report goes.
TEST(Cli, SeveralOutputsInOneRun) {
  Project p;
  p.Write("template.yaml", kAdminTemplate);
  CommandResult r = p.Run(
      {"scan", "--output-json", "r.json", "--output-sarif", "r.sarif", "--output-text", "r.txt"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("\nRisk: "), std::string::npos) << r.out;  // the text report
  Json json, sarif;
  ASSERT_TRUE(json.Parse(p.Read("r.json")));
  ASSERT_TRUE(sarif.Parse(p.Read("r.sarif")));
  EXPECT_EQ(std::string_view(sarif.root["version"]), "2.1.0");
  EXPECT_NE(p.Read("r.txt").find("\nRisk: "), std::string::npos);
  EXPECT_NE(r.err.find("fnwarden: wrote the SARIF report to r.sarif\n"), std::string::npos)
      << r.err;

  // JSON on standard output: the summary goes to standard error.
  CommandResult json_out = p.Run({"scan", "--format", "JSON", "--output-sarif", "s.sarif"});
  Json stdout_json;
  ASSERT_TRUE(stdout_json.Parse(json_out.out)) << json_out.out;
  EXPECT_NE(json_out.err.find("Summary: "), std::string::npos) << json_out.err;
  EXPECT_TRUE(p.Exists("s.sarif"));

  EXPECT_EQ(p.Run({"scan", "--output-json", "same", "--output-sarif", "same"}).exit_code, 2);
  CommandResult two = p.Run({"scan", "--format", "json", "--output-sarif", "-"});
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_NE(two.err.find("only one report can go to standard output"), std::string::npos);
}

TEST(Cli, OptionConveniencesAndChecks) {
  Project p;
  p.Write("template.yaml", kAdminTemplate);
  CommandResult typo = p.Run({"scan", "--fial-on", "high"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err,
            "fnwarden scan: error: unknown option '--fial-on'; did you mean '--fail-on'? "
            "('fnwarden help scan' lists them)\n");
  EXPECT_EQ(p.Run({"scan", "--format", "Sarif"}).exit_code, 1);
  Json only;
  ASSERT_TRUE(only.Parse(p.Run({"scan", "--format", "json", "--only", "iam-001,CFG-009"}).out));
  std::vector<std::string> ids = only.RuleIds();
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"FNW-CFG-009", "FNW-IAM-001"}));

  CommandResult jobs = p.Run({"scan", "-j", "100000"});
  EXPECT_EQ(jobs.exit_code, 2);
  EXPECT_EQ(jobs.err,
            "fnwarden scan: error: -j/--jobs expects a number of threads from 1 to 1024, got "
            "'100000'\n");
  EXPECT_EQ(p.Run({"scan", "-j", "0"}).exit_code, 2);
  EXPECT_EQ(p.Run({"scan", "-j", "2"}).exit_code, 1);
  for (const char* bad : {"-5", "ten", "1e3", ""}) {
    CommandResult size = p.Run({"scan", "--max-file-size", bad});
    EXPECT_EQ(size.exit_code, 2) << bad;
    EXPECT_NE(size.err.find("--max-file-size expects a number of bytes"), std::string::npos)
        << bad << ": " << size.err;
  }
  CommandResult help = RunFnwarden({"help", "scan"});
  EXPECT_NE(help.out.find("fnwarden scan [OPTIONS] [PATH...]"), std::string::npos) << help.out;
}

// Control characters from file names, names and values never reach the
// terminal: they are shown escaped.
TEST(Cli, ControlCharactersAreEscaped) {
  Project p;
  std::string tmpl = kAdminTemplate;
  // A logical ID with an escape sequence, written as YAML's \e and \a.
  tmpl.replace(tmpl.find("  AdminFn:"), std::string("  AdminFn:").size(),
               "  \"AdminFn\\e]0;owned\\a\":");
  p.Write("evil\x1b[2J.yaml", tmpl);
  p.Write("broken\xC2\x9B" "1m.yaml",
          "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: [\x1b[31m\n");
  CommandResult r = p.Run({"scan"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\xC2\x9B"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("evil\\x1b[2J.yaml:12:15 AdminFn\\x1b]0;owned\\x07\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("function AdminFn\\x1b]0;owned\\x07 can perform"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("broken\\u009b1m.yaml:"), std::string::npos) << r.out;
  // Also on standard error, where diagnostics go with a JSON report.
  CommandResult json = p.Run({"scan", "--format", "json", "--compact"});
  EXPECT_EQ(json.err.find('\x1b'), std::string::npos) << json.err;
  EXPECT_NE(json.err.find("broken\\u009b1m.yaml:"), std::string::npos) << json.err;
  CommandResult usage = p.Run({"scan", "--format", "t\x1bxt"});
  EXPECT_EQ(usage.err.find('\x1b'), std::string::npos) << usage.err;
}

// A quoted source line that holds a credential is shown with it masked.
TEST(Cli, DiagnosticsMaskSecretsOnQuotedLines) {
  Project p;
  const std::string key = "AKIA" "Q3EGRVQ2NJ7MZW5P";
  p.Write("template.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Fn: {Key: " +
                               key + ", [\n");
  CommandResult r = p.Run({"scan", "--format", "text"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("template.yaml:3:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(key), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Key: ****"), std::string::npos) << r.out;
}

// --output replaces only a regular file: never a FIFO, a socket or a link
// to one, and leaves no temporary file behind.
TEST(Cli, OutputWritesOnlyRegularFiles) {
  Project p;
  p.Write("template.yaml", kAdminTemplate);
  ASSERT_EQ(::mkfifo((p.dir() + "/fifo").c_str(), 0600), 0);
  ASSERT_EQ(::symlink("fifo", (p.dir() + "/link-to-fifo").c_str()), 0);
  int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  std::string sock_path = p.dir() + "/sock";
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock_path.c_str());
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);

  for (const auto& [target, kind] : std::vector<std::pair<std::string, std::string>>{
           {"fifo", "it is a FIFO"},
           {"link-to-fifo", "it is a link to a FIFO"},
           {"sock", "it is a socket"}}) {
    CommandResult r = p.Run({"scan", "--format", "json", "--output", target});
    EXPECT_EQ(r.exit_code, 2) << target;
    EXPECT_EQ(r.err, "fnwarden scan: error: cannot write " + target + ": " + kind +
                         ", not a regular file\n")
        << target;
    EXPECT_EQ(p.Run({"scan", "--output-sarif", target}).exit_code, 2) << target;
  }
  ::close(sock);
  struct stat st;
  ASSERT_EQ(::lstat((p.dir() + "/fifo").c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(p.Files(), (std::vector<std::string>{"fifo", "link-to-fifo", "sock", "template.yaml"}));
  EXPECT_EQ(p.Run({"scan", "--write-baseline", "fifo"}).exit_code, 2);
}

// `fnwarden iam permissions` shows a service allowed whole, or all but a
// few of its actions, as one entry instead of one line per action.
TEST(Cli, IamPermissionsCollapsesWholeServices) {
  Project p;
  std::string tmpl = kAdminTemplate + PlainFunction("S3Fn");
  tmpl += R"(      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:*
              Resource: "*"
            - Effect: Deny
              Action: [s3:DeleteBucket, s3:DeleteObject, s3:PutBucketPolicy]
              Resource: "*"
)";
  p.Write("template.yaml", tmpl);
  const analysis::iam::Catalog& catalog = analysis::iam::Catalog::Get();
  size_t s3 = catalog.Expand("s3:*").size();
  ASSERT_GT(s3, 100u);

  CommandResult admin = p.Run({"iam", "permissions", "AdminFn"});
  ASSERT_EQ(admin.exit_code, 0) << admin.err;
  EXPECT_NE(admin.out.find("\ns3 (Amazon S3): all " + std::to_string(s3) +
                           " actions, by *  template.yaml:12:15\n"),
            std::string::npos)
      << admin.out.substr(0, 2000);
  EXPECT_EQ(admin.out.find("s3:GetObject"), std::string::npos);
  size_t lines = std::count(admin.out.begin(), admin.out.end(), '\n');
  EXPECT_LT(lines, 3 * catalog.service_count()) << "one entry per service";

  CommandResult some = p.Run({"iam", "permissions", "S3Fn"});
  ASSERT_EQ(some.exit_code, 0) << some.err;
  EXPECT_NE(some.out.find("s3 (Amazon S3): all but 3 of " + std::to_string(s3) +
                          " actions (not s3:DeleteBucket, s3:DeleteObject, s3:PutBucketPolicy), "
                          "by *  template.yaml:23:15\n"),
            std::string::npos)
      << some.out;
  CommandResult summary = p.Run({"iam", "permissions", "S3Fn", "--summary"});
  EXPECT_NE(summary.out.find("s3 (Amazon S3): all but 3 of "), std::string::npos) << summary.out;
}

}  // namespace
}  // namespace fnwarden
