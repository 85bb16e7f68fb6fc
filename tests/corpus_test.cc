// The real-world corpus in ../shared/corpus: every template loads without an
// error, and the two invalid ones are reported at the right place while the
// rest of the same scan still loads. Skipped when ../shared is absent.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "load/project.h"
#include "test_util.h"
#include "util/diagnostic.h"
#include "util/fs.h"

namespace fnwarden::testing {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Files of the corpus that declare themselves templates, found without the
// loader: the ones with a format version line (serverless.yml excluded).
std::vector<std::string> DeclaredTemplates(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (name.rfind("serverless.", 0) == 0) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find("AWSTemplateFormatVersion") != std::string::npos) {
      out.push_back(entry.path().string());
    }
  }
  return out;
}

TEST(Corpus, EveryTemplateLoadsWithoutAnError) {
  if (SharedDir().empty()) GTEST_SKIP() << "../shared is not there";
  std::string dir = SharedDir() + "/corpus/serverless-patterns";
  util::DiskFileSystem disk;
  util::DiagnosticSink diags;
  load::LoadResult result;
  load::LoadProjects(disk, {dir}, load::LoadOptions{}, &diags, &result);

  int errors = 0;
  for (const util::Diagnostic& d : diags.Sorted()) {
    if (d.level != util::DiagLevel::kError) continue;
    if (++errors <= 30) ADD_FAILURE() << util::RenderHeadline(d);
  }
  EXPECT_EQ(errors, 0);

  // The files models were read from: their roots, and the nested templates
  // that became part of them.
  std::set<std::string> roots;
  size_t functions = 0, sam = 0;
  for (const model::Model& m : result.models) {
    roots.insert(m.root);
    roots.insert(m.included.begin(), m.included.end());
    functions += m.functions.size();
    sam += m.framework == model::Framework::kSam;
  }
  // Every file that says it is a template became a model, or part of one.
  std::vector<std::string> declared = DeclaredTemplates(dir);
  for (const std::string& path : declared) {
    bool found = false;
    for (const std::string& root : roots) found = found || EndsWith(path, root);
    EXPECT_TRUE(found) << path << " has no model";
  }
  EXPECT_GE(roots.size(), declared.size());
  EXPECT_GT(functions, 0u);
  std::printf(
      "corpus: %zu candidate files, %zu parsed (%.1f MB), %zu models (%zu SAM), "
      "%zu functions, %zu diagnostics (warnings)\n",
      result.files_seen, result.files_parsed, static_cast<double>(result.bytes_parsed) / 1e6,
      result.models.size(), sam, functions, diags.size());
}

TEST(Corpus, InvalidTemplatesAreReportedAndTheRestStillLoads) {
  if (SharedDir().empty()) GTEST_SKIP() << "../shared is not there";
  std::string invalid = SharedDir() + "/corpus/invalid";
  std::string patterns = SharedDir() + "/corpus/serverless-patterns";
  // A valid folder scanned in the same run.
  std::string valid;
  for (const auto& entry : fs::directory_iterator(patterns)) {
    if (fs::exists(entry.path() / "template.yaml")) {
      if (valid.empty() || entry.path().string() < valid) valid = entry.path().string();
    }
  }
  ASSERT_FALSE(valid.empty());

  util::DiskFileSystem disk;
  util::DiagnosticSink diags;
  load::LoadResult result;
  load::LoadProjects(disk, {invalid, valid}, load::LoadOptions{}, &diags, &result);

  std::map<std::string, std::vector<util::Diagnostic>> errors;  // by file suffix
  for (const util::Diagnostic& d : diags.Sorted()) {
    if (d.level != util::DiagLevel::kError) continue;
    std::string key = EndsWith(d.path, "apigw-custom-domain-edge/template.yaml")     ? "edge"
                      : EndsWith(d.path, "rds-sns-event-notification/template.yaml") ? "rds"
                                                                                     : d.path;
    errors[key].push_back(d);
  }
  ASSERT_EQ(errors.size(), 2u) << "errors in unexpected files";
  ASSERT_EQ(errors["edge"].size(), 1u);
  ASSERT_EQ(errors["rds"].size(), 1u);
  EXPECT_EQ(errors["edge"][0].loc.line, 34u) << util::RenderHeadline(errors["edge"][0]);
  EXPECT_EQ(errors["rds"][0].loc.line, 3u) << util::RenderHeadline(errors["rds"][0]);
  EXPECT_EQ(errors["rds"][0].loc.col, 97u) << util::RenderHeadline(errors["rds"][0]);
  std::printf("%s\n%s\n", util::RenderHeadline(errors["edge"][0]).c_str(),
              util::RenderHeadline(errors["rds"][0]).c_str());

  // The valid folder was still loaded.
  bool valid_loaded = false;
  for (const model::Model& m : result.models) {
    valid_loaded = valid_loaded || EndsWith(valid + "/template.yaml", m.root);
  }
  EXPECT_TRUE(valid_loaded) << valid << "/template.yaml has no model";
}

// Every serverless.yml of the corpus (the patterns, the applications and the
// Serverless Framework's own test fixtures) loads without an error, except
// the one invalid as published, and each one that declares the AWS provider
// becomes a Serverless model.
TEST(Corpus, EveryServerlessServiceLoadsWithoutAnError) {
  if (SharedDir().empty()) GTEST_SKIP() << "../shared is not there";
  std::vector<std::string> files;
  std::set<std::string> aws;  // files that say `provider: aws` or `name: aws`
  for (const char* sub : {"serverless-patterns", "apps", "serverless-framework"}) {
    for (const auto& entry : fs::recursive_directory_iterator(SharedDir() + "/corpus/" + sub)) {
      std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || (name != "serverless.yml" && name != "serverless.yaml")) {
        continue;
      }
      files.push_back(entry.path().string());
      std::ifstream in(entry.path(), std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.find("provider: aws") != std::string::npos ||
          text.find("provider: 'aws'") != std::string::npos ||
          text.find("\n  name: aws") != std::string::npos) {
        aws.insert(entry.path().string());
      }
    }
  }
  ASSERT_GT(files.size(), 100u);
  util::DiskFileSystem disk;
  util::DiagnosticSink diags;
  load::LoadResult result;
  load::LoadProjects(disk, files, load::LoadOptions{}, &diags, &result);
  // The framework's own fixture of a syntax error is the one file invalid
  // as published: reported at its line, and nothing else is an error.
  int errors = 0, invalid = 0;
  for (const util::Diagnostic& d : diags.Sorted()) {
    if (d.level != util::DiagLevel::kError) continue;
    if (EndsWith(d.path, "cli/config-syntax-error/serverless.yml") && d.loc.line == 2) {
      ++invalid;
      continue;
    }
    if (++errors <= 30) ADD_FAILURE() << util::RenderHeadline(d);
  }
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(invalid, 1);
  size_t functions = 0;
  std::set<std::string> roots;
  for (const model::Model& m : result.models) {
    EXPECT_EQ(m.framework, model::Framework::kServerless) << m.root;
    roots.insert(m.root);
    functions += m.functions.size();
  }
  for (const std::string& path : aws) {
    bool found = false;
    for (const std::string& root : roots) found = found || EndsWith(path, root);
    EXPECT_TRUE(found) << path << " has no model";
  }
  EXPECT_GT(functions, aws.size());
  std::printf(
      "serverless corpus: %zu files, %zu declare AWS, %zu models, %zu functions, "
      "%zu diagnostics\n",
      files.size(), aws.size(), result.models.size(), functions, diags.size());
}

TEST(Corpus, EveryTerraformModuleLoadsWithoutAnError) {
  if (SharedDir().empty()) GTEST_SKIP() << "../shared is not there";
  std::set<std::string> folders;  // every folder holding a .tf file
  std::vector<std::string> roots_given;
  for (const char* sub : {"apps", "terraform-modules"}) {
    std::string dir = SharedDir() + "/corpus/" + sub;
    roots_given.push_back(dir);
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".tf") {
        folders.insert(entry.path().parent_path().string());
      }
    }
  }
  ASSERT_GT(folders.size(), 100u);
  util::DiskFileSystem disk;
  util::DiagnosticSink diags;
  load::LoadResult result;
  load::LoadProjects(disk, roots_given, load::LoadOptions{}, &diags, &result);
  int errors = 0;
  for (const util::Diagnostic& d : diags.Sorted()) {
    if (d.level != util::DiagLevel::kError || !EndsWith(d.path, ".tf")) continue;
    if (++errors <= 30) ADD_FAILURE() << util::RenderHeadline(d);
  }
  EXPECT_EQ(errors, 0);
  size_t models = 0, functions = 0, roles = 0;
  for (const model::Model& m : result.models) {
    if (m.framework != model::Framework::kTerraform) continue;
    ++models;
    EXPECT_TRUE(folders.contains(m.root)) << m.root << " is not a folder of .tf files";
    functions += m.functions.size();
    roles += m.roles.size();
  }
  // Folders that other modules call are part of their callers' models.
  EXPECT_GT(models, 60u);
  EXPECT_LT(models, folders.size());
  // Most examples of the module repositories call the Lambda module from
  // the registry, which is not downloaded: their functions are not read.
  EXPECT_GT(functions, 50u);
  EXPECT_GT(roles, 100u);
  std::printf(
      "terraform corpus: %zu folders of .tf files, %zu root modules, %zu functions, "
      "%zu roles\n",
      folders.size(), models, functions, roles);
}

// Issue 11's locating: of the Python and Node.js functions of the apps
// whose code folder is in the tree, the share whose handler file is found.
TEST(Corpus, HandlersOfTheAppsAreLocated) {
  if (SharedDir().empty()) GTEST_SKIP() << "../shared is not there";
  util::DiskFileSystem disk;
  util::DiagnosticSink diags;
  load::LoadResult result;
  load::LoadProjects(disk, {SharedDir() + "/corpus/apps"}, load::LoadOptions{}, &diags, &result);
  size_t in_tree = 0, located = 0;
  std::vector<std::string> missed;
  for (const model::Model& m : result.models) {
    for (const model::Function& f : m.functions) {
      bool readable = f.runtime.known() && (f.runtime.value.starts_with("python") ||
                                            f.runtime.value.starts_with("nodejs"));
      std::error_code ec;
      if (!readable || f.inline_code || f.code_dir.empty() ||
          !fs::is_directory(f.code_dir, ec)) {
        continue;
      }
      ++in_tree;
      if (!f.handler_file.empty()) {
        ++located;
      } else if (missed.size() < 40) {
        missed.push_back(f.code_dir + " " + f.handler.value);
      }
    }
  }
  ASSERT_GT(in_tree, 300u);
  double share = static_cast<double>(located) / static_cast<double>(in_tree);
  std::printf("handlers located: %zu of %zu Python and Node.js functions whose code is in the "
              "tree (%.1f%%)\n",
              located, in_tree, 100 * share);
  for (const std::string& m : missed) std::printf("  not located: %s\n", m.c_str());
  EXPECT_GE(share, 0.95);
}

}  // namespace
}  // namespace fnwarden::testing
