// SBOMs checked against the official CycloneDX 1.5 JSON schema by
// @cyclonedx/cyclonedx-library's strict validator (installed by `make setup`
// from package.json), run by tests/cyclonedx/validate.mjs, which also checks
// that every reference names a bom-ref.
#include "report/cyclonedx.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "model/packages.h"
#include "test_util.h"

namespace fnwarden {
namespace {

using model::Advisory;
using model::Ecosystem;
using model::Package;
using model::PackageHash;
using model::PackageSet;
using model::PackageSource;

struct Validation {
  int exit_code = -1;
  std::string output;  // the validator's stdout and stderr
};

// Writes `document` into `dir` and runs the validator on it.
Validation Validate(const testing::ScratchDir& dir, const std::string& document) {
  std::string file = dir.path() + "/bom.json";
  std::string log = dir.path() + "/validate.log";
  std::ofstream(file, std::ios::binary) << document;
  std::string command = "node '" + testing::SourceDir() + "/tests/cyclonedx/validate.mjs' '" +
                        file + "' >'" + log + "' 2>&1";
  int status = std::system(command.c_str());
  Validation v;
  v.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  v.output = testing::ReadFileOrDie(log);
  return v;
}

// Fails the test unless the validator and its packages are installed.
void RequireValidator() {
  std::string library = testing::SourceDir() + "/node_modules/@cyclonedx/cyclonedx-library";
  ASSERT_TRUE(std::filesystem::exists(library + "/package.json"))
      << library << " is missing: run `make setup` (npm ci installs it)";
  for (const char* peer : {"ajv", "ajv-formats", "ajv-formats-draft2019"}) {
    ASSERT_TRUE(std::filesystem::exists(testing::SourceDir() + "/node_modules/" + peer))
        << "node_modules/" << peer << " is missing: run `make setup` (npm ci installs it)";
  }
  ASSERT_EQ(std::system("node --version >/dev/null 2>&1"), 0)
      << "node is missing: run `make setup`";
}

Package Pkg(std::string name, std::string version) {
  Package p;
  p.name = std::move(name);
  p.version = std::move(version);
  return p;
}

Advisory Adv(std::string id, std::vector<std::string> aliases, std::string severity, double score,
             std::string vector, std::string fixed) {
  Advisory a;
  a.id = std::move(id);
  a.aliases = std::move(aliases);
  a.summary = "Summary of " + a.id + " with \"quotes\" and caf\xC3\xA9";
  a.severity = std::move(severity);
  a.cvss_score = score;
  a.cvss_vector = std::move(vector);
  a.fixed = std::move(fixed);
  a.url = "https://osv.dev/vulnerability/" + a.id;
  return a;
}

// npm, PyPI and Go sets with every kind of package, source, hash and
// advisory the model can hold.
struct RichSets {
  PackageSet npm, shared_npm, pypi, requirements, go;

  RichSets() {
    npm.ecosystem = Ecosystem::kNpm;
    npm.path = "api/package-lock.json";
    npm.format = "package-lock.json v3";
    npm.packages = {
        Pkg("express", "4.17.1"),              // 0
        Pkg("@aws-sdk/client-s3", "3.500.0"),  // 1
        Pkg("lodash", "4.17.15"),              // 2
        Pkg("left-pad", "1.3.0"),              // 3 git
        Pkg("tiny", "0.1.0"),                  // 4 url
        Pkg("local-lib", "2.0.0"),             // 5 file
        Pkg("shared", "1.0.0"),                // 6 workspace
        Pkg("fsevents", "2.3.3"),              // 7 optional
        Pkg("jest", "29.7.0"),                 // 8 dev
        Pkg("JSONStream", "1.3.5"),            // 9 capital letters
        Pkg("lodash", "4.17.20"),              // 10 a second copy
        Pkg("string-width", "4.2.3"),          // 11 npm alias
        Pkg("semver", ""),                     // 12 no version
    };
    for (int i : {0, 1, 3, 4, 5, 6, 8, 11}) npm.packages[i].direct = true;
    npm.packages[0].dependencies = {2, 9, 12};
    npm.packages[1].dependencies = {10};
    npm.packages[8].dependencies = {2};
    npm.packages[2].hashes = {
        {"SHA-512",
         "c35d120f324d43412430de5b68d4ca4b78a03dc8152a35ae12a86012da37f8e19079ed0514423"
         "3e5a746c17c56bb41dd9d050cbb12c9b68477c75af6d8657506"},
        {"SHA-1", "3b2c5a4f5b4c3a2b1c0d9e8f7a6b5c4d3e2f1a0b"}};
    npm.packages[3].source = PackageSource::kGit;
    npm.packages[3].source_ref = "git+ssh://git@github.com/stevemao/left-pad.git#5b1a9b1";
    npm.packages[4].source = PackageSource::kUrl;
    npm.packages[4].source_ref = "https://example.com/tiny-0.1.0.tgz";
    npm.packages[5].source = PackageSource::kFile;
    npm.packages[5].source_ref = "../lib";
    npm.packages[6].source = PackageSource::kWorkspace;
    npm.packages[6].source_ref = "packages/shared";
    npm.packages[7].optional = true;
    npm.packages[8].dev = true;
    npm.packages[8].advisories = {Adv("GHSA-dev0-dev0-dev0", {}, "low", -1, "", "")};
    npm.packages[11].installed_as = "string-width-cjs";
    Advisory lodash = Adv("GHSA-35jh-r3h4-6jhm", {"CVE-2021-23337"}, "high", 7.2,
                          "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", "4.17.21");
    npm.packages[2].advisories = {lodash};
    npm.packages[10].advisories = {lodash};
    npm.packages[0].advisories = {Adv("GHSA-rv95-896h-c2vc", {"CVE-2022-24999"}, "medium", 5.3,
                                      "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N", "4.17.3")};

    shared_npm.ecosystem = Ecosystem::kNpm;
    shared_npm.path = "worker/yarn.lock";
    shared_npm.format = "yarn.lock v1";
    shared_npm.packages = {Pkg("lodash", "4.17.15"), Pkg("@aws-sdk/client-s3", "3.500.0")};
    shared_npm.packages[0].hashes = {
        {"SHA-1", "3b2c5a4f5b4c3a2b1c0d9e8f7a6b5c4d3e2f1a0b"},
        {"SHA-256", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}};
    shared_npm.packages[0].advisories = {lodash};

    pypi.ecosystem = Ecosystem::kPyPI;
    pypi.path = "etl/poetry.lock";
    pypi.format = "poetry.lock";
    pypi.packages = {Pkg("PyYAML", "5.3.1"), Pkg("typing_extensions", "4.12.2"),
                     Pkg("Zope.Interface", "6.0"), Pkg("pytest", "8.0.0")};
    pypi.packages[0].direct = true;
    pypi.packages[0].dependencies = {1};
    pypi.packages[2].direct = true;
    pypi.packages[3].dev = true;
    pypi.packages[0].hashes = {
        {"SHA-256", "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"}};
    pypi.packages[0].advisories = {
        Adv("PYSEC-2021-142", {"CVE-2020-14343", "GHSA-8q59-q68h-6hv4"}, "critical", -1, "", "5.4"),
        Adv("OSV-2020-0001", {}, "", -1, "", "")};

    requirements.ecosystem = Ecosystem::kPyPI;
    requirements.path = "etl/requirements.txt";
    requirements.format = "requirements.txt";
    requirements.locked = false;
    requirements.packages = {Pkg("requests", ""), Pkg("pyyaml", "5.3.1")};
    requirements.packages[0].direct = true;
    requirements.packages[0].requirement = ">=2,<3";
    requirements.packages[1].direct = true;

    go.ecosystem = Ecosystem::kGo;
    go.path = "ingest/go.mod";
    go.format = "go.mod";
    go.packages = {Pkg("github.com/aws/aws-lambda-go", "v1.41.0"),
                   Pkg("github.com/Azure/azure-sdk-for-go", "v68.0.0+incompatible"),
                   Pkg("golang.org/x/net", "v0.0.0-20210226172049-e18ecbb05110")};
    go.packages[0].direct = true;
    go.packages[1].direct = true;
    go.packages[2].advisories = {Adv("GO-2022-1144", {"CVE-2022-41717", "GHSA-xrjj-mj9h-534m"},
                                     "medium", 5.3,
                                     "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/"
                                     "VA:L/SC:N/SI:N/SA:N",
                                     "0.4.0")};
  }
};

report::SbomInput RichInput(const RichSets& s) {
  report::SbomInput in;
  in.tool_version = "0.1.0";
  in.timestamp = "2024-05-01T12:00:00Z";
  in.name = "my app/caf\xC3\xA9";
  in.functions = {
      {"template.yaml", "ApiFunction", "prod-api", "nodejs20.x", {&s.npm}, {"express", "lodash"}},
      {"template.yaml", "AdminFunction", "", "nodejs20.x", {&s.npm}, {"string-width-cjs"}},
      {"serverless.yml", "worker", "svc-dev-worker", "nodejs18.x", {&s.shared_npm}, {}},
      {"serverless.yml", "etl", "", "python3.12", {&s.pypi, &s.requirements}, {"yaml", "PyYAML"}},
      {"infra/", "aws_lambda_function.ingest", "ingest", "provided.al2023", {&s.go}, {}},
      {"infra/", "aws_lambda_function.empty", "", "", {}, {}},
  };
  return in;
}

TEST(CycloneDx, RichSbomPassesTheSchema) {
  ASSERT_NO_FATAL_FAILURE(RequireValidator());
  RichSets sets;
  std::string document = report::RenderCycloneDx(RichInput(sets));
  testing::ScratchDir dir;
  Validation v = Validate(dir, document);
  EXPECT_EQ(v.exit_code, 0) << v.output << "\n" << document;
  // The document holds what the test means to validate.
  for (const char* part : {"\"vulnerabilities\"", "\"hashes\"", "\"externalReferences\"",
                           "\"group\": \"@aws-sdk\"", "%2Bincompatible", "\"CVSSv31\"",
                           "\"CVSSv3\"", "\"CVSSv4\"", "\"method\": \"other\"", "\"optional\""}) {
    EXPECT_NE(document.find(part), std::string::npos) << part;
  }
}

TEST(CycloneDx, MinimalSbomPassesTheSchema) {
  ASSERT_NO_FATAL_FAILURE(RequireValidator());
  report::SbomInput in;
  in.functions.push_back({"template.yaml", "Fn", "", "", {}, {}});
  std::string document = report::RenderCycloneDx(in);
  testing::ScratchDir dir;
  Validation v = Validate(dir, document);
  EXPECT_EQ(v.exit_code, 0) << v.output << "\n" << document;
}

// The validator is no rubber stamp: it rejects a schema violation and a
// dangling reference.
TEST(CycloneDx, ValidatorRejectsBrokenDocuments) {
  ASSERT_NO_FATAL_FAILURE(RequireValidator());
  report::SbomInput in;
  in.functions.push_back({"template.yaml", "Fn", "", "", {}, {}});
  std::string document = report::RenderCycloneDx(in);
  testing::ScratchDir dir;

  std::string bad_schema = document;
  bad_schema.replace(bad_schema.find("\"specVersion\""), 0, "\"surprise\": 1,\n  ");
  Validation v = Validate(dir, bad_schema);
  EXPECT_EQ(v.exit_code, 1) << v.output;
  EXPECT_NE(v.output.find("surprise"), std::string::npos) << v.output;

  std::string dangling = document;
  size_t at = dangling.find("\"ref\": \"function:");
  ASSERT_NE(at, std::string::npos) << document;
  dangling.replace(at, 17, "\"ref\": \"nothing:");
  v = Validate(dir, dangling);
  EXPECT_EQ(v.exit_code, 1) << v.output;
  EXPECT_NE(v.output.find("names no bom-ref"), std::string::npos) << v.output;
}

// `fnwarden sbom` end to end: the example application's functions, the
// packages their lockfiles list and the advisories that affect them, valid
// CycloneDX 1.5.
TEST(CycloneDx, SbomCommandOnTheExampleApplicationPassesTheSchema) {
  RequireValidator();
  testing::CommandResult r =
      testing::RunFnwarden({"sbom", "--osv-db", testing::SourceDir() + "/tests/data/osv",
                            "--scan-date", "2026-12-01",
                            testing::SourceDir() + "/examples/insecure-orders"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"purl\": \"pkg:pypi/pyyaml@5.3.1\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"id\": \"GHSA-8q59-q68h-6hv4\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"timestamp\": \"2026-12-01T00:00:00Z\""), std::string::npos);
  testing::ScratchDir dir;
  Validation v = Validate(dir, r.out);
  EXPECT_EQ(v.exit_code, 0) << v.output;
}

}  // namespace
}  // namespace fnwarden
