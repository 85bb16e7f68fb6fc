// Suppressions: the ways a user says "this finding is known and accepted".
//
// Four kinds, tried in this order for every finding (the first that matches
// wins):
//   inline    a comment `# fnwarden:ignore FNW-XXX-NNN reason text` on the
//             finding's line, or in the run of comment-only lines directly
//             above it (YAML only: JSON has no comments). Several IDs may be
//             given separated by commas: `# fnwarden:ignore FNW-A-001,FNW-B-002 why`.
//   resource  `Metadata: fnwarden: ignore: [{id, reason}]` on the resource the
//             finding is about (model::Resource::ignores). A resource that the
//             SAM transform generated honours the ignores of the resource it was
//             generated from (Resource::generated_from), transitively.
//   config    an `ignore:` entry of the configuration file `.fnwarden.yml`,
//             restricted by optional path globs and resource IDs.
//   baseline  the finding's fingerprint is in the baseline file.
// The first three need a reason: an ignore without one does not suppress and
// is reported as a warning diagnostic at its position. `inline_ignores =
// false` (the CLI's --no-inline-ignores) turns off the inline and resource
// kinds for audits.
//
// Applying suppressions never prints; problems become diagnostics.
#ifndef FNWARDEN_RULES_SUPPRESS_H_
#define FNWARDEN_RULES_SUPPRESS_H_

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::rules {

enum class SuppressionKind : uint8_t { kInline, kResource, kConfig, kBaseline };

// "inline", "resource", "config", "baseline" (the names used in JSON output).
const char* SuppressionKindName(SuppressionKind kind);

// One `ignore:` entry of the configuration file.
struct ConfigIgnore {
  std::string rule_id;                 // a rule ID or alias; "" never matches
  std::vector<std::string> paths;      // globs on the file path; empty: any file
  std::vector<std::string> resources;  // logical IDs (wildcards * and ?); empty: any resource
  std::string reason;                  // required: an entry without one is diagnosed and unused
  util::Loc loc;                       // the entry in the configuration file
};

struct SuppressionOptions {
  bool inline_ignores = true;  // inline comments and resource Metadata
  std::vector<ConfigIgnore> config_ignores;
  // Prefix of the configuration file's folder in display paths ("" or
  // "app/"): config `paths` globs are relative to that folder, and also match
  // the full display path.
  std::string config_base;
  std::set<std::string> baseline;  // fingerprints
  std::string baseline_path;       // for the reason shown with baseline suppressions
};

// A finding that a suppression hid, with why.
struct Suppressed {
  model::Finding finding;
  SuppressionKind kind = SuppressionKind::kInline;
  std::string reason;
  util::Loc loc;  // where the suppression is written; unknown for the baseline
};

// A parsed `fnwarden:ignore` comment.
struct InlineIgnore {
  std::vector<std::string> rule_ids;
  std::string reason;  // "" when missing
  util::Loc loc;       // the `fnwarden:ignore` text
};

// Every `fnwarden:ignore` comment of `file`, in line order. Files whose first
// non-blank character is `{` or `[` are JSON and have none.
std::vector<InlineIgnore> FindInlineIgnores(const util::SourceFile& file);


// Applies suppressions to the findings of one model at a time. Findings that
// stay are left in `findings` (order kept); the others are appended to
// `suppressed`. Not thread-safe (it caches each file's inline ignores); the
// options must outlive it.
class Suppressor {
 public:
  explicit Suppressor(const SuppressionOptions& options);

  void Apply(const model::Model& model, std::vector<model::Finding>* findings,
             std::vector<Suppressed>* suppressed);

  // Warnings for every ignore of the scan (inline comments in the files the
  // models were read from, resource Metadata, config entries) that lacks a
  // reason or names a rule ID not in `known_ids` (IDs and aliases; with a
  // "did you mean"). Inline and resource ignores are skipped when
  // `inline_ignores` is off.
  void Diagnose(const std::vector<const model::Model*>& models,
                const std::vector<std::string>& known_ids, util::DiagnosticSink* diags);

 private:
  const std::vector<InlineIgnore>& IgnoresOf(const util::SourceFile* file);
  bool MatchInline(const model::Finding& f, Suppressed* out);
  bool MatchResource(const model::Model& model, const model::Finding& f, Suppressed* out);
  bool MatchConfig(const model::Finding& f, Suppressed* out) const;

  const SuppressionOptions& options_;
  std::map<const util::SourceFile*, std::vector<InlineIgnore>> cache_;  // parsed once per file
};

}  // namespace fnwarden::rules

#endif  // FNWARDEN_RULES_SUPPRESS_H_
