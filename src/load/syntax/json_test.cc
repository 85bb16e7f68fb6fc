#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "load/syntax/node.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::syntax {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Parsed {
  std::unique_ptr<util::SourceFile> file;
  std::unique_ptr<Document> doc;
  std::vector<std::string> diags;  // headlines, sorted by position

  const Node* root() const { return doc ? doc->root() : nullptr; }
  std::string dump() const { return doc ? Dump(doc->root()) : "<no document>"; }
};

Parsed Json(std::string text, const ParseLimits& limits = {}) {
  Parsed p;
  p.file = std::make_unique<util::SourceFile>("t.json", std::move(text));
  util::DiagnosticSink sink;
  p.doc = ParseJson(p.file.get(), limits, &sink);
  for (const util::Diagnostic& d : sink.Sorted()) p.diags.push_back(util::RenderHeadline(d));
  return p;
}

std::string Pos(const Node* n) {
  if (n == nullptr) return "<none>";
  return std::to_string(n->loc.line) + ":" + std::to_string(n->loc.col);
}

TEST(JsonTest, DumpTable) {
  struct Case {
    const char* json;
    const char* dump;
  };
  const Case cases[] = {
      {"{}", "{}"},
      {"[]", "[]"},
      {"1", "1"},
      {"\"s\"", "\"s\""},
      {"null", "null"},
      {" true ", "true"},
      {"{\"Type\": \"AWS::S3::Bucket\", \"Props\": [{\"Ref\": \"X\"}, 1]}",
       "{\"Type\": \"AWS::S3::Bucket\", \"Props\": [{\"Ref\": \"X\"}, 1]}"},
      {"[1, -2, 3.5, -0.5e10, 1E+2, 0, false, null]",
       "[1, -2, 3.5, -0.5e10, 1E+2, 0, false, null]"},
      {"[[[]], {\"a\": {}}]", "[[[]], {\"a\": {}}]"},
      {"\"esc: \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
       "\"esc: \\\" \\\\ / \\x08 \\x0c \\n \\x0d \\t\""},
      {"\"\\u00e9\\u20ac\\ud83d\\ude00\"", "\"é€😀\""},
      {"\"\\u0000\"", "\"\\x00\""},
      {"\"é and ü\"", "\"é and ü\""},
      {"{\"<<\": {\"a\": 1}}", "{\"<<\": {\"a\": 1}}"},  // not a merge key in JSON
      {"\xEF\xBB\xBF{\"a\": 1}", "{\"a\": 1}"},
      {"{\r\n  \"a\": 1\r\n}\r\n", "{\"a\": 1}"},
  };
  for (const Case& c : cases) {
    Parsed p = Json(c.json);
    EXPECT_EQ(p.dump(), c.dump) << "input: " << c.json;
    EXPECT_THAT(p.diags, IsEmpty()) << "input: " << c.json;
  }
}

TEST(JsonTest, StylesAndTypes) {
  Parsed p = Json("{\"s\": \"true\", \"b\": true, \"n\": null, \"i\": -12, \"f\": 1.5e3}");
  const Node* root = p.root();
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->Get("s")->style, ScalarStyle::kQuoted);
  EXPECT_EQ(root->Get("s")->Type(), ScalarType::kString);
  EXPECT_EQ(root->Get("b")->style, ScalarStyle::kPlain);
  EXPECT_EQ(root->Get("b")->Type(), ScalarType::kBool);
  EXPECT_TRUE(root->Get("n")->is_null());
  EXPECT_EQ(root->Get("n")->Type(), ScalarType::kNull);
  EXPECT_EQ(root->Get("i")->Type(), ScalarType::kInt);
  EXPECT_EQ(root->Get("f")->Type(), ScalarType::kFloat);
  EXPECT_EQ(root->GetKey("s")->style, ScalarStyle::kQuoted);
  for (const MapEntry& e : root->entries) EXPECT_EQ(e.key->tag, "");
}

TEST(JsonTest, Positions) {
  Parsed p = Json(
      "{\n"
      "  \"Resources\": {\n"
      "    \"Fn\": {\"Type\": \"AWS::Lambda::Function\",\n"
      "\t\"List\": [1, \"two\", [null]]}\n"
      "  }\n"
      "}\n");
  ASSERT_NE(p.root(), nullptr);
  EXPECT_EQ(Pos(p.root()), "1:1");
  EXPECT_EQ(Pos(p.root()->GetKey("Resources")), "2:3");
  const Node* res = p.root()->Get("Resources");
  EXPECT_EQ(Pos(res), "2:16");
  const Node* fn = res->Get("Fn");
  EXPECT_EQ(Pos(fn), "3:11");
  EXPECT_EQ(Pos(fn->GetKey("Type")), "3:12");
  EXPECT_EQ(Pos(fn->Get("Type")), "3:20");
  EXPECT_EQ(Pos(fn->GetKey("List")), "4:2");
  const Node* list = fn->Get("List");
  EXPECT_EQ(Pos(list), "4:10");
  EXPECT_EQ(Pos(list->items[0]), "4:11");
  EXPECT_EQ(Pos(list->items[1]), "4:14");
  EXPECT_EQ(Pos(list->items[2]->items[0]), "4:22");
}

TEST(JsonTest, PositionsCountBytes) {
  Parsed p = Json("[\"é\", 1]");
  EXPECT_EQ(Pos(p.root()->items[1]), "1:8");
  Parsed bom = Json("\xEF\xBB\xBF[1,\n2]");
  EXPECT_EQ(Pos(bom.root()), "1:1");
  EXPECT_EQ(Pos(bom.root()->items[0]), "1:2");
  EXPECT_EQ(Pos(bom.root()->items[1]), "2:1");
  Parsed cr = Json("[1,\r2,\r\n3]");
  EXPECT_EQ(Pos(cr.root()->items[1]), "2:1");
  EXPECT_EQ(Pos(cr.root()->items[2]), "3:1");
}

TEST(JsonTest, EmptyInput) {
  for (const char* text : {"", " \n\t\r\n", "\xEF\xBB\xBF"}) {
    Parsed p = Json(text);
    ASSERT_NE(p.doc, nullptr);
    EXPECT_THAT(p.doc->roots(), IsEmpty());
    EXPECT_THAT(p.diags, IsEmpty());
  }
}

TEST(JsonTest, DuplicateKeyIsAWarningAndTheLastWins) {
  Parsed p = Json("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}");
  EXPECT_THAT(p.diags,
              ElementsAre("t.json:3:2: warning: duplicate key 'a' (first defined at line 1)"));
  EXPECT_EQ(p.root()->Get("a")->scalar, "3");
}

TEST(JsonTest, ManyDuplicateKeysAreCapped) {
  std::string text = "{";
  for (int i = 0; i < 1000; ++i) text += std::string(i ? "," : "") + "\"k\": " + std::to_string(i);
  text += "}";
  Parsed p = Json(text);
  ASSERT_EQ(p.diags.size(), 100u);
  EXPECT_THAT(p.diags.back(), ::testing::HasSubstr("not reported"));
  EXPECT_EQ(p.root()->Get("k")->scalar, "999");
}

// One test per kind of bad input, pinning the message and its position.

TEST(JsonErrorTest, UnterminatedString) {
  EXPECT_THAT(Json("{\"a\": \"abc").diags, ElementsAre("t.json:1:7: error: unterminated string"));
  EXPECT_THAT(Json("{\"a\": \"abc\n\"}").diags,
              ElementsAre("t.json:1:7: error: unterminated string"));
}

TEST(JsonErrorTest, TrailingComma) {
  EXPECT_THAT(Json("{\"a\": 1,\n}").diags,
              ElementsAre("t.json:1:8: error: trailing comma before '}'"));
  EXPECT_THAT(Json("[1, 2, ]").diags, ElementsAre("t.json:1:6: error: trailing comma before ']'"));
}

TEST(JsonErrorTest, BadEscape) {
  EXPECT_THAT(Json("[\"a\\qb\"]").diags,
              ElementsAre("t.json:1:4: error: invalid escape '\\q' in a string"));
  EXPECT_THAT(Json("[\"\\u12g4\"]").diags,
              ElementsAre("t.json:1:3: error: invalid \\u escape; expected four hex digits"));
  EXPECT_THAT(Json("[\"x\\ud800y\"]").diags,
              ElementsAre("t.json:1:4: error: unpaired surrogate in a \\u escape"));
}

TEST(JsonErrorTest, ControlCharacterInString) {
  EXPECT_THAT(Json("[\"a\tb\"]").diags,
              ElementsAre("t.json:1:4: error: control character in a string; write it as an "
                          "escape such as \\t"));
}

TEST(JsonErrorTest, InvalidNumber) {
  EXPECT_THAT(Json("[01]").diags, ElementsAre("t.json:1:2: error: invalid number '01'"));
  EXPECT_THAT(Json("[1.]").diags, ElementsAre("t.json:1:2: error: invalid number '1.'"));
  EXPECT_THAT(Json("[-]").diags, ElementsAre("t.json:1:2: error: invalid number '-'"));
  EXPECT_THAT(Json("[1e+]").diags, ElementsAre("t.json:1:2: error: invalid number '1e+'"));
  EXPECT_THAT(Json("[12abc]").diags, ElementsAre("t.json:1:2: error: invalid number '12abc'"));
}

TEST(JsonErrorTest, InvalidValue) {
  EXPECT_THAT(Json("{\"a\": tru}").diags,
              ElementsAre("t.json:1:7: error: expected a JSON value, found 'tru'"));
  EXPECT_THAT(Json("[NaN]").diags,
              ElementsAre("t.json:1:2: error: expected a JSON value, found 'NaN'"));
  EXPECT_THAT(Json("{'a': 1}").diags,
              ElementsAre("t.json:1:2: error: expected a member name in double quotes, found "
                          "''a''"));
  EXPECT_THAT(Json("[1 2]").diags,
              ElementsAre("t.json:1:4: error: expected ',' or ']' after an array element"));
  EXPECT_THAT(Json("{\"a\" 1}").diags,
              ElementsAre("t.json:1:6: error: expected ':' after the member name"));
  EXPECT_THAT(Json("[1, // c\n 2]").diags,
              ElementsAre("t.json:1:5: error: comments are not allowed in JSON"));
  EXPECT_THAT(Json("{\"a\": 1} x").diags,
              ElementsAre("t.json:1:10: error: unexpected text after the JSON value"));
}

TEST(JsonErrorTest, UnexpectedEndOfFile) {
  EXPECT_THAT(Json("{\"a\": [1,\n  2").diags,
              ElementsAre("t.json:2:4: error: unexpected end of file; the '[' at line 1 column 7 "
                          "is not closed"));
  EXPECT_THAT(Json("{\"a\":").diags,
              ElementsAre("t.json:1:6: error: unexpected end of file; the '{' at line 1 column 1 "
                          "is not closed"));
}

TEST(JsonErrorTest, DeeplyNested) {
  Parsed p = Json(std::string(100000, '['));
  EXPECT_THAT(p.diags, ElementsAre("t.json:1:257: error: nesting exceeds 256 levels"));
  EXPECT_EQ(p.doc, nullptr);
}

TEST(JsonErrorTest, NotUtf8) {
  EXPECT_THAT(Json("{\"a\":\n \"\xE2\x82\"}").diags,
              ElementsAre("t.json:2:3: error: invalid UTF-8 byte 0xe2; the file must be UTF-8 "
                          "text"));
}

TEST(JsonErrorTest, BinaryFile) {
  EXPECT_THAT(Json(std::string("{\"a\0\": 1}", 9)).diags,
              ElementsAre("t.json:1:1: error: binary file"));
}

TEST(JsonErrorTest, HugeString) {
  EXPECT_THAT(Json("[1, \"" + std::string((1 << 20) + 1, 'x') + "\"]").diags,
              ElementsAre("t.json:1:5: error: scalar exceeds 1048576 bytes"));
  ParseLimits limits;
  limits.max_scalar_bytes = 3;
  EXPECT_THAT(Json("[\"abc\", \"a\\nbc\"]", limits).diags,
              ElementsAre("t.json:1:9: error: scalar exceeds 3 bytes"));
}

TEST(JsonErrorTest, TooManyNodes) {
  ParseLimits limits;
  limits.max_nodes = 3;
  EXPECT_THAT(Json("[1, 2, 3]", limits).diags,
              ElementsAre("t.json:1:8: error: file exceeds 3 nodes"));
}

}  // namespace
}  // namespace fnwarden::load::syntax
