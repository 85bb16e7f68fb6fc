// `fnwarden iam`: the subcommand table, `iam expand`, and what the
// subcommands share (finding a function or another principal, reading a
// policy file).
#include "cli/iam_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "analysis/facts.h"
#include "analysis/iam/catalog.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/validate.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "load/policy.h"
#include "report/json_writer.h"
#include "util/fs.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace fnwarden::cli {
namespace {

namespace iam = analysis::iam;

struct Subcommand {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);
};

// Every `iam` subcommand, in the order the help lists them.
constexpr Subcommand kSubcommands[] = {
    {"simulate", "evaluate one request against a policy file or a function's role",
     &iam_cli::RunSimulate},
    {"expand", "list the actions an action pattern covers, with their access levels",
     &iam_cli::RunExpand},
    {"permissions", "a function's effective permissions by service and access level",
     &iam_cli::RunPermissions},
    {"suggest", "the least-privilege policy of each function, from the calls of its code",
     &iam_cli::RunSuggest},
};

std::string IamHelp() {
  std::string out =
      "Inspect IAM policies with fnwarden's policy engine and action catalog.\n\n"
      "usage: fnwarden iam <subcommand> [options]\n\nsubcommands:\n";
  for (const Subcommand& s : kSubcommands) {
    std::string name = s.name;
    name.resize(13, ' ');
    out += "  " + name + s.summary + "\n";
  }
  out += "\nRun 'fnwarden iam <subcommand> --help' for its options.\n";
  return out;
}

// The distinct services of the catalog (lower case, sorted).
std::vector<std::string> Services(const iam::Catalog& catalog) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < catalog.action_count(); ++i) {
    std::string s = util::ToLower(catalog.action(i).service);
    if (out.empty() || out.back() != s) out.push_back(std::move(s));
  }
  return out;
}

// "Did you mean" for an action pattern that matches nothing: a close service
// for an unknown one; otherwise a close action, or for a wildcard pattern
// the same pattern with a close literal prefix ("s3:Gte*" -> "s3:Get*").
// Every suggestion matches at least one action. Empty when nothing is close.
std::string SuggestPattern(const iam::Catalog& catalog, std::string_view pattern) {
  size_t colon = pattern.find(':');
  if (colon == std::string_view::npos) return "";
  std::string service = util::ToLower(pattern.substr(0, colon));
  std::string_view rest = pattern.substr(colon);
  if (!catalog.HasService(service)) {
    std::string close = util::ClosestMatch(service, Services(catalog));
    if (close.empty()) return "";
    std::string guess = close + std::string(rest);
    return catalog.Expand(guess).empty() ? close + ":*" : guess;
  }
  size_t wild = pattern.find_first_of("*?");
  if (wild == std::string_view::npos) return catalog.ClosestAction(pattern);
  std::string prefix = util::ToLower(pattern.substr(0, wild));
  std::vector<std::string> prefixes;
  for (const iam::ActionInfo& a : catalog.Expand(service + ":*")) {
    if (a.name.size() < prefix.size()) continue;
    std::string p = util::ToLower(a.name.substr(0, prefix.size()));
    if (std::find(prefixes.begin(), prefixes.end(), p) == prefixes.end()) prefixes.push_back(p);
  }
  std::string close = util::ClosestMatch(prefix, prefixes);
  if (close.empty()) return "";
  std::vector<iam::ActionInfo> found = catalog.Expand(close + std::string(pattern.substr(wild)));
  if (found.empty()) return "";
  // Spell the suggestion as the catalog does ("s3:Get*", not "s3:get*").
  return std::string(found.front().name.substr(0, prefix.size())) +
         std::string(pattern.substr(wild));
}

}  // namespace

int RunIam(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(IamHelp().c_str(), stderr);
    return kExitUsage;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    WriteStdout(IamHelp());
    return kExitClean;
  }
  for (const Subcommand& s : kSubcommands) {
    if (name == s.name) return s.run(argc - 1, argv + 1);
  }
  std::vector<std::string> names;
  for (const Subcommand& s : kSubcommands) names.emplace_back(s.name);
  std::string message = "unknown subcommand '" + name + "'";
  std::string guess = util::ClosestMatch(name, names);
  if (!guess.empty()) message += "; did you mean '" + guess + "'?";
  message += " (run 'fnwarden iam --help' for the list)";
  return UsageError("iam", message);
}

namespace iam_cli {

int RunExpand(int argc, char** argv) {
  CLI::App app(
      "List every action an IAM action pattern covers (case-insensitive; * matches any run of "
      "characters, ? one), with its access level.",
      "iam expand");
  std::vector<std::string> patterns;
  std::string format = "text";
  app.add_option("PATTERN", patterns, "action patterns such as s3:Get* or 'lambda:*Function'")
      ->required();
  app.add_option("--format", format, "text or json")->capture_default_str();
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  if (format != "text" && format != "json") {
    return UsageError("iam expand", "unknown format '" + format + "' (expected text or json)");
  }
  const iam::Catalog& catalog = iam::Catalog::Get();
  if (!catalog.loaded()) {
    return UsageError("iam expand", "the action catalog is not usable: " + catalog.error());
  }
  std::vector<bool> seen(catalog.action_count(), false);
  std::vector<iam::ActionInfo> actions;
  for (const std::string& pattern : patterns) {
    std::vector<iam::ActionInfo> found = catalog.Expand(pattern);
    if (found.empty()) {
      std::string message = "'" + pattern + "' matches no action";
      if (pattern.find(':') == std::string::npos && pattern != "*") {
        message += " (an action is service:name, like s3:GetObject)";
      } else if (std::string guess = SuggestPattern(catalog, pattern); !guess.empty()) {
        message += "; did you mean " + guess + "?";
      }
      return UsageError("iam expand", message);
    }
    for (const iam::ActionInfo& a : found) {
      if (seen[a.id]) continue;
      seen[a.id] = true;
      actions.push_back(a);
    }
  }
  std::sort(actions.begin(), actions.end(),
            [](const iam::ActionInfo& a, const iam::ActionInfo& b) { return a.id < b.id; });

  if (format == "json") {
    report::JsonWriter w;
    w.BeginObject();
    w.Key("patterns");
    w.BeginArray();
    for (const std::string& p : patterns) w.String(p);
    w.EndArray();
    w.Key("actions");
    w.BeginArray();
    for (const iam::ActionInfo& a : actions) {
      w.BeginObject();
      w.Field("action", a.name);
      w.Field("service", a.service);
      w.Field("access_level", iam::AccessLevelName(a.level));
      w.Field("wildcard_only", a.wildcard_only);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    WriteStdout(w.Take());
    return kExitClean;
  }
  size_t width = 0;
  for (const iam::ActionInfo& a : actions) width = std::max(width, a.name.size());
  std::string out;
  for (const iam::ActionInfo& a : actions) {
    std::string name(a.name);
    name.resize(width + 2, ' ');
    out += name + iam::AccessLevelName(a.level);
    if (a.wildcard_only) out += " (Resource \"*\" only)";
    out += "\n";
  }
  WriteStdout(util::TerminalSafe(out));
  return kExitClean;
}

bool ParseParamFlags(const std::vector<std::string>& params,
                     std::map<std::string, std::string>* out, std::string* err) {
  for (const std::string& p : params) {
    size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      *err = "--param expects Name=Value, got '" + p + "'";
      return false;
    }
    (*out)[p.substr(0, eq)] = p.substr(eq + 1);
  }
  return true;
}

std::vector<std::string> LoadQuery(const FunctionQuery& query, load::LoadResult* loaded) {
  std::vector<std::string> paths = query.paths;
  if (paths.empty()) paths.push_back(".");
  util::DiskFileSystem fs;
  util::DiagnosticSink diags;
  load::LoadOptions options;
  options.parameters = query.parameters;
  load::LoadProjects(fs, paths, options, &diags, loaded);
  for (const util::Diagnostic& d : diags.Sorted()) {
    if (d.level == util::DiagLevel::kError) std::fputs(RenderDiagnostic(d).c_str(), stderr);
  }
  return paths;
}

namespace {

struct FunctionMatch {
  const model::Model* model;
  const model::Function* function;
};

// The functions called `name`: by logical ID (or the name a Serverless
// service gives it), else by FunctionName. Every
// function's names go to `names` (for "did you mean").
std::vector<FunctionMatch> MatchFunctions(const load::LoadResult& loaded, std::string_view name,
                                          std::vector<std::string>* names) {
  std::vector<FunctionMatch> by_id, by_name;
  for (const model::Model& m : loaded.models) {
    for (const model::Function& f : m.functions) {
      names->push_back(f.id);
      // A Serverless function is also known by its key under `functions`.
      if (!f.source_name.empty() && f.source_name != f.id) names->push_back(f.source_name);
      if (f.id == name || f.source_name == name) by_id.push_back({&m, &f});
      if (f.function_name.known()) {
        names->push_back(f.function_name.value);
        if (f.function_name.value == name && f.id != name) by_name.push_back({&m, &f});
      }
    }
  }
  return by_id.empty() ? by_name : by_id;
}

std::string ShortWhere(const util::Loc& loc, const model::Model& m) {
  return loc.known() ? std::string(loc.path()) + ":" + std::to_string(loc.line) : m.root;
}

// The error for a function name found in several projects.
int SeveralFunctions(std::string_view command, std::string_view name,
                     const std::vector<FunctionMatch>& found) {
  std::vector<std::string> where;
  for (const FunctionMatch& m : found) where.push_back(ShortWhere(m.function->loc, *m.model));
  return UsageError(command, "function '" + std::string(name) + "' is in several projects (" +
                                 util::Join(where, ", ") +
                                 "); give the template's path to choose one");
}

// A name that finds a principal other than a function, with what it names
// (for "did you mean": "role", "state machine", "IAM user name"...).
struct PrincipalName {
  std::string name;
  std::string what;
  bool physical = false;  // a RoleName, UserName or GroupName, not a logical ID
  size_t model = 0;       // index in the loaded models
  size_t principal = 0;   // index in that model's principals()
};

// The names each principal of a model answers to, functions' aside (those
// are matched first, by MatchFunctions).
void AddPrincipalNames(const iam::ModelPermissions& permissions, size_t model,
                       std::vector<PrincipalName>* out) {
  const std::vector<iam::PrincipalPermissions>& principals = permissions.principals();
  for (size_t i = 0; i < principals.size(); ++i) {
    const iam::PrincipalPermissions& p = principals[i];
    auto add = [&](std::string name, std::string what, bool physical) {
      if (!name.empty()) out->push_back({std::move(name), std::move(what), physical, model, i});
    };
    if (const model::Role* role = p.role()) {
      add(role->id, "role", false);
      for (const model::RoleUse& use : role->used_by) {
        if (use.kind == model::RoleUseKind::kFunction) continue;
        add(use.resource_id, model::RoleUseKindName(use.kind), false);
      }
      if (role->role_name.known() && role->role_name.value != role->id) {
        add(role->role_name.value, "role name", true);
      }
      continue;
    }
    const model::Resource& r = p.resource();
    switch (p.kind()) {
      case iam::PrincipalKind::kFunction:  // its role is outside the project
        break;
      case iam::PrincipalKind::kRole:  // always has its role()
        break;
      case iam::PrincipalKind::kUser: {
        add(r.id, "IAM user", false);
        const auto& user = static_cast<const model::User&>(r);
        if (user.user_name.known() && user.user_name.value != r.id) {
          add(user.user_name.value, "IAM user name", true);
        }
        break;
      }
      case iam::PrincipalKind::kGroup: {
        add(r.id, "IAM group", false);
        const auto& group = static_cast<const model::Group&>(r);
        if (group.group_name.known() && group.group_name.value != r.id) {
          add(group.group_name.value, "IAM group name", true);
        }
        break;
      }
      case iam::PrincipalKind::kPolicy:
        add(r.id, "policy", false);
        break;
    }
  }
}

// "did you mean A (role) or B (function)?" for the names within the
// distance util::ClosestMatch allows, closest first; else the logical IDs
// there are ("the principals there: A (function), B (role) and 3 more").
std::string Suggestions(std::string_view word, const std::vector<PrincipalName>& names) {
  if (names.empty()) return " (no functions or other principals found there)";
  size_t limit = std::max<size_t>(1, word.size() / 3);
  std::vector<std::pair<size_t, std::string>> close;
  std::vector<std::string> seen, listed;
  for (const PrincipalName& n : names) {
    std::string entry = n.name + " (" + n.what + ")";
    if (std::find(seen.begin(), seen.end(), entry) != seen.end()) continue;
    seen.push_back(entry);
    if (!n.physical) listed.push_back(entry);
    if (size_t d = util::EditDistance(word, n.name, limit); d <= limit)
      close.emplace_back(d, entry);
  }
  if (close.empty()) return "; the principals there: " + iam::SummarizeNames(listed, 8);
  std::stable_sort(close.begin(), close.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> guesses;
  for (size_t i = 0; i < close.size() && i < 3; ++i) guesses.push_back(close[i].second);
  std::string out = "; did you mean ";
  for (size_t i = 0; i < guesses.size(); ++i) {
    if (i > 0) out += i + 1 == guesses.size() ? " or " : ", ";
    out += guesses[i];
  }
  return out + "?";
}

}  // namespace

int FindFunction(std::string_view command, const FunctionQuery& query, FoundFunction* out) {
  std::vector<std::string> paths = LoadQuery(query, &out->loaded);
  std::vector<std::string> names;
  std::vector<FunctionMatch> found = MatchFunctions(out->loaded, query.name, &names);
  if (found.size() == 1) {
    out->model = found.front().model;
    out->function = found.front().function;
    return -1;
  }
  if (found.size() > 1) return SeveralFunctions(command, query.name, found);
  std::string message = "no function '" + query.name + "' in " + util::Join(paths, " ");
  if (names.empty()) {
    message += " (no functions found there)";
  } else if (std::string guess = util::ClosestMatch(query.name, names); !guess.empty()) {
    message += "; did you mean " + guess + "?";
  }
  return UsageError(command, message);
}

int FindPrincipal(std::string_view command, const FunctionQuery& query, FoundPrincipal* out) {
  std::vector<std::string> paths = LoadQuery(query, &out->loaded);
  std::vector<std::string> function_names;  // Suggestions below lists them with their kind
  std::vector<FunctionMatch> functions = MatchFunctions(out->loaded, query.name, &function_names);
  if (functions.size() > 1) return SeveralFunctions(command, query.name, functions);
  if (functions.size() == 1) {
    out->model = functions.front().model;
    out->function = functions.front().function;
    out->facts = std::make_unique<analysis::Facts>(*out->model);
    out->principal = out->facts->Permissions().ForFunction(out->function->id);
    if (out->principal == nullptr) {
      return UsageError(command, "internal error: no permissions for function " + query.name);
    }
    return -1;
  }

  // Every other principal of every project: their permissions are computed
  // only on this path, for a name that is no function's.
  const std::vector<model::Model>& models = out->loaded.models;
  std::vector<std::unique_ptr<analysis::Facts>> facts;
  std::vector<PrincipalName> names;
  for (size_t i = 0; i < models.size(); ++i) {
    facts.push_back(std::make_unique<analysis::Facts>(models[i]));
    AddPrincipalNames(facts.back()->Permissions(), i, &names);
  }
  std::vector<const PrincipalName*> found;
  for (bool physical : {false, true}) {
    for (const PrincipalName& n : names) {
      if (n.physical != physical || n.name != query.name) continue;
      bool seen = std::any_of(found.begin(), found.end(), [&](const PrincipalName* f) {
        return f->model == n.model && f->principal == n.principal;
      });
      if (!seen) found.push_back(&n);
    }
    if (!found.empty()) break;
  }
  auto principal_of = [&](const PrincipalName& n) -> const iam::PrincipalPermissions& {
    return facts[n.model]->Permissions().principals()[n.principal];
  };
  if (found.size() == 1) {
    out->model = &models[found.front()->model];
    out->principal = &principal_of(*found.front());
    out->facts = std::move(facts[found.front()->model]);
    return -1;
  }
  if (found.size() > 1) {
    std::vector<std::string> which;
    for (const PrincipalName* n : found) {
      const iam::PrincipalPermissions& p = principal_of(*n);
      const model::Resource& r = p.role() != nullptr ? *p.role() : p.resource();
      which.push_back(p.Holder() + " at " + ShortWhere(r.loc, models[n->model]));
    }
    return UsageError(command, "'" + query.name + "' names several principals (" +
                                   util::Join(which, "; ") +
                                   "); name one of them, or give the template's path");
  }

  // A group with users is seen through them.
  for (const model::Model& m : models) {
    const model::Group* group = m.FindGroup(query.name);
    if (group == nullptr) continue;
    std::vector<std::string> users;
    for (const model::User& u : m.users) {
      if (std::find(u.groups.begin(), u.groups.end(), group->id) != u.groups.end()) {
        users.push_back(u.id);
      }
    }
    return UsageError(command, "IAM group '" + group->id +
                                   "' is not a principal of its own: its policies are part of "
                                   "the permissions of its users (" +
                                   iam::SummarizeNames(users, 5) + "); name one of them");
  }
  std::string message =
      "no function or other principal '" + query.name + "' in " + util::Join(paths, " ");
  std::vector<PrincipalName> candidates;
  for (const model::Model& m : models) {
    for (const model::Function& f : m.functions) {
      candidates.push_back({f.id, "function"});
      if (f.function_name.known() && f.function_name.value != f.id) {
        candidates.push_back({f.function_name.value, "function name", true});
      }
    }
  }
  candidates.insert(candidates.end(), names.begin(), names.end());
  return UsageError(command, message + Suggestions(query.name, candidates));
}

const model::PolicyDocument* PolicyFiles::Read(std::string_view command, const std::string& path,
                                               bool resource_based) {
  util::DiskFileSystem fs;
  std::string text, err;
  if (!fs.ReadFile(path, 10 << 20, &text, &err)) {
    UsageError(command, "cannot read " + path + ": " + err);
    return nullptr;
  }
  const util::SourceFile* file = sources_.Add(path, std::move(text));
  util::DiagnosticSink diags;
  load::syntax::ParseLimits limits;
  bool json = path.size() >= 5 && util::EqualsIgnoreCase(path.substr(path.size() - 5), ".json");
  std::unique_ptr<load::syntax::Document> doc = json
                                                    ? load::syntax::ParseJson(file, limits, &diags)
                                                    : load::syntax::ParseYaml(file, limits, &diags);
  auto parsed = std::make_unique<model::PolicyDocument>();
  if (!diags.has_errors() && doc != nullptr) load::ReadPolicyFile(*doc, path, parsed.get(), &diags);
  if (diags.has_errors() || doc == nullptr) {
    for (const util::Diagnostic& d : diags.Sorted())
      std::fputs(RenderDiagnostic(d).c_str(), stderr);
    UsageError(command, "the policy " + path + " is not usable");
    return nullptr;
  }

  std::vector<util::Diagnostic> problems = diags.Sorted();
  iam::Validate(*parsed, resource_based ? iam::PolicyKind::kResource : iam::PolicyKind::kIdentity,
                iam::Catalog::Get(), &problems);
  for (const util::Diagnostic& d : problems) std::fputs(RenderDiagnostic(d).c_str(), stderr);

  docs_.push_back(std::move(doc));
  policies_.push_back(std::move(parsed));
  return policies_.back().get();
}

}  // namespace iam_cli
}  // namespace fnwarden::cli
