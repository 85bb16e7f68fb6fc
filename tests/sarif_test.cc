// A real scan's SARIF checked by the official SARIF Multitool (installed by
// `make setup` from package.json), with the SARIF and GitHub rule sets.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "report/report.h"
#include "rules/rule.h"
#include "test_util.h"

namespace fnwarden {
namespace {

constexpr const char* kTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: "caf\u00e9 \u2014 a template with findings in several rules"
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

// Notes the Multitool emits for choices fnwarden makes on purpose:
//   SARIF2002 message ids/arguments instead of text (each message is specific)
//   SARIF2003 versionControlProvenance (fnwarden does not read git)
//   SARIF2006 the $schema URI is not fetched here (no network)
//   SARIF2009 rule IDs are FNW-AREA-NNN, not "CS2001"
//   SARIF2010/2011 code snippets and context regions (not embedded)
const std::set<std::string> kToleratedNotes = {"SARIF2002", "SARIF2003", "SARIF2006", "SARIF2009",
                                               "SARIF2010", "SARIF2011"};

std::string MultitoolPath() {
  return testing::SourceDir() + "/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
}

// Runs the Multitool on `sarif_path`; the problems it reports (rule and
// level, with its message id) beyond the tolerated notes, or one entry
// saying why it could not run.
std::map<std::string, int> MultitoolProblems(const std::string& dir,
                                             const std::string& sarif_path) {
  std::string out = dir + "/validation.sarif";
  std::filesystem::remove(out);
  std::string command = "'" + MultitoolPath() +
                        "' validate --rule-kind 'Sarif;Gh' --level 'Error;Warning;Note' '" +
                        sarif_path + "' -o '" + out + "' >'" + dir + "/validate.log' 2>&1";
  int rc = std::system(command.c_str());
  if (!std::filesystem::exists(out)) {
    return {{"the Multitool wrote no output (exit " + std::to_string(rc) + "):\n" +
                 testing::ReadFileOrDie(dir + "/validate.log"),
             1}};
  }
  simdjson::dom::parser vparser;
  simdjson::dom::element validation;
  if (vparser.parse(simdjson::padded_string(testing::ReadFileOrDie(out))).get(validation)) {
    return {{"the Multitool's output does not parse", 1}};
  }
  std::map<std::string, int> problems;
  size_t results = 0;
  for (simdjson::dom::element r : validation["runs"].at(0)["results"].get_array()) {
    ++results;
    std::string_view level = "warning";  // SARIF's default level
    if (r["level"].get(level) != simdjson::SUCCESS) level = "warning";
    std::string rule{std::string_view(r["ruleId"])};
    if (level == "note" && kToleratedNotes.count(rule)) continue;
    std::string_view text;
    std::string detail = rule + " (" + std::string(level) + ")";
    if (r["message"]["id"].get(text) == simdjson::SUCCESS) detail += " " + std::string(text);
    ++problems[detail];
  }
  if (results == 0) problems["the Multitool reported nothing at all; is --level honoured?"] = 1;
  return problems;
}

TEST(Sarif, RealScanPassesTheSarifMultitool) {
  std::string tool = MultitoolPath();
  ASSERT_TRUE(std::filesystem::exists(tool))
      << tool << " is missing: run `make setup` (npm ci installs it)";

  char name[] = "/tmp/fnwarden-sarif-test-XXXXXX";
  std::string dir = ::mkdtemp(name);
  std::ofstream(dir + "/template.yaml") << kTemplate;
  std::string old = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  testing::CommandResult scan =
      testing::RunFnwarden({"scan", "--format", "sarif", "--output", "fnwarden.sarif", "."});
  std::filesystem::current_path(old);
  ASSERT_EQ(scan.exit_code, 1) << scan.err;

  std::string sarif = testing::ReadFileOrDie(dir + "/fnwarden.sarif");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(simdjson::padded_string(sarif)).get(doc), simdjson::SUCCESS);
  simdjson::dom::element run = doc["runs"].at(0);
  std::set<std::string_view> rule_ids;
  for (simdjson::dom::element r : run["results"].get_array()) {
    rule_ids.insert(std::string_view(r["ruleId"]));
    simdjson::dom::element loc = r["locations"].at(0)["physicalLocation"];
    EXPECT_EQ(std::string_view(loc["artifactLocation"]["uri"]), "template.yaml");
    EXPECT_EQ(std::string_view(loc["artifactLocation"]["uriBaseId"]), "%SRCROOT%");
  }
  EXPECT_GE(rule_ids.size(), 3u) << "the test template should yield findings in several rules";
  EXPECT_TRUE(rule_ids.count("FNW-IAM-001"));
  EXPECT_EQ(std::string_view(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]),
            "file://" + dir + "/");

  std::map<std::string, int> problems = MultitoolProblems(dir, dir + "/fnwarden.sarif");
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems) << "\n" << sarif;
  std::filesystem::remove_all(dir);
}


// Suppressed findings, an unreadable input, hardening levels, rule names and
// help pages; the result still passes the Multitool.
TEST(Sarif, SuppressionsPartialRunsNamesAndHelp) {
  char name[] = "/tmp/fnwarden-sarif-test-XXXXXX";
  std::string dir = ::mkdtemp(name);
  std::string tmpl = kTemplate;
  tmpl.replace(tmpl.find("            - Effect: Allow"), 0,
               "            # fnwarden:ignore FNW-IAM-001 sandbox account, no data\n");
  std::ofstream(dir + "/template.yaml") << tmpl;
  std::ofstream(dir + "/.fnwarden.yml") << "ignore:\n  - id: FNW-CFG-009\n"
                                           "    reason: signing is done by the pipeline\n";
  std::ofstream(dir + "/broken.yaml") << "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: [\n";
  std::string old = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  testing::CommandResult scan =
      testing::RunFnwarden({"scan", "--format", "sarif", "--output", "fnwarden.sarif", "."});
  std::filesystem::current_path(old);
  ASSERT_EQ(scan.exit_code, 3) << scan.err;

  std::string sarif = testing::ReadFileOrDie(dir + "/fnwarden.sarif");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(simdjson::padded_string(sarif)).get(doc), simdjson::SUCCESS);
  simdjson::dom::element run = doc["runs"].at(0);
  simdjson::dom::element invocation = run["invocations"].at(0);
  EXPECT_FALSE(bool(invocation["executionSuccessful"]));
  bool error_notified = false;
  for (simdjson::dom::element n : invocation["toolExecutionNotifications"].get_array()) {
    error_notified |= std::string_view(n["level"]) == "error";
  }
  EXPECT_TRUE(error_notified) << sarif;

  std::map<std::string, const rules::Rule*> by_id;
  for (const rules::Rule& r : rules::AllRules()) by_id[std::string(r.info.id)] = &r;
  std::map<std::string, std::string> levels;  // ruleId -> default level
  for (simdjson::dom::element r : run["tool"]["driver"]["rules"].get_array()) {
    std::string id{std::string_view(r["id"])};
    ASSERT_TRUE(by_id.count(id)) << id;
    EXPECT_EQ(std::string_view(r["helpUri"]),
              std::string(report::kInformationUri) + "/blob/main/docs/rules/" + id + ".md");
    levels[id] = std::string(std::string_view(r["defaultConfiguration"]["level"]));
  }
  for (simdjson::dom::element r : run["tool"]["driver"]["rules"].get_array()) {
    if (std::string_view(r["id"]) == "FNW-IAM-001") {
      EXPECT_EQ(std::string_view(r["name"]), "FullAdmin");
    }
  }

  std::map<std::string, std::pair<std::string, std::string>> suppressions;  // id -> kind, why
  size_t hardening = 0;
  for (simdjson::dom::element r : run["results"].get_array()) {
    std::string id{std::string_view(r["ruleId"])};
    if (by_id.at(id)->info.tier == model::Tier::kHardening) {
      ++hardening;
      EXPECT_EQ(std::string_view(r["level"]), "note") << id;
      EXPECT_EQ(levels[id], "note") << id;
    }
    simdjson::dom::array list;
    if (r["suppressions"].get(list) != simdjson::SUCCESS) continue;
    ASSERT_EQ(list.size(), 1u);
    suppressions[id] = {std::string(std::string_view(list.at(0)["kind"])),
                        std::string(std::string_view(list.at(0)["justification"]))};
  }
  EXPECT_GT(hardening, 0u);
  EXPECT_EQ(suppressions,
            (std::map<std::string, std::pair<std::string, std::string>>{
                {"FNW-IAM-001", {"inSource", "sandbox account, no data"}},
                {"FNW-CFG-009", {"external", "signing is done by the pipeline"}}}));

  std::map<std::string, int> problems = MultitoolProblems(dir, dir + "/fnwarden.sarif");
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems) << "\n" << sarif;
  std::filesystem::remove_all(dir);
}

// The pages helpUri points at are committed and made from each rule's
// rule.md; after a change, `fnwarden rules --write-docs docs/rules`.
TEST(Sarif, RulePagesAreCurrent) {
  std::string docs = testing::SourceDir() + "/docs/rules";
  std::set<std::string> expected = {"README.md"};
  std::vector<const model::RuleInfo*> infos;
  for (const rules::Rule& r : rules::AllRules()) infos.push_back(&r.info);
  const std::string regenerate = " is out of date: run `fnwarden rules --write-docs docs/rules`";
  for (const model::RuleInfo* info : infos) {
    std::string file = std::string(info->id) + ".md";
    expected.insert(file);
    ASSERT_TRUE(std::filesystem::exists(docs + "/" + file)) << "docs/rules/" << file << regenerate;
    EXPECT_EQ(testing::ReadFileOrDie(docs + "/" + file), report::RenderRulePage(*info))
        << "docs/rules/" << file << regenerate;
  }
  EXPECT_EQ(testing::ReadFileOrDie(docs + "/README.md"), report::RenderRuleIndex(infos))
      << "docs/rules/README.md" << regenerate;
  std::set<std::string> present;
  for (const auto& e : std::filesystem::directory_iterator(docs)) {
    present.insert(e.path().filename().string());
  }
  EXPECT_EQ(present, expected) << "docs/rules holds pages of no rule";
}

}  // namespace
}  // namespace fnwarden
