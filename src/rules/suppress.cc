#include "rules/suppress.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include "rules/engine.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

constexpr std::string_view kIgnoreMarker = "fnwarden:ignore";
constexpr std::string_view kToolName = "fnwarden";
constexpr std::string_view kNeedsReason = "fnwarden:ignore needs a reason";
constexpr int kMaxGeneratedDepth = 8;
constexpr size_t kMaxQuoted = 80;

// Words that, after "fnwarden", show that a comment means to be an ignore.
constexpr std::string_view kIgnoreWords[] = {"ignore",   "ignored", "ignores", "skip",
                                             "suppress", "disable", "nosec"};

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Parses "FNW-A-001,FNW-B-002 reason text" after the marker. An ID ends at a
// blank, a comma or a colon; "--" or ":" may separate the reason.
void ParseIgnoreBody(std::string_view body, std::vector<std::string>* ids, std::string* reason) {
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < body.size() && IsSpace(body[i])) ++i;
  };
  skip_spaces();
  while (i < body.size()) {
    size_t start = i;
    while (i < body.size() && !IsSpace(body[i]) && body[i] != ',' && body[i] != ':') ++i;
    if (i > start) ids->emplace_back(body.substr(start, i - start));
    skip_spaces();
    if (i < body.size() && body[i] == ',') {
      ++i;
      skip_spaces();
      continue;
    }
    break;
  }
  std::string_view rest = body.substr(i);
  while (!rest.empty() && (rest.front() == '-' || rest.front() == ':' || IsSpace(rest.front()))) {
    rest.remove_prefix(1);
  }
  *reason = std::string(Trim(rest));
}

// For a comment `text` (blanks trimmed) that means to be an ignore without
// being one, the offset of what follows its ignore word; npos otherwise.
// Annotations such as `fnwarden: expect ID` are not ignores.
size_t MisspeltIgnoreBody(std::string_view text) {
  if (text.size() < kToolName.size() ||
      !util::EqualsIgnoreCase(text.substr(0, kToolName.size()), kToolName)) {
    return std::string_view::npos;
  }
  size_t i = kToolName.size();
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i < text.size() && (text[i] == ':' || text[i] == '=' || text[i] == '-' || text[i] == '_')) {
    ++i;
  }
  while (i < text.size() && IsSpace(text[i])) ++i;
  size_t word = i;
  while (i < text.size() && IsLetter(text[i])) ++i;
  std::string lower = util::ToLower(text.substr(word, i - word));
  bool ignore_word =
      std::find(std::begin(kIgnoreWords), std::end(kIgnoreWords), lower) != std::end(kIgnoreWords);
  return ignore_word ? i : std::string_view::npos;
}

std::string Shorten(std::string_view text) {
  if (text.size() <= kMaxQuoted) return std::string(text);
  return std::string(text.substr(0, kMaxQuoted)) + "...";
}

std::string Lines(uint32_t first, uint32_t last) {
  if (first == last) return "line " + std::to_string(first);
  return "lines " + std::to_string(first) + "-" + std::to_string(last);
}

// Fills `out` from the first ignore that matches a finding (`*hit` false);
// those that match after it only count as used.
template <typename Match>
void Take(SuppressionKind kind, const std::string& reason, util::Loc loc, bool* hit, Match* out) {
  if (*hit) return;
  *hit = true;
  out->kind = kind;
  out->reason = &reason;
  out->loc = loc;
}

bool IsUnder(std::string_view path, std::string_view folder) {
  if (folder == "/") return path.size() > 1 && path.front() == '/';
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

}  // namespace

const char* SuppressionKindName(SuppressionKind kind) {
  switch (kind) {
    case SuppressionKind::kInline:
      return "inline";
    case SuppressionKind::kResource:
      return "resource";
    case SuppressionKind::kConfig:
      return "config";
    case SuppressionKind::kBaseline:
      return "baseline";
  }
  return "inline";
}

FileIgnores FindInlineIgnores(const util::SourceFile& file) {
  FileIgnores out;
  for (const util::SourceComment& c : file.comments()) {
    size_t lead = c.text.find_first_not_of(" \t");
    if (lead == std::string_view::npos) continue;
    std::string_view text = Trim(c.text.substr(lead));
    util::Loc loc{&file, c.line, static_cast<uint32_t>(c.col + 1 + lead)};
    if (text.starts_with(kIgnoreMarker) &&
        (text.size() == kIgnoreMarker.size() || IsSpace(text[kIgnoreMarker.size()]))) {
      InlineIgnore ig;
      ig.loc = loc;
      ig.first_line = c.first_line;
      ig.last_line = c.last_line;
      ParseIgnoreBody(text.substr(kIgnoreMarker.size()), &ig.rule_ids, &ig.reason);
      out.ignores.push_back(std::move(ig));
      continue;
    }
    size_t body = MisspeltIgnoreBody(text);
    if (body == std::string_view::npos) continue;
    std::string_view rest = text.substr(body);
    while (!rest.empty() && (rest.front() == '=' || rest.front() == ':' || IsSpace(rest.front()))) {
      rest.remove_prefix(1);
    }
    std::vector<std::string> ids;
    std::string reason;
    ParseIgnoreBody(rest, &ids, &reason);
    MisspeltIgnore m;
    m.loc = loc;
    m.written = "#" + Shorten(c.text.substr(0, c.text.find_last_not_of(" \t\r") + 1));
    m.corrected = "# " + std::string(kIgnoreMarker) + " " +
                  (ids.empty() ? "FNW-XXX-NNN" : util::Join(ids, ",")) + " " +
                  (reason.empty() ? "reason" : Shorten(reason));
    out.misspelt.push_back(std::move(m));
  }
  return out;
}

Suppressor::Suppressor(const SuppressionOptions& options) : options_(options) {
  for (const ConfigScope& scope : options_.configs) {
    used_config_ignores_.emplace_back(scope.ignores.size(), false);
  }
}

Suppressor::FileState& Suppressor::StateOf(const util::SourceFile* file) {
  auto it = files_.find(file);
  if (it != files_.end()) return it->second;
  FileState state;
  state.found = FindInlineIgnores(*file);
  for (const InlineIgnore& ig : state.found.ignores) state.used.emplace_back(ig.rule_ids.size());
  return files_.emplace(file, std::move(state)).first->second;
}

bool Suppressor::MatchInline(const model::Finding& f, Match* out) {
  if (!f.loc.known() || f.rule == nullptr) return false;
  FileState& state = StateOf(f.loc.file);
  bool hit = false;
  for (size_t i = 0; i < state.found.ignores.size(); ++i) {
    const InlineIgnore& ig = state.found.ignores[i];
    if (ig.reason.empty() || f.loc.line < ig.first_line || f.loc.line > ig.last_line) continue;
    for (size_t k = 0; k < ig.rule_ids.size(); ++k) {
      if (!NamesRule(ig.rule_ids[k], *f.rule)) continue;
      state.used[i][k] = true;
      Take(SuppressionKind::kInline, ig.reason, ig.loc, &hit, out);
    }
  }
  return hit;
}

bool Suppressor::MatchResource(const model::Model& model, const model::Resource* resource,
                               const model::Finding& f, Match* out) {
  if (f.rule == nullptr) return false;
  bool hit = false;
  const model::Resource* r = resource;
  for (int depth = 0; r != nullptr && depth < kMaxGeneratedDepth; ++depth) {
    for (const model::ResourceIgnore& ig : r->ignores) {
      if (ig.reason.empty() || !NamesRule(ig.rule_id, *f.rule)) continue;
      used_resource_ignores_.insert(&ig);
      Take(SuppressionKind::kResource, ig.reason, ig.loc, &hit, out);
    }
    if (r->generated_from.empty() || r->generated_from == r->id) break;
    r = model.FindResource(r->generated_from);
  }
  return hit;
}

// The scope whose folder is nearest above the finding's file, else the one
// that applies everywhere; nullptr when none applies. `relative` is the file's
// path relative to that folder when it is under it, else its display path.
const ConfigScope* Suppressor::ScopeOf(const model::Finding& f, std::string* relative) {
  if (options_.configs.empty()) return nullptr;
  std::string_view display = f.loc.path();
  if (display.empty()) display = f.project;
  auto it = absolute_paths_.find(display);
  if (it == absolute_paths_.end()) {
    std::filesystem::path p{std::string(display)};
    if (p.is_relative() && !options_.cwd.empty()) p = std::filesystem::path(options_.cwd) / p;
    it = absolute_paths_.emplace(std::string(display), p.lexically_normal().generic_string()).first;
  }
  const std::string& absolute = it->second;
  const ConfigScope* best = nullptr;
  for (const ConfigScope& scope : options_.configs) {
    if (scope.everywhere) {
      if (best == nullptr) best = &scope;
    } else if (IsUnder(absolute, scope.folder) &&
               (best == nullptr || best->everywhere || scope.folder.size() > best->folder.size())) {
      best = &scope;
    }
  }
  if (best == nullptr) return nullptr;
  if (IsUnder(absolute, best->folder)) {
    *relative = absolute.substr(best->folder == "/" ? 1 : best->folder.size() + 1);
  } else {
    *relative = std::string(display);
  }
  return best;
}

bool Suppressor::MatchConfig(const model::Finding& f, std::string_view source_name, Match* out) {
  if (f.rule == nullptr) return false;
  std::string relative;
  const ConfigScope* scope = ScopeOf(f, &relative);
  if (scope == nullptr) return false;
  std::string_view display = f.loc.path();
  if (display.empty()) display = f.project;
  std::vector<bool>& used = used_config_ignores_[static_cast<size_t>(scope - &options_.configs[0])];
  bool hit = false;
  for (size_t i = 0; i < scope->ignores.size(); ++i) {
    const ConfigIgnore& ig = scope->ignores[i];
    if (ig.reason.empty() || !NamesRule(ig.rule_id, *f.rule)) continue;
    if (!ig.paths.empty() &&
        std::none_of(ig.paths.begin(), ig.paths.end(), [&](const std::string& g) {
          return util::PathGlobMatch(g, relative) || util::PathGlobMatch(g, display);
        })) {
      continue;
    }
    if (!ig.resources.empty() &&
        std::none_of(ig.resources.begin(), ig.resources.end(), [&](const std::string& r) {
          return util::WildcardMatch(r, f.resource, /*ignore_case=*/false) ||
                 (!source_name.empty() && util::WildcardMatch(r, source_name, false));
        })) {
      continue;
    }
    used[i] = true;
    Take(SuppressionKind::kConfig, ig.reason, ig.loc, &hit, out);
  }
  return hit;
}

void Suppressor::Apply(const model::Model& model, std::vector<model::Finding>* findings,
                       std::vector<Suppressed>* suppressed) {
  // Most scans have no resource ignores and no configuration, and a large
  // model has hundreds of thousands of findings: look their resources up
  // only when something could match them.
  bool resource_ignores = false;
  if (options_.inline_ignores) {
    model::ForEachResource(model, [&](const model::Resource& r) {
      resource_ignores = resource_ignores || !r.ignores.empty();
    });
  }
  const bool look_up = resource_ignores || !options_.configs.empty();
  // Kept findings close up in place: without suppressions nothing moves.
  size_t kept = 0;
  for (model::Finding& f : *findings) {
    // Every kind is tried, so that each ignore that matches counts as used;
    // the first kind that matches is the one reported.
    Match by_inline, by_resource, by_config;
    const model::Resource* resource = look_up ? model.FindResource(f.resource) : nullptr;
    bool inline_hit = options_.inline_ignores && MatchInline(f, &by_inline);
    bool resource_hit = resource_ignores && MatchResource(model, resource, f, &by_resource);
    bool config_hit = MatchConfig(
        f, resource != nullptr ? resource->source_name : std::string_view(), &by_config);
    const Match& m = inline_hit ? by_inline : resource_hit ? by_resource : by_config;
    const bool hit = inline_hit || resource_hit || config_hit;
    if (!hit && options_.baseline.count(f.fingerprint) == 0) {
      if (&f != &(*findings)[kept]) (*findings)[kept] = std::move(f);
      ++kept;
      continue;
    }
    Suppressed s;
    if (hit) {
      s.kind = m.kind;
      s.reason = *m.reason;
      s.loc = m.loc;
    } else {
      s.kind = SuppressionKind::kBaseline;
      s.reason = options_.baseline_path.empty() ? "in the baseline"
                                                : "in the baseline " + options_.baseline_path;
    }
    s.finding = std::move(f);
    suppressed->push_back(std::move(s));
  }
  findings->resize(kept);
}

void Suppressor::Prepare(const model::Model& model) {
  if (!options_.inline_ignores) return;
  model::ForEachResource(model, [&](const model::Resource& r) {
    if (r.loc.file) StateOf(r.loc.file);
  });
}

void Suppressor::Merge(Suppressor&& other) {
  for (auto& [file, state] : other.files_) {
    auto [it, fresh] = files_.try_emplace(file, std::move(state));
    if (fresh) continue;
    // The same file, read the same way by both.
    std::vector<std::vector<bool>>& used = it->second.used;
    for (size_t i = 0; i < used.size() && i < state.used.size(); ++i) {
      for (size_t k = 0; k < used[i].size() && k < state.used[i].size(); ++k) {
        if (state.used[i][k]) used[i][k] = true;
      }
    }
  }
  used_resource_ignores_.merge(other.used_resource_ignores_);
  for (size_t s = 0; s < used_config_ignores_.size() && s < other.used_config_ignores_.size(); ++s) {
    for (size_t i = 0; i < used_config_ignores_[s].size(); ++i) {
      if (other.used_config_ignores_[s][i]) used_config_ignores_[s][i] = true;
    }
  }
}

void Suppressor::Diagnose(const std::vector<const model::Model*>& models,
                          const std::vector<std::string>& known_ids,
                          const std::vector<const model::RuleInfo*>& ran,
                          util::DiagnosticSink* diags) {
  std::set<std::tuple<std::string, uint32_t, uint32_t, std::string>> seen;
  auto warn = [&](util::Loc loc, std::string message) {
    if (!seen.emplace(std::string(loc.path()), loc.line, loc.col, message).second) return;
    diags->Warning(loc, std::move(message));
  };
  auto known = [&](const std::string& id) {
    return std::any_of(known_ids.begin(), known_ids.end(),
                       [&](const std::string& k) { return NamesId(id, k); });
  };
  auto check_id = [&](util::Loc loc, const std::string& id) {
    if (known(id)) return;
    std::string message = "fnwarden:ignore names unknown rule " + id;
    std::string guess = ClosestId(FullRuleId(id), known_ids);
    if (!guess.empty()) {
      message += "; did you mean " + guess + "?";
    }
    warn(loc, std::move(message));
  };
  // Whether an ignore of `id` that matched nothing is worth a warning: it
  // can suppress (a reason, a known rule) and its rule ran in this scan.
  auto judged = [&](const std::string& id, const std::string& reason) {
    return !reason.empty() && known(id) &&
           std::any_of(ran.begin(), ran.end(),
                       [&](const model::RuleInfo* r) { return NamesRule(id, *r); });
  };

  if (options_.inline_ignores) {
    std::set<const util::SourceFile*> files;
    for (const model::Model* m : models) {
      model::ForEachResource(*m, [&](const model::Resource& r) {
        if (r.loc.file) files.insert(r.loc.file);
        for (const model::ResourceIgnore& ig : r.ignores) {
          if (ig.reason.empty()) warn(ig.loc, std::string(kNeedsReason));
          check_id(ig.loc, ig.rule_id);
          if (judged(ig.rule_id, ig.reason) && used_resource_ignores_.count(&ig) == 0) {
            warn(ig.loc, "the ignore of " + ig.rule_id + " on " + r.id +
                             " suppressed nothing: " + r.id + " has no " + ig.rule_id +
                             " finding in this scan; remove the ignore");
          }
        }
      });
    }
    for (const util::SourceFile* file : files) {
      FileState& state = StateOf(file);
      for (size_t i = 0; i < state.found.ignores.size(); ++i) {
        const InlineIgnore& ig = state.found.ignores[i];
        if (ig.rule_ids.empty()) {
          warn(ig.loc,
               "fnwarden:ignore needs a rule ID, e.g. '# fnwarden:ignore FNW-CFG-003 reason'");
          continue;
        }
        if (ig.reason.empty()) warn(ig.loc, std::string(kNeedsReason));
        for (size_t k = 0; k < ig.rule_ids.size(); ++k) {
          const std::string& id = ig.rule_ids[k];
          check_id(ig.loc, id);
          if (!judged(id, ig.reason) || state.used[i][k]) continue;
          if (ig.first_line == 0) {
            warn(ig.loc, "fnwarden:ignore " + id +
                             " covers nothing: put it at the end of the finding's line, or "
                             "directly above it with no blank line between");
          } else {
            warn(ig.loc, "fnwarden:ignore " + id + " suppressed nothing: no " + id +
                             " finding on " + Lines(ig.first_line, ig.last_line) +
                             ", which it covers; remove it");
          }
        }
      }
      for (const MisspeltIgnore& m : state.found.misspelt) {
        warn(m.loc, "'" + m.written + "' is not applied: fnwarden reads ignores written '" +
                        m.corrected + "'");
      }
    }
  }
  for (size_t s = 0; s < options_.configs.size(); ++s) {
    const ConfigScope& scope = options_.configs[s];
    for (size_t i = 0; i < scope.ignores.size(); ++i) {
      const ConfigIgnore& ig = scope.ignores[i];
      if (ig.reason.empty()) warn(ig.loc, std::string(kNeedsReason));
      check_id(ig.loc, ig.rule_id);
      if (judged(ig.rule_id, ig.reason) && !used_config_ignores_[s][i]) {
        warn(ig.loc, "the ignore of " + ig.rule_id +
                         " suppressed nothing in this scan; remove it, or check its paths "
                         "and resources");
      }
    }
  }
}

}  // namespace fnwarden::rules
