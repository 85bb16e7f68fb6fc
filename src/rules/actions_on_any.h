// Shared by the IAM rules that report what a principal can do on resources
// its policies do not name: a fixed list of sensitive actions (FNW-IAM-009,
// -010, -020) and the privilege-escalation methods of one family
// (FNW-IAM-004, -005, -006).
#ifndef FNWARDEN_RULES_ACTIONS_ON_ANY_H_
#define FNWARDEN_RULES_ACTIONS_ON_ANY_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/breadth.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/escalation.h"
#include "rules/rule.h"

namespace fnwarden::rules {

// For every principal, finds which of `actions` (catalog action IDs, in the
// order findings list them) it may call on a resource the template does not
// name, and reports once per statement that grants them:
// "<subject> can <impacts>: <actions> on <resources>, <file:line>".
// `impact` says what one action gives away (repeated impacts are merged);
// `fix` gives the advice for a principal and the grants of one statement.
void ReportActionsOnAny(
    Context& ctx, const std::vector<uint32_t>& actions,
    std::string_view (*impact)(std::string_view action),
    const std::function<std::string(const analysis::iam::PrincipalPermissions&,
                                    const analysis::iam::StatementGrants&)>& fix);

// For every principal, reports the escalation methods of `family` it can
// use, once per statement that allows their first step:
// "<subject> can <method>: <grants>; the same grants also allow <others>".
// `fix` gives the advice for a principal and one use.
void ReportEscalations(Context& ctx, analysis::iam::EscalationFamily family,
                       const std::function<std::string(const analysis::iam::PrincipalPermissions&,
                                                       const analysis::iam::EscalationUse&)>& fix);

}  // namespace fnwarden::rules

#endif  // FNWARDEN_RULES_ACTIONS_ON_ANY_H_
