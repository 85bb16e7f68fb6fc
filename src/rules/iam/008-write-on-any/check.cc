// FNW-IAM-008: a function's role allows write actions on every resource where the action can be
// scoped to particular resources (wildcard-only actions and log-stream ARNs ending in :* are not
// reported).
#include <algorithm>
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
  // Lambda's own logging actions and actions other IAM rules name are left out.
  if (a.service == "iam" || a.wildcard_only || a.level != iam::AccessLevel::kWrite) return false;
  if (a.name == "logs:CreateLogGroup" || a.name == "logs:CreateLogStream" ||
      a.name == "logs:PutLogEvents") {
    return false;
  }
  return !iam::HasNamedImpact(a);
}

// The services of a list of actions, for the message: "s3 and dynamodb".
std::string Services(const std::vector<std::string>& actions) {
  std::vector<std::string> services;
  for (const auto& a : actions) {
    std::string s = a.substr(0, a.find(':'));
    if (std::find(services.begin(), services.end(), s) == services.end()) services.push_back(s);
  }
  return iam::SummarizeNames(services, 3);
}

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    std::vector<iam::ActionGrant> grants;
    for (const iam::ActionGrant& g : p.AllowedOnAny()) {
      if (Selected(g.action)) grants.push_back(g);
    }
    const std::string& id = model::ShownName(p.resource());
    for (const auto& sg : iam::ByStatementNotCovered(p, std::move(grants))) {
      ctx.Report(p.resource(), sg.origin.statement->loc, p.Attribute(sg.origin),
                 p.Subject() + " can modify every " + Services(sg.actions) +
                     " resource of the account, not only its own" + ": " +
                     iam::GrantText(sg.actions, sg.origin),
                 ctx.Fix(iam::NarrowingFix(
                     p, sg.origin,
                     "these actions on the resources " + id + " writes to" +
                         iam::ResourceExample(ctx.model, iam::ServicesOf(sg.actions)))));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam008;
const RuleDef kRuleIam008 = {
    .title = "Function can write to every resource of a service",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
