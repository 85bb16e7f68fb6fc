// util::Render for a terminal: escaped names and lines, carets at the
// display column, secrets masked. (The basic layout is in util_test.cc.)
#include <gtest/gtest.h>

#include "util/diagnostic.h"

namespace fnwarden::util {
namespace {

TEST(DiagnosticRenderTest, EscapesControlCharactersFromTheInput) {
  SourceFile f("evil\x1b]0;title\x07.yaml", "Name: \"\x1b[2J\"\n");
  Diagnostic d{DiagLevel::kError, Loc{&f, 1, 8}, f.path(), "bad name \"\x1b[2J\""};
  EXPECT_EQ(Render(d),
            "evil\\x1b]0;title\\x07.yaml:1:8: error: bad name \"\\x1b[2J\"\n"
            "  Name: \"\\x1b[2J\"\n"
            "         ^\n");
  // A file name with a newline cannot start a fake diagnostic line.
  Diagnostic whole{DiagLevel::kWarning, Loc{}, "a\nb.yaml: error: x", "odd"};
  EXPECT_EQ(RenderHeadline(whole), "a\\x0ab.yaml: error: x: warning: odd");
  EXPECT_EQ(Render(whole).find('\x1b'), std::string::npos);
}

TEST(DiagnosticRenderTest, CaretAtTheDisplayColumn) {
  // "名前: [" : two wide characters (6 bytes, 4 columns), then ": [" ; the
  // '[' is byte 9, display column 7.
  SourceFile f("t.yaml", "\xE5\x90\x8D\xE5\x89\x8D: [\n");
  Diagnostic d{DiagLevel::kError, Loc{&f, 1, 9}, f.path(), "expected ']'"};
  EXPECT_EQ(Render(d), "t.yaml:1:9: error: expected ']'\n  \xE5\x90\x8D\xE5\x89\x8D: [\n        ^\n");
  // A long line is cut around the caret, which stays visible.
  std::string line = std::string(300, 'x') + "!" + std::string(300, 'y');
  SourceFile big("big.json", line);
  Diagnostic far{DiagLevel::kError, Loc{&big, 1, 301}, big.path(), "unexpected '!'"};
  std::string text = Render(far);
  size_t first = text.find('\n') + 1, second = text.find('\n', first) + 1;
  std::string shown = text.substr(first, second - first - 1);
  std::string caret = text.substr(second, text.size() - second - 1);
  EXPECT_LE(shown.size(), 2 + 200u);
  EXPECT_TRUE(shown.starts_with("  ...") && shown.ends_with("...")) << shown;
  ASSERT_EQ(caret.back(), '^');
  EXPECT_EQ(shown[caret.size() - 1], '!');
}

TEST(DiagnosticRenderTest, MasksASecretOnTheQuotedLine) {
  SourceFile f("t.yaml", "  Token: ghp_0123456789abcdefghij0123456789abcdef [\n");
  Diagnostic d{DiagLevel::kError, Loc{&f, 1, 51}, f.path(), "expected ']'"};
  SecretFinder finder = [](std::string_view line) {
    size_t at = line.find("ghp_");
    return at == std::string_view::npos ? ByteRanges{} : ByteRanges{{at, at + 40}};
  };
  EXPECT_EQ(Render(d, finder),
            "t.yaml:1:51: error: expected ']'\n    Token: **** [\n" + std::string(16, ' ') + "^\n");
  EXPECT_NE(Render(d).find("ghp_"), std::string::npos);  // without a finder nothing is hidden
}

}  // namespace
}  // namespace fnwarden::util
