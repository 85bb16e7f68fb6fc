// The dependency check from the command line: the vulnerability database
// given, missing or unusable, and `fnwarden db status`.
#include <gtest/gtest.h>

#include <string>

#include "scan_output.h"
#include "test_util.h"

namespace fnwarden {
namespace {

using testing::CommandResult;
using testing::RunFnwarden;
using testing::SourceDir;

TEST(DepsCli, VulnerablePackagesAreReportedWithTheirAdvisoriesImportedOnesFirst) {
  CommandResult r = RunFnwarden({"scan", "--osv-db", SourceDir() + "/tests/data/osv", "--only",
                                 "DEP", "--compact", "--scan-date", "2026-12-01",
                                 SourceDir() + "/examples/insecure-orders"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // PyYAML is imported (critical, from its CVSS 9.8); Jinja2 is not (its
  // medium advisories rank one level lower).
  size_t yaml = r.out.find("CRITICAL FNW-DEP-001 function OrdersApi");
  size_t jinja = r.out.find("LOW FNW-DEP-001 function OrdersApi");
  ASSERT_NE(yaml, std::string::npos) << r.out;
  ASSERT_NE(jinja, std::string::npos) << r.out;
  EXPECT_LT(yaml, jinja);
  EXPECT_NE(r.out.find("PyYAML 5.3.1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("GHSA-8q59-q68h-6hv4, CVE-2020-14343"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("PYSEC-2021-142"), std::string::npos) << "one finding per CVE:\n" << r.out;
  EXPECT_NE(r.out.find("its handler code imports it"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no handler code imports it"), std::string::npos) << r.out;
}

TEST(DepsCli, WithoutADatabaseTheScanSaysSoAndChecksTheRest) {
  CommandResult r = RunFnwarden({"scan", "--only", "DEP", "--format", "json",
                                 SourceDir() + "/examples/insecure-orders"});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // the hardening findings do not fail the run
  EXPECT_NE(r.err.find("no vulnerability database at /nonexistent/fnwarden-test-cache/osv"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("FNW-DEP-001"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FNW-DEP-002"), std::string::npos) << r.out;
}

TEST(DepsCli, AnOsvDbThatDoesNotExistIsAUsageError) {
  CommandResult r = RunFnwarden({"scan", "--osv-db", "/nonexistent/osv",
                                 SourceDir() + "/examples/insecure-orders"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--osv-db /nonexistent/osv: no such file or folder"), std::string::npos)
      << r.err;
}

TEST(DepsCli, DbStatusSaysTheDatabaseIsMissing) {
  testing::ScratchDir dir;
  CommandResult r = RunFnwarden({"db", "status", "--dir", dir.path() + "/osv"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("status: missing; run `fnwarden db update`"), std::string::npos) << r.out;
}

TEST(DepsCli, DbUpdateRefusesPlainHttpToAnotherHost) {
  testing::ScratchDir dir;
  CommandResult r = RunFnwarden(
      {"db", "update", "--dir", dir.path() + "/osv", "--base-url", "http://example.com/osv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("plain http"), std::string::npos) << r.err;
}

TEST(DepsCli, SbomRunsNoRuleAndSaysWhatItFound) {
  CommandResult r = RunFnwarden({"sbom", "--osv-db", SourceDir() + "/tests/data/osv",
                                 SourceDir() + "/examples/insecure-orders"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("fnwarden: 3 functions with 4 versioned packages, 2 vulnerable"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("Summary:"), std::string::npos) << r.err;
}

TEST(DepsCli, DbWithoutASubcommandSaysWhichOnesExist) {
  CommandResult r = RunFnwarden({"db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected a subcommand: update or status"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace fnwarden
