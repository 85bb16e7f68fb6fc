#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "load/discover_internal.h"
#include "load/project.h"
#include "util/fs.h"

namespace fnwarden::load {
namespace {

// "display_path kind" per file, for compact expectations.
std::vector<std::string> Dump(const std::vector<DiscoveredFile>& files) {
  std::vector<std::string> out;
  for (const DiscoveredFile& f : files) {
    const char* kind = f.kind == FileKind::kTemplateYaml   ? "yaml"
                       : f.kind == FileKind::kTemplateJson ? "json"
                       : f.kind == FileKind::kCdkManifest  ? "cdk"
                       : f.kind == FileKind::kServerlessScript ? "script"
                                                           : "other";
    out.push_back(f.display_path + " " + kind);
  }
  return out;
}

std::vector<std::string> Headlines(const util::DiagnosticSink& diags) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : diags.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

TEST(Discover, SkipsVendoredAndGeneratedFolders) {
  util::MemoryFileSystem fs;
  for (std::string dir :
       {"node_modules/lib", ".venv", "venv", "__pycache__", ".aws-sam/build", ".serverless",
        ".terraform", "dist", "build", ".git", ".hg", "target", "vendor"}) {
    fs.AddFile("repo/" + dir + "/template.yaml", "AWSTemplateFormatVersion: x\n");
  }
  fs.AddFile("repo/app/template.yaml", "Resources: {}\n");
  fs.AddFile("repo/app/src/handler.py", "def handler(e, c): pass\n");
  util::DiagnosticSink diags;
  auto files = Discover(fs, {"repo"}, LoadOptions{}, &diags);
  EXPECT_EQ(Dump(files), std::vector<std::string>{"repo/app/template.yaml yaml"});
  EXPECT_EQ(diags.size(), 0u);
}

TEST(Discover, ExtraExcludedFolders) {
  util::MemoryFileSystem fs;
  fs.AddFile("repo/fixtures/template.yaml", "x");
  fs.AddFile("repo/app/template.yaml", "x");
  LoadOptions options;
  options.exclude_dirs = {"fixtures"};
  util::DiagnosticSink diags;
  EXPECT_EQ(Dump(Discover(fs, {"repo"}, options, &diags)),
            std::vector<std::string>{"repo/app/template.yaml yaml"});
}

TEST(Discover, ChoosesCandidatesByNameAndLeavesContentToTheLoader) {
  util::MemoryFileSystem fs;
  fs.AddFile("r/openapi.yaml", "openapi: 3.0.0\n");  // read: content decides
  fs.AddFile("r/stack.template", "{}");              // JSON or YAML, sniffed later
  fs.AddFile("r/infra/main.json", "{}");
  fs.AddFile("r/config.YML", "a: 1\n");
  fs.AddFile("r/package.json", "{}");  // known non-templates
  fs.AddFile("r/package-lock.json", "{}");
  fs.AddFile("r/tsconfig.build.json", "{}");
  fs.AddFile("r/samconfig.yaml", "version: 0.1\n");
  fs.AddFile("r/serverless.yml", "service: x\n");  // a Serverless service: content decides
  fs.AddFile("r/serverless.ts", "export default {}\n");  // a program: named, never read
  fs.AddFile("r/README.md", "# app\n");
  fs.AddFile("r/handler.py", "");
  util::DiagnosticSink diags;
  EXPECT_EQ(Dump(Discover(fs, {"r"}, LoadOptions{}, &diags)),
            (std::vector<std::string>{"r/config.YML yaml", "r/infra/main.json json",
                                      "r/openapi.yaml yaml", "r/serverless.ts script",
                                      "r/serverless.yml yaml", "r/stack.template yaml"}));
  EXPECT_EQ(diags.size(), 0u);
}

TEST(Discover, CdkAssemblyIsReadThroughItsManifest) {
  util::MemoryFileSystem fs;
  fs.AddFile("app/cdk.out/manifest.json", "{}");
  fs.AddFile("app/cdk.out/AppStack.template.json", "{}");
  fs.AddFile("app/cdk.out/tree.json", "{}");
  fs.AddFile("app/cdk.out/asset.0123/template.yaml", "x");
  fs.AddFile("app/cdk.out/assembly-Prod/manifest.json", "{}");
  fs.AddFile("app/cdk.json", "{}");
  util::DiagnosticSink diags;
  EXPECT_EQ(Dump(Discover(fs, {"app"}, LoadOptions{}, &diags)),
            std::vector<std::string>{"app/cdk.out/manifest.json cdk"});
}

TEST(Discover, ExplicitFilesAreReadWhateverTheirName) {
  util::MemoryFileSystem fs;
  fs.AddFile("stack.cfn", "x");
  fs.AddFile("dir/template.yaml", "x");
  util::DiagnosticSink diags;
  EXPECT_EQ(Dump(Discover(fs, {"stack.cfn", "dir", "dir/template.yaml"}, LoadOptions{}, &diags)),
            (std::vector<std::string>{"stack.cfn yaml", "dir/template.yaml yaml"}));
  EXPECT_EQ(diags.size(), 0u);
}

TEST(Discover, NeverOpensOrStatsAListedFile) {
  util::MemoryFileSystem fs;
  fs.AddFile("r/template.yaml", std::string(200, 'x'));  // too large: found, refused when read
  fs.AddFile("r/data.json", std::string(200, 'x'));
  LoadOptions options;
  options.max_file_bytes = 100;
  util::DiagnosticSink diags;
  EXPECT_EQ(Dump(Discover(fs, {"r"}, options, &diags)),
            (std::vector<std::string>{"r/data.json json", "r/template.yaml yaml"}));
  EXPECT_EQ(diags.size(), 0u);
  EXPECT_TRUE(fs.reads().empty());
}

TEST(Discover, LinksOutOfTheScanRootsAreNotFollowed) {
  util::MemoryFileSystem fs;
  fs.AddFile("repo/app/template.yaml", "x");
  fs.AddFile("repo/shared/lib.yaml", "x");
  fs.AddFile("home/.aws/credentials", "aws_secret_access_key = hunter2");
  fs.AddFile("home/project/template.yaml", "x");
  fs.AddSymlink("repo/app/creds.yaml", "../../home/.aws/credentials");
  fs.AddSymlink("repo/app/home", "../../home");
  fs.AddSymlink("repo/app/etc", "/etc");  // missing in this tree: a dangling link, quiet
  fs.AddSymlink("repo/app/notes.txt", "../../home/.aws/credentials");  // not a candidate
  fs.AddSymlink("repo/app/node_modules", "../../home");                // skipped anyway
  fs.AddSymlink("repo/app/lib", "../shared");                          // inside
  util::DiagnosticSink diags;
  EXPECT_EQ(
      Dump(Discover(fs, {"repo/app", "repo/shared"}, LoadOptions{}, &diags)),
      (std::vector<std::string>{"repo/app/lib/lib.yaml yaml", "repo/app/template.yaml yaml"}));
  EXPECT_EQ(Headlines(diags),
            (std::vector<std::string>{
                "repo/app/creds.yaml: warning: not following symbolic link: its target is "
                "outside the scanned folders (use --follow-symlinks to follow it)",
                "repo/app/home: warning: not following symbolic link: its target is outside "
                "the scanned folders (use --follow-symlinks to follow it)",
            }));
  EXPECT_TRUE(fs.reads().empty());
  // repo/shared was reached through repo/app/lib first: listed once.

  util::DiagnosticSink followed;
  LoadOptions options;
  options.follow_symlinks = true;
  EXPECT_EQ(Dump(Discover(fs, {"repo/app"}, options, &followed)),
            (std::vector<std::string>{
                "repo/app/creds.yaml yaml", "repo/app/home/project/template.yaml yaml",
                "repo/app/lib/lib.yaml yaml", "repo/app/template.yaml yaml"}));
  EXPECT_EQ(followed.size(), 0u);
}

TEST(Discover, ListedFilesAreOpenedWithoutFollowingALink) {
  util::MemoryFileSystem fs;
  fs.AddFile("r/template.yaml", "x");
  fs.AddFile("r/real.yaml", "x");
  fs.AddSymlink("r/alias.yaml", "real.yaml");
  util::DiagnosticSink diags;
  std::vector<std::string> regular;
  for (const DiscoveredFile& f : Discover(fs, {"r", "r/alias.yaml"}, LoadOptions{}, &diags)) {
    regular.push_back(f.display_path + (f.regular_entry ? " regular" : " link or named"));
  }
  EXPECT_EQ(regular, (std::vector<std::string>{"r/alias.yaml link or named", "r/real.yaml regular",
                                               "r/template.yaml regular"}));
}

TEST(Discover, ExcludeGlobs) {
  util::MemoryFileSystem fs;
  for (std::string path :
       {"repo/app/template.yaml", "repo/app/tests/fixtures/bad.yaml", "repo/tests/template.yaml",
        "repo/docs/example.yaml", "repo/app/sub/skip.json", "repo/app/keep.json",
        "repo/app/cdk.out/manifest.json"}) {
    fs.AddFile(path, "x");
  }
  struct Case {
    std::vector<std::string> exclude;
    std::vector<std::string> found;
  } cases[] = {
      {{},
       {"repo/app/cdk.out/manifest.json cdk", "repo/app/keep.json json",
        "repo/app/sub/skip.json json", "repo/app/template.yaml yaml",
        "repo/app/tests/fixtures/bad.yaml yaml", "repo/docs/example.yaml yaml",
        "repo/tests/template.yaml yaml"}},
      // A folder pattern, relative to the scan root: the folder is not walked.
      {{"tests/"},
       {"repo/app/cdk.out/manifest.json cdk", "repo/app/keep.json json",
        "repo/app/sub/skip.json json", "repo/app/template.yaml yaml",
        "repo/app/tests/fixtures/bad.yaml yaml", "repo/docs/example.yaml yaml"}},
      // `**` crosses folders; the display path matches too.
      {{"**/tests/**", "repo/docs/*.yaml"},
       {"repo/app/cdk.out/manifest.json cdk", "repo/app/keep.json json",
        "repo/app/sub/skip.json json", "repo/app/template.yaml yaml"}},
      // `*` stays within one folder; a name without '/' matches base names.
      {{"app/*.json", "cdk.out"},
       {"repo/app/sub/skip.json json", "repo/app/template.yaml yaml",
        "repo/app/tests/fixtures/bad.yaml yaml", "repo/docs/example.yaml yaml",
        "repo/tests/template.yaml yaml"}},
  };
  for (const Case& c : cases) {
    LoadOptions options;
    options.exclude = c.exclude;
    util::DiagnosticSink diags;
    EXPECT_EQ(Dump(Discover(fs, {"repo"}, options, &diags)), c.found)
        << ::testing::PrintToString(c.exclude);
  }
  // A path named in the arguments is read even when a pattern matches it.
  LoadOptions options;
  options.exclude = {"**/*.yaml"};
  util::DiagnosticSink diags;
  EXPECT_EQ(Dump(Discover(fs, {"repo/tests/template.yaml"}, options, &diags)),
            std::vector<std::string>{"repo/tests/template.yaml yaml"});
}

TEST(Discover, MissingPathIsAnError) {
  util::MemoryFileSystem fs;
  util::DiagnosticSink diags;
  EXPECT_TRUE(Discover(fs, {"nope"}, LoadOptions{}, &diags).empty());
  EXPECT_EQ(Headlines(diags),
            std::vector<std::string>{"nope: error: cannot read: No such file or directory"});
}

TEST(DiscoverHelpers, TemplateNames) {
  EXPECT_TRUE(internal::IsTemplateName("a/template.yaml"));
  EXPECT_TRUE(internal::IsTemplateName("sam-template.yml"));
  EXPECT_TRUE(internal::IsTemplateName("x/App.Template.JSON"));
  EXPECT_TRUE(internal::IsTemplateName("stack.template"));
  EXPECT_FALSE(internal::IsTemplateName("openapi.yaml"));
  EXPECT_FALSE(internal::IsTemplateName("templates/readme.md"));
  EXPECT_FALSE(internal::IsTemplateName("template.py"));
}

TEST(DiscoverHelpers, Content) {
  EXPECT_TRUE(internal::LooksBinary(std::string("ab\0cd", 5)));
  EXPECT_FALSE(internal::LooksBinary(std::string(9000, 'a') + '\0'));  // past 8 KiB
  EXPECT_FALSE(internal::LooksBinary(""));
  EXPECT_TRUE(internal::MayBeTemplate("Type: AWS::S3::Bucket"));
  EXPECT_TRUE(internal::MayBeTemplate("{\"AWSTemplateFormatVersion\": \"2010-09-09\"}"));
  EXPECT_FALSE(internal::MayBeTemplate("{\"name\": \"orders\", \"version\": \"1.0.0\"}"));
  EXPECT_TRUE(internal::ClaimsToBeTemplate("Resources:\n  B:\n    Type: AWS::S3::Bucket"));
  EXPECT_FALSE(internal::ClaimsToBeTemplate("paths:\n  x: ${AWS::Region}"));
}

TEST(DiscoverHelpers, Paths) {
  EXPECT_EQ(internal::DisplayPath("/home/u/app/template.yaml", "/home/u"), "app/template.yaml");
  EXPECT_EQ(internal::DisplayPath("/home/user2/t.yaml", "/home/u"), "/home/user2/t.yaml");
  EXPECT_EQ(internal::DisplayPath("/home/u", "/home/u"), ".");
  EXPECT_EQ(internal::DisplayPath("././app//t.yaml", "/x"), "app/t.yaml");
  EXPECT_EQ(internal::DisplayPath("../app/t.yaml", "/x"), "../app/t.yaml");
  EXPECT_EQ(internal::JoinPath("a/", "b"), "a/b");
  EXPECT_EQ(internal::JoinPath("", "b"), "b");
  EXPECT_EQ(internal::DirName("a/b/c.yaml"), "a/b");
  EXPECT_EQ(internal::DirName("c.yaml"), "");
}

// The real disk, for what the in-memory tree cannot express: symlinks and
// special files.
class DiscoverDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/fnwarden-discover-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(dir_ + "/" + rel).parent_path());
    std::ofstream(dir_ + "/" + rel) << text;
  }
  std::string dir_;
};

TEST_F(DiscoverDisk, SymlinkLoopIsReportedOnceAndNotFollowed) {
  Write("app/template.yaml", "x");
  ASSERT_EQ(::symlink("..", (dir_ + "/app/loop").c_str()), 0);
  util::DiskFileSystem fs;
  util::DiagnosticSink diags;
  auto files = Discover(fs, {dir_}, LoadOptions{}, &diags);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, dir_ + "/app/template.yaml");
  std::vector<std::string> expected = {dir_ +
                                       "/app/loop: error: symlink loop: this folder leads "
                                       "back to " +
                                       dir_ + "; not followed"};
  EXPECT_EQ(Headlines(diags), expected);
}

TEST_F(DiscoverDisk, FolderReachedTwiceIsScannedOnce) {
  Write("shared/template.yaml", "x");
  ASSERT_EQ(::symlink("shared", (dir_ + "/alias").c_str()), 0);
  util::DiskFileSystem fs;
  util::DiagnosticSink diags;
  auto files = Discover(fs, {dir_}, LoadOptions{}, &diags);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, dir_ + "/alias/template.yaml");  // "alias" sorts first
  EXPECT_EQ(diags.size(), 0u);
}

TEST_F(DiscoverDisk, DanglingSymlinkAndFifoNamedLikeTemplates) {
  Write("ok/template.yaml", "x");
  ASSERT_EQ(::symlink("missing.yaml", (dir_ + "/template.yaml").c_str()), 0);
  ASSERT_EQ(::mkfifo((dir_ + "/ok/child.template.yaml").c_str(), 0644), 0);
  ASSERT_EQ(::mkfifo((dir_ + "/ok/pipe.yaml").c_str(), 0644), 0);  // not template-named: quiet
  util::DiskFileSystem fs;
  util::DiagnosticSink diags;
  auto files = Discover(fs, {dir_}, LoadOptions{}, &diags);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, dir_ + "/ok/template.yaml");
  std::vector<std::string> expected = {
      dir_ + "/ok/child.template.yaml: error: cannot read: not a regular file",
      dir_ + "/template.yaml: error: cannot read: No such file or directory"};
  EXPECT_EQ(Headlines(diags), expected);
}

}  // namespace
}  // namespace fnwarden::load
