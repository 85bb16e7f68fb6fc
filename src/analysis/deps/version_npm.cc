// npm ranges (SatisfiesNpmRange), read as node-semver reads them: every
// caret, tilde, X-range and hyphen range is rewritten into primitive
// comparators (`^1.2.3` is `>=1.2.3 <2.0.0-0`), then a version satisfies a
// set when it passes every comparator and npm's pre-release rule.
#include <string_view>
#include <vector>

#include "analysis/deps/version.h"
#include "analysis/deps/version_internal.h"

namespace fnwarden::analysis::deps {
namespace {

constexpr size_t kMaxRangeLength = 16 * 1024;

// A version as a range writes it: the leading parts that are numbers, the
// rest X ("1", "1.2", "1.x", "*"); a pre-release only after three numbers.
struct Partial {
  int numbers = 0;
  uint64_t n[3] = {0, 0, 0};
  std::string_view pre;
  size_t prefix = 0;  // how many 'v' and '=' preceded it
  bool v_prefix = false;
  bool number_after_x = false;  // "1.x.2": npm takes it in carets, tildes and hyphens only
};

// node-semver's XRANGEPLAIN: [v=]* id(.id(.id(-pre)?)?)?, an id being a
// number without leading zeros, 'x', 'X' or '*'; build metadata anywhere
// at the end is dropped, as npm drops it before parsing.
bool ParsePartial(std::string_view s, Partial* out) {
  size_t i = 0;
  while (i < s.size() && (s[i] == 'v' || s[i] == '=')) ++i;
  out->prefix = i;
  out->v_prefix = i == 1 && s[0] == 'v';
  size_t plus = s.find('+', i);
  if (plus != std::string_view::npos) {
    if (!ValidIdentifiers(s.substr(plus + 1), /*build=*/true)) return false;
    s = s.substr(0, plus);
  }
  bool x_seen = false;
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (i == s.size()) break;
      if (s[i] != '.') return false;
      ++i;
    }
    if (i < s.size() && (s[i] == 'x' || s[i] == 'X' || s[i] == '*')) {
      ++i;
      x_seen = true;
    } else {
      size_t end = i;
      while (end < s.size() && IsDigit(s[end])) ++end;
      std::string_view digits = s.substr(i, end - i);
      uint64_t n = 0;
      if ((digits.size() > 1 && digits[0] == '0') || !ParseNumber(digits, kMaxNpmNumber, &n)) {
        return false;
      }
      if (!x_seen) {
        out->n[part] = n;
        out->numbers = part + 1;
      }
      out->number_after_x = out->number_after_x || x_seen;
      i = end;
    }
    if (part == 2 && i < s.size() && s[i] == '-') {
      std::string_view pre = s.substr(i + 1);
      if (!ValidIdentifiers(pre, /*build=*/false)) return false;
      if (!x_seen) out->pre = pre;
      i = s.size();
    }
  }
  return i == s.size();
}

enum class Op { kAny, kEq, kLt, kLe, kGt, kGe };

struct Comparator {
  Op op = Op::kAny;
  uint64_t n[3] = {0, 0, 0};
  std::string_view pre;  // into the range text, or "0" for the `-0` of an upper bound
};

class SetBuilder {
 public:
  explicit SetBuilder(std::vector<Comparator>* out) : out_(out) {}
  void Add(Op op, uint64_t major, uint64_t minor, uint64_t patch, std::string_view pre = {}) {
    out_->push_back(Comparator{op, {major, minor, patch}, pre});
  }
  // The `<X.Y.Z-0` upper bound: below every pre-release of X.Y.Z.
  void Below(uint64_t major, uint64_t minor, uint64_t patch) {
    Add(Op::kLt, major, minor, patch, "0");
  }

  void Caret(const Partial& p) {
    const uint64_t* n = p.n;
    switch (p.numbers) {
      case 0:
        return;  // any version
      case 1:
        Add(Op::kGe, n[0], 0, 0);
        return Below(n[0] + 1, 0, 0);
      case 2:
        Add(Op::kGe, n[0], n[1], 0);
        return n[0] == 0 ? Below(0, n[1] + 1, 0) : Below(n[0] + 1, 0, 0);
      default:
        Add(Op::kGe, n[0], n[1], n[2], p.pre);
        if (n[0] != 0) return Below(n[0] + 1, 0, 0);
        return n[1] != 0 ? Below(0, n[1] + 1, 0) : Below(0, 0, n[2] + 1);
    }
  }

  void Tilde(const Partial& p) {
    const uint64_t* n = p.n;
    if (p.numbers == 0) return;
    Add(Op::kGe, n[0], p.numbers > 1 ? n[1] : 0, p.numbers > 2 ? n[2] : 0, p.pre);
    if (p.numbers == 1) return Below(n[0] + 1, 0, 0);
    Below(n[0], n[1] + 1, 0);
  }

  // `op` is "", "=", "<", "<=", ">" or ">=".
  void XRange(std::string_view op, const Partial& p) {
    const uint64_t* n = p.n;
    if (p.numbers == 3) {
      Op o = op == "<"    ? Op::kLt
             : op == "<=" ? Op::kLe
             : op == ">"  ? Op::kGt
             : op == ">=" ? Op::kGe
                          : Op::kEq;
      return Add(o, n[0], n[1], n[2], p.pre);
    }
    if (op == "=") op = "";
    if (p.numbers == 0) {
      if (op == "<" || op == ">") Below(0, 0, 0);  // matches nothing
      return;
    }
    if (op.empty()) {
      if (p.numbers == 1) {
        Add(Op::kGe, n[0], 0, 0);
        return Below(n[0] + 1, 0, 0);
      }
      Add(Op::kGe, n[0], n[1], 0);
      return Below(n[0], n[1] + 1, 0);
    }
    uint64_t major = n[0];
    uint64_t minor = p.numbers == 2 ? n[1] : 0;
    if (op == ">" || op == "<=") {  // >1.2 is >=1.3.0, <=1.2 is <1.3.0-0
      if (p.numbers == 1) {
        ++major;
        minor = 0;
      } else {
        ++minor;
      }
    }
    if (op == ">" || op == ">=") return Add(Op::kGe, major, minor, 0);
    Below(major, minor, 0);
  }

  // `from - to`.
  void Hyphen(const Partial& from, const Partial& to) {
    if (from.numbers > 0) {
      Add(Op::kGe, from.n[0], from.numbers > 1 ? from.n[1] : 0, from.numbers > 2 ? from.n[2] : 0,
          from.pre);
    }
    switch (to.numbers) {
      case 0:
        return;
      case 1:
        return Below(to.n[0] + 1, 0, 0);
      case 2:
        return Below(to.n[0], to.n[1] + 1, 0);
      default:
        return Add(Op::kLe, to.n[0], to.n[1], to.n[2], to.pre);
    }
  }

 private:
  std::vector<Comparator>* out_;
};

// The operator a comparator starts with: "^", "~", "~>", "<", "<=", ">",
// ">=", "=" or "".
size_t OperatorLength(std::string_view token) {
  if (token.empty()) return 0;
  bool two = token.size() > 1 && ((token[0] == '~' && token[1] == '>') ||
                                  ((token[0] == '<' || token[0] == '>') && token[1] == '='));
  if (two) return 2;
  return token[0] == '^' || token[0] == '~' || token[0] == '<' || token[0] == '>' || token[0] == '='
             ? 1
             : 0;
}

bool ParseComparator(std::string_view op, std::string_view version, SetBuilder* set) {
  Partial p;
  if (!ParsePartial(version, &p)) return false;
  if (op == "^") {
    set->Caret(p);
  } else if (op == "~" || op == "~>") {
    set->Tilde(p);
  } else {
    // A complete version takes at most a "v" (`=v1.2.3`, not `==1.2.3`).
    if (p.numbers == 3 && p.prefix != 0 && !p.v_prefix) return false;
    if (p.number_after_x) return false;
    set->XRange(op, p);
  }
  return true;
}

// One `||`-separated comparator set; false when it does not parse.
bool ParseSet(std::string_view text, std::vector<Comparator>* out) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  auto blank = [&](size_t at) { return TrimBlanks(text.substr(at, 1)).empty(); };
  while (i < text.size()) {
    while (i < text.size() && blank(i)) ++i;
    size_t start = i;
    while (i < text.size() && !blank(i)) ++i;
    if (i > start) tokens.push_back(text.substr(start, i - start));
  }
  SetBuilder set(out);
  if (tokens.size() == 3 && tokens[1] == "-") {
    Partial from;
    Partial to;
    if (!ParsePartial(tokens[0], &from) || !ParsePartial(tokens[2], &to)) return false;
    // npm copies a complete bound as written (`>=` + from, `<=` + to without
    // a pre-release), so only a "v" may precede it.
    auto copied_ok = [](const Partial& p) { return p.prefix == 0 || p.v_prefix; };
    if (from.numbers == 3 && !copied_ok(from)) return false;
    if (to.numbers == 3 && to.pre.empty() && !copied_ok(to)) return false;
    set.Hyphen(from, to);
    return true;
  }
  for (size_t t = 0; t < tokens.size(); ++t) {
    size_t op_size = OperatorLength(tokens[t]);
    std::string_view op = tokens[t].substr(0, op_size);
    std::string_view version = tokens[t].substr(op_size);
    // ">= 1.2.3" is ">=1.2.3", "^ 1.2" is "^1.2": npm glues an operator to
    // the version after it, so "> =1.2.3" is ">=1.2.3".
    if (version.empty() && op_size > 0 && t + 1 < tokens.size()) {
      version = tokens[++t];
      if ((op == "<" || op == ">") && version[0] == '=') {
        op = op == "<" ? "<=" : ">=";
        version.remove_prefix(1);
      }
    }
    if (!ParseComparator(op, version, &set)) return false;
  }
  return true;
}

}  // namespace

std::optional<bool> SatisfiesNpmRange(std::string_view version, std::string_view range) {
  SemverParts v;
  if (!ParseNpmParts(version, &v) || range.size() > kMaxRangeLength) return std::nullopt;
  KeyWriter vkey;
  EncodeSemver(v, &vkey);
  std::vector<std::vector<Comparator>> sets;
  size_t start = 0;
  while (start <= range.size()) {
    size_t bar = range.find("||", start);
    if (bar == std::string_view::npos) bar = range.size();
    if (!ParseSet(range.substr(start, bar - start), &sets.emplace_back())) return std::nullopt;
    start = bar + 2;
  }
  for (const std::vector<Comparator>& set : sets) {
    bool passes = true;
    for (const Comparator& c : set) {
      KeyWriter ckey;
      EncodeSemver(SemverParts{c.n[0], c.n[1], c.n[2], c.pre, {}}, &ckey);
      int cmp = vkey.view().compare(ckey.view());
      bool ok = c.op == Op::kEq   ? cmp == 0
                : c.op == Op::kLt ? cmp < 0
                : c.op == Op::kLe ? cmp <= 0
                : c.op == Op::kGt ? cmp > 0
                : c.op == Op::kGe ? cmp >= 0
                                  : true;
      if (!ok) {
        passes = false;
        break;
      }
    }
    if (!passes) continue;
    if (v.pre.empty()) return true;
    // A pre-release only where a comparator names one of the same release.
    for (const Comparator& c : set) {
      if (!c.pre.empty() && c.n[0] == v.major && c.n[1] == v.minor && c.n[2] == v.patch) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace fnwarden::analysis::deps
