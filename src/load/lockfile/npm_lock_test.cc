#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/npm_internal.h"
#include "load/lockfile/npm_test_util.h"

namespace fnwarden::load::lockfile {
namespace {

using testing::Dump;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using testing::Read;
using testing::ReadData;

// The lockfiles of tests/data/lockfiles/npm were written by npm 11 from the
// package.json beside the first one: an alias, a scoped package, a nested
// conflicting version (debug 2 needs ms 2.0.0), a devDependency, an optional
// one and a peer of the root.
const std::vector<std::string> kAppV3 = {
    "29 @sindresorhus/is@4.6.0 direct req=^4.6.0 #SHA-512",
    "41 @types/node@20.19.43 direct dev req=^20.11.0 #SHA-512 -> undici-types@6.21.0",
    "51 debug@2.6.9 direct req=2.6.9 #SHA-512 -> ms@2.0.0",
    "60 ms@2.0.0 #SHA-512",
    "66 humanize-ms@1.2.1 direct req=^1.2.1 #SHA-512 -> ms@2.1.3",
    "75 is-number@7.0.0 direct optional req=^7.0.0 #SHA-512",
    "85 left-pad@1.3.0 #SHA-512",
    "92 lodash@4.17.15 as lodash-old direct req=npm:lodash@4.17.15 #SHA-512",
    "99 ms@2.1.3 direct req=^2.1.3 #SHA-512",
    "105 react@19.3.1 direct req=^19.0.0 #SHA-512",
    "114 undici-types@6.21.0 dev #SHA-512",
    "121 use-sync-external-store@1.7.0 direct req=^1.2.0 #SHA-512 -> react@19.3.1",
};

struct FileCase {
  const char* path;
  const char* format;
  std::vector<std::string> dump;
};

TEST(NpmLockTest, LockfilesWrittenByNpm) {
  const FileCase cases[] = {
      {"npm/app/package-lock.json", "package-lock.json v3", kAppV3},
      // Version 2 repeats the tree in version 1's shape after `packages`:
      // `packages` is read, so nothing changes.
      {"npm/app-v2/package-lock.json", "package-lock.json v2", kAppV3},
      // Version 1 does not record the root's requirements: a package is
      // direct when it is at the top and no other package requires it, so
      // ms 2.1.3 (also required by humanize-ms) is missed and the root's peer
      // left-pad is taken. Nor does it record peer edges (react).
      {"npm/app-v1/package-lock.json",
       "package-lock.json v1",
       {
           "7 @sindresorhus/is@4.6.0 direct #SHA-512",
           "12 @types/node@20.19.43 direct dev #SHA-512 -> undici-types@6.21.0",
           "21 debug@2.6.9 direct #SHA-512 -> ms@2.0.0",
           "29 ms@2.0.0 #SHA-512",
           "36 humanize-ms@1.2.1 direct #SHA-512 -> ms@2.1.3",
           "44 is-number@7.0.0 direct optional #SHA-512",
           "50 left-pad@1.3.0 direct #SHA-512",
           "56 lodash@4.17.15 as lodash-old direct #SHA-512",
           "61 ms@2.1.3 #SHA-512",
           "66 react@19.3.1 direct #SHA-512",
           "71 undici-types@6.21.0 dev #SHA-512",
           "77 use-sync-external-store@1.7.0 direct #SHA-512",
       }},
      // Workspaces: their folders are packages of their own; the links to
      // them under node_modules are not; what they require is direct.
      {"npm/workspace/package-lock.json",
       "package-lock.json v3",
       {
           "23 is-number@7.0.0 direct dev req=^7.0.0 #SHA-512",
           "33 ms@2.1.3 direct req=^2.1.3 #SHA-512",
           "39 @demo/api@0.1.0 workspace:packages/api -> @demo/shared@0.2.0, ms@2.1.3",
           "47 @demo/shared@0.2.0 direct req=* workspace:packages/shared -> ms@2.0.0",
           "54 ms@2.0.0 direct req=2.0.0 #SHA-512",
       }},
      {"npm/shrinkwrap/npm-shrinkwrap.json",
       "npm-shrinkwrap.json v2",
       {"14 ms@2.1.3 direct req=^2.1.3 #SHA-512"}},
      // `file:` folders outside the project and inside it (installed under
      // another name than its own).
      {"npm/local-folders/package-lock.json",
       "package-lock.json v3",
       {
           "15 local-lib@3.1.0 direct req=file:../lib/local-lib file:../lib/local-lib",
           "29 inner-lib@0.0.1 as inner direct req=file:vendor/inner file:vendor/inner",
       }},
  };
  for (const FileCase& c : cases) {
    testing::ReadResult r = ReadData(ReadNpmLock, c.path);
    EXPECT_TRUE(r.ok) << c.path;
    EXPECT_EQ(r.set.format, c.format) << c.path;
    EXPECT_EQ(r.set.ecosystem, model::Ecosystem::kNpm);
    EXPECT_TRUE(r.set.locked);
    EXPECT_EQ(r.set.path, c.path);
    EXPECT_THAT(Dump(r.set), ElementsAreArray(c.dump)) << c.path;
    EXPECT_THAT(r.diags, IsEmpty()) << c.path;
  }
}

TEST(NpmLockTest, LocationsAndHashes) {
  testing::ReadResult r = ReadData(ReadNpmLock, "npm/app/package-lock.json");
  ASSERT_EQ(r.set.packages.size(), 12u);
  const model::Package& ms = r.set.packages[8];
  ASSERT_EQ(ms.name, "ms");
  EXPECT_EQ(ms.loc.file, r.file.get());
  EXPECT_EQ(ms.loc.line, 99u);
  EXPECT_EQ(ms.loc.col, 5u);
  ASSERT_EQ(ms.hashes.size(), 1u);
  EXPECT_EQ(ms.hashes[0].algorithm, "SHA-512");
  // Buffer.from(<the base64 of its integrity>, "base64").toString("hex")
  EXPECT_EQ(ms.hashes[0].hex,
            "e85973b9b4cb646dc9d9afcd542025784863ceae68c601f268253dc985ef70bb2fa1568726afece715"
            "c8ebf5d73fab73ed1f7100eb479d23bfb57b45dd645394");
}

// Hand-written corners, as `packages` of a version 3 lockfile whose root
// requires `root_deps`.
std::string V3(const std::string& root_deps, const std::string& packages) {
  return "{\"lockfileVersion\": 3, \"packages\": {\n\"\": {\"dependencies\": {" + root_deps +
         "}},\n" + packages + "\n}}";
}

struct TextCase {
  const char* name;
  std::string text;
  std::vector<std::string> dump;
};

TEST(NpmLockTest, Version3Corners) {
  const TextCase cases[] = {
      {"git",
       V3(R"("foo": "github:u/foo")",
          R"("node_modules/foo": {"version": "1.2.3", "resolved": "git+ssh://git@github.com/u/foo.git#0123abc"})"),
       {"3 foo@1.2.3 direct req=github:u/foo git:git+ssh://git@github.com/u/foo.git#0123abc"}},
      {"tarball URL and a private registry",
       V3(R"("a": "https://example.com/a-1.0.0.tgz", "b": "^2")",
          R"("node_modules/a": {"version": "1.0.0", "resolved": "https://example.com/a-1.0.0.tgz"},
"node_modules/b": {"version": "2.0.0", "resolved": "https://npm.example.com/api/npm/b/-/b-2.0.0.tgz"})"),
       {"3 a@1.0.0 direct req=https://example.com/a-1.0.0.tgz url:https://example.com/a-1.0.0.tgz",
        "4 b@2.0.0 direct req=^2"}},
      {"devOptional ships",
       V3(R"("a": "1")", R"("node_modules/a": {"version": "1.0.0", "devOptional": true})"),
       {"3 a@1.0.0 direct optional req=1"}},
      {"nearest node_modules wins, and the search walks up",
       V3(R"("a": "1", "c": "1")",
          R"("node_modules/a": {"version": "1.0.0", "dependencies": {"b": "1", "c": "1"}},
"node_modules/a/node_modules/b": {"version": "1.0.0", "dependencies": {"c": "1", "d": "1"}},
"node_modules/b": {"version": "2.0.0"},
"node_modules/c": {"version": "1.0.0", "dependencies": {"b": "2"}})"),
       {"3 a@1.0.0 direct req=1 -> b@1.0.0, c@1.0.0", "4 b@1.0.0 -> c@1.0.0", "5 b@2.0.0",
        "6 c@1.0.0 direct req=1 -> b@2.0.0"}},
      {"scoped packages",
       V3(R"("@s/a": "1")",
          R"("node_modules/@s/a": {"version": "1.0.0", "dependencies": {"@s/b": "1"}},
"node_modules/@s/a/node_modules/@s/b": {"version": "1.0.0"})"),
       {"3 @s/a@1.0.0 direct req=1 -> @s/b@1.0.0", "4 @s/b@1.0.0"}},
      {"the same version installed twice is two packages",
       V3(R"("a": "1", "b": "1")",
          R"("node_modules/a": {"version": "1.0.0", "dependencies": {"c": "1"}},
"node_modules/a/node_modules/c": {"version": "1.0.0"},
"node_modules/b": {"version": "1.0.0", "dependencies": {"c": "1"}},
"node_modules/b/node_modules/c": {"version": "1.0.0"},
"node_modules/c": {"version": "2.0.0"})"),
       {"3 a@1.0.0 direct req=1 -> c@1.0.0", "4 c@1.0.0", "5 b@1.0.0 direct req=1 -> c@1.0.0",
        "6 c@1.0.0", "7 c@2.0.0"}},
      {"a link whose folder is not listed",
       V3(R"("w": "file:../w")", R"("node_modules/w": {"resolved": "../w", "link": true})"),
       {"3 w@ direct req=file:../w file:../w"}},
      {"several integrities",
       V3(R"("a": "1")",
          R"("node_modules/a": {"version": "1.0.0", "integrity": "sha1-AAECAwQFBgcICQoLDA0ODxAREhM= sha256-n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="})"),
       {"3 a@1.0.0 direct req=1 #SHA-1 #SHA-256"}},
      {"requirements in cycles",
       V3(R"("a": "1")",
          R"("node_modules/a": {"version": "1.0.0", "dependencies": {"b": "1"}},
"node_modules/b": {"version": "1.0.0", "dependencies": {"a": "1"}})"),
       {"3 a@1.0.0 direct req=1 -> b@1.0.0", "4 b@1.0.0 -> a@1.0.0"}},
  };
  for (const TextCase& c : cases) {
    testing::ReadResult r = Read(ReadNpmLock, "package-lock.json", c.text);
    EXPECT_TRUE(r.ok) << c.name;
    EXPECT_THAT(Dump(r.set), ElementsAreArray(c.dump)) << c.name;
    EXPECT_THAT(r.diags, IsEmpty()) << c.name;
  }
}

TEST(NpmLockTest, WithoutRootPackageTopLevelPackagesNobodyRequiresAreDirect) {
  // npm's hidden lockfile, node_modules/.package-lock.json, has no root.
  testing::ReadResult r = Read(ReadNpmLock, "node_modules/.package-lock.json", R"({
  "lockfileVersion": 3,
  "packages": {
    "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "1"}},
    "node_modules/b": {"version": "1.0.0"}
  }
})");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "package-lock.json v3");
  EXPECT_THAT(Dump(r.set), ElementsAre("4 a@1.0.0 direct -> b@1.0.0", "5 b@1.0.0"));
  EXPECT_THAT(r.diags, IsEmpty());
}

TEST(NpmLockTest, Version1Corners) {
  const TextCase cases[] = {
      {"alias, git, folder and URL specs as versions",
       R"({"lockfileVersion": 1, "dependencies": {
"old": {"version": "npm:lodash@4.17.15"},
"g": {"version": "github:u/g#0123abc", "from": "github:u/g"},
"h": {"version": "git+https://example.com/h.git#0123abc"},
"f": {"version": "file:../f"},
"t": {"version": "https://example.com/t-1.0.0.tgz"}
}})",
       {"2 lodash@4.17.15 as old direct", "3 g@ direct git:github:u/g#0123abc",
        "4 h@ direct git:git+https://example.com/h.git#0123abc", "5 f@ direct file:../f",
        "6 t@ direct url:https://example.com/t-1.0.0.tgz"}},
      {"requires finds the nearest enclosing copy",
       R"({"lockfileVersion": 1, "dependencies": {
"a": {"version": "1.0.0", "requires": {"b": "1", "c": "1"}, "dependencies": {
  "b": {"version": "1.0.0", "requires": {"c": "1"}}
}},
"b": {"version": "2.0.0"},
"c": {"version": "1.0.0", "requires": {"b": "2"}}
}})",
       {"2 a@1.0.0 direct -> b@1.0.0, c@1.0.0", "3 b@1.0.0 -> c@1.0.0", "5 b@2.0.0",
        "6 c@1.0.0 -> b@2.0.0"}},
  };
  for (const TextCase& c : cases) {
    testing::ReadResult r = Read(ReadNpmLock, "package-lock.json", c.text);
    EXPECT_TRUE(r.ok) << c.name;
    EXPECT_THAT(Dump(r.set), ElementsAreArray(c.dump)) << c.name;
    EXPECT_THAT(r.diags, IsEmpty()) << c.name;
  }
}

// ---- bad input: one test per kind ----------------------------------------

TEST(NpmLockTest, NotJson) {
  testing::ReadResult r =
      Read(ReadNpmLock, "package-lock.json", "{\n  \"lockfileVersion\": 3,\n  oops\n}");
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.set.packages.empty());
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_THAT(r.diags[0], ::testing::StartsWith("package-lock.json:3:3: error: "));
}

TEST(NpmLockTest, WrongTopLevelType) {
  testing::ReadResult r = Read(ReadNpmLock, "package-lock.json", "[1, 2]");
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.diags,
              ElementsAre("package-lock.json:1:1: error: an npm lockfile must be a JSON object"));
}

TEST(NpmLockTest, NotALockfile) {
  testing::ReadResult r =
      Read(ReadNpmLock, "package-lock.json", R"({"name": "x", "dependencies": {"a": "^1"}})");
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.diags, ElementsAre("package-lock.json:1:1: error: not an npm lockfile: it has "
                                   "no lockfileVersion"));
}

TEST(NpmLockTest, UnknownVersionIsReadWithAWarning) {
  testing::ReadResult r = Read(ReadNpmLock, "package-lock.json", R"({
  "lockfileVersion": 4,
  "packages": {"": {"dependencies": {"a": "1"}}, "node_modules/a": {"version": "1.0.0"}}
})");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "package-lock.json v4");
  EXPECT_THAT(Dump(r.set), ElementsAre("3 a@1.0.0 direct req=1"));
  EXPECT_THAT(r.diags, ElementsAre("package-lock.json:2:22: warning: unknown lockfileVersion "
                                   "\"4\"; read as version 3"));
}

TEST(NpmLockTest, EntryWithoutVersion) {
  testing::ReadResult r = Read(ReadNpmLock, "package-lock.json",
                               V3(R"("a": "1")", R"("node_modules/a": {"resolved": "x"})"));
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("3 a@ direct req=1 url:x"));
  EXPECT_THAT(r.diags, IsEmpty());  // a URL without a version is not an error
  r = Read(ReadNpmLock, "package-lock.json", V3(R"("a": "1")", R"("node_modules/a": {})"));
  EXPECT_THAT(Dump(r.set), ElementsAre("3 a@ direct req=1"));
  EXPECT_THAT(r.diags, ElementsAre("package-lock.json:3:1: warning: package "
                                   "\"node_modules/a\" has no version"));
}

TEST(NpmLockTest, EntryThatIsNotAnObject) {
  testing::ReadResult r =
      Read(ReadNpmLock, "package-lock.json",
           V3("", R"("node_modules/a": "1.0.0", "node_modules/b": {"version": "1.0.0"})"));
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("3 b@1.0.0"));
  EXPECT_THAT(r.diags, ElementsAre("package-lock.json:3:1: warning: package entry "
                                   "\"node_modules/a\" is not an object; ignored"));
}

TEST(NpmLockTest, PackagesNotAnObject) {
  testing::ReadResult r =
      Read(ReadNpmLock, "package-lock.json", R"({"lockfileVersion": 3, "packages": []})");
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.set.packages.empty());
  EXPECT_THAT(r.diags, ElementsAre("package-lock.json:1:36: error: packages must be an object "
                                   "of installed folders"));
}

TEST(NpmLockTest, Version1NestingDeeperThanTheLimit) {
  // a → b → a → b …: a cycle unrolled 70 levels deep.
  std::string text = "{\"lockfileVersion\": 1, \"dependencies\": ";
  for (int i = 0; i < 70; ++i) {
    text += std::string("{\n\"") + (i % 2 ? "b" : "a") +
            "\": {\"version\": \"1.0.0\", \"requires\": {\"a\": \"1\", \"b\": \"1\"}, "
            "\"dependencies\": ";
  }
  text += "{}";
  for (int i = 0; i < 70; ++i) text += "}}";
  text += "}";
  testing::ReadResult r = Read(ReadNpmLock, "package-lock.json", text);
  EXPECT_TRUE(r.ok);
  ASSERT_EQ(r.set.packages.size(), 64u);
  EXPECT_THAT(r.diags, ElementsAre("package-lock.json:65:1: error: dependencies nest deeper "
                                   "than 64 levels; the deeper ones are not read"));
  // Each copy requires itself and the other, resolved to the nearest ones.
  EXPECT_THAT(r.set.packages[1].dependencies, ElementsAre(2u, 1u));
  EXPECT_TRUE(r.set.packages[0].direct);
  EXPECT_FALSE(r.set.packages[1].direct);
}

TEST(NpmLockTest, MorePackagesThanTheLimit) {
  LockLimits limits;
  limits.max_packages = 2;
  testing::ReadResult r =
      Read(ReadNpmLock, "package-lock.json",
           V3(R"("a": "1", "b": "1", "c": "1")",
              R"("node_modules/a": {"version": "1.0.0", "dependencies": {"c": "1"}},
"node_modules/b": {"version": "1.0.0"},
"node_modules/c": {"version": "1.0.0"})"),
           limits);
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("3 a@1.0.0 direct req=1", "4 b@1.0.0 direct req=1"));
  EXPECT_THAT(r.diags, ElementsAre("package-lock.json:5:1: error: more than 2 packages; the "
                                   "rest of the file is not read"));
}

TEST(NpmLockTest, KeyThatEscapesIsKeptAsData) {
  testing::ReadResult r = Read(ReadNpmLock, "package-lock.json",
                               V3(R"("x": "1")",
                                  R"("node_modules/../../x": {"version": "1.0.0"},
"../../../etc": {"version": "1.0.0"})"));
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("3 ../../x@1.0.0", "4 etc@1.0.0 file:../../../etc"));
}

TEST(NpmLockTest, DuplicateKeysKeepTheLast) {
  testing::ReadResult r = Read(ReadNpmLock, "package-lock.json",
                               V3(R"("a": "1")",
                                  R"("node_modules/a": {"version": "1.0.0"},
"node_modules/a": {"version": "1.0.1"})"));
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("4 a@1.0.1 direct req=1"));
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_THAT(r.diags[0], ::testing::StartsWith("package-lock.json:4:1: warning: duplicate key"));
}

TEST(NpmLockTest, BadIntegrity) {
  testing::ReadResult r =
      Read(ReadNpmLock, "package-lock.json",
           V3(R"("a": "1")",
              R"("node_modules/a": {"version": "1.0.0", "integrity": "sha512-not*base64"})"));
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("3 a@1.0.0 direct req=1"));
  EXPECT_THAT(r.diags, ElementsAre("package-lock.json:3:53: warning: integrity "
                                   "\"sha512-not*base64\" is not a valid SHA-512 digest in "
                                   "base64; ignored"));
}

TEST(NpmLockTest, PathDeeperThanTheLimit) {
  LockLimits limits;
  limits.max_depth = 2;
  testing::ReadResult r = Read(
      ReadNpmLock, "package-lock.json",
      V3(R"("a": "1")",
         R"("node_modules/a/node_modules/b/node_modules/c/node_modules/d": {"version": "1.0.0", "dependencies": {"a": "1"}},
"node_modules/a": {"version": "1.0.0"})"),
      limits);
  EXPECT_TRUE(r.ok);
  // The top is still searched.
  EXPECT_THAT(Dump(r.set), ElementsAre("3 d@1.0.0 -> a@1.0.0", "4 a@1.0.0 direct req=1"));
  EXPECT_THAT(r.diags, ElementsAre("package-lock.json:3:1: warning: package path nests more "
                                   "than 2 node_modules folders; only the nearest are searched"));
}

// ---- helpers ----------------------------------------------------------------

TEST(NpmInternalTest, Integrity) {
  struct Case {
    const char* sri;
    std::vector<std::string> hashes;  // "ALG:hex"
    size_t warnings;
  };
  const Case cases[] = {
      {"sha1-AAECAwQFBgcICQoLDA0ODxAREhM=", {"SHA-1:000102030405060708090a0b0c0d0e0f10111213"}, 0},
      {"sha256-n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=?opt",
       {"SHA-256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
       0},
      {"  sha1-AAECAwQFBgcICQoLDA0ODxAREhM  sha1-AAECAwQFBgcICQoLDA0ODxAREhM= ",
       {"SHA-1:000102030405060708090a0b0c0d0e0f10111213"},
       0},
      {"", {}, 0},
      {"md5-AAECAwQFBgcICQoLDA0ODw==", {}, 1},
      {"sha1-AAECAw==", {}, 1},                      // too short for SHA-1
      {"sha256-n4bQ gYhM", {}, 2},                   // a blank splits the token
      {"sha1-AAECAwQFBgcICQoLDA0ODxAREhN=", {}, 1},  // stray low bits
      {"sha512", {}, 1},
  };
  for (const Case& c : cases) {
    util::DiagnosticSink sink;
    npm::Reporter report(&sink);
    std::vector<model::PackageHash> hashes;
    npm::AppendIntegrity(c.sri, util::Loc{}, &report, &hashes);
    std::vector<std::string> got;
    for (const model::PackageHash& h : hashes) got.push_back(h.algorithm + ":" + h.hex);
    EXPECT_THAT(got, ElementsAreArray(c.hashes)) << c.sri;
    EXPECT_EQ(sink.size(), c.warnings) << c.sri;
  }
}

TEST(NpmInternalTest, Sources) {
  using model::PackageSource;
  struct Case {
    const char* text;
    PackageSource spec;
    PackageSource resolved;
  };
  const Case cases[] = {
      {"^1.2.0", PackageSource::kRegistry, PackageSource::kUrl},
      {"", PackageSource::kRegistry, PackageSource::kRegistry},
      {"npm:bar@^1", PackageSource::kRegistry, PackageSource::kUrl},
      {"github:u/r", PackageSource::kGit, PackageSource::kGit},
      {"u/r#v1", PackageSource::kGit, PackageSource::kUrl},
      {"git+ssh://git@github.com/u/r.git#abc", PackageSource::kGit, PackageSource::kGit},
      {"file:../x", PackageSource::kFile, PackageSource::kFile},
      {"link:x", PackageSource::kFile, PackageSource::kFile},
      {"./x", PackageSource::kFile, PackageSource::kFile},
      {"workspace:*", PackageSource::kWorkspace, PackageSource::kUrl},
      {"https://registry.npmjs.org/a/-/a-1.0.0.tgz", PackageSource::kUrl, PackageSource::kRegistry},
      {"https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#0123", PackageSource::kUrl,
       PackageSource::kRegistry},
      {"https://example.com/a.tgz", PackageSource::kUrl, PackageSource::kUrl},
      {"https://codeload.github.com/u/r/tar.gz/abc", PackageSource::kGit, PackageSource::kGit},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(npm::SourceOfSpec(c.text), c.spec) << c.text;
    EXPECT_EQ(npm::SourceOfResolved(c.text), c.resolved) << c.text;
  }
}

TEST(NpmInternalTest, ReporterCapsWhatOneFileReports) {
  util::DiagnosticSink sink;
  npm::Reporter report(&sink);
  for (int i = 0; i < 500; ++i) report.Warning(util::Loc{}, "x");
  EXPECT_EQ(sink.size(), npm::Reporter::kMaxReported + 1);
  size_t notes = 0;
  for (const util::Diagnostic& d : sink.Sorted()) {
    notes += d.message == "more than 200 problems in this file; the rest are not reported";
  }
  EXPECT_EQ(notes, 1u);
}

}  // namespace
}  // namespace fnwarden::load::lockfile
