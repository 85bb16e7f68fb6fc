// ParseJson: a hand-written JSON reader (RFC 8259) feeding the TreeBuilder.
//
// Written by hand rather than on simdjson so that every node and every error
// has an exact line and column. It is iterative (open containers live on an
// explicit stack), keeps strings without escapes as views of the source and
// only validates numbers (their text is kept), so it runs at hundreds of MB/s.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/syntax/builder.h"
#include "load/syntax/input.h"
#include "load/syntax/node.h"
#include "util/encoding.h"

namespace fnwarden::load::syntax {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A short, printable excerpt of the text at `p` for messages.
std::string Excerpt(const char* p, const char* end) {
  const char* q = p;
  while (q < end && q - p < 20 && static_cast<unsigned char>(*q) > ' ' && *q != ',' && *q != ']' &&
         *q != '}' && *q != '"' && *q != ':') {
    ++q;
  }
  if (q == p && p < end) ++q;
  std::string out(p, q);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return out;
}

class JsonReader {
 public:
  JsonReader(Document* doc, const InputInfo& info, const ParseLimits& limits,
             util::DiagnosticSink* diags)
      : doc_(doc),
        file_(*doc->file()),
        end_(file_.text().data() + file_.text().size()),
        p_(file_.text().data() + info.bom),
        line_start_(p_),
        limits_(limits),
        builder_(doc, limits, diags) {}

  bool Run() {
    builder_.BeginDocument();
    SkipWhitespace();
    if (p_ == end_) return true;  // an empty file holds no value
    if (!ParseValues()) return false;
    SkipWhitespace();
    if (p_ != end_) return Fail(p_, "unexpected text after the JSON value");
    if (const Node* root = builder_.EndDocument()) doc_->AddRoot(root);
    return true;
  }

 private:
  struct Open {
    bool is_object;
    util::Loc loc;
  };

  util::Loc LocAt(const char* p) const {
    return util::Loc{&file_, line_, static_cast<uint32_t>(p - line_start_ + 1)};
  }

  bool Fail(const char* p, std::string message) { return builder_.Fail(LocAt(p), message); }

  void SkipWhitespace() {
    while (p_ < end_) {
      char c = *p_;
      if (c == ' ' || c == '\t') {
        ++p_;
      } else if (c == '\n') {
        NewLine(++p_);
        while (p_ < end_ && *p_ == ' ') ++p_;  // indentation
      } else if (c == '\r') {
        ++p_;
        if (p_ < end_ && *p_ == '\n') ++p_;
        NewLine(p_);
      } else {
        return;
      }
    }
  }

  void NewLine(const char* start) {
    ++line_;
    line_start_ = start;
  }

  bool FailUnexpectedEnd() {
    if (open_.empty()) return Fail(p_, "unexpected end of file; expected a JSON value");
    const Open& o = open_.back();
    return Fail(p_, std::string("unexpected end of file; the '") + (o.is_object ? '{' : '[') +
                        "' at line " + std::to_string(o.loc.line) + " column " +
                        std::to_string(o.loc.col) + " is not closed");
  }

  // Parses the root value and everything nested in it.
  bool ParseValues() {
    for (;;) {
      // A value is expected at p_.
      SkipWhitespace();
      if (p_ == end_) return FailUnexpectedEnd();
      const char c = *p_;
      if (c == '{' || c == '[') {
        Node* node = NewNode(c == '{' ? NodeKind::kMap : NodeKind::kSeq, ScalarStyle::kPlain);
        if (!builder_.BeginContainer(node)) return false;
        open_.push_back({c == '{', node->loc});
        ++p_;
        SkipWhitespace();
        if (p_ < end_ && *p_ == (c == '{' ? '}' : ']')) {
          ++p_;
          if (!Close()) return false;
        } else if (c == '{') {
          if (!ParseKey()) return false;
          continue;
        } else {
          continue;
        }
      } else if (!ParseScalar()) {
        return false;
      }
      // After a value: close containers until the next value is expected.
      for (;;) {
        if (open_.empty()) return true;
        SkipWhitespace();
        if (p_ == end_) return FailUnexpectedEnd();
        const bool in_object = open_.back().is_object;
        const char close = in_object ? '}' : ']';
        if (*p_ == close) {
          ++p_;
          if (!Close()) return false;
          continue;
        }
        if (*p_ != ',') {
          if (*p_ == '/') return Fail(p_, "comments are not allowed in JSON");
          return Fail(p_, in_object ? "expected ',' or '}' after an object member"
                                    : "expected ',' or ']' after an array element");
        }
        const util::Loc comma = LocAt(p_++);  // before SkipWhitespace moves to another line
        SkipWhitespace();
        if (p_ < end_ && *p_ == close) {
          return builder_.Fail(comma, std::string("trailing comma before '") + close + "'");
        }
        if (in_object && !ParseKey()) return false;
        break;
      }
    }
  }

  bool Close() {
    open_.pop_back();
    Built built;
    return builder_.EndContainer(&built);
  }

  // A member name and its ':'; leaves p_ at the value.
  bool ParseKey() {
    SkipWhitespace();
    if (p_ == end_) return FailUnexpectedEnd();
    if (*p_ != '"') {
      if (*p_ == '/') return Fail(p_, "comments are not allowed in JSON");
      return Fail(p_, "expected a member name in double quotes, found '" + Excerpt(p_, end_) + "'");
    }
    Node* key = NewNode(NodeKind::kScalar, ScalarStyle::kQuoted);
    Built built;
    if (!ParseString(key) || !builder_.AddScalar(key, &built)) return false;
    SkipWhitespace();
    if (p_ == end_) return FailUnexpectedEnd();
    if (*p_ != ':') return Fail(p_, "expected ':' after the member name");
    ++p_;
    return true;
  }

  Node* NewNode(NodeKind kind, ScalarStyle style) {
    Node* node = doc_->NewNode();
    node->kind = kind;
    node->style = style;
    node->loc = LocAt(p_);
    return node;
  }

  bool ParseScalar() {
    const char c = *p_;
    Node* node;
    if (c == '"') {
      node = NewNode(NodeKind::kScalar, ScalarStyle::kQuoted);
      if (!ParseString(node)) return false;
    } else if (c == '-' || IsDigit(c)) {
      node = NewNode(NodeKind::kScalar, ScalarStyle::kPlain);
      if (!ParseNumber(node)) return false;
    } else if (Literal("true") || Literal("false") || Literal("null")) {
      node = NewNode(c == 'n' ? NodeKind::kNull : NodeKind::kScalar, ScalarStyle::kPlain);
      size_t len = c == 'f' ? 5 : 4;
      node->scalar = std::string_view(p_, len);
      p_ += len;
    } else if (c == '/') {
      return Fail(p_, "comments are not allowed in JSON");
    } else if (c == ']' || c == '}' || c == ',' || c == ':') {
      return Fail(p_, std::string("expected a JSON value before '") + c + "'");
    } else {
      return Fail(p_, "expected a JSON value, found '" + Excerpt(p_, end_) + "'");
    }
    Built built;
    return builder_.AddScalar(node, &built);
  }

  bool Literal(std::string_view word) const {
    return static_cast<size_t>(end_ - p_) >= word.size() &&
           std::string_view(p_, word.size()) == word &&
           (static_cast<size_t>(end_ - p_) == word.size() ||
            !std::isalnum(static_cast<unsigned char>(p_[word.size()])));
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, text kept as written.
  bool ParseNumber(Node* node) {
    const char* start = p_;
    const char* q = p_;
    // The whole token, so that an error can quote it.
    while (q < end_ && (IsDigit(*q) || *q == '-' || *q == '+' || *q == '.' || *q == 'e' ||
                        *q == 'E' || std::isalpha(static_cast<unsigned char>(*q)))) {
      ++q;
    }
    const char* r = start;
    bool ok = true;
    if (*r == '-') ++r;
    if (r < q && *r == '0') {
      ++r;
    } else if (r < q && IsDigit(*r)) {
      while (r < q && IsDigit(*r)) ++r;
    } else {
      ok = false;
    }
    if (ok && r < q && *r == '.') {
      ++r;
      if (r == q || !IsDigit(*r)) ok = false;
      while (r < q && IsDigit(*r)) ++r;
    }
    if (ok && r < q && (*r == 'e' || *r == 'E')) {
      ++r;
      if (r < q && (*r == '+' || *r == '-')) ++r;
      if (r == q || !IsDigit(*r)) ok = false;
      while (r < q && IsDigit(*r)) ++r;
    }
    if (!ok || r != q) {
      std::string token(start, std::min<size_t>(q - start, 40));
      return Fail(start, "invalid number '" + token + "'");
    }
    node->scalar = std::string_view(start, q - start);
    p_ = q;
    return true;
  }

  // A string starting at the '"' at p_; leaves p_ after the closing quote.
  bool ParseString(Node* node) {
    const char* quote = p_;
    const char* q = p_ + 1;
    // Fast path: no escapes, the text is a view of the source.
    while (q < end_ && *q != '"' && *q != '\\' && static_cast<unsigned char>(*q) >= 0x20) ++q;
    if (q < end_ && *q == '"') {
      if (!builder_.CheckScalarSize(q - quote - 1, LocAt(quote))) return false;
      node->scalar = std::string_view(quote + 1, q - quote - 1);
      p_ = q + 1;
      return true;
    }
    scratch_.assign(quote + 1, q);
    while (q < end_) {
      const char c = *q;
      if (c == '"') {
        if (!builder_.CheckScalarSize(scratch_.size(), LocAt(quote))) return false;
        node->scalar = doc_->Intern(scratch_);
        p_ = q + 1;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        if (c == '\n' || c == '\r') break;  // reported as unterminated
        return Fail(q, "control character in a string; write it as an escape such as \\t");
      }
      if (c != '\\') {
        const char* run = q;
        while (q < end_ && *q != '"' && *q != '\\' && static_cast<unsigned char>(*q) >= 0x20) ++q;
        scratch_.append(run, q);
        continue;
      }
      if (q + 1 >= end_) break;
      const char e = q[1];
      switch (e) {
        case '"':
          scratch_.push_back('"');
          break;
        case '\\':
          scratch_.push_back('\\');
          break;
        case '/':
          scratch_.push_back('/');
          break;
        case 'b':
          scratch_.push_back('\b');
          break;
        case 'f':
          scratch_.push_back('\f');
          break;
        case 'n':
          scratch_.push_back('\n');
          break;
        case 'r':
          scratch_.push_back('\r');
          break;
        case 't':
          scratch_.push_back('\t');
          break;
        case 'u': {
          uint32_t cp = 0;
          const char* next = q;
          if (!ParseUnicodeEscape(q, &cp, &next)) return false;
          util::AppendUtf8(cp, &scratch_);
          q = next;
          continue;
        }
        default: {
          std::string shown = static_cast<unsigned char>(e) < 0x20 ? "?" : Excerpt(q + 1, q + 2);
          return Fail(q, "invalid escape '\\" + shown + "' in a string");
        }
      }
      q += 2;
      if (scratch_.size() > limits_.max_scalar_bytes) {
        return builder_.CheckScalarSize(scratch_.size(), LocAt(quote));
      }
    }
    return Fail(quote, "unterminated string");
  }

  // \uXXXX at q (the backslash), with a following \uXXXX for a surrogate pair.
  bool ParseUnicodeEscape(const char* q, uint32_t* cp, const char** next) {
    auto hex4 = [this](const char* at, uint32_t* out) {
      if (end_ - at < 4) return false;
      uint32_t v = 0;
      for (int i = 0; i < 4; ++i) {
        int h = util::HexDigitValue(at[i]);
        if (h < 0) return false;
        v = v * 16 + static_cast<uint32_t>(h);
      }
      *out = v;
      return true;
    };
    uint32_t hi;
    if (!hex4(q + 2, &hi)) return Fail(q, "invalid \\u escape; expected four hex digits");
    *next = q + 6;
    if (hi < 0xD800 || hi > 0xDFFF) {
      *cp = hi;
      return true;
    }
    uint32_t lo;
    if (hi <= 0xDBFF && end_ - *next >= 2 && (*next)[0] == '\\' && (*next)[1] == 'u' &&
        hex4(*next + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
      *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
      *next += 6;
      return true;
    }
    return Fail(q, "unpaired surrogate in a \\u escape");
  }

  Document* doc_;
  const util::SourceFile& file_;
  const char* end_;
  const char* p_;
  uint32_t line_ = 1;
  const char* line_start_;
  ParseLimits limits_;
  TreeBuilder builder_;
  std::vector<Open> open_;
  std::string scratch_;
};

}  // namespace

std::unique_ptr<Document> ParseJson(const util::SourceFile* file, const ParseLimits& limits,
                                    util::DiagnosticSink* diags) {
  auto doc = std::make_unique<Document>(file);
  InputInfo info;
  if (!CheckInput(*file, diags, &info)) return nullptr;
  JsonReader reader(doc.get(), info, limits, diags);
  if (!reader.Run()) return nullptr;
  return doc;
}

}  // namespace fnwarden::load::syntax
