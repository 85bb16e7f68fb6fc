// Every SAM template of the shared corpus expands without a crash, and every
// function it declares gets an execution role (generated or its own).
#include <gtest/gtest.h>

#include <filesystem>

#include "load/sam/sam_test_util.h"
#include "test_util.h"

namespace fnwarden::load::sam {
namespace {

TEST(SamCorpus, EverySamTemplateExpands) {
  std::string shared = fnwarden::testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared is not there";
  std::filesystem::path root = std::filesystem::path(shared) / "corpus" / "serverless-patterns";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << root << " is not there";
  size_t templates = 0;
  size_t functions = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
    std::string text = fnwarden::testing::ReadFileOrDie(entry.path().string());
    if (text.find("AWS::Serverless") == std::string::npos) continue;
    auto e = testing::Expand(text, entry.path().parent_path().filename().string());
    if (!e->tmpl.is_sam()) continue;
    ++templates;
    for (const model::Function& f : e->model.functions) {
      ++functions;
      EXPECT_TRUE(!f.role_id.empty() || !f.role.absent()) << entry.path() << " " << f.id;
    }
  }
  EXPECT_GT(templates, 300u);
  EXPECT_GT(functions, templates);
}

}  // namespace
}  // namespace fnwarden::load::sam
