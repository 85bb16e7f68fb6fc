// The fast YAML scanner against libyaml: where it reads a text, its events
// must be libyaml's exactly (values, tags, anchors, styles, positions), and
// the tree and comments ParseYaml builds from them the same.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "load/syntax/node.h"
#include "load/syntax/yaml_events.h"
#include "test_util.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::syntax {
namespace {

namespace fs = std::filesystem;

class Recorder final : public YamlEventHandler {
 public:
  bool OnEvent(const YamlEvent& event) override {
    events.push_back(DescribeEvent(event));
    return true;
  }
  std::vector<std::string> events;
};

size_t Bom(std::string_view text) { return text.starts_with("\xEF\xBB\xBF") ? 3 : 0; }

// The fast scanner's verdict on `text`; when it reads the text, also checks
// that libyaml reads it and that both report the same events.
FastScan CompareEvents(const std::string& name, const std::string& text) {
  util::SourceFile file(name, text);
  Recorder fast, reference;
  FastScan result = ScanYamlFast(file, Bom(text), &fast);
  if (result != FastScan::kDone) return result;
  EXPECT_TRUE(ScanYamlLibyaml(file, Bom(text), &reference))
      << name << ": the fast scanner read a text libyaml refuses:\n"
      << text;
  EXPECT_EQ(fast.events, reference.events) << name;
  return result;
}

std::string DumpComments(const Document& doc) {
  std::string out;
  for (const util::SourceComment& c : doc.comments()) {
    out += std::to_string(c.line) + ":" + std::to_string(c.col) + " " +
           std::to_string(c.first_line) + "-" + std::to_string(c.last_line) + " " +
           std::string(c.text) + "\n";
  }
  return out;
}

std::vector<std::string> Rendered(const util::DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const util::Diagnostic& d : sink.Sorted()) out.push_back(util::RenderHeadline(d));
  return out;
}

// ParseYaml (fast first) and libyaml alone build the same trees, comments
// and diagnostics.
void CompareTrees(const std::string& name, const std::string& text) {
  util::SourceFile file(name, text);
  util::DiagnosticSink fast_diags, reference_diags;
  auto fast = ParseYaml(&file, {}, &fast_diags);
  auto reference = ParseYamlWithLibyaml(&file, {}, &reference_diags);
  ASSERT_EQ(fast == nullptr, reference == nullptr) << name;
  EXPECT_EQ(Rendered(fast_diags), Rendered(reference_diags)) << name;
  if (fast == nullptr) return;
  ASSERT_EQ(fast->roots().size(), reference->roots().size()) << name;
  for (size_t i = 0; i < fast->roots().size(); ++i) {
    EXPECT_EQ(Dump(fast->roots()[i]), Dump(reference->roots()[i])) << name;
  }
  EXPECT_EQ(DumpComments(*fast), DumpComments(*reference)) << name;
}

// Texts the fast scanner reads; each also checked against libyaml.
const char* const kRead[] = {
    "",
    "# only a comment\n",
    "a: b\n",
    "a: b",
    "---\na: 1\n",
    "--- # start\na: 1\n",
    "\xEF\xBB\xBF"
    "a: b\n",
    "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: x\n",
    "a:\n  - 1\n  - 2\nb: c\n",
    "a:\n- 1\n- 2\nb: c\n",
    "- a\n- b: c\n  d: e\n- - x\n  - y\n",
    "-\n  a: b\n-\n- c\n",
    "a:\nb:\n  c:\n",
    "a: !Ref X\nb: !GetAtt X.Arn\nc: !!str 1\nd: ! 2\n",
    "a: !If\n  - c\n  - x\n  - y\n",
    "a: !Sub |\n  line ${X}\n  two\n",
    "a: &anchor\n  x: 1\nb: *anchor\nc: &s v\nd: *s\n",
    "a: !Ref\nb: c\n",
    "a: &x\nb: 1\n",
    "a: [1, 2, 'three', \"four\"]\nb: {x: 1, \"y\": [a, b], z: {}}\nc: []\n",
    "a: [\n  1,\n  2\n]\nb: {\n  k: v\n}\n",
    "a: [x, # note\n  y]\n",
    "a: {k: }\nb: {k: , j: 1}\n",
    "a: ['it''s', \"q\\\"\\n\\t\\u00e9\\x41\\U0001F600\\\\\"]\n",
    "a: plain text with  spaces\n",
    "a: first\n  second\n\n  third\n\n\n  fourth\nb: x\n",
    "a: 'first\n  second\n\n  third'\nb: \"x\n  y  \"\n",
    "a: |\n  one\n  two\n\n",
    "a: |-\n  one\n  two\n\nb: 1\n",
    "a: |+\n  one\n\n\nb: 1\n",
    "a: >\n  one\n  two\n\n  three\n    more\n  four\n",
    "a: >-\n  x\n",
    "a: |\n  x\n   \n  y\n",
    "a: |  # header comment\n  text # not a comment\n# after\nb: 1\n",
    "- |\n  x\n- >\n  y\n",
    "a: |\n  no newline at the end",
    "a: b # comment\n# own line\n\n# run\nc: d#e\n",
    "arn: arn:aws:s3:::bucket/*\nurl: http://x:80/y\nk::v: 1\n",
    "a: -1\nb: -x\nc: ?x\nd: :x\n",
    "key : value\n'quoted key': 1\n\"dq\": 2\n",
    "a:\n  b:\n    c:\n      d: e\n  f: g\n",
    "a: *x\n",
    "a: caf\xC3\xA9 \xE2\x9C\x93\nb: '\xC3\xA9'\n",
    "a: 1\n  # indented comment\nb: 2\n",
    "a:\n  # comment before the value\n  b: 1\n",
    "a: [!Ref x, !GetAtt y.Arn]\n",
    "Outputs:\n  Url:\n    Value: !Sub "
    "\"https://${Api}.execute-api.${AWS::Region}.amazonaws.com/\"\n",
    "a: {x: [1, {y: z}]}\n",
    "a: x\n\n\n",
    "- a\n-   b\n",
    "a: [1, 2,]\nb: {x: 1,\n}\n",
    "a: [x: 1, y: , \"q\": [z], w]\n",
    "a: !Sub [\n  \"n-${ID}\",\n  ID: !Select [2, !Split [\"/\", !Ref AWS::StackId]],\n]\n",
    "a: \"line \\\n  continued \\\n\n  again\"\nb: \"x\\\n\"\n",
    "{a: 1}\n",
    "a: !Select [0, !GetAZs ]\nb: [!Ref , &x ]\nc: {k: !Ref }\nd: [k: !Ref ]\n",
    "[1, 2]\n",
    "a:    \n  b\n",
};

// Texts the fast scanner leaves to libyaml.
const char* const kLeft[] = {
    "%YAML 1.1\n---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "? a\n: b\n",
    "a:\tb\n",
    "a: b\rc: d\n",
    "a: |2\n   x\n",
    "a: |\n\n    deeper blank\n  x\n",
    "a: 'unterminated\n",
    "a: b: c\n",
    "a:\n  b: 1\n c: 2\n",
    "a: b\n  c: d\n",
    "[a, b]: c\n",
    "a: [&k x: 1]\n",
    "a: {x}\n",
    "a: \"\\q\"\n",
    "a: @x\n",
    "a: !<tag:x> 1\n",
    "a: !foo!bar 1\n",
    "a: \"x\"#c\n",
    "&a b: c\n",
    "a: |\n",
    "a: x\xC2\x85y\n",
    "--- x\n",
    "a: b\n...\n",
};

// The text with every line break written as CRLF.
std::string Crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(YamlFastTest, ReadsWhatLibyamlReadsAsLibyamlDoes) {
  for (const char* text : kRead) {
    SCOPED_TRACE(text);
    EXPECT_EQ(CompareEvents("case.yaml", text), FastScan::kDone);
    CompareTrees("case.yaml", text);
  }
}

// Files saved on Windows: the same texts with CRLF line breaks.
TEST(YamlFastTest, ReadsCrlfLineBreaksAsLibyamlDoes) {
  for (const char* text : kRead) {
    std::string crlf = Crlf(text);
    SCOPED_TRACE(crlf);
    EXPECT_EQ(CompareEvents("case.yaml", crlf), FastScan::kDone);
    CompareTrees("case.yaml", crlf);
  }
}

TEST(YamlFastTest, LeavesTheRestToLibyaml) {
  for (const char* text : kLeft) {
    SCOPED_TRACE(text);
    EXPECT_EQ(CompareEvents("case.yaml", text), FastScan::kUnsupported);
    CompareTrees("case.yaml", text);
  }
}

// Characters libyaml reads otherwise (tab, carriage return, controls, DEL,
// C1 controls, NEL, LS, PS, a byte order mark inside the text) leave the
// file to libyaml wherever they are, however the text is aligned.
TEST(YamlFastTest, LeavesFilesWithOtherCharactersToLibyaml) {
  const std::string bad[] = {"\x01",         "\t",           "\r",           "\x1f",
                             "\x7f",         "\xc2\x80",     "\xc2\x85",     "\xc2\x9f",
                             "\xe2\x80\xa8", "\xe2\x80\xa9", "\xef\xbb\xbf", "\xef\xbf\xbe",
                             "\xef\xbf\xbf"};
  for (const std::string& b : bad) {
    for (size_t at = 3; at < 24; ++at) {
      std::string text = "a: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n";
      text.insert(at, b);
      SCOPED_TRACE(::testing::PrintToString(text));
      EXPECT_EQ(CompareEvents("case.yaml", text), FastScan::kUnsupported);
      CompareTrees("case.yaml", text);
    }
  }
  // Their neighbours are read.
  for (const std::string& b : {std::string(" "), std::string("~"), std::string("\xc2\xa0"),
                               std::string("\xe2\x80\xa7"), std::string("\xef\xbf\xbd")}) {
    std::string text = "a: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n";
    text.insert(9, b);
    EXPECT_EQ(CompareEvents("case.yaml", text), FastScan::kDone) << ::testing::PrintToString(text);
  }
}

// A handler that stops: the scan stops with it, and ParseYaml gives
// libyaml's verdict (here the tree builder's, on an unknown !! tag).
TEST(YamlFastTest, StopsWhenTheHandlerStops) {
  class StopAtThird final : public YamlEventHandler {
   public:
    bool OnEvent(const YamlEvent&) override { return ++seen < 3; }
    int seen = 0;
  } handler;
  util::SourceFile file("t.yaml", "a: 1\nb: 2\nc: 3\n");
  EXPECT_EQ(ScanYamlFast(file, 0, &handler), FastScan::kStopped);
  EXPECT_EQ(handler.seen, 3);
  CompareTrees("t.yaml", "a: !!nosuch 1\n");
  CompareTrees("t.yaml", "a: !!int x\n");
  CompareTrees("t.yaml", "a: &x [*x]\n");
  CompareTrees("t.yaml", "a: 1\na: 2\n");
}

// Every YAML file of the shared corpus: the fast scanner reads nearly all,
// and whatever it reads it reads as libyaml does.
TEST(YamlFastTest, AgreesWithLibyamlOnTheCorpus) {
  std::string shared = fnwarden::testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "no shared corpus";
  size_t files = 0, read = 0;
  for (const auto& entry : fs::recursive_directory_iterator(
           shared + "/corpus", fs::directory_options::skip_permission_denied)) {
    if (!entry.is_regular_file() || entry.is_symlink()) continue;
    std::string ext = entry.path().extension().string();
    if (ext != ".yaml" && ext != ".yml") continue;
    if (entry.path().string().find("/node_modules/") != std::string::npos) continue;
    std::string text = fnwarden::testing::ReadFileOrDie(entry.path().string());
    ++files;
    if (CompareEvents(entry.path().string(), text) == FastScan::kDone) ++read;
    CompareTrees(entry.path().string(), text);
  }
  std::printf("fast scanner: %zu of %zu corpus files\n", read, files);
  EXPECT_GT(files, 1000u);
  // Tabs, several documents and the like are rare.
  EXPECT_GT(read * 100, files * 90) << read << " of " << files;
}

}  // namespace
}  // namespace fnwarden::load::syntax
