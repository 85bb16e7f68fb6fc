// FNW-IAM-001: a principal may call every action of every service on every
// resource, as the IAM engine evaluates its policies (denies, boundaries and
// conditions count).
#include <string>

#include "analysis/iam/breadth.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/fix_text.h"
#include "analysis/policy_query.h"
#include "model/names.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// A summary of one entry ("*") in quotes, as the policy writes it; a longer
// summary ("every action but iam:*") as it is.
std::string Quoted(const std::string& summary) {
  return summary.find(' ') == std::string::npos ? "\"" + summary + "\"" : summary;
}

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    const iam::Breadth& breadth = p.breadth();
    if (!breadth.full_admin) continue;
    const std::string& id = model::ShownName(p.resource());
    for (const analysis::AppliedStatement& applied : breadth.admin) {
      const model::Statement& s = *applied.statement;
      std::string owner = p.OwnerOf(applied.policy);
      ctx.Report(p.resource(), s.loc, p.Attribute(applied),
                 p.Subject() + " can perform every action on every resource (" +
                     analysis::PolicyLabel(applied) + (owner.empty() ? "" : " of " + owner) +
                     " allows " + Quoted(analysis::ActionSummary(s)) + " on " +
                     Quoted(iam::ResourceSummary(s)) + ")",
                 ctx.Fix(iam::NarrowingFix(
                     p, applied, "the actions " + id + " calls, on the resources it uses")));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam001;
const RuleDef kRuleIam001 = {
    .title = "Function role allows every action on every resource",
    .severity = model::Severity::kCritical,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
