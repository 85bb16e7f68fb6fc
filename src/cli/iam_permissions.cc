// `fnwarden iam permissions`: what a function's role lets it do, by service
// and access level, with the resources and the statement behind each grant;
// the same for any other principal of the scan (a role, an IAM user or
// group, a standalone policy).
//
// Every Allow statement of the principal's policies proposes its actions
// (expanded through the catalog) on its resources; each proposal is then
// evaluated against all of them (analysis/iam/effective.h: denies, the
// permissions boundary, conditions), and kept when it is allowed or
// conditional.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/facts.h"
#include "analysis/iam/catalog.h"
#include "analysis/iam/effective.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/iam_command.h"
#include "cli/output.h"
#include "report/json_writer.h"
#include "report/report.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace fnwarden::cli::iam_cli {
namespace {

namespace iam = analysis::iam;
constexpr std::string_view kCommand = "iam permissions";

// One action allowed on one resource by one statement.
struct Grant {
  std::string resource;  // as the statement names it, resolved where fnwarden can
  const model::PolicyDocument* policy = nullptr;
  std::string policy_label;                     // see PolicyLabel; "" for none
  const model::Statement* statement = nullptr;  // the model's, for its position
  bool conditional = false;
  std::vector<std::string> keys;  // the statement's condition keys, when conditional
};

struct Permissions {
  std::map<uint32_t, std::vector<Grant>> by_action;  // catalog id -> grants
  std::vector<std::string> notes;                    // what the listing cannot account for
};

std::string WhereOf(util::Loc loc) {
  if (!loc.known()) return "";
  return std::string(loc.path()) + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

// The catalog actions a statement names (or, for NotAction, does not name).
std::vector<iam::ActionInfo> Candidates(const model::Statement& st, const iam::Catalog& catalog,
                                        bool* unresolved) {
  std::vector<bool> seen(catalog.action_count(), false);
  std::vector<iam::ActionInfo> out;
  auto add = [&](const iam::ActionInfo& a) {
    if (seen[a.id]) return;
    seen[a.id] = true;
    out.push_back(a);
  };
  std::vector<std::string> patterns;
  for (const model::String& a : st.actions) {
    if (a.known()) {
      patterns.push_back(a.value);
    } else if (!a.alternatives.empty()) {
      patterns.insert(patterns.end(), a.alternatives.begin(), a.alternatives.end());
    } else {
      *unresolved = true;
    }
  }
  if (st.not_action) {
    for (const iam::ActionInfo& a : catalog.Expand("*")) {
      bool excluded = std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
        return util::WildcardMatch(p, a.name, true);
      });
      if (!excluded) add(a);
    }
  } else {
    for (const std::string& p : patterns) {
      for (const iam::ActionInfo& a : catalog.Expand(p)) add(a);
    }
  }
  return out;
}

std::vector<std::string> ConditionKeys(const model::Statement& st) {
  std::vector<std::string> out;
  for (const model::Condition& c : st.conditions) {
    if (std::find(out.begin(), out.end(), c.key) == out.end()) out.push_back(c.key);
  }
  return out;
}

// Proposes the grants of one statement and keeps those the principal's
// policies allow. `label` is the policy's PolicyLabel.
void AddStatement(const iam::PrincipalPermissions& who, const model::PolicyDocument& policy,
                  const std::string& label, const model::Statement& original,
                  const model::Statement& st, Permissions* out) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  std::string where = WhereOf(original.loc);
  if (!st.known) {
    out->notes.push_back(where + ": a statement fnwarden could not resolve may grant more");
    return;
  }
  if (!st.has_resource || st.effect.absent() || st.effect.Is(model::Effect::kDeny)) return;
  bool unresolved_action = false;
  std::vector<iam::ActionInfo> actions = Candidates(st, catalog, &unresolved_action);
  if (unresolved_action) {
    out->notes.push_back(where + ": an action fnwarden could not resolve may grant more");
  }
  struct Target {
    std::string display;
    std::string arn;  // "" for any resource
    bool unknown = false;
  };
  std::vector<Target> targets;
  if (st.not_resource) {
    targets.push_back({iam::ResourceSummary(st), "", false});
  } else {
    for (const model::String& r : st.resources) {
      if (r.known() && r.value == "*") {
        targets.push_back({"*", "", false});
      } else if (r.known()) {
        targets.push_back({r.value, r.value, false});
      } else {
        targets.push_back({(r.value.empty() ? "?" : r.value) + " (unresolved)", "", true});
      }
    }
  }
  bool effect_unknown = !st.effect.known();
  for (const iam::ActionInfo& a : actions) {
    for (const Target& t : targets) {
      bool conditional = t.unknown || effect_unknown;
      if (!t.unknown) {
        // A wildcard-only action is granted only by Resource "*".
        if (!t.arn.empty() && a.wildcard_only) continue;
        iam::Result r = t.arn.empty() ? who.CanOnAny(a) : who.Can(a.name, t.arn);
        if (r.decision == iam::Decision::kExplicitlyDenied ||
            r.decision == iam::Decision::kImplicitlyDenied) {
          continue;
        }
        conditional = conditional || r.decision == iam::Decision::kConditional;
      }
      Grant g{t.display, &policy, label, &original, conditional, {}};
      if (conditional) g.keys = ConditionKeys(original);
      out->by_action[a.id].push_back(std::move(g));
    }
  }
}

// How a grant line names the policy behind it: a managed policy's or SAM
// policy template's name; for an IAM user, also the group that holds it
// ("IAM group Admins: AmazonS3FullAccess"). "" for the principal's own
// inline policies, and for a standalone policy listed on its own.
std::string PolicyLabel(const iam::PrincipalPermissions& who, const model::PolicyDocument& p) {
  std::string label =
      p.source == model::PolicySource::kInline || p.name.empty() ? std::string() : p.name;
  if (who.kind() == iam::PrincipalKind::kPolicy) return "";  // the header names it
  if (who.kind() != iam::PrincipalKind::kUser) return label;
  const auto& user = static_cast<const model::User&>(who.resource());
  if (std::any_of(user.policies.begin(), user.policies.end(),
                  [&](const model::PolicyDocument& own) { return &own == &p; })) {
    return label;
  }
  std::string owner = who.OwnerOf(&p);
  return label.empty() ? owner : owner + ": " + label;
}

// The permissions boundary of a role or a user: {boundary as written, whether
// fnwarden read its document}; null for other principals.
std::pair<const model::String*, bool> BoundaryOf(const iam::PrincipalPermissions& who) {
  if (const model::Role* role = who.role()) {
    return {&role->permissions_boundary, role->has_boundary_policy && role->boundary_policy.known};
  }
  if (who.kind() == iam::PrincipalKind::kUser) {
    const auto& user = static_cast<const model::User&>(who.resource());
    return {&user.permissions_boundary, user.has_boundary_policy && user.boundary_policy.known};
  }
  return {nullptr, false};
}

Permissions Collect(const iam::PrincipalPermissions& who, const iam::Resolver& resolver) {
  Permissions out;
  for (const model::PolicyDocument* p : who.policies()) {
    if (!p->known) {
      out.notes.push_back(WhereOf(p->loc) + ": policy " +
                          (p->arn.known() ? p->arn.value : p->name) +
                          " could not be read: it may grant more");
      continue;
    }
    model::PolicyDocument resolved = resolver.Resolve(*p);
    std::string label = PolicyLabel(who, *p);
    for (size_t i = 0; i < p->statements.size(); ++i) {
      AddStatement(who, *p, label, p->statements[i], resolved.statements[i], &out);
    }
  }
  if (auto [boundary, read] = BoundaryOf(who);
      boundary != nullptr && !boundary->absent() && !read) {
    out.notes.push_back(WhereOf(boundary->loc) +
                        ": the permissions boundary could not be read: every grant is conditional");
  }
  return out;
}

// The access levels in the order they are listed.
constexpr std::array<iam::AccessLevel, 5> kLevels = {
    iam::AccessLevel::kList, iam::AccessLevel::kRead, iam::AccessLevel::kWrite,
    iam::AccessLevel::kPermissionsManagement, iam::AccessLevel::kTagging};

// Grants of one service, by level: (action, grants) in catalog order.
using Level = std::vector<std::pair<iam::ActionInfo, const std::vector<Grant>*>>;
struct Service {
  std::string_view name;
  std::array<Level, 5> levels;  // indexed by AccessLevel
};

std::vector<Service> ByService(const Permissions& p) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  std::vector<Service> out;
  for (const auto& [id, grants] : p.by_action) {
    iam::ActionInfo a = catalog.action(id);
    if (out.empty() || out.back().name != a.service) out.push_back(Service{a.service, {}});
    out.back().levels[static_cast<size_t>(a.level)].emplace_back(a, &grants);
  }
  return out;
}

// A service whose actions are all, or all but a few, allowed is shown as a
// whole ("all 170 actions"), not action by action: an admin role allows
// 22,000 of them.
constexpr size_t kFewMissing = 5;

// What the role leaves out of a service: its catalog actions without a
// grant, in catalog order.
struct Coverage {
  size_t total = 0;
  std::vector<std::string_view> missing;
  bool whole() const { return total > 0 && missing.size() <= std::min(kFewMissing, total / 4); }
};

Coverage CoverageOf(const Service& s, const Permissions& p) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  Coverage c;
  const std::vector<uint32_t>& all = catalog.ExpandIds(std::string(s.name) + ":*");
  c.total = all.size();
  for (uint32_t id : all) {
    if (p.by_action.count(id) == 0) c.missing.push_back(catalog.action(id).name);
  }
  return c;
}

bool SameGrant(const Grant& a, const Grant& b) {
  return a.resource == b.resource && a.policy == b.policy && a.statement == b.statement &&
         a.conditional == b.conditional;
}

bool SameGrants(const std::vector<Grant>& a, const std::vector<Grant>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), SameGrant);
}

// The grants most of a service's actions share: the ones a whole-service
// line stands for.
const std::vector<Grant>* CommonGrants(const Service& s) {
  std::vector<std::pair<const std::vector<Grant>*, size_t>> tally;
  for (const Level& level : s.levels) {
    for (const auto& entry : level) {
      const auto& grants = entry.second;
      auto it = std::find_if(tally.begin(), tally.end(),
                             [&](const auto& t) { return SameGrants(*t.first, *grants); });
      if (it == tally.end()) {
        tally.emplace_back(grants, 1);
      } else {
        ++it->second;
      }
    }
  }
  auto best = std::max_element(tally.begin(), tally.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return best == tally.end() ? nullptr : best->first;
}

// "all 170 actions" or "all but 3 of 170 actions (not s3:A, s3:B, s3:C)".
std::string WholeServiceText(const Coverage& c) {
  if (c.missing.empty()) return "all " + report::Plural(c.total, "action");
  std::vector<std::string> names(c.missing.begin(), c.missing.end());
  return "all but " + std::to_string(c.missing.size()) + " of " +
         report::Plural(c.total, "action") + " (not " + util::Join(names, ", ") + ")";
}

std::string GrantLine(std::string name, const Grant& g, size_t action_width,
                      size_t resource_width) {
  name.resize(std::max(name.size(), action_width), ' ');
  std::string resource = g.resource;
  resource.resize(std::max(resource.size(), resource_width), ' ');
  std::string line = "    " + name + "  " + resource + "  " + WhereOf(g.statement->loc);
  if (!g.policy_label.empty()) line += " (" + g.policy_label + ")";
  if (g.conditional) {
    line += "  conditional";
    if (!g.keys.empty()) line += " on " + util::Join(g.keys, ", ");
  }
  return line + "\n";
}

std::string RenderText(const std::string& header, const Permissions& p, bool summary) {
  std::vector<Service> services = ByService(p);
  size_t action_width = 0, resource_width = 0;
  for (const auto& [id, grants] : p.by_action) {
    action_width = std::max(action_width, iam::Catalog::Get().action(id).name.size());
    for (const Grant& g : grants) resource_width = std::max(resource_width, g.resource.size());
  }
  action_width = std::min<size_t>(action_width, 40);
  resource_width = std::min<size_t>(resource_width, 60);
  std::string out = header + "\n";
  if (services.empty()) {
    out += p.notes.empty() ? "\nno permissions\n" : "\nno permissions fnwarden can see\n";
  }
  for (const Service& s : services) {
    out += "\n" + std::string(s.name);
    std::string_view title = iam::Catalog::Get().ServiceTitle(s.name);
    if (!title.empty()) out += " (" + std::string(title) + ")";
    Coverage coverage = CoverageOf(s, p);
    const std::vector<Grant>* common = coverage.whole() ? CommonGrants(s) : nullptr;
    if (common != nullptr) {
      out += ": " + WholeServiceText(coverage);
      if (summary) {
        out += "\n";
        continue;
      }
      if (common->size() == 1) {
        // One grant: on the same line ("all 170 actions, by *  t.yaml:12:15").
        std::string line = GrantLine("", common->front(), 0, 0);
        out += ", by " + line.substr(line.find_first_not_of(' '));
      } else {
        out += ", by\n";
        for (const Grant& g : *common) out += GrantLine("", g, 0, resource_width);
      }
    } else {
      out += "\n";
    }
    for (iam::AccessLevel level : kLevels) {
      Level actions = s.levels[static_cast<size_t>(level)];
      // Under a whole-service line, only the actions granted otherwise.
      if (common != nullptr) {
        std::erase_if(actions, [&](const auto& entry) { return SameGrants(*entry.second, *common); });
      }
      if (actions.empty()) continue;
      if (summary) {
        std::vector<std::string> names;
        for (const auto& [a, grants] : actions) names.emplace_back(a.name);
        out += "  " + std::string(iam::AccessLevelName(level)) + " (" +
               std::to_string(names.size()) + "): " + iam::SummarizeNames(names, 5) + "\n";
        continue;
      }
      out += "  " + std::string(iam::AccessLevelName(level)) + "\n";
      for (const auto& [a, grants] : actions) {
        for (size_t i = 0; i < grants->size(); ++i) {
          out += GrantLine(i == 0 ? std::string(a.name) : "", (*grants)[i], action_width,
                           resource_width);
        }
      }
    }
  }
  if (!p.notes.empty()) out += "\n";
  for (const std::string& n : p.notes) out += "note: " + n + "\n";
  return out;
}

// "function", "role", "user", "group" or "policy".
std::string_view KindName(iam::PrincipalKind kind) {
  switch (kind) {
    case iam::PrincipalKind::kFunction:
      return "function";
    case iam::PrincipalKind::kRole:
      return "role";
    case iam::PrincipalKind::kUser:
      return "user";
    case iam::PrincipalKind::kGroup:
      return "group";
    case iam::PrincipalKind::kPolicy:
      return "policy";
  }
  return "";
}

// The resource the listing is about: the function named, else the
// principal's role, else the principal itself (a user, group or policy).
const model::Resource& Listed(const FoundPrincipal& found) {
  if (found.function != nullptr) return *found.function;
  if (const model::Role* role = found.principal->role()) return *role;
  return found.principal->resource();
}

std::string RenderJson(const FoundPrincipal& found, const Permissions& p) {
  const iam::PrincipalPermissions& who = *found.principal;
  const model::Role* role = who.role();
  const model::Resource& listed = Listed(found);
  report::JsonWriter w;
  w.BeginObject();
  w.Field("principal", listed.id);
  // A role that functions assume is listed as a role.
  w.Field("kind", found.function == nullptr && role != nullptr ? "role" : KindName(who.kind()));
  w.Field("subject", who.Subject());
  w.Key("function");
  if (found.function != nullptr) {
    w.String(found.function->id);
  } else {
    w.Null();
  }
  w.Field("file", listed.loc.path());
  w.Field("line", listed.loc.line);
  w.Key("role");
  if (role != nullptr) {
    w.String(role->id);
  } else {
    w.Null();
  }
  w.Key("services");
  w.BeginArray();
  for (const Service& s : ByService(p)) {
    w.BeginObject();
    w.Field("service", s.name);
    w.Field("title", iam::Catalog::Get().ServiceTitle(s.name));
    Coverage coverage = CoverageOf(s, p);
    w.Field("catalog_actions", coverage.total);
    w.Field("allowed_actions", coverage.total - coverage.missing.size());
    w.Key("levels");
    w.BeginArray();
    for (iam::AccessLevel level : kLevels) {
      const Level& actions = s.levels[static_cast<size_t>(level)];
      if (actions.empty()) continue;
      w.BeginObject();
      w.Field("level", iam::AccessLevelName(level));
      w.Key("actions");
      w.BeginArray();
      for (const auto& [a, grants] : actions) {
        w.BeginObject();
        w.Field("action", a.name);
        w.Key("grants");
        w.BeginArray();
        for (const Grant& g : *grants) {
          w.BeginObject();
          w.Field("resource", g.resource);
          w.Field("decision", g.conditional ? "Conditional" : "Allowed");
          w.Field("file", g.statement->loc.path());
          w.Field("line", g.statement->loc.line);
          w.Field("column", g.statement->loc.col);
          w.Field("policy", g.policy->name);
          w.Field("owner", who.OwnerOf(g.policy));
          w.Key("condition_keys");
          w.BeginArray();
          for (const std::string& k : g.keys) w.String(k);
          w.EndArray();
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("notes");
  w.BeginArray();
  for (const std::string& n : p.notes) w.String(n);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

// " (template.yaml:8:3)", or "" when the position is unknown.
std::string At(util::Loc loc) {
  std::string where = WhereOf(loc);
  return where.empty() ? where : " (" + where + ")";
}

// The first line of the text listing: what it is about.
std::string Header(const FoundPrincipal& found) {
  const iam::PrincipalPermissions& who = *found.principal;
  const model::Role* role = who.role();
  if (found.function != nullptr) {
    std::string header = "function " + found.function->id + At(found.function->loc);
    if (role != nullptr) header += ", role " + role->id;
    return header;
  }
  const model::Resource& r = who.resource();
  switch (who.kind()) {
    case iam::PrincipalKind::kFunction: {  // a role that functions assume
      std::vector<std::string> names;
      for (const model::Function* f : who.sharing()) names.push_back(f->id);
      return "role " + role->id + At(role->loc) + ", assumed by function" +
             (names.size() > 1 ? "s " : " ") + iam::SummarizeNames(names, 5);
    }
    case iam::PrincipalKind::kRole: {
      // Subject(): "role R, assumed by states.amazonaws.com for state machine S,".
      std::string subject = who.Subject();
      std::string uses = subject.substr(std::min(subject.size(), 5 + role->id.size()));
      if (uses.ends_with(',')) uses.pop_back();
      return "role " + role->id + At(role->loc) + uses;
    }
    case iam::PrincipalKind::kUser: {
      const auto& user = static_cast<const model::User&>(r);
      std::string header = "IAM user " + r.id + At(r.loc);
      if (user.user_name.known() && user.user_name.value != r.id) {
        header += ", named " + user.user_name.value;
      }
      if (!user.groups.empty()) {
        header += ", in IAM group" + std::string(user.groups.size() > 1 ? "s " : " ") +
                  iam::SummarizeNames(user.groups, 5);
      }
      return header;
    }
    case iam::PrincipalKind::kGroup:
      return "IAM group " + r.id + At(r.loc) + ", for any user added to it";
    case iam::PrincipalKind::kPolicy: {
      const auto& policy = static_cast<const model::StandalonePolicy&>(r);
      std::vector<std::string> names;
      for (const model::String& a : policy.attached_to) names.push_back(a.known() ? a.value : "?");
      return "policy " + r.id + At(r.loc) + ", for any principal it is attached to" +
             (names.empty() ? "" : " (" + iam::SummarizeNames(names, 5) + ")");
    }
  }
  return r.id;
}

}  // namespace

int RunPermissions(int argc, char** argv) {
  FunctionQuery query;
  std::vector<std::string> params;
  std::string format = "text";
  bool summary = false;
  CLI::App app(
      "List a principal's effective permissions: what a function's role allows (inline, managed "
      "and SAM template policies, minus denies, within its permissions boundary), grouped by "
      "service and access level, with the resources and the statement behind each grant. Any "
      "other principal of the project works too: a role, an IAM user or group, a standalone "
      "policy, or a resource that uses a role (a state machine, for its role).",
      "iam permissions");
  app.add_option("PRINCIPAL", query.name,
                 "a function's logical ID or FunctionName, or the logical ID of a role, IAM user, "
                 "IAM group, policy or a resource that uses a role")
      ->required();
  app.add_option("PATH", query.paths, "files or folders to load (default: .)");
  app.add_option("--param", params, "CloudFormation parameter, Name=Value (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--format", format, "text or json")->capture_default_str();
  app.add_flag("--summary", summary, "text: one line per service and access level");
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  format = util::ToLower(format);
  if (format != "text" && format != "json") {
    return UsageError(kCommand, "unknown format '" + format + "' (expected text or json)");
  }
  std::string err;
  if (!ParseParamFlags(params, &query.parameters, &err)) return UsageError(kCommand, err);
  FoundPrincipal found;
  if (int rc = FindPrincipal(kCommand, query, &found); rc >= 0) return rc;

  const iam::PrincipalPermissions& who = *found.principal;
  Permissions p;
  if (const model::Function* fn = found.function; fn != nullptr && who.role() == nullptr) {
    p.notes.push_back(WhereOf(fn->role.loc.known() ? fn->role.loc : fn->loc) + ": the role of " +
                      fn->id + (fn->role.known() ? " (" + fn->role.value + ")" : std::string()) +
                      " is not defined in this project: its permissions are unknown");
  } else {
    p = Collect(who, found.facts->Permissions().resolver());
  }
  if (format == "json") {
    WriteStdout(RenderJson(found, p));
    return kExitClean;
  }
  // Names and paths come from the scanned files: nothing in them may act
  // on the terminal.
  WriteStdout(util::TerminalSafe(RenderText(Header(found), p, summary)));
  return kExitClean;
}

}  // namespace fnwarden::cli::iam_cli
