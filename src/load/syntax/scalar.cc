#include "load/syntax/scalar.h"

namespace fnwarden::load::syntax {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsOctDigit(char c) { return c >= '0' && c <= '7'; }

template <typename Pred>
bool AllOf(std::string_view s, Pred pred) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

bool IsBool(std::string_view s) {
  return s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE";
}

// [-+]?[0-9]+ | 0x[0-9a-fA-F]+ | 0o[0-7]+
bool IsInt(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x') return AllOf(s.substr(2), IsHexDigit);
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') return AllOf(s.substr(2), IsOctDigit);
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return AllOf(s, IsDigit);
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? with a fraction or an
// exponent (a bare integer is an int), or [-+]?.inf / .nan in three spellings.
bool IsFloat(std::string_view s) {
  std::string_view unsigned_part = s;
  if (!unsigned_part.empty() && (unsigned_part[0] == '-' || unsigned_part[0] == '+')) {
    unsigned_part.remove_prefix(1);
  }
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") return true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  size_t i = 0;
  const std::string_view t = unsigned_part;
  size_t int_digits = 0;
  while (i < t.size() && IsDigit(t[i])) ++i, ++int_digits;
  size_t frac_digits = 0;
  bool has_dot = false;
  if (i < t.size() && t[i] == '.') {
    has_dot = true;
    ++i;
    while (i < t.size() && IsDigit(t[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  bool has_exp = false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    has_exp = true;
    ++i;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < t.size() && IsDigit(t[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == t.size() && (has_dot || has_exp);
}

}  // namespace

ScalarType ResolvePlainScalar(std::string_view text) {
  if (IsNullText(text)) return ScalarType::kNull;
  // Every non-string form starts with a digit, a sign, '.', 't', 'T', 'f' or 'F'.
  char c = text[0];
  if (c == 't' || c == 'T' || c == 'f' || c == 'F') {
    return IsBool(text) ? ScalarType::kBool : ScalarType::kString;
  }
  if (!IsDigit(c) && c != '-' && c != '+' && c != '.') return ScalarType::kString;
  if (IsInt(text)) return ScalarType::kInt;
  if (IsFloat(text)) return ScalarType::kFloat;
  return ScalarType::kString;
}

}  // namespace fnwarden::load::syntax
