// Text bound for a terminal: what a scanned repository wrote (file names,
// resource names, values, source lines) must never act on the terminal that
// shows it, and carets must sit under the character they point at.
//
// Every function is pure and thread-safe.
#ifndef FNWARDEN_UTIL_TERMINAL_H_
#define FNWARDEN_UTIL_TERMINAL_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fnwarden::util {

// Length of the valid UTF-8 sequence at s[i] (i < s.size()), or 0 when it
// is not valid: overlong forms, surrogates and code points past U+10FFFF
// are invalid.
size_t ValidUtf8Length(std::string_view s, size_t i);
// The code point of the valid sequence of `length` bytes at s[i].
char32_t DecodeUtf8(std::string_view s, size_t i, size_t length);

// `text` with everything a terminal would act on made visible: C0 controls
// other than tab and newline, and DEL, become `\xNN` (ESC is `\x1b`); C1
// controls (U+0080..U+009F, written in UTF-8) become `\u0080`..`\u009f`;
// bytes that are not valid UTF-8 become `\xNN`. Everything else, including
// backslashes and valid multi-byte characters, is kept as it is.
std::string TerminalSafe(std::string_view text);
// The same, appended to `out`.
void AppendTerminalSafe(std::string_view text, std::string* out);
// The same as TerminalSafe, for a single line: a newline becomes `\x0a` too.
std::string TerminalSafeLine(std::string_view text);

// Columns a terminal gives to the code point `c`: 0 for combining marks and
// zero-width characters, 2 for East Asian wide and fullwidth characters
// (CJK, Hangul, fullwidth forms, most emoji), 1 otherwise.
int CodePointWidth(char32_t c);

// Columns `text` takes on a terminal, as printed: each code point its
// CodePointWidth, a tab one column, an invalid byte one column (pass
// TerminalSafe text to count escapes as printed).
size_t DisplayWidth(std::string_view text);

// Byte ranges [first, second) of a line to hide behind `****`: the secrets a
// detector finds in it. Sorted, not overlapping.
using ByteRanges = std::vector<std::pair<size_t, size_t>>;
using SecretFinder = std::function<ByteRanges(std::string_view line)>;

// One source line as a terminal shows it, and the line that puts a caret
// under one byte of it.
struct CaretLines {
  std::string source;  // TerminalSafeLine of the line, masked and cut
  std::string caret;   // blanks (tabs where the source has tabs), then '^'
};

// Renders 1-based byte column `col` of `line` for a terminal. A multi-byte
// character counts as its display width (CodePointWidth), an escaped byte as
// the width of its escape; tabs stay tabs in both lines, so the caret lines
// up whatever the tab stops. A column past the end points just after the
// line. `secrets` (may be empty) hides ranges behind `****`; a caret inside
// one points at its start. A line wider than `max_columns` is cut around
// the caret, with `...` on each cut side, so the caret stays visible.
CaretLines SourceWithCaret(std::string_view line, uint32_t col, const SecretFinder& secrets = {},
                           size_t max_columns = 200);

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_TERMINAL_H_
