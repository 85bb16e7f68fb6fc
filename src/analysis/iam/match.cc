#include "analysis/iam/match.h"

#include "util/strings.h"

namespace fnwarden::analysis::iam {

std::string EscapePattern(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

bool HasWildcard(std::string_view pattern) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
    } else if (pattern[i] == '*' || pattern[i] == '?') {
      return true;
    }
  }
  return false;
}

// Greedy matching with backtracking to the last star only: linear in
// practice, O(n*m) at worst, no recursion.
bool GlobMatch(std::string_view p, std::string_view t) {
  size_t pi = 0, ti = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (ti < t.size()) {
    if (pi < p.size()) {
      char c = p[pi];
      if (c == '*') {
        star_p = ++pi;
        if (pi == p.size()) return true;  // a final star takes the rest ("s3:*", "*")
        star_t = ti;
        continue;
      }
      if (c == '?') {
        ++pi;
        ++ti;
        continue;
      }
      size_t lit = pi;
      if (c == '\\' && pi + 1 < p.size()) lit = pi + 1;
      if (p[lit] == t[ti]) {
        pi = lit + 1;
        ++ti;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p;
    ti = ++star_t;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

ArnParts SplitArn(std::string_view arn) {
  ArnParts out;
  if (arn.substr(0, 4) != "arn:") return out;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return out;
    out.part[i] = arn.substr(start, colon - start);
    start = colon + 1;
  }
  out.part[5] = arn.substr(start);
  out.valid = true;
  return out;
}

bool ArnMatch(std::string_view pattern, const ArnParts& pp, std::string_view text,
              const ArnParts& tp) {
  if (pattern == "*") return true;
  if (!pp.valid || !tp.valid) return !pp.valid && !tp.valid && GlobMatch(pattern, text);
  for (int i = 0; i < 6; ++i) {
    if (!GlobMatch(pp.part[i], tp.part[i])) return false;
  }
  return true;
}

bool ArnMatch(std::string_view pattern, std::string_view text) {
  return ArnMatch(pattern, SplitArn(pattern), text, SplitArn(text));
}

bool HasVariable(std::string_view text) { return text.find("${") != std::string_view::npos; }

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

void AppendLiteral(std::string_view s, bool as_pattern, std::string* out) {
  for (char c : s) {
    if (as_pattern && (c == '*' || c == '?' || c == '\\')) out->push_back('\\');
    out->push_back(c);
  }
}

}  // namespace

Tri Substitute(std::string_view text, const KeySource& keys, bool as_pattern, std::string* out) {
  out->clear();
  Tri result = Tri::kTrue;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("${", i);
    size_t close = open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) {
      // Literal text: its wildcards stay wildcards, its backslashes literal.
      std::string_view rest = text.substr(i);
      out->append(as_pattern ? EscapePattern(rest) : std::string(rest));
      break;
    }
    std::string_view before = text.substr(i, open - i);
    out->append(as_pattern ? EscapePattern(before) : std::string(before));
    std::string_view inner = Trim(text.substr(open + 2, close - open - 2));
    i = close + 1;
    if (inner == "*" || inner == "?" || inner == "$") {
      AppendLiteral(inner, as_pattern, out);
      continue;
    }
    std::string_view key = inner, fallback;
    bool has_default = false;
    if (size_t comma = inner.find(','); comma != std::string_view::npos) {
      key = Trim(inner.substr(0, comma));
      std::string_view d = Trim(inner.substr(comma + 1));
      if (d.size() >= 2 && d.front() == '\'' && d.back() == '\'') {
        fallback = d.substr(1, d.size() - 2);
        has_default = true;
      }
    }
    KeyValues v = keys.Get(util::ToLower(key));
    if (v.state == KeyState::kPresent && !v.multi && v.size() == 1) {
      AppendLiteral(v.at(0), as_pattern, out);
    } else if (v.state == KeyState::kUnknown || v.state == KeyState::kValueUnknown) {
      result = Tri::kUnknown;
    } else if (has_default) {
      AppendLiteral(fallback, as_pattern, out);
    } else {
      return Tri::kFalse;
    }
  }
  return result;
}

Tri SubstituteArn(std::string_view text, const KeySource& keys, bool as_pattern, std::string* out) {
  ArnParts parts = SplitArn(text);
  if (!parts.valid) return Substitute(text, keys, as_pattern, out);
  std::string_view prefix = text.substr(0, static_cast<size_t>(parts.part[5].data() - text.data()));
  std::string resource;
  Tri t = Substitute(parts.part[5], keys, as_pattern, &resource);
  *out = as_pattern ? EscapePattern(prefix) : std::string(prefix);
  out->append(resource);
  return t;
}

bool HasArnVariable(std::string_view text) {
  ArnParts parts = SplitArn(text);
  return HasVariable(parts.valid ? parts.part[5] : text);
}

}  // namespace fnwarden::analysis::iam
