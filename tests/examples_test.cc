// The bundled example applications, scanned through the real binary:
// examples/hardened-orders must be clean, examples/insecure-orders must trip
// every rule area, with exactly the findings listed in
// tests/golden/insecure-orders.txt.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "scan_output.h"
#include "test_util.h"

namespace fnwarden::testing {
namespace {

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
  CommandResult r =
      RunFnwarden({"scan", SourceDir() + "/examples/hardened-orders", "--format", "json"});
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
  CommandResult r =
      RunFnwarden({"scan", SourceDir() + "/examples/insecure-orders", "--format", "json"});
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
  for (const char* area : {"CFG", "ENC", "API", "ISO", "LOG", "IR", "IAM"}) {
    EXPECT_TRUE(areas.count(area)) << "no finding in area " << area << "; findings:\n"
                                   << Describe(out.findings);
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

}  // namespace
}  // namespace fnwarden::testing
