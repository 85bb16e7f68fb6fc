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
//   SARIF2012 helpUri (the rule help is embedded in help.text/markdown)
const std::set<std::string> kToleratedNotes = {"SARIF2002", "SARIF2003", "SARIF2006", "SARIF2009",
                                               "SARIF2010", "SARIF2011", "SARIF2012"};

TEST(Sarif, RealScanPassesTheSarifMultitool) {
  std::string tool = testing::SourceDir() +
                     "/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
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

  std::string out = dir + "/validation.sarif";
  std::string command = "'" + tool + "' validate --rule-kind 'Sarif;Gh' --level 'Error;Warning;Note' '" +
                        dir + "/fnwarden.sarif' -o '" + out + "' >'" + dir + "/validate.log' 2>&1";
  int rc = std::system(command.c_str());
  std::string log = testing::ReadFileOrDie(dir + "/validate.log");
  ASSERT_TRUE(std::filesystem::exists(out)) << "the Multitool wrote no output (exit " << rc
                                            << "):\n" << log;

  simdjson::dom::parser vparser;
  simdjson::dom::element validation;
  ASSERT_EQ(vparser.parse(simdjson::padded_string(testing::ReadFileOrDie(out))).get(validation),
            simdjson::SUCCESS);
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
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems) << "\n" << sarif;
  EXPECT_GT(results, 0u) << "the Multitool reported nothing at all; is --level honoured?";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fnwarden
