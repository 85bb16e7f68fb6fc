// `fnwarden iam simulate`: one request against a policy file or a function's
// role, with the decision and the statements that decided it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <deque>
#include <string>
#include <vector>

#include "analysis/iam/catalog.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/evaluate.h"
#include "analysis/iam/match.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/iam_command.h"
#include "cli/output.h"
#include "report/json_writer.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace fnwarden::cli::iam_cli {
namespace {

namespace iam = analysis::iam;
constexpr std::string_view kCommand = "iam simulate";

struct SimulateFlags {
  std::vector<std::string> policies;
  std::string function;
  std::vector<std::string> paths;
  std::vector<std::string> params;
  std::string action;
  std::string resource = "*";
  std::vector<std::string> context;
  std::string resource_policy;
  std::string boundary;
  std::string principal;
  bool closed_context = false;
  std::string format = "text";
};

// The spelling the issue tracker, the docs and scripts use.
const char* DecisionWord(iam::Decision d) {
  switch (d) {
    case iam::Decision::kAllowed:
      return "Allowed";
    case iam::Decision::kExplicitlyDenied:
      return "ExplicitlyDenied";
    case iam::Decision::kImplicitlyDenied:
      return "ImplicitlyDenied";
    case iam::Decision::kConditional:
      return "Conditional";
  }
  return "?";
}

const char* KindName(iam::PolicyKind k) {
  switch (k) {
    case iam::PolicyKind::kIdentity:
      return "identity";
    case iam::PolicyKind::kResource:
      return "resource";
    case iam::PolicyKind::kTrust:
      return "trust";
    case iam::PolicyKind::kBoundary:
      return "boundary";
    case iam::PolicyKind::kSession:
      return "session";
  }
  return "?";
}

// --context key=value flags: a key given more than once, or documented as
// multi-valued (ArrayOf*), carries the list of its values.
bool BuildContext(const std::vector<std::string>& flags, bool closed, iam::Context* ctx,
                  std::string* err) {
  struct Key {
    std::string name;
    std::vector<std::string> values;
  };
  std::vector<Key> keys;
  for (const std::string& f : flags) {
    size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0) {
      *err = "--context expects key=value, got '" + f + "'";
      return false;
    }
    std::string name = f.substr(0, eq);
    auto it = std::find_if(keys.begin(), keys.end(),
                           [&](const Key& k) { return util::EqualsIgnoreCase(k.name, name); });
    if (it == keys.end()) {
      keys.push_back({name, {}});
      it = keys.end() - 1;
    }
    it->values.push_back(f.substr(eq + 1));
  }
  const iam::Catalog& catalog = iam::Catalog::Get();
  for (Key& k : keys) {
    std::optional<iam::ConditionKeyInfo> info = catalog.FindConditionKey(k.name);
    if (catalog.loaded() && !info) {
      std::fprintf(stderr,
                   "fnwarden iam simulate: warning: '%s' is not a documented condition key\n",
                   util::TerminalSafeLine(k.name).c_str());
    }
    if (k.values.size() > 1 || (info && iam::IsMultiValued(info->type))) {
      ctx->SetMulti(k.name, std::move(k.values));
    } else {
      ctx->Set(k.name, k.values.front());
    }
  }
  if (closed) ctx->Close();
  return true;
}

// Checks --action against the catalog. -1 when usable, else the exit code.
int CheckAction(const std::string& action) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  if (!catalog.loaded() || catalog.FindAction(action)) return -1;
  if (action.find_first_of("*?") != std::string::npos) {
    return UsageError(kCommand, "--action takes one action, not a pattern; 'fnwarden iam expand " +
                                    action + "' lists the actions it covers");
  }
  std::string message = "unknown action '" + action + "'";
  std::string guess = catalog.ClosestAction(action);
  if (!guess.empty()) message += "; did you mean " + guess + "?";
  return UsageError(kCommand, message);
}

// What the request and its policies are, kept alive while results point in.
struct Setup {
  PolicyFiles files;
  std::deque<model::PolicyDocument> resolved;  // a function's role policies, resolved
  std::deque<iam::CompiledPolicy> compiled;
  iam::PolicySet set;
  std::string principal_arn, session_arn;
  std::string subject;             // "function OrdersFunction (role OrdersFunctionRole)"
  std::vector<std::string> notes;  // why a Conditional answer may not be decidable
};

const iam::CompiledPolicy* Add(Setup* s, const model::PolicyDocument& doc, iam::PolicyKind kind) {
  s->compiled.push_back(iam::Compile(doc, kind));
  return &s->compiled.back();
}

std::string WhereOf(util::Loc loc) {
  if (!loc.known()) return "";
  return std::string(loc.path()) + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

std::string NameOr(const model::String& v, std::string_view fallback) {
  return v.known() && !v.value.empty() ? v.value : std::string(fallback);
}

// Fills the identity side from a function's role, as `fnwarden scan`
// understands it: references to resources of the template resolve under
// the deployment assumptions of analysis/iam/effective.h.
int SetupFunction(const SimulateFlags& flags, FoundFunction* found, Setup* s) {
  FunctionQuery query{flags.function, flags.paths, {}};
  std::string err;
  if (!ParseParamFlags(flags.params, &query.parameters, &err)) return UsageError(kCommand, err);
  if (int rc = FindFunction(kCommand, query, found); rc >= 0) return rc;
  const model::Function& fn = *found->function;
  const model::Role* role = fn.role_id.empty() ? nullptr : found->model->FindRole(fn.role_id);
  s->subject = "function " + fn.id;
  if (role == nullptr) {
    s->subject += " (role " + NameOr(fn.role, "unknown") + ")";
    s->notes.push_back(WhereOf(fn.role.loc.known() ? fn.role.loc : fn.loc) + ": the role of " +
                       fn.id + " is not defined in this project: its policies are unknown");
    model::PolicyDocument unknown;
    unknown.known = false;
    unknown.name = NameOr(fn.role, "role");
    s->resolved.push_back(std::move(unknown));
    s->set.identity.push_back(Add(s, s->resolved.back(), iam::PolicyKind::kIdentity));
    return -1;
  }
  iam::Resolver resolver(*found->model);
  std::string name = NameOr(resolver.Resolve(role->role_name), role->id);
  s->subject += " (role " + role->id + ")";
  s->principal_arn = "arn:aws:iam::" + std::string(iam::kAssumedAccount) + ":role/" + name;
  s->session_arn =
      "arn:aws:sts::" + std::string(iam::kAssumedAccount) + ":assumed-role/" + name + "/" + fn.id;
  for (const model::PolicyDocument& p : role->policies) {
    if (!p.known) {
      std::string what = p.arn.known() ? p.arn.value : p.name;
      s->notes.push_back(WhereOf(p.loc) + ": policy " + what +
                         " could not be read: it may allow or deny anything");
    }
    s->resolved.push_back(resolver.Resolve(p));
    s->set.identity.push_back(Add(s, s->resolved.back(), iam::PolicyKind::kIdentity));
  }
  if (flags.boundary.empty()) {
    if (role->has_boundary_policy && role->boundary_policy.known) {
      s->resolved.push_back(resolver.Resolve(role->boundary_policy));
      s->set.boundary = Add(s, s->resolved.back(), iam::PolicyKind::kBoundary);
    } else if (!role->permissions_boundary.absent()) {
      s->set.boundary_unknown = true;
      s->notes.push_back(WhereOf(role->permissions_boundary.loc) +
                         ": the permissions boundary could not be read (give it with --boundary)");
    }
  }
  return -1;
}

// Condition keys of a statement the request leaves unknown.
std::vector<std::string> UnknownKeys(const model::Statement& st, const iam::Context& ctx,
                                     const iam::Request& req) {
  std::vector<std::string> out;
  if (ctx.closed()) return out;
  for (const model::Condition& c : st.conditions) {
    std::string key = util::ToLower(c.key);
    if (ctx.Find(key) != nullptr) continue;
    if (!req.principal.arn.empty() &&
        (key == "aws:principalarn" || key == "aws:principalaccount")) {
      continue;
    }
    if (std::find(out.begin(), out.end(), c.key) == out.end()) out.push_back(c.key);
  }
  return out;
}

std::string StatementSummary(const model::Statement& st) {
  std::string effect = !st.effect.known()                        ? "Allow/Deny?"
                       : st.effect.value == model::Effect::kDeny ? "Deny"
                                                                 : "Allow";
  std::vector<std::string> actions;
  for (const model::String& a : st.actions) actions.push_back(a.known() ? a.value : "?");
  std::string out = effect + " " + (st.not_action ? "all but " : "") + iam::SummarizeNames(actions);
  if (st.has_resource) out += " on " + iam::ResourceSummary(st);
  return out;
}

}  // namespace

int RunSimulate(int argc, char** argv) {
  SimulateFlags flags;
  CLI::App app(
      "Evaluate one IAM request (an action on a resource, with condition keys) against a policy "
      "file or the role of a function in a project. Prints Allowed, ExplicitlyDenied, "
      "ImplicitlyDenied or Conditional with the statements that decided it.",
      "iam simulate");
  app.add_option("--policy", flags.policies,
                 "an identity policy document (JSON or YAML); repeatable")
      ->allow_extra_args(false);
  app.add_option("--function", flags.function,
                 "a function (logical ID or FunctionName) whose role's policies to use");
  app.add_option("PATH", flags.paths, "with --function: files or folders to load (default: .)");
  app.add_option("--param", flags.params,
                 "with --function: CloudFormation parameter, Name=Value (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--action", flags.action, "the action requested, such as s3:GetObject")
      ->required();
  app.add_option("--resource", flags.resource, "the resource ARN requested")->capture_default_str();
  app.add_option("--context", flags.context,
                 "a condition key in the request, key=value; repeat a key for several values")
      ->allow_extra_args(false);
  app.add_flag("--closed-context", flags.closed_context,
               "keys not given with --context are absent (default: unknown, which makes "
               "statements that test them Conditional)");
  app.add_option("--resource-policy", flags.resource_policy,
                 "the resource's policy (bucket, queue, key policy...) as a file");
  app.add_option("--boundary", flags.boundary, "a permissions boundary as a file");
  app.add_option("--principal", flags.principal,
                 "the caller's IAM role or user ARN (default with --function: the role's ARN in "
                 "account 123456789012; otherwise none, and the request is same-account)");
  app.add_option("--format", flags.format, "text or json")->capture_default_str();
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  if (flags.format != "text" && flags.format != "json") {
    return UsageError(kCommand, "unknown format '" + flags.format + "' (expected text or json)");
  }
  if (flags.policies.empty() == flags.function.empty()) {
    return UsageError(kCommand, "give either --policy FILE or --function NAME");
  }
  if (!flags.paths.empty() && flags.function.empty()) {
    return UsageError(kCommand, "PATH is only used with --function");
  }
  if (int rc = CheckAction(flags.action); rc >= 0) return rc;
  iam::Context ctx;
  std::string err;
  if (!BuildContext(flags.context, flags.closed_context, &ctx, &err)) {
    return UsageError(kCommand, err);
  }

  FoundFunction found;  // outlives `s`, whose documents point into it
  Setup s;
  if (!flags.function.empty()) {
    if (int rc = SetupFunction(flags, &found, &s); rc >= 0) return rc;
  } else {
    for (const std::string& path : flags.policies) {
      const model::PolicyDocument* doc = s.files.Read(kCommand, path, false);
      if (doc == nullptr) return kExitUsage;
      s.set.identity.push_back(Add(&s, *doc, iam::PolicyKind::kIdentity));
    }
    s.subject = "policy " + util::Join(flags.policies, ", ");
  }
  if (!flags.boundary.empty()) {
    const model::PolicyDocument* doc = s.files.Read(kCommand, flags.boundary, false);
    if (doc == nullptr) return kExitUsage;
    s.set.boundary = Add(&s, *doc, iam::PolicyKind::kBoundary);
    s.set.boundary_unknown = false;
  }
  if (!flags.resource_policy.empty()) {
    const model::PolicyDocument* doc = s.files.Read(kCommand, flags.resource_policy, true);
    if (doc == nullptr) return kExitUsage;
    s.set.resource = Add(&s, *doc, iam::PolicyKind::kResource);
    // KMS key policies and role trust policies must allow the caller themselves.
    iam::ArnParts parts = iam::SplitArn(flags.resource);
    bool key = parts.valid && parts.part[2] == "kms";
    bool trust = util::ToLower(flags.action).starts_with("sts:assumerole");
    if (key || trust) s.set.resource_mode = iam::ResourcePolicyMode::kExplicitAllowRequired;
  }
  if (!flags.principal.empty()) {
    s.principal_arn = flags.principal;
    s.session_arn.clear();
  }

  iam::Request req;
  req.principal.arn = s.principal_arn;
  req.principal.session_arn = s.session_arn;
  req.action = flags.action;
  req.resource = flags.resource;
  req.context = &ctx;
  iam::Result result = iam::Evaluate(req, s.set);
  // An implicit deny that only the boundary or the session policy causes:
  // say so, rather than that no statement allows the request.
  std::string limited_by;
  if (result.decision == iam::Decision::kImplicitlyDenied &&
      (s.set.boundary != nullptr || s.set.session != nullptr)) {
    iam::PolicySet unlimited = s.set;
    unlimited.boundary = nullptr;
    unlimited.session = nullptr;
    if (iam::Evaluate(req, unlimited).decision == iam::Decision::kAllowed) {
      limited_by = s.set.boundary != nullptr && s.set.session != nullptr
                       ? "the permissions boundary or the session policy"
                   : s.set.boundary != nullptr ? "the permissions boundary"
                                               : "the session policy";
    }
  }

  struct Row {
    const model::Statement* statement;
    const iam::CompiledPolicy* policy;
    iam::PolicyKind kind;
    std::vector<std::string> unknown_keys;
  };
  std::vector<Row> rows;
  for (const iam::StatementRef& ref : result.statements) {
    const model::Statement* st = ref.statement().source;
    if (st == nullptr) continue;
    Row row{st, ref.policy, ref.policy->kind, {}};
    if (result.decision == iam::Decision::kConditional)
      row.unknown_keys = UnknownKeys(*st, ctx, req);
    rows.push_back(std::move(row));
  }
  auto policy_name = [](const iam::CompiledPolicy* p) {
    return p->source != nullptr ? p->source->name : std::string();
  };

  if (flags.format == "json") {
    report::JsonWriter w;
    w.BeginObject();
    w.Field("decision", DecisionWord(result.decision));
    w.Field("action", flags.action);
    w.Field("resource", flags.resource);
    w.Field("principal", s.principal_arn);
    w.Field("subject", s.subject);
    w.Key("statements");
    w.BeginArray();
    for (const Row& r : rows) {
      w.BeginObject();
      w.Field("file", r.statement->loc.path());
      w.Field("line", r.statement->loc.line);
      w.Field("column", r.statement->loc.col);
      w.Field("policy", policy_name(r.policy));
      w.Field("policy_kind", KindName(r.kind));
      if (r.statement->sid.known()) w.Field("sid", r.statement->sid.value);
      w.Field("statement", StatementSummary(*r.statement));
      w.Key("unknown_keys");
      w.BeginArray();
      for (const std::string& k : r.unknown_keys) w.String(k);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.Key("notes");
    w.BeginArray();
    if (result.decision == iam::Decision::kConditional) {
      for (const std::string& n : s.notes) w.String(n);
    }
    if (!limited_by.empty()) w.String("the role's policies allow it; " + limited_by + " does not");
    w.EndArray();
    w.EndObject();
    WriteStdout(w.Take());
    return kExitClean;
  }

  std::string out = std::string(DecisionWord(result.decision)) + ": " + flags.action + " on " +
                    flags.resource + "\n  for " + s.subject;
  if (!s.principal_arn.empty()) out += " as " + s.principal_arn;
  out += "\n";
  if (!rows.empty()) {
    out += result.decision == iam::Decision::kConditional ? "it depends on:\n" : "decided by:\n";
  }
  for (const Row& r : rows) {
    std::string where = WhereOf(r.statement->loc);
    out +=
        "  " + (where.empty() ? std::string("?") : where) + ": " + StatementSummary(*r.statement);
    if (r.statement->sid.known() && !r.statement->sid.value.empty()) {
      out += " (Sid " + r.statement->sid.value + ")";
    }
    out += ", " + std::string(KindName(r.kind)) + " policy";
    if (std::string name = policy_name(r.policy); !name.empty()) out += " " + name;
    out += "\n";
    if (!r.unknown_keys.empty()) {
      out += "    unknown in this request: " + util::Join(r.unknown_keys, ", ") +
             " (give them with --context)\n";
    }
  }
  if (result.decision == iam::Decision::kConditional) {
    for (const std::string& n : s.notes) out += "  " + n + "\n";
  }
  if (result.decision == iam::Decision::kImplicitlyDenied && !limited_by.empty()) {
    out += "  the role's policies allow it, but " + limited_by + " does not\n";
  } else if (result.decision == iam::Decision::kImplicitlyDenied) {
    out += "  no statement allows it";
    std::optional<iam::ActionInfo> info = iam::Catalog::Get().FindAction(flags.action);
    if (flags.resource == "*" && info && !info->wildcard_only) {
      out += " on every resource (\"*\"); " + std::string(info->name) +
             " acts on particular resources: name one with --resource ARN";
    }
    out += "\n";
  }
  WriteStdout(util::TerminalSafe(out));
  return kExitClean;
}

}  // namespace fnwarden::cli::iam_cli
