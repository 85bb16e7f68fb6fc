// The parsers on the shared corpus of real templates (skipped without it).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "load/syntax/node.h"
#include "test_util.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::syntax {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;

std::vector<std::string> Headlines(const util::DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : sink.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

TEST(SyntaxCorpusTest, EveryTemplateParsesWithoutErrors) {
  std::string shared = fnwarden::testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "no shared corpus";
  size_t files = 0, warnings = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(shared + "/corpus/serverless-patterns")) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    bool json = ext == ".json";
    if (!json && ext != ".yaml" && ext != ".yml" && ext != ".template") continue;
    util::SourceFile file(entry.path().string(),
                          fnwarden::testing::ReadFileOrDie(entry.path().string()));
    util::DiagnosticSink sink;
    std::unique_ptr<Document> doc =
        json ? ParseJson(&file, {}, &sink) : ParseYaml(&file, {}, &sink);
    EXPECT_FALSE(sink.has_errors()) << ::testing::PrintToString(Headlines(sink));
    ASSERT_NE(doc, nullptr) << file.path();
    EXPECT_FALSE(doc->roots().empty()) << file.path();
    ++files;
    warnings += sink.size();
  }
  EXPECT_GT(files, 500u);
  // The corpus has a handful of duplicate keys, reported as warnings.
  EXPECT_GT(warnings, 0u);
}

// Headlines of the diagnostics for corpus/invalid/<name>/template.yaml.
std::vector<std::string> ParseInvalid(const std::string& name) {
  std::string path = fnwarden::testing::SharedDir() + "/corpus/invalid/" + name + "/template.yaml";
  util::SourceFile file(name + ".yaml", fnwarden::testing::ReadFileOrDie(path));
  util::DiagnosticSink sink;
  ParseYaml(&file, {}, &sink);
  return Headlines(sink);
}

TEST(SyntaxCorpusTest, StrayTextAfterAKey) {
  if (fnwarden::testing::SharedDir().empty()) GTEST_SKIP() << "no shared corpus";
  // Line 34 is `  MappingRestEdge:curc`.
  EXPECT_THAT(ParseInvalid("apigw-custom-domain-edge"),
              ElementsAre("apigw-custom-domain-edge.yaml:34:3: error: could not "
                          "find expected ':' while scanning a simple key"));
}

TEST(SyntaxCorpusTest, TextAfterAQuotedScalar) {
  if (fnwarden::testing::SharedDir().empty()) GTEST_SKIP() << "no shared corpus";
  EXPECT_THAT(ParseInvalid("rds-sns-event-notification"),
              ElementsAre("rds-sns-event-notification.yaml:3:97: error: did not find expected "
                          "key while parsing a block mapping; the text after the closing quote "
                          "should be inside the quotes"));
}

}  // namespace
}  // namespace fnwarden::load::syntax
