// The bundled example applications, scanned through the real binary:
// examples/hardened-orders must be clean, examples/insecure-orders must trip
// every rule area, with exactly the findings listed in
// tests/golden/insecure-orders.txt.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "scan_output.h"
#include "simdjson.h"
#include "test_util.h"
#include "model/finding.h"
#include "rules/rule.h"

namespace fnwarden::testing {
namespace {

// The examples are judged on a fixed date, so that the golden lists do not
// change when a runtime reaches its end of life.
constexpr const char* kScanDate = "2026-12-01";

std::string Describe(const std::vector<JsonFinding>& findings) {
  std::string out;
  for (const JsonFinding& f : findings) {
    out +=
        "  " + f.rule_id + " " + f.resource + " (" + f.file + ":" + std::to_string(f.line) + ")\n";
  }
  return out;
}

// "RULE RESOURCE" per finding, sorted (a pair may appear more than once).
std::vector<std::string> Pairs(const std::vector<JsonFinding>& findings) {
  std::vector<std::string> out;
  for (const JsonFinding& f : findings) out.push_back(f.rule_id + " " + f.resource);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> ReadGolden(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

TEST(Examples, HardenedOrdersHasNoFinding) {
  CommandResult r = RunFnwarden({"scan", SourceDir() + "/examples/hardened-orders", "--format",
                                 "json", "--scan-date", kScanDate, "--osv-db", SourceDir() + "/tests/data/osv"});
  ScanOutput out = ParseScanOutput(r.out);
  ASSERT_TRUE(out.ok) << "not a JSON report:\n" << r.out << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(out.findings.empty()) << "unexpected findings:\n" << Describe(out.findings);
  for (const JsonDiagnostic& d : out.diagnostics) {
    ADD_FAILURE() << "diagnostic: " << d.file << ":" << d.line << ":" << d.column << ": " << d.level
                  << ": " << d.message;
  }
}

TEST(Examples, InsecureOrdersTripsEveryAreaAndMatchesTheGoldenList) {
  CommandResult r = RunFnwarden({"scan", SourceDir() + "/examples/insecure-orders", "--format",
                                 "json", "--scan-date", kScanDate, "--osv-db", SourceDir() + "/tests/data/osv"});
  ScanOutput out = ParseScanOutput(r.out);
  ASSERT_TRUE(out.ok) << "not a JSON report:\n" << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(out.diagnostics.empty()) << r.out;

  std::set<std::string> areas;
  for (const JsonFinding& f : out.findings) {
    // FNW-<AREA>-<NNN>; areas have two or three letters ("IR", "CFG").
    size_t first = f.rule_id.find('-');
    size_t second = f.rule_id.find('-', first + 1);
    if (second != std::string::npos) areas.insert(f.rule_id.substr(first + 1, second - first - 1));
  }
  for (const char* area : {"CFG", "ENC", "API", "ISO", "LOG", "IR", "IAM", "CODE", "DEP"}) {
    EXPECT_TRUE(areas.count(area)) << "no finding in area " << area << "; findings:\n"
                                   << Describe(out.findings);
  }

  // Every rule on the handler code and its dependencies has a case in the
  // application.
  std::set<std::string> fired;
  for (const JsonFinding& f : out.findings) fired.insert(f.rule_id);
  for (const rules::Rule& rule : rules::AllRules()) {
    if (rule.info.practice != model::Practice::kCodeSecurity &&
        rule.info.practice != model::Practice::kDependencies) {
      continue;
    }
    EXPECT_TRUE(fired.count(std::string(rule.info.id))) << "no case of " << rule.info.id;
  }

  std::string golden_path = SourceDir() + "/tests/golden/insecure-orders.txt";
  std::vector<std::string> actual = Pairs(out.findings);
  std::vector<std::string> expected = ReadGolden(golden_path);
  if (actual != expected) {
    std::ostringstream listing;
    for (const std::string& line : actual) listing << line << "\n";
    ADD_FAILURE() << "findings differ from " << golden_path
                  << "; if the change is intended, replace its content with:\n"
                  << listing.str();
  }
}

// The same application as a Serverless Framework service: read through the
// Serverless frontend, with the findings its problems call for, and nothing
// from the value it cannot know (${ssm:...}).
// A flow finding says which function, reached from where, reads what on
// which line and passes it to which call on which line; SARIF and JSON
// carry the steps.
TEST(Examples, InsecureOrdersNamesTheRouteSourceAndSinkOfAFlow) {
  CommandResult r = RunFnwarden({"scan", SourceDir() + "/examples/insecure-orders", "--format",
                                 "json", "--scan-date", kScanDate, "--osv-db", SourceDir() + "/tests/data/osv"});
  ScanOutput out = ParseScanOutput(r.out);
  ASSERT_TRUE(out.ok) << r.out << r.err;
  const JsonFinding* ssrf = nullptr;
  for (const JsonFinding& f : out.findings) {
    if (f.rule_id == "FNW-CODE-007") ssrf = &f;
  }
  ASSERT_NE(ssrf, nullptr);
  EXPECT_EQ(ssrf->resource, "PaymentWebhookFunction");
  EXPECT_TRUE(std::string_view(ssrf->file).ends_with("examples/insecure-orders/src/webhook/index.mjs"))
      << ssrf->file;
  EXPECT_EQ(ssrf->line, 18u);
  EXPECT_EQ(ssrf->severity, "critical");  // a function URL with AuthType NONE
  EXPECT_NE(ssrf->message.find("its function URL → PaymentWebhookFunction: the request body's "
                               "`callbackUrl` reaches fetch() at "),
            std::string::npos)
      << ssrf->message;
  EXPECT_NE(ssrf->message.find("examples/insecure-orders/src/webhook/index.mjs:18 "), std::string::npos);
  ASSERT_EQ(ssrf->flow.size(), 2u);
  EXPECT_EQ(ssrf->flow[0].line, 9u);
  EXPECT_EQ(ssrf->flow[0].step, "reads event.body.callbackUrl");
  EXPECT_EQ(ssrf->flow[1].line, 18u);
  EXPECT_EQ(ssrf->flow[1].step, "reaches fetch()");

  CommandResult sarif = RunFnwarden({"scan", SourceDir() + "/examples/insecure-orders", "--format",
                                     "sarif", "--scan-date", kScanDate, "--osv-db", SourceDir() + "/tests/data/osv"});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(sarif.out).get(doc));
  size_t flows = 0;
  for (simdjson::dom::element result : doc["runs"].at(0)["results"].get_array()) {
    std::string_view rule;
    if (result["ruleId"].get_string().get(rule) || rule != "FNW-CODE-007") continue;
    simdjson::dom::array steps =
        result["codeFlows"].at(0)["threadFlows"].at(0)["locations"].get_array();
    ASSERT_EQ(steps.size(), 2u);
    uint64_t line = 0;
    ASSERT_FALSE(steps.at(1)["location"]["physicalLocation"]["region"]["startLine"].get_uint64().get(line));
    EXPECT_EQ(line, 18u);
    ++flows;
  }
  EXPECT_EQ(flows, 1u);
}

TEST(Examples, ServerlessOrdersMatchesTheGoldenList) {
  CommandResult r = RunFnwarden({"scan", SourceDir() + "/examples/serverless-orders", "--format",
                                 "json", "--scan-date", kScanDate, "--osv-db", SourceDir() + "/tests/data/osv"});
  ScanOutput out = ParseScanOutput(r.out);
  ASSERT_TRUE(out.ok) << "not a JSON report:\n" << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(out.diagnostics.empty()) << r.out;
  std::set<std::string> rules;
  for (const JsonFinding& f : out.findings) rules.insert(f.rule_id);
  for (const char* id : {"FNW-API-001", "FNW-CFG-002", "FNW-CFG-003", "FNW-CFG-006",
                         "FNW-IAM-002", "FNW-ISO-001"}) {
    EXPECT_TRUE(rules.count(id)) << id << " missing; findings:\n" << Describe(out.findings);
  }
  std::string golden_path = SourceDir() + "/tests/golden/serverless-orders.txt";
  std::vector<std::string> actual = Pairs(out.findings);
  if (actual != ReadGolden(golden_path)) {
    std::ostringstream listing;
    for (const std::string& line : actual) listing << line << "\n";
    ADD_FAILURE() << "findings differ from " << golden_path
                  << "; if the change is intended, replace its content with:\n"
                  << listing.str();
  }
}

// The same application as a Terraform root module with a local module: read
// through the Terraform frontend, with the findings its problems call for,
// and nothing from the value it cannot know (an SSM data source).
TEST(Examples, TerraformOrdersMatchesTheGoldenList) {
  CommandResult r = RunFnwarden({"scan", SourceDir() + "/examples/terraform-orders", "--format",
                                 "json", "--scan-date", kScanDate, "--osv-db", SourceDir() + "/tests/data/osv"});
  ScanOutput out = ParseScanOutput(r.out);
  ASSERT_TRUE(out.ok) << "not a JSON report:\n" << r.out << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(out.diagnostics.empty()) << r.out;
  std::set<std::string> rules;
  for (const JsonFinding& f : out.findings) rules.insert(f.rule_id);
  // The value from the SSM data source is unknown: nothing about it.
  EXPECT_EQ(r.out.find("PAYMENT_API_KEY"), std::string::npos);
  for (const char* id :
       {"FNW-API-001", "FNW-CFG-002", "FNW-CFG-003", "FNW-CFG-006", "FNW-IAM-002", "FNW-ISO-001"}) {
    EXPECT_TRUE(rules.count(id)) << id << " missing; findings:\n" << Describe(out.findings);
  }
  std::string golden_path = SourceDir() + "/tests/golden/terraform-orders.txt";
  std::vector<std::string> actual = Pairs(out.findings);
  if (actual != ReadGolden(golden_path)) {
    std::ostringstream listing;
    for (const std::string& line : actual) listing << line << "\n";
    ADD_FAILURE() << "findings differ from " << golden_path
                  << "; if the change is intended, replace its content with:\n"
                  << listing.str();
  }
}

// Scanned by its absolute path from the repository's folder, a Terraform
// root module is shown by the same relative path as its files.
TEST(Examples, TerraformProjectIsShownLikeItsFiles) {
  CommandResult r = RunFnwardenIn(SourceDir(), {"scan", SourceDir() + "/examples/terraform-orders",
                                                "--format", "json", "--osv-db", "tests/data/osv"});
  ScanOutput out = ParseScanOutput(r.out);
  ASSERT_TRUE(out.ok) << "not a JSON report:\n" << r.out << r.err;
  ASSERT_FALSE(out.findings.empty());
  EXPECT_NE(r.out.find("\"project\": \"examples/terraform-orders\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"project\": \"/"), std::string::npos);
  EXPECT_NE(r.out.find("\"file\": \"examples/terraform-orders/main.tf\""), std::string::npos);
}

struct FixOf {
  std::string rule_id;
  std::string resource;
  std::string fix;
};

std::vector<FixOf> Fixes(const std::string& json) {
  std::vector<FixOf> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array findings;
  if (parser.parse(json).get(doc) || doc["findings"].get_array().get(findings)) return out;
  for (simdjson::dom::element f : findings) {
    FixOf x;
    std::string_view v;
    if (!f["rule_id"].get_string().get(v)) x.rule_id = std::string(v);
    if (!f["resource"].get_string().get(v)) x.resource = std::string(v);
    if (!f["fix"].get_string().get(v)) x.fix = std::string(v);
    out.push_back(std::move(x));
  }
  return out;
}

// Words of a fix that read as a logical ID the user should edit
// ("OrdersApiFunction", "MyTable"): CamelCase words ending in a resource
// noun, not part of a type or a property path ("AWS::Logs::LogGroup",
// "Globals.Api").
std::vector<std::string> LogicalIdsIn(const std::string& fix) {
  static const char* kNouns[] = {"Function", "Api",   "Table", "Queue",  "Topic", "Bucket",
                                 "LogGroup", "Alarm", "Pool",  "Client", "Stage", "Key"};
  std::vector<std::string> out;
  size_t i = 0;
  while (i < fix.size()) {
    if (!std::isalnum(static_cast<unsigned char>(fix[i]))) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < fix.size() && (std::isalnum(static_cast<unsigned char>(fix[i])) || fix[i] == '_')) {
      ++i;
    }
    std::string word = fix.substr(start, i - start);
    char before = start > 0 ? fix[start - 1] : ' ';
    if (before == '.' || before == ':' || !std::isupper(static_cast<unsigned char>(word[0]))) {
      continue;
    }
    for (const char* noun : kNouns) {
      std::string_view n(noun);
      if (word.size() > n.size() && std::string_view(word).ends_with(n)) out.push_back(word);
    }
  }
  return out;
}

bool OwnedByThisSuite(const std::string& rule_id) {
  // Rules about stores, logs, SAM and configuration; reachability and IAM
  // rules have their own tests.
  for (const char* area : {"FNW-API-", "FNW-CFG-", "FNW-ENC-", "FNW-LOG-", "FNW-IR-"}) {
    if (rule_id.starts_with(area)) return true;
  }
  return false;
}

// A fix can be applied as written: it names what the template declares, and
// a setting of the implicit API that SAM creates from function events goes
// into Globals.Api, since the template has no ServerlessRestApi to put it on.
TEST(Examples, InsecureOrdersFixesNameWhatTheTemplateDeclares) {
  std::string dir = SourceDir() + "/examples/insecure-orders";
  CommandResult r = RunFnwarden({"scan", dir, "--format", "json", "--scan-date", kScanDate, "--osv-db", SourceDir() + "/tests/data/osv"});
  std::vector<FixOf> fixes = Fixes(r.out);
  ASSERT_FALSE(fixes.empty()) << r.out << r.err;
  std::string template_text = ReadFileOrDie(dir + "/template.yaml");
  int implicit_api_fixes = 0;
  for (const FixOf& f : fixes) {
    if (!OwnedByThisSuite(f.rule_id)) continue;
    if (f.resource.starts_with("ServerlessRestApi") && f.rule_id != "FNW-API-001" &&
        f.rule_id != "FNW-API-004") {
      ++implicit_api_fixes;
      EXPECT_NE(f.fix.find("Globals.Api"), std::string::npos)
          << f.rule_id << " on " << f.resource << ": " << f.fix;
    }
    for (const std::string& id : LogicalIdsIn(f.fix)) {
      // The implicit API and its stage are named as SAM generates them:
      // ServerlessRestApi explains where Globals.Api applies, and
      // ServerlessRestApiProdStage is what a WAF association must depend on.
      if (id.starts_with("ServerlessRestApi")) continue;
      if (id == "DeadLetterQueue") continue;    // a function property, not a resource
      EXPECT_NE(template_text.find(id), std::string::npos)
          << f.rule_id << " on " << f.resource << " names " << id
          << ", which the template does not declare: " << f.fix;
    }
  }
  EXPECT_GT(implicit_api_fixes, 0);
}

}  // namespace
}  // namespace fnwarden::testing
