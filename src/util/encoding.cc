#include "util/encoding.h"

#include <cstdint>

namespace fnwarden::util {
namespace {

uint32_t Unit(std::string_view bytes, size_t at, size_t width, bool little_endian) {
  uint32_t v = 0;
  for (size_t i = 0; i < width; ++i) {
    uint32_t b = static_cast<unsigned char>(bytes[at + (little_endian ? width - 1 - i : i)]);
    v = (v << 8) | b;
  }
  return v;
}

bool Fail(std::string_view name, size_t at, std::string_view why, std::string* err) {
  *err = "invalid " + std::string(name.substr(0, 6)) + " at byte " + std::to_string(at) + ": " +
         std::string(why);
  return false;
}

}  // namespace

TextEncoding DetectEncoding(std::string_view b) {
  // UTF-32LE's mark starts with UTF-16LE's: test it first.
  if (b.size() >= 4 && b.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4)) {
    return TextEncoding::kUtf32Le;
  }
  if (b.size() >= 4 && b.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) {
    return TextEncoding::kUtf32Be;
  }
  if (b.size() >= 2 && b.substr(0, 2) == "\xFF\xFE") return TextEncoding::kUtf16Le;
  if (b.size() >= 2 && b.substr(0, 2) == "\xFE\xFF") return TextEncoding::kUtf16Be;
  return TextEncoding::kUtf8;
}

std::string_view EncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kUtf16Le:
      return "UTF-16LE";
    case TextEncoding::kUtf16Be:
      return "UTF-16BE";
    case TextEncoding::kUtf32Le:
      return "UTF-32LE";
    case TextEncoding::kUtf32Be:
      return "UTF-32BE";
  }
  return "UTF-8";
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool DecodeToUtf8(std::string* text, std::string* err) {
  TextEncoding encoding = DetectEncoding(*text);
  if (encoding == TextEncoding::kUtf8) return true;
  std::string_view name = EncodingName(encoding);
  bool little = encoding == TextEncoding::kUtf16Le || encoding == TextEncoding::kUtf32Le;
  size_t width = encoding == TextEncoding::kUtf16Le || encoding == TextEncoding::kUtf16Be ? 2 : 4;
  std::string in = std::move(*text);
  std::string_view bytes = in;
  text->clear();
  text->reserve(bytes.size() / width * 3);
  for (size_t at = width; at < bytes.size();) {
    if (bytes.size() - at < width) {
      return Fail(name, at, "the file ends in the middle of a character", err);
    }
    uint32_t cp = Unit(bytes, at, width, little);
    if (width == 2 && cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low = bytes.size() - at >= 4 ? Unit(bytes, at + 2, 2, little) : 0;
      if (low < 0xDC00 || low > 0xDFFF) {
        return Fail(name, at, "a high surrogate without its low surrogate", err);
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      AppendUtf8(cp, text);
      at += 4;
      continue;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      return Fail(
          name, at,
          width == 2 ? "a low surrogate without its high surrogate" : "a surrogate code point",
          err);
    }
    if (cp > 0x10FFFF) return Fail(name, at, "a code point above U+10FFFF", err);
    AppendUtf8(cp, text);
    at += width;
  }
  return true;
}

}  // namespace fnwarden::util
