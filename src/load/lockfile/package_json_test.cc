#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "test_util.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::lockfile {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Declared {
  bool ok = false;
  std::vector<std::string> dump;  // "line:col name requirement [dev]"
  std::vector<std::string> diags;
};

Declared Read(std::string text) {
  util::SourceFile file("package.json", std::move(text));
  util::DiagnosticSink sink;
  std::vector<model::PackageSet::Declared> out;
  Declared d;
  d.ok = ReadPackageJson(file, &sink, &out);
  for (const model::PackageSet::Declared& x : out) {
    d.dump.push_back(std::to_string(x.loc.line) + ":" + std::to_string(x.loc.col) + " " + x.name +
                     " " + x.requirement + (x.dev ? " dev" : ""));
  }
  for (const util::Diagnostic& diag : sink.Sorted()) d.diags.push_back(util::RenderHeadline(diag));
  return d;
}

TEST(PackageJsonTest, TheManifestOfTheTestLockfiles) {
  Declared d = Read(fnwarden::testing::ReadFileOrDie(fnwarden::testing::SourceDir() +
                                                     "/tests/data/lockfiles/npm/app/package.json"));
  EXPECT_TRUE(d.ok);
  // peerDependencies (left-pad) are the host's to install: not declared.
  EXPECT_THAT(d.dump,
              ElementsAre("6:5 debug 2.6.9", "7:5 ms ^2.1.3", "8:5 lodash-old npm:lodash@4.17.15",
                          "9:5 @sindresorhus/is ^4.6.0", "10:5 react ^19.0.0",
                          "11:5 use-sync-external-store ^1.2.0", "12:5 humanize-ms ^1.2.1",
                          "15:5 @types/node ^20.11.0 dev", "18:5 is-number ^7.0.0"));
  EXPECT_THAT(d.diags, IsEmpty());
}

TEST(PackageJsonTest, Table) {
  struct Case {
    const char* json;
    std::vector<std::string> dump;
  };
  const Case cases[] = {
      {"{}", {}},
      {R"({"name": "x"})", {}},
      {R"({"dependencies": {}})", {}},
      {R"({"dependencies": null})", {}},
      {R"({"dependencies": {"g": "github:u/g#v1", "h": "git+ssh://git@h.example/h.git", "f": "file:../f", "a": "*", "e": ""}})",
       {"1:19 g github:u/g#v1", "1:41 h git+ssh://git@h.example/h.git", "1:79 f file:../f",
        "1:97 a *", "1:107 e "}},
      {R"({"devDependencies": {"a": "1"}, "optionalDependencies": {"b": "2"}, "peerDependencies": {"c": "3"}})",
       {"1:22 a 1 dev", "1:58 b 2"}},
  };
  for (const Case& c : cases) {
    Declared d = Read(c.json);
    EXPECT_TRUE(d.ok) << c.json;
    EXPECT_THAT(d.dump, ::testing::ElementsAreArray(c.dump)) << c.json;
    EXPECT_THAT(d.diags, IsEmpty()) << c.json;
  }
}

TEST(PackageJsonTest, NotJson) {
  Declared d = Read("{\"dependencies\": {\"a\": 1,}}");
  EXPECT_FALSE(d.ok);
  ASSERT_EQ(d.diags.size(), 1u);
  EXPECT_THAT(d.diags[0], ::testing::StartsWith("package.json:1:25: error: "));
}

TEST(PackageJsonTest, WrongTopLevelType) {
  Declared d = Read("\"x\"");
  EXPECT_FALSE(d.ok);
  EXPECT_THAT(d.diags, ElementsAre("package.json:1:1: error: package.json must be a JSON object"));
}

TEST(PackageJsonTest, DependenciesNotAnObject) {
  Declared d = Read(R"({"dependencies": ["a"], "devDependencies": {"b": "1"}})");
  EXPECT_TRUE(d.ok);
  EXPECT_THAT(d.dump, ElementsAre("1:45 b 1 dev"));
  EXPECT_THAT(d.diags, ElementsAre("package.json:1:18: error: dependencies must be an object of "
                                   "requirements"));
}

TEST(PackageJsonTest, RequirementNotAString) {
  Declared d = Read(R"({"dependencies": {"a": 1, "b": {"version": "1"}, "c": "2"}})");
  EXPECT_TRUE(d.ok);
  EXPECT_THAT(d.dump, ElementsAre("1:50 c 2"));
  EXPECT_THAT(d.diags,
              ElementsAre("package.json:1:24: warning: the requirement of \"a\" must be a string; "
                          "ignored",
                          "package.json:1:32: warning: the requirement of \"b\" must be a string; "
                          "ignored"));
}

TEST(PackageJsonTest, EmptyName) {
  Declared d = Read(R"({"dependencies": {"": "1"}})");
  EXPECT_TRUE(d.ok);
  EXPECT_THAT(d.dump, IsEmpty());
  EXPECT_THAT(d.diags,
              ElementsAre("package.json:1:19: warning: a dependency without a name; ignored"));
}

}  // namespace
}  // namespace fnwarden::load::lockfile
