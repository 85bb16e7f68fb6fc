#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_go_test_util.h"
#include "test_util.h"

namespace fnwarden::load::lockfile {
namespace {


using Result = pygo_testing::ReadResult;

Result Read(const std::string& text) {
  return pygo_testing::ReadText(ReadUvLock, "uv.lock", text);
}

// The project `app` requires requests and a local library, has an extra s3
// (fsspec) and a dev group (pytest, and requests with its socks extra).
TEST(UvLockTest, Fixture) {
  Result r = Read(fnwarden::testing::ReadFileOrDie(fnwarden::testing::SourceDir() +
                                                   "/tests/data/lockfiles/python/uv.lock"));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.set.format, "uv.lock v1");
  EXPECT_TRUE(r.set.locked);
  EXPECT_EQ(r.set.ecosystem, model::Ecosystem::kPyPI);
  EXPECT_EQ(r.packages,
            (std::vector<std::string>{
                "app@0.1.0 workspace=. deps=[requests,shared-utils,fsspec,pytest] 6:1",
                "certifi@2024.2.2 hashes=SHA-256:240121a4,SHA-256:b84418ee 40:1",
                "fsspec@2024.2.0 req=>=2024.2 direct optional hashes=SHA-256:8f194f43 49:1",
                "iniconfig@2.0.0 dev hashes=SHA-256:4b578435 57:1",
                "internal-sdk@3.1.0 git=https://git.example.com/team/internal-sdk.git?tag=v3.1.0"
                "#4f2a9c1d5b7e8f90a1b2c3d4e5f60718293a4b5c 65:1",
                // Only the dev group asks for requests[socks].
                "pysocks@1.7.1 dev hashes=SHA-256:992d0214 70:1",
                "pytest@8.0.0 req=>=8 direct dev hashes=SHA-256:2a3948a7 deps=[iniconfig] 78:1",
                "requests@2.31.0 req=>=2.31 direct hashes=SHA-256:d627c598 "
                "deps=[certifi,urllib3,pysocks] 89:1",
                "shared-utils@0.1.0 direct file=libs/shared-utils deps=[internal-sdk] 106:1",
                "urllib3@2.2.1 hashes=SHA-256:4f19477c 114:1",
            }));
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

TEST(UvLockTest, VersionsOfOneNameAreToldApart) {
  Result r = Read(R"(version = 1
revision = 3

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [{ name = "numpy", version = "1.26.4", source = { registry = "https://pypi.org/simple" } }]

[[package]]
name = "numpy"
version = "1.26.4"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "numpy"
version = "2.0.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "local"
source = { path = "dist/local-0.1-py3-none-any.whl" }
)");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.packages, (std::vector<std::string>{
                            "app@0.1.0 workspace=. deps=[numpy] 5:1",
                            "numpy@1.26.4 direct 11:1",
                            "numpy@2.0.0 16:1",
                            "local@ file=dist/local-0.1-py3-none-any.whl 21:1",
                        }));
  EXPECT_EQ(r.set.packages[0].dependencies, std::vector<uint32_t>{1});
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

TEST(UvLockTest, WithoutAWorkspacePackageNothingIsMarked) {
  Result r = Read(R"(version = 1
[[package]]
name = "a"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "b" }]
[[package]]
name = "b"
version = "2.0"
source = { url = "https://example.com/b-2.0.tar.gz" }
)");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.packages, (std::vector<std::string>{
                            "a@1.0 deps=[b] 3:1",
                            "b@2.0 url=https://example.com/b-2.0.tar.gz 8:1",
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

TEST(UvLockTest, BadInput) {
  const std::vector<Case> cases = {
      {"TOML syntax error",
       "version = 1\n[[package]\nname = \"a\"\n",
       false,
       {},
       {"uv.lock:2:11: error: invalid TOML in table header: expected ']', saw '\\n'"}},
      {"TOML but no uv.lock", "[project]\nname = \"app\"\n", false, {}, {}},
      {"version of the wrong type",
       "version = \"1\"\n[[package]]\nname = \"a\"\n",
       true,
       {"a@ 3:1"},
       {"uv.lock:1:11: error: 'version' must be an integer, not a string"}},
      {"a newer version",
       "version = 2\n",
       true,
       {},
       {"uv.lock:1:11: warning: uv.lock version 2 is not the version fnwarden knows (1); read "
        "as version 1"}},
      {"package version of the wrong type",
       "version = 1\n[[package]]\nname = \"a\"\nversion = 1.5\n",
       true,
       {"a@ 3:1"},
       {"uv.lock:4:11: error: package 'a': 'version' must be a string, not a number"}},
      {"dependency that is not locked",
       "version = 1\n[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = [{ name = "
       "\"b\" }, { name = \"c\", version = \"2\" }]\n[[package]]\nname = \"c\"\nversion = "
       "\"3\"\n",
       true,
       {"a@1 3:1", "c@3 7:1"},
       {"uv.lock:5:17: warning: package 'a': dependency 'b' is not locked",
        "uv.lock:5:33: warning: package 'a': dependency 'c 2' is not locked"}},
      {"dependency without a name",
       "version = 1\n[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = [{ version = "
       "\"1\" }, \"b\"]\n",
       true,
       {"a@1 3:1"},
       {"uv.lock:5:17: error: package 'a': a dependency has no 'name'",
        "uv.lock:5:36: error: package 'a': each dependency must be a table, not a string"}},
      {"hash with an unknown algorithm and a wheel that is no table",
       "version = 1\n[[package]]\nname = \"a\"\nversion = \"1\"\nsdist = { url = \"a.tgz\", "
       "hash = \"blake2b:00\" }\nwheels = [\"a.whl\"]\n",
       true,
       {"a@1 3:1"},
       {"uv.lock:5:33: error: package 'a': unknown hash algorithm 'blake2b'",
        "uv.lock:6:11: error: package 'a': each wheel must be a table, not a string"}},
      {"source of the wrong type",
       "version = 1\n[[package]]\nname = \"a\"\nversion = \"1\"\nsource = { git = 3 }\n",
       true,
       {"a@1 3:1"},
       {"uv.lock:5:18: error: package 'a': source 'git' must be a string, not an integer"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result r = Read(c.text);
    EXPECT_EQ(r.ok, c.ok);
    EXPECT_EQ(r.packages, c.packages);
    EXPECT_EQ(r.diags, c.diags);
  }
}

}  // namespace
}  // namespace fnwarden::load::lockfile
