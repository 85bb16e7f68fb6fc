// FNW-IAM-003: a principal is an administrator in all but name: it can
// manage every IAM role, user and policy on every resource, or one statement
// (a NotAction Allow, or "*" that a deny or boundary trims) grants it
// thousands of actions of many services on every resource.
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/breadth.h"
#include "analysis/iam/effective.h"
#include "analysis/policy_query.h"
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
    const std::string& id = p.resource().id;
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
        ctx.Report(p.resource(), sg.origin.statement->loc, p.Attribute(sg.origin),
                   p.Subject() +
                       " can create and empower any IAM role or user, which makes it an "
                       "administrator of the account: " +
                       iam::GrantText(sg.actions, sg.origin),
                   "Remove IAM write actions from " + p.Holder() +
                       "; grant the actions it calls on the resources it uses.");
      }
    }

    for (const iam::StatementGrants& sg : p.breadth().near_admin) {
      const model::Statement& s = *sg.origin.statement;
      if (reported.count(&s) != 0) continue;
      std::set<std::string> services;
      for (const auto& a : sg.actions) services.insert(a.substr(0, a.find(':')));
      ctx.Report(p.resource(), s.loc, p.Attribute(sg.origin),
                 p.Subject() + " can call " + std::to_string(sg.actions.size()) + " actions of " +
                     std::to_string(services.size()) + " services on every resource: " + Grant(sg),
                 std::string(s.not_action ? "Replace NotAction with Action listing"
                                          : "Replace the statement with") +
                     " what " + id + " calls, on the resources it uses.");
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
