#include "report/json_writer.h"

#include <array>

namespace fnwarden::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
size_t ValidUtf8Length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

// Bytes copied as they are: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

void AppendJsonString(std::string* out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // Copy the run of printable ASCII that needs no escape in one append:
    // almost every string a report holds is one such run.
    size_t run = i;
    while (run < s.size() && kPlain[static_cast<unsigned char>(s[run])]) ++run;
    if (run > i) {
      out->append(s.data() + i, run - i);
      i = run;
      if (i == s.size()) break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = ValidUtf8Length(s, i);
      if (n == 0) {
        out->append(kReplacement);
        ++i;
        continue;
      }
      std::string_view seq = s.substr(i, n);
      // U+2028 and U+2029 are valid JSON but break JavaScript string literals.
      if (seq == "\xE2\x80\xA8") {
        out->append("\\u2028");
      } else if (seq == "\xE2\x80\xA9") {
        out->append("\\u2029");
      } else {
        out->append(seq);
      }
      i += n;
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

JsonWriter JsonWriter::Fragment(size_t depth) {
  JsonWriter w;
  w.counts_.assign(depth, 0);
  w.after_key_ = true;  // the value itself starts without a separator
  return w;
}

void JsonWriter::Raw(std::string_view fragment) {
  BeforeValue();
  out_.append(fragment);
}

void JsonWriter::NewLine() {
  out_.push_back('\n');
  out_.append(counts_.size() * 2, ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!counts_.empty()) {
    if (counts_.back()++ > 0) out_.push_back(',');
    NewLine();
  }
}

void JsonWriter::Key(std::string_view key) {
  if (counts_.back()++ > 0) out_.push_back(',');
  NewLine();
  AppendJsonString(&out_, key);
  out_.append(": ");
  after_key_ = true;
}

void JsonWriter::Open(char c) {
  BeforeValue();
  out_.push_back(c);
  counts_.push_back(0);
}

void JsonWriter::Close(char c) {
  size_t n = counts_.back();
  counts_.pop_back();
  if (n > 0) NewLine();
  out_.push_back(c);
}

void JsonWriter::String(std::string_view s) {
  BeforeValue();
  AppendJsonString(&out_, s);
}

void JsonWriter::Int(int64_t v) {
  BeforeValue();
  out_.append(std::to_string(v));
}

void JsonWriter::Bool(bool v) {
  BeforeValue();
  out_.append(v ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
}

std::string JsonWriter::Take() {
  out_.push_back('\n');
  return std::move(out_);
}

}  // namespace fnwarden::report
