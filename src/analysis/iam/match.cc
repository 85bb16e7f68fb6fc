#include "analysis/iam/match.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

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

bool ShapeOverlaps(std::string_view pattern, std::string_view shape) {
  auto is_placeholder = [](char c) { return c == kAnyText || c == kAnySegment; };
  // Most ARN parts need no search: literal text on both sides ("arn",
  // "s3"), or a shape that is one placeholder ("${Region}").
  if (shape.size() == 1 && shape[0] == kAnyText) return true;
  if (shape.size() == 1 && shape[0] == kAnySegment) {
    return pattern.find('/') == std::string_view::npos;
  }
  if (pattern.find_first_of("*?") == std::string_view::npos &&
      std::none_of(shape.begin(), shape.end(), is_placeholder)) {
    return pattern == shape;
  }
  // A search over pairs of positions (i in the pattern, j in the shape).
  const size_t n = pattern.size(), m = shape.size();
  std::vector<char> seen((n + 1) * (m + 1), 0);
  std::vector<std::pair<size_t, size_t>> todo = {{0, 0}};
  auto push = [&](size_t i, size_t j) {
    if (!seen[i * (m + 1) + j]) {
      seen[i * (m + 1) + j] = 1;
      todo.emplace_back(i, j);
    }
  };
  seen[0] = 1;
  while (!todo.empty()) {
    auto [i, j] = todo.back();
    todo.pop_back();
    if (i == n && j == m) return true;
    bool pstar = i < n && pattern[i] == '*';
    bool run = j < m && is_placeholder(shape[j]);
    if (pstar) push(i + 1, j);  // the star matches nothing more
    if (run) push(i, j + 1);    // the placeholder matches nothing more
    if (i == n || j == m) continue;
    // Both sides produce one character.
    char p = pattern[i];
    bool any_p = p == '*' || p == '?';
    bool ok = run ? shape[j] == kAnyText || any_p || p != '/' : any_p || p == shape[j];
    if (!ok) continue;
    size_t ni = pstar ? i : i + 1, nj = run ? j : j + 1;
    if (ni == i && nj == j) continue;
    push(ni, nj);
  }
  return false;
}

bool ArnShapeOverlaps(std::string_view pattern, std::string_view shape) {
  if (pattern == "*") return true;
  ArnParts p = SplitArn(pattern);
  ArnParts s = SplitArn(shape);
  if (!p.valid || !s.valid) return !p.valid && !s.valid && ShapeOverlaps(pattern, shape);
  for (size_t k = 0; k < 6; ++k) {
    if (!ShapeOverlaps(p.part[k], s.part[k])) return false;
  }
  return true;
}

bool PlaceholderHasNoSlash(std::string_view name) {
  // From each service's naming rules: account IDs are 12 digits; bucket
  // names lower-case letters, digits, dots and hyphens; DynamoDB tables and
  // indexes [a-zA-Z0-9_.-]; stream labels timestamps; Lambda functions,
  // queues, topics and EventBridge rules letters, digits, hyphens,
  // underscores (and dots for rules); state machine names exclude '/'; KMS
  // key IDs are UUIDs ("mrk-" and hex for multi-Region keys).
  static constexpr std::string_view kNames[] = {
      "Partition",        "Region",      "Account",      "BucketName", "TableName",
      "IndexName",        "StreamLabel", "FunctionName", "QueueName",  "TopicName",
      "StateMachineName", "RuleName",    "KeyId"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

std::vector<std::string> ArnFormatShapes(std::string_view format) {
  std::vector<std::string> out;
  for (std::string_view alt : util::Split(format, ',')) {
    while (!alt.empty() && alt.front() == ' ') alt.remove_prefix(1);
    while (!alt.empty() && alt.back() == ' ') alt.remove_suffix(1);
    if (alt.empty()) continue;
    std::string shape;
    size_t i = 0;
    while (i < alt.size()) {
      if (alt[i] == '*') {
        shape.push_back(kAnyText);
        ++i;
        continue;
      }
      size_t close = alt.substr(i, 2) == "${" ? alt.find('}', i) : std::string_view::npos;
      if (close == std::string_view::npos) {
        shape.push_back(alt[i++]);
        continue;
      }
      std::string_view name = alt.substr(i + 2, close - i - 2);
      shape.push_back(PlaceholderHasNoSlash(name) ? kAnySegment : kAnyText);
      i = close + 1;
    }
    out.push_back(std::move(shape));
  }
  return out;
}

bool ArnFormatOverlaps(std::string_view pattern, std::string_view format) {
  for (const std::string& shape : ArnFormatShapes(format)) {
    // A format that is not an ARN cannot be compared: it may overlap.
    if (!SplitArn(shape).valid || ArnShapeOverlaps(pattern, shape)) return true;
  }
  return false;
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
