// FNW-IAM-021: a function's role grants actions that its code never calls
// and Lambda does not need for it. Read from the handler code and the local
// modules it imports; silent for a service whose calls fnwarden could not
// all understand, and for a role any of whose functions' code it could not
// read whole.
#include <string>
#include <vector>

#include "analysis/code_permissions.h"
#include "analysis/iam/catalog.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/fix_text.h"
#include "analysis/policy_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// "DynamoDB" for "dynamodb", as the catalog names the service.
std::string ServiceName(const std::string& service) {
  std::string_view title = iam::Catalog::Get().ServiceTitle(service);
  return title.empty() ? service : std::string(title);
}

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    for (const analysis::UnusedGrant& u : analysis::UnusedGrants(p, ctx.model, perms.resolver())) {
      bool several = p.sharing().size() > 1;
      std::string message = p.Subject() + (several ? " are granted " : " is granted ") +
                            iam::GrantText(u.actions, u.origin) + "; " +
                            (several ? "their" : "its") + " code never calls " +
                            (u.service_unused        ? ServiceName(u.service)
                             : u.actions.size() == 1 ? "it"
                                                     : "them");
      ctx.Report(p.resource(), u.at, "code.unused." + u.service, message,
                 ctx.Fix(iam::RemovalFix(p, u.origin, u.actions, "these actions", "") + "."));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam021;
const RuleDef kRuleIam021 = {
    .title = "Role grants actions its code never calls",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
