#include "cli/config.h"

#include <limits.h>
#include <stdlib.h>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <utility>

#include "load/syntax/node.h"
#include "model/finding.h"
#include "util/strings.h"

namespace fnwarden::cli {
namespace {

using load::syntax::Node;

constexpr const char* kSeverities = "critical, high, medium, low, info, none";

// Keys people write for those of an ignore entry (Checkov, Trivy, habit).
const std::map<std::string, std::string, std::less<>> kIgnoreKeySynonyms = {
    {"rule", "id"},        {"rule_id", "id"},         {"rule-id", "id"},
    {"rules", "id"},       {"check", "id"},           {"check_id", "id"},
    {"ids", "id"},         {"path", "paths"},         {"file", "paths"},
    {"files", "paths"},    {"resource", "resources"}, {"justification", "reason"},
    {"comment", "reason"}, {"why", "reason"},
};

class ConfigParser {
 public:
  explicit ConfigParser(util::DiagnosticSink* diags) : diags_(diags) {}

  bool Parse(const Node* root, Config* out) {
    if (root == nullptr || root->is_null()) return true;  // an empty file
    if (!root->is_map()) return Error(root->loc, "the configuration must be a mapping");
    for (const load::syntax::MapEntry& e : root->entries) {
      std::string_view key = e.key->scalar;
      if (key == "fail-on" || key == "fail-on-hardening") {
        out->scan_wide_keys[std::string(key)] = e.key->loc;
        std::optional<std::string>& target =
            key == "fail-on" ? out->fail_on : out->fail_on_hardening;
        Severity(e, &target);
      } else if (key == "only" || key == "skip") {
        out->scan_wide_keys[std::string(key)] = e.key->loc;
        List(e, "rule IDs or areas, e.g. " + std::string(key) + ": [IAM]",
             key == "only" ? &out->only : &out->skip);
      } else if (key == "exclude") {
        List(e, "globs, e.g. exclude: [\"legacy/**\"]", &out->exclude);
      } else if (key == "ignore") {
        Ignores(e, out);
      } else {
        UnknownKey(e.key, "", {"fail-on", "fail-on-hardening", "only", "skip", "exclude", "ignore"},
                   {});
      }
    }
    return ok_;
  }

 private:
  bool Error(util::Loc loc, std::string message) {
    diags_->Error(loc, std::move(message));
    ok_ = false;
    return false;
  }

  void UnknownKey(const Node* key, std::string_view where, std::initializer_list<const char*> known,
                  const std::map<std::string, std::string, std::less<>>& synonyms) {
    std::vector<std::string> candidates(known.begin(), known.end());
    std::string message = "unknown key '" + std::string(key->scalar) + "'" + std::string(where);
    auto synonym = synonyms.find(util::ToLower(key->scalar));
    std::string guess =
        synonym != synonyms.end() ? synonym->second : util::ClosestMatch(key->scalar, candidates);
    if (!guess.empty()) message += "; did you mean '" + guess + "'?";
    Error(key->loc, message);
  }

  // A severity name or "none".
  void Severity(const load::syntax::MapEntry& e, std::optional<std::string>* out) {
    std::string name(e.key->scalar);
    if (!e.value->is_scalar()) {
      Error(e.key->loc, name + " must be one of " + kSeverities);
      return;
    }
    std::string value = util::ToLower(e.value->scalar);
    if (value != "none" && !model::ParseSeverity(value)) {
      Error(e.value->loc, name + " must be one of " + kSeverities);
      return;
    }
    *out = value;
  }

  // A list of non-empty scalars; `what` says what belongs in it.
  bool List(const load::syntax::MapEntry& e, const std::string& what,
            std::vector<std::string>* out) {
    std::string name(e.key->scalar);
    if (!e.value->is_seq()) {
      if (e.value->is_null()) return true;  // `only:` with nothing: no entries
      return Error(e.key->loc, name + " must be a list of " + what);
    }
    bool ok = true;
    for (const Node* item : e.value->items) {
      if (!item->is_scalar() || item->scalar.empty()) {
        ok = Error(item->loc, name + " must be a list of " + what);
        continue;
      }
      out->emplace_back(item->scalar);
    }
    return ok;
  }

  // `paths` or `resources` of an ignore entry: an empty one would apply the
  // ignore everywhere, so it must list something.
  void Filter(const load::syntax::MapEntry& e, const std::string& what, const char* everything,
              std::vector<std::string>* out) {
    if (!List(e, what, out)) return;
    if (out->empty()) {
      Error(e.key->loc, std::string(e.key->scalar) + " is empty: list " + what +
                            ", or leave it out to apply the ignore to " + everything);
    }
  }

  void Ignores(const load::syntax::MapEntry& top, Config* out) {
    const Node* n = top.value;
    if (n->is_null()) return;
    if (!n->is_seq()) {
      Error(top.key->loc, "ignore must be a list of entries with id and reason");
      return;
    }
    for (const Node* item : n->items) {
      if (!item->is_map()) {
        Error(item->loc, "an ignore entry must be a mapping with id and reason");
        continue;
      }
      rules::ConfigIgnore ig;
      ig.loc = item->loc;
      bool has_id = false;
      for (const load::syntax::MapEntry& e : item->entries) {
        std::string_view key = e.key->scalar;
        if (key == "id") {
          if (!e.value->is_scalar() || e.value->scalar.empty()) {
            Error(e.key->loc,
                  "id must be one rule ID such as FNW-CFG-003; write one entry per rule");
            has_id = true;  // said once
            continue;
          }
          ig.rule_id = std::string(e.value->scalar);
          has_id = true;
        } else if (key == "reason") {
          if (!e.value->is_scalar()) {
            Error(e.key->loc, "reason must be text");
            continue;
          }
          ig.reason = std::string(e.value->scalar);
        } else if (key == "paths") {
          Filter(e, "globs, e.g. paths: [\"legacy/**\"]", "every file", &ig.paths);
        } else if (key == "resources") {
          Filter(e, "logical IDs, e.g. resources: [PublicFn]", "every resource", &ig.resources);
        } else {
          UnknownKey(e.key, " in an ignore entry", {"id", "reason", "paths", "resources"},
                     kIgnoreKeySynonyms);
        }
      }
      if (!has_id) {
        Error(item->loc, "an ignore entry needs an id (a rule ID such as FNW-CFG-003)");
        continue;
      }
      out->ignores.push_back(std::move(ig));
    }
  }

  util::DiagnosticSink* diags_;
  bool ok_ = true;
};

namespace stdfs = std::filesystem;

// `path` made absolute against `cwd` and lexically normal, without a
// trailing '/' (except for "/").
std::string Absolute(const std::string& path, const std::string& cwd) {
  stdfs::path p(path);
  if (p.is_relative()) p = stdfs::path(cwd) / p;
  std::string out = p.lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string Parent(const std::string& dir) {
  size_t slash = dir.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : dir.substr(0, slash);
}

std::string Join(const std::string& dir, const char* name) {
  return dir == "/" ? "/" + std::string(name) : dir + "/" + name;
}

bool IsUnder(const std::string& path, const std::string& folder) {
  if (folder == "/") return path.size() > 1 && path.front() == '/';
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

// The nearest folder at or above `dir` that holds a `.git` (a folder, or a
// file in a worktree); "" when none.
std::string RepositoryRoot(const util::FileSystem& fs, std::string dir) {
  for (;;) {
    if (fs.Stat(Join(dir, ".git"), nullptr) != util::EntryKind::kMissing) return dir;
    if (dir == "/") return "";
    dir = Parent(dir);
  }
}

// The configuration for a scan of the absolute folder `dir`: the first
// `.fnwarden.yml` at or above it, up to the repository root; "" when none.
std::string FindConfig(const util::FileSystem& fs, std::string dir) {
  for (;;) {
    std::string candidate = Join(dir, kConfigFileName);
    if (fs.Stat(candidate, nullptr) != util::EntryKind::kMissing) return candidate;
    if (dir == "/" || fs.Stat(Join(dir, ".git"), nullptr) != util::EntryKind::kMissing) return "";
    dir = Parent(dir);
  }
}

// The path with every link resolved; "" when it cannot be resolved. (Until
// util::FileSystem answers "inside the roots?", this asks the disk.)
std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  return ::realpath(path.c_str(), buf) != nullptr ? std::string(buf) : std::string();
}

// Where a display path of `absolute` starts, as the loader shows paths: relative
// to `cwd` when under it.
std::string DisplayOf(const std::string& absolute, const std::string& cwd) {
  if (absolute == cwd) return ".";
  if (IsUnder(absolute, cwd)) return absolute.substr(cwd == "/" ? 1 : cwd.size() + 1);
  return absolute;
}

// Reads and parses the configuration at the absolute `path`, after checking
// that it is a regular file inside its repository.
bool ReadConfig(const util::FileSystem& fs, const ConfigSearch& search, const std::string& path,
                util::SourceSet* sources, util::DiagnosticSink* diags, Config* out) {
  std::string display = DisplayOf(path, search.cwd);
  util::EntryKind kind = fs.Stat(path, nullptr);
  if (kind != util::EntryKind::kFile) {
    diags->FileError(display, kind == util::EntryKind::kMissing
                                  ? "cannot read the configuration: no such file"
                                  : "cannot read the configuration: not a regular file");
    return false;
  }
  std::string folder = Parent(path);
  std::string root = RepositoryRoot(fs, folder);
  std::string inside = RealPath(root.empty() ? folder : root);
  std::string target = RealPath(path);
  if (inside.empty() || target.empty() || !(target == inside || IsUnder(target, inside))) {
    // Never read, so nothing of the target can be shown.
    diags->FileError(display, std::string("the configuration is a link to a file outside ") +
                                  (root.empty() ? "its folder" : "the repository") +
                                  "; it is not read");
    return false;
  }
  std::string text, err;
  if (!fs.ReadFile(path, search.max_bytes, &text, &err)) {
    diags->FileError(display, "cannot read the configuration: " + err);
    return false;
  }
  return ParseConfig(sources->Add(display, std::move(text)), diags, out);
}

// Warns about the scan-wide keys of `config` (at `display`) that differ from
// `settings`: they do not apply.
void WarnUnusedSettings(const Config& config, const Config& settings,
                        const std::string& settings_file, util::DiagnosticSink* diags) {
  for (const auto& [key, loc] : config.scan_wide_keys) {
    bool same = key == "fail-on" ? config.fail_on == settings.fail_on
                : key == "fail-on-hardening"
                    ? config.fail_on_hardening == settings.fail_on_hardening
                : key == "only" ? config.only == settings.only
                                : config.skip == settings.skip;
    if (same) continue;
    diags->Warning(loc, key + " here does not apply: the scan's settings come from " +
                            settings_file +
                            " (the first configuration found); only the ignores and exclude of "
                            "this file apply");
  }
}

}  // namespace

bool ParseConfig(const util::SourceFile* file, util::DiagnosticSink* diags, Config* out) {
  util::DiagnosticSink local;
  load::syntax::ParseLimits limits;
  std::unique_ptr<load::syntax::Document> doc = load::syntax::ParseYaml(file, limits, &local);
  bool ok = !local.has_errors();
  for (util::Diagnostic d : local.Sorted()) {
    // A duplicate key (the parser's only warning): which copy applies would
    // be a guess, so the configuration is unusable.
    d.level = util::DiagLevel::kError;
    ok = false;
    diags->Add(std::move(d));
  }
  if (!ok) return false;
  if (doc == nullptr) return true;  // an empty file
  // The document's nodes are only needed while parsing: the Config copies
  // strings out and keeps Locs, which point into `file`.
  return ConfigParser(diags).Parse(doc->root(), out);
}

std::vector<std::string> RebaseGlob(const std::string& glob, const std::string& folder,
                                    const std::string& cwd) {
  if (folder == cwd) return {glob};
  std::vector<std::string> out;
  bool base_name = glob.find('/') == std::string::npos;
  auto add_under = [&](const std::string& prefix) {
    out.push_back(prefix + "/" + glob);
    if (base_name) out.push_back(prefix + "/**/" + glob);
  };
  if (IsUnder(cwd, folder)) {
    // The folder is above the current one: keep what leads back down to it.
    std::string down = cwd.substr(folder == "/" ? 1 : folder.size() + 1);
    if (base_name) {
      out.push_back(glob);
    } else if (glob.starts_with("**/")) {
      out.push_back(glob);
      out.push_back(glob.substr(3));
    } else if (glob.starts_with(down + "/")) {
      out.push_back(glob.substr(down.size() + 1));
    }
  } else {
    add_under(stdfs::path(folder).lexically_relative(cwd).generic_string());
  }
  if (!IsUnder(folder, cwd)) add_under(folder == "/" ? "" : folder);  // absolute display paths
  return out;
}

bool LoadConfigs(const util::FileSystem& fs, const ConfigSearch& search, util::SourceSet* sources,
                 util::DiagnosticSink* diags, ScanConfig* out) {
  // The configuration files to read, in the order of the scanned paths.
  std::vector<std::string> found;
  if (!search.named.empty()) {
    found.push_back(Absolute(search.named, search.cwd));
  } else {
    for (const std::string& path : search.paths) {
      std::string absolute = Absolute(path, search.cwd);
      util::EntryKind kind = fs.Stat(absolute, nullptr);
      if (kind == util::EntryKind::kMissing) continue;  // the loader reports it
      std::string config =
          FindConfig(fs, kind == util::EntryKind::kDirectory ? absolute : Parent(absolute));
      if (!config.empty() && std::find(found.begin(), found.end(), config) == found.end()) {
        found.push_back(config);
      }
    }
  }
  bool ok = true;
  for (const std::string& path : found) {
    Config config;
    if (!ReadConfig(fs, search, path, sources, diags, &config)) {
      ok = false;
      continue;
    }
    std::string folder = Parent(path);
    std::string display = DisplayOf(path, search.cwd);
    if (out->files.empty()) {
      out->settings = config;
      out->settings.exclude.clear();  // kept below, with those of the other files
      out->settings.ignores.clear();
    } else {
      WarnUnusedSettings(config, out->settings, out->files.front(), diags);
    }
    out->files.push_back(display);
    for (const std::string& glob : config.exclude) {
      for (std::string& rebased : RebaseGlob(glob, folder, search.cwd)) {
        out->exclude.push_back(std::move(rebased));
      }
    }
    out->scopes.push_back(
        {folder, /*everywhere=*/!search.named.empty(), std::move(config.ignores)});
  }
  return ok;
}

}  // namespace fnwarden::cli
