// The HCL parser against its oracle, the tree-sitter-hcl grammar (npm
// @tree-sitter-grammars/tree-sitter-hcl, built for the tests only, see
// tests/CMakeLists.txt): on every .tf file of the shared corpus, both must
// see the same blocks and attributes, with the same names, labels and byte
// ranges, in the same order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "load/syntax/hcl.h"
#include "test_util.h"
#include "util/diagnostic.h"
#include "util/source.h"

#if FNWARDEN_TS_HCL_ORACLE
#include <tree_sitter/api.h>
extern "C" const TSLanguage* tree_sitter_hcl();
#endif

namespace fnwarden::load::syntax::hcl {
namespace {

namespace fs = std::filesystem;

// One line per block or attribute: "attr name 10..24", "block resource
// "a" "b" 0..120 {", then its body's lines indented, then "}".
void Render(const Body* body, int depth, std::vector<std::string>* out) {
  std::string indent(static_cast<size_t>(depth) * 2, ' ');
  for (const BodyItem& item : body->items) {
    if (item.attribute != nullptr) {
      const Attribute& a = *item.attribute;
      out->push_back(indent + "attr " + std::string(a.name) + " " + std::to_string(a.begin) + ".." +
                     std::to_string(a.end));
      continue;
    }
    const Block& b = *item.block;
    std::string line = indent + "block " + std::string(b.type);
    for (const Label& l : b.labels) line += " " + std::string(l.text);
    out->push_back(line + " " + std::to_string(b.begin) + ".." + std::to_string(b.end) + " {");
    Render(b.body, depth + 1, out);
    out->push_back(indent + "}");
  }
}

#if FNWARDEN_TS_HCL_ORACLE

std::string_view TextOf(TSNode n, std::string_view text) {
  return text.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
}

// A string_lit label without its quotes.
std::string_view LabelText(TSNode n, std::string_view text) {
  std::string_view t = TextOf(n, text);
  if (std::string_view(ts_node_type(n)) == "string_lit" && t.size() >= 2)
    t = t.substr(1, t.size() - 2);
  return t;
}

void RenderTs(TSNode body, std::string_view text, int depth, std::vector<std::string>* out) {
  std::string indent(static_cast<size_t>(depth) * 2, ' ');
  uint32_t count = ts_node_named_child_count(body);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_named_child(body, i);
    std::string_view type = ts_node_type(child);
    std::string range =
        std::to_string(ts_node_start_byte(child)) + ".." + std::to_string(ts_node_end_byte(child));
    if (type == "attribute") {
      TSNode name = ts_node_named_child(child, 0);
      out->push_back(indent + "attr " + std::string(TextOf(name, text)) + " " + range);
    } else if (type == "block") {
      std::string line = indent + "block";
      TSNode inner{};
      bool has_body = false;
      uint32_t parts = ts_node_named_child_count(child);
      for (uint32_t j = 0; j < parts; ++j) {
        TSNode part = ts_node_named_child(child, j);
        std::string_view part_type = ts_node_type(part);
        if (part_type == "identifier" || part_type == "string_lit") {
          line += " " + std::string(LabelText(part, text));
        } else if (part_type == "body") {
          inner = part;
          has_body = true;
        }
      }
      out->push_back(line + " " + range + " {");
      if (has_body) RenderTs(inner, text, depth + 1, out);
      out->push_back(indent + "}");
    }
  }
}

#endif

TEST(HclOracle, AgreesWithTreeSitterHclOnEveryCorpusFile) {
#if !FNWARDEN_TS_HCL_ORACLE
  GTEST_SKIP() << "tree-sitter-hcl is not installed (make setup runs npm ci)";
#else
  std::string shared = fnwarden::testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "no shared corpus";
  TSParser* parser = ts_parser_new();
  ASSERT_TRUE(ts_parser_set_language(parser, tree_sitter_hcl()));
  size_t files = 0, compared = 0;
  std::vector<std::string> oracle_errors;
  for (const auto& entry : fs::recursive_directory_iterator(shared + "/corpus")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tf") continue;
    ++files;
    std::string path = entry.path().string();
    util::SourceFile source(path, fnwarden::testing::ReadFileOrDie(path));
    util::DiagnosticSink diags;
    std::unique_ptr<File> ours = ParseHcl(&source, {}, &diags);
    ASSERT_NE(ours, nullptr) << path;
    std::vector<std::string> mine;
    Render(ours->body(), 0, &mine);

    std::string_view text = source.text();
    TSTree* tree =
        ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
    TSNode root = ts_tree_root_node(tree);
    if (ts_node_has_error(root)) {
      // The oracle cannot read it: nothing to compare with, but say which.
      oracle_errors.push_back(path);
      ts_tree_delete(tree);
      continue;
    }
    std::vector<std::string> theirs;
    uint32_t count = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_named_child(root, i);
      if (std::string_view(ts_node_type(child)) == "body") RenderTs(child, text, 0, &theirs);
    }
    ts_tree_delete(tree);
    EXPECT_EQ(mine, theirs) << path;
    ++compared;
  }
  ts_parser_delete(parser);
  EXPECT_GT(files, 600u);
  // Files the oracle itself rejects are listed; none is expected.
  EXPECT_THAT(oracle_errors, ::testing::IsEmpty());
  EXPECT_EQ(compared, files);
#endif
}

}  // namespace
}  // namespace fnwarden::load::syntax::hcl
