#include "util/terminal.h"

#include <gtest/gtest.h>

namespace fnwarden::util {
namespace {

TEST(TerminalSafeTest, EscapesWhatATerminalWouldActOn) {
  EXPECT_EQ(TerminalSafe("plain text\tand a tab\nnext line"), "plain text\tand a tab\nnext line");
  // An escape sequence that would clear the screen and set the title.
  EXPECT_EQ(TerminalSafe("Fn\x1b[2J\x1b]0;pwned\x07"), "Fn\\x1b[2J\\x1b]0;pwned\\x07");
  EXPECT_EQ(TerminalSafe(std::string_view("a\0b\rc\x7f", 6)), "a\\x00b\\x0dc\\x7f");
  // C1 controls written in UTF-8 (U+009B is CSI, U+0085 NEL).
  EXPECT_EQ(TerminalSafe("x\xC2\x9B" "31mred\xC2\x85"), "x\\u009b31mred\\u0085");
  // Invalid UTF-8: a lone 8-bit CSI byte, a truncated sequence, an overlong form, a surrogate.
  EXPECT_EQ(TerminalSafe("\x9B" "2J"), "\\x9b2J");
  EXPECT_EQ(TerminalSafe("caf\xC3"), "caf\\xc3");
  EXPECT_EQ(TerminalSafe("\xC0\xAF"), "\\xc0\\xaf");
  EXPECT_EQ(TerminalSafe("\xED\xA0\x80"), "\\xed\\xa0\\x80");
  // Valid characters stay, also right after C1 (U+00A0 and up).
  EXPECT_EQ(TerminalSafe("caf\xC3\xA9 \xC2\xA0 \xE6\x97\xA5 \xF0\x9F\x98\x80 \\x1b"),
            "caf\xC3\xA9 \xC2\xA0 \xE6\x97\xA5 \xF0\x9F\x98\x80 \\x1b");
  // Bidirectional overrides would reorder what is shown around them.
  EXPECT_EQ(TerminalSafe("a\xE2\x80\xAE" "b"), "a\\u202eb");
  EXPECT_EQ(TerminalSafeLine("one\ntwo"), "one\\x0atwo");
}

TEST(TerminalSafeTest, Widths) {
  EXPECT_EQ(CodePointWidth(U'a'), 1);
  EXPECT_EQ(CodePointWidth(U'\u00e9'), 1);
  EXPECT_EQ(CodePointWidth(U'\u0301'), 0);  // combining acute accent
  EXPECT_EQ(CodePointWidth(U'\u65e5'), 2);  // 日
  EXPECT_EQ(CodePointWidth(U'\uac00'), 2);  // 가
  EXPECT_EQ(CodePointWidth(U'\uff21'), 2);  // fullwidth A
  EXPECT_EQ(CodePointWidth(U'\U0001F600'), 2);
  EXPECT_EQ(CodePointWidth(U'\u2192'), 1);  // →
  EXPECT_EQ(DisplayWidth("ab\tc"), 4u);
  EXPECT_EQ(DisplayWidth("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC"), 9u);
  EXPECT_EQ(DisplayWidth("\xFF"), 1u);
}

TEST(SourceWithCaretTest, PointsAtTheDisplayColumn) {
  // "Name: " then é (2 bytes) then "x": byte column 9 is x, display column 8.
  CaretLines c = SourceWithCaret("Name: \xC3\xA9x", 9);
  EXPECT_EQ(c.source, "Name: \xC3\xA9x");
  EXPECT_EQ(c.caret, "       ^");
  // Two wide characters (3 bytes, 2 columns each) before the target.
  c = SourceWithCaret("k: \xE6\x97\xA5\xE6\x9C\xAC!", 10);
  EXPECT_EQ(c.caret, "       ^");
  // A combining mark takes no column.
  c = SourceWithCaret("e\xCC\x81x", 4);
  EXPECT_EQ(c.caret, " ^");
  // Tabs stay tabs, so the caret lines up whatever the tab stops.
  c = SourceWithCaret("\t\tKey: v", 8);
  EXPECT_EQ(c.source, "\t\tKey: v");
  EXPECT_EQ(c.caret, "\t\t     ^");
  // An escaped byte takes the width of its escape.
  c = SourceWithCaret("a\x1b[0mb", 6);
  EXPECT_EQ(c.source, "a\\x1b[0mb");
  EXPECT_EQ(c.caret, "        ^");
  // Past the end: just after the line.
  c = SourceWithCaret("ab", 9);
  EXPECT_EQ(c.caret, "  ^");
  EXPECT_EQ(SourceWithCaret("", 1).caret, "^");
}

TEST(SourceWithCaretTest, CutsLongLinesAroundTheCaret) {
  std::string line(500, 'a');
  line[495] = 'X';
  CaretLines c = SourceWithCaret(line, 496, {}, 100);
  EXPECT_LE(c.source.size(), 100u);
  ASSERT_TRUE(c.source.starts_with("...")) << c.source;
  EXPECT_FALSE(c.source.ends_with("...")) << c.source;
  size_t at = c.caret.size() - 1;
  EXPECT_EQ(c.caret[at], '^');
  EXPECT_EQ(c.source[at], 'X');

  line[495] = 'a';
  line[250] = 'Y';
  c = SourceWithCaret(line, 251, {}, 100);
  EXPECT_EQ(c.source.size(), 100u);
  EXPECT_TRUE(c.source.starts_with("...") && c.source.ends_with("...")) << c.source;
  EXPECT_EQ(c.source[c.caret.size() - 1], 'Y');

  line[250] = 'a';
  line[10] = 'Z';
  c = SourceWithCaret(line, 11, {}, 100);
  EXPECT_FALSE(c.source.starts_with("..."));
  EXPECT_TRUE(c.source.ends_with("..."));
  EXPECT_EQ(c.caret, std::string(10, ' ') + "^");
  // The default cut is at 200 columns; a line of 200 is shown whole.
  EXPECT_EQ(SourceWithCaret(std::string(200, 'b'), 1).source, std::string(200, 'b'));
  EXPECT_EQ(SourceWithCaret(std::string(201, 'b'), 1).source.size(), 197u);
}

TEST(SourceWithCaretTest, MasksSecrets) {
  SecretFinder finder = [](std::string_view line) {
    ByteRanges out;
    size_t at = line.find("AKIA");
    if (at != std::string_view::npos) out.push_back({at, at + 20});
    return out;
  };
  std::string line = "      KEY: AKIAABCDEFGHIJKLMNOP # note";
  CaretLines c = SourceWithCaret(line, 33, finder);  // at '#'
  EXPECT_EQ(c.source, "      KEY: **** # note");
  EXPECT_EQ(c.caret, std::string(16, ' ') + "^");
  c = SourceWithCaret(line, 15, finder);  // inside the secret: its start
  EXPECT_EQ(c.caret, std::string(11, ' ') + "^");
  EXPECT_EQ(SourceWithCaret("nothing here", 1, finder).source, "nothing here");
}

}  // namespace
}  // namespace fnwarden::util
