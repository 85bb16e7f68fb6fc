#include "rules/suppress.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "rules/engine.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

constexpr std::string_view kIgnoreMarker = "fnwarden:ignore";
constexpr std::string_view kNeedsReason = "fnwarden:ignore needs a reason";
constexpr int kMaxGeneratedDepth = 8;

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool LooksLikeJson(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' || c == '[';
  }
  return false;
}

bool IsCommentOnly(std::string_view line) {
  line = Trim(line);
  return !line.empty() && line.front() == '#';
}

// Parses "FNW-A-001,FNW-B-002 reason text" after the marker.
void ParseIgnoreBody(std::string_view body, InlineIgnore* out) {
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < body.size() && IsSpace(body[i])) ++i;
  };
  skip_spaces();
  while (i < body.size()) {
    size_t start = i;
    while (i < body.size() && !IsSpace(body[i]) && body[i] != ',') ++i;
    if (i > start) out->rule_ids.emplace_back(body.substr(start, i - start));
    skip_spaces();
    if (i < body.size() && body[i] == ',') {
      ++i;
      skip_spaces();
      continue;
    }
    break;
  }
  std::string_view reason = body.substr(i);
  // Allow "ID -- reason" and "ID: reason".
  while (!reason.empty() && (reason.front() == '-' || reason.front() == ':' || IsSpace(reason.front()))) {
    reason.remove_prefix(1);
  }
  out->reason = std::string(Trim(reason));
}

}  // namespace

const char* SuppressionKindName(SuppressionKind kind) {
  switch (kind) {
    case SuppressionKind::kInline: return "inline";
    case SuppressionKind::kResource: return "resource";
    case SuppressionKind::kConfig: return "config";
    case SuppressionKind::kBaseline: return "baseline";
  }
  return "inline";
}

std::vector<InlineIgnore> FindInlineIgnores(const util::SourceFile& file) {
  std::vector<InlineIgnore> out;
  std::string_view text = file.text();
  if (LooksLikeJson(text) || text.find(kIgnoreMarker) == std::string_view::npos) return out;
  for (uint32_t n = 1; n <= file.line_count(); ++n) {
    std::string_view line = file.Line(n);
    size_t at = line.find(kIgnoreMarker);
    if (at == std::string_view::npos) continue;
    // The marker must open a YAML comment: '#' at the start of the line or
    // after a blank, then only blanks before the marker.
    size_t hash = line.rfind('#', at);
    if (hash == std::string_view::npos) continue;
    if (hash > 0 && !IsSpace(line[hash - 1])) continue;
    if (!Trim(line.substr(hash + 1, at - hash - 1)).empty()) continue;
    InlineIgnore ig;
    ig.loc = util::Loc{&file, n, static_cast<uint32_t>(at + 1)};
    ParseIgnoreBody(line.substr(at + kIgnoreMarker.size()), &ig);
    out.push_back(std::move(ig));
  }
  return out;
}

Suppressor::Suppressor(const SuppressionOptions& options) : options_(options) {}

const std::vector<InlineIgnore>& Suppressor::IgnoresOf(const util::SourceFile* file) {
  auto it = cache_.find(file);
  if (it == cache_.end()) it = cache_.emplace(file, FindInlineIgnores(*file)).first;
  return it->second;
}

bool Suppressor::MatchInline(const model::Finding& f, Suppressed* out) {
  if (!f.loc.known() || f.rule == nullptr) return false;
  const std::vector<InlineIgnore>& ignores = IgnoresOf(f.loc.file);
  if (ignores.empty()) return false;
  auto match_line = [&](uint32_t line) {
    for (const InlineIgnore& ig : ignores) {
      if (ig.loc.line != line || ig.reason.empty()) continue;
      for (const std::string& id : ig.rule_ids) {
        if (!NamesRule(id, *f.rule)) continue;
        out->kind = SuppressionKind::kInline;
        out->reason = ig.reason;
        out->loc = ig.loc;
        return true;
      }
    }
    return false;
  };
  if (match_line(f.loc.line)) return true;
  for (uint32_t line = f.loc.line - 1; line >= 1; --line) {
    if (!IsCommentOnly(f.loc.file->Line(line))) break;
    if (match_line(line)) return true;
  }
  return false;
}

bool Suppressor::MatchResource(const model::Model& model, const model::Finding& f,
                               Suppressed* out) {
  if (f.rule == nullptr) return false;
  const model::Resource* r = model.FindResource(f.resource);
  for (int depth = 0; r != nullptr && depth < kMaxGeneratedDepth; ++depth) {
    for (const model::ResourceIgnore& ig : r->ignores) {
      if (ig.reason.empty() || !NamesRule(ig.rule_id, *f.rule)) continue;
      out->kind = SuppressionKind::kResource;
      out->reason = ig.reason;
      out->loc = ig.loc;
      return true;
    }
    if (r->generated_from.empty() || r->generated_from == r->id) break;
    r = model.FindResource(r->generated_from);
  }
  return false;
}

bool Suppressor::MatchConfig(const model::Finding& f, Suppressed* out) const {
  if (f.rule == nullptr) return false;
  std::string_view path = f.loc.path();
  if (path.empty()) path = f.project;
  std::string_view relative = path;
  if (!options_.config_base.empty() && relative.starts_with(options_.config_base)) {
    relative.remove_prefix(options_.config_base.size());
  }
  for (const ConfigIgnore& ig : options_.config_ignores) {
    if (ig.reason.empty() || !NamesRule(ig.rule_id, *f.rule)) continue;
    if (!ig.paths.empty() &&
        std::none_of(ig.paths.begin(), ig.paths.end(), [&](const std::string& g) {
          return util::PathGlobMatch(g, relative) || util::PathGlobMatch(g, path);
        })) {
      continue;
    }
    if (!ig.resources.empty() &&
        std::none_of(ig.resources.begin(), ig.resources.end(), [&](const std::string& r) {
          return util::WildcardMatch(r, f.resource, /*ignore_case=*/false);
        })) {
      continue;
    }
    out->kind = SuppressionKind::kConfig;
    out->reason = ig.reason;
    out->loc = ig.loc;
    return true;
  }
  return false;
}

void Suppressor::Apply(const model::Model& model, std::vector<model::Finding>* findings,
                       std::vector<Suppressed>* suppressed) {
  std::vector<model::Finding> kept;
  kept.reserve(findings->size());
  for (model::Finding& f : *findings) {
    Suppressed s;
    bool hit = (options_.inline_ignores && (MatchInline(f, &s) || MatchResource(model, f, &s))) ||
               MatchConfig(f, &s);
    if (!hit && options_.baseline.count(f.fingerprint) > 0) {
      hit = true;
      s.kind = SuppressionKind::kBaseline;
      s.reason = options_.baseline_path.empty() ? "in the baseline"
                                                : "in the baseline " + options_.baseline_path;
    }
    if (hit) {
      s.finding = std::move(f);
      suppressed->push_back(std::move(s));
    } else {
      kept.push_back(std::move(f));
    }
  }
  *findings = std::move(kept);
}

void Suppressor::Diagnose(const std::vector<const model::Model*>& models,
                          const std::vector<std::string>& known_ids, util::DiagnosticSink* diags) {
  std::set<std::tuple<std::string, uint32_t, uint32_t, std::string>> seen;
  auto warn = [&](util::Loc loc, std::string message) {
    if (!seen.emplace(std::string(loc.path()), loc.line, loc.col, message).second) return;
    diags->Warning(loc, std::move(message));
  };
  auto check_id = [&](util::Loc loc, const std::string& id) {
    bool known = std::any_of(known_ids.begin(), known_ids.end(),
                             [&](const std::string& k) { return NamesId(id, k); });
    if (known) return;
    std::string message = "fnwarden:ignore names unknown rule " + id;
    std::string guess = ClosestId(FullRuleId(id), known_ids);
    if (!guess.empty()) {
      message += "; did you mean " + guess + "?";
    }
    warn(loc, std::move(message));
  };

  if (options_.inline_ignores) {
    std::set<const util::SourceFile*> files;
    for (const model::Model* m : models) {
      model::ForEachResource(*m, [&](const model::Resource& r) {
        if (r.loc.file) files.insert(r.loc.file);
        for (const model::ResourceIgnore& ig : r.ignores) {
          if (ig.reason.empty()) warn(ig.loc, std::string(kNeedsReason));
          check_id(ig.loc, ig.rule_id);
        }
      });
    }
    for (const util::SourceFile* file : files) {
      for (const InlineIgnore& ig : IgnoresOf(file)) {
        if (ig.rule_ids.empty()) {
          warn(ig.loc, "fnwarden:ignore needs a rule ID, e.g. '# fnwarden:ignore FNW-CFG-003 reason'");
          continue;
        }
        if (ig.reason.empty()) warn(ig.loc, std::string(kNeedsReason));
        for (const std::string& id : ig.rule_ids) check_id(ig.loc, id);
      }
    }
  }
  for (const ConfigIgnore& ig : options_.config_ignores) {
    if (ig.reason.empty()) warn(ig.loc, std::string(kNeedsReason));
    check_id(ig.loc, ig.rule_id);
  }
}

}  // namespace fnwarden::rules
