// PEP 440: parsing every spelling packaging's VERSION_PATTERN accepts into a
// normalised form, its key, and the specifiers of SatisfiesPep440.
#include <charconv>
#include <string>

#include "analysis/deps/version.h"
#include "analysis/deps/version_internal.h"
#include "util/strings.h"

namespace fnwarden::analysis::deps {
namespace {

bool IsSeparator(char c) { return c == '-' || c == '_' || c == '.'; }

bool MatchWord(std::string_view s, size_t pos, std::string_view word) {
  if (pos > s.size() || s.size() - pos < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (util::AsciiLower(s[pos + i]) != word[i]) return false;
  }
  return true;
}

// The digits at `*pos` (leading zeros allowed); false when there are none
// or they do not fit in 64 bits.
bool ReadDigits(std::string_view s, size_t* pos, uint64_t* n) {
  size_t end = *pos;
  while (end < s.size() && IsDigit(s[end])) ++end;
  if (!ParseNumber(s.substr(*pos, end - *pos), UINT64_MAX, n)) return false;
  *pos = end;
  return true;
}

struct Label {
  std::string_view word;
  int kind;
};
// Longer spellings before their prefixes ("alpha" before "a").
constexpr Label kPreLabels[] = {{"alpha", 1},   {"a", 1},   {"beta", 2}, {"b", 2},
                                {"preview", 3}, {"pre", 3}, {"rc", 3},   {"c", 3}};
constexpr Label kPostLabels[] = {{"post", 1}, {"rev", 1}, {"r", 1}};
constexpr Label kDevLabels[] = {{"dev", 1}};

// One optional `[-_.]? label [-_.]? [0-9]*` at `*pos`: the label's kind and
// its number (0 when absent), or 0 when no label is there. `*bad` when the
// number overflows.
template <size_t N>
int ReadSegment(std::string_view s, size_t* pos, const Label (&labels)[N], uint64_t* n, bool* bad) {
  size_t i = *pos;
  if (i < s.size() && IsSeparator(s[i])) ++i;
  for (const Label& label : labels) {
    if (!MatchWord(s, i, label.word)) continue;
    i += label.word.size();
    if (i < s.size() && IsSeparator(s[i])) ++i;
    *n = 0;
    if (i < s.size() && IsDigit(s[i]) && !ReadDigits(s, &i, n)) {
      *bad = true;
      return 0;
    }
    *pos = i;
    return label.kind;
  }
  return 0;
}

// `[a-z0-9]+([-_.][a-z0-9]+)*`, any case.
bool ValidLocal(std::string_view s) {
  if (s.empty() || IsSeparator(s.front()) || IsSeparator(s.back())) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsSeparator(s[i])) {
      if (IsSeparator(s[i + 1])) return false;
    } else if (!IsAlnum(s[i])) {
      return false;
    }
  }
  return true;
}

template <typename F>
void ForEachLocalSegment(std::string_view local, F f) {
  size_t start = 0;
  for (size_t i = 0; i <= local.size(); ++i) {
    if (i == local.size() || IsSeparator(local[i])) {
      f(local.substr(start, i - start));
      start = i + 1;
    }
  }
}

size_t SignificantRelease(const Pep440Parts& p) {
  size_t n = p.release_size;
  while (n > 0 && p.release[n - 1] == 0) --n;
  return n;
}

}  // namespace

bool ParsePep440(std::string_view text, Pep440Parts* out) {
  if (text.size() > 4 * kMaxVersionLength) return false;
  std::string_view s = TrimBlanks(text);
  if (s.empty() || s.size() > kMaxVersionLength) return false;
  // Field by field: the release array needs no clearing.
  out->epoch = 0;
  out->release_size = 0;
  out->pre_kind = 0;
  out->pre = 0;
  out->has_post = out->has_dev = false;
  out->post = out->dev = 0;
  out->local = {};
  size_t i = util::AsciiLower(s[0]) == 'v' ? 1 : 0;
  uint64_t n = 0;
  if (!ReadDigits(s, &i, &n)) return false;
  if (i < s.size() && s[i] == '!') {
    out->epoch = n;
    ++i;
    if (!ReadDigits(s, &i, &n)) return false;
  }
  out->release[out->release_size++] = n;
  while (i + 1 < s.size() && s[i] == '.' && IsDigit(s[i + 1])) {
    ++i;
    if (!ReadDigits(s, &i, &n) || out->release_size == Pep440Parts::kMaxRelease) return false;
    out->release[out->release_size++] = n;
  }
  bool bad = false;
  out->pre_kind = ReadSegment(s, &i, kPreLabels, &out->pre, &bad);
  if (i + 1 < s.size() && s[i] == '-' && IsDigit(s[i + 1])) {  // "1.0-1" is 1.0.post1
    ++i;
    if (!ReadDigits(s, &i, &out->post)) return false;
    out->has_post = true;
  } else {
    out->has_post = ReadSegment(s, &i, kPostLabels, &out->post, &bad) != 0;
  }
  out->has_dev = ReadSegment(s, &i, kDevLabels, &out->dev, &bad) != 0;
  if (bad) return false;
  if (i < s.size() && s[i] == '+') {
    out->local = s.substr(i + 1);
    if (!ValidLocal(out->local)) return false;
    i = s.size();
  }
  return i == s.size();
}

void EncodePep440(const Pep440Parts& p, bool with_local, KeyWriter* w) {
  w->Number(p.epoch);
  size_t release = SignificantRelease(p);  // 1.0 == 1.0.0
  for (size_t i = 0; i < release; ++i) w->Number(p.release[i]);
  w->Byte(0x00);
  if (p.pre_kind != 0) {
    w->Byte(0x01);
    w->Byte(static_cast<uint8_t>(p.pre_kind));
    w->Number(p.pre);
  } else {
    w->Byte(!p.has_post && p.has_dev ? 0x00 : 0x02);  // 1.0.dev0 sorts before 1.0a0
  }
  if (p.has_post) {
    w->Byte(0x01);
    w->Number(p.post);
  } else {
    w->Byte(0x00);
  }
  if (p.has_dev) {
    w->Byte(0x00);
    w->Number(p.dev);
  } else {
    w->Byte(0x01);
  }
  if (!with_local || p.local.empty()) {
    w->Byte(0x00);
    return;
  }
  w->Byte(0x01);
  ForEachLocalSegment(p.local, [&](std::string_view segment) {
    bool numeric = true;
    for (char c : segment) numeric = numeric && IsDigit(c);
    if (numeric) {  // numbers sort after words
      w->Byte(0x02);
      w->DigitString(segment);
    } else {
      w->Byte(0x01);
      for (char c : segment) w->Byte(static_cast<uint8_t>(util::AsciiLower(c)));
      w->Byte(0x00);
    }
  });
  w->Byte(0x00);
}

bool Pep440KeyAsSemver(std::string_view key, KeyWriter* w) {
  size_t pos = 0;
  uint64_t epoch = 0;
  if (!ReadKeyNumber(key, &pos, &epoch) || epoch != 0) return false;
  uint64_t release[3] = {0, 0, 0};
  size_t count = 0;
  while (pos < key.size() && key[pos] != 0) {
    if (count == 3 || !ReadKeyNumber(key, &pos, &release[count++])) return false;
  }
  if (key.size() - pos < 2) return false;
  uint8_t phase = static_cast<uint8_t>(key[pos + 1]);
  pos += 2;
  uint8_t pre_kind = 0;
  uint64_t pre = 0;
  if (phase == 0x01) {
    if (pos >= key.size()) return false;
    pre_kind = static_cast<uint8_t>(key[pos++]);
    if (pre_kind < 1 || pre_kind > 3 || !ReadKeyNumber(key, &pos, &pre)) return false;
  } else if (phase != 0x02) {
    return false;
  }
  // No post release, no dev release, no local label.
  if (key.substr(pos) != std::string_view("\x00\x01\x00", 3)) return false;
  for (uint64_t n : release) w->Number(n);
  if (pre_kind == 0) {
    w->Byte(0x02);
    return true;
  }
  w->Byte(0x01);
  w->Byte(0x02);
  w->Text(pre_kind == 1 ? "a" : pre_kind == 2 ? "b" : "rc");
  w->Byte(0x00);
  w->Byte(0x01);
  char digits[24];
  w->DigitString(
      std::string_view(digits, std::to_chars(digits, digits + sizeof digits, pre).ptr - digits));
  w->Byte(0x00);
  return true;
}

namespace {

// The normalised spelling ("1!2.0rc1.post2.dev3+ubuntu.1").
std::string Canonical(const Pep440Parts& p) {
  std::string out;
  if (p.epoch != 0) out += std::to_string(p.epoch) + "!";
  for (size_t i = 0; i < p.release_size; ++i) {
    if (i > 0) out += '.';
    out += std::to_string(p.release[i]);
  }
  if (p.pre_kind != 0) {
    out += p.pre_kind == 1 ? "a" : p.pre_kind == 2 ? "b" : "rc";
    out += std::to_string(p.pre);
  }
  if (p.has_post) out += ".post" + std::to_string(p.post);
  if (p.has_dev) out += ".dev" + std::to_string(p.dev);
  if (!p.local.empty()) {
    out += '+';
    for (char c : p.local) out += IsSeparator(c) ? '.' : util::AsciiLower(c);
  }
  return out;
}

int CompareParts(const Pep440Parts& a, const Pep440Parts& b, bool with_local) {
  KeyWriter ka;
  KeyWriter kb;
  EncodePep440(a, with_local, &ka);
  EncodePep440(b, with_local, &kb);
  return ka.view().compare(kb.view());
}

// Same epoch and release (base_version in packaging's terms).
bool SameBase(const Pep440Parts& a, const Pep440Parts& b) {
  size_t n = SignificantRelease(a);
  if (a.epoch != b.epoch || n != SignificantRelease(b)) return false;
  for (size_t i = 0; i < n; ++i) {
    if (a.release[i] != b.release[i]) return false;
  }
  return true;
}

// The release of `p`, padded with zeros, starts with the first `size`
// numbers of `prefix`'s release, in the same epoch (`==1.2.*`).
bool ReleasePrefix(const Pep440Parts& p, const Pep440Parts& prefix, size_t size) {
  if (p.epoch != prefix.epoch) return false;
  for (size_t i = 0; i < size; ++i) {
    if ((i < p.release_size ? p.release[i] : 0) != prefix.release[i]) return false;
  }
  return true;
}

enum class Op {
  kArbitrary,
  kCompatible,
  kEqual,
  kNotEqual,
  kLessEqual,
  kGreaterEqual,
  kLess,
  kGreater
};

struct Clause {
  Op op = Op::kEqual;
  bool wildcard = false;  // `==1.2.*`, `!=1.2.*`
  std::string_view text;  // the version as written
  Pep440Parts version;
};

bool ParseClause(std::string_view item, Clause* c) {
  static constexpr std::pair<std::string_view, Op> kOps[] = {
      {"===", Op::kArbitrary}, {"~=", Op::kCompatible},   {"==", Op::kEqual}, {"!=", Op::kNotEqual},
      {"<=", Op::kLessEqual},  {">=", Op::kGreaterEqual}, {"<", Op::kLess},   {">", Op::kGreater}};
  bool found = false;
  for (const auto& [spelling, op] : kOps) {
    if (item.substr(0, spelling.size()) == spelling) {
      c->op = op;
      c->text = TrimBlanks(item.substr(spelling.size()));
      found = true;
      break;
    }
  }
  if (!found || c->text.empty()) return false;
  if (c->op == Op::kArbitrary) {
    return c->text.find_first_of(" \t;)") == std::string_view::npos;
  }
  if ((c->op == Op::kEqual || c->op == Op::kNotEqual) && c->text.size() > 2 &&
      c->text.substr(c->text.size() - 2) == ".*") {
    c->wildcard = true;
    const Pep440Parts& v = c->version;
    return ParsePep440(c->text.substr(0, c->text.size() - 2), &c->version) && v.pre_kind == 0 &&
           !v.has_post && !v.has_dev && v.local.empty();
  }
  if (!ParsePep440(c->text, &c->version)) return false;
  if (c->op != Op::kEqual && c->op != Op::kNotEqual && !c->version.local.empty()) return false;
  return c->op != Op::kCompatible || c->version.release_size >= 2;
}

bool Matches(const Clause& c, const Pep440Parts& v) {
  const Pep440Parts& s = c.version;
  switch (c.op) {
    case Op::kArbitrary:
      return false;  // decided on the text by the caller
    case Op::kEqual:
    case Op::kNotEqual: {
      bool equal = c.wildcard        ? ReleasePrefix(v, s, s.release_size)
                   : s.local.empty() ? CompareParts(v, s, false) == 0
                                     : CompareParts(v, s, true) == 0;
      return equal == (c.op == Op::kEqual);
    }
    case Op::kCompatible:
      return CompareParts(v, s, false) >= 0 && ReleasePrefix(v, s, s.release_size - 1);
    case Op::kLessEqual:
      return CompareParts(v, s, false) <= 0;
    case Op::kGreaterEqual:
      return CompareParts(v, s, false) >= 0;
    case Op::kLess:
      // `<1.7` excludes 1.7rc1 unless the bound itself is a pre-release.
      return CompareParts(v, s, true) < 0 &&
             !(!s.IsPrerelease() && v.IsPrerelease() && SameBase(v, s));
    case Op::kGreater:
      // `>1.7` excludes 1.7.post1 (unless the bound is a post-release) and 1.7+local.
      return CompareParts(v, s, true) > 0 && !(!s.has_post && v.has_post && SameBase(v, s)) &&
             !(!v.local.empty() && SameBase(v, s));
  }
  return false;
}

}  // namespace

std::optional<bool> SatisfiesPep440(std::string_view version, std::string_view specifier) {
  Pep440Parts v;
  bool parsed = ParsePep440(version, &v);
  std::string text = util::ToLower(TrimBlanks(version));
  std::string canonical = parsed ? Canonical(v) : text;
  // One clause at a time (a hostile specifier may have very many).
  bool satisfied = true;
  bool all_arbitrary = true;
  bool any = false;
  Clause c;
  size_t start = 0;
  while (start <= specifier.size()) {
    size_t comma = specifier.find(',', start);
    if (comma == std::string_view::npos) comma = specifier.size();
    std::string_view item = TrimBlanks(specifier.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    c = Clause();
    if (!ParseClause(item, &c)) return std::nullopt;
    any = true;
    if (c.op == Op::kArbitrary) {
      std::string want = util::ToLower(c.text);
      satisfied = satisfied && (want == text || want == canonical);
    } else {
      all_arbitrary = false;
      satisfied = satisfied && parsed && Matches(c, v);
    }
  }
  if (!parsed && (!any || !all_arbitrary)) return std::nullopt;
  return satisfied;
}

}  // namespace fnwarden::analysis::deps
