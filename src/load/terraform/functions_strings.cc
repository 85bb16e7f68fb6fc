// Terraform's string and path functions: replace (plain and the regular
// expressions std::regex can run as RE2 does), lower, upper, title, strrev,
// trimprefix, trimsuffix, startswith, endswith, trimspace, chomp,
// cidrsubnet, basename and dirname.

#include "load/terraform/functions_internal.h"

namespace fnwarden::load::terraform::fn {

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

}  // namespace fnwarden::load::terraform::fn
