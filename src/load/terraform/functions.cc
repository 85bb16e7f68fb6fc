#include "load/terraform/functions.h"

#include "load/terraform/functions_internal.h"

namespace fnwarden::load::terraform {
namespace fn {
namespace {

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
}  // namespace fn

using fn::Call;
using fn::FunctionDef;

ValuePtr CallFunction(std::string_view name, std::span<const ValuePtr> args, util::Loc loc,
                      const FunctionContext& ctx) {
  Call call(name, args, loc, ctx);
  const FunctionDef* f = fn::FindFunction(name);
  if (!f) return call.Unknown();
  if (args.size() < static_cast<size_t>(f->min_args) ||
      (f->max_args >= 0 && args.size() > static_cast<size_t>(f->max_args))) {
    std::string count = fn::ArgCountText(*f);
    return call.Fail("takes " + count + (count == "1" ? " argument" : " arguments") + ", not " +
                     std::to_string(args.size()));
  }
  for (const ValuePtr& a : args) {
    if (!a || fn::IsOpaque(*a)) return call.Unknown();
  }
  return call.Capped(f->fn(call));
}

bool IsKnownFunction(std::string_view name) { return fn::FindFunction(name) != nullptr; }

}  // namespace fnwarden::load::terraform
