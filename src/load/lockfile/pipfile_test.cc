#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_go_test_util.h"
#include "test_util.h"

namespace fnwarden::load::lockfile {
namespace {

using pygo_testing::Diags;
using pygo_testing::Dump;
using pygo_testing::DumpDeclared;

struct LockResult {
  bool ok = false;
  model::PackageSet set;
  std::vector<std::string> packages;
  std::vector<std::string> diags;
};

LockResult ReadLock(const std::string& text) {
  util::SourceFile file("Pipfile.lock", text);
  util::DiagnosticSink diags;
  LockResult r;
  r.ok = ReadPipfileLock(file, {}, &diags, &r.set);
  r.packages = Dump(r.set);
  r.diags = Diags(diags);
  return r;
}

struct ManifestResult {
  bool ok = false;
  std::vector<std::string> declared;
  std::vector<std::string> diags;
};

ManifestResult ReadManifest(const std::string& text) {
  util::SourceFile file("Pipfile", text);
  util::DiagnosticSink diags;
  std::vector<model::PackageSet::Declared> declared;
  ManifestResult r;
  r.ok = ReadPipfile(file, &diags, &declared);
  r.declared = DumpDeclared(declared);
  r.diags = Diags(diags);
  return r;
}

std::string Fixture(const std::string& name) {
  return fnwarden::testing::ReadFileOrDie(fnwarden::testing::SourceDir() +
                                          "/tests/data/lockfiles/python/" + name);
}

TEST(PipfileLockTest, Fixture) {
  LockResult r = ReadLock(Fixture("Pipfile.lock"));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "Pipfile.lock v6");
  EXPECT_TRUE(r.set.locked);
  EXPECT_EQ(r.set.ecosystem, model::Ecosystem::kPyPI);
  // typing-extensions is in both sections at one version: once, shipped.
  EXPECT_EQ(r.packages, (std::vector<std::string>{
                            "boto3@1.34.0 hashes=SHA-256:d55689c4,SHA-256:273584ec 19:9",
                            "internal-sdk@ git=https://git.example.com/team/internal-sdk.git 28:9",
                            "shared-utils@ file=./libs/shared-utils 32:9",
                            "typing-extensions@4.9.0 hashes=SHA-256:58fa72c5 36:9",
                            "pytest@8.0.0 dev hashes=SHA-256:c0ab27ee 45:9",
                        }));
  EXPECT_EQ(r.set.packages[0].hashes[0].hex,
            "d55689c45eb8f58349a62a44656df40c65ddf8a0cc5a4e55ecc6e0554d22d526");
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

struct LockCase {
  const char* name;
  std::string text;
  bool ok;
  std::vector<std::string> packages;
  std::vector<std::string> diags;
};

TEST(PipfileLockTest, Entries) {
  const std::vector<LockCase> cases = {
      {"empty sections",
       R"({"_meta": {"pipfile-spec": 6}, "default": {}, "develop": {}})",
       true,
       {},
       {}},
      {"another version in develop is a second package",
       R"({"default": {"six": {"version": "==1.16.0"}},
 "develop": {"Six": {"version": "==1.15.0"}, "six": {"version": "==1.16.0"}}})",
       true,
       {"six@1.16.0 1:14", "Six@1.15.0 dev 2:14"},
       {}},
      {"arbitrary equality and a remote file",
       R"({"default": {"a": {"version": "===1.0-x"}, "b": {"file": "https://example.com/b-1.0.tar.gz"}}})",
       true,
       {"a@1.0-x 1:14", "b@ url=https://example.com/b-1.0.tar.gz 1:44"},
       {}},
  };
  for (const LockCase& c : cases) {
    SCOPED_TRACE(c.name);
    LockResult r = ReadLock(c.text);
    EXPECT_EQ(r.ok, c.ok);
    EXPECT_EQ(r.packages, c.packages);
    EXPECT_EQ(r.diags, c.diags);
  }
}

TEST(PipfileLockTest, BadInput) {
  const std::vector<LockCase> cases = {
      {"not JSON",
       "{\n  \"default\": {\n",
       false,
       {},
       {"Pipfile.lock:3:1: error: unexpected end of file; the '{' at line 2 column 14 is not "
        "closed"}},
      {"JSON but no Pipfile.lock", R"({"name": "app", "version": "1.0.0"})", false, {}, {}},
      {"version of the wrong type",
       R"({"default": {"six": {"version": 3}}})",
       true,
       {"six@ 1:14"},
       {"Pipfile.lock:1:33: error: package 'six': 'version' must be a string"}},
      {"version that is not exact",
       R"({"default": {"six": {"version": ">=1.0"}}})",
       true,
       {"six@ 1:14"},
       {"Pipfile.lock:1:33: warning: package 'six': version '>=1.0' is not an exact '==' "
        "version"}},
      {"hash without algorithm",
       R"({"default": {"six": {"version": "==1.16.0", "hashes": ["d55689c45eb8f583"]}}})",
       true,
       {"six@1.16.0 1:14"},
       {"Pipfile.lock:1:56: error: package 'six': hash 'd55689c45eb8f583' has no algorithm "
        "(expected 'sha256:' and the digest)"}},
      {"hashes not a list",
       R"({"default": {"six": {"hashes": "sha256:00"}}})",
       true,
       {"six@ 1:14"},
       {"Pipfile.lock:1:32: error: package 'six': 'hashes' must be a list of strings"}},
      {"section not a map",
       R"({"default": ["six"], "develop": {}})",
       true,
       {},
       {"Pipfile.lock:1:13: error: 'default' must be a map of packages"}},
      {"package not a map",
       R"({"default": {"six": "==1.16.0"}})",
       true,
       {},
       {"Pipfile.lock:1:21: error: package 'six' must be a map"}},
      {"empty package name",
       R"({"default": {"": {"version": "==1.0"}}})",
       true,
       {},
       {"Pipfile.lock:1:14: error: a package name is empty"}},
  };
  for (const LockCase& c : cases) {
    SCOPED_TRACE(c.name);
    LockResult r = ReadLock(c.text);
    EXPECT_EQ(r.ok, c.ok);
    EXPECT_EQ(r.packages, c.packages);
    EXPECT_EQ(r.diags, c.diags);
  }
}

TEST(PipfileTest, Fixture) {
  ManifestResult r = ReadManifest(Fixture("Pipfile"));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.declared, (std::vector<std::string>{
                            "boto3 req===1.34.0 7:1",
                            "typing-extensions 8:1",
                            "shared-utils 9:1",
                            "internal-sdk 10:1",
                            "pytest req=>=8 dev 13:1",
                        }));
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

TEST(PipfileTest, BadInput) {
  ManifestResult syntax = ReadManifest("[packages]\nsix = \"==1.16.0\nboto3 = \"*\"\n");
  EXPECT_FALSE(syntax.ok);
  EXPECT_EQ(syntax.diags,
            std::vector<std::string>{
                "Pipfile:2:16: error: invalid TOML in string: unescaped control characters other "
                "than TAB (U+0009) are explicitly prohibited"});

  ManifestResult types =
      ReadManifest("[packages]\nsix = 3\nboto3 = {version = 1}\n[dev-packages]\npytest = \"*\"\n");
  EXPECT_TRUE(types.ok);
  EXPECT_EQ(types.declared, (std::vector<std::string>{"boto3 3:1", "pytest dev 5:1"}));
  EXPECT_EQ(types.diags, (std::vector<std::string>{
                             "Pipfile:2:7: error: package 'six' must be a version string or a "
                             "table, not an integer",
                             "Pipfile:3:20: error: package 'boto3': 'version' must be a string, "
                             "not an integer",
                         }));

  ManifestResult empty = ReadManifest("[dev-packages]\n\"\" = \"*\"\n");
  EXPECT_EQ(empty.declared, std::vector<std::string>{});
  EXPECT_EQ(empty.diags, std::vector<std::string>{"Pipfile:2:1: error: a package name is empty"});

  ManifestResult section = ReadManifest("packages = [\"six\"]\n");
  EXPECT_TRUE(section.ok);
  EXPECT_EQ(section.declared, std::vector<std::string>{});
  EXPECT_EQ(section.diags, std::vector<std::string>{
                               "Pipfile:1:12: error: 'packages' must be a table, not an array"});
}

// The Pipfiles and Pipfile.lock files of the shared corpus read without an
// error.
TEST(PipfileLockTest, Corpus) {
  std::string shared = fnwarden::testing::SharedDir();
  namespace fs = std::filesystem;
  fs::path root = fs::path(shared) / "corpus" / "apps";
  if (shared.empty() || !fs::exists(root)) GTEST_SKIP() << "no ../shared/corpus/apps";
  size_t locks = 0, manifests = 0, packages = 0;
  std::vector<std::string> errors;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root)) {
    std::string name = e.path().filename().string();
    if (!e.is_regular_file() || (name != "Pipfile.lock" && name != "Pipfile")) continue;
    util::SourceFile file(fs::relative(e.path(), root).string(),
                          fnwarden::testing::ReadFileOrDie(e.path().string()));
    util::DiagnosticSink diags;
    if (name == "Pipfile.lock") {
      model::PackageSet set;
      EXPECT_TRUE(ReadPipfileLock(file, {}, &diags, &set)) << file.path();
      ++locks;
      packages += set.packages.size();
    } else {
      std::vector<model::PackageSet::Declared> declared;
      EXPECT_TRUE(ReadPipfile(file, &diags, &declared)) << file.path();
      ++manifests;
    }
    for (const util::Diagnostic& d : diags.Sorted()) {
      if (d.level == util::DiagLevel::kError) errors.push_back(util::RenderHeadline(d));
    }
  }
  EXPECT_GE(locks, 2u);
  EXPECT_GE(manifests, 3u);
  EXPECT_GT(packages, 0u);
  EXPECT_EQ(errors, std::vector<std::string>{});
}

}  // namespace
}  // namespace fnwarden::load::lockfile
