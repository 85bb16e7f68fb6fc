// format and formatlist, with Go's verbs as Terraform uses them.

#include "load/terraform/functions_internal.h"

namespace fnwarden::load::terraform::fn {
namespace {

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

}  // namespace

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

}  // namespace fnwarden::load::terraform::fn
