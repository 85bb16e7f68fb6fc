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
    iam_.name = "FullAdmin";
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
    iso_.id = "FNW-ISO-002";
    iso_.name = "CanModifyFunctions";
    iso_.title = "Function can modify other functions";
    iso_.severity = model::Severity::kHigh;
    iso_.tier = model::Tier::kRisk;
    iso_.practice = model::Practice::kIsolation;

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
  model::RuleInfo iam_, log_, iso_;
  ScanReport r_;
};

TEST_F(ReportTest, CountsBySeverityAndTier) {
  EXPECT_EQ(r_.summary.findings, 2u);
  EXPECT_EQ(r_.summary.suppressed, 1u);
  EXPECT_EQ(r_.summary.by_severity[static_cast<size_t>(model::Severity::kCritical)], 1u);
  EXPECT_EQ(r_.summary.by_severity[static_cast<size_t>(model::Severity::kLow)], 1u);
  EXPECT_EQ(r_.summary.risk_by_severity[static_cast<size_t>(model::Severity::kCritical)], 1u);
  EXPECT_EQ(r_.summary.risk_by_severity[static_cast<size_t>(model::Severity::kLow)], 0u);
  EXPECT_EQ(r_.summary.hardening_by_severity[static_cast<size_t>(model::Severity::kLow)], 1u);
  EXPECT_EQ(r_.summary.rules, 2u);
}

TEST_F(ReportTest, TextLeadsWithRiskThenHardening) {
  std::string text = RenderText(r_, TextOptions{});
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text,
            "app dir/template.yaml:4:7: error: bad value\n"
            "        Name: \"caf\xC3\xA9\"  # \\xff\n"
            "        ^\n"
            "x.yaml: warning: odd file\n"
            "\n"
            "Summary: 1 risk finding, 1 hardening finding\n"
            "               critical   high  medium    low   info\n"
            "  risk                1      -       -      -      -\n"
            "  hardening           -      -       -      1      -\n"
            "  by practice: Least privilege 1, Monitoring and logging 1\n"
            "  most severe: Fn (1 critical)\n"
            "\n"
            "Risk: 1 finding, most severe first\n"
            "\n"
            "app dir/template.yaml:4:13 Fn\n"
            "    4 |       Name: \"caf\xC3\xA9\"  # \\xff\n"
            "      |             ^\n"
            "  CRITICAL FNW-IAM-001 Function role allows every action on every resource\n"
            "    function Fn can do anything\n"
            "    fix: Narrow it.\n"
            "\n"
            "Hardening: 1 finding of 1 rule (--hardening shows each)\n"
            "  LOW      FNW-LOG-002 Log group without retention: 1 (Fn)\n"
            "\n"
            "2 findings: 1 risk (1 critical), 1 hardening (1 low), 1 suppressed; 3 files, "
            "2 projects, 2 rules in 0.00s\n");
  TextOptions hardening;
  hardening.hardening = true;
  std::string full = RenderText(r_, hardening);
  EXPECT_NE(full.find("Hardening: 1 finding\n\n"
                      "app dir/template.yaml:2:3 Fn\n"
                      "    2 |   Fn:\n"
                      "      |   ^\n"
                      "  LOW FNW-LOG-002 Log group without retention\n"
                      "    no retention \"quoted\"\n"
                      "    fix: see `fnwarden explain FNW-LOG-002`\n\n"),
            std::string::npos)
      << full;
}

// Findings at one place about one resource share one header and caret;
// the most severe block comes first whatever its file position.
TEST_F(ReportTest, OneStatementOneBlock) {
  r_.findings.push_back(Make(&iso_, 4, 13, "Fn", "function Fn can update every function", ""));
  r_.findings.push_back(Make(&iso_, 1, 1, "Other", "function Other can update Fn", ""));
  CountFindings(&r_);
  std::string text = RenderText(r_, TextOptions{});
  EXPECT_NE(text.find("app dir/template.yaml:4:13 Fn\n"
                      "    4 |       Name: \"caf\xC3\xA9\"  # \\xff\n"
                      "      |             ^\n"
                      "  CRITICAL FNW-IAM-001 Function role allows every action on every resource\n"
                      "    function Fn can do anything\n"
                      "    fix: Narrow it.\n"
                      "  HIGH FNW-ISO-002 Function can modify other functions\n"
                      "    function Fn can update every function\n"
                      "    fix: see `fnwarden explain FNW-ISO-002`\n"
                      "\n"
                      "app dir/template.yaml:1:1 Other\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  most severe: Fn (1 critical, 1 high); Other (1 high)\n"),
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
  EXPECT_EQ(text.find("Summary"), std::string::npos);
  ScanReport empty;
  EXPECT_EQ(RenderText(empty, TextOptions{}), "No findings; 0 files, 0 projects, 0 rules in 0.00s\n");

  TextOptions compact;
  compact.compact = true;
  EXPECT_EQ(RenderText(r_, compact),
            "app dir/template.yaml:4:7: error: bad value\n"
            "x.yaml: warning: odd file\n"
            "app dir/template.yaml:4:13: CRITICAL FNW-IAM-001 function Fn can do anything\n"
            "app dir/template.yaml:2:3: LOW FNW-LOG-002 no retention \"quoted\"\\x0a\n"
            "2 findings: 1 risk (1 critical), 1 hardening (1 low), 1 suppressed; 3 files, "
            "2 projects, 2 rules in 0.00s\n");
}

TEST_F(ReportTest, TextEscapesWrapsAndMasks) {
  r_.findings[1].message = "function Fn\x1b[2J can " + std::string(30, 'x') + " " +
                           std::string(30, 'y') + " " + std::string(30, 'z') + " end";
  r_.findings[1].resource = "Fn\x07";
  TextOptions options;
  options.secrets = [](std::string_view line) {
    size_t at = line.find("caf");
    return at == std::string_view::npos ? util::ByteRanges{} : util::ByteRanges{{at, at + 5}};
  };
  std::string text = RenderText(r_, options);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
  EXPECT_NE(text.find("app dir/template.yaml:4:13 Fn\\x07\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    function Fn\\x1b[2J can " + std::string(30, 'x') + " " +
                      std::string(30, 'y') + "\n    " + std::string(30, 'z') + " end\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    4 |       Name: \"****\"  # \\xff\n"), std::string::npos) << text;
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
  EXPECT_EQ(std::string_view(first["tier"]), "hardening");
  EXPECT_EQ(std::string_view(findings.at(1)["tier"]), "risk");
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
  EXPECT_EQ(int64_t(doc["summary"]["by_tier"]["risk"]["critical"]), 1);
  EXPECT_EQ(int64_t(doc["summary"]["by_tier"]["risk"]["low"]), 0);
  EXPECT_EQ(int64_t(doc["summary"]["by_tier"]["hardening"]["low"]), 1);
  EXPECT_EQ(int64_t(doc["summary"]["suppressed"]), 1);
  EXPECT_EQ(int64_t(doc["summary"]["errors"]), 1);
  EXPECT_EQ(int64_t(doc["summary"]["files"]), 3);
}

// A large report is rendered side by side in pieces: joined, the JSON and
// SARIF documents hold every result once, in order, and the suppressed
// one after them.
TEST_F(ReportTest, ManyResultsComeInPiecesAndInOrder) {
  r_.findings.clear();
  for (uint32_t i = 0; i < 300; ++i) {
    r_.findings.push_back(Make(i % 2 == 0 ? &log_ : &iam_, i + 1, 1, "Fn" + std::to_string(i),
                               "finding " + std::to_string(i), ""));
  }
  model::Finding no_rule = Make(&log_, 500, 1, "NoRule", "not a result", "");
  no_rule.rule = nullptr;  // not a SARIF result: there is no rule to index
  r_.findings.insert(r_.findings.begin() + 150, no_rule);
  std::vector<std::string> json_pieces = RenderJsonPieces(r_);
  std::vector<std::string> sarif_pieces = RenderSarifPieces(r_);
  EXPECT_GT(json_pieces.size(), 64u);
  EXPECT_GT(sarif_pieces.size(), 64u);
  std::string json, sarif;
  for (const std::string& p : json_pieces) json += p;
  for (const std::string& p : sarif_pieces) sarif += p;
  EXPECT_EQ(json, RenderJson(r_));
  EXPECT_EQ(sarif, RenderSarif(r_));

  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(simdjson::padded_string(json)).get(doc), simdjson::SUCCESS) << json;
  simdjson::dom::array findings = doc["findings"];
  ASSERT_EQ(findings.size(), 301u);
  EXPECT_EQ(std::string_view(findings.at(0)["message"]), "finding 0");
  EXPECT_EQ(std::string_view(findings.at(150)["resource"]), "NoRule");
  EXPECT_EQ(std::string_view(findings.at(300)["message"]), "finding 299");

  simdjson::dom::parser sarif_parser;
  simdjson::dom::element run;
  ASSERT_EQ(sarif_parser.parse(simdjson::padded_string(sarif)).get(doc), simdjson::SUCCESS)
      << sarif;
  run = doc["runs"].at(0);
  simdjson::dom::array results = run["results"];
  ASSERT_EQ(results.size(), 301u);  // 300 findings with a rule and the suppressed one
  for (size_t i = 0; i < 300; ++i) {
    EXPECT_EQ(std::string_view(results.at(i)["message"]["text"]), "finding " + std::to_string(i));
  }
  EXPECT_EQ(std::string_view(results.at(300)["message"]["text"]), "suppressed one");
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
  EXPECT_EQ(std::string_view(rule["name"]), "FullAdmin");
  EXPECT_EQ(std::string_view(rule["helpUri"]),
            "https://github.com/fnwarden/fnwarden/blob/main/docs/rules/FNW-IAM-001.md");
  EXPECT_EQ(std::string_view(rule["properties"]["security-severity"]), "9.5");
  EXPECT_EQ(std::string_view(rule["defaultConfiguration"]["level"]), "error");
  // FNW-LOG-002 is a hardening rule: a note, never a security alert with a
  // severity on GitHub.
  simdjson::dom::element hardening = run["tool"]["driver"]["rules"].at(1);
  EXPECT_EQ(std::string_view(hardening["id"]), "FNW-LOG-002");
  EXPECT_EQ(std::string_view(hardening["defaultConfiguration"]["level"]), "note");
  EXPECT_EQ(hardening["properties"]["security-severity"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(std::string_view(hardening["properties"]["tags"].at(2)), "hardening");
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
  // The error diagnostic: some input was not read.
  EXPECT_FALSE(bool(run["invocations"].at(0)["executionSuccessful"]));
  // Hardening findings are notes, whatever their severity.
  EXPECT_EQ(std::string_view(run["results"].at(0)["level"]), "note");
  EXPECT_EQ(std::string_view(run["tool"]["driver"]["rules"].at(1)["defaultConfiguration"]["level"]),
            "note");
  // The suppressed finding is a result with its suppression.
  ASSERT_EQ(run["results"].get_array().size(), 3u);
  simdjson::dom::element suppressed = run["results"].at(2);
  EXPECT_EQ(std::string_view(suppressed["ruleId"]), "FNW-LOG-002");
  simdjson::dom::element s = suppressed["suppressions"].at(0);
  EXPECT_EQ(std::string_view(s["kind"]), "external");
  EXPECT_EQ(std::string_view(s["justification"]), "accepted");
  r_.diagnostics.erase(r_.diagnostics.begin());
  simdjson::dom::parser clean_parser;
  simdjson::dom::element clean = clean_parser.parse(simdjson::padded_string(RenderSarif(r_)));
  EXPECT_TRUE(bool(clean["runs"].at(0)["invocations"].at(0)["executionSuccessful"]));
}

TEST_F(ReportTest, SarifSuppressionKinds) {
  r_.suppressed[0].kind = rules::SuppressionKind::kInline;
  r_.suppressed[0].loc = util::Loc{&file_, 1, 1};
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(simdjson::padded_string(RenderSarif(r_)));
  simdjson::dom::element s = doc["runs"].at(0)["results"].at(2)["suppressions"].at(0);
  EXPECT_EQ(std::string_view(s["kind"]), "inSource");
  EXPECT_EQ(int64_t(s["location"]["physicalLocation"]["region"]["startLine"]), 1);
}

TEST_F(ReportTest, RulePages) {
  std::string page = RenderRulePage(iam_);
  EXPECT_NE(page.find("# FNW-IAM-001: Function role allows every action on every resource\n"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("| critical | risk | Least privilege |\n"), std::string::npos) << page;
  EXPECT_NE(page.find("## Why\n\nWhy it matters.\n\n## Fix\n\nHow to fix.\n"),
            std::string::npos)
      << page;
  std::string index = RenderRuleIndex({&iam_, &log_});
  EXPECT_NE(index.find("| [FNW-LOG-002](FNW-LOG-002.md) | Log group without retention | low | "
                       "hardening | Monitoring and logging |\n"),
            std::string::npos)
      << index;
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
