// FNW-IAM-003: a principal is an administrator in all but name: it can
// manage every IAM role, user and policy on every resource, or one statement
// (a NotAction Allow, or "*" that a deny or boundary trims) grants it
// thousands of actions of many services on every resource.
#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/breadth.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/fix_text.h"
#include "analysis/policy_query.h"
#include "model/names.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// Together these let a principal create and empower any identity.
constexpr std::array<std::string_view, 8> kIamControl = {
    "iam:CreateRole", "iam:AttachRolePolicy",       "iam:PutRolePolicy",
    "iam:PassRole",   "iam:UpdateAssumeRolePolicy", "iam:CreatePolicyVersion",
    "iam:CreateUser", "iam:CreateAccessKey",
};

// kIamControl in the catalog, looked up once for every function.
const std::array<std::optional<iam::ActionInfo>, kIamControl.size()>& IamControlInfo() {
  static const auto infos = [] {
    std::array<std::optional<iam::ActionInfo>, kIamControl.size()> out;
    for (size_t i = 0; i < kIamControl.size(); ++i) {
      out[i] = iam::Catalog::Get().FindAction(kIamControl[i]);
    }
    return out;
  }();
  return infos;
}

// True when every action of `actions` only reads: of access level List or
// Read, or named Get*, List* or Describe* (the catalog classes a few of
// those Write or Permissions management, iot:ListSubscriptions or
// billing:GetResourcePolicy among them). AWS's ReadOnlyAccess is such a
// grant: it reads every resource but changes nothing.
//
// `actions` are names of `grants` (a statement's share of the principal's
// AllowedOnAny()), in the grants' catalog order: walking the grants along
// finds each action's catalog entry without a look-up by name. A name the
// walk does not find is looked up, and so are the names after it (the walk
// would otherwise rescan the rest of the grants for each).
bool ReadOnly(const std::vector<std::string>& actions,
              const std::vector<iam::ActionGrant>& grants) {
  const iam::Catalog& catalog = iam::Catalog::Get();
  auto next = grants.begin();
  return std::all_of(actions.begin(), actions.end(), [&](const std::string& name) {
    std::optional<iam::ActionInfo> info;
    auto grant = std::find_if(next, grants.end(),
                              [&](const iam::ActionGrant& g) { return g.action.name == name; });
    if (grant != grants.end()) {
      info = grant->action;
      next = grant + 1;
    } else {
      info = catalog.FindAction(name);
      next = grants.end();
    }
    if (!info) return false;
    if (info->level == iam::AccessLevel::kList || info->level == iam::AccessLevel::kRead) {
      return true;
    }
    std::string_view verb = info->name.substr(info->name.find(':') + 1);
    return verb.starts_with("Get") || verb.starts_with("List") || verb.starts_with("Describe");
  });
}

// What a near-admin statement allows, for the message.
std::string Grant(const iam::StatementGrants& sg) {
  const model::Statement& s = *sg.origin.statement;
  if (!s.not_action) return iam::GrantText({analysis::ActionSummary(s)}, sg.origin);
  std::vector<std::string> excluded;
  for (const auto& a : s.actions) excluded.push_back(a.known() ? a.value : "?");
  return "NotAction allows everything except " + iam::SummarizeNames(excluded) + " on " +
         iam::ResourceSummary(s) + ", " + iam::Where(s.loc);
}

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    const std::string& id = model::ShownName(p.resource());
    std::set<const model::Statement*> reported;

    std::vector<iam::ActionGrant> control;
    for (const std::optional<iam::ActionInfo>& info : IamControlInfo()) {
      const iam::ActionGrant* grant = info ? p.FindOnAny(info->id) : nullptr;
      if (grant == nullptr) break;
      control.push_back(*grant);
    }
    if (control.size() == kIamControl.size()) {
      for (const auto& sg : iam::ByStatement(p, control)) {
        reported.insert(sg.origin.statement);
        ctx.Report(
            p.resource(), sg.origin.statement->loc, p.Attribute(sg.origin),
            p.Subject() +
                " can create and empower any IAM role or user, which makes it an "
                "administrator of the account: " +
                iam::GrantText(sg.actions, sg.origin),
            ctx.Fix(iam::NarrowingFix(p, sg.origin,
                                      "the actions " + id +
                                          " calls, on the resources it uses (IAM actions only "
                                          "on the roles it manages, a path such as "
                                          "role/tenants/*)")));
      }
    }

    for (const iam::StatementGrants& sg : p.breadth().near_admin) {
      const model::Statement& s = *sg.origin.statement;
      if (reported.count(&s) != 0) continue;
      std::set<std::string> services;
      for (const auto& a : sg.actions) services.insert(a.substr(0, a.find(':')));
      // Reading everything is a breach of least privilege, not an administrator.
      bool read_only = ReadOnly(sg.actions, p.AllowedOnAny());
      if (read_only) ctx.RaiseSeverity(model::Severity::kHigh);
      ctx.Report(p.resource(), s.loc, p.Attribute(sg.origin),
                 p.Subject() + " can call " + std::to_string(sg.actions.size()) + " actions of " +
                     std::to_string(services.size()) + " services on every resource: " + Grant(sg),
                 ctx.Fix(iam::NarrowingFix(
                     p, sg.origin,
                     read_only      ? "the read actions " + id + " calls, on the resources it reads"
                     : s.not_action ? "the actions " + id +
                                          " calls, listed under Action (not "
                                          "NotAction), on the resources it uses"
                                    : "the actions " + id + " calls, on the resources it uses")));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam003;
const RuleDef kRuleIam003 = {
    .title = "Function role is administrator in all but name",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
