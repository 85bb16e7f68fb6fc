#include "rules/actions_on_any.h"

#include <algorithm>
#include <vector>

#include "analysis/iam/breadth.h"
#include "analysis/policy_query.h"

namespace fnwarden::rules {

namespace iam = analysis::iam;

void ReportActionsOnAny(Context& ctx, const std::vector<uint32_t>& actions,
                        std::string_view (*impact)(std::string_view action),
                        const std::function<std::string(const iam::PrincipalPermissions&,
                                                        const iam::StatementGrants&)>& fix) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    std::vector<iam::ActionGrant> grants;
    for (uint32_t id : actions) {
      if (const iam::ActionGrant* g = p.FindOnAny(id)) grants.push_back(*g);
    }
    for (const auto& sg : iam::ByStatement(p, grants)) {
      std::vector<std::string> impacts;
      for (const auto& a : sg.actions) {
        std::string text(impact(a));
        if (std::find(impacts.begin(), impacts.end(), text) == impacts.end()) {
          impacts.push_back(text);
        }
      }
      ctx.Report(p.resource(), sg.origin.statement->loc, p.Attribute(sg.origin),
                 p.Subject() + " can " + analysis::JoinNames(impacts) + ": " +
                     iam::GrantText(sg.actions, sg.origin),
                 ctx.Fix(fix(p, sg)));
    }
  }
}

void ReportEscalations(Context& ctx, iam::EscalationFamily family,
                       const std::function<std::string(const iam::PrincipalPermissions&,
                                                       const iam::EscalationUse&)>& fix) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    for (const auto& use : iam::FindEscalations(p, perms.resolver(), family)) {
      std::string message = p.Subject() + " can " + std::string(use.method->description) + " (" +
                            std::string(use.method->name) + "): " + iam::DescribeSteps(p, use);
      if (!use.also.empty()) {
        message += "; the same grants also allow " + iam::SummarizeNames(use.also, 2);
      }
      ctx.Report(p.resource(), use.primary.statement->loc,
                 p.Attribute(use.primary) + "." + std::string(use.method->name), message,
                 ctx.Fix(fix(p, use)));
    }
  }
}

}  // namespace fnwarden::rules
