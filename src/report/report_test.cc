#include "report/report.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

namespace fnwarden::report {
namespace {

class ReportTest : public ::testing::Test {
 protected:
  ReportTest()
      : file_("app dir/template.yaml",
              "Resources:\n"
              "  Fn:\n"
              "    Properties:\n"
              "      Name: \"caf\xC3\xA9\"  # \xFF\n") {
    iam_.id = "FNW-IAM-001";
    iam_.title = "Function role allows every action on every resource";
    iam_.severity = model::Severity::kCritical;
    iam_.tier = model::Tier::kRisk;
    iam_.practice = model::Practice::kLeastPrivilege;
    iam_.explanation = "Why it matters.";
    iam_.fix = "How to fix.";
    log_.id = "FNW-LOG-002";
    log_.title = "Log group without retention";
    log_.severity = model::Severity::kLow;
    log_.tier = model::Tier::kHardening;
    log_.practice = model::Practice::kMonitoring;
    log_.explanation = "Logs kept forever.";
    log_.fix = "Set RetentionInDays.";

    r_.tool_version = "9.9.9";
    r_.rules = {&iam_, &log_};
    // The log finding comes first in engine order but its practice is later.
    r_.findings.push_back(Make(&log_, 2, 3, "Fn", "no retention \"quoted\"\n", ""));
    r_.findings.push_back(Make(&iam_, 4, 13, "Fn", "function Fn can do anything", "Narrow it."));
    rules::Suppressed s;
    s.finding = Make(&log_, 3, 5, "Other", "suppressed one", "");
    s.kind = rules::SuppressionKind::kConfig;
    s.reason = "accepted";
    r_.suppressed.push_back(s);
    r_.diagnostics.push_back(
        {util::DiagLevel::kError, util::Loc{&file_, 4, 7}, file_.path(), "bad value"});
    r_.diagnostics.push_back({util::DiagLevel::kWarning, util::Loc{}, "x.yaml", "odd file"});
    CountFindings(&r_);
    r_.summary.files = 3;
    r_.summary.projects = 2;
    r_.source_root = "/src/my repo/";
  }

  model::Finding Make(const model::RuleInfo* rule, uint32_t line, uint32_t col, std::string res,
                      std::string message, std::string fix) {
    model::Finding f;
    f.rule = rule;
    f.severity = rule->severity;
    f.project = file_.path();
    f.resource = std::move(res);
    f.loc = util::Loc{&file_, line, col};
    f.attribute = "Properties.Name";
    f.message = std::move(message);
    f.fix = std::move(fix);
    f.fingerprint = model::Fingerprint(rule->id, f.loc.path(), f.resource, f.attribute);
    return f;
  }

  util::SourceFile file_;
  model::RuleInfo iam_, log_;
  ScanReport r_;
};

TEST_F(ReportTest, CountsBySeverity) {
  EXPECT_EQ(r_.summary.findings, 2u);
  EXPECT_EQ(r_.summary.suppressed, 1u);
  EXPECT_EQ(r_.summary.by_severity[static_cast<size_t>(model::Severity::kCritical)], 1u);
  EXPECT_EQ(r_.summary.by_severity[static_cast<size_t>(model::Severity::kLow)], 1u);
  EXPECT_EQ(r_.summary.rules, 2u);
}

TEST_F(ReportTest, TextGroupsByPracticeWithCaretsAndNoColourByDefault) {
  std::string text = RenderText(r_, TextOptions{});
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  size_t diag = text.find("app dir/template.yaml:4:7: error: bad value");
  size_t least = text.find("Least privilege\n===============");
  size_t monitoring = text.find("Monitoring and logging\n");
  ASSERT_NE(diag, std::string::npos);
  ASSERT_NE(least, std::string::npos);
  ASSERT_NE(monitoring, std::string::npos);
  EXPECT_LT(diag, least);
  EXPECT_LT(least, monitoring);
  EXPECT_NE(text.find("CRITICAL FNW-IAM-001 Function role allows every action on every resource\n"
                      "  app dir/template.yaml:4:13 (Fn)\n"
                      "  function Fn can do anything\n"
                      "    4 |       Name: \"caf\xC3\xA9\"  # \xFF\n"
                      "      |             ^\n"
                      "  fix: Narrow it.\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  fix: see `fnwarden explain FNW-LOG-002`\n"), std::string::npos);
  EXPECT_NE(text.find("2 findings (1 critical, 0 high, 0 medium, 1 low, 0 info), 1 suppressed; "
                      "3 files, 2 projects, 2 rules in 0.00s\n"),
            std::string::npos)
      << text;
}

TEST_F(ReportTest, TextOptions) {
  TextOptions colour;
  colour.color = true;
  EXPECT_NE(RenderText(r_, colour).find("\x1b[1;31mCRITICAL\x1b[0m"), std::string::npos);
  TextOptions quiet;
  quiet.show_summary = false;
  quiet.show_warnings = false;
  std::string text = RenderText(r_, quiet);
  EXPECT_EQ(text.find("odd file"), std::string::npos);
  EXPECT_EQ(text.find("2 findings"), std::string::npos);
  ScanReport empty;
  EXPECT_EQ(RenderText(empty, TextOptions{}), "No findings; 0 files, 0 projects, 0 rules in 0.00s\n");
}

TEST_F(ReportTest, JsonFollowsTheSchema) {
  std::string json = RenderJson(r_);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(simdjson::padded_string(json)).get(doc), simdjson::SUCCESS) << json;
  EXPECT_EQ(int64_t(doc["schema_version"]), 1);
  EXPECT_EQ(std::string_view(doc["tool"]["version"]), "9.9.9");
  simdjson::dom::array findings = doc["findings"];
  ASSERT_EQ(findings.size(), 2u);
  simdjson::dom::element first = findings.at(0);
  EXPECT_EQ(std::string_view(first["rule_id"]), "FNW-LOG-002");
  EXPECT_EQ(std::string_view(first["severity"]), "low");
  EXPECT_EQ(std::string_view(first["practice"]), "monitoring-and-logging");
  EXPECT_EQ(std::string_view(first["file"]), "app dir/template.yaml");
  EXPECT_EQ(int64_t(first["line"]), 2);
  EXPECT_EQ(int64_t(first["column"]), 3);
  EXPECT_EQ(std::string_view(first["message"]), "no retention \"quoted\"\n");
  EXPECT_EQ(std::string_view(first["fix"]), "Set RetentionInDays.");  // the rule's generic fix
  EXPECT_EQ(std::string_view(first["fingerprint"]), r_.findings[0].fingerprint);
  simdjson::dom::element suppressed = doc["suppressed"].at(0);
  EXPECT_EQ(std::string_view(suppressed["resource"]), "Other");
  EXPECT_EQ(std::string_view(suppressed["suppression"]["kind"]), "config");
  EXPECT_EQ(std::string_view(suppressed["suppression"]["reason"]), "accepted");
  simdjson::dom::element diag = doc["diagnostics"].at(1);
  EXPECT_EQ(std::string_view(diag["level"]), "warning");
  EXPECT_EQ(int64_t(diag["line"]), 0);
  EXPECT_EQ(int64_t(doc["summary"]["by_severity"]["critical"]), 1);
  EXPECT_EQ(int64_t(doc["summary"]["suppressed"]), 1);
  EXPECT_EQ(int64_t(doc["summary"]["errors"]), 1);
  EXPECT_EQ(int64_t(doc["summary"]["files"]), 3);
}

TEST_F(ReportTest, SarifResultsPointIntoTheSourceRoot) {
  std::string sarif = RenderSarif(r_);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(simdjson::padded_string(sarif)).get(doc), simdjson::SUCCESS) << sarif;
  EXPECT_EQ(std::string_view(doc["version"]), "2.1.0");
  simdjson::dom::element run = doc["runs"].at(0);
  simdjson::dom::element rule = run["tool"]["driver"]["rules"].at(0);
  EXPECT_EQ(std::string_view(rule["id"]), "FNW-IAM-001");
  EXPECT_EQ(std::string_view(rule["name"]), "FunctionRoleAllowsEveryActionOnEveryResource");
  EXPECT_EQ(std::string_view(rule["properties"]["security-severity"]), "9.5");
  EXPECT_EQ(std::string_view(rule["defaultConfiguration"]["level"]), "error");
  EXPECT_EQ(std::string_view(run["tool"]["driver"]["rules"].at(1)["properties"]["security-severity"]),
            "3.0");
  EXPECT_EQ(std::string_view(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]),
            "file:///src/my%20repo/");
  simdjson::dom::element result = run["results"].at(1);
  EXPECT_EQ(std::string_view(result["ruleId"]), "FNW-IAM-001");
  EXPECT_EQ(int64_t(result["ruleIndex"]), 0);
  EXPECT_EQ(std::string_view(result["level"]), "error");
  simdjson::dom::element loc = result["locations"].at(0)["physicalLocation"];
  EXPECT_EQ(std::string_view(loc["artifactLocation"]["uri"]), "app%20dir/template.yaml");
  EXPECT_EQ(std::string_view(loc["artifactLocation"]["uriBaseId"]), "%SRCROOT%");
  EXPECT_EQ(int64_t(loc["region"]["startLine"]), 4);
  EXPECT_EQ(int64_t(loc["region"]["startColumn"]), 13);
  EXPECT_EQ(std::string_view(result["partialFingerprints"]["fnwarden/v1"]),
            r_.findings[1].fingerprint);
  EXPECT_EQ(int64_t(run["results"].at(0)["ruleIndex"]), 1);
  EXPECT_EQ(run["invocations"].at(0)["toolExecutionNotifications"].get_array().size(), 2u);
}

TEST_F(ReportTest, SarifColumnsCountUtf16Units) {
  // Line 4 is `      Name: "caf\xC3\xA9"...`: the closing quote is byte 19, but
  // the two-byte é is one UTF-16 unit, so SARIF's column is 18.
  r_.findings[1].loc.col = 19;
  std::string sarif = RenderSarif(r_);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(simdjson::padded_string(sarif));
  EXPECT_EQ(int64_t(doc["runs"].at(0)["results"].at(1)["locations"].at(0)["physicalLocation"]
                        ["region"]["startColumn"]),
            18);
}

TEST_F(ReportTest, CatalogAndExplain) {
  std::vector<const model::RuleInfo*> rules = {&iam_, &log_};
  std::string text = RenderCatalogText(rules, false);
  EXPECT_NE(text.find("FNW-IAM-001  critical  risk       Least privilege         Function role allows"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("FNW-LOG-002  low       hardening  Monitoring"), std::string::npos) << text;
  EXPECT_NE(text.find("2 rules"), std::string::npos);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(simdjson::padded_string(RenderCatalogJson(rules, "1")));
  EXPECT_EQ(std::string_view(doc["rules"].at(1)["id"]), "FNW-LOG-002");
  EXPECT_EQ(std::string_view(doc["rules"].at(1)["tier"]), "hardening");
  std::string explain = RenderExplain(iam_, false);
  EXPECT_EQ(explain,
            "FNW-IAM-001: Function role allows every action on every resource\n"
            "severity: critical\ntier: risk\npractice: Least privilege\n\nWhy\n\nWhy it matters.\n\n"
            "Fix\n\nHow to fix.\n");
}

}  // namespace
}  // namespace fnwarden::report
