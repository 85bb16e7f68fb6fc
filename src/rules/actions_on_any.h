// Shared by the rules that report a fixed list of sensitive actions a
// function can perform on any resource (FNW-IAM-009, -010, -020).
#ifndef FNWARDEN_RULES_ACTIONS_ON_ANY_H_
#define FNWARDEN_RULES_ACTIONS_ON_ANY_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace fnwarden::rules {

// For every deployed function, finds which of `actions` (catalog action IDs,
// in the order findings list them) its role allows on a
// resource the template does not name, and reports once per statement that
// grants them: "<Fn> can <impacts>: <actions> on <resources>, <file:line>".
// `impact` says what one action gives away (repeated impacts are merged);
// `fix` gives the advice for a function id.
void ReportActionsOnAny(Context& ctx, const std::vector<uint32_t>& actions,
                        std::string_view (*impact)(std::string_view action),
                        const std::function<std::string(const std::string& id)>& fix);

}  // namespace fnwarden::rules

#endif  // FNWARDEN_RULES_ACTIONS_ON_ANY_H_
