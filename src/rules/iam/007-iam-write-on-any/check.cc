// FNW-IAM-007: a function's role allows IAM write or permissions-management actions on every
// resource.
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/escalation.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"
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
  for (const auto& fn : perms.functions()) {
    std::vector<iam::ActionGrant> grants;
    for (const iam::ActionGrant& g : fn.AllowedOnAny()) {
      if (Selected(g.action)) grants.push_back(g);
    }
    const std::string& id = fn.function().id;
    for (const auto& sg : iam::ByStatement(fn, grants)) {
      ctx.Report(fn.function(), sg.origin.statement->loc, analysis::StatementAttribute(sg.origin),
                 id + " can change IAM users, roles and policies it does not own" + ": " +
                     iam::GrantText(sg.actions, sg.origin),
                 "Remove IAM write actions from the role of " + id +
                     ", or scope them to the roles or policies it manages (a path such as "
                     "role/tenants/*).");
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
