// What the DEP rules share: the package sets of a model with the functions
// that ship them, and how a message names those functions.
#ifndef FNWARDEN_RULES_PACKAGE_FINDINGS_H_
#define FNWARDEN_RULES_PACKAGE_FINDINGS_H_

#include <functional>
#include <string>
#include <vector>

#include "model/model.h"
#include "rules/rule.h"

namespace fnwarden::rules {

// Calls `fn` for each package set of the model that at least one function
// ships, with those functions (in model order).
void ForEachShippedSet(
    const Context& ctx,
    const std::function<void(const model::PackageSet&,
                             const std::vector<const model::Function*>&)>& fn);

// "function Orders", "functions Orders and Refunds", "functions Orders,
// Refunds and 3 others".
std::string ShippedBy(const std::vector<const model::Function*>& functions);

// "lodash 4.17.15", "lodash-old (npm:lodash 4.17.15)", "requests" when the
// version is not known.
std::string PackageLabel(const model::Package& p);

}  // namespace fnwarden::rules

#endif  // FNWARDEN_RULES_PACKAGE_FINDINGS_H_
