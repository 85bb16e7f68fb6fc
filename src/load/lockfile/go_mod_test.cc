#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_go_test_util.h"
#include "test_util.h"

namespace fnwarden::load::lockfile {
namespace {


using Result = pygo_testing::ReadResult;

Result ReadMod(const std::string& text) { return pygo_testing::ReadText(ReadGoMod, "go.mod", text); }
Result ReadSum(const std::string& text) { return pygo_testing::ReadText(ReadGoSum, "go.sum", text); }

std::string Fixture(const std::string& name) {
  return fnwarden::testing::ReadFileOrDie(fnwarden::testing::SourceDir() +
                                          "/tests/data/lockfiles/go/" + name);
}

TEST(GoModTest, Fixture) {
  Result r = ReadMod(Fixture("go.mod"));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "go.mod");
  EXPECT_EQ(r.set.ecosystem, model::Ecosystem::kGo);
  EXPECT_TRUE(r.set.locked);
  EXPECT_EQ(r.set.manifest_path, "go.mod");
  // x/net is pinned to v0.23.0 by a replace, shared is a local folder,
  // go-jmespath v0.4.0 is swapped for a fork; yaml.v3 is indirect whatever
  // its comment adds after "indirect;".
  EXPECT_EQ(r.packages, (std::vector<std::string>{
                            "github.com/aws/aws-lambda-go@v1.46.0 direct 9:2",
                            "github.com/aws/aws-sdk-go-v2/config@v1.27.5 direct 10:2",
                            "golang.org/x/net@v0.23.0 direct 11:2",
                            "example.com/shared@ direct file=../shared 12:2",
                            "github.com/aws/aws-sdk-go-v2@v1.25.2 16:2",
                            "github.com/example/go-jmespath@v0.4.1-fix 17:2",
                            "gopkg.in/yaml.v3@v3.0.1 18:2",
                            "github.com/google/uuid@v1.6.0 direct 21:9",
                        }));
  EXPECT_EQ(r.declared, (std::vector<std::string>{
                            "github.com/aws/aws-lambda-go req=v1.46.0 9:2",
                            "github.com/aws/aws-sdk-go-v2/config req=v1.27.5 10:2",
                            "golang.org/x/net req=v0.17.0 11:2",
                            "example.com/shared req=v0.0.0-00010101000000-000000000000 12:2",
                            "github.com/google/uuid req=v1.6.0 21:9",
                        }));
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

struct Case {
  const char* name;
  std::string text;
  std::vector<std::string> packages;
  std::vector<std::string> diags;
};

TEST(GoModTest, Directives) {
  const std::vector<Case> cases = {
      {"empty", "", {}, {}},
      {"module only", "module example.com/app\n\ngo 1.22\n", {}, {}},
      {"a replace of one version leaves the others",
       "require a.com/x v1.0.0\nreplace a.com/x v0.9.0 => a.com/x v0.9.1\n",
       {"a.com/x@v1.0.0 direct 1:9"},
       {}},
      {"a replace of one version wins over a replace of all",
       "require a.com/x v1.0.0\nreplace a.com/x => ./x\nreplace a.com/x v1.0.0 => a.com/y "
       "v2.0.0\n",
       {"a.com/y@v2.0.0 direct 1:9"},
       {}},
      {"raw strings, a block of one directive, comments",
       "// comment\nrequire ( // why\n\t`a.com/x` v1.0.0 // indirect\n)\ngodebug "
       "(\n\tdefault=go1.21\n)\n"
       "tool a.com/x/cmd\n",
       {"a.com/x@v1.0.0 3:2"},
       {}},
      {"retractions", "retract v1.0.0\nretract [v1.1.0, v1.2.0] // broken\n", {}, {}},
      {"CRLF and lone CR line ends",
       "require (\r\n\ta.com/x v1.0.0 // indirect\r\n)\rrequire b.com/y v2.0.0\r\n",
       {"a.com/x@v1.0.0 2:2", "b.com/y@v2.0.0 direct 4:9"},
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result r = ReadMod(c.text);
    EXPECT_TRUE(r.ok);
    EXPECT_EQ(r.packages, c.packages);
    EXPECT_EQ(r.diags, c.diags);
  }
}

TEST(GoModTest, BadInput) {
  const std::vector<Case> cases = {
      {"unterminated block",
       "module m\n\nrequire (\n\tgithub.com/a/b v1.0.0\n",
       {"github.com/a/b@v1.0.0 direct 4:2"},
       {"go.mod:3:9: error: 'require (' block is not closed"}},
      {"require without a version",
       "require github.com/a/b\n",
       {},
       {"go.mod:1:9: error: 'require' needs a module path and a version"}},
      {"not a module version",
       "require github.com/a/b 1.2.3\n",
       {},
       {"go.mod:1:24: error: '1.2.3' is not a module version such as v1.2.3"}},
      {"replace without a replacement",
       "replace a.com/x =>\nrequire a.com/x v1.0.0\n",
       {"a.com/x@v1.0.0 direct 2:9"},
       {"go.mod:1:9: error: 'replace' needs 'module [version] => module version' or '=> "
        "./path'"}},
      {"replacement module without a version",
       "replace a.com/x => b.com/y\n",
       {},
       {"go.mod:1:20: error: replacement 'b.com/y' needs a version, or a local path starting "
        "with ./ or ../"}},
      {"unknown directive",
       "frobnicate x\nfrob (\n\tx\n)\nrequire a.com/x v1.0.0\n",
       {"a.com/x@v1.0.0 direct 5:9"},
       {"go.mod:1:1: warning: unknown directive 'frobnicate'",
        "go.mod:2:1: warning: unknown directive 'frob'"}},
      {"string not closed",
       "require \"github.com/a/b v1.0.0\nrequire a.com/x v1.0.0\n",
       {"a.com/x@v1.0.0 direct 2:9"},
       {"go.mod:1:9: error: string is not closed"}},
      {"')' outside a block", ")\n", {}, {"go.mod:1:1: error: unexpected ')'"}},
      {"'(' inside a block",
       "require (\n a.com/x ( v1.0.0\n)\n",
       {},
       {"go.mod:2:10: error: unexpected '('"}},
      {"a module required twice",
       "require a.com/x v1.0.0\nrequire a.com/x v1.1.0\n",
       {"a.com/x@v1.0.0 direct 1:9"},
       {"go.mod:2:9: warning: module 'a.com/x' is required twice (first at line 1); the first "
        "is kept"}},
      {"empty module paths",
       "require \"\" v1.0.0\nreplace a.com/x => `` v1.0.0\n",
       {},
       {"go.mod:1:9: error: the module path is empty",
        "go.mod:2:20: error: the module path is empty"}},
      {"retract without a closing bracket",
       "retract [v1.0.0\n",
       {},
       {"go.mod:1:9: error: 'retract' needs a version or a range [low, high]"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result r = ReadMod(c.text);
    EXPECT_TRUE(r.ok);
    EXPECT_EQ(r.packages, c.packages);
    EXPECT_EQ(r.diags, c.diags);
  }
}

TEST(GoSumTest, Fixture) {
  Result r = ReadSum(Fixture("go.sum"));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "go.sum");
  EXPECT_TRUE(r.set.locked);
  // gopkg.in/yaml.v3 has only its go.mod's hash: no package.
  EXPECT_EQ(r.packages, (std::vector<std::string>{
                            "github.com/aws/aws-lambda-go@v1.46.0 hashes=SHA-256:554e79e6 1:1",
                            "github.com/aws/aws-sdk-go-v2/config@v1.27.5 hashes=SHA-256:b79606fb "
                            "3:1",
                            "golang.org/x/net@v0.23.0 hashes=SHA-256:a08a0fcb 4:1",
                            "github.com/google/uuid@v1.6.0 hashes=SHA-256:75666699 6:1",
                            "github.com/aws/aws-sdk-go-v2@v1.25.2 hashes=SHA-256:a9d0df18 7:1",
                        }));
  EXPECT_EQ(r.set.packages[0].hashes[0].hex,
            "554e79e652b29f3a01dcf98e494b9928a1dc12cc83b83e730574c9b37ca6359f");
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

TEST(GoSumTest, BadInput) {
  const std::vector<Case> cases = {
      {"two fields",
       "a.com/x v1.0.0\n",
       {},
       {"go.sum:1:1: error: a go.sum line must be 'module version hash'"}},
      {"hash without algorithm",
       "a.com/x v1.0.0 VU555lKynzoB3PmOSUuZKKHcEsyDuD5zBXTJs3ymNZ8=\n",
       {"a.com/x@v1.0.0 1:1"},
       {"go.sum:1:16: error: hash 'VU555lKynzoB3PmOSUuZKKHcEsyDuD5zBXTJs3ymNZ8=' has no "
        "algorithm (expected 'h1:')"}},
      {"not base64 of 32 bytes",
       "a.com/x v1.0.0 h1:abc\na.com/y v1.0.0 h1:YWJj\n",
       {"a.com/x@v1.0.0 1:1", "a.com/y@v1.0.0 2:1"},
       {"go.sum:1:16: error: hash 'h1:abc' is not a base64 SHA-256 digest",
        "go.sum:2:16: error: hash 'h1:YWJj' is not a base64 SHA-256 digest"}},
      {"unknown algorithm",
       "a.com/x v1.0.0 h9:abc\n",
       {"a.com/x@v1.0.0 1:1"},
       {"go.sum:1:16: warning: unknown hash algorithm 'h9'; the hash is not recorded"}},
      {"two hashes for one module version",
       "a.com/x v1.0.0 h1:VU555lKynzoB3PmOSUuZKKHcEsyDuD5zBXTJs3ymNZ8=\n"
       "a.com/x v1.0.0 h1:VU555lKynzoB3PmOSUuZKKHcEsyDuD5zBXTJs3ymNZ8=\n"
       "a.com/x v1.0.0 h1:t5YG+zr+pb0WCe1AtiIULxyYElq8/omnamYbDo40ORA=\n",
       {"a.com/x@v1.0.0 hashes=SHA-256:554e79e6 1:1"},
       {"go.sum:3:16: warning: another hash for a.com/x@v1.0.0 than at line 1; the first is "
        "kept"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result r = ReadSum(c.text);
    EXPECT_TRUE(r.ok);
    EXPECT_EQ(r.packages, c.packages);
    EXPECT_EQ(r.diags, c.diags);
  }
}

// The go.mod and go.sum files of the shared corpus read without an error.
TEST(GoModTest, Corpus) {
  std::string shared = fnwarden::testing::SharedDir();
  namespace fs = std::filesystem;
  fs::path root = fs::path(shared) / "corpus" / "apps";
  if (shared.empty() || !fs::exists(root)) GTEST_SKIP() << "no ../shared/corpus/apps";
  size_t mods = 0, sums = 0, mod_packages = 0, sum_packages = 0;
  std::vector<std::string> errors;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root)) {
    std::string name = e.path().filename().string();
    if (!e.is_regular_file() || (name != "go.mod" && name != "go.sum")) continue;
    util::SourceFile file(fs::relative(e.path(), root).string(),
                          fnwarden::testing::ReadFileOrDie(e.path().string()));
    util::DiagnosticSink diags;
    model::PackageSet set;
    if (name == "go.mod") {
      EXPECT_TRUE(ReadGoMod(file, {}, &diags, &set)) << file.path();
      ++mods;
      mod_packages += set.packages.size();
    } else {
      EXPECT_TRUE(ReadGoSum(file, {}, &diags, &set)) << file.path();
      ++sums;
      sum_packages += set.packages.size();
    }
    for (const model::Package& p : set.packages) {
      EXPECT_FALSE(p.name.empty()) << file.path();
      EXPECT_TRUE(p.loc.known()) << file.path();
    }
    for (const util::Diagnostic& d : diags.Sorted()) {
      if (d.level == util::DiagLevel::kError) errors.push_back(util::RenderHeadline(d));
    }
  }
  EXPECT_GE(mods, 20u);
  EXPECT_GE(sums, 20u);
  EXPECT_GT(mod_packages, 0u);
  EXPECT_GT(sum_packages, 0u);
  EXPECT_EQ(errors, std::vector<std::string>{});
}

}  // namespace
}  // namespace fnwarden::load::lockfile
