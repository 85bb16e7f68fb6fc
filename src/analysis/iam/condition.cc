#include "analysis/iam/condition.h"

#include <arpa/inet.h>

#include <charconv>
#include <cmath>
#include <cstring>

#include "analysis/iam/match.h"
#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

bool ConsumePrefix(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}
bool ConsumeSuffix(std::string_view* s, std::string_view suffix) {
  if (s->size() < suffix.size() || s->substr(s->size() - suffix.size()) != suffix) return false;
  s->remove_suffix(suffix.size());
  return true;
}

struct OperatorName {
  std::string_view name;
  ConditionFamily family;
  Comparison comparison;
  bool negated;
};

constexpr OperatorName kOperators[] = {
    {"StringEquals", ConditionFamily::kString, Comparison::kEquals, false},
    {"StringNotEquals", ConditionFamily::kString, Comparison::kEquals, true},
    {"StringEqualsIgnoreCase", ConditionFamily::kStringIgnoreCase, Comparison::kEquals, false},
    {"StringNotEqualsIgnoreCase", ConditionFamily::kStringIgnoreCase, Comparison::kEquals, true},
    {"StringLike", ConditionFamily::kStringLike, Comparison::kEquals, false},
    {"StringNotLike", ConditionFamily::kStringLike, Comparison::kEquals, true},
    {"NumericEquals", ConditionFamily::kNumeric, Comparison::kEquals, false},
    {"NumericNotEquals", ConditionFamily::kNumeric, Comparison::kEquals, true},
    {"NumericLessThan", ConditionFamily::kNumeric, Comparison::kLess, false},
    {"NumericLessThanEquals", ConditionFamily::kNumeric, Comparison::kLessEquals, false},
    {"NumericGreaterThan", ConditionFamily::kNumeric, Comparison::kGreater, false},
    {"NumericGreaterThanEquals", ConditionFamily::kNumeric, Comparison::kGreaterEquals, false},
    {"DateEquals", ConditionFamily::kDate, Comparison::kEquals, false},
    {"DateNotEquals", ConditionFamily::kDate, Comparison::kEquals, true},
    {"DateLessThan", ConditionFamily::kDate, Comparison::kLess, false},
    {"DateLessThanEquals", ConditionFamily::kDate, Comparison::kLessEquals, false},
    {"DateGreaterThan", ConditionFamily::kDate, Comparison::kGreater, false},
    {"DateGreaterThanEquals", ConditionFamily::kDate, Comparison::kGreaterEquals, false},
    {"Bool", ConditionFamily::kBool, Comparison::kEquals, false},
    {"BinaryEquals", ConditionFamily::kBinary, Comparison::kEquals, false},
    {"IpAddress", ConditionFamily::kIpAddress, Comparison::kEquals, false},
    {"NotIpAddress", ConditionFamily::kIpAddress, Comparison::kEquals, true},
    {"ArnEquals", ConditionFamily::kArn, Comparison::kEquals, false},
    {"ArnNotEquals", ConditionFamily::kArn, Comparison::kEquals, true},
    {"ArnLike", ConditionFamily::kArn, Comparison::kEquals, false},
    {"ArnNotLike", ConditionFamily::kArn, Comparison::kEquals, true},
    {"Null", ConditionFamily::kNull, Comparison::kEquals, false},
};

bool IsPatternFamily(ConditionFamily f) {
  return f == ConditionFamily::kStringLike || f == ConditionFamily::kArn;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool Compare(double a, Comparison c, double b) {
  switch (c) {
    case Comparison::kEquals: return a == b;
    case Comparison::kLess: return a < b;
    case Comparison::kLessEquals: return a <= b;
    case Comparison::kGreater: return a > b;
    case Comparison::kGreaterEquals: return a >= b;
  }
  return false;
}

bool Parse(ConditionFamily family, ConditionValue* v) {
  switch (family) {
    case ConditionFamily::kNumeric: return ParseNumber(v->text, &v->number);
    case ConditionFamily::kDate: return ParseDate(v->text, &v->millis);
    case ConditionFamily::kIpAddress: return ParseIp(v->text, true, &v->ip);
    case ConditionFamily::kBool:
    case ConditionFamily::kNull:
      if (util::EqualsIgnoreCase(v->text, "true") || util::EqualsIgnoreCase(v->text, "false")) {
        v->text = util::ToLower(v->text);
        return true;
      }
      return false;
    default: return true;
  }
}

// Does one request value match one policy value (already substituted)?
bool MatchOne(const Operator& op, const ConditionValue& p, std::string_view text,
              std::string_view request) {
  switch (op.family) {
    case ConditionFamily::kString:
    case ConditionFamily::kBinary: return request == text;
    case ConditionFamily::kStringIgnoreCase: return util::EqualsIgnoreCase(request, text);
    case ConditionFamily::kStringLike: return GlobMatch(text, request);
    case ConditionFamily::kArn: return ArnMatch(text, request);
    case ConditionFamily::kBool: return util::EqualsIgnoreCase(request, text);
    case ConditionFamily::kNumeric: {
      double x;
      return p.parsed && ParseNumber(request, &x) && Compare(x, op.comparison, p.number);
    }
    case ConditionFamily::kDate: {
      int64_t x;
      return p.parsed && ParseDate(request, &x) &&
             Compare(static_cast<double>(x), op.comparison, static_cast<double>(p.millis));
    }
    case ConditionFamily::kIpAddress: {
      IpRange x;
      return p.parsed && ParseIp(request, false, &x) && IpInRange(x, p.ip);
    }
    case ConditionFamily::kNull: return false;
  }
  return false;
}

// Does one request value match any of the policy's values?
Tri MatchAny(const CompiledCondition& c, const KeySource& keys, VariableMode vars,
             std::string_view request) {
  Tri any = Tri::kFalse;
  std::string scratch;
  for (const ConditionValue& p : c.values) {
    if (!p.known) {
      any = Or(any, Tri::kUnknown);
      continue;
    }
    std::string_view text = p.text;
    if (p.variable) {
      if (vars == VariableMode::kUnknown) {
        any = Or(any, Tri::kUnknown);
        continue;
      }
      bool as_pattern = IsPatternFamily(c.op.family);
      Tri t = c.op.family == ConditionFamily::kArn ? SubstituteArn(p.text, keys, as_pattern, &scratch)
                                                   : Substitute(p.text, keys, as_pattern, &scratch);
      if (t == Tri::kFalse) {
        // A variable whose key is absent (no default) matches neither way:
        // a negated operator must not hold because of it.
        if (c.op.negated) return Tri::kTrue;
        continue;
      }
      if (t == Tri::kUnknown) {
        any = Or(any, Tri::kUnknown);
        continue;
      }
      text = scratch;
    }
    if (MatchOne(c.op, p, text, request)) return Tri::kTrue;
  }
  return any;
}

}  // namespace

Operator ParseOperator(std::string_view op) {
  Operator out;
  if (ConsumePrefix(&op, "ForAnyValue:")) {
    out.set = SetOperator::kForAnyValue;
  } else if (ConsumePrefix(&op, "ForAllValues:")) {
    out.set = SetOperator::kForAllValues;
  }
  // "Null" takes no IfExists; every other operator may.
  if (op != "NullIfExists") out.if_exists = ConsumeSuffix(&op, "IfExists");
  for (const OperatorName& o : kOperators) {
    if (o.name == op) {
      out.valid = !(o.family == ConditionFamily::kNull && out.if_exists);
      out.family = o.family;
      out.comparison = o.comparison;
      out.negated = o.negated;
      return out;
    }
  }
  return out;
}

bool ParseNumber(std::string_view text, double* out) {
  if (text.empty()) return false;
  if (text.front() == '+') text.remove_prefix(1);
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  return ec == std::errc() && ptr == end && std::isfinite(*out);
}

bool ParseDate(std::string_view s, int64_t* millis) {
  if (s.empty()) return false;
  if (s.find('-', 1) == std::string_view::npos && s.find(':') == std::string_view::npos) {
    double seconds;
    if (!ParseNumber(s, &seconds) || std::fabs(seconds) > 1e14) return false;
    *millis = static_cast<int64_t>(std::llround(seconds * 1000));
    return true;
  }
  int y, mo, d;
  if (!Digits(s, 0, 4, &y) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, &mo) ||
      s[7] != '-' || !Digits(s, 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31) {
    return false;
  }
  int64_t ms = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400000;
  size_t i = 10;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return false;
    int h, mi, sec = 0;
    if (!Digits(s, i + 1, 2, &h) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !Digits(s, i + 4, 2, &mi) || h > 24 || mi > 59) {
      return false;
    }
    i += 6;
    if (i < s.size() && s[i] == ':') {
      if (!Digits(s, i + 1, 2, &sec) || sec > 60) return false;
      i += 3;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        int frac = 0, digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          if (digits < 3) frac = frac * 10 + (s[i] - '0');
          ++digits;
          ++i;
        }
        if (digits == 0) return false;
        for (int k = digits; k < 3; ++k) frac *= 10;
        ms += frac;
      }
    }
    ms += (static_cast<int64_t>(h) * 3600 + mi * 60 + sec) * 1000;
    if (i < s.size()) {
      if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
      } else if (s[i] == '+' || s[i] == '-') {
        int oh, om = 0;
        int sign = s[i] == '+' ? 1 : -1;
        if (!Digits(s, i + 1, 2, &oh)) return false;
        i += 3;
        if (i < s.size() && s[i] == ':') ++i;
        if (i < s.size()) {
          if (!Digits(s, i, 2, &om)) return false;
          i += 2;
        }
        ms -= sign * (static_cast<int64_t>(oh) * 3600 + om * 60) * 1000;
      }
      if (i != s.size()) return false;
    }
  }
  *millis = ms;
  return true;
}

bool ParseIp(std::string_view text, bool allow_prefix, IpRange* out) {
  std::string_view addr = text;
  int prefix = -1;
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    if (!allow_prefix) return false;
    addr = text.substr(0, slash);
    std::string_view p = text.substr(slash + 1);
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (ec != std::errc() || ptr != p.data() + p.size() || p.empty()) return false;
  }
  if (addr.empty() || addr.size() > 45) return false;
  char buf[64];
  std::memcpy(buf, addr.data(), addr.size());
  buf[addr.size()] = '\0';
  IpRange r;
  if (addr.find(':') == std::string_view::npos) {
    unsigned char v4[4];
    if (inet_pton(AF_INET, buf, v4) != 1) return false;
    r.addr[10] = r.addr[11] = 0xff;
    std::memcpy(&r.addr[12], v4, 4);
    if (prefix > 32) return false;
    r.prefix = prefix < 0 ? 128 : 96 + prefix;
  } else {
    if (inet_pton(AF_INET6, buf, r.addr.data()) != 1) return false;
    if (prefix > 128) return false;
    r.prefix = prefix < 0 ? 128 : prefix;
  }
  *out = r;
  return true;
}

bool IpInRange(const IpRange& ip, const IpRange& range) {
  int bits = range.prefix;
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((ip.addr[i] & mask) != (range.addr[i] & mask)) return false;
  }
  return true;
}

CompiledCondition CompileCondition(const model::Condition& c, VariableMode vars) {
  CompiledCondition out;
  out.loc = c.loc;
  out.op = ParseOperator(c.op);
  out.key = util::ToLower(c.key);
  bool pattern = IsPatternFamily(out.op.family);
  for (const model::String& s : c.values) {
    ConditionValue v;
    v.known = s.known();
    if (v.known) {
      bool has_variable = out.op.family == ConditionFamily::kArn ? HasArnVariable(s.value)
                                                                  : HasVariable(s.value);
      bool substitutes = vars != VariableMode::kLiteral && has_variable &&
                         (out.op.family == ConditionFamily::kString ||
                          out.op.family == ConditionFamily::kStringIgnoreCase || pattern);
      v.variable = substitutes;
      v.text = substitutes || !pattern ? s.value : EscapePattern(s.value);
      v.parsed = Parse(out.op.family, &v);
    }
    out.values.push_back(std::move(v));
  }
  return out;
}

Tri EvaluateCondition(const CompiledCondition& c, const KeySource& keys, VariableMode vars) {
  if (!c.op.valid || c.key.empty()) return Tri::kUnknown;
  KeyValues v = keys.Get(c.key);
  bool empty_set = v.state == KeyState::kPresent && v.size() == 0;

  if (c.op.family == ConditionFamily::kNull) {
    Tri absent = Tri::kUnknown;
    switch (v.state) {
      case KeyState::kAbsent: absent = Tri::kTrue; break;
      case KeyState::kPresent: absent = ToTri(empty_set); break;
      // A multi-valued key of unknown value may be an empty set.
      case KeyState::kValueUnknown: absent = v.multi ? Tri::kUnknown : Tri::kFalse; break;
      case KeyState::kUnknown: break;
    }
    Tri any = Tri::kFalse;
    for (const ConditionValue& p : c.values) {
      if (!p.known) {
        any = Or(any, Tri::kUnknown);
      } else if (p.parsed) {
        any = Or(any, p.text == "true" ? absent : Not(absent));
      }
    }
    return any;
  }

  if (v.state == KeyState::kUnknown || v.state == KeyState::kValueUnknown) return Tri::kUnknown;
  if (v.state == KeyState::kAbsent || empty_set) {
    if (c.op.set == SetOperator::kForAllValues) return Tri::kTrue;
    if (c.op.set == SetOperator::kForAnyValue) return Tri::kFalse;
    if (c.op.if_exists) return Tri::kTrue;
    return ToTri(c.op.negated);
  }

  const size_t n = v.size();
  switch (c.op.set) {
    case SetOperator::kNone: {
      // A single-valued operator on several values: true when any matches.
      Tri any = Tri::kFalse;
      for (size_t i = 0; i < n && any != Tri::kTrue; ++i) {
        any = Or(any, MatchAny(c, keys, vars, v.at(i)));
      }
      return c.op.negated ? Not(any) : any;
    }
    case SetOperator::kForAnyValue: {
      Tri any = Tri::kFalse;
      for (size_t i = 0; i < n; ++i) {
        Tri m = MatchAny(c, keys, vars, v.at(i));
        any = Or(any, c.op.negated ? Not(m) : m);
        if (any == Tri::kTrue) break;
      }
      return any;
    }
    case SetOperator::kForAllValues: {
      Tri all = Tri::kTrue;
      for (size_t i = 0; i < n; ++i) {
        Tri m = MatchAny(c, keys, vars, v.at(i));
        all = And(all, c.op.negated ? Not(m) : m);
        if (all == Tri::kFalse) break;
      }
      return all;
    }
  }
  return Tri::kUnknown;
}

}  // namespace fnwarden::analysis::iam
