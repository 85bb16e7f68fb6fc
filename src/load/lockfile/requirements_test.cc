#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_go_test_util.h"
#include "load/lockfile/python_internal.h"
#include "test_util.h"

namespace fnwarden::load::lockfile {
namespace {

using pygo_testing::Diags;
using pygo_testing::Dump;

const char kSha[] = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

// Files the requirements file may include, by the path it names.
class FakeIncludes {
 public:
  void Add(const std::string& path, const std::string& text) {
    files_[path] = std::make_unique<util::SourceFile>(path, text);
  }
  IncludeReader Reader() {
    return [this](const util::SourceFile&, std::string_view rel) -> const util::SourceFile* {
      reads_.emplace_back(rel);
      auto it = files_.find(std::string(rel));
      return it == files_.end() ? nullptr : it->second.get();
    };
  }
  const std::vector<std::string>& reads() const { return reads_; }

 private:
  std::map<std::string, std::unique_ptr<util::SourceFile>> files_;
  std::vector<std::string> reads_;
};

struct Result {
  model::PackageSet set;
  std::vector<std::string> packages;
  std::vector<std::string> diags;
};

Result Read(const std::string& text, FakeIncludes* includes = nullptr,
            const std::string& path = "requirements.txt", LockLimits limits = {}) {
  util::SourceFile file(path, text);
  util::DiagnosticSink diags;
  Result r;
  IncludeReader reader = includes ? includes->Reader() : IncludeReader{};
  EXPECT_TRUE(ReadRequirements(file, reader, limits, &diags, &r.set));
  r.packages = Dump(r.set);
  r.diags = Diags(diags);
  for (model::Package& p : r.set.packages) p.loc.file = nullptr;  // `file` goes
  return r;
}

struct Case {
  const char* name;
  std::string text;
  std::vector<std::string> packages;
  std::vector<std::string> diags;
};

TEST(RequirementsTest, Lines) {
  const std::vector<Case> cases = {
      {"empty", "", {}, {}},
      {"only comments and blanks", "# pinned by hand\n\n   \n  # indented\n", {}, {}},
      {"pinned", "requests==2.31.0\n", {"requests@2.31.0 req===2.31.0 direct 1:1"}, {}},
      {"arbitrary equality pins",
       "foo===1.0-custom\n",
       {"foo@1.0-custom req====1.0-custom direct 1:1"},
       {}},
      {"spaces around the operator",
       "boto3 >= 1.18.53\n  six == 1.16.0\n",
       {"boto3@ req=>= 1.18.53 direct 1:1", "six@1.16.0 req=== 1.16.0 direct 2:3"},
       {}},
      {"unpinned forms never get a version",
       "a>=1.0\nb~=1.4\nc\nd==1.*\ne>=2,<3\nf!=1.5\n",
       {"a@ req=>=1.0 direct 1:1", "b@ req=~=1.4 direct 2:1", "c@ direct 3:1",
        "d@ req===1.* direct 4:1", "e@ req=>=2,<3 direct 5:1", "f@ req=!=1.5 direct 6:1"},
       {}},
      {"extras are not part of the name",
       "celery[redis, sqs]==5.3.4\npyjwt[crypto]\n",
       {"celery@5.3.4 req===5.3.4 direct 1:1", "pyjwt@ direct 2:1"},
       {}},
      {"markers keep the package",
       "typing-extensions==4.9.0; python_version >= '3.8'\n"
       "pywin32==306 ; sys_platform == \"win32\"\n",
       {"typing-extensions@4.9.0 req===4.9.0 direct 1:1", "pywin32@306 req===306 direct 2:1"},
       {}},
      {"old parenthesised form",
       "zope.interface (>=5.0)\n",
       {"zope.interface@ req=>=5.0 direct 1:1"},
       {}},
      {"comments after a blank go, a '#' inside a word stays",
       "idna==3.6  # via requests\n#boto3==1\nurllib3==2.2.1#not-a-comment\n",
       {"idna@3.6 req===3.6 direct 1:1"},
       {"requirements.txt:3:15: error: invalid requirement: expected ',' or the end of the "
        "version specifier, not '#'"}},
      {"hashes on continuation lines",
       std::string("certifi==2024.2.2 \\\n    --hash=") + kSha + " \\\n    --hash " +
           "sha256:0000000000000000000000000000000000000000000000000000000000000001\n"
           "idna==3.6\n",
       {"certifi@2024.2.2 req===2024.2.2 direct hashes=SHA-256:9f86d081,SHA-256:00000000 1:1",
        "idna@3.6 req===3.6 direct 4:1"},
       {}},
      {"a continued name keeps the first line's position",
       "  requ\\\nests==1.0\n",
       {"requests@1.0 req===1.0 direct 1:3"},
       {}},
      {"a comment line ends a continuation",
       "six==1.16.0 \\\n# note \\\nidna==3.6\n",
       {"six@1.16.0 req===1.16.0 direct 1:1", "idna@3.6 req===3.6 direct 3:1"},
       {}},
      {"options lines are skipped",
       "-i https://pypi.org/simple\n--index-url=https://x/simple\n--extra-index-url "
       "https://y/simple\n-f ./wheels\n--trusted-host x.example\n--pre\n--no-binary :all:\n"
       "boto3==1.34.0\n",
       {"boto3@1.34.0 req===1.34.0 direct 8:1"},
       {}},
      {"direct references",
       "git+https://github.com/org/tool.git@v1.2#egg=tool\n"
       "mylib @ https://example.com/mylib-1.0.tar.gz\n"
       "./libs/shared\n"
       "https://example.com/wheels/fastjson-2.1.0-py3-none-any.whl ; python_version > '3'\n"
       "-e git+ssh://git@github.com/org/other.git#egg=other\n"
       "-e .\n"
       "file:///opt/pkgs/local-0.1.zip\n",
       {"tool@ direct git=git+https://github.com/org/tool.git@v1.2 1:1",
        "mylib@ direct url=https://example.com/mylib-1.0.tar.gz 2:1",
        "shared@ direct file=./libs/shared 3:1",
        "fastjson@ direct url=https://example.com/wheels/fastjson-2.1.0-py3-none-any.whl 4:1",
        "other@ direct git=git+ssh://git@github.com/org/other.git 5:4",
        "local@ direct file=file:///opt/pkgs/local-0.1.zip 7:1"},
       {}},
      {"a lone CR ends a line",
       "six==1.16.0\ridna\r",
       {"six@1.16.0 req===1.16.0 direct 1:1", "idna@ direct 2:1"},
       {}},
      {"CRLF line ends and a byte order mark",
       "\xEF\xBB\xBFsix==1.16.0\r\nidna\r\n",
       {"six@1.16.0 req===1.16.0 direct 1:4", "idna@ direct 2:1"},
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result r = Read(c.text);
    EXPECT_EQ(r.packages, c.packages);
    EXPECT_EQ(r.diags, c.diags);
    EXPECT_EQ(r.set.format, "requirements.txt");
    EXPECT_FALSE(r.set.locked);
    EXPECT_EQ(r.set.ecosystem, model::Ecosystem::kPyPI);
  }
}

TEST(RequirementsTest, BadLines) {
  const std::vector<Case> cases = {
      {"not PEP 508",
       "flask is great\nrequests==2.0\n",
       {"requests@2.0 req===2.0 direct 2:1"},
       {"requirements.txt:1:7: error: invalid requirement: expected a version specifier or ';' "
        "after 'flask', not 'is great'"}},
      {"no version after the operator",
       "flask>=\n",
       {},
       {"requirements.txt:1:8: error: invalid requirement: expected a version after '>='"}},
      {"unknown operator",
       "flask=>1\n",
       {},
       {"requirements.txt:1:6: error: invalid requirement: unknown comparison '=>'"}},
      {"extras not closed",
       "flask[async\n",
       {},
       {"requirements.txt:1:12: error: invalid requirement: expected ',' or ']' in the extras"}},
      {"empty marker",
       "flask==2.0;\n",
       {},
       {"requirements.txt:1:12: error: invalid requirement: expected an environment marker "
        "after ';'"}},
      {"hash without algorithm",
       "six==1.16.0 --hash=9f86d081884c7d659a2feaa0c55ad015\n",
       {"six@1.16.0 req===1.16.0 direct 1:1"},
       {"requirements.txt:1:20: error: hash '9f86d081884c7d659a2feaa0c55ad015' has no "
        "algorithm (expected 'sha256:' and the digest)"}},
      {"hash of the wrong length",
       "six==1.16.0 --hash=sha256:abc\n",
       {"six@1.16.0 req===1.16.0 direct 1:1"},
       {"requirements.txt:1:20: error: the sha256 digest 'abc' is not 64 hexadecimal digits"}},
      {"unknown hash algorithm",
       "six==1.16.0 --hash=blake2b:abc\n",
       {"six@1.16.0 req===1.16.0 direct 1:1"},
       {"requirements.txt:1:20: error: unknown hash algorithm 'blake2b'"}},
      {"a hash alone",
       std::string("--hash=") + kSha + "\n",
       {},
       {"requirements.txt:1:1: warning: '--hash' must follow a requirement; ignored"}},
      {"unknown option",
       "--frobnicate x\nsix\n",
       {"six@ direct 2:1"},
       {"requirements.txt:1:1: warning: unknown option '--frobnicate'; the rest of the line is "
        "ignored"}},
      {"option without its value",
       "-r\n",
       {},
       {"requirements.txt:1:1: error: option '-r' needs a value"}},
      {"option after a requirement",
       "six==1.16.0 -i https://x/simple\n",
       {"six@1.16.0 req===1.16.0 direct 1:1"},
       {"requirements.txt:1:13: warning: option '-i' cannot follow a requirement; ignored"}},
      {"include from the network",
       "-r https://example.com/reqs.txt\n",
       {},
       {"requirements.txt:1:4: error: 'https://example.com/reqs.txt' is on the network; "
        "fnwarden reads no included file from a URL"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result r = Read(c.text);
    EXPECT_EQ(r.packages, c.packages);
    EXPECT_EQ(r.diags, c.diags);
  }
}

TEST(RequirementsTest, DevFileNamesMarkEveryPackageDev) {
  for (const char* name : {"requirements-dev.txt", "requirements_test.txt", "dev-requirements.txt",
                           "requirements/tests.txt"}) {
    SCOPED_TRACE(name);
    Result r = Read("pytest==8.0.0\n", nullptr, name);
    EXPECT_EQ(r.packages, std::vector<std::string>{"pytest@8.0.0 req===8.0.0 direct dev 1:1"});
  }
  for (const char* name : {"requirements.txt", "requirements-latest.txt", "requirements-prod.txt",
                           "src/requirements.txt"}) {
    SCOPED_TRACE(name);
    Result r = Read("boto3\n", nullptr, name);
    EXPECT_EQ(r.packages, std::vector<std::string>{"boto3@ direct 1:1"});
  }
}

TEST(RequirementsTest, IncludesAndConstraints) {
  FakeIncludes inc;
  inc.Add("base.txt", "requests>=2\nurllib3\n");
  inc.Add("constraints.txt", "requests==2.31.0\nurllib3>=2\nidna==3.6\n-r more-constraints.txt\n");
  inc.Add("more-constraints.txt", "Six==1.16.0\n");
  // Included twice: read once.
  Result r = Read("-r base.txt\n-c constraints.txt\n--requirement=base.txt\nsix\n", &inc,
                  "requirements-dev.txt");
  EXPECT_EQ(r.packages, (std::vector<std::string>{
                            "requests@2.31.0 req=>=2 direct dev base.txt:1:1",
                            "urllib3@ direct dev base.txt:2:1",
                            "six@1.16.0 direct dev 4:1",
                        }));
  EXPECT_EQ(r.diags, std::vector<std::string>{});
  EXPECT_EQ(inc.reads(), (std::vector<std::string>{"base.txt", "constraints.txt",
                                                   "more-constraints.txt", "base.txt"}));
}

TEST(RequirementsTest, IncludeCycleIsReadOnce) {
  FakeIncludes inc;
  inc.Add("a.txt", "alpha==1\n-r b.txt\n");
  inc.Add("b.txt", "beta==2\n-r a.txt\n");
  Result r = Read("-r a.txt\n", &inc);
  EXPECT_EQ(r.packages, (std::vector<std::string>{"alpha@1 req===1 direct a.txt:1:1",
                                                  "beta@2 req===2 direct b.txt:1:1"}));
  EXPECT_EQ(
      r.diags,
      std::vector<std::string>{
          "b.txt:2:4: warning: include cycle: 'a.txt' is already being read; not read again"});
}

TEST(RequirementsTest, IncludeThatCannotBeReadIsAnErrorAtItsLine) {
  FakeIncludes inc;
  Result r = Read("six\n-r ../../etc/passwd\n-c missing.txt\n", &inc);
  EXPECT_EQ(r.packages, std::vector<std::string>{"six@ direct 1:1"});
  EXPECT_EQ(r.diags, (std::vector<std::string>{
                         "requirements.txt:2:4: error: cannot read the included file "
                         "'../../etc/passwd'",
                         "requirements.txt:3:4: error: cannot read the included file "
                         "'missing.txt'",
                     }));
}

TEST(RequirementsTest, IncludeDepthIsCapped) {
  FakeIncludes inc;
  for (int i = 0; i < 5; ++i) {
    inc.Add("r" + std::to_string(i) + ".txt",
            "p" + std::to_string(i) + "\n-r r" + std::to_string(i + 1) + ".txt\n");
  }
  LockLimits limits;
  limits.max_depth = 3;
  Result r = Read("-r r0.txt\n", &inc, "requirements.txt", limits);
  EXPECT_EQ(r.packages,
            (std::vector<std::string>{"p0@ direct r0.txt:1:1", "p1@ direct r1.txt:1:1"}));
  EXPECT_EQ(r.diags, std::vector<std::string>{
                         "r1.txt:2:4: error: 'r2.txt' is not read: includes nest deeper than 3 "
                         "files"});
}

TEST(RequirementsTest, PackageCountIsCapped) {
  LockLimits limits;
  limits.max_packages = 2;
  Result r = Read("a\nb\nc\nd\n", nullptr, "requirements.txt", limits);
  EXPECT_EQ(r.packages, (std::vector<std::string>{"a@ direct 1:1", "b@ direct 2:1"}));
  EXPECT_EQ(r.diags, std::vector<std::string>{
                         "requirements.txt:3:1: error: more than 2 packages; the rest are not "
                         "read"});
}

TEST(RequirementsTest, Pep508Names) {
  EXPECT_EQ(python::NormalizePythonName("Typing_Extensions"), "typing-extensions");
  EXPECT_EQ(python::NormalizePythonName("zope..interface"), "zope-interface");
  EXPECT_EQ(python::PinnedVersion(">=1, ==1.5"), "1.5");
  EXPECT_EQ(python::PinnedVersion("==1.*"), "");
  EXPECT_EQ(python::PinnedVersion(""), "");
}

// The data fixture: every line kind at once, with its includes.
TEST(RequirementsTest, Fixture) {
  std::string dir = fnwarden::testing::SourceDir() + "/tests/data/lockfiles/python/";
  FakeIncludes inc;
  inc.Add("requirements-base.txt", fnwarden::testing::ReadFileOrDie(dir + "requirements-base.txt"));
  inc.Add("constraints.txt", fnwarden::testing::ReadFileOrDie(dir + "constraints.txt"));
  Result r = Read(fnwarden::testing::ReadFileOrDie(dir + "requirements.txt"), &inc);
  EXPECT_EQ(r.packages,
            (std::vector<std::string>{
                "boto3@1.34.0 req===1.34.0 direct requirements-base.txt:2:1",
                "botocore@ req=>=1.34,<2 direct requirements-base.txt:3:1",
                "requests@2.31.0 req===2.31.0 direct hashes=SHA-256:58cd2187,SHA-256:942c5a75 "
                "5:1",
                "urllib3@2.2.1 req=>=2 direct 8:1",
                "aws-lambda-powertools@2.31.0 req===2.31.0 direct 9:1",
                "pydantic@2.6.1 req===2.6.1 direct 10:1",
                "shared-utils@ direct file=./libs/shared-utils 12:4",
                "internal-sdk@ direct git=git+https://git.example.com/team/internal-sdk.git@v3.1.0 "
                "13:1",
            }));
  EXPECT_EQ(r.diags, std::vector<std::string>{});
}

// Every requirements file of the shared corpus reads without an error.
TEST(RequirementsTest, Corpus) {
  std::string shared = fnwarden::testing::SharedDir();
  namespace fs = std::filesystem;
  fs::path root = fs::path(shared) / "corpus" / "apps";
  if (shared.empty() || !fs::exists(root)) GTEST_SKIP() << "no ../shared/corpus/apps";
  size_t files = 0, packages = 0;
  std::vector<std::string> errors;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root)) {
    std::string name = e.path().filename().string();
    if (!e.is_regular_file() || !name.starts_with("requirements") || !name.ends_with(".txt")) {
      continue;
    }
    util::SourceFile file(fs::relative(e.path(), root).string(),
                          fnwarden::testing::ReadFileOrDie(e.path().string()));
    util::DiagnosticSink diags;
    model::PackageSet set;
    ASSERT_TRUE(ReadRequirements(file, {}, {}, &diags, &set)) << file.path();
    ++files;
    packages += set.packages.size();
    for (const model::Package& p : set.packages) {
      EXPECT_FALSE(p.name.empty()) << file.path();
      EXPECT_TRUE(p.loc.known()) << file.path();
    }
    for (const util::Diagnostic& d : diags.Sorted()) {
      // The corpus names no include that a test without a reader can read.
      if (d.level == util::DiagLevel::kError &&
          d.message.find("included file") == std::string::npos) {
        errors.push_back(util::RenderHeadline(d));
      }
    }
  }
  EXPECT_GE(files, 250u);
  EXPECT_GT(packages, 0u);
  EXPECT_EQ(errors, std::vector<std::string>{});
}

}  // namespace
}  // namespace fnwarden::load::lockfile
