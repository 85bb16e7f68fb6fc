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
using pygo_testing::DumpDeclared;

struct Result {
  bool ok = false;
  std::vector<std::string> declared;
  std::vector<std::string> diags;
};

Result Read(const std::string& text) {
  util::SourceFile file("pyproject.toml", text);
  util::DiagnosticSink diags;
  std::vector<model::PackageSet::Declared> declared;
  Result r;
  r.ok = ReadPyproject(file, &diags, &declared);
  r.declared = DumpDeclared(declared);
  r.diags = Diags(diags);
  return r;
}

// Poetry's tables: constraints as written, `python` left out, the dev group.
TEST(PyprojectTest, PoetryFixture) {
  Result r = Read(fnwarden::testing::ReadFileOrDie(fnwarden::testing::SourceDir() +
                                                   "/tests/data/lockfiles/python/pyproject.toml"));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.declared, (std::vector<std::string>{
                            "requests req=^2.31 9:1",
                            "internal-sdk 10:1",
                            "shared-utils 11:1",
                            "urllib3 req=^2.2 || ^1.26 12:1",
                            "certifi 16:1",
                            "pytest req=^8.0 dev 19:1",
                        }));
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

TEST(PyprojectTest, Pep621AndDependencyGroups) {
  Result r = Read(R"([project]
name = "app"
version = "0.1.0"
dependencies = [
    "requests>=2.31",
    "boto3==1.34.0; python_version >= '3.8'",
    "pydantic[email] >=2.6",
    "internal-sdk @ git+https://git.example.com/team/internal-sdk.git@v3.1.0",
]

[project.optional-dependencies]
s3 = ["s3fs>=2024.2"]

[dependency-groups]
dev = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff"]

[tool.uv]
dev-dependencies = ["mypy>=1.8"]

[tool.poetry.group.main.dependencies]
click = "~8.1"

[tool.poetry.dev-dependencies]
black = "24.1.0"
)");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.declared, (std::vector<std::string>{
                            "requests req=>=2.31 5:6",
                            "boto3 req===1.34.0 6:6",
                            "pydantic req=>=2.6 7:6",
                            "internal-sdk 8:6",
                            "s3fs req=>=2024.2 12:8",
                            "pytest req=>=8 dev 15:9",
                            "ruff dev 16:10",
                            "mypy req=>=1.8 dev 19:22",
                            "click req=~8.1 22:1",
                            "black req=24.1.0 dev 25:1",
                        }));
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

TEST(PyprojectTest, AStringWithEscapesPointsAtItsQuote) {
  // The escape comes before the name: the name's column in the file is not
  // its offset in the value.
  Result r = Read("[project]\ndependencies = [\"\\u0020requests\", 'six']\n");
  EXPECT_EQ(r.declared, (std::vector<std::string>{"requests 2:17", "six 2:36"}));
}

struct Case {
  const char* name;
  std::string text;
  bool ok;
  std::vector<std::string> declared;
  std::vector<std::string> diags;
};

TEST(PyprojectTest, BadInput) {
  const std::vector<Case> cases = {
      {"TOML syntax error",
       "[project\nname = \"x\"\n",
       false,
       {},
       {"pyproject.toml:1:9: error: invalid TOML in table header: expected ']', saw '\\n'"}},
      {"requirement that is not PEP 508",
       "[project]\ndependencies = [\"requests >= \", \"six\"]\n",
       true,
       {"six 2:34"},
       {"pyproject.toml:2:30: error: invalid requirement: expected a version after '>='"}},
      {"dependencies of the wrong type",
       "[project]\ndependencies = \"requests\"\n",
       true,
       {},
       {"pyproject.toml:2:16: error: 'project.dependencies' must be an array of requirement "
        "strings, not a string"}},
      {"a requirement of the wrong type",
       "[project]\ndependencies = [\"six\", 3]\n",
       true,
       {"six 2:18"},
       {"pyproject.toml:2:24: error: each of 'project.dependencies' must be a requirement "
        "string, not an integer"}},
      {"Poetry constraint of the wrong type",
       "[tool.poetry.dependencies]\nrequests = 2\n",
       true,
       {},
       {"pyproject.toml:2:12: error: dependency 'requests' must be a version string, a table or "
        "an array, not an integer"}},
      {"Poetry group dependencies of the wrong type",
       "[tool.poetry.group.dev]\ndependencies = 3\n",
       true,
       {},
       {"pyproject.toml:2:16: error: tool.poetry.group.dev: 'dependencies' must be a table, not "
        "an integer"}},
      {"Poetry version of the wrong type",
       "[tool.poetry.dependencies]\nrequests = {version = 2}\n",
       true,
       {"requests 2:1"},
       {"pyproject.toml:2:23: error: dependency 'requests': 'version' must be a string, not an "
        "integer"}},
      {"empty Poetry name",
       "[tool.poetry.dependencies]\n\"\" = \"*\"\nsix = \"*\"\n",
       true,
       {"six 3:1"},
       {"pyproject.toml:2:1: error: a package name is empty"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result r = Read(c.text);
    EXPECT_EQ(r.ok, c.ok);
    EXPECT_EQ(r.declared, c.declared);
    EXPECT_EQ(r.diags, c.diags);
  }
}

// The pyproject.toml files of the shared corpus read without an error.
TEST(PyprojectTest, Corpus) {
  std::string shared = fnwarden::testing::SharedDir();
  namespace fs = std::filesystem;
  fs::path root = fs::path(shared) / "corpus" / "apps";
  if (shared.empty() || !fs::exists(root)) GTEST_SKIP() << "no ../shared/corpus/apps";
  size_t files = 0;
  std::vector<std::string> errors;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().filename() != "pyproject.toml") continue;
    util::SourceFile file(fs::relative(e.path(), root).string(),
                          fnwarden::testing::ReadFileOrDie(e.path().string()));
    util::DiagnosticSink diags;
    std::vector<model::PackageSet::Declared> declared;
    EXPECT_TRUE(ReadPyproject(file, &diags, &declared)) << file.path();
    ++files;
    for (const util::Diagnostic& d : diags.Sorted()) {
      if (d.level == util::DiagLevel::kError) errors.push_back(util::RenderHeadline(d));
    }
  }
  EXPECT_GE(files, 3u);
  EXPECT_EQ(errors, std::vector<std::string>{});
}

}  // namespace
}  // namespace fnwarden::load::lockfile
