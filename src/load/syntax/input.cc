#include "load/syntax/input.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace fnwarden::load::syntax {
namespace {

constexpr size_t kBinarySniffBytes = 8192;

// Offset of the first byte that is not part of a valid UTF-8 sequence (no
// overlong forms, no surrogates, nothing above U+10FFFF), or npos.
size_t FindInvalidUtf8(std::string_view s, bool* ascii) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  *ascii = true;
  while (i < n) {
    // Eight ASCII bytes at a time: the common case for templates.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    *ascii = false;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + 1 >= n || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (i + k >= n || (p[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

util::Loc LocAtOffset(const util::SourceFile& file, size_t offset, size_t bom) {
  util::SourceFile::LineCol lc = file.Position(offset);
  if (lc.line == 1 && lc.col > bom) lc.col -= static_cast<uint32_t>(bom);
  return util::Loc{&file, lc.line, lc.col};
}

bool CheckInput(const util::SourceFile& file, util::DiagnosticSink* diags, InputInfo* info) {
  std::string_view text = file.text();
  util::Loc start{&file, 1, 1};
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") ||
      text.starts_with(std::string_view("\0\0\xFE\xFF", 4))) {
    diags->Error(start, "UTF-16 and UTF-32 files are not supported; save the file as UTF-8");
    return false;
  }
  if (std::memchr(text.data(), '\0', std::min(text.size(), kBinarySniffBytes)) != nullptr) {
    diags->Error(start, "binary file");
    return false;
  }
  info->bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  size_t bad = FindInvalidUtf8(text.substr(info->bom), &info->ascii);
  if (bad != std::string_view::npos) {
    bad += info->bom;
    char msg[80];
    std::snprintf(msg, sizeof msg, "invalid UTF-8 byte 0x%02x; the file must be UTF-8 text",
                  static_cast<unsigned char>(text[bad]));
    diags->Error(LocAtOffset(file, bad, info->bom), msg);
    return false;
  }
  return true;
}

}  // namespace fnwarden::load::syntax
