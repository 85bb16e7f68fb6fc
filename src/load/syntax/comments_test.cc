// The comments ParseYaml records (Document::comments): only real YAML
// comments, each with the lines it is about.
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "load/syntax/node.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::syntax {
namespace {

// "line:col "text" first-last" for each comment, or "<no document>".
std::vector<std::string> Comments(const std::string& text) {
  util::SourceFile file("t.yaml", text);
  util::DiagnosticSink diags;
  std::unique_ptr<Document> doc = ParseYaml(&file, {}, &diags);
  if (doc == nullptr) return {"<no document>"};
  std::vector<std::string> out;
  for (const util::SourceComment& c : doc->comments()) {
    out.push_back(std::to_string(c.line) + ":" + std::to_string(c.col) + " \"" +
                  std::string(c.text) + "\" " + std::to_string(c.first_line) + "-" +
                  std::to_string(c.last_line));
  }
  return out;
}

struct CommentCase {
  const char* name;
  const char* yaml;
  std::vector<std::string> comments;
};

void PrintTo(const CommentCase& c, std::ostream* os) { *os << c.name; }

class CommentTable : public ::testing::TestWithParam<CommentCase> {};

TEST_P(CommentTable, FindsRealCommentsAndWhatTheyAreAbout) {
  EXPECT_EQ(Comments(GetParam().yaml), GetParam().comments) << GetParam().yaml;
}

const CommentCase kCases[] = {
    {"AfterCode", "a: b # c\n", {"1:6 \" c\" 1-1"}},
    {"AfterATab", "a: b\t# c\n", {"1:6 \" c\" 1-1"}},
    {"OnItsOwnLineAboutTheNext", "# c\na: b\n", {"1:1 \" c\" 2-2"}},
    {"ARunAboutTheLineBelowIt", "# a\n  # b\nk: v\n", {"1:1 \" a\" 3-3", "2:3 \" b\" 3-3"}},
    {"ABlankLineEndsIt", "# c\n\na: b\n", {"1:1 \" c\" 0-0"}},
    {"AtTheEndOfTheFile", "a: b\n# end", {"2:1 \" end\" 0-0"}},
    {"OnlyComments", "# only\n", {"1:1 \" only\" 0-0"}},
    {"InsideQuotes", "a: \"x # y\"\nb: 'x # y' # z\n", {"2:12 \" z\" 2-2"}},
    {"InsideAPlainScalar", "a: x#y\nb: x #y\n", {"2:6 \"y\" 2-2"}},
    {"LinesOfAQuotedScalar", "a: \"x\n  # in\n  y\"\n", {}},
    {"InsideABlockScalar", "a: |\n  # not a comment\n  x = 1 # nor this\nb: 1\n", {}},
    {"OnABlockScalarHeader", "a: |  # header\n  # text\nb: 1\n", {"1:7 \" header\" 1-2"}},
    {"BelowABlockScalar",
     "a: >-\n  text\n # less indented\nb: 1\n",
     {"3:2 \" less indented\" 4-4"}},
    {"AboveAResource",
     "R:\n  # fn\n  Fn:\n    T: x\n    P:\n      Q: 1\n  G: 2\n",
     {"2:3 \" fn\" 3-6"}},
    {"OnAResourceId", "R:\n  Fn:  # fn\n    T: x\n  G: 2\n", {"2:8 \" fn\" 2-3"}},
    {"AboveAStatement", "S:\n  # st\n  - E: A\n    B: c\n  - E: D\n", {"2:3 \" st\" 3-4"}},
    {"OnAStatement", "S:\n  - E: A  # st\n    B: c\n  - E: D\n", {"2:11 \" st\" 2-3"}},
    {"AboveNestedItems", "# c\n- - a\n  - b\n- d\n", {"1:1 \" c\" 2-3"}},
    {"AboveAnEntryWithBlankLines", "# c\nk:\n  a: 1\n\n  b: 2\n\nz: 3\n", {"1:1 \" c\" 2-5"}},
    {"AboveABlockScalarAndBlankLines", "# c\nk: |\n  line\n\n\nz: 1\n", {"1:1 \" c\" 2-3"}},
    {"InAFlowSequence", "a: [1, # one\n  2]\nb: 3\n", {"1:8 \" one\" 1-2"}},
    {"AboveAnAliasItem", "x: &a\n  k: v\nl:\n  # c\n  - *a\n", {"4:3 \" c\" 5-5"}},
    {"AfterTagAndAnchor", "a: &x !Ref b # c\n", {"1:14 \" c\" 1-1"}},
    {"DocumentMarkers",
     "--- # doc\na: 1\n...\n# after\n",
     {"1:5 \" doc\" 1-1", "4:1 \" after\" 0-0"}},
    {"LaterDocument", "a: 1\n---\n# c\nb:\n  x: 1\n", {"3:1 \" c\" 4-5"}},
    {"CrLf", "a: b # c\r\n# d\r\ne: f\r\n", {"1:6 \" c\" 1-1", "2:1 \" d\" 3-3"}},
    {"ByteOrderMark", "\xEF\xBB\xBF# c\na: 1\n", {"1:1 \" c\" 2-2"}},
    {"ColumnsCountBytes", "a: \xC3\xA9 # c\n", {"1:7 \" c\" 1-1"}},
    {"Directive", "%YAML 1.1 # v\n---\na: 1\n", {"1:11 \" v\" 1-1"}},
};

std::string CaseName(const ::testing::TestParamInfo<CommentCase>& param) {
  return param.param.name;
}

INSTANTIATE_TEST_SUITE_P(Yaml, CommentTable, ::testing::ValuesIn(kCases), CaseName);

TEST(CommentTest, TextViewsTheFile) {
  util::SourceFile file("t.yaml", "a: 1 # note\n");
  util::DiagnosticSink diags;
  std::unique_ptr<Document> doc = ParseYaml(&file, {}, &diags);
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->comments().size(), 1u);
  std::string_view text = doc->comments()[0].text;
  EXPECT_EQ(text.data(), file.text().data() + 6);
  std::vector<util::SourceComment> taken = doc->TakeComments();
  EXPECT_EQ(taken.size(), 1u);
  EXPECT_TRUE(doc->comments().empty());
}

TEST(CommentTest, JsonHasNone) {
  util::SourceFile file("t.json", "{\"a\": \"# not a comment\"}\n");
  util::DiagnosticSink diags;
  std::unique_ptr<Document> doc = ParseJson(&file, {}, &diags);
  ASSERT_NE(doc, nullptr);
  EXPECT_TRUE(doc->comments().empty());
}

// Every line of a long run of comment lines is about the line below the run.
TEST(CommentTest, ManyCommentLines) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "# line\n";
  text += "a: 1\n";
  std::vector<std::string> comments = Comments(text);
  ASSERT_EQ(comments.size(), 100000u);
  EXPECT_EQ(comments.back(), "100000:1 \" line\" 100001-100001");
}

}  // namespace
}  // namespace fnwarden::load::syntax
