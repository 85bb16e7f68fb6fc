#include "report/json_writer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>

#include "util/terminal.h"
#include "util/thread_pool.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fnwarden::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Bytes copied as they are: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

// Length of the prefix of `s` that is copied as it is. Report strings are
// mostly long plain runs (messages, fixes), so they are scanned sixteen bytes
// at a time where SSE2 is available (every x86-64 processor has it).
size_t PlainLength(std::string_view s) {
#if defined(__SSE2__)
  if (s.size() >= 16) {
    // Signed compares: "below 0x20" also catches the bytes from 0x80 up.
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i del = _mm_set1_epi8(0x7F);
    auto special_at = [&](size_t at) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at));
      __m128i special =
          _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, quote)),
                       _mm_or_si128(_mm_cmpeq_epi8(v, backslash), _mm_cmpeq_epi8(v, del)));
      return static_cast<unsigned>(_mm_movemask_epi8(special));
    };
    size_t i = 0;
    for (; i + 16 <= s.size(); i += 16) {
      if (unsigned mask = special_at(i)) return i + std::countr_zero(mask);
    }
    // The last bytes: the sixteen that end the string, overlapping bytes
    // already found plain (their bits are clear).
    if (i == s.size()) return i;
    size_t last = s.size() - 16;
    unsigned mask = special_at(last);
    return mask != 0 ? last + std::countr_zero(mask) : s.size();
  }
#endif
  size_t i = 0;
  while (i < s.size() && kPlain[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

// Appends the escaped form of the byte or UTF-8 sequence at s[i], which is
// not plain; returns the index after it.
size_t AppendEscaped(std::string* out, std::string_view s, size_t i) {
  static const char kHex[] = "0123456789abcdef";
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c >= 0x80) {
    size_t n = util::ValidUtf8Length(s, i);
    if (n == 0) {
      out->append(kReplacement);
      return i + 1;
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
    return i + n;
  }
  switch (c) {
    case '"': out->append("\\\""); break;
    case '\\': out->append("\\\\"); break;
    case '\b': out->append("\\b"); break;
    case '\f': out->append("\\f"); break;
    case '\n': out->append("\\n"); break;
    case '\r': out->append("\\r"); break;
    case '\t': out->append("\\t"); break;
    default:  // the other control characters and DEL
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xF]);
  }
  return i + 1;
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t i = 0;
  while (true) {
    // Copy the run that needs no escape in one append: almost every string
    // a report holds is one such run.
    size_t run = i + PlainLength(s.substr(i));
    out->append(s.data() + i, run - i);
    if (run == s.size()) break;
    i = AppendEscaped(out, s, run);
  }
  out->push_back('"');
}

JsonWriter JsonWriter::Fragment(size_t depth) {
  JsonWriter w;
  w.counts_.assign(depth, 0);
  w.separator_.append(depth * 2, ' ');
  w.after_key_ = true;  // the value itself starts without a separator
  return w;
}

JsonWriter JsonWriter::ListFragment(size_t depth) {
  JsonWriter w = Fragment(depth);
  if (!w.counts_.empty()) w.counts_.back() = 1;  // what follows the first value is separated
  return w;
}

void JsonWriter::Raw(std::string_view fragment) {
  BeforeValue();
  out_.append(fragment);
}

void JsonWriter::RawPiece(std::string fragment, std::vector<std::string>* pieces) {
  BeforeValue();
  pieces->push_back(std::move(out_));
  out_.clear();
  pieces->push_back(std::move(fragment));
}

void JsonWriter::ElementsInPieces(size_t n, size_t depth, unsigned jobs,
                                  const std::function<size_t(size_t)>& size_hint,
                                  const std::function<void(size_t, JsonWriter*)>& write,
                                  std::vector<std::string>* pieces) {
  // Enough runs for the jobs to finish together, few enough that each is a
  // long string: one string an element costs more to allocate and free
  // than to write.
  constexpr size_t kRuns = 64;
  std::vector<std::string> runs(std::min(n, kRuns));
  util::ParallelFor(runs.size(), jobs, [&](size_t k) {
    size_t begin = n * k / runs.size(), end = n * (k + 1) / runs.size();
    JsonWriter fw = ListFragment(depth);
    size_t hint = 0;
    for (size_t i = begin; i < end; ++i) hint += size_hint(i);
    fw.Reserve(hint);
    for (size_t i = begin; i < end; ++i) write(i, &fw);
    runs[k] = fw.TakeFragment();
  });
  for (std::string& run : runs) RawPiece(std::move(run), pieces);
}

std::string JoinPieces(const std::vector<std::string>& pieces) {
  size_t size = 0;
  for (const std::string& piece : pieces) size += piece.size();
  std::string out;
  out.reserve(size);
  for (const std::string& piece : pieces) out += piece;
  return out;
}

void JsonWriter::Separate() {
  // The first value of a container has no comma: skip the separator's.
  std::string_view sep = separator_;
  if (counts_.back()++ == 0) sep.remove_prefix(1);
  out_.append(sep);
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!counts_.empty()) Separate();
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  // Keys are almost always fixed ASCII names: quote them without the
  // escaping loop when they need none.
  if (PlainLength(key) == key.size()) {
    out_.push_back('"');
    out_.append(key);
    out_.append("\": ");
  } else {
    AppendJsonString(&out_, key);
    out_.append(": ");
  }
  after_key_ = true;
}

void JsonWriter::Open(char c) {
  BeforeValue();
  out_.push_back(c);
  counts_.push_back(0);
  separator_.append(2, ' ');
}

void JsonWriter::Close(char c) {
  size_t n = counts_.back();
  counts_.pop_back();
  separator_.resize(separator_.size() - 2);
  if (n > 0) out_.append(std::string_view(separator_).substr(1));  // the new line only
  out_.push_back(c);
}

void JsonWriter::String(std::string_view s) {
  BeforeValue();
  AppendJsonString(&out_, s);
}

void JsonWriter::Int(int64_t v) {
  BeforeValue();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, end);
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
