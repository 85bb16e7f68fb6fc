// The shared pieces of Terraform's functions (functions.h): argument
// reading, the text and number helpers, and one call's context (Call). The
// functions live in functions.cc, functions_json.cc (jsonencode,
// jsondecode, yamldecode), functions_format.cc (format, formatlist) and
// functions_strings.cc (string and path functions).
#ifndef FNWARDEN_LOAD_TERRAFORM_FUNCTIONS_INTERNAL_H_
#define FNWARDEN_LOAD_TERRAFORM_FUNCTIONS_INTERNAL_H_

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
#include "load/terraform/functions.h"
#include "util/encoding.h"
#include "util/strings.h"

namespace fnwarden::load::terraform::fn {

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

inline bool IsList(const Value& v) { return v.kind == Kind::kTuple && !v.json; }
inline bool IsMap(const Value& v) { return v.kind == Kind::kObject && !v.json; }
// A tuple or object that stands for its JSON text is a string to every
// function.
inline bool IsJsonString(const Value& v) {
  return (v.kind == Kind::kTuple || v.kind == Kind::kObject) && v.json;
}
inline bool IsOpaque(const Value& v) {
  return v.kind == Kind::kUnknown || v.kind == Kind::kResource;
}
inline bool IsPrimitive(const Value& v) {
  return v.kind == Kind::kString || v.kind == Kind::kNumber || v.kind == Kind::kBool;
}

// ---------------------------------------------------------------------------
// Text helpers.

inline bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

inline size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += IsContinuation(c) ? 0 : 1;
  return n;
}

// The byte offset of code point `index` (s.size() when past the end).
inline size_t CodePointOffset(std::string_view s, size_t index) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsContinuation(s[i])) continue;
    if (seen == index) return i;
    ++seen;
  }
  return s.size();
}

inline bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Decodes the code point at s[i]; false on invalid UTF-8.
inline bool DecodeUtf8(std::string_view s, size_t i, char32_t* cp, size_t* len) {
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

inline bool IsValidUtf8(std::string_view s) {
  char32_t cp;
  size_t len;
  for (size_t i = 0; i < s.size(); i += len) {
    if (!DecodeUtf8(s, i, &cp, &len)) return false;
  }
  return true;
}

// Go's unicode.IsSpace, which Terraform's trimspace uses.
inline bool IsUnicodeSpace(char32_t c) {
  return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ' || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

inline size_t PartsBytes(const Parts& parts) {
  size_t n = 0;
  for (const StrPart& p : parts) n += p.text.size();
  return n;
}

inline StrPart TextPart(std::string text) { return {StrPart::Type::kText, std::move(text), {}}; }

// A lower bound of the bytes of v's JSON text, counting no further than
// just past `limit`, so that a value shared many times inside itself is not
// walked in full.
inline size_t JsonSizeAtLeast(const Value& v, size_t limit) {
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
inline Got JsonText(const Value& v, size_t limit, std::string* out) {
  if (JsonSizeAtLeast(v, limit) > limit) return Got::kTooBig;
  if (!v.wholly_known()) return Got::kUnknown;
  out->clear();
  return ToJson(v, out) ? Got::kOk : Got::kUnknown;
}

// A string argument's text: numbers and bools convert, a json-flagged tuple
// or object is its JSON text.
inline Got TextOf(const Value& v, size_t limit, std::string* out) {
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
inline Got PartsOf(const Value& v, size_t limit, Parts* out) {
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

inline bool ParseNumber(std::string_view text, double* out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(*out);
}

inline Got NumOf(const Value& v, double* out) {
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
inline bool UnifyPrimitives(Items* items, util::Loc loc) {
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
inline bool Same(const Value& a, const Value& b, bool* known) {
  if (a.kind == Kind::kString && b.kind == Kind::kString && !a.parts.empty() &&
      a.parts == b.parts) {
    *known = true;
    return true;
  }
  return Equal(a, b, known);
}

// Terraform's set of primitives: unified, without duplicates, in its
// order (strings byte-wise, numbers ascending, false before true).
inline Got SetOf(Items items, util::Loc loc, Items* out, std::string* err) {
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

inline ValuePtr Copy(const Value& v, util::Loc loc, bool json) {
  auto copy = std::make_shared<Value>(v);
  copy->loc = loc;
  copy->json = json;
  return copy;
}

ValuePtr FnJsonencode(const Call& c);
ValuePtr FnJsondecode(const Call& c);
ValuePtr FnYamldecode(const Call& c);
ValuePtr FnFormat(const Call& c);
ValuePtr FnFormatlist(const Call& c);
ValuePtr FnReplace(const Call& c);
ValuePtr FnLower(const Call& c);
ValuePtr FnUpper(const Call& c);
ValuePtr FnTitle(const Call& c);
ValuePtr FnStrrev(const Call& c);
ValuePtr FnTrimprefix(const Call& c);
ValuePtr FnTrimsuffix(const Call& c);
ValuePtr FnStartswith(const Call& c);
ValuePtr FnEndswith(const Call& c);
ValuePtr FnTrimspace(const Call& c);
ValuePtr FnChomp(const Call& c);
ValuePtr FnCidrsubnet(const Call& c);
ValuePtr FnBasename(const Call& c);
ValuePtr FnDirname(const Call& c);

}  // namespace fnwarden::load::terraform::fn

#endif  // FNWARDEN_LOAD_TERRAFORM_FUNCTIONS_INTERNAL_H_
