// FNW-IAM-019: a function's role allows permissions-management actions (bucket, key, queue or
// function policies, grants, ACLs) on every resource.
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
  if (a.service == "iam" || a.wildcard_only) return false;
  return a.level == iam::AccessLevel::kPermissionsManagement && !iam::HasNamedImpact(a);
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
    for (const auto& sg : iam::ByStatementNotCovered(p, std::move(grants))) {
      // An object ARN is no example for the bucket's own policy or ACL.
      std::vector<std::string> services = iam::ServicesOf(sg.actions);
      std::erase(services, "s3");
      ctx.Report(
          p.resource(), sg.origin.statement->loc, p.Attribute(sg.origin),
          p.Subject() + " can change who may access any " + Services(sg.actions) +
              " resource of the account" + ": " + iam::GrantText(sg.actions, sg.origin),
          ctx.Fix(iam::RemovalFix(p, sg.origin, sg.actions, "these actions",
                                  "the resources " + model::ShownName(p.resource()) + " manages" +
                                      iam::ResourceExample(ctx.model, services)) +
                  "."));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam019;
const RuleDef kRuleIam019 = {
    .title = "Function can change resource policies on every resource",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
