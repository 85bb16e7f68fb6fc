// Text encodings of input files. Every parser reads UTF-8; files written in
// UTF-16 or UTF-32 (Windows editors and PowerShell's Out-File write UTF-16
// with a byte order mark) are decoded to UTF-8 first.
#ifndef FNWARDEN_UTIL_ENCODING_H_
#define FNWARDEN_UTIL_ENCODING_H_

#include <string>
#include <string_view>

namespace fnwarden::util {

enum class TextEncoding { kUtf8, kUtf16Le, kUtf16Be, kUtf32Le, kUtf32Be };

// The encoding that the byte order mark at the start of `bytes` announces;
// kUtf8 when there is none (UTF-16 or UTF-32 without a mark is not guessed:
// its NUL bytes make it look binary).
TextEncoding DetectEncoding(std::string_view bytes);

// "UTF-16LE", "UTF-32BE", ...
std::string_view EncodingName(TextEncoding encoding);

// Decodes UTF-16 or UTF-32 text that starts with a byte order mark into
// UTF-8 (without the mark), in place; UTF-8 is left as it is (its invalid
// sequences are the parser's to report, with their line and column). On
// invalid input returns false with `err` = "invalid UTF-16 at byte N: ..."
// (N counts from 0 in the original bytes) and `*text` holding the UTF-8 of
// everything before that byte. Positions in diagnostics on decoded text are
// those of the decoded text: lines are the same, columns count UTF-8 bytes.
bool DecodeToUtf8(std::string* text, std::string* err);

// Appends the UTF-8 encoding of code point `cp` (at most 0x10FFFF, not a
// surrogate).
void AppendUtf8(char32_t cp, std::string* out);

// The value of a hexadecimal digit (0-9, a-f, A-F); -1 for any other byte.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes standard base64 (RFC 4648 alphabet, '=' padding optional, no
// blanks) into `out`; false on any other character, a length no encoder
// writes, or non-zero leftover bits.
bool DecodeBase64(std::string_view in, std::string* out);

// Lowercase hexadecimal of `bytes`.
std::string HexLower(std::string_view bytes);

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_ENCODING_H_
