// The fnwarden binary end to end: commands, exit codes, output formats,
// suppressions and baselines.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "rules/rule.h"
#include "test_util.h"

namespace fnwarden {
namespace {

using testing::CommandResult;
using testing::RunFnwarden;

constexpr const char* kAdminTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  AdminFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: "*"
              Resource: "*"
)";

// A scratch folder that the binary runs in, so paths are short and relative.
class Project {
 public:
  Project() {
    char name[] = "/tmp/fnwarden-cli-test-XXXXXX";
    dir_ = ::mkdtemp(name);
  }
  ~Project() { std::filesystem::remove_all(dir_); }

  void Write(const std::string& rel, const std::string& text) const {
    std::filesystem::path p = std::filesystem::path(dir_) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string Read(const std::string& rel) const { return testing::ReadFileOrDie(dir_ + "/" + rel); }
  bool Exists(const std::string& rel) const { return std::filesystem::exists(dir_ + "/" + rel); }
  std::vector<std::string> Files() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
      out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // Runs fnwarden with this folder as the current directory.
  CommandResult Run(const std::vector<std::string>& args) const {
    std::string old = std::filesystem::current_path();
    std::filesystem::current_path(dir_);
    CommandResult r = RunFnwarden(args);
    std::filesystem::current_path(old);
    return r;
  }

 private:
  std::string dir_;
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

TEST(Cli, ExitCodes) {
  Project p;
  p.Write("template.yaml", kAdminTemplate);
  CommandResult findings = p.Run({"scan"});
  EXPECT_EQ(findings.exit_code, 1) << findings.err;
  EXPECT_NE(findings.out.find("CRITICAL FNW-IAM-001"), std::string::npos) << findings.out;
  EXPECT_NE(findings.out.find("  template.yaml:12:15 (AdminFn)\n"), std::string::npos);
  EXPECT_EQ(findings.out.find('\x1b'), std::string::npos);  // NO_COLOR and not a terminal

  // Only a rule that stays quiet: clean.
  CommandResult clean = p.Run({"scan", "--only", "FNW-CFG-003", "."});
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  EXPECT_NE(clean.out.find("No findings"), std::string::npos);
  // Findings below --fail-on do not fail.
  EXPECT_EQ(p.Run({"scan", "--only", "FNW-CFG-009", "--fail-on", "medium"}).exit_code, 0);
  EXPECT_EQ(p.Run({"scan", "--only", "FNW-CFG-009", "--fail-on", "low"}).exit_code, 1);
  EXPECT_EQ(p.Run({"scan", "--fail-on", "none"}).exit_code, 0);

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
  CommandResult missing = p.Run({"scan", "no-such-dir"});
  EXPECT_EQ(missing.exit_code, 3);
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
  EXPECT_EQ(to_file.out, "");
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
  EXPECT_EQ(p.Run({"scan", "--fail-on", "low", "app"}).exit_code, 1);  // the flag wins
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
  tmpl += "  SecondFn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
          "      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n";
  p.Write("template.yaml", tmpl);
  Json mixed;
  CommandResult third = p.Run({"scan", "--format", "json", "--baseline", "report.json"});
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
  CommandResult text = p.Run({"scan"});
  EXPECT_EQ(text.exit_code, 1) << text.out << text.err;
  EXPECT_TRUE(text.out.starts_with(warning + "\n")) << text.out;
  // Once, although the policy is on two roles.
  EXPECT_EQ(text.out.find(warning, 1), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("FNW-IAM-014"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("warning: unknown action"), std::string::npos) << text.out;

  CommandResult json = p.Run({"scan", "--format", "json"});
  EXPECT_EQ(json.exit_code, 1) << json.err;
  EXPECT_NE(json.err.find(warning + "\n"), std::string::npos) << json.err;
  Json parsed;
  ASSERT_TRUE(parsed.Parse(json.out)) << json.out;
  simdjson::dom::array diags = parsed.root["diagnostics"];
  ASSERT_EQ(diags.size(), 1u) << json.out;
  EXPECT_EQ(std::string_view(diags.at(0)["level"]), "warning");
  EXPECT_EQ(p.Run({"scan", "--fail-on", "none"}).exit_code, 0);
}

}  // namespace
}  // namespace fnwarden
