#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_go_test_util.h"
#include "test_util.h"

namespace fnwarden::load::lockfile {
namespace {


using Result = pygo_testing::ReadResult;

Result Read(const std::string& text, LockLimits limits = {}) {
  return pygo_testing::ReadText(ReadPoetryLock, "poetry.lock", text, limits);
}

// Poetry 2.1: groups, per-package files, git and directory sources.
TEST(PoetryLockTest, Fixture) {
  Result r = Read(fnwarden::testing::ReadFileOrDie(fnwarden::testing::SourceDir() +
                                                   "/tests/data/lockfiles/python/poetry.lock"));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "poetry.lock 2.1");
  EXPECT_TRUE(r.set.locked);
  EXPECT_EQ(r.set.ecosystem, model::Ecosystem::kPyPI);
  // iniconfig is not locked: pytest has no edge to it.
  EXPECT_EQ(r.packages,
            (std::vector<std::string>{
                "certifi@2024.2.2 hashes=SHA-256:b84418ee,SHA-256:240121a4 4:1",
                "colorama@0.4.6 dev hashes=SHA-256:bf94572e 16:1",
                "internal-sdk@3.1.0 git=https://git.example.com/team/internal-sdk.git 28:1",
                "pluggy@1.4.0 dev hashes=SHA-256:7cbfcafa 44:1",
                "PySocks@1.7.1 optional 55:1",
                "pytest@8.0.0 dev hashes=SHA-256:2a3948a7 deps=[colorama,pluggy] 65:1",
                "requests@2.31.0 hashes=SHA-256:d627c598 deps=[PySocks,certifi,urllib3] 81:1",
                "shared-utils@0.1.0 file=libs/shared-utils 102:1",
                "urllib3@2.2.1 hashes=SHA-256:4f19477c 116:1",
            }));
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

// Poetry 1.x: `category`, and the hashes under [metadata.files].
TEST(PoetryLockTest, LockVersion1) {
  Result r = Read(R"([[package]]
name = "requests"
version = "2.31.0"
description = ""
category = "main"
optional = false
python-versions = ">=3.7"

[package.dependencies]
IDNA = ">=2.5,<4"

[[package]]
name = "idna"
version = "3.6"
category = "main"
optional = false

[[package]]
name = "pytest"
version = "8.0.0"
category = "dev"
optional = false

[[package]]
name = "six"
version = "1.16.0"
category = "main"
optional = false

[[package]]
name = "six"
version = "1.15.0"
category = "main"
optional = false

[metadata]
lock-version = "1.1"
python-versions = "^3.9"
content-hash = "ea3bd73e2b506e00527232b3ed743c066da83a8e3066f62a71e75eb9b4aa1db6"

[metadata.files]
requests = [
    {file = "requests-2.31.0-py3-none-any.whl", hash = "sha256:d627c59830b6781fc724a95b1bc6ac6001e29c96bb1d9cae4937d48b9da8cd64"},
]
idna = []
six = [
    {file = "six-1.16.0-py2.py3-none-any.whl", hash = "sha256:b84418eeb0b459aefe25596e565f2a3d6c08b511aa9671192bddcb8ff7320ac6"},
]
)");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "poetry.lock 1.1");
  // six is locked at two versions: the hashes of [metadata.files] cannot be
  // told apart.
  EXPECT_EQ(r.packages, (std::vector<std::string>{
                            "requests@2.31.0 hashes=SHA-256:d627c598 deps=[idna] 2:1",
                            "idna@3.6 13:1",
                            "pytest@8.0.0 dev 19:1",
                            "six@1.16.0 25:1",
                            "six@1.15.0 31:1",
                        }));
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

struct Case {
  const char* name;
  std::string text;
  bool ok;
  std::vector<std::string> packages;
  std::vector<std::string> diags;
};

TEST(PoetryLockTest, BadInput) {
  const std::vector<Case> cases = {
      {"TOML syntax error",
       "[[package]]\nname = \"six\"\nversion = 1.0.0\n",
       false,
       {},
       {"poetry.lock:3:14: error: invalid TOML in floating-point: expected decimal digit or "
        "exponent, saw '.'"}},
      {"TOML but no poetry.lock", "[tool.black]\nline-length = 100\n", false, {}, {}},
      {"version of the wrong type",
       "[[package]]\nname = \"six\"\nversion = 3\n",
       true,
       {"six@ 2:1"},
       {"poetry.lock:3:11: error: package 'six': 'version' must be a string, not an integer"}},
      {"no version",
       "[[package]]\nname = \"six\"\n",
       true,
       {"six@ 2:1"},
       {"poetry.lock:2:1: error: package 'six' has no 'version'"}},
      {"no name",
       "[[package]]\nversion = \"1.0\"\n\n[[package]]\nname = \"six\"\nversion = "
       "\"1.16.0\"\n",
       true,
       {"six@1.16.0 5:1"},
       {"poetry.lock:1:1: error: a [[package]] has no 'name'"}},
      {"name of the wrong type",
       "[[package]]\nname = [\"six\"]\nversion = \"1\"\n",
       true,
       {},
       {"poetry.lock:2:8: error: 'name' must be a string, not an array"}},
      {"package not an array of tables",
       "package = \"six\"\n",
       true,
       {},
       {"poetry.lock:1:11: error: 'package' must be an array, not a string"}},
      {"hash without algorithm",
       "[[package]]\nname = \"six\"\nversion = \"1.16.0\"\nfiles = [{file = \"six.whl\", hash "
       "= \"b84418eeb0b459ae\"}]\n",
       true,
       {"six@1.16.0 2:1"},
       {"poetry.lock:4:36: error: package 'six': hash 'b84418eeb0b459ae' has no algorithm "
        "(expected 'sha256:' and the digest)"}},
      {"dependency of the wrong type",
       "[[package]]\nname = \"a\"\nversion = \"1\"\n[package.dependencies]\nb = 3\n\n"
       "[[package]]\nname = \"b\"\nversion = \"2\"\n",
       true,
       {"a@1 2:1", "b@2 8:1"},
       {"poetry.lock:5:5: error: package 'a': dependency 'b' must be a version string, a table "
        "or an array of tables, not an integer"}},
      {"group of the wrong type",
       "[[package]]\nname = \"six\"\nversion = \"1\"\ngroups = [\"dev\", 2]\n",
       true,
       {"six@1 2:1"},
       {"poetry.lock:4:18: error: package 'six': each group must be a string, not an integer"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result r = Read(c.text);
    EXPECT_EQ(r.ok, c.ok);
    EXPECT_EQ(r.packages, c.packages);
    EXPECT_EQ(r.diags, c.diags);
  }
}

TEST(PoetryLockTest, PackageCountIsCapped) {
  LockLimits limits;
  limits.max_packages = 1;
  Result r = Read(
      "[[package]]\nname = \"a\"\nversion = \"1\"\n[package.dependencies]\nb = \"*\"\n\n"
      "[[package]]\nname = \"b\"\nversion = \"2\"\n",
      limits);
  EXPECT_EQ(r.packages, std::vector<std::string>{"a@1 2:1"});
  EXPECT_EQ(r.diags, std::vector<std::string>{
                         "poetry.lock:8:1: error: more than 1 packages; the rest are not read"});
}

}  // namespace
}  // namespace fnwarden::load::lockfile
