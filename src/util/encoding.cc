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

namespace {

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

bool DecodeBase64(std::string_view in, std::string* out) {
  out->clear();
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return false;
  out->reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = Base64Value(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  // The bits left over must be zero, as every encoder writes them.
  return (acc & ((1u << bits) - 1)) == 0;
}

std::string HexLower(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (char c : bytes) {
    hex += kDigits[(static_cast<unsigned char>(c) >> 4) & 0xF];
    hex += kDigits[static_cast<unsigned char>(c) & 0xF];
  }
  return hex;
}

}  // namespace fnwarden::util
