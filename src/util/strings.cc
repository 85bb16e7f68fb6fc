#include "util/strings.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace fnwarden::util {
namespace {

char Lower(char c) { return AsciiLower(c); }

// Glob matching by dynamic programming, so hostile patterns stay linear in
// pattern length times path length.
bool GlobMatchExact(std::string_view pattern, std::string_view path) {
  std::vector<char> prev(path.size() + 1, 0), cur(path.size() + 1, 0);
  prev[0] = 1;
  size_t p = 0;
  while (p < pattern.size()) {
    bool star = pattern[p] == '*';
    bool double_star = star && p + 1 < pattern.size() && pattern[p + 1] == '*';
    std::fill(cur.begin(), cur.end(), 0);
    if (star) {
      // cur[j]: some k <= j with prev[k] and path[k..j) allowed for the star.
      bool reach = false;
      for (size_t j = 0; j <= path.size(); ++j) {
        if (j > 0 && !double_star && path[j - 1] == '/') reach = false;
        if (prev[j]) reach = true;
        cur[j] = reach;
      }
      p += double_star ? 2 : 1;
    } else {
      for (size_t j = 1; j <= path.size(); ++j) {
        if (!prev[j - 1]) continue;
        char c = path[j - 1];
        if (pattern[p] == '?' ? c != '/' : c == pattern[p]) cur[j] = 1;
      }
      ++p;
    }
    std::swap(prev, cur);
  }
  return prev[path.size()] != 0;
}

}  // namespace

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool ContainsIgnoreCase(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (EqualsIgnoreCase(text.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          *out += buf;
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

bool WildcardMatch(std::string_view pattern, std::string_view text, bool ignore_case) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  auto eq = [&](char a, char b) { return ignore_case ? Lower(a) == Lower(b) : a == b; };
  while (t < text.size()) {
    if (p < pattern.size() &&
        (pattern[p] == '?' || (pattern[p] != '*' && eq(pattern[p], text[t])))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      if (p == pattern.size()) return true;  // a final star takes the rest ("s3:*", "*")
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

// A lower bound of EditDistance: the letters (any case) one string has more
// of than the other, counted for the string with more such letters. An
// insertion, a deletion or a substitution changes that count by at most
// one; a transposition does not change it.
size_t LetterDistance(std::string_view a, std::string_view b) {
  if (a.size() > 255) return 0;  // no bound: the counts below would overflow
  uint8_t count[256] = {};
  for (char c : a) ++count[static_cast<unsigned char>(Lower(c))];
  size_t shared = 0;
  for (char c : b) {
    uint8_t& n = count[static_cast<unsigned char>(Lower(c))];
    if (n > 0) {
      --n;
      ++shared;
    }
  }
  return std::max(a.size(), b.size()) - shared;
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b, size_t max_distance) {
  // Optimal string alignment: a transposition of neighbours ("scna") costs 1.
  // Only cells within max_distance of the diagonal can stay within the cap,
  // so each row computes that band; cells beside it hold "over the cap".
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > max_distance) {
    return max_distance + 1;
  }
  const size_t over = max_distance + 1;
  // A cheaper bound first: "did you mean" compares a word with hundreds of
  // candidates, and most differ in many letters.
  if (LetterDistance(a, b) > max_distance) return over;
  std::string la = ToLower(a), lb = ToLower(b);
  const size_t m = lb.size();
  std::vector<size_t> rows(3 * (m + 1), over);
  size_t* before = rows.data();
  size_t* prev = before + (m + 1);
  size_t* row = prev + (m + 1);
  for (size_t j = 0; j <= std::min(m, max_distance); ++j) prev[j] = j;
  for (size_t i = 1; i <= la.size(); ++i) {
    size_t lo = i > max_distance ? i - max_distance : 1;
    size_t hi = std::min(m, i + max_distance);
    row[lo - 1] = lo == 1 ? i : over;
    size_t best = row[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      size_t cost = la[i - 1] == lb[j - 1] ? 0 : 1;
      size_t d = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && la[i - 1] == lb[j - 2] && la[i - 2] == lb[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      row[j] = std::min(d, over);
      best = std::min(best, row[j]);
    }
    if (hi < m) row[hi + 1] = over;
    if (best > max_distance) return over;
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return std::min(prev[m], over);
}

namespace {

template <class Strings>
std::string Closest(std::string_view word, const Strings& candidates) {
  size_t limit = std::max<size_t>(1, word.size() / 3);
  std::string_view best;
  size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    // Only a closer candidate can replace the best so far: cap the distance
    // there, which lets EditDistance give up sooner.
    size_t d = EditDistance(word, c, best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = c;
      if (d == 0) break;  // nothing is closer
    }
  }
  return std::string(best);
}

}  // namespace

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  return Closest(word, candidates);
}

std::string ClosestMatchOf(std::string_view word, const std::vector<std::string_view>& candidates) {
  return Closest(word, candidates);
}

std::string StableHash(std::string_view data) {
  constexpr uint64_t kPrime = 1099511628211ULL;
  uint64_t h = 14695981039346656037ULL;
  // Four bytes a round: every finding hashes its fingerprint (~130 bytes),
  // and byte by byte the loop's own bookkeeping is half the work.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = 0;
  for (; n + 4 <= data.size(); n += 4) {
    h = (h ^ p[n]) * kPrime;
    h = (h ^ p[n + 1]) * kPrime;
    h = (h ^ p[n + 2]) * kPrime;
    h = (h ^ p[n + 3]) * kPrime;
  }
  for (; n < data.size(); ++n) h = (h ^ p[n]) * kPrime;
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kHex[h & 0xf];
    h >>= 4;
  }
  return out;
}

bool PathGlobMatch(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return false;
  if (pattern.back() == '/') {
    return GlobMatchExact(std::string(pattern) + "**", path);
  }
  if (GlobMatchExact(pattern, path)) return true;
  if (pattern.find('/') == std::string_view::npos) {
    size_t slash = path.rfind('/');
    if (slash != std::string_view::npos) return GlobMatchExact(pattern, path.substr(slash + 1));
  }
  return false;
}

}  // namespace fnwarden::util
