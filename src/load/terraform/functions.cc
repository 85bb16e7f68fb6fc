#include "load/terraform/functions.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <regex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "load/syntax/node.h"
#include "util/encoding.h"
#include "util/strings.h"

namespace fnwarden::load::terraform {
namespace {

using Items = std::vector<ValuePtr>;
using Fields = std::map<std::string, ValuePtr>;
using Parts = std::vector<StrPart>;

// Integers a double holds exactly: beyond, Terraform's arbitrary-precision
// numbers and ours part ways.
constexpr double kMaxExactInt = 9007199254740992.0;  // 2^53

// How far an argument could be read.
enum class Got {
  kOk,
  kUnknown,  // not known enough: the call is unknown, silently
  kBad,      // the wrong type: Terraform would fail; diagnosed
  kTooBig,   // over the context's caps; diagnosed
};

bool IsList(const Value& v) { return v.kind == Kind::kTuple && !v.json; }
bool IsMap(const Value& v) { return v.kind == Kind::kObject && !v.json; }
// A tuple or object that stands for its JSON text is a string to every
// function.
bool IsJsonString(const Value& v) {
  return (v.kind == Kind::kTuple || v.kind == Kind::kObject) && v.json;
}
bool IsOpaque(const Value& v) { return v.kind == Kind::kUnknown || v.kind == Kind::kResource; }
bool IsPrimitive(const Value& v) {
  return v.kind == Kind::kString || v.kind == Kind::kNumber || v.kind == Kind::kBool;
}

// ---------------------------------------------------------------------------
// Text helpers.

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += IsContinuation(c) ? 0 : 1;
  return n;
}

// The byte offset of code point `index` (s.size() when past the end).
size_t CodePointOffset(std::string_view s, size_t index) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsContinuation(s[i])) continue;
    if (seen == index) return i;
    ++seen;
  }
  return s.size();
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Decodes the code point at s[i]; false on invalid UTF-8.
bool DecodeUtf8(std::string_view s, size_t i, char32_t* cp, size_t* len) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return false;
  char32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return false;
    v = (v << 6) | (b(i + k) & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
  *cp = v;
  *len = n;
  return true;
}

bool IsValidUtf8(std::string_view s) {
  char32_t cp;
  size_t len;
  for (size_t i = 0; i < s.size(); i += len) {
    if (!DecodeUtf8(s, i, &cp, &len)) return false;
  }
  return true;
}

// Go's unicode.IsSpace, which Terraform's trimspace uses.
bool IsUnicodeSpace(char32_t c) {
  return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ' || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

size_t PartsBytes(const Parts& parts) {
  size_t n = 0;
  for (const StrPart& p : parts) n += p.text.size();
  return n;
}

StrPart TextPart(std::string text) { return {StrPart::Type::kText, std::move(text), {}}; }

// A lower bound of the bytes of v's JSON text, counting no further than
// just past `limit`, so that a value shared many times inside itself is not
// walked in full.
size_t JsonSizeAtLeast(const Value& v, size_t limit) {
  size_t total = 0;
  std::vector<const Value*> stack = {&v};
  while (!stack.empty() && total <= limit) {
    const Value* x = stack.back();
    stack.pop_back();
    switch (x->kind) {
      case Kind::kString:
        total += x->text.size() + PartsBytes(x->parts) + 2;
        break;
      case Kind::kTuple:
        total += 2 + x->items.size();
        if (total > limit) break;
        for (const ValuePtr& i : x->items) stack.push_back(i.get());
        break;
      case Kind::kObject:
        total += 2 + x->fields.size();
        for (const auto& [k, f] : x->fields) {
          if (total > limit) break;
          total += k.size() + 3;
          stack.push_back(f.get());
        }
        break;
      case Kind::kNull:
        total += 4;
        break;
      default:
        total += x->text.size() + 1;
        break;
    }
  }
  return total;
}

// The JSON text of a tuple or object.
Got JsonText(const Value& v, size_t limit, std::string* out) {
  if (JsonSizeAtLeast(v, limit) > limit) return Got::kTooBig;
  if (!v.wholly_known()) return Got::kUnknown;
  out->clear();
  return ToJson(v, out) ? Got::kOk : Got::kUnknown;
}

// A string argument's text: numbers and bools convert, a json-flagged tuple
// or object is its JSON text.
Got TextOf(const Value& v, size_t limit, std::string* out) {
  switch (v.kind) {
    case Kind::kString:
      if (!v.parts.empty()) return Got::kUnknown;
      *out = v.text;
      return Got::kOk;
    case Kind::kBool:
    case Kind::kNumber:
      *out = v.text;
      return Got::kOk;
    case Kind::kTuple:
    case Kind::kObject:
      return v.json ? JsonText(v, limit, out) : Got::kBad;
    case Kind::kUnknown:
    case Kind::kResource:
      return Got::kUnknown;
    case Kind::kNull:
      return Got::kBad;
  }
  return Got::kBad;
}

// A string argument as parts, references and unknown pieces kept.
Got PartsOf(const Value& v, size_t limit, Parts* out) {
  out->clear();
  if (v.kind == Kind::kString && !v.parts.empty()) {
    *out = v.parts;
    return Got::kOk;
  }
  std::string text;
  Got got = TextOf(v, limit, &text);
  if (got == Got::kOk) out->push_back(TextPart(std::move(text)));
  return got;
}

bool ParseNumber(std::string_view text, double* out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(*out);
}

Got NumOf(const Value& v, double* out) {
  switch (v.kind) {
    case Kind::kNumber:
      *out = v.number;
      return Got::kOk;
    case Kind::kString:
      if (!v.parts.empty()) return Got::kUnknown;
      return ParseNumber(v.text, out) ? Got::kOk : Got::kBad;
    case Kind::kUnknown:
    case Kind::kResource:
      return Got::kUnknown;
    default:
      return Got::kBad;
  }
}

// Terraform unifies the elements of a list or set: when primitives of
// different types meet and one is a string, all become strings. False when
// they cannot be unified (a number and a bool).
bool UnifyPrimitives(Items* items, util::Loc loc) {
  bool has_string = false, has_number = false, has_bool = false;
  for (const ValuePtr& i : *items) {
    has_string |= i->kind == Kind::kString;
    has_number |= i->kind == Kind::kNumber;
    has_bool |= i->kind == Kind::kBool;
  }
  if (has_string + has_number + has_bool <= 1) return true;
  if (!has_string) return false;
  for (ValuePtr& i : *items) {
    if (i->kind == Kind::kNumber || i->kind == Kind::kBool)
      i = String(i->text, i->loc.known() ? i->loc : loc);
  }
  return true;
}

// Whether a and b are the same value: known (true/false), or `*known` false.
// Strings with the same references are the same even though unknown.
bool Same(const Value& a, const Value& b, bool* known) {
  if (a.kind == Kind::kString && b.kind == Kind::kString && !a.parts.empty() &&
      a.parts == b.parts) {
    *known = true;
    return true;
  }
  return Equal(a, b, known);
}

// Terraform's set of primitives: unified, without duplicates, in its
// order (strings byte-wise, numbers ascending, false before true).
Got SetOf(Items items, util::Loc loc, Items* out, std::string* err) {
  out->clear();
  for (const ValuePtr& i : items) {
    if (i->is_null()) {
      *err = "a set cannot hold null";
      return Got::kBad;
    }
    if (!i->wholly_known()) return Got::kUnknown;
    // Sets of tuples and objects are ordered by hash; not reproduced.
    if (!IsPrimitive(*i)) return Got::kUnknown;
  }
  if (!UnifyPrimitives(&items, loc)) {
    *err = "the elements have no common type";
    return Got::kBad;
  }
  std::stable_sort(items.begin(), items.end(), [](const ValuePtr& a, const ValuePtr& b) {
    if (a->kind == Kind::kNumber) return a->number < b->number;
    return a->text < b->text;  // bools: "false" < "true"
  });
  for (ValuePtr& i : items) {
    bool known = true;
    if (!out->empty() && Equal(*out->back(), *i, &known)) continue;
    out->push_back(std::move(i));
  }
  return Got::kOk;
}

// ---------------------------------------------------------------------------
// One call: its arguments and how it fails.

class Call {
 public:
  Call(std::string_view name, std::span<const ValuePtr> args, util::Loc loc,
       const FunctionContext& ctx)
      : name_(name), args_(args), loc_(loc), ctx_(ctx) {}

  size_t size() const { return args_.size(); }
  const Value& operator[](size_t i) const { return *args_[i]; }
  const ValuePtr& ptr(size_t i) const { return args_[i]; }
  std::span<const ValuePtr> args() const { return args_; }
  util::Loc loc() const { return loc_; }
  const FunctionContext& ctx() const { return ctx_; }
  std::string_view name() const { return name_; }
  size_t max_bytes() const { return ctx_.max_string_bytes; }
  size_t max_elements() const { return ctx_.max_elements; }

  ValuePtr Unknown() const { return terraform::Unknown(std::string(name_) + "(...)", loc_); }
  // A call Terraform refuses: an error value, which `try` skips.
  ValuePtr Fail(std::string_view message) const {
    // A resource attribute fnwarden does not model has no known type: an
    // ARN reference may be a list Terraform knows of. Nothing to report.
    for (const ValuePtr& a : args_) {
      if (a->kind == Kind::kString && !a->parts.empty()) return Unknown();
    }
    if (ctx_.diags) ctx_.diags->Warning(loc_, std::string(name_) + "(): " + std::string(message));
    return terraform::Error(std::string(name_) + "(...)", loc_);
  }
  // A result too large to keep: unknown, not an error.
  ValuePtr TooBig() const {
    if (ctx_.diags) {
      ctx_.diags->Warning(loc_, std::string(name_) + "(): the result is larger than " +
                                    std::to_string(ctx_.max_elements) + " elements or " +
                                    std::to_string(ctx_.max_string_bytes) +
                                    " bytes; it is left unknown");
    }
    return Unknown();
  }
  // The call's value when reading something gave `got` (not kOk).
  ValuePtr Result(Got got, std::string_view bad_message) const {
    switch (got) {
      case Got::kBad:
        return Fail(bad_message);
      case Got::kTooBig:
        return TooBig();
      default:
        return Unknown();
    }
  }

  // Each reads argument i; on failure returns false with *r the call's value.
  bool Text(size_t i, std::string* out, ValuePtr* r) const {
    return Check(TextOf(*args_[i], max_bytes(), out), i, "a string", r);
  }
  bool PartsArg(size_t i, Parts* out, ValuePtr* r) const {
    return Check(PartsOf(*args_[i], max_bytes(), out), i, "a string", r);
  }
  bool Num(size_t i, double* out, ValuePtr* r) const {
    return Check(NumOf(*args_[i], out), i, "a number", r);
  }
  bool Int(size_t i, int64_t* out, ValuePtr* r) const {
    double d = 0;
    if (!Num(i, &d, r)) return false;
    if (d != std::floor(d)) {
      *r = Fail("argument " + std::to_string(i + 1) + " must be a whole number");
      return false;
    }
    if (std::fabs(d) >= kMaxExactInt) {
      *r = Unknown();
      return false;
    }
    *out = static_cast<int64_t>(d);
    return true;
  }
  bool List(size_t i, const Items** out, ValuePtr* r) const {
    const Value& v = *args_[i];
    Got got = IsList(v) ? Got::kOk : IsOpaque(v) ? Got::kUnknown : Got::kBad;
    if (got == Got::kOk) *out = &v.items;
    return Check(got, i, "a list", r);
  }
  bool Map(size_t i, const Fields** out, ValuePtr* r) const {
    const Value& v = *args_[i];
    Got got = IsMap(v) ? Got::kOk : IsOpaque(v) ? Got::kUnknown : Got::kBad;
    if (got == Got::kOk) *out = &v.fields;
    return Check(got, i, "a map or an object", r);
  }

  // The result, unknown when over the caps.
  ValuePtr Capped(ValuePtr v) const {
    if (v->kind == Kind::kTuple && v->items.size() > max_elements()) return TooBig();
    if (v->kind == Kind::kObject && v->fields.size() > max_elements()) return TooBig();
    if (v->kind == Kind::kString && v->text.size() + PartsBytes(v->parts) > max_bytes()) {
      return TooBig();
    }
    return v;
  }

 private:
  bool Check(Got got, size_t i, std::string_view what, ValuePtr* r) const {
    if (got == Got::kOk) return true;
    std::string message = "argument " + std::to_string(i + 1) + " must be " + std::string(what);
    if (args_[i]->is_null()) message += ", not null";
    *r = Result(got, message);
    return false;
  }

  std::string_view name_;
  std::span<const ValuePtr> args_;
  util::Loc loc_;
  const FunctionContext& ctx_;
};

ValuePtr Copy(const Value& v, util::Loc loc, bool json) {
  auto copy = std::make_shared<Value>(v);
  copy->loc = loc;
  copy->json = json;
  return copy;
}

// ---------------------------------------------------------------------------
// JSON and YAML.

class JsonReader {
 public:
  JsonReader(std::string_view text, util::Loc loc) : s_(text), loc_(loc) {}

  ValuePtr Document() {
    SkipSpace();
    ValuePtr v = Read(0);
    SkipSpace();
    return v && i_ == s_.size() ? v : nullptr;
  }

 private:
  static constexpr int kMaxDepth = 256;

  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  bool Eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  ValuePtr Read(int depth) {
    if (depth > kMaxDepth || i_ >= s_.size()) return nullptr;
    char c = s_[i_];
    if (c == '{') return ReadObject(depth);
    if (c == '[') return ReadArray(depth);
    if (c == '"') {
      std::string text;
      return ReadString(&text) ? String(std::move(text), loc_) : nullptr;
    }
    if (Word("true")) return Bool(true, loc_);
    if (Word("false")) return Bool(false, loc_);
    if (Word("null")) return Null(loc_);
    return ReadNumber();
  }

  ValuePtr ReadObject(int depth) {
    ++i_;
    Fields fields;
    SkipSpace();
    if (Eat('}')) return Object(std::move(fields), loc_);
    while (true) {
      SkipSpace();
      std::string key;
      if (!ReadString(&key)) return nullptr;
      SkipSpace();
      if (!Eat(':')) return nullptr;
      SkipSpace();
      ValuePtr v = Read(depth + 1);
      // Terraform rejects a key given twice.
      if (!v || !fields.emplace(std::move(key), std::move(v)).second) return nullptr;
      SkipSpace();
      if (Eat('}')) return Object(std::move(fields), loc_);
      if (!Eat(',')) return nullptr;
    }
  }

  ValuePtr ReadArray(int depth) {
    ++i_;
    Items items;
    SkipSpace();
    if (Eat(']')) return Tuple(std::move(items), loc_);
    while (true) {
      SkipSpace();
      ValuePtr v = Read(depth + 1);
      if (!v) return nullptr;
      items.push_back(std::move(v));
      SkipSpace();
      if (Eat(']')) return Tuple(std::move(items), loc_);
      if (!Eat(',')) return nullptr;
    }
  }

  bool ReadHex4(char32_t* out) {
    if (i_ + 4 > s_.size()) return false;
    char32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      int d = util::HexDigitValue(s_[i_ + k]);
      if (d < 0) return false;
      v = v * 16 + static_cast<char32_t>(d);
    }
    i_ += 4;
    *out = v;
    return true;
  }

  bool ReadString(std::string* out) {
    if (!Eat('"')) return false;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return IsValidUtf8(*out);
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      ++i_;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out->push_back(e);
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          char32_t cp = 0;
          if (!ReadHex4(&cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
            size_t save = i_;
            i_ += 2;
            char32_t low = 0;
            if (ReadHex4(&low) && low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              i_ = save;
            }
          }
          // A lone surrogate decodes to U+FFFD, as Go's decoder does.
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
          util::AppendUtf8(cp, out);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  ValuePtr ReadNumber() {
    size_t start = i_;
    auto digit = [&] { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; };
    Eat('-');
    if (Eat('0')) {
      if (digit()) return nullptr;
    } else {
      if (!digit()) return nullptr;
      while (digit()) ++i_;
    }
    if (Eat('.')) {
      if (!digit()) return nullptr;
      while (digit()) ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (!Eat('+')) Eat('-');
      if (!digit()) return nullptr;
      while (digit()) ++i_;
    }
    return NumberText(s_.substr(start, i_ - start), loc_);
  }

  std::string_view s_;
  util::Loc loc_;
  size_t i_ = 0;
};

// Plain YAML scalars that YAML 1.1 and 1.2 read differently (yes/no,
// octal 0777, 1_000, timestamps, sexagesimal 1:20): unknown rather than a
// guess at which one Terraform's YAML library follows.
bool AmbiguousYamlScalar(std::string_view s) {
  static constexpr std::string_view kWords[] = {"y",  "Y",   "yes", "Yes", "YES", "n",
                                                "N",  "no",  "No",  "NO",  "on",  "On",
                                                "ON", "off", "Off", "OFF"};
  for (std::string_view w : kWords) {
    if (s == w) return true;
  }
  if (s.empty() || !((s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '+' || s[0] == '.')) {
    return false;
  }
  std::string_view digits = s;
  if (digits[0] == '-' || digits[0] == '+') digits.remove_prefix(1);
  if (digits.size() > 1 && digits[0] == '0' && digits[1] >= '0' && digits[1] <= '9') return true;
  if (digits.starts_with("0b")) return true;
  return s.find_first_of("_:") != std::string_view::npos ||
         (s.size() >= 5 && s[4] == '-' && s[0] >= '0' && s[0] <= '9');
}

// A map key whose text is the key Terraform uses: quoted, a plain string,
// or a plain decimal integer.
bool PlainKey(const syntax::Node& key) {
  if (!key.tag.empty()) return false;
  if (key.style != syntax::ScalarStyle::kPlain) return true;
  if (AmbiguousYamlScalar(key.scalar)) return false;
  syntax::ScalarType type = key.Type();
  if (type == syntax::ScalarType::kString) return true;
  return type == syntax::ScalarType::kInt &&
         std::all_of(key.scalar.begin(), key.scalar.end(),
                     [](char ch) { return ch >= '0' && ch <= '9'; });
}

class YamlConverter {
 public:
  YamlConverter(util::Loc loc, size_t max_elements) : loc_(loc), budget_(max_elements) {}

  // The value of `node`; nullptr with *err set when it has no exact value.
  ValuePtr Convert(const syntax::Node* node, std::string* err) {
    if (budget_ == 0) {
      *err = "the document is too large";
      return nullptr;
    }
    --budget_;
    if (!node->tag.empty()) {
      *err = "unsupported tag " + std::string(node->tag);
      return nullptr;
    }
    switch (node->kind) {
      case syntax::NodeKind::kNull:
        return Null(loc_);
      case syntax::NodeKind::kScalar:
        return Scalar(*node);
      case syntax::NodeKind::kSeq: {
        Items items;
        for (const syntax::Node* item : node->items) {
          ValuePtr v = Convert(item, err);
          if (!v) return nullptr;
          items.push_back(std::move(v));
        }
        return Tuple(std::move(items), loc_);
      }
      case syntax::NodeKind::kMap: {
        Fields fields;
        for (const syntax::MapEntry& e : node->entries) {
          if (!PlainKey(*e.key)) return nullptr;
          const syntax::Node& key = *e.key;
          ValuePtr v = Convert(e.value, err);
          if (!v) return nullptr;
          if (!fields.emplace(std::string(key.scalar), std::move(v)).second) {
            *err = "duplicate key \"" + std::string(key.scalar) + "\"";
            return nullptr;
          }
        }
        return Object(std::move(fields), loc_);
      }
    }
    return nullptr;
  }

 private:
  ValuePtr Scalar(const syntax::Node& node) {
    std::string_view s = node.scalar;
    if (node.style != syntax::ScalarStyle::kPlain) return String(std::string(s), loc_);
    if (AmbiguousYamlScalar(s)) return nullptr;
    switch (node.Type()) {
      case syntax::ScalarType::kNull:
        return Null(loc_);
      case syntax::ScalarType::kBool:
        return Bool(s[0] == 't' || s[0] == 'T', loc_);
      case syntax::ScalarType::kInt: {
        int base = s.starts_with("0x") ? 16 : s.starts_with("0o") ? 8 : 10;
        if (base == 10) return NumberValue(s);
        double n = 0;
        for (char c : s.substr(2)) n = n * base + util::HexDigitValue(c);
        if (n >= kMaxExactInt) return nullptr;
        return terraform::Number(n, loc_);
      }
      case syntax::ScalarType::kFloat:
        return NumberValue(s);
      case syntax::ScalarType::kString:
        return String(std::string(s), loc_);
    }
    return nullptr;
  }

  ValuePtr NumberValue(std::string_view s) {
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    ValuePtr v = NumberText(s, loc_);  // .inf and .nan are unknown
    if (v->is_unknown() || std::fabs(v->number) >= kMaxExactInt) return nullptr;
    return v;
  }

  util::Loc loc_;
  size_t budget_;
};

// ---------------------------------------------------------------------------
// format and formatlist.

struct Spec {
  bool minus = false, plus = false, space = false, zero = false, sharp = false;
  int width = -1;
  int precision = -1;
  char verb = 0;
};

void Pad(std::string* s, const Spec& spec) {
  if (spec.width < 0) return;
  size_t n = CodePointCount(*s);
  if (n >= static_cast<size_t>(spec.width)) return;
  std::string fill(static_cast<size_t>(spec.width) - n, ' ');
  *s = spec.minus ? *s + fill : fill + *s;
}

// An integer in `base` as Go's fmt writes it (sign and magnitude).
bool IntegerText(double n, int base, bool upper, const Spec& spec, std::string* out) {
  if (std::fabs(n) >= kMaxExactInt) return false;
  bool negative = n < 0;
  auto magnitude = static_cast<uint64_t>(std::fabs(n));
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string body;
  while (magnitude > 0) {
    body.insert(body.begin(), digits[magnitude % static_cast<uint64_t>(base)]);
    magnitude /= static_cast<uint64_t>(base);
  }
  if (body.empty() && spec.precision != 0) body = "0";
  if (spec.precision > 0 && body.size() < static_cast<size_t>(spec.precision)) {
    body.insert(0, static_cast<size_t>(spec.precision) - body.size(), '0');
  }
  std::string sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  if (spec.zero && !spec.minus && spec.precision < 0 && spec.width > 0 &&
      sign.size() + body.size() < static_cast<size_t>(spec.width)) {
    body.insert(0, static_cast<size_t>(spec.width) - sign.size() - body.size(), '0');
  }
  *out = sign + body;
  Pad(out, spec);
  return true;
}

// A number in %f or %e. Terraform formats its exact decimal number; ours is
// a double, which agrees up to 15 significant digits (and always for
// integers).
Got FloatText(double n, const Spec& spec, std::string* out) {
  int precision = spec.precision < 0 ? 6 : spec.precision;
  if (precision > 100 || spec.width > 1000) return Got::kUnknown;
  bool integer = n == std::floor(n) && std::fabs(n) < kMaxExactInt;
  if (!integer) {
    int int_digits =
        n == 0 ? 1 : std::max(1, static_cast<int>(std::floor(std::log10(std::fabs(n)))) + 1);
    int significant = spec.verb == 'f' || spec.verb == 'F' ? int_digits + precision : precision + 1;
    if (significant > 15) return Got::kUnknown;
  }
  std::string format = "%";
  if (spec.minus) format += '-';
  if (spec.plus) format += '+';
  if (spec.space) format += ' ';
  if (spec.zero) format += '0';
  if (spec.width >= 0) format += std::to_string(spec.width);
  format += "." + std::to_string(precision);
  format += spec.verb == 'F' ? 'f' : spec.verb;
  char buf[1200];
  std::snprintf(buf, sizeof buf, format.c_str(), n);
  *out = buf;
  return Got::kOk;
}

// Appends one verb's text for `a`.
Got FormatOne(const Value& a, const Spec& spec, size_t limit, Parts* out, std::string* err) {
  if (IsOpaque(a)) return Got::kUnknown;
  std::string text;
  switch (spec.verb) {
    case 'v':
    case 's':
    case 'q': {
      bool structure = a.kind == Kind::kTuple || a.kind == Kind::kObject;
      if (spec.zero) return Got::kUnknown;
      if (a.is_null()) {
        if (spec.verb != 'v') {
          *err = "a null value cannot be formatted";
          return Got::kBad;
        }
        text = "null";
      } else if (spec.verb == 'v' && (structure || spec.sharp)) {
        // %v of a collection, and %#v of anything: its JSON.
        Got got = structure ? JsonText(a, limit, &text) : TextOf(a, limit, &text);
        if (got != Got::kOk) return got;
        if (!structure && a.kind == Kind::kString) {
          std::string quoted;
          util::AppendJsonString(text, &quoted);
          text = std::move(quoted);
        }
      } else if (structure && !a.json) {
        *err = std::string("a collection cannot be formatted with %") + spec.verb;
        return Got::kBad;
      } else if (spec.verb == 'q') {
        Got got = TextOf(a, limit, &text);
        if (got != Got::kOk) return got;
        std::string quoted;
        util::AppendJsonString(text, &quoted);
        text = std::move(quoted);
      } else {
        Parts parts;
        Got got = PartsOf(a, limit, &parts);
        if (got != Got::kOk) return got;
        if (parts.size() != 1 || parts[0].type != StrPart::Type::kText) {
          // References are kept as parts; padding or cutting them is not exact.
          if (spec.width >= 0 || spec.precision >= 0) return Got::kUnknown;
          out->insert(out->end(), parts.begin(), parts.end());
          return Got::kOk;
        }
        text = std::move(parts[0].text);
        if (spec.precision >= 0) {
          text.resize(CodePointOffset(text, static_cast<size_t>(spec.precision)));
        }
      }
      break;
    }
    case 't': {
      bool known = false;
      bool b = AsBool(a, &known);
      if (!known) {
        if (a.kind == Kind::kString && !a.parts.empty()) return Got::kUnknown;
        *err = "%t needs a bool";
        return Got::kBad;
      }
      text = b ? "true" : "false";
      Pad(&text, spec);
      break;
    }
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'F': {
      double n = 0;
      Got got = NumOf(a, &n);
      if (got == Got::kBad) *err = std::string("%") + spec.verb + " needs a number";
      if (got != Got::kOk) return got;
      if (spec.verb == 'e' || spec.verb == 'E' || spec.verb == 'f' || spec.verb == 'F') {
        if (spec.sharp) return Got::kUnknown;
        got = FloatText(n, spec, &text);
        if (got != Got::kOk) return got;
        break;
      }
      if (n != std::floor(n)) {
        *err = std::string("%") + spec.verb + " needs a whole number";
        return Got::kBad;
      }
      if (spec.sharp || spec.width > 1000 || spec.precision > 1000) return Got::kUnknown;
      int base = spec.verb == 'd' ? 10 : spec.verb == 'b' ? 2 : spec.verb == 'o' ? 8 : 16;
      if (!IntegerText(n, base, spec.verb == 'X', spec, &text)) return Got::kUnknown;
      break;
    }
    case 'g':
    case 'G':
      // Go's shortest %g is not C's; not reproduced.
      return Got::kUnknown;
    default:
      *err = std::string("unsupported format verb %") + spec.verb;
      return Got::kBad;
  }
  if (spec.verb == 'v' || spec.verb == 's' || spec.verb == 'q') {
    if (spec.width > 1000) return Got::kUnknown;
    Pad(&text, spec);
  }
  out->push_back(TextPart(std::move(text)));
  return Got::kOk;
}

// Terraform's format(): `%[flags][width][.precision]verb`, `%[n]verb`
// picking argument n, `%%`.
Got Format(std::string_view fmt, std::span<const ValuePtr> args, size_t limit, Parts* out,
           std::string* err) {
  size_t next = 0, used = 0;
  std::string literal;
  Got result = Got::kOk;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') {
      literal.push_back(fmt[i]);
      continue;
    }
    if (++i >= fmt.size()) {
      *err = "the format string ends with %";
      return Got::kBad;
    }
    if (fmt[i] == '%') {
      literal.push_back('%');
      continue;
    }
    Spec spec;
    for (; i < fmt.size(); ++i) {
      char c = fmt[i];
      if (c == '-') {
        spec.minus = true;
      } else if (c == '+') {
        spec.plus = true;
      } else if (c == ' ') {
        spec.space = true;
      } else if (c == '0') {
        spec.zero = true;
      } else if (c == '#') {
        spec.sharp = true;
      } else {
        break;
      }
    }
    auto number = [&](int* out_n) {
      int n = 0;
      bool any = false;
      while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
        n = std::min(n * 10 + (fmt[i] - '0'), 1'000'000);
        ++i;
        any = true;
      }
      if (any) *out_n = n;
      return any;
    };
    if (i < fmt.size() && fmt[i] == '[') {
      ++i;
      int index = 0;
      if (!number(&index) || i >= fmt.size() || fmt[i] != ']' || index < 1) {
        *err = "invalid argument index in the format string";
        return Got::kBad;
      }
      ++i;
      next = static_cast<size_t>(index - 1);
    }
    number(&spec.width);
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      spec.precision = 0;
      number(&spec.precision);
    }
    if (i >= fmt.size()) {
      *err = "the format string ends inside a verb";
      return Got::kBad;
    }
    spec.verb = fmt[i];
    if (next >= args.size()) {
      *err = "not enough arguments for the format string";
      return Got::kBad;
    }
    out->push_back(TextPart(std::move(literal)));
    literal.clear();
    Got got = FormatOne(*args[next], spec, limit, out, err);
    ++next;
    used = std::max(used, next);
    if (got == Got::kBad) return got;
    if (got != Got::kOk) result = got;  // still checked for errors further on
    if (result == Got::kOk && PartsBytes(*out) > limit) return Got::kTooBig;
  }
  if (used < args.size()) {
    *err = "too many arguments; only " + std::to_string(used) + " used by the format string";
    return Got::kBad;
  }
  out->push_back(TextPart(std::move(literal)));
  return result;
}

// ---------------------------------------------------------------------------
// The functions.

ValuePtr FnJsonencode(const Call& c) {
  const Value& v = c[0];
  if (IsJsonString(v)) {
    std::string text, quoted;
    Got got = JsonText(v, c.max_bytes(), &text);
    if (got != Got::kOk) return c.Result(got, "");
    util::AppendJsonString(text, &quoted);
    return String(std::move(quoted), c.loc());
  }
  if (v.kind == Kind::kTuple || v.kind == Kind::kObject) return Copy(v, c.loc(), true);
  std::string text;
  if (!v.wholly_known() || !ToJson(v, &text)) return c.Unknown();
  return String(std::move(text), c.loc());
}

ValuePtr FnJsondecode(const Call& c) {
  const Value& v = c[0];
  if (IsJsonString(v)) return Copy(v, c.loc(), false);
  std::string text;
  ValuePtr r;
  if (!c.Text(0, &text, &r)) return r;
  ValuePtr decoded = DecodeJson(text, c.loc());
  return decoded ? decoded : c.Fail("the argument is not valid JSON");
}

ValuePtr FnYamldecode(const Call& c) {
  std::string text;
  ValuePtr r;
  if (!c.Text(0, &text, &r)) return r;
  util::SourceFile file("<yamldecode>", std::move(text));
  util::DiagnosticSink sink;
  syntax::ParseLimits limits;
  limits.max_nodes = std::min<uint64_t>(limits.max_nodes, c.max_elements() + 1);
  std::unique_ptr<syntax::Document> doc = syntax::ParseYaml(&file, limits, &sink);
  if (!doc || sink.has_errors()) {
    std::vector<util::Diagnostic> problems = sink.Sorted();
    return c.Fail("the argument is not valid YAML" +
                  (problems.empty() ? std::string() : ": " + problems.front().message));
  }
  if (doc->roots().size() > 1) return c.Fail("the argument holds more than one YAML document");
  if (doc->roots().empty()) return Null(c.loc());
  std::string err;
  YamlConverter converter(c.loc(), c.max_elements());
  ValuePtr v = converter.Convert(doc->root(), &err);
  if (!v) return err.empty() ? c.Unknown() : c.Fail(err);
  return v;
}

ValuePtr FnFormat(const Call& c) {
  std::string fmt, err;
  ValuePtr r;
  if (!c.Text(0, &fmt, &r)) return r;
  Parts parts;
  Got got = Format(fmt, c.args().subspan(1), c.max_bytes(), &parts, &err);
  if (got != Got::kOk) return c.Result(got, err);
  return StringParts(std::move(parts), c.loc());
}

ValuePtr FnFormatlist(const Call& c) {
  std::string fmt, err;
  ValuePtr r;
  if (!c.Text(0, &fmt, &r)) return r;
  size_t rows = 0;
  bool any_list = false;
  for (size_t i = 1; i < c.size(); ++i) {
    if (!IsList(c[i])) continue;
    if (any_list && c[i].items.size() != rows) {
      return c.Fail("the list arguments have different lengths");
    }
    any_list = true;
    rows = c[i].items.size();
  }
  if (!any_list) rows = 1;
  if (rows > c.max_elements()) return c.TooBig();
  Items out;
  size_t bytes = 0;
  std::vector<ValuePtr> row(c.size() - 1);
  for (size_t k = 0; k < rows; ++k) {
    for (size_t i = 1; i < c.size(); ++i) row[i - 1] = IsList(c[i]) ? c[i].items[k] : c.ptr(i);
    Parts parts;
    Got got = Format(fmt, row, c.max_bytes(), &parts, &err);
    if (got == Got::kBad) return c.Fail(err);
    if (got == Got::kTooBig) return c.TooBig();
    if (got == Got::kUnknown) {
      out.push_back(c.Unknown());
      continue;
    }
    bytes += PartsBytes(parts);
    if (bytes > c.max_bytes()) return c.TooBig();
    out.push_back(StringParts(std::move(parts), c.loc()));
  }
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnJoin(const Call& c) {
  Parts sep, out;
  ValuePtr r;
  if (!c.PartsArg(0, &sep, &r)) return r;
  bool first = true;
  for (size_t i = 1; i < c.size(); ++i) {
    const Items* items = nullptr;
    if (!c.List(i, &items, &r)) return r;
    for (const ValuePtr& item : *items) {
      if (item->is_null()) return c.Fail("a list element is null");
      Parts parts;
      Got got = Got::kOk;
      if (item->is_unknown()) {
        // An unknown element is an unknown piece of the result.
        parts.push_back({StrPart::Type::kUnknown, item->text, {}});
      } else {
        got = PartsOf(*item, c.max_bytes(), &parts);
      }
      if (got != Got::kOk) return c.Result(got, "a list element is not a string");
      if (!first) out.insert(out.end(), sep.begin(), sep.end());
      first = false;
      out.insert(out.end(), parts.begin(), parts.end());
      if (PartsBytes(out) > c.max_bytes()) return c.TooBig();
    }
  }
  return StringParts(std::move(out), c.loc());
}

ValuePtr FnSplit(const Call& c) {
  std::string sep, s;
  ValuePtr r;
  if (!c.Text(0, &sep, &r) || !c.Text(1, &s, &r)) return r;
  Items out;
  if (sep.empty()) {
    // Go's strings.Split: one element per character.
    for (size_t i = 0; i < s.size();) {
      size_t n = 1;
      while (i + n < s.size() && IsContinuation(s[i + n])) ++n;
      out.push_back(String(s.substr(i, n), c.loc()));
      i += n;
      if (out.size() > c.max_elements()) return c.TooBig();
    }
    return Tuple(std::move(out), c.loc());
  }
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    out.push_back(
        String(s.substr(start, at == std::string::npos ? std::string::npos : at - start), c.loc()));
    if (out.size() > c.max_elements()) return c.TooBig();
    if (at == std::string::npos) break;
    start = at + sep.size();
  }
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnConcat(const Call& c) {
  Items out;
  ValuePtr r;
  for (size_t i = 0; i < c.size(); ++i) {
    const Items* items = nullptr;
    if (!c.List(i, &items, &r)) return r;
    if (out.size() + items->size() > c.max_elements()) return c.TooBig();
    out.insert(out.end(), items->begin(), items->end());
  }
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnMerge(const Call& c) {
  Fields out;
  ValuePtr r;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i].is_null()) continue;
    const Fields* fields = nullptr;
    if (!c.Map(i, &fields, &r)) return r;
    for (const auto& [k, v] : *fields) out[k] = v;
  }
  return Object(std::move(out), c.loc());
}

ValuePtr FnLookup(const Call& c) {
  const Fields* fields = nullptr;
  std::string key;
  ValuePtr r;
  if (!c.Map(0, &fields, &r) || !c.Text(1, &key, &r)) return r;
  auto it = fields->find(key);
  if (it != fields->end()) return At(it->second, c.loc());
  if (c.size() == 3) return At(c.ptr(2), c.loc());
  return c.Fail("the map has no key \"" + key + "\" and no default is given");
}

// Whether a string is certainly not empty: known (true/false), or unknown.
bool NonEmpty(const Value& v, bool* known) {
  *known = true;
  if (v.kind != Kind::kString) return true;
  if (v.parts.empty()) return !v.text.empty();
  for (const StrPart& p : v.parts) {
    if (p.type == StrPart::Type::kText && !p.text.empty()) return true;
  }
  *known = false;
  return false;
}

ValuePtr FnCoalesce(const Call& c) {
  bool has_string = false;
  for (size_t i = 0; i < c.size(); ++i) has_string |= c[i].kind == Kind::kString;
  for (size_t i = 0; i < c.size(); ++i) {
    const Value& v = c[i];
    if (v.is_null()) continue;
    bool known = true;
    bool non_empty = NonEmpty(v, &known);
    // The last argument is the value whenever none before it is.
    if (!known && i + 1 < c.size()) return c.Unknown();
    if (known && !non_empty) continue;
    if (has_string && (v.kind == Kind::kNumber || v.kind == Kind::kBool)) {
      return String(v.text, c.loc());
    }
    return At(c.ptr(i), c.loc());
  }
  return c.Fail("every argument is null or an empty string");
}

ValuePtr FnElement(const Call& c) {
  const Items* items = nullptr;
  int64_t index = 0;
  ValuePtr r;
  if (!c.List(0, &items, &r) || !c.Int(1, &index, &r)) return r;
  if (items->empty()) return c.Fail("the list is empty");
  if (index < 0) return c.Fail("the index must not be negative");
  return At((*items)[static_cast<size_t>(index) % items->size()], c.loc());
}

ValuePtr FnLength(const Call& c) {
  const Value& v = c[0];
  if (IsList(v)) return Number(static_cast<double>(v.items.size()), c.loc());
  if (IsMap(v)) return Number(static_cast<double>(v.fields.size()), c.loc());
  if (v.kind == Kind::kNumber || v.kind == Kind::kBool) {
    return c.Fail("argument 1 must be a string, a list or a map");
  }
  std::string text;
  ValuePtr r;
  if (!c.Text(0, &text, &r)) return r;
  return Number(static_cast<double>(CodePointCount(text)), c.loc());
}

ValuePtr FnKeys(const Call& c) {
  const Fields* fields = nullptr;
  ValuePtr r;
  if (!c.Map(0, &fields, &r)) return r;
  Items out;
  for (const auto& [k, v] : *fields) out.push_back(String(k, c.loc()));
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnValues(const Call& c) {
  const Fields* fields = nullptr;
  ValuePtr r;
  if (!c.Map(0, &fields, &r)) return r;
  Items out;
  for (const auto& [k, v] : *fields) out.push_back(v);
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnToset(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  // One element is in order whatever it is.
  if (items->size() == 1 && !(*items)[0]->is_null()) return Tuple(*items, c.loc());
  Items out;
  std::string err;
  Got got = SetOf(*items, c.loc(), &out, &err);
  if (got != Got::kOk) return c.Result(got, err);
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnTolist(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  Items out = *items;
  if (!UnifyPrimitives(&out, c.loc())) return c.Fail("the elements have no common type");
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnTomap(const Call& c) {
  const Fields* fields = nullptr;
  ValuePtr r;
  if (!c.Map(0, &fields, &r)) return r;
  Items values;
  for (const auto& [k, v] : *fields) values.push_back(v);
  if (!UnifyPrimitives(&values, c.loc())) return c.Fail("the values have no common type");
  Fields out;
  size_t i = 0;
  for (const auto& [k, v] : *fields) out.emplace(k, values[i++]);
  return Object(std::move(out), c.loc());
}

ValuePtr FnTostring(const Call& c) {
  if (c[0].is_null()) return Null(c.loc());
  Parts parts;
  ValuePtr r;
  if (!c.PartsArg(0, &parts, &r)) return r;
  return StringParts(std::move(parts), c.loc());
}

ValuePtr FnTonumber(const Call& c) {
  if (c[0].is_null()) return Null(c.loc());
  double n = 0;
  ValuePtr r;
  if (!c.Num(0, &n, &r)) return r;
  return Number(n, c.loc());
}

ValuePtr FnTobool(const Call& c) {
  if (c[0].is_null()) return Null(c.loc());
  bool known = false;
  bool b = AsBool(c[0], &known);
  if (known) return Bool(b, c.loc());
  if (c[0].kind == Kind::kString && !c[0].parts.empty()) return c.Unknown();
  return c.Fail("argument 1 must be a bool");
}

// Appends the elements of nested lists to `out`; false with *got set when
// an element might be a list or the result is too large.
bool Flatten(const Items& items, size_t max, size_t* visited, Items* out, Got* got) {
  for (const ValuePtr& i : items) {
    if (++*visited > max || out->size() > max) {
      *got = Got::kTooBig;
      return false;
    }
    if (IsOpaque(*i)) {
      *got = Got::kUnknown;
      return false;
    }
    if (IsList(*i)) {
      if (!Flatten(i->items, max, visited, out, got)) return false;
    } else {
      out->push_back(i);
    }
  }
  return true;
}

ValuePtr FnFlatten(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  Items out;
  size_t visited = 0;
  Got got = Got::kOk;
  if (!Flatten(*items, c.max_elements(), &visited, &out, &got)) return c.Result(got, "");
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnDistinct(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  Items all = *items;
  if (!UnifyPrimitives(&all, c.loc())) return c.Fail("the elements have no common type");
  Items out;
  for (const ValuePtr& i : all) {
    bool duplicate = false;
    for (const ValuePtr& kept : out) {
      bool known = true;
      bool same = Same(*kept, *i, &known);
      if (!known) return c.Unknown();
      if (same) {
        duplicate = true;
        break;
      }
    }
    if (!duplicate) out.push_back(i);
  }
  return Tuple(std::move(out), c.loc());
}

// Where RE2 (Terraform's regular expressions) and ECMAScript std::regex
// agree: ASCII, no flags, no named or non-capturing groups, no look-around,
// no back-references, no POSIX classes, no \p, \A, \z, \Q, no \v in the
// text (\s differs), no \r when `.` is used (line terminators differ).
bool SimpleRegex(std::string_view re, std::string_view text) {
  if (re.size() > 256 || text.size() > 16 * 1024 || !IsAscii(re) || !IsAscii(text)) return false;
  if (re.find("(?") != std::string_view::npos || re.find("[:") != std::string_view::npos) {
    return false;
  }
  bool dot = false;
  for (size_t i = 0; i < re.size(); ++i) {
    if (re[i] == '.') dot = true;
    if (re[i] != '\\') continue;
    if (++i >= re.size()) return false;
    char e = re[i];
    bool letter = (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z');
    if ((e >= '0' && e <= '9') ||
        (letter && std::string_view("dDwWsSbBntrf").find(e) == std::string_view::npos)) {
      return false;
    }
  }
  if (text.find('\v') != std::string_view::npos) return false;
  if (dot && text.find('\r') != std::string_view::npos) return false;
  return true;
}

// Go's Regexp.Expand for `$1`, `${1}`, `$$`; names of groups resolve to
// nothing, as groups are never named here.
void ExpandTemplate(std::string_view tmpl, const std::cmatch& m, std::string* out) {
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '$' || i + 1 >= tmpl.size()) {
      out->push_back(tmpl[i]);
      continue;
    }
    if (tmpl[i + 1] == '$') {
      out->push_back('$');
      ++i;
      continue;
    }
    std::string_view name;
    size_t end = 0;
    if (tmpl[i + 1] == '{') {
      size_t close = tmpl.find('}', i + 2);
      if (close == std::string_view::npos) {
        out->push_back('$');
        continue;
      }
      name = tmpl.substr(i + 2, close - i - 2);
      end = close;
    } else {
      size_t j = i + 1;
      while (j < tmpl.size() &&
             (std::isalnum(static_cast<unsigned char>(tmpl[j])) || tmpl[j] == '_'))
        ++j;
      name = tmpl.substr(i + 1, j - i - 1);
      end = j - 1;
    }
    bool valid = !name.empty();
    for (char ch : name) {
      valid &= std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
    }
    if (!valid) {
      out->push_back('$');
      continue;
    }
    i = end;
    bool digits =
        std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    // Names, leading zeros and huge numbers name no group here: nothing.
    if (!digits || name.size() > 3 || (name.size() > 1 && name[0] == '0')) continue;
    size_t group = static_cast<size_t>(std::stoi(std::string(name)));
    if (group < m.size() && m[group].matched) out->append(m[group].first, m[group].second);
  }
}

// Go's Regexp.ReplaceAllString over std::regex.
Got RegexReplace(std::string_view text, std::string_view pattern, std::string_view repl,
                 size_t limit, std::string* out) {
  if (!SimpleRegex(pattern, text)) return Got::kUnknown;
  try {
    std::regex re{std::string(pattern), std::regex::ECMAScript};
    const char* begin = text.data();
    const char* end = begin + text.size();
    size_t last_end = 0, search = 0;
    while (search <= text.size()) {
      std::cmatch m;
      auto flags =
          search > 0 ? std::regex_constants::match_prev_avail : std::regex_constants::match_default;
      if (!std::regex_search(begin + search, end, m, re, flags)) break;
      size_t a0 = search + static_cast<size_t>(m.position(0));
      size_t a1 = a0 + static_cast<size_t>(m.length(0));
      out->append(text.substr(last_end, a0 - last_end));
      if (a1 > last_end || a0 == 0) ExpandTemplate(repl, m, out);
      if (out->size() > limit) return Got::kTooBig;
      last_end = a1;
      search = search + 1 > a1 ? search + 1 : a1;
    }
    if (last_end < text.size()) out->append(text.substr(last_end));
  } catch (const std::regex_error&) {
    return Got::kUnknown;
  }
  return out->size() > limit ? Got::kTooBig : Got::kOk;
}

ValuePtr FnReplace(const Call& c) {
  std::string s, find, repl, out;
  ValuePtr r;
  if (!c.Text(0, &s, &r) || !c.Text(1, &find, &r) || !c.Text(2, &repl, &r)) return r;
  if (find.size() >= 2 && find.front() == '/' && find.back() == '/') {
    Got got = RegexReplace(s, std::string_view(find).substr(1, find.size() - 2), repl,
                           c.max_bytes(), &out);
    if (got != Got::kOk) return c.Result(got, "");
    return String(std::move(out), c.loc());
  }
  if (find.empty()) {
    // Go's strings.Replace with nothing to find: before every character.
    out = repl;
    for (size_t i = 0; i < s.size(); ++i) {
      out.push_back(s[i]);
      if (i + 1 == s.size() || !IsContinuation(s[i + 1])) out += repl;
      if (out.size() > c.max_bytes()) return c.TooBig();
    }
    return String(std::move(out), c.loc());
  }
  size_t start = 0;
  while (true) {
    size_t at = s.find(find, start);
    if (at == std::string::npos) break;
    out.append(s, start, at - start);
    out += repl;
    start = at + find.size();
    if (out.size() > c.max_bytes()) return c.TooBig();
  }
  out.append(s, start);
  return String(std::move(out), c.loc());
}

ValuePtr FnLower(const Call& c) {
  std::string s;
  ValuePtr r;
  if (!c.Text(0, &s, &r)) return r;
  if (!IsAscii(s)) return c.Unknown();  // Unicode case mapping is not reproduced
  for (char& ch : s) ch = util::AsciiLower(ch);
  return String(std::move(s), c.loc());
}

ValuePtr FnUpper(const Call& c) {
  std::string s;
  ValuePtr r;
  if (!c.Text(0, &s, &r)) return r;
  if (!IsAscii(s)) return c.Unknown();
  for (char& ch : s) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  return String(std::move(s), c.loc());
}

ValuePtr FnTitle(const Call& c) {
  std::string s;
  ValuePtr r;
  if (!c.Text(0, &s, &r)) return r;
  if (!IsAscii(s)) return c.Unknown();
  // Go's strings.Title: a letter after anything but a letter, digit or _.
  bool after_separator = true;
  for (char& ch : s) {
    if (after_separator && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    after_separator = !(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_');
  }
  return String(std::move(s), c.loc());
}

ValuePtr FnStrrev(const Call& c) {
  std::string s;
  ValuePtr r;
  if (!c.Text(0, &s, &r)) return r;
  if (!IsAscii(s)) return c.Unknown();  // Terraform reverses grapheme clusters
  std::reverse(s.begin(), s.end());
  return String(std::move(s), c.loc());
}

bool WhollyText(const Parts& parts) {
  return parts.empty() || (parts.size() == 1 && parts[0].type == StrPart::Type::kText);
}

// Whether parts start with `prefix`: known (true/false), or *known false
// when a reference or unknown piece decides.
bool PartsStartWith(const Parts& parts, std::string_view prefix, bool* known) {
  *known = true;
  if (prefix.empty()) return true;
  std::string_view head = !parts.empty() && parts.front().type == StrPart::Type::kText
                              ? std::string_view(parts.front().text)
                              : std::string_view();
  if (head.starts_with(prefix)) return true;
  size_t n = std::min(head.size(), prefix.size());
  if (head.substr(0, n) != prefix.substr(0, n)) return false;
  *known = WhollyText(parts);  // else a reference follows where the text ran out
  return false;
}

bool PartsEndWith(const Parts& parts, std::string_view suffix, bool* known) {
  *known = true;
  if (suffix.empty()) return true;
  std::string_view tail = !parts.empty() && parts.back().type == StrPart::Type::kText
                              ? std::string_view(parts.back().text)
                              : std::string_view();
  if (tail.ends_with(suffix)) return true;
  size_t n = std::min(tail.size(), suffix.size());
  if (tail.substr(tail.size() - n) != suffix.substr(suffix.size() - n)) return false;
  *known = WhollyText(parts);
  return false;
}

ValuePtr FnTrimprefix(const Call& c) {
  Parts parts;
  std::string prefix;
  ValuePtr r;
  if (!c.PartsArg(0, &parts, &r) || !c.Text(1, &prefix, &r)) return r;
  bool known = true;
  if (PartsStartWith(parts, prefix, &known) && !prefix.empty()) {
    parts.front().text.erase(0, prefix.size());
  }
  if (!known) return c.Unknown();
  return StringParts(std::move(parts), c.loc());
}

ValuePtr FnTrimsuffix(const Call& c) {
  Parts parts;
  std::string suffix;
  ValuePtr r;
  if (!c.PartsArg(0, &parts, &r) || !c.Text(1, &suffix, &r)) return r;
  bool known = true;
  if (PartsEndWith(parts, suffix, &known) && !suffix.empty()) {
    parts.back().text.resize(parts.back().text.size() - suffix.size());
  }
  if (!known) return c.Unknown();
  return StringParts(std::move(parts), c.loc());
}

ValuePtr FnStartswith(const Call& c) {
  Parts parts;
  std::string prefix;
  ValuePtr r;
  if (!c.PartsArg(0, &parts, &r) || !c.Text(1, &prefix, &r)) return r;
  bool known = true;
  bool yes = PartsStartWith(parts, prefix, &known);
  return known ? Bool(yes, c.loc()) : c.Unknown();
}

ValuePtr FnEndswith(const Call& c) {
  Parts parts;
  std::string suffix;
  ValuePtr r;
  if (!c.PartsArg(0, &parts, &r) || !c.Text(1, &suffix, &r)) return r;
  bool known = true;
  bool yes = PartsEndWith(parts, suffix, &known);
  return known ? Bool(yes, c.loc()) : c.Unknown();
}

ValuePtr FnTrimspace(const Call& c) {
  std::string s;
  ValuePtr r;
  if (!c.Text(0, &s, &r)) return r;
  size_t begin = 0, end = s.size();
  char32_t cp;
  size_t len;
  while (begin < end && DecodeUtf8(s, begin, &cp, &len) && IsUnicodeSpace(cp)) begin += len;
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && IsContinuation(s[start])) --start;
    if (!DecodeUtf8(s, start, &cp, &len) || start + len != end || !IsUnicodeSpace(cp)) break;
    end = start;
  }
  return String(s.substr(begin, end - begin), c.loc());
}

ValuePtr FnChomp(const Call& c) {
  Parts parts;
  ValuePtr r;
  if (!c.PartsArg(0, &parts, &r)) return r;
  if (parts.empty() || parts.back().type != StrPart::Type::kText) return c.Unknown();
  std::string& tail = parts.back().text;
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
  // A reference before stripped newlines might end in newlines itself.
  if (tail.empty() && parts.size() > 1) return c.Unknown();
  return StringParts(std::move(parts), c.loc());
}

ValuePtr FnContains(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  bool all_known = true;
  for (const ValuePtr& i : *items) {
    bool known = true;
    if (Same(*i, c[1], &known)) return Bool(true, c.loc());
    all_known &= known;
  }
  return all_known ? Bool(false, c.loc()) : c.Unknown();
}

bool ParseIpv4(std::string_view s, uint32_t* out) {
  uint32_t ip = 0;
  int octets = 0;
  size_t i = 0;
  while (octets < 4) {
    size_t start = i;
    uint32_t v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3) v = v * 10 + (s[i++] - '0');
    if (i == start || v > 255 || (i - start > 1 && s[start] == '0')) return false;
    ip = (ip << 8) | v;
    if (++octets < 4 && (i >= s.size() || s[i++] != '.')) return false;
  }
  *out = ip;
  return i == s.size();
}

ValuePtr FnCidrsubnet(const Call& c) {
  std::string prefix;
  int64_t newbits = 0, netnum = 0;
  ValuePtr r;
  if (!c.Text(0, &prefix, &r) || !c.Int(1, &newbits, &r) || !c.Int(2, &netnum, &r)) return r;
  if (prefix.find(':') != std::string::npos) return c.Unknown();  // IPv6: not evaluated
  size_t slash = prefix.find('/');
  uint32_t ip = 0;
  int64_t bits = -1;
  if (slash != std::string::npos && slash + 1 < prefix.size() && prefix.size() - slash <= 3) {
    bits = 0;
    for (char ch : std::string_view(prefix).substr(slash + 1)) {
      bits = ch >= '0' && ch <= '9' ? bits * 10 + (ch - '0') : 99;
    }
  }
  if (bits < 0 || bits > 32 || !ParseIpv4(std::string_view(prefix).substr(0, slash), &ip)) {
    return c.Fail("\"" + prefix + "\" is not an IPv4 CIDR prefix");
  }
  if (newbits < 0 || bits + newbits > 32) {
    return c.Fail("insufficient address space to extend prefix of " + std::to_string(bits) +
                  " by " + std::to_string(newbits));
  }
  if (netnum < 0 || static_cast<uint64_t>(netnum) >= (uint64_t{1} << newbits)) {
    return c.Fail("prefix extension of " + std::to_string(newbits) +
                  " does not accommodate a subnet numbered " + std::to_string(netnum));
  }
  int64_t new_len = bits + newbits;
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  uint32_t net =
      (ip & mask) | static_cast<uint32_t>(static_cast<uint64_t>(netnum) << (32 - new_len));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u/%d", net >> 24, (net >> 16) & 255, (net >> 8) & 255,
                net & 255, static_cast<int>(new_len));
  return String(buf, c.loc());
}

// Go's path.Clean.
std::string CleanPath(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path[0] == '/';
  std::vector<std::string_view> out;
  for (std::string_view e : util::Split(path, '/')) {
    if (e.empty() || e == ".") continue;
    if (e == "..") {
      if (!out.empty() && out.back() != "..") {
        out.pop_back();
      } else if (!rooted) {
        out.push_back(e);
      }
      continue;
    }
    out.push_back(e);
  }
  std::string s = rooted ? "/" : "";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i > 0) s += '/';
    s += out[i];
  }
  return s.empty() ? "." : s;
}

ValuePtr FnBasename(const Call& c) {
  std::string p;
  ValuePtr r;
  if (!c.Text(0, &p, &r)) return r;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.empty()) return String(".", c.loc());
  if (p == "/") return String("/", c.loc());
  size_t slash = p.rfind('/');
  return String(slash == std::string::npos ? p : p.substr(slash + 1), c.loc());
}

ValuePtr FnDirname(const Call& c) {
  std::string p;
  ValuePtr r;
  if (!c.Text(0, &p, &r)) return r;
  size_t slash = p.rfind('/');
  return String(CleanPath(slash == std::string::npos ? "" : p.substr(0, slash + 1)), c.loc());
}

ValuePtr FnMaxMin(const Call& c, bool max) {
  double best = 0;
  ValuePtr r;
  for (size_t i = 0; i < c.size(); ++i) {
    double n = 0;
    if (!c.Num(i, &n, &r)) return r;
    if (i == 0 || (max ? n > best : n < best)) best = n;
  }
  return Number(best, c.loc());
}
ValuePtr FnMax(const Call& c) { return FnMaxMin(c, true); }
ValuePtr FnMin(const Call& c) { return FnMaxMin(c, false); }

ValuePtr FnRange(const Call& c) {
  int64_t start = 0, limit = 0, step = 1;
  ValuePtr r;
  for (size_t i = 0; i < c.size(); ++i) {
    double n = 0;
    if (!c.Num(i, &n, &r)) return r;
    // Fractional steps add up in decimal in Terraform, in binary here.
    if (n != std::floor(n) || std::fabs(n) >= kMaxExactInt) return c.Unknown();
  }
  if (c.size() == 1) {
    c.Int(0, &limit, &r);
  } else {
    c.Int(0, &start, &r);
    c.Int(1, &limit, &r);
    if (c.size() == 3) c.Int(2, &step, &r);
  }
  if (step == 0) return c.Fail("the step must not be zero");
  if (step > 0 && start > limit)
    return c.Fail("for an ascending range, the start must not exceed the limit");
  if (step < 0 && start < limit)
    return c.Fail("for a descending range, the start must not be less than the limit");
  int64_t span = step > 0 ? limit - start : start - limit;
  int64_t magnitude = step > 0 ? step : -step;
  uint64_t count = static_cast<uint64_t>((span + magnitude - 1) / magnitude);
  if (count > c.max_elements()) return c.TooBig();
  Items out;
  for (uint64_t k = 0; k < count; ++k) {
    out.push_back(Number(static_cast<double>(start + static_cast<int64_t>(k) * step), c.loc()));
  }
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnZipmap(const Call& c) {
  const Items *keys = nullptr, *values = nullptr;
  ValuePtr r;
  if (!c.List(0, &keys, &r) || !c.List(1, &values, &r)) return r;
  if (keys->size() != values->size()) {
    return c.Fail("there are " + std::to_string(keys->size()) + " keys and " +
                  std::to_string(values->size()) + " values");
  }
  Fields out;
  for (size_t i = 0; i < keys->size(); ++i) {
    std::string key;
    Got got = TextOf(*(*keys)[i], c.max_bytes(), &key);
    if (got != Got::kOk) return c.Result(got, "a key is not a string");
    out[key] = (*values)[i];
  }
  return Object(std::move(out), c.loc());
}

ValuePtr FnCompact(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  Items out;
  for (const ValuePtr& i : *items) {
    if (i->is_null()) continue;
    if (IsOpaque(*i)) return c.Unknown();
    if (!IsPrimitive(*i) && !IsJsonString(*i)) return c.Fail("a list element is not a string");
    bool known = true;
    bool non_empty = NonEmpty(*i, &known);
    if (!known) return c.Unknown();
    if (!non_empty) continue;
    out.push_back(i->kind == Kind::kString || IsJsonString(*i) ? i : String(i->text, i->loc));
  }
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnSlice(const Call& c) {
  const Items* items = nullptr;
  int64_t start = 0, end = 0;
  ValuePtr r;
  if (!c.List(0, &items, &r) || !c.Int(1, &start, &r) || !c.Int(2, &end, &r)) return r;
  if (start < 0 || end < start || static_cast<uint64_t>(end) > items->size()) {
    return c.Fail("the indices " + std::to_string(start) + " and " + std::to_string(end) +
                  " are out of range for a list of " + std::to_string(items->size()));
  }
  return Tuple(Items(items->begin() + start, items->begin() + end), c.loc());
}

ValuePtr FnReverse(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  return Tuple(Items(items->rbegin(), items->rend()), c.loc());
}

ValuePtr FnSort(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  std::vector<std::string> texts;
  for (const ValuePtr& i : *items) {
    std::string text;
    Got got = TextOf(*i, c.max_bytes(), &text);
    if (got != Got::kOk) return c.Result(got, "a list element is not a string");
    texts.push_back(std::move(text));
  }
  std::sort(texts.begin(), texts.end());
  Items out;
  for (std::string& t : texts) out.push_back(String(std::move(t), c.loc()));
  return Tuple(std::move(out), c.loc());
}

ValuePtr FnOne(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  if (items->empty()) return Null(c.loc());
  if (items->size() > 1) {
    return c.Fail("the list has " + std::to_string(items->size()) + " elements, not 0 or 1");
  }
  return At(items->front(), c.loc());
}

ValuePtr FnSum(const Call& c) {
  const Items* items = nullptr;
  ValuePtr r;
  if (!c.List(0, &items, &r)) return r;
  if (items->empty()) return c.Fail("the list is empty");
  double total = 0;
  bool integers = true;
  for (const ValuePtr& i : *items) {
    double n = 0;
    Got got = NumOf(*i, &n);
    if (got != Got::kOk) return c.Result(got, "a list element is not a number");
    integers &= n == std::floor(n);
    total += n;
  }
  if (!integers) {
    // Terraform adds decimals exactly: 0.1 + 0.2 is 0.3.
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", total);
    total = std::strtod(buf, nullptr);
  }
  if (integers && std::fabs(total) >= kMaxExactInt) return c.Unknown();
  return Number(total, c.loc());
}

ValuePtr FnSubstr(const Call& c) {
  std::string s;
  int64_t offset = 0, length = 0;
  ValuePtr r;
  if (!c.Text(0, &s, &r) || !c.Int(1, &offset, &r) || !c.Int(2, &length, &r)) return r;
  auto total = static_cast<int64_t>(CodePointCount(s));
  if (offset < 0) offset = std::max<int64_t>(0, total + offset);
  if (offset >= total) return String("", c.loc());
  int64_t end = length < 0 ? total : std::min(total, offset + length);
  size_t from = CodePointOffset(s, static_cast<size_t>(offset));
  size_t to = CodePointOffset(s, static_cast<size_t>(end));
  return String(s.substr(from, to - from), c.loc());
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

ValuePtr FnBase64encode(const Call& c) {
  std::string s, out;
  ValuePtr r;
  if (!c.Text(0, &s, &r)) return r;
  if (s.size() / 3 * 4 > c.max_bytes()) return c.TooBig();
  for (size_t i = 0; i < s.size(); i += 3) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(s[i])) << 16;
    if (i + 1 < s.size()) n |= static_cast<uint32_t>(static_cast<unsigned char>(s[i + 1])) << 8;
    if (i + 2 < s.size()) n |= static_cast<unsigned char>(s[i + 2]);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < s.size() ? kBase64[(n >> 6) & 63] : '=';
    out += i + 2 < s.size() ? kBase64[n & 63] : '=';
  }
  return String(std::move(out), c.loc());
}

ValuePtr FnBase64decode(const Call& c) {
  std::string s, out;
  ValuePtr r;
  if (!c.Text(0, &s, &r)) return r;
  std::string clean;
  for (char ch : s) {
    if (ch != '\n' && ch != '\r') clean.push_back(ch);  // Go's decoder skips line breaks
  }
  bool ok = clean.size() % 4 == 0;
  for (size_t i = 0; ok && i < clean.size(); i += 4) {
    uint32_t n = 0;
    int pad = 0;
    for (size_t k = 0; k < 4; ++k) {
      char ch = clean[i + k];
      const char* at = ch == '=' ? nullptr : std::strchr(kBase64, ch);
      if (ch == '=' && i + 4 == clean.size() && k >= 2) {
        ++pad;
      } else if (!at || ch == '\0' || pad > 0) {
        ok = false;
        break;
      }
      n = (n << 6) | (at ? static_cast<uint32_t>(at - kBase64) : 0);
    }
    if (!ok) break;
    out.push_back(static_cast<char>(n >> 16));
    if (pad < 2) out.push_back(static_cast<char>((n >> 8) & 255));
    if (pad < 1) out.push_back(static_cast<char>(n & 255));
  }
  if (!ok) return c.Fail("the argument is not valid base64");
  if (!IsValidUtf8(out)) return c.Fail("the decoded bytes are not valid UTF-8");
  return String(std::move(out), c.loc());
}

ValuePtr FnCoalescelist(const Call& c) {
  ValuePtr r;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i].is_null()) continue;
    const Items* items = nullptr;
    if (!c.List(i, &items, &r)) return r;
    if (!items->empty()) return At(c.ptr(i), c.loc());
  }
  return c.Fail("every argument is empty");
}

ValuePtr FnSetOp(const Call& c, bool union_op) {
  std::vector<Items> sets;
  Items all;
  ValuePtr r;
  for (size_t i = 0; i < c.size(); ++i) {
    const Items* items = nullptr;
    if (!c.List(i, &items, &r)) return r;
    all.insert(all.end(), items->begin(), items->end());
    sets.push_back(*items);
  }
  Items merged;
  std::string err;
  Got got = SetOf(all, c.loc(), &merged, &err);
  if (got != Got::kOk) return c.Result(got, err);
  if (union_op) return Tuple(std::move(merged), c.loc());
  // Every element is now of one primitive type, whose text identifies it.
  Items out;
  for (const ValuePtr& candidate : merged) {
    bool in_all = true;
    for (const Items& set : sets) {
      in_all &= std::any_of(set.begin(), set.end(),
                            [&](const ValuePtr& i) { return i->text == candidate->text; });
    }
    if (in_all) out.push_back(candidate);
  }
  return Tuple(std::move(out), c.loc());
}
ValuePtr FnSetunion(const Call& c) { return FnSetOp(c, true); }
ValuePtr FnSetintersection(const Call& c) { return FnSetOp(c, false); }

ValuePtr FnMath(const Call& c, double (*op)(double)) {
  double n = 0;
  ValuePtr r;
  if (!c.Num(0, &n, &r)) return r;
  return Number(op(n), c.loc());
}
ValuePtr FnAbs(const Call& c) {
  return FnMath(c, [](double n) { return std::fabs(n); });
}
ValuePtr FnCeil(const Call& c) {
  return FnMath(c, [](double n) { return std::ceil(n); });
}
ValuePtr FnFloor(const Call& c) {
  return FnMath(c, [](double n) { return std::floor(n); });
}

ValuePtr FnParseint(const Call& c) {
  std::string s;
  int64_t base = 0;
  ValuePtr r;
  if (!c.Text(0, &s, &r) || !c.Int(1, &base, &r)) return r;
  if (base < 2 || base > 62) return c.Fail("the base must be between 2 and 62");
  std::string_view digits = s;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty())
    return c.Fail("\"" + s + "\" is not a number in base " + std::to_string(base));
  double n = 0;
  for (char ch : digits) {
    int d = ch >= '0' && ch <= '9'   ? ch - '0'
            : ch >= 'a' && ch <= 'z' ? ch - 'a' + 10
            : ch >= 'A' && ch <= 'Z' ? ch - 'A' + (base <= 36 ? 10 : 36)
                                     : 99;
    if (d >= base) {
      return c.Fail("\"" + s + "\" is not a number in base " + std::to_string(base));
    }
    n = n * static_cast<double>(base) + d;
    if (n >= kMaxExactInt) return c.Unknown();
  }
  return Number(negative ? -n : n, c.loc());
}

ValuePtr FnFile(const Call& c) {
  std::string path, text;
  ValuePtr r;
  if (!c.Text(0, &path, &r)) return r;
  if (!c.ctx().read_file || !c.ctx().read_file(path, c.loc(), &text)) return c.Unknown();
  if (!IsValidUtf8(text)) return c.Fail("\"" + path + "\" is not UTF-8 text");
  return String(std::move(text), c.loc());
}

ValuePtr FnFileexists(const Call& c) {
  std::string path, text;
  ValuePtr r;
  if (!c.Text(0, &path, &r)) return r;
  // A file that could not be read may still exist outside what is scanned.
  if (!c.ctx().read_file || !c.ctx().read_file(path, c.loc(), &text)) return c.Unknown();
  return Bool(true, c.loc());
}

ValuePtr FnTemplatefile(const Call& c) {
  std::string path, text;
  ValuePtr r;
  if (!c.Text(0, &path, &r)) return r;
  if (!IsMap(c[1]) && !IsOpaque(c[1])) return c.Fail("argument 2 must be a map or an object");
  if (!c.ctx().read_file || !c.ctx().render) return c.Unknown();
  if (!c.ctx().read_file(path, c.loc(), &text)) return c.Unknown();
  ValuePtr v = c.ctx().render(text, c.ptr(1), c.loc());
  return v ? At(v, c.loc()) : c.Unknown();
}

struct FunctionDef {
  std::string_view name;
  int min_args;
  int max_args;  // -1: any number
  ValuePtr (*fn)(const Call&);
};

// Sorted by name.
constexpr FunctionDef kFunctions[] = {
    {"abs", 1, 1, FnAbs},
    {"base64decode", 1, 1, FnBase64decode},
    {"base64encode", 1, 1, FnBase64encode},
    {"basename", 1, 1, FnBasename},
    {"ceil", 1, 1, FnCeil},
    {"chomp", 1, 1, FnChomp},
    {"cidrsubnet", 3, 3, FnCidrsubnet},
    {"coalesce", 1, -1, FnCoalesce},
    {"coalescelist", 1, -1, FnCoalescelist},
    {"compact", 1, 1, FnCompact},
    {"concat", 1, -1, FnConcat},
    {"contains", 2, 2, FnContains},
    {"dirname", 1, 1, FnDirname},
    {"distinct", 1, 1, FnDistinct},
    {"element", 2, 2, FnElement},
    {"endswith", 2, 2, FnEndswith},
    {"file", 1, 1, FnFile},
    {"fileexists", 1, 1, FnFileexists},
    {"flatten", 1, 1, FnFlatten},
    {"floor", 1, 1, FnFloor},
    {"format", 1, -1, FnFormat},
    {"formatlist", 1, -1, FnFormatlist},
    {"join", 2, -1, FnJoin},
    {"jsondecode", 1, 1, FnJsondecode},
    {"jsonencode", 1, 1, FnJsonencode},
    {"keys", 1, 1, FnKeys},
    {"length", 1, 1, FnLength},
    {"lookup", 2, 3, FnLookup},
    {"lower", 1, 1, FnLower},
    {"max", 1, -1, FnMax},
    {"merge", 0, -1, FnMerge},
    {"min", 1, -1, FnMin},
    {"one", 1, 1, FnOne},
    {"parseint", 2, 2, FnParseint},
    {"range", 1, 3, FnRange},
    {"replace", 3, 3, FnReplace},
    {"reverse", 1, 1, FnReverse},
    {"setintersection", 1, -1, FnSetintersection},
    {"setunion", 1, -1, FnSetunion},
    {"slice", 3, 3, FnSlice},
    {"sort", 1, 1, FnSort},
    {"split", 2, 2, FnSplit},
    {"startswith", 2, 2, FnStartswith},
    {"strrev", 1, 1, FnStrrev},
    {"substr", 3, 3, FnSubstr},
    {"sum", 1, 1, FnSum},
    {"templatefile", 2, 2, FnTemplatefile},
    {"title", 1, 1, FnTitle},
    {"tobool", 1, 1, FnTobool},
    {"tolist", 1, 1, FnTolist},
    {"tomap", 1, 1, FnTomap},
    {"tonumber", 1, 1, FnTonumber},
    {"toset", 1, 1, FnToset},
    {"tostring", 1, 1, FnTostring},
    {"trimprefix", 2, 2, FnTrimprefix},
    {"trimspace", 1, 1, FnTrimspace},
    {"trimsuffix", 2, 2, FnTrimsuffix},
    {"upper", 1, 1, FnUpper},
    {"values", 1, 1, FnValues},
    {"yamldecode", 1, 1, FnYamldecode},
    {"zipmap", 2, 2, FnZipmap},
};

const FunctionDef* FindFunction(std::string_view name) {
  auto it = std::lower_bound(std::begin(kFunctions), std::end(kFunctions), name,
                             [](const FunctionDef& f, std::string_view n) { return f.name < n; });
  return it != std::end(kFunctions) && it->name == name ? it : nullptr;
}

std::string ArgCountText(const FunctionDef& f) {
  if (f.max_args < 0) return "at least " + std::to_string(f.min_args);
  if (f.min_args == f.max_args) return std::to_string(f.min_args);
  return std::to_string(f.min_args) + " to " + std::to_string(f.max_args);
}

}  // namespace

ValuePtr CallFunction(std::string_view name, std::span<const ValuePtr> args, util::Loc loc,
                      const FunctionContext& ctx) {
  Call call(name, args, loc, ctx);
  const FunctionDef* f = FindFunction(name);
  if (!f) return call.Unknown();
  if (args.size() < static_cast<size_t>(f->min_args) ||
      (f->max_args >= 0 && args.size() > static_cast<size_t>(f->max_args))) {
    std::string count = ArgCountText(*f);
    return call.Fail("takes " + count + (count == "1" ? " argument" : " arguments") + ", not " +
                     std::to_string(args.size()));
  }
  for (const ValuePtr& a : args) {
    if (!a || IsOpaque(*a)) return call.Unknown();
  }
  return call.Capped(f->fn(call));
}

bool IsKnownFunction(std::string_view name) { return FindFunction(name) != nullptr; }

ValuePtr DecodeJson(std::string_view text, util::Loc loc) {
  return JsonReader(text, loc).Document();
}

}  // namespace fnwarden::load::terraform
