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

struct FileCase {
  const char* path;
  const char* format;
  std::vector<std::string> dump;
};

// Written by pnpm 9, 8 and 7 from tests/data/lockfiles/npm/app's
// package.json (pnpm 8 and 9 install the root's peer left-pad as a
// dependency), and a pnpm 9 workspace whose api package links to shared.
TEST(PnpmLockTest, LockfilesWrittenByPnpm) {
  const FileCase cases[] = {
      {"pnpm/v9/pnpm-lock.yaml",
       "pnpm-lock.yaml v9.0",
       {
           "46 @sindresorhus/is@4.6.0 direct req=^4.6.0 #SHA-512",
           "50 @types/node@20.19.43 direct dev req=^20.11.0 #SHA-512 -> undici-types@6.21.0",
           "53 debug@2.6.9 direct req=2.6.9 #SHA-512 -> ms@2.0.0",
           "61 humanize-ms@1.2.1 direct req=^1.2.1 #SHA-512 -> ms@2.1.3",
           "64 is-number@7.0.0 direct optional req=^7.0.0 #SHA-512",
           "68 left-pad@1.3.0 direct req=^1.3.0 #SHA-512",
           "71 lodash@4.17.15 as lodash-old direct req=npm:lodash@4.17.15 #SHA-512",
           "74 ms@2.0.0 #SHA-512",
           "77 ms@2.1.3 direct req=^2.1.3 #SHA-512",
           "80 react@19.3.1 direct req=^19.0.0 #SHA-512",
           "84 undici-types@6.21.0 dev #SHA-512",
           "87 use-sync-external-store@1.7.0 direct req=^1.2.0 #SHA-512 -> react@19.3.1",
       }},
      {"pnpm/v6/pnpm-lock.yaml",
       "pnpm-lock.yaml v6.0",
       {
           "45 @sindresorhus/is@4.6.0 direct req=^4.6.0 #SHA-512",
           "50 @types/node@20.19.43 direct dev req=^20.11.0 #SHA-512 -> undici-types@6.21.0",
           "56 debug@2.6.9 direct req=2.6.9 #SHA-512 -> ms@2.0.0",
           "67 humanize-ms@1.2.1 direct req=^1.2.1 #SHA-512 -> ms@2.1.3",
           "73 is-number@7.0.0 direct optional req=^7.0.0 #SHA-512",
           "80 left-pad@1.3.0 direct req=^1.3.0 #SHA-512",
           "84 lodash@4.17.15 as lodash-old direct req=npm:lodash@4.17.15 #SHA-512",
           "88 ms@2.0.0 #SHA-512",
           "92 ms@2.1.3 direct req=^2.1.3 #SHA-512",
           "96 react@19.3.1 direct req=^19.0.0 #SHA-512",
           "101 undici-types@6.21.0 dev #SHA-512",
           "105 use-sync-external-store@1.7.0 direct req=^1.2.0 #SHA-512 -> react@19.3.1",
       }},
      {"pnpm/v5/pnpm-lock.yaml",
       "pnpm-lock.yaml v5.4",
       {
           "31 @sindresorhus/is@4.6.0 direct req=^4.6.0 #SHA-512",
           "36 @types/node@20.19.43 direct dev req=^20.11.0 #SHA-512 -> undici-types@6.21.0",
           "42 debug@2.6.9 direct req=2.6.9 #SHA-512 -> ms@2.0.0",
           "53 humanize-ms@1.2.1 direct req=^1.2.1 #SHA-512 -> ms@2.1.3",
           "59 is-number@7.0.0 direct optional req=^7.0.0 #SHA-512",
           "66 lodash@4.17.15 as lodash-old direct req=npm:lodash@4.17.15 #SHA-512",
           "70 ms@2.0.0 #SHA-512",
           "74 ms@2.1.3 direct req=^2.1.3 #SHA-512",
           "78 react@19.3.1 direct req=^19.0.0 #SHA-512",
           "83 undici-types@6.21.0 dev #SHA-512",
           "87 use-sync-external-store@1.7.0 direct req=^1.2.0 #SHA-512 -> react@19.3.1",
       }},
      // Workspace importers are packages named by the links to them; one
      // that nothing links to keeps its folder as its name.
      {"pnpm/workspace/pnpm-lock.yaml",
       "pnpm-lock.yaml v9.0",
       {
           "15 packages/api@ workspace:packages/api -> @demo/shared@, ms@2.1.3",
           "24 @demo/shared@ direct req=workspace:* workspace:packages/shared -> ms@2.0.0",
           "32 is-number@7.0.0 direct dev req=^7.0.0 #SHA-512",
           "36 ms@2.0.0 direct req=2.0.0 #SHA-512",
           "39 ms@2.1.3 direct req=^2.1.3 #SHA-512",
       }},
  };
  for (const FileCase& c : cases) {
    testing::ReadResult r = ReadData(ReadPnpmLock, c.path);
    EXPECT_TRUE(r.ok) << c.path;
    EXPECT_EQ(r.set.format, c.format) << c.path;
    EXPECT_EQ(r.set.ecosystem, model::Ecosystem::kNpm);
    EXPECT_TRUE(r.set.locked);
    EXPECT_THAT(Dump(r.set), ElementsAreArray(c.dump)) << c.path;
    EXPECT_THAT(r.diags, IsEmpty()) << c.path;
  }
}

struct TextCase {
  const char* name;
  const char* text;
  std::vector<std::string> dump;
};

TEST(PnpmLockTest, Corners) {
  const TextCase cases[] = {
      {"version 9: peer variants are one package",
       R"(lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      a:
        specifier: ^1
        version: 1.0.0(react@18.0.0)
      b:
        specifier: ^1
        version: 1.0.0
      react:
        specifier: ^18
        version: 18.0.0
packages:
  a@1.0.0:
    resolution: {integrity: sha1-AAECAwQFBgcICQoLDA0ODxAREhM=}
  b@1.0.0:
    resolution: {integrity: sha1-AAECAwQFBgcICQoLDA0ODxAREhM=}
  react@17.0.0:
    resolution: {integrity: sha1-AAECAwQFBgcICQoLDA0ODxAREhM=}
  react@18.0.0:
    resolution: {integrity: sha1-AAECAwQFBgcICQoLDA0ODxAREhM=}
snapshots:
  a@1.0.0(react@17.0.0):
    dependencies:
      react: 17.0.0
  a@1.0.0(react@18.0.0):
    dependencies:
      react: 18.0.0
  b@1.0.0:
    dependencies:
      a: 1.0.0(react@17.0.0)
      react-17: react@17.0.0
  react@17.0.0: {}
  react@18.0.0: {}
)",
       {"15 a@1.0.0 direct req=^1 #SHA-1 -> react@17.0.0, react@18.0.0",
        "17 b@1.0.0 direct req=^1 #SHA-1 -> a@1.0.0, react@17.0.0",
        "19 react@17.0.0 as react-17 #SHA-1", "21 react@18.0.0 direct req=^18 #SHA-1"}},
      {"version 5 and 6 peer suffixes",
       R"(lockfileVersion: 5.4
specifiers:
  a: ^1
dependencies:
  a: 1.0.0_react@18.2.0
packages:
  /a/1.0.0_react@18.2.0:
    resolution: {integrity: sha1-AAECAwQFBgcICQoLDA0ODxAREhM=}
    dependencies:
      react: 18.2.0
    dev: false
  /react/18.2.0:
    resolution: {integrity: sha1-AAECAwQFBgcICQoLDA0ODxAREhM=}
    dev: false
)",
       {"7 a@1.0.0 direct req=^1 #SHA-1 -> react@18.2.0", "12 react@18.2.0 #SHA-1"}},
      {"version 6 peer suffixes",
       R"(lockfileVersion: '6.0'
dependencies:
  '@s/a':
    specifier: ^1
    version: 1.0.0(@types/react@18.2.0)
packages:
  /@s/a@1.0.0(@types/react@18.2.0):
    resolution: {integrity: sha1-AAECAwQFBgcICQoLDA0ODxAREhM=}
    dependencies:
      '@types/react': 18.2.0
    dev: false
  /@types/react@18.2.0:
    resolution: {integrity: sha1-AAECAwQFBgcICQoLDA0ODxAREhM=}
    dev: false
)",
       {"7 @s/a@1.0.0 direct req=^1 #SHA-1 -> @types/react@18.2.0",
        "12 @types/react@18.2.0 #SHA-1"}},
      {"git, tarball and folder resolutions, and a link out of the workspace",
       R"(lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      g:
        specifier: github:u/g
        version: https://codeload.github.com/u/g/tar.gz/0123abc
      t:
        specifier: https://example.com/t.tgz
        version: https://example.com/t.tgz
      d:
        specifier: file:../d
        version: file:../d
      l:
        specifier: link:../l
        version: link:../l
packages:
  g@https://codeload.github.com/u/g/tar.gz/0123abc:
    resolution: {tarball: https://codeload.github.com/u/g/tar.gz/0123abc}
    version: 2.0.0
  t@https://example.com/t.tgz:
    resolution: {integrity: sha1-AAECAwQFBgcICQoLDA0ODxAREhM=, tarball: https://example.com/t.tgz}
    version: 1.0.0
  d@file:../d:
    resolution: {directory: ../d, type: directory}
    version: 0.1.0
  r@git+https://example.com/r.git#0123abc:
    resolution: {commit: 0123abc, repo: https://example.com/r.git, type: git}
    version: 3.0.0
snapshots:
  g@https://codeload.github.com/u/g/tar.gz/0123abc: {}
  t@https://example.com/t.tgz:
    dependencies:
      r: git+https://example.com/r.git#0123abc
  d@file:../d: {}
  r@git+https://example.com/r.git#0123abc: {}
)",
       {"18 g@2.0.0 direct req=github:u/g git:https://codeload.github.com/u/g/tar.gz/0123abc",
        "21 t@1.0.0 direct req=https://example.com/t.tgz url:https://example.com/t.tgz #SHA-1 -> "
        "r@3.0.0",
        "24 d@0.1.0 direct req=file:../d file:../d",
        "27 r@3.0.0 git:https://example.com/r.git#0123abc",
        "14 l@ direct req=link:../l file:../l"}},
      {"version 9: dev is what only devDependencies reach",
       R"(lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      a: {specifier: '1', version: 1.0.0}
    devDependencies:
      b: {specifier: '1', version: 1.0.0}
packages:
  a@1.0.0: {}
  b@1.0.0: {}
  c@1.0.0: {}
  d@1.0.0: {}
snapshots:
  a@1.0.0:
    dependencies: {c: 1.0.0}
  b@1.0.0:
    dependencies: {c: 1.0.0, d: 1.0.0}
  c@1.0.0: {}
  d@1.0.0: {}
)",
       {"9 a@1.0.0 direct req=1 -> c@1.0.0", "10 b@1.0.0 direct dev req=1 -> c@1.0.0, d@1.0.0",
        "11 c@1.0.0", "12 d@1.0.0 dev"}},
  };
  for (const TextCase& c : cases) {
    testing::ReadResult r = Read(ReadPnpmLock, "pnpm-lock.yaml", c.text);
    EXPECT_TRUE(r.ok) << c.name;
    EXPECT_THAT(Dump(r.set), ElementsAreArray(c.dump)) << c.name;
    EXPECT_THAT(r.diags, IsEmpty()) << c.name;
  }
}

TEST(PnpmLockTest, TheProjectsDocumentAfterPnpmsOwn) {
  testing::ReadResult r = Read(ReadPnpmLock, "pnpm-lock.yaml", R"(---
lockfileVersion: '9.0'
importers:
  .:
    configDependencies:
      c: {specifier: 1.0.0, version: 1.0.0}
packages:
  c@1.0.0: {}
---
lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      a: {specifier: ^1, version: 1.0.0}
packages:
  a@1.0.0: {}
)");
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("16 a@1.0.0 direct req=^1"));
  EXPECT_THAT(r.diags, IsEmpty());
}

// ---- bad input: one test per kind ----------------------------------------

TEST(PnpmLockTest, NotYaml) {
  testing::ReadResult r = Read(ReadPnpmLock, "pnpm-lock.yaml", "lockfileVersion: '9.0\n");
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_THAT(r.diags[0], ::testing::StartsWith("pnpm-lock.yaml:1:18: error: "));
}

TEST(PnpmLockTest, WrongTopLevelType) {
  testing::ReadResult r = Read(ReadPnpmLock, "pnpm-lock.yaml", "- lockfileVersion\n");
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.diags, ElementsAre("pnpm-lock.yaml:1:1: error: a pnpm lockfile must be a map"));
}

TEST(PnpmLockTest, NoLockfileVersion) {
  testing::ReadResult r = Read(ReadPnpmLock, "pnpm-lock.yaml", "packages:\n  a@1.0.0: {}\n");
  EXPECT_FALSE(r.ok);
  EXPECT_THAT(r.diags, ElementsAre("pnpm-lock.yaml:1:1: error: not a pnpm lockfile: it has no "
                                   "lockfileVersion"));
}

TEST(PnpmLockTest, UnknownVersionIsReadWithAWarning) {
  testing::ReadResult r =
      Read(ReadPnpmLock, "pnpm-lock.yaml", "lockfileVersion: '10.0'\npackages:\n  a@1.0.0: {}\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "pnpm-lock.yaml v10.0");
  EXPECT_THAT(Dump(r.set), ElementsAre("3 a@1.0.0"));
  EXPECT_THAT(r.diags, ElementsAre("pnpm-lock.yaml:1:18: warning: unknown lockfileVersion "
                                   "\"10.0\"; read as version 9"));
}

TEST(PnpmLockTest, EntriesMissingTheirParts) {
  testing::ReadResult r = Read(ReadPnpmLock, "pnpm-lock.yaml", R"(lockfileVersion: '9.0'
packages:
  a: {}
  b@1.0.0: 1
  '@': {}
snapshots:
  c@1.0.0:
    dependencies:
      d: 1.0.0
)");
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("3 a@", "5 @@", "7 c@1.0.0"));
  EXPECT_THAT(r.diags,
              ElementsAre("pnpm-lock.yaml:3:3: warning: package \"a\" has no version",
                          "pnpm-lock.yaml:4:3: warning: package \"b@1.0.0\" is not a map; ignored",
                          "pnpm-lock.yaml:5:3: warning: package \"@\" has no version",
                          "pnpm-lock.yaml:9:7: warning: dependency \"d 1.0.0\" has no entry in "
                          "the lockfile"));
}

TEST(PnpmLockTest, SectionsThatAreNotMaps) {
  testing::ReadResult r =
      Read(ReadPnpmLock, "pnpm-lock.yaml", "lockfileVersion: '9.0'\nimporters: []\npackages: 1\n");
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), IsEmpty());
  EXPECT_THAT(r.diags, ElementsAre("pnpm-lock.yaml:2:12: error: importers must be a map",
                                   "pnpm-lock.yaml:3:11: error: packages must be a map"));
}

TEST(PnpmLockTest, MorePackagesThanTheLimit) {
  LockLimits limits;
  limits.max_packages = 1;
  testing::ReadResult r =
      Read(ReadPnpmLock, "pnpm-lock.yaml",
           "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\n  b@1.0.0: {}\n", limits);
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("3 a@1.0.0"));
  EXPECT_THAT(r.diags, ElementsAre("pnpm-lock.yaml:4:3: error: more than 1 packages; the rest of "
                                   "the file is not read"));
}

TEST(PnpmLockTest, DuplicateKeys) {
  testing::ReadResult r = Read(ReadPnpmLock, "pnpm-lock.yaml",
                               "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\n  a@1.0.0: {}\n");
  EXPECT_TRUE(r.ok);
  EXPECT_THAT(Dump(r.set), ElementsAre("3 a@1.0.0"));
  EXPECT_THAT(r.diags, ElementsAre("pnpm-lock.yaml:4:3: warning: duplicate key 'a@1.0.0' (first "
                                   "defined at line 3)"));
}

}  // namespace
}  // namespace fnwarden::load::lockfile
