#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/npm_test_util.h"

namespace fnwarden::load::lockfile {
namespace {

using testing::Dump;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using testing::Read;
using testing::ReadData;

// Written by Yarn 1.22.22 and Yarn 4 from tests/data/lockfiles/npm/app's
// package.json.
TEST(YarnLockTest, Version1WrittenByYarn) {
  testing::ReadResult r = ReadData(ReadYarnLock, "yarn/v1/yarn.lock");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "yarn.lock v1");
  EXPECT_EQ(r.set.ecosystem, model::Ecosystem::kNpm);
  // Yarn 1 records neither dev nor the root's requirements: direct is what
  // no other package requires (ms 2.1.3, also required by humanize-ms, is
  // missed), and @types/node is not marked dev. The tarball URLs end in the
  // tarball's SHA-1.
  EXPECT_THAT(
      Dump(r.set),
      ElementsAre("5 @sindresorhus/is@4.6.0 direct req=^4.6.0 #SHA-512 #SHA-1",
                  "10 @types/node@20.19.43 direct req=^20.11.0 #SHA-512 #SHA-1 -> "
                  "undici-types@6.21.0",
                  "17 debug@2.6.9 direct req=2.6.9 #SHA-512 #SHA-1 -> ms@2.0.0",
                  "24 humanize-ms@1.2.1 direct req=^1.2.1 #SHA-512 #SHA-1 -> ms@2.1.3",
                  "31 is-number@7.0.0 direct req=^7.0.0 #SHA-512 #SHA-1",
                  "36 lodash@4.17.15 as lodash-old direct req=npm:lodash@4.17.15 #SHA-512 #SHA-1",
                  "41 ms@2.0.0 #SHA-512 #SHA-1", "46 ms@2.1.3 #SHA-512 #SHA-1",
                  "51 react@19.3.1 direct req=^19.0.0 #SHA-512 #SHA-1",
                  "56 undici-types@6.21.0 #SHA-512 #SHA-1",
                  "61 use-sync-external-store@1.7.0 direct req=^1.2.0 #SHA-512 #SHA-1"));
  EXPECT_THAT(r.diags, IsEmpty());
  ASSERT_EQ(r.set.packages.size(), 11u);
  EXPECT_EQ(r.set.packages[7].loc.line, 46u);
  EXPECT_EQ(r.set.packages[7].loc.col, 1u);
  EXPECT_EQ(r.set.packages[7].hashes[1].hex, "574c8138ce1d2b5861f0b44579dbadd60c6615b2");
}

TEST(YarnLockTest, BerryWrittenByYarn4) {
  testing::ReadResult r = ReadData(ReadYarnLock, "yarn/berry/yarn.lock");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "yarn.lock (Berry v10)");
  // The root workspace is the project, not a package; its dependencies are
  // the direct ones. Berry's checksums are not package hashes.
  EXPECT_THAT(
      Dump(r.set),
      ElementsAre("8 @sindresorhus/is@4.6.0 direct req=^4.6.0",
                  "15 @types/node@20.19.43 direct req=^20.11.0 -> undici-types@6.21.0",
                  "24 debug@2.6.9 direct req=2.6.9 -> ms@2.0.0",
                  "54 humanize-ms@1.2.1 direct req=^1.2.1 -> ms@2.1.3",
                  "63 is-number@7.0.0 direct optional req=^7.0.0",
                  "70 lodash@4.17.15 as lodash-old direct req=npm:lodash@4.17.15", "77 ms@2.0.0",
                  "84 ms@2.1.3 direct req=^2.1.3", "91 react@19.3.1 direct req=^19.0.0",
                  "98 undici-types@6.21.0", "105 use-sync-external-store@1.7.0 direct req=^1.2.0"));
  EXPECT_THAT(r.diags, IsEmpty());
}

struct TextCase {
  const char* name;
  const char* text;
  std::vector<std::string> dump;
};

TEST(YarnLockTest, Version1Corners) {
  const TextCase cases[] = {
      {"git, folder and URL dependencies",
       R"(# yarn lockfile v1

"foo@github:u/foo#v1":
  version "1.2.3"
  resolved "https://codeload.github.com/u/foo/tar.gz/0123abc"

"bar@file:../bar":
  version "0.1.0"

"baz@https://example.com/baz-1.0.0.tgz":
  version "1.0.0"
  resolved "https://example.com/baz-1.0.0.tgz#000102030405060708090A0B0C0D0E0F10111213"

"qux@git+ssh://git@example.com/qux.git":
  version "2.0.0"
  resolved "git+ssh://git@example.com/qux.git#0123456789abcdef0123456789abcdef01234567"
)",
       {"3 foo@1.2.3 direct req=github:u/foo#v1 "
        "git:https://codeload.github.com/u/foo/tar.gz/0123abc",
        "7 bar@0.1.0 direct req=file:../bar file:../bar",
        "10 baz@1.0.0 direct req=https://example.com/baz-1.0.0.tgz "
        "url:https://example.com/baz-1.0.0.tgz#000102030405060708090A0B0C0D0E0F10111213 #SHA-1",
        "14 qux@2.0.0 direct req=git+ssh://git@example.com/qux.git "
        "git:git+ssh://git@example.com/qux.git#0123456789abcdef0123456789abcdef01234567"}},
      {"several descriptors, unquoted and quoted, colons and escapes",
       R"(a@^1, a@^1.1:
  version "1.1.0"
  dependencies:
    b "^2"
  optionalDependencies:
    "c" "\u007e3"

"b@^2", "b@2.0.0":
  version: "2.0.0"

c@~3:
  version 3.0.1
)",
       {"1 a@1.1.0 direct req=^1 -> b@2.0.0, c@3.0.1", "8 b@2.0.0", "11 c@3.0.1"}},
      {"the same resolution under two entries is one package",
       R"(a@^1:
  version "1.0.0"
  dependencies:
    b "^1"

b@^1:
  version "1.0.0"

"b@npm:b@1.0.0":
  version "1.0.0"
)",
       {"1 a@1.0.0 direct req=^1 -> b@1.0.0", "6 b@1.0.0"}},
      {"an empty file", "", {}},
  };
  for (const TextCase& c : cases) {
    testing::ReadResult r = Read(ReadYarnLock, "yarn.lock", c.text);
    EXPECT_TRUE(r.ok) << c.name;
    EXPECT_EQ(r.set.format, "yarn.lock v1");
    EXPECT_THAT(Dump(r.set), ElementsAreArray(c.dump)) << c.name;
    EXPECT_THAT(r.diags, IsEmpty()) << c.name;
  }
}

TEST(YarnLockTest, BerryCorners) {
  const TextCase cases[] = {
      {"patch entries are the package they patch",
       R"(__metadata:
  version: 8

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    resolve: "patch:resolve@npm%3A^1.20.0#~builtin<compat/resolve>"

"resolve@npm:^1.20.0":
  version: 1.22.8
  resolution: "resolve@npm:1.22.8"
  dependencies:
    is-core-module: "npm:^2.13.0"
  checksum: 10c0/07e179f4375e1fd072cfb72ad66d78547f86e6196c4014b31cb0b8bb1db5f7ca871f922d08da0fbc05b94e9fd42206f819648fa3b5b873ebbc8e1dc68fec433a

"resolve@patch:resolve@npm%3A^1.20.0#~builtin<compat/resolve>":
  version: 1.22.8
  resolution: "resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8&hash=c3c19d"
  dependencies:
    is-core-module: "npm:^2.13.0"
    path-parse: "npm:^1.0.7"

"is-core-module@npm:^2.13.0":
  version: 2.13.1
  resolution: "is-core-module@npm:2.13.1"

"path-parse@npm:^1.0.7":
  version: 1.0.7
  resolution: "path-parse@npm:1.0.7"
)",
       {"10 resolve@1.22.8 direct req=^1.20.0 -> "
        "is-core-module@2.13.1, path-parse@1.0.7",
        "24 is-core-module@2.13.1", "28 path-parse@1.0.7"}},
      {"workspaces, git, folders and Yarn 2's ranges without a protocol",
       R"(__metadata:
  version: 4

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    "@demo/api": "workspace:packages/api"
    foo: "https://github.com/u/foo.git#commit=0123abc"
    bar: "file:./bar"
    baz: "link:./baz"
  dependenciesMeta:
    bar:
      optional: true

"@demo/api@workspace:packages/api":
  version: 0.0.0-use.local
  resolution: "@demo/api@workspace:packages/api"
  dependencies:
    ms: 2.0.0

"foo@https://github.com/u/foo.git#commit=0123abc":
  version: 1.0.0
  resolution: "foo@https://github.com/u/foo.git#commit=0123abc"

"bar@file:./bar::locator=app%40workspace%3A.":
  version: 0.1.0
  resolution: "bar@file:./bar#./bar::hash=1a2b3c&locator=app%40workspace%3A."

"baz@link:./baz::locator=app%40workspace%3A.":
  version: 0.0.0-use.local
  resolution: "baz@link:./baz::locator=app%40workspace%3A."

"ms@npm:2.0.0":
  version: 2.0.0
  resolution: "ms@npm:2.0.0"
)",
       {"16 @demo/api@0.0.0-use.local direct req=workspace:packages/api "
        "workspace:packages/api -> ms@2.0.0",
        "22 foo@1.0.0 direct req=https://github.com/u/foo.git#commit=0123abc "
        "git:https://github.com/u/foo.git#commit=0123abc",
        "26 bar@0.1.0 direct optional req=file:./bar file:./bar",
        "30 baz@0.0.0-use.local direct req=link:./baz file:./baz", "34 ms@2.0.0 direct req=2.0.0"}},
  };
  for (const TextCase& c : cases) {
    testing::ReadResult r = Read(ReadYarnLock, "yarn.lock", c.text);
    EXPECT_TRUE(r.ok) << c.name;
    EXPECT_THAT(Dump(r.set), ElementsAreArray(c.dump)) << c.name;
    EXPECT_THAT(r.diags, IsEmpty()) << c.name;
  }
}

// ---- bad input: one test per kind ----------------------------------------

TEST(YarnLockTest, NotAYarnLockfile) {
  testing::ReadResult r = Read(ReadYarnLock, "yarn.lock", "{\"lockfileVersion\": 3}\n");
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.diags, ElementsAre("yarn.lock:1:1: error: expected an entry: descriptors "
                                   "followed by ':'"));
}

TEST(YarnLockTest, BadIndentation) {
  testing::ReadResult r =
      Read(ReadYarnLock, "yarn.lock",
           "a@1:\n   version \"1.0.0\"\n\tb 1\n    c 2\nb@1:\n  version \"1.0.1\"\n");
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("1 a@ direct req=1", "5 b@1.0.1 direct req=1"));
  EXPECT_THAT(r.diags,
              ElementsAre("yarn.lock:1:1: warning: entry \"a\" has no version",
                          "yarn.lock:2:4: error: indentation must be a multiple of two spaces",
                          "yarn.lock:3:1: error: indentation must use spaces",
                          "yarn.lock:4:5: error: unexpected indentation"));
}

TEST(YarnLockTest, BadStrings) {
  testing::ReadResult r =
      Read(ReadYarnLock, "yarn.lock",
           "\"a@1:\n  version \"1\"\nb@1:\n  version \"1\\q\"\nc@1:\n  version \"1\" \"2\"\n"
           "d@1:\n  version\n");
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set),
              ElementsAre("3 b@ direct req=1", "5 c@ direct req=1", "7 d@ direct req=1"));
  EXPECT_THAT(r.diags, ElementsAre("yarn.lock:1:1: error: unterminated string",
                                   "yarn.lock:2:3: error: unexpected indentation",
                                   "yarn.lock:3:1: warning: entry \"b\" has no version",
                                   "yarn.lock:4:13: error: invalid escape in a string",
                                   "yarn.lock:5:1: warning: entry \"c\" has no version",
                                   "yarn.lock:6:15: error: unexpected text after the value",
                                   "yarn.lock:7:1: warning: entry \"d\" has no version",
                                   "yarn.lock:8:3: error: expected a value or ':' after the key"));
}

TEST(YarnLockTest, DependencyWithoutEntry) {
  testing::ReadResult r =
      Read(ReadYarnLock, "yarn.lock", "a@1:\n  version \"1.0.0\"\n  dependencies:\n    b \"^2\"\n");
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("1 a@1.0.0 direct req=1"));
  EXPECT_THAT(r.diags, ElementsAre("yarn.lock:1:1: warning: dependency \"b@^2\" has no entry in "
                                   "the lockfile"));
}

TEST(YarnLockTest, DescriptorListedTwice) {
  testing::ReadResult r = Read(ReadYarnLock, "yarn.lock",
                               "a@1:\n  version \"1.0.0\"\n\na@1, a@2:\n  version \"2.0.0\"\n");
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("1 a@1.0.0 direct req=1", "4 a@2.0.0 direct req=1"));
  EXPECT_THAT(r.diags, ElementsAre("yarn.lock:4:1: warning: descriptor \"a@1\" is listed by two "
                                   "entries; the first is used"));
}

TEST(YarnLockTest, MorePackagesThanTheLimit) {
  LockLimits limits;
  limits.max_packages = 1;
  testing::ReadResult r =
      Read(ReadYarnLock, "yarn.lock",
           "a@1:\n  version \"1.0.0\"\n  dependencies:\n    b \"1\"\nb@1:\n  version \"1.0.0\"\n",
           limits);
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("1 a@1.0.0 direct req=1"));
  EXPECT_THAT(r.diags,
              ElementsAre("yarn.lock:1:1: warning: dependency \"b@1\" has no entry in the lockfile",
                          "yarn.lock:5:1: error: more than 1 packages; the rest of the file is not "
                          "read"));
}

TEST(YarnLockTest, BerryNotYaml) {
  testing::ReadResult r = Read(ReadYarnLock, "yarn.lock", "__metadata:\n  version: [8\n");
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_THAT(r.diags[0], ::testing::StartsWith("yarn.lock:2:12: error: "));
}

TEST(YarnLockTest, BerryWrongTopLevelType) {
  testing::ReadResult r = Read(ReadYarnLock, "yarn.lock", "- a\n---\n__metadata:\n  version: 8\n");
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.diags, ElementsAre("yarn.lock:1:1: error: a yarn.lock must be a map of entries"));
}

TEST(YarnLockTest, BerryEntriesMissingTheirParts) {
  testing::ReadResult r = Read(ReadYarnLock, "yarn.lock", R"(__metadata:
  version: 8
"a@npm:1": 1
"b@npm:1":
  version: 1.0.0
"c@npm:1":
  resolution: "c@npm:1.0.0"
"c@npm:1":
  version: 1.0.0
  resolution: "c@npm:1.0.0"
)");
  EXPECT_TRUE(r.ok);
  // A duplicate key: two resolutions, the second one's descriptor is not used.
  EXPECT_THAT(Dump(r.set), ElementsAre("6 c@", "8 c@1.0.0"));
  EXPECT_THAT(r.diags,
              ElementsAre("yarn.lock:3:1: warning: entry \"a@npm:1\" is not a map; ignored",
                          "yarn.lock:4:1: warning: entry \"b@npm:1\" has no resolution; ignored",
                          "yarn.lock:6:1: warning: entry \"c@npm:1\" has no version",
                          "yarn.lock:8:1: warning: descriptor \"c@npm:1\" is listed by two "
                          "entries; the first is used",
                          "yarn.lock:8:1: warning: duplicate key 'c@npm:1' (first defined at "
                          "line 6)"));
}

}  // namespace
}  // namespace fnwarden::load::lockfile
