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
  std::string dump() const {
    if (!doc) return "<no document>";
    std::string out;
    for (const Node* r : doc->roots()) {
      if (!out.empty()) out += " --- ";
      out += Dump(r);
    }
    return out;
  }
};

Parsed Yaml(std::string text, const ParseLimits& limits = {}) {
  Parsed p;
  p.file = std::make_unique<util::SourceFile>("t.yaml", std::move(text));
  util::DiagnosticSink sink;
  p.doc = ParseYaml(p.file.get(), limits, &sink);
  for (const util::Diagnostic& d : sink.Sorted()) p.diags.push_back(util::RenderHeadline(d));
  return p;
}

std::string Pos(const Node* n) {
  if (n == nullptr) return "<none>";
  return std::to_string(n->loc.line) + ":" + std::to_string(n->loc.col);
}

struct DumpCase {
  const char* yaml;
  const char* dump;
};

TEST(YamlTest, DumpTable) {
  const DumpCase cases[] = {
      {"a: 1", "{a: 1}"},
      {"Type: \"AWS::S3::Bucket\"\nProps: [!Ref X, 1]",
       "{Type: \"AWS::S3::Bucket\", Props: [!Ref X, 1]}"},
      {"- a\n- b\n-\n- ~\n- null", "[a, b, null, null, null]"},
      {"a:\n  b:\n    - c: d\n      e: f\n", "{a: {b: [{c: d, e: f}]}}"},
      {"{a: [1, {b: 2}], c: {}}", "{a: [1, {b: 2}], c: {}}"},
      {"a: []", "{a: []}"},
      {"a: 'it''s'", "{a: \"it's\"}"},
      {"a: \"tab\\there\\nline \\\"q\\\" \\\\\"", "{a: \"tab\\there\\nline \\\"q\\\" \\\\\"}"},
      {"a: \"\\x01\"", "{a: \"\\x01\"}"},
      {"a: |\n  one\n  two\n", "{a: |\"one\\ntwo\\n\"}"},
      {"a: >\n  one\n  two\n", "{a: |\"one two\\n\"}"},
      {"a: |-\n  one\n", "{a: |\"one\"}"},
      {"a: plain\n  continued\n", "{a: plain continued}"},
      {"'quoted key': 1", "{\"quoted key\": 1}"},
      {"a: b # comment\n# more\n", "{a: b}"},
      {"? a\n: b\n", "{a: b}"},
      {"~: 1\nnull: 2\n?\n: 3\n", "{~: 1, null: 2, : 3}"},
      // Standard tags disappear; !!str makes a quoted string.
      {"a: !!str 123", "{a: \"123\"}"},
      {"a: !!str", "{a: \"\"}"},
      {"a: ! 123", "{a: \"123\"}"},
      {"a: !!int \"12\"", "{a: 12}"},
      {"a: !!float 3", "{a: 3}"},
      {"a: !!null \"\"", "{a: null}"},
      {"a: !!map {b: 1}", "{a: {b: 1}}"},
      {"a: !!seq [1]", "{a: [1]}"},
      {"!!merge <<: {a: 1}\nb: 2", "{a: 1, b: 2}"},
      {"a: !!binary aGVsbG8=", "{a: \"aGVsbG8=\"}"},
      // CloudFormation short forms in every form.
      {"a: !GetAtt Fn.Arn", "{a: !GetAtt Fn.Arn}"},
      {"a: !GetAtt [Fn, Arn]", "{a: !GetAtt [Fn, Arn]}"},
      {"a: !Sub [ \"x${A}\", {A: 1} ]", "{a: !Sub [\"x${A}\", {A: 1}]}"},
      {"a: !Sub\n  - x${A}\n  - A: !Ref B\n", "{a: !Sub [x${A}, {A: !Ref B}]}"},
      {"a: !If [C, !Ref A, !Ref AWS::NoValue]", "{a: !If [C, !Ref A, !Ref AWS::NoValue]}"},
      {"a: !Base64 |\n  #!/bin/sh\n", "{a: !Base64 |\"#!/bin/sh\\n\"}"},
      {"a: !GetAZs ''", "{a: !GetAZs \"\"}"},
      {"a: !Ref", "{a: !Ref }"},
      {"a: !Custom {x: 1}", "{a: !Custom {x: 1}}"},
      {"%TAG !e! tag:example.com,2000:\n---\na: !e!x y", "{a: tag:example.com,2000:x y}"},
      {"a: !<tag:x> y", "{a: tag:x y}"},
      // Tabs where YAML allows them.
      {"a:\tb\nc: [1,\t2]\t# c\n", "{a: b, c: [1, 2]}"},
      {"a: \"x\ty\"", "{a: \"x\\ty\"}"},
  };
  for (const DumpCase& c : cases) {
    Parsed p = Yaml(c.yaml);
    EXPECT_EQ(p.dump(), c.dump) << "input: " << c.yaml;
    EXPECT_THAT(p.diags, IsEmpty()) << "input: " << c.yaml;
  }
}

TEST(YamlTest, EveryCloudFormationTagIsKeptInEveryForm) {
  const char* tags[] = {"!Ref",    "!Sub",         "!GetAtt",    "!If",           "!Equals",
                        "!Join",   "!Select",      "!Split",     "!FindInMap",    "!Base64",
                        "!GetAZs", "!ImportValue", "!Cidr",      "!And",          "!Or",
                        "!Not",    "!Condition",   "!Transform", "!ToJsonString", "!Length"};
  for (std::string tag : tags) {
    Parsed p = Yaml("s: " + tag + " x\nq: " + tag + " [a, b]\nm: " + tag + " {k: v}\n");
    ASSERT_NE(p.root(), nullptr) << tag;
    EXPECT_THAT(p.diags, IsEmpty()) << tag;
    EXPECT_EQ(p.root()->Get("s")->tag, tag);
    EXPECT_EQ(p.root()->Get("q")->tag, tag);
    EXPECT_EQ(p.root()->Get("m")->tag, tag);
    EXPECT_EQ(p.dump(), "{s: " + tag + " x, q: " + tag + " [a, b], m: " + tag + " {k: v}}");
  }
}

TEST(YamlTest, StandardStrTagMakesAQuotedUntaggedString) {
  Parsed p = Yaml("a: !!str 123\nb: 123\n");
  const Node* a = p.root()->Get("a");
  EXPECT_EQ(a->style, ScalarStyle::kQuoted);
  EXPECT_EQ(a->tag, "");
  EXPECT_EQ(a->Type(), ScalarType::kString);
  EXPECT_EQ(p.root()->Get("b")->Type(), ScalarType::kInt);
}

TEST(YamlTest, Styles) {
  Parsed p = Yaml("a: x\nb: 'x'\nc: \"x\"\nd: |\n  x\ne: >\n  x\n");
  EXPECT_EQ(p.root()->Get("a")->style, ScalarStyle::kPlain);
  EXPECT_EQ(p.root()->Get("b")->style, ScalarStyle::kQuoted);
  EXPECT_EQ(p.root()->Get("c")->style, ScalarStyle::kQuoted);
  EXPECT_EQ(p.root()->Get("d")->style, ScalarStyle::kBlock);
  EXPECT_EQ(p.root()->Get("e")->style, ScalarStyle::kBlock);
}

TEST(YamlTest, ScalarTypes) {
  struct Case {
    const char* text;
    ScalarType type;
  };
  const Case cases[] = {
      {"true", ScalarType::kBool},
      {"True", ScalarType::kBool},
      {"TRUE", ScalarType::kBool},
      {"false", ScalarType::kBool},
      {"False", ScalarType::kBool},
      {"FALSE", ScalarType::kBool},
      {"yes", ScalarType::kString},
      {"No", ScalarType::kString},
      {"on", ScalarType::kString},
      {"off", ScalarType::kString},
      {"tRUE", ScalarType::kString},
      {"~", ScalarType::kNull},
      {"null", ScalarType::kNull},
      {"Null", ScalarType::kNull},
      {"NULL", ScalarType::kNull},
      {"nULL", ScalarType::kString},
      {"0", ScalarType::kInt},
      {"12", ScalarType::kInt},
      {"-3", ScalarType::kInt},
      {"+3", ScalarType::kInt},
      {"012345678901", ScalarType::kInt},
      {"0x1F", ScalarType::kInt},
      {"0o17", ScalarType::kInt},
      {"0o18", ScalarType::kString},
      {"0x", ScalarType::kString},
      {"0xg", ScalarType::kString},
      {"1.5", ScalarType::kFloat},
      {"-1.5", ScalarType::kFloat},
      {".5", ScalarType::kFloat},
      {"1.", ScalarType::kFloat},
      {"1e3", ScalarType::kFloat},
      {"1.5E-3", ScalarType::kFloat},
      {".inf", ScalarType::kFloat},
      {"-.Inf", ScalarType::kFloat},
      {"+.INF", ScalarType::kFloat},
      {".nan", ScalarType::kFloat},
      {".NaN", ScalarType::kFloat},
      {"-.nan", ScalarType::kString},
      {"1.2.3", ScalarType::kString},
      {"1e", ScalarType::kString},
      {".", ScalarType::kString},
      {"-a", ScalarType::kString},
      {"2012-10-17", ScalarType::kString},
      {"1_000", ScalarType::kString},
      {"x1", ScalarType::kString},
  };
  for (const Case& c : cases) {
    Parsed p = Yaml(std::string("v: ") + c.text);
    ASSERT_NE(p.root(), nullptr) << c.text;
    EXPECT_EQ(p.root()->Get("v")->Type(), c.type) << c.text;
  }
  Parsed quoted = Yaml("a: 'true'\nb: \"12\"\nc: |\n  null\n");
  EXPECT_EQ(quoted.root()->Get("a")->Type(), ScalarType::kString);
  EXPECT_EQ(quoted.root()->Get("b")->Type(), ScalarType::kString);
  EXPECT_EQ(quoted.root()->Get("c")->Type(), ScalarType::kString);
}

TEST(YamlTest, NullNodesAndKeys) {
  Parsed p = Yaml("a:\nb: ~\nc: ''\nnull: x\n");
  EXPECT_TRUE(p.root()->Get("a")->is_null());
  EXPECT_TRUE(p.root()->Get("b")->is_null());
  EXPECT_EQ(p.root()->Get("b")->scalar, "~");
  EXPECT_TRUE(p.root()->Get("c")->is_scalar());
  for (const MapEntry& e : p.root()->entries) EXPECT_TRUE(e.key->is_scalar()) << e.key->scalar;
  EXPECT_EQ(p.root()->Get("null")->scalar, "x");
}

TEST(YamlTest, Positions) {
  Parsed p = Yaml(
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Policies: [ !Ref P, {Statement: x} ]\n"
      "      Arn: !GetAtt Fn.Arn\n"
      "      List:\n"
      "        - one\n"
      "        -   \"two\"\n");
  ASSERT_NE(p.root(), nullptr);
  const Node* res = p.root()->Get("Resources");
  const Node* fn = res->Get("Fn");
  const Node* props = fn->Get("Properties");
  EXPECT_EQ(Pos(p.root()), "1:1");
  EXPECT_EQ(Pos(p.root()->GetKey("Resources")), "1:1");
  EXPECT_EQ(Pos(res), "2:3");
  EXPECT_EQ(Pos(res->GetKey("Fn")), "2:3");
  EXPECT_EQ(Pos(fn), "3:5");
  EXPECT_EQ(Pos(fn->GetKey("Type")), "3:5");
  EXPECT_EQ(Pos(fn->Get("Type")), "3:11");
  EXPECT_EQ(Pos(props->GetKey("Policies")), "5:7");
  const Node* policies = props->Get("Policies");
  EXPECT_EQ(Pos(policies), "5:17");
  EXPECT_EQ(Pos(policies->items[0]), "5:19");  // the tag starts the node
  EXPECT_EQ(Pos(policies->items[1]), "5:27");
  EXPECT_EQ(Pos(policies->items[1]->GetKey("Statement")), "5:28");
  EXPECT_EQ(Pos(policies->items[1]->Get("Statement")), "5:39");
  EXPECT_EQ(Pos(props->Get("Arn")), "6:12");
  EXPECT_EQ(Pos(props->Get("List")), "8:9");
  EXPECT_EQ(Pos(props->Get("List")->items[0]), "8:11");
  EXPECT_EQ(Pos(props->Get("List")->items[1]), "9:13");
  EXPECT_EQ(p.root()->loc.file, p.file.get());
}

TEST(YamlTest, PositionsCountBytesInNonAsciiText) {
  // "é" and "ü" take two bytes each; columns count bytes like SourceFile.
  Parsed p = Yaml("é: ü\nb: [x, ü, y]\nc: \"ü\\t\"\n");
  ASSERT_NE(p.root(), nullptr);
  EXPECT_EQ(p.dump(), "{é: ü, b: [x, ü, y], c: \"ü\\t\"}");
  EXPECT_EQ(Pos(p.root()->Get("é")), "1:5");
  EXPECT_EQ(Pos(p.root()->GetKey("b")), "2:1");
  const Node* b = p.root()->Get("b");
  EXPECT_EQ(Pos(b->items[1]), "2:8");
  EXPECT_EQ(Pos(b->items[2]), "2:12");
  EXPECT_EQ(Pos(p.root()->Get("c")), "3:4");
}

TEST(YamlTest, ByteOrderMarkIsNotAColumn) {
  Parsed p = Yaml(
      "\xEF\xBB\xBF"
      "a: 1\nb: 2\n");
  EXPECT_EQ(p.dump(), "{a: 1, b: 2}");
  EXPECT_EQ(Pos(p.root()->GetKey("a")), "1:1");
  EXPECT_EQ(Pos(p.root()->Get("a")), "1:4");
  EXPECT_EQ(Pos(p.root()->Get("b")), "2:4");
  Parsed non_ascii = Yaml(
      "\xEF\xBB\xBF"
      "a: é\nb: 2\n");
  EXPECT_EQ(Pos(non_ascii.root()->Get("a")), "1:4");
  EXPECT_EQ(Pos(non_ascii.root()->Get("b")), "2:4");
}

TEST(YamlTest, CrLfLineEndings) {
  Parsed p = Yaml("a: 1\r\nb:\r\n  - x\r\n  - |\r\n    l1\r\n    l2\r\n");
  EXPECT_EQ(p.dump(), "{a: 1, b: [x, |\"l1\\nl2\\n\"]}");
  EXPECT_THAT(p.diags, IsEmpty());
  EXPECT_EQ(Pos(p.root()->Get("b")->items[0]), "3:5");
  EXPECT_EQ(Pos(p.root()->Get("b")->items[1]), "4:5");
}

TEST(YamlTest, EmptyInputs) {
  for (const char* text :
       {"", "\n\n", "   \n", "# only a comment\n# and another\n", "\xEF\xBB\xBF"}) {
    Parsed p = Yaml(text);
    ASSERT_NE(p.doc, nullptr) << text;
    EXPECT_THAT(p.doc->roots(), IsEmpty()) << text;
    EXPECT_THAT(p.diags, IsEmpty()) << text;
  }
}

TEST(YamlTest, MultiDocumentStream) {
  Parsed p = Yaml("a: 1\n---\nb: 2\n...\n---\n- c\n---\n");
  EXPECT_EQ(p.dump(), "{a: 1} --- {b: 2} --- [c] --- null");
  EXPECT_EQ(p.doc->roots().size(), 4u);
  EXPECT_EQ(Pos(p.doc->roots()[2]), "6:1");
}

TEST(YamlTest, NodesAtTheEndOfTheFileAreOnItsLastLine) {
  // libyaml places an empty document at the end on a line that does not exist.
  Parsed p = Yaml("a\n---");
  EXPECT_EQ(p.dump(), "a --- null");
  EXPECT_EQ(Pos(p.doc->roots()[1]), "2:4");
  Parsed q = Yaml("é: 1\n---");
  EXPECT_EQ(Pos(q.doc->roots()[1]), "2:4");
}

TEST(YamlTest, AliasesShareTheAnchoredNode) {
  Parsed p = Yaml("a: &x {b: 1}\nc: *x\nd: &s text\ne: [*s, *x]\n");
  EXPECT_EQ(p.dump(), "{a: {b: 1}, c: {b: 1}, d: text, e: [text, {b: 1}]}");
  EXPECT_THAT(p.diags, IsEmpty());
  EXPECT_EQ(p.root()->Get("a"), p.root()->Get("c"));
  EXPECT_EQ(p.root()->Get("e")->items[0], p.root()->Get("d"));
  EXPECT_EQ(Pos(p.root()->Get("c")), "1:4");  // the anchored node, which starts at its anchor
}

TEST(YamlTest, AnchorsCanBeRedefined) {
  Parsed p = Yaml("a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
  EXPECT_EQ(p.dump(), "{a: 1, b: 1, c: 2, d: 2}");
}

TEST(YamlTest, AnchorsDoNotCrossDocuments) {
  Parsed p = Yaml("a: &x 1\n---\nb: *x\n");
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:3:4: error: undefined alias 'x'"));
  EXPECT_EQ(p.dump(), "{a: 1}");  // the first document is kept
}

TEST(YamlTest, AliasToANullAsAKey) {
  Parsed p = Yaml("a: &x ~\n*x : 1\n");
  EXPECT_EQ(p.dump(), "{a: null, ~: 1}");
  EXPECT_TRUE(p.root()->entries[1].key->is_scalar());
  EXPECT_TRUE(p.root()->Get("a")->is_null());
}

TEST(YamlTest, MergeKeys) {
  Parsed p = Yaml(
      "base: &b {x: 1, y: 2}\n"
      "other: &o {y: 20, z: 30}\n"
      "m:\n"
      "  <<: *b\n"
      "  y: 3\n"
      "n:\n"
      "  k: 0\n"
      "  <<: [*b, *o]\n"
      "  z: 4\n"
      "q: {<<: {p: 1}, '<<': 2}\n");
  EXPECT_THAT(p.diags, IsEmpty());
  EXPECT_EQ(Dump(p.root()->Get("m")), "{x: 1, y: 3}");
  // Explicit keys win; in a list the earlier map wins.
  EXPECT_EQ(Dump(p.root()->Get("n")), "{k: 0, x: 1, y: 2, z: 4}");
  // A quoted "<<" is an ordinary key.
  EXPECT_EQ(Dump(p.root()->Get("q")), "{p: 1, \"<<\": 2}");
  EXPECT_EQ(p.root()->Get("m")->Get("x"), p.root()->Get("base")->Get("x"));
}

TEST(YamlTest, DuplicateKeyIsAWarningAndTheLastWins) {
  Parsed p = Yaml("a: 1\nb: 2\na: 3\n");
  EXPECT_THAT(p.diags,
              ElementsAre("t.yaml:3:1: warning: duplicate key 'a' (first defined at line 1)"));
  EXPECT_EQ(p.dump(), "{a: 1, b: 2, a: 3}");
  EXPECT_EQ(p.root()->Get("a")->scalar, "3");
  EXPECT_EQ(Pos(p.root()->GetKey("a")), "3:1");
}

TEST(YamlTest, DuplicateKeysInALargeMap) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  text += "k7: again\nk7: and again\n";
  Parsed p = Yaml(text);
  EXPECT_THAT(p.diags,
              ElementsAre("t.yaml:41:1: warning: duplicate key 'k7' (first defined at line 8)",
                          "t.yaml:42:1: warning: duplicate key 'k7' (first defined at line 8)"));
}

// One test per kind of bad input, pinning the message and its position.

TEST(YamlErrorTest, TruncatedQuotedScalar) {
  Parsed p = Yaml("a: 1\nb: \"abc");
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:2:4: error: unexpected end of file while scanning a "
                                   "quoted scalar that starts here"));
  EXPECT_EQ(p.doc, nullptr);
}

TEST(YamlErrorTest, TruncatedFlowSequence) {
  Parsed p = Yaml("a:\n  b: [1, 2,\n");
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:2:6: error: unexpected end of file while parsing a "
                                   "flow sequence that starts here"));
  EXPECT_THAT(Yaml("a: [1, {b: [2]").diags,
              ElementsAre("t.yaml:1:8: error: unexpected end of file while parsing a flow "
                          "mapping that starts here"));
  EXPECT_THAT(Yaml("a: [1, 2").diags,
              ElementsAre("t.yaml:1:4: error: unexpected end of file while parsing a flow "
                          "sequence that starts here"));
}

TEST(YamlErrorTest, BinaryFile) {
  Parsed p = Yaml(std::string("a: b\0c", 6));
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:1:1: error: binary file"));
  EXPECT_EQ(p.doc, nullptr);
}

TEST(YamlErrorTest, NotUtf8) {
  Parsed p = Yaml("a: b\nc: d\xC3(\n");
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:2:5: error: invalid UTF-8 byte 0xc3; the file must "
                                   "be UTF-8 text"));
  Parsed utf16 = Yaml(
      "\xFF\xFE"
      "a\0:\0",
      {});
  EXPECT_THAT(utf16.diags, ElementsAre("t.yaml:1:1: error: UTF-16 and UTF-32 files are not "
                                       "supported; save the file as UTF-8"));
  // Overlong forms and surrogates are not UTF-8 either.
  EXPECT_THAT(Yaml("a: \xC0\x80").diags, ElementsAre(::testing::HasSubstr("1:4: error: invalid")));
  EXPECT_THAT(Yaml("a: \xED\xA0\x80").diags,
              ElementsAre(::testing::HasSubstr("1:4: error: invalid")));
}

TEST(YamlErrorTest, ControlCharacter) {
  Parsed p = Yaml("a: 1\nb: x\x01y\n");
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:2:5: error: control characters are not allowed (0x1)"));
}

TEST(YamlErrorTest, DeeplyNested) {
  Parsed p = Yaml(std::string(100000, '['));
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:1:257: error: nesting exceeds 256 levels"));
  std::string block;
  for (int i = 0; i < 300; ++i) block += std::string(i, ' ') + "k:\n";
  EXPECT_THAT(Yaml(block).diags, ElementsAre("t.yaml:257:257: error: nesting exceeds 256 levels"));
}

TEST(YamlErrorTest, AliasBomb) {
  // The "billion laughs": nine levels of nine aliases each.
  std::string text = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n";
  std::string prev = "a";
  for (std::string name : {"b", "c", "d", "e", "f", "g", "h", "i"}) {
    text += name + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) text += (i ? ",*" : "*") + prev;
    text += "]\n";
    prev = name;
  }
  ASSERT_LT(text.size(), 600u);
  Parsed p = Yaml(text);
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:6:8: error: alias expansion exceeds 100000 nodes"));
  EXPECT_EQ(p.doc, nullptr);
}

TEST(YamlErrorTest, AliasExpansionCountsAgainstTheNodeLimit) {
  ParseLimits limits;
  limits.max_nodes = 20;
  Parsed p = Yaml("a: &a [1, 2, 3, 4, 5]\nb: [*a, *a]\n", limits);
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:2:9: error: file exceeds 20 nodes"));
}

TEST(YamlErrorTest, AliasDepthCountsTheAnchoredNode) {
  ParseLimits limits;
  limits.max_depth = 4;
  Parsed p = Yaml("a: &a [[[1]]]\nb: [*a]\n", limits);
  EXPECT_THAT(p.diags,
              ElementsAre("t.yaml:2:5: error: nesting exceeds 4 levels through alias 'a'"));
}

TEST(YamlErrorTest, HugeScalar) {
  Parsed p = Yaml("a: 1\nb: " + std::string((1 << 20) + 1, 'x') + "\n");
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:2:4: error: scalar exceeds 1048576 bytes"));
  ParseLimits limits;
  limits.max_scalar_bytes = 4;
  EXPECT_THAT(Yaml("a: 'abcd'\nb: \"abcde\"", limits).diags,
              ElementsAre("t.yaml:2:4: error: scalar exceeds 4 bytes"));
}

TEST(YamlErrorTest, UnknownStandardTag) {
  Parsed p = Yaml("a: 1\nb: !!foo x\n");
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:2:4: error: unknown tag '!!foo'"));
}

TEST(YamlErrorTest, StandardTagOnTheWrongValue) {
  EXPECT_THAT(Yaml("a: !!int abc").diags,
              ElementsAre("t.yaml:1:4: error: 'abc' is not a valid !!int"));
  EXPECT_THAT(Yaml("a: !!bool yes").diags,
              ElementsAre("t.yaml:1:4: error: 'yes' is not a valid !!bool"));
  EXPECT_THAT(Yaml("a: !!str [x]").diags,
              ElementsAre("t.yaml:1:4: error: the tag '!!str' can only be used on a scalar"));
  EXPECT_THAT(Yaml("a: !!map [x]").diags,
              ElementsAre("t.yaml:1:4: error: the tag '!!map' can only be used on a map"));
}

TEST(YamlErrorTest, UndefinedTagHandle) {
  Parsed p = Yaml("a: !e!x y\n");
  EXPECT_THAT(p.diags,
              ElementsAre("t.yaml:1:4: error: found undefined tag handle while parsing a node"));
}

TEST(YamlErrorTest, TagDirectiveProblems) {
  EXPECT_THAT(Yaml("%TAG !e! tag:a,2000:\n%TAG !e! tag:b,2000:\n---\na: 1\n").diags,
              ElementsAre("t.yaml:2:1: error: found duplicate %TAG directive"));
  EXPECT_THAT(Yaml("%YAML 2.0\n---\na: 1\n").diags,
              ElementsAre("t.yaml:1:1: error: found incompatible YAML document"));
}

TEST(YamlErrorTest, UndefinedAlias) {
  Parsed p = Yaml("a: 1\nb: [x, *nope]\n");
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:2:8: error: undefined alias 'nope'"));
}

TEST(YamlErrorTest, RecursiveAlias) {
  Parsed p = Yaml("a: &x [1, *x]\n");
  EXPECT_THAT(p.diags,
              ElementsAre("t.yaml:1:11: error: alias 'x' refers to a node that contains it"));
}

TEST(YamlErrorTest, MergeOfSomethingElse) {
  EXPECT_THAT(Yaml("a: {<<: 5}\n").diags,
              ElementsAre("t.yaml:1:9: error: the value of a merge key '<<' must be a map or a "
                          "sequence of maps"));
  EXPECT_THAT(Yaml("a: {<<: [{b: 1}, x]}\n").diags,
              ElementsAre("t.yaml:1:18: error: a merge key '<<' can only merge maps"));
}

TEST(YamlErrorTest, ComplexKeyIsReportedAndSkipped) {
  Parsed p = Yaml("? [a]\n: b\nc: d\n");
  EXPECT_THAT(p.diags,
              ElementsAre("t.yaml:1:3: error: a map or a sequence cannot be a mapping key"));
  EXPECT_EQ(p.dump(), "{c: d}");
}

TEST(YamlErrorTest, KeyWithoutColon) {
  Parsed p = Yaml("a: b\nc\nd: e\n");
  EXPECT_THAT(p.diags, ElementsAre("t.yaml:2:1: error: could not find expected ':' while "
                                   "scanning a simple key"));
}

TEST(YamlErrorTest, MappingValueInAPlainScalar) {
  EXPECT_THAT(Yaml("a: b: c\n").diags,
              ElementsAre("t.yaml:1:5: error: mapping values are not allowed in this context"));
}

TEST(YamlErrorTest, TextAfterAClosingQuote) {
  EXPECT_THAT(Yaml("a: 1\nb: 'text' (more)\n").diags,
              ElementsAre("t.yaml:2:11: error: did not find expected key while parsing a block "
                          "mapping; the text after the closing quote should be inside the quotes"));
}

TEST(YamlErrorTest, TooManyNodes) {
  ParseLimits limits;
  limits.max_nodes = 5;
  // map, a, 1, b, [...] and then "2" is the sixth.
  EXPECT_THAT(Yaml("a: 1\nb: [2, 3]\n", limits).diags,
              ElementsAre("t.yaml:2:5: error: file exceeds 5 nodes"));
}

TEST(YamlErrorTest, TabIndentation) {
  EXPECT_THAT(Yaml("a:\n\tb: 1\n").diags,
              ElementsAre("t.yaml:2:1: error: found character that cannot start any token while "
                          "scanning for the next token"));
}

TEST(YamlErrorTest, ErrorInALaterDocumentKeepsTheEarlierOnes) {
  Parsed p = Yaml("a: 1\n---\nb: [\n");
  ASSERT_NE(p.doc, nullptr);
  EXPECT_EQ(p.dump(), "{a: 1}");
  EXPECT_EQ(p.diags.size(), 1u);
}

}  // namespace
}  // namespace fnwarden::load::syntax
