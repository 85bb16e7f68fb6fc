// FNW-IAM-007: a function's role allows IAM write or permissions-management actions on every
// resource.
#include <string>
#include <vector>

#include "analysis/iam/breadth.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/escalation.h"
#include "analysis/iam/fix_text.h"
#include "model/names.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

bool Selected(const iam::ActionInfo& a) {
  return a.service == "iam" && !a.wildcard_only &&
         (a.level == iam::AccessLevel::kWrite ||
          a.level == iam::AccessLevel::kPermissionsManagement);
}

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    std::vector<iam::ActionGrant> grants;
    for (const iam::ActionGrant& g : p.AllowedOnAny()) {
      if (Selected(g.action)) grants.push_back(g);
    }
    for (const auto& sg : iam::ByStatementNotCovered(p, std::move(grants))) {
      ctx.Report(
          p.resource(), sg.origin.statement->loc, p.Attribute(sg.origin),
          p.Subject() + " can change IAM users, roles and policies it does not own" + ": " +
              iam::GrantText(sg.actions, sg.origin),
          ctx.Fix(iam::NarrowingFix(p, sg.origin,
                                    "the IAM actions " + model::ShownName(p.resource()) +
                                        " needs, on the roles or policies it manages (a path "
                                        "such as role/tenants/*)")));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam007;
const RuleDef kRuleIam007 = {
    .title = "Function can change IAM on every resource",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
