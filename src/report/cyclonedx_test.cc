#include "report/cyclonedx.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fnwarden::report {
namespace {

using model::Ecosystem;
using model::Package;
using model::PackageSet;
using model::PackageSource;

Package Pkg(std::string name, std::string version) {
  Package p;
  p.name = std::move(name);
  p.version = std::move(version);
  return p;
}

struct PurlCase {
  const char* what;
  Ecosystem ecosystem;
  Package package;
  const char* purl;
};

TEST(PackageUrl, EncodesEachEcosystem) {
  Package git = Pkg("left-pad", "1.3.0");
  git.source = PackageSource::kGit;
  git.source_ref = "git+https://github.com/x/left-pad.git#abc123";
  Package url = Pkg("tiny", "0.1.0");
  url.source = PackageSource::kUrl;
  url.source_ref = "https://example.com/tiny-0.1.0.tgz";
  Package file = Pkg("local-lib", "2.0.0");
  file.source = PackageSource::kFile;
  file.source_ref = "../lib";
  const PurlCase kCases[] = {
      {"plain npm", Ecosystem::kNpm, Pkg("lodash", "4.17.21"), "pkg:npm/lodash@4.17.21"},
      {"scoped npm", Ecosystem::kNpm, Pkg("@aws-sdk/client-s3", "3.1.0"),
       "pkg:npm/%40aws-sdk/client-s3@3.1.0"},
      {"npm keeps letter case", Ecosystem::kNpm, Pkg("JSONStream", "1.3.5"),
       "pkg:npm/JSONStream@1.3.5"},
      {"npm pre-release and build", Ecosystem::kNpm, Pkg("x", "1.0.0-rc.1+build.5"),
       "pkg:npm/x@1.0.0-rc.1%2Bbuild.5"},
      {"npm lone @ is no scope", Ecosystem::kNpm, Pkg("@odd", "1.0.0"), "pkg:npm/%40odd@1.0.0"},
      {"npm unversioned", Ecosystem::kNpm, Pkg("express", ""), "pkg:npm/express"},
      {"PyPI lowercase", Ecosystem::kPyPI, Pkg("PyYAML", "5.3.1"), "pkg:pypi/pyyaml@5.3.1"},
      {"PyPI underscore", Ecosystem::kPyPI, Pkg("typing_extensions", "4.12.2"),
       "pkg:pypi/typing-extensions@4.12.2"},
      {"PyPI runs of separators", Ecosystem::kPyPI, Pkg("Zope.__Interface", "6.0"),
       "pkg:pypi/zope-interface@6.0"},
      {"PyPI local version", Ecosystem::kPyPI, Pkg("torch", "2.3.0+cpu"),
       "pkg:pypi/torch@2.3.0%2Bcpu"},
      {"Go keeps capitals", Ecosystem::kGo, Pkg("github.com/Azure/azure-sdk-for-go", "v1.2.3"),
       "pkg:golang/github.com/Azure/azure-sdk-for-go@v1.2.3"},
      {"Go +incompatible", Ecosystem::kGo, Pkg("github.com/docker/docker", "v20.10.7+incompatible"),
       "pkg:golang/github.com/docker/docker@v20.10.7%2Bincompatible"},
      {"Go pseudo-version", Ecosystem::kGo,
       Pkg("golang.org/x/net", "v0.0.0-20210226172049-e18ecbb05110"),
       "pkg:golang/golang.org/x/net@v0.0.0-20210226172049-e18ecbb05110"},
      {"Go stray slashes", Ecosystem::kGo, Pkg("/example.com//m/", "v1.0.0"),
       "pkg:golang/example.com/m@v1.0.0"},
      {"special characters", Ecosystem::kNpm, Pkg("a b#c?d", "1.0@x"),
       "pkg:npm/a%20b%23c%3Fd@1.0%40x"},
      {"non-ASCII as UTF-8", Ecosystem::kPyPI, Pkg("caf\xC3\xA9", "1"), "pkg:pypi/caf%C3%A9@1"},
      {"git source", Ecosystem::kNpm, git,
       "pkg:npm/left-pad@1.3.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fx%2Fleft-pad.git%23abc123"},
      {"URL source", Ecosystem::kNpm, url,
       "pkg:npm/tiny@0.1.0?download_url=https:%2F%2Fexample.com%2Ftiny-0.1.0.tgz"},
      {"file source has no qualifier", Ecosystem::kNpm, file, "pkg:npm/local-lib@2.0.0"},
  };
  for (const PurlCase& c : kCases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(PackageUrl(c.ecosystem, c.package), c.purl);
  }
}

// Parses a rendered document, failing the test when it is not JSON.
class CycloneDxTest : public ::testing::Test {
 protected:
  simdjson::dom::element Parse(const std::string& text) {
    simdjson::dom::element doc;
    EXPECT_EQ(parser_.parse(simdjson::padded_string(text)).get(doc), simdjson::SUCCESS) << text;
    return doc;
  }

  static std::string Str(simdjson::dom::element e) { return std::string(std::string_view(e)); }

  // bom-ref of every component, in document order.
  static std::vector<std::string> ComponentRefs(simdjson::dom::element doc) {
    std::vector<std::string> refs;
    for (simdjson::dom::element c : doc["components"].get_array())
      refs.push_back(Str(c["bom-ref"]));
    return refs;
  }

  static simdjson::dom::element Component(simdjson::dom::element doc, std::string_view ref) {
    for (simdjson::dom::element c : doc["components"].get_array()) {
      if (std::string_view(c["bom-ref"]) == ref) return c;
    }
    ADD_FAILURE() << "no component " << ref;
    return doc;
  }

  // name=value of each property, in order.
  static std::vector<std::string> Properties(simdjson::dom::element c) {
    std::vector<std::string> out;
    simdjson::dom::array props;
    if (c["properties"].get(props) != simdjson::SUCCESS) return out;
    for (simdjson::dom::element p : props) out.push_back(Str(p["name"]) + "=" + Str(p["value"]));
    return out;
  }

  // ref -> dependsOn, for every entry of `dependencies`.
  static std::map<std::string, std::vector<std::string>> Dependencies(simdjson::dom::element doc) {
    std::map<std::string, std::vector<std::string>> out;
    for (simdjson::dom::element d : doc["dependencies"].get_array()) {
      std::vector<std::string>& on = out[Str(d["ref"])];
      for (simdjson::dom::element r : d["dependsOn"].get_array()) on.push_back(Str(r));
    }
    return out;
  }

  simdjson::dom::parser parser_;
};

TEST_F(CycloneDxTest, FunctionWithoutPackages) {
  SbomInput in;
  in.tool_version = "0.1.0";
  in.name = "app";
  in.functions.push_back({"template.yaml", "Fn", "", "", {}, {}});
  std::string text = RenderCycloneDx(in);
  simdjson::dom::element doc = Parse(text);
  EXPECT_EQ(Str(doc["bomFormat"]), "CycloneDX");
  EXPECT_EQ(Str(doc["specVersion"]), "1.5");
  EXPECT_EQ(int64_t(doc["version"]), 1);
  EXPECT_EQ(Str(doc["metadata"]["tools"]["components"].at(0)["name"]), "fnwarden");
  EXPECT_EQ(Str(doc["metadata"]["tools"]["components"].at(0)["version"]), "0.1.0");
  EXPECT_EQ(Str(doc["metadata"]["component"]["name"]), "app");
  EXPECT_EQ(Str(doc["metadata"]["component"]["bom-ref"]), "application");
  EXPECT_TRUE(doc["metadata"]["timestamp"].error()) << "no timestamp unless given";
  EXPECT_EQ(ComponentRefs(doc), std::vector<std::string>{"function:template.yaml#Fn"});
  simdjson::dom::element fn = Component(doc, "function:template.yaml#Fn");
  EXPECT_EQ(Str(fn["type"]), "application");
  EXPECT_EQ(Str(fn["name"]), "Fn");
  EXPECT_EQ(Properties(fn),
            (std::vector<std::string>{"fnwarden:logical-id=Fn", "fnwarden:project=template.yaml"}));
  EXPECT_EQ(Dependencies(doc), (std::map<std::string, std::vector<std::string>>{
                                   {"application", {"function:template.yaml#Fn"}},
                                   {"function:template.yaml#Fn", {}}}));
  EXPECT_TRUE(doc["vulnerabilities"].error());
  // Two-space indentation, no trailing spaces, one final newline.
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find(" \n"), std::string::npos);
}

TEST_F(CycloneDxTest, SharedPackagesAppearOnceWithMergedOrigins) {
  PackageSet lock;
  lock.ecosystem = Ecosystem::kNpm;
  lock.path = "api/package-lock.json";
  lock.packages = {Pkg("express", "4.19.2"), Pkg("@types/node", "20.1.0"),
                   Pkg("body-parser", "1.20.2"), Pkg("jest", "29.0.0"), Pkg("fsevents", "2.3.3")};
  lock.packages[0].direct = true;
  lock.packages[0].dependencies = {2, 3};  // jest is dev: the edge goes
  lock.packages[1].direct = true;
  lock.packages[1].installed_as = "node-types";
  lock.packages[2].dependencies = {2, 99};  // itself, and out of range: both dropped
  lock.packages[2].hashes = {
      {"SHA-512", std::string(128, 'A')}, {"SHA-999", std::string(64, 'a')}, {"SHA-1", "abc"}};
  lock.packages[3].direct = true;
  lock.packages[3].dev = true;
  lock.packages[4].optional = true;
  PackageSet other;
  other.ecosystem = Ecosystem::kNpm;
  other.path = "worker/package-lock.json";
  other.packages = {Pkg("body-parser", "1.20.2")};  // direct unknown: the function takes all
  other.packages[0].hashes = {{"SHA-1", std::string(40, 'b')}};

  SbomInput in;
  in.name = "app";
  in.functions.push_back({"template.yaml", "Api", "prod-api", "nodejs20.x", {&lock}, {"express"}});
  in.functions.push_back({"template.yaml", "Api2", "", "nodejs20.x", {&lock}, {"node-types"}});
  in.functions.push_back({"template.yaml", "Worker", "", "", {&other, nullptr}, {}});
  simdjson::dom::element doc = Parse(RenderCycloneDx(in));

  EXPECT_EQ(ComponentRefs(doc),
            (std::vector<std::string>{"function:template.yaml#Api", "function:template.yaml#Api2",
                                      "function:template.yaml#Worker",
                                      "pkg:npm/%40types/node@20.1.0", "pkg:npm/body-parser@1.20.2",
                                      "pkg:npm/express@4.19.2", "pkg:npm/fsevents@2.3.3"}));
  EXPECT_EQ(Str(Component(doc, "function:template.yaml#Api")["name"]), "prod-api");
  EXPECT_EQ(Properties(Component(doc, "function:template.yaml#Api")),
            (std::vector<std::string>{"fnwarden:logical-id=Api", "fnwarden:project=template.yaml",
                                      "fnwarden:runtime=nodejs20.x"}));

  simdjson::dom::element types = Component(doc, "pkg:npm/%40types/node@20.1.0");
  EXPECT_EQ(Str(types["group"]), "@types");
  EXPECT_EQ(Str(types["name"]), "node");
  EXPECT_EQ(Str(types["version"]), "20.1.0");
  EXPECT_EQ(Str(types["purl"]), "pkg:npm/%40types/node@20.1.0");
  EXPECT_EQ(Str(types["scope"]), "required");
  EXPECT_EQ(Properties(types),
            (std::vector<std::string>{"fnwarden:direct=true", "fnwarden:imported=true",
                                      "fnwarden:installed-as=node-types",
                                      "fnwarden:lockfile=api/package-lock.json"}));

  simdjson::dom::element body = Component(doc, "pkg:npm/body-parser@1.20.2");
  EXPECT_TRUE(body["group"].error());
  EXPECT_EQ(Properties(body),
            (std::vector<std::string>{"fnwarden:lockfile=api/package-lock.json",
                                      "fnwarden:lockfile=worker/package-lock.json"}));
  std::vector<std::string> hashes;
  for (simdjson::dom::element h : body["hashes"].get_array()) {
    hashes.push_back(Str(h["alg"]) + ":" + Str(h["content"]));
  }
  EXPECT_EQ(hashes, (std::vector<std::string>{"SHA-1:" + std::string(40, 'b'),
                                              "SHA-512:" + std::string(128, 'a')}))
      << "merged over copies, lowercased; unknown algorithms and bad lengths left out";

  EXPECT_EQ(Str(Component(doc, "pkg:npm/fsevents@2.3.3")["scope"]), "optional");
  EXPECT_EQ(Properties(Component(doc, "pkg:npm/express@4.19.2")),
            (std::vector<std::string>{"fnwarden:direct=true", "fnwarden:imported=true",
                                      "fnwarden:lockfile=api/package-lock.json"}));

  EXPECT_EQ(Dependencies(doc),
            (std::map<std::string, std::vector<std::string>>{
                {"application",
                 {"function:template.yaml#Api", "function:template.yaml#Api2",
                  "function:template.yaml#Worker"}},
                {"function:template.yaml#Api",
                 {"pkg:npm/%40types/node@20.1.0", "pkg:npm/express@4.19.2"}},
                {"function:template.yaml#Api2",
                 {"pkg:npm/%40types/node@20.1.0", "pkg:npm/express@4.19.2"}},
                {"function:template.yaml#Worker", {"pkg:npm/body-parser@1.20.2"}},
                // The lock records requirements, so each of its packages has an
                // entry; worker's copy of body-parser merges into it.
                {"pkg:npm/%40types/node@20.1.0", {}},
                {"pkg:npm/body-parser@1.20.2", {}},
                {"pkg:npm/express@4.19.2", {"pkg:npm/body-parser@1.20.2"}},
                {"pkg:npm/fsevents@2.3.3", {}}}));
}

TEST_F(CycloneDxTest, PackagesOfSetsWithoutRequirementsHaveNoGraphEntry) {
  PackageSet reqs;
  reqs.ecosystem = Ecosystem::kPyPI;
  reqs.path = "src/requirements.txt";
  reqs.format = "requirements.txt";
  reqs.locked = false;
  reqs.packages = {Pkg("PyYAML", "5.3.1"), Pkg("requests", "")};
  reqs.packages[0].direct = true;
  reqs.packages[1].direct = true;
  SbomInput in;
  in.functions.push_back({"serverless.yml", "hello", "", "python3.12", {&reqs}, {"pyyaml"}});
  simdjson::dom::element doc = Parse(RenderCycloneDx(in));
  EXPECT_EQ(ComponentRefs(doc),
            (std::vector<std::string>{"function:serverless.yml#hello", "pkg:pypi/pyyaml@5.3.1",
                                      "pkg:pypi/requests"}));
  simdjson::dom::element requests = Component(doc, "pkg:pypi/requests");
  EXPECT_TRUE(requests["version"].error()) << "unpinned: no version";
  EXPECT_EQ(Str(Component(doc, "pkg:pypi/pyyaml@5.3.1")["name"]), "PyYAML");
  EXPECT_EQ(Properties(Component(doc, "pkg:pypi/pyyaml@5.3.1")),
            (std::vector<std::string>{"fnwarden:direct=true", "fnwarden:imported=true",
                                      "fnwarden:lockfile=src/requirements.txt"}))
      << "PyPI names compare normalized";
  EXPECT_EQ(
      Dependencies(doc),
      (std::map<std::string, std::vector<std::string>>{
          {"application", {"function:serverless.yml#hello"}},
          {"function:serverless.yml#hello", {"pkg:pypi/pyyaml@5.3.1", "pkg:pypi/requests"}}}));
}

TEST_F(CycloneDxTest, NonRegistrySourcesAreExternalReferences) {
  PackageSet lock;
  lock.path = "package-lock.json";
  lock.packages = {Pkg("left-pad", "1.3.0"), Pkg("tiny", "0.1.0"), Pkg("shared", "1.0.0")};
  lock.packages[0].source = PackageSource::kGit;
  lock.packages[0].source_ref = "git+ssh://git@github.com/x/left-pad.git#abc";
  lock.packages[1].source = PackageSource::kUrl;
  lock.packages[1].source_ref = "https://example.com/tiny.tgz";
  lock.packages[2].source = PackageSource::kWorkspace;
  lock.packages[2].source_ref = "packages/shared";
  SbomInput in;
  in.functions.push_back({"template.yaml", "Fn", "", "", {&lock}, {}});
  simdjson::dom::element doc = Parse(RenderCycloneDx(in));
  std::map<std::string, std::string> refs;  // purl -> type url, source property
  for (simdjson::dom::element c : doc["components"].get_array()) {
    if (std::string_view(c["type"]) != "library") continue;
    std::string text;
    simdjson::dom::array ext;
    if (c["externalReferences"].get(ext) == simdjson::SUCCESS) {
      for (simdjson::dom::element e : ext) text += Str(e["type"]) + " " + Str(e["url"]) + "; ";
    }
    for (const std::string& p : Properties(c)) text += p + "; ";
    refs[Str(c["purl"])] = text;
  }
  EXPECT_EQ(
      refs,
      (std::map<std::string, std::string>{
          {"pkg:npm/left-pad@1.3.0?vcs_url=git%2Bssh:%2F%2Fgit%40github.com%2Fx%2Fleft-pad.git%"
           "23abc",
           "vcs git+ssh://git@github.com/x/left-pad.git#abc; "
           "fnwarden:lockfile=package-lock.json; fnwarden:source=git; "},
          {"pkg:npm/tiny@0.1.0?download_url=https:%2F%2Fexample.com%2Ftiny.tgz",
           "distribution https://example.com/tiny.tgz; fnwarden:lockfile=package-lock.json; "
           "fnwarden:source=url; "},
          {"pkg:npm/shared@1.0.0",
           "fnwarden:lockfile=package-lock.json; fnwarden:source=workspace; "}}));
}

model::Advisory Advisory(std::string id, std::vector<std::string> aliases, std::string fixed) {
  model::Advisory a;
  a.id = std::move(id);
  a.aliases = std::move(aliases);
  a.fixed = std::move(fixed);
  return a;
}

TEST_F(CycloneDxTest, VulnerabilitiesMergePerAdvisory) {
  model::Advisory lodash = Advisory("GHSA-35jh-r3h4-6jhm", {"CVE-2021-23337"}, "4.17.21");
  lodash.summary = "Command Injection in lodash";
  lodash.severity = "high";
  lodash.cvss_score = 7.2;
  lodash.cvss_vector = "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H";
  lodash.url = "https://github.com/advisories/GHSA-35jh-r3h4-6jhm";
  PackageSet a;
  a.path = "a/package-lock.json";
  a.packages = {Pkg("lodash", "4.17.15"), Pkg("jest-util", "1.0.0")};
  a.packages[0].advisories = {lodash};
  a.packages[1].dev = true;
  a.packages[1].advisories = {Advisory("GHSA-dev0-dev0-dev0", {}, "")};
  PackageSet b;
  b.path = "b/package-lock.json";
  b.packages = {Pkg("lodash", "4.17.20")};
  b.packages[0].advisories = {lodash};
  b.packages[0].advisories[0].aliases = {"CVE-2021-23337", "SNYK-JS-LODASH-1040724"};
  PackageSet py;
  py.ecosystem = Ecosystem::kPyPI;
  py.path = "requirements.txt";
  py.packages = {Pkg("PyYAML", "5.3.1")};
  model::Advisory pysec = Advisory("PYSEC-2021-142", {"CVE-2020-14343"}, "5.4");
  pysec.severity = "critical";
  py.packages[0].advisories = {pysec, Advisory("OSV-2020-1", {}, "")};
  PackageSet go;
  go.ecosystem = Ecosystem::kGo;
  go.path = "go.mod";
  go.packages = {Pkg("golang.org/x/net", "v0.1.0")};
  go.packages[0].advisories = {Advisory("GO-2022-1144", {"CVE-2022-41717"}, "0.4.0")};

  SbomInput in;
  in.functions.push_back({"template.yaml", "A", "", "", {&a}, {}});
  in.functions.push_back({"template.yaml", "B", "", "", {&b, &py, &go}, {}});
  in.functions.push_back({"template.yaml", "C", "", "", {&b}, {}});
  std::string text = RenderCycloneDx(in);
  simdjson::dom::element doc = Parse(text);

  std::vector<std::string> ids;
  for (simdjson::dom::element v : doc["vulnerabilities"].get_array()) ids.push_back(Str(v["id"]));
  EXPECT_EQ(ids, (std::vector<std::string>{"GHSA-35jh-r3h4-6jhm", "GO-2022-1144", "OSV-2020-1",
                                           "PYSEC-2021-142"}))
      << "one per ID, sorted; development packages' advisories left out";

  simdjson::dom::element v = doc["vulnerabilities"].at(0);
  EXPECT_EQ(Str(v["source"]["name"]), "GitHub Advisory Database");
  EXPECT_EQ(Str(v["source"]["url"]), "https://github.com/advisories/GHSA-35jh-r3h4-6jhm");
  std::vector<std::string> refs;
  for (simdjson::dom::element r : v["references"].get_array()) {
    refs.push_back(Str(r["id"]) + " " + Str(r["source"]["name"]));
  }
  EXPECT_EQ(refs, (std::vector<std::string>{"CVE-2021-23337 NVD", "SNYK-JS-LODASH-1040724 OSV"}));
  simdjson::dom::element rating = v["ratings"].at(0);
  EXPECT_EQ(double(rating["score"]), 7.2);
  EXPECT_EQ(Str(rating["severity"]), "high");
  EXPECT_EQ(Str(rating["method"]), "CVSSv31");
  EXPECT_EQ(Str(rating["vector"]), lodash.cvss_vector);
  EXPECT_EQ(Str(v["description"]), "Command Injection in lodash");
  EXPECT_EQ(Str(v["recommendation"]), "Upgrade to 4.17.21.");
  EXPECT_EQ(Str(v["advisories"].at(0)["url"]), lodash.url);
  std::vector<std::string> affects;
  for (simdjson::dom::element x : v["affects"].get_array()) {
    affects.push_back(Str(x["ref"]) + " " + Str(x["versions"].at(0)["version"]) + " " +
                      Str(x["versions"].at(0)["status"]));
  }
  EXPECT_EQ(affects, (std::vector<std::string>{"pkg:npm/lodash@4.17.15 4.17.15 affected",
                                               "pkg:npm/lodash@4.17.20 4.17.20 affected"}));
  EXPECT_NE(text.find("\"score\": 7.2,"), std::string::npos);

  simdjson::dom::element gov = doc["vulnerabilities"].at(1);
  EXPECT_EQ(Str(gov["source"]["name"]), "Go Vulnerability Database");
  EXPECT_EQ(Str(gov["source"]["url"]), "https://pkg.go.dev/vuln/GO-2022-1144");
  EXPECT_TRUE(gov["ratings"].error()) << "neither score nor severity: no rating";
  EXPECT_EQ(Str(gov["affects"].at(0)["ref"]), "pkg:golang/golang.org/x/net@v0.1.0");

  simdjson::dom::element osv = doc["vulnerabilities"].at(2);
  EXPECT_EQ(Str(osv["source"]["name"]), "OSV");
  EXPECT_TRUE(osv["references"].error());
  EXPECT_TRUE(osv["recommendation"].error());

  simdjson::dom::element pyv = doc["vulnerabilities"].at(3);
  EXPECT_EQ(Str(pyv["source"]["name"]), "PyPA");
  EXPECT_EQ(Str(pyv["ratings"].at(0)["severity"]), "critical");
  EXPECT_EQ(Str(pyv["ratings"].at(0)["method"]), "other");
  EXPECT_TRUE(pyv["ratings"].at(0)["score"].error());
  EXPECT_EQ(Str(pyv["affects"].at(0)["ref"]), "pkg:pypi/pyyaml@5.3.1");
}

TEST_F(CycloneDxTest, RecommendationNamesEachFixWhenTheyDiffer) {
  PackageSet set;
  set.packages = {Pkg("x", "1.0.0"), Pkg("x", "2.0.0")};
  set.packages[0].advisories = {Advisory("GHSA-aaaa-bbbb-cccc", {}, "1.0.5")};
  set.packages[1].advisories = {Advisory("GHSA-aaaa-bbbb-cccc", {}, "2.0.1")};
  SbomInput in;
  in.functions.push_back({"t.yaml", "Fn", "", "", {&set}, {}});
  simdjson::dom::element doc = Parse(RenderCycloneDx(in));
  EXPECT_EQ(Str(doc["vulnerabilities"].at(0)["recommendation"]),
            "Upgrade x@1.0.0 to 1.0.5; x@2.0.0 to 2.0.1.");
}

TEST_F(CycloneDxTest, SerialNumberIsDerivedFromTheContent) {
  PackageSet set;
  set.packages = {Pkg("lodash", "4.17.21")};
  SbomInput in;
  in.tool_version = "0.1.0";
  in.name = "app";
  in.functions.push_back({"t.yaml", "Fn", "", "", {&set}, {}});
  std::string first = RenderCycloneDx(in);
  EXPECT_EQ(RenderCycloneDx(in), first);
  std::string serial = Str(Parse(first)["serialNumber"]);
  EXPECT_TRUE(std::regex_match(serial, std::regex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-"
                                                  "[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << serial;

  in.timestamp = "2024-05-01T12:00:00Z";
  simdjson::dom::element stamped = Parse(RenderCycloneDx(in));
  EXPECT_EQ(Str(stamped["metadata"]["timestamp"]), "2024-05-01T12:00:00Z");
  EXPECT_EQ(Str(stamped["serialNumber"]), serial) << "the timestamp is no content";

  set.packages[0].version = "4.17.20";
  std::string changed = Str(Parse(RenderCycloneDx(in))["serialNumber"]);
  EXPECT_NE(changed, serial);
  in.functions[0].id = "Fn2";
  EXPECT_NE(Str(Parse(RenderCycloneDx(in))["serialNumber"]), changed);

  in.serial = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79";
  EXPECT_EQ(Str(Parse(RenderCycloneDx(in))["serialNumber"]), in.serial);
}

TEST_F(CycloneDxTest, EscapesWhatItCopies) {
  PackageSet set;
  set.path = "we\"ird\\dir/package-lock.json";
  set.packages = {Pkg("x", "1.0.0\n")};
  SbomInput in;
  in.name = "caf\xC3\xA9 \xFF";
  in.functions.push_back({"t\tab.yaml", "F\"n", "", "", {&set}, {}});
  std::string text = RenderCycloneDx(in);
  simdjson::dom::element doc = Parse(text);
  EXPECT_EQ(Str(doc["metadata"]["component"]["name"]), "caf\xC3\xA9 \xEF\xBF\xBD");
  EXPECT_EQ(ComponentRefs(doc),
            (std::vector<std::string>{"function:t\tab.yaml#F\"n", "pkg:npm/x@1.0.0%0A"}));
  EXPECT_EQ(Str(Component(doc, "pkg:npm/x@1.0.0%0A")["version"]), "1.0.0\n");
  EXPECT_EQ(text.find(" \n"), std::string::npos);
}

}  // namespace
}  // namespace fnwarden::report
