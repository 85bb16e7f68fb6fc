// Suppressions: the ways a user says "this finding is known and accepted".
//
// Four kinds, tried in this order for every finding (the first that matches
// is the one reported):
//   inline    a comment `# fnwarden:ignore FNW-XXX-NNN reason text` (YAML
//             only: JSON has no comments). It covers the lines its comment is
//             about (util::SourceComment): its own line, or the line below a
//             run of comment lines, extended to the whole map entry or
//             sequence item that starts there (a resource, a statement).
//             Several IDs may be given separated by commas:
//             `# fnwarden:ignore FNW-A-001,FNW-B-002 why`. The comments come
//             from the parser (util::SourceFile::comments), so a `#` line
//             inside a block scalar (inline code) is never an ignore.
//   resource  `Metadata: fnwarden: ignore: [{id, reason}]` on the resource the
//             finding is about (model::Resource::ignores). A resource that the
//             SAM transform generated honours the ignores of the resource it was
//             generated from (Resource::generated_from), transitively.
//   config    an `ignore:` entry of a configuration file `.fnwarden.yml`,
//             restricted by optional path globs and resource IDs. Each file
//             follows the configuration nearest above it (ConfigScope).
//   baseline  the finding's fingerprint is in the baseline file.
// Rule IDs are matched by NamesRule: any case, "FNW-" optional, aliases too.
// The first three need a reason: an ignore without one does not suppress and
// is reported as a warning diagnostic at its position. `inline_ignores =
// false` (the CLI's --no-inline-ignores) turns off the inline and resource
// kinds for audits.
//
// Applying suppressions never prints; problems become diagnostics.
#ifndef FNWARDEN_RULES_SUPPRESS_H_
#define FNWARDEN_RULES_SUPPRESS_H_

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

// The ignores of one configuration file and the files they apply to.
struct ConfigScope {
  // The absolute, lexically normal folder of the configuration file. Its
  // ignores apply to the files under it, unless another scope's folder is
  // nearer to the file; `paths` globs are relative to it (the display path
  // matches too).
  std::string folder;
  // A configuration named with --config: it applies to every file.
  bool everywhere = false;
  std::vector<ConfigIgnore> ignores;
};

struct SuppressionOptions {
  bool inline_ignores = true;  // inline comments and resource Metadata
  std::vector<ConfigScope> configs;
  // The absolute folder that relative display paths are relative to (the
  // current directory of the scan), to place files under config folders.
  std::string cwd;
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
  std::string reason;       // "" when missing
  util::Loc loc;            // the `fnwarden:ignore` text
  uint32_t first_line = 0;  // the lines it covers; 0 and 0 when none
  uint32_t last_line = 0;
};

// A comment that looks like an ignore but is not one: another case
// (`# FNWarden:Ignore`), a space (`# fnwarden: ignore`, `#fnwarden :ignore`),
// no colon (`# fnwarden ignore`), another tool's form (`# fnwarden:skip=ID`).
struct MisspeltIgnore {
  util::Loc loc;          // the comment's text after '#'
  std::string written;    // what was written, shortened
  std::string corrected;  // the form fnwarden reads, with the IDs and reason found
};

struct FileIgnores {
  std::vector<InlineIgnore> ignores;
  std::vector<MisspeltIgnore> misspelt;
};

// The `fnwarden:ignore` comments of `file` (from file.comments()), and the
// comments that look like one but are not.
FileIgnores FindInlineIgnores(const util::SourceFile& file);

// Applies suppressions to the findings of one model at a time. Findings that
// stay are left in `findings` (order kept); the others are appended to
// `suppressed`. Remembers which ignores matched, for Diagnose. Not
// thread-safe; the options must outlive it.
class Suppressor {
 public:
  explicit Suppressor(const SuppressionOptions& options);

  void Apply(const model::Model& model, std::vector<model::Finding>* findings,
             std::vector<Suppressed>* suppressed);
  // Reads the inline ignores of the files `model`'s resources come from,
  // which Diagnose looks at, ahead of it.
  void Prepare(const model::Model& model);
  // Takes in what `other`, built with the same options, has read and seen
  // used: models can be suppressed side by side, a Suppressor each, and
  // diagnosed together.
  void Merge(Suppressor&& other);

  // Warnings for every ignore of the scan (inline comments in the files the
  // models were read from, resource Metadata, config entries) that lacks a
  // reason, names a rule ID not in `known_ids` (IDs and aliases; with a "did
  // you mean"), or matched no finding of the rules that ran (`ran`: an
  // ignore of a rule that --only/--skip left out is not judged); and for
  // comments that look like inline ignores but are not. Inline and resource
  // ignores are skipped when `inline_ignores` is off. Call after Apply has
  // seen every model.
  void Diagnose(const std::vector<const model::Model*>& models,
                const std::vector<std::string>& known_ids,
                const std::vector<const model::RuleInfo*>& ran, util::DiagnosticSink* diags);

 private:
  // A file's ignores, and for each, which of its IDs matched a finding.
  struct FileState {
    FileIgnores found;
    std::vector<std::vector<bool>> used;
  };

  // The ignore that suppresses a finding: the first one that matched it.
  struct Match {
    SuppressionKind kind = SuppressionKind::kInline;
    const std::string* reason = nullptr;
    util::Loc loc;
  };

  FileState& StateOf(const util::SourceFile* file);
  const ConfigScope* ScopeOf(const model::Finding& f, std::string* relative);
  bool MatchInline(const model::Finding& f, Match* out);
  // `resource`: the finding's resource in `model` (nullptr when absent).
  bool MatchResource(const model::Model& model, const model::Resource* resource,
                     const model::Finding& f, Match* out);
  // `source_name`: the finding's resource as its author named it, when that
  // differs from its logical ID (model::Resource::source_name).
  bool MatchConfig(const model::Finding& f, std::string_view source_name, Match* out);

  const SuppressionOptions& options_;
  std::map<const util::SourceFile*, FileState> files_;  // parsed once per file
  std::set<const model::ResourceIgnore*> used_resource_ignores_;
  std::vector<std::vector<bool>> used_config_ignores_;  // [scope][ignore]
  // Display path -> absolute path, for placing files under config folders.
  std::map<std::string, std::string, std::less<>> absolute_paths_;
};

}  // namespace fnwarden::rules

#endif  // FNWARDEN_RULES_SUPPRESS_H_
