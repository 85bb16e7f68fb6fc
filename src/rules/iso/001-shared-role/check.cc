// FNW-ISO-001: several functions assume the same role.
#include <map>
#include <string>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// The role a function assumes, as a grouping key: the role of this model, or
// the role ARN written literally. "" when unknown.
std::string RoleKey(const model::Function& fn) {
  if (!fn.role_id.empty()) return fn.role_id;
  if (fn.role.known() && !fn.role.value.empty()) return fn.role.value;
  return "";
}

void Check(Context& ctx) {
  std::map<std::string, std::vector<const model::Function*>> by_role;
  for (const auto& fn : ctx.model.functions) {
    std::string key = RoleKey(fn);
    if (!key.empty()) by_role[key].push_back(&fn);
  }
  for (const auto& [role, fns] : by_role) {
    if (fns.size() < 2) continue;
    for (const model::Function* fn : fns) {
      // The first few others by name, the rest counted: a role that a
      // whole service shares would otherwise list every function in every
      // finding.
      constexpr size_t kNamed = 5;
      std::vector<std::string> others;
      for (const model::Function* other : fns) {
        if (other == fn) continue;
        if (others.size() == kNamed && fns.size() - 1 > kNamed + 1) break;
        others.push_back(model::ShownName(*other));
      }
      if (others.size() < fns.size() - 1) {
        others.push_back(std::to_string(fns.size() - 1 - others.size()) + " other functions");
      }
      ctx.Report(*fn, fn->role.loc, "role",
                 "function " + model::ShownName(*fn) + " shares role " + role + " with " +
                     analysis::JoinNames(others) +
                     ": each of them holds the permissions all of "
                     "them need, and a compromise of one is a compromise of all",
                 ctx.Fix("Give " + fn->id + " a role of its own with only the permissions it uses.",
                         "Give function " + model::ShownName(*fn) +
                             " a role of its own with only the permissions it uses (its own "
                             "iamRoleStatements with serverless-iam-roles-per-function, or "
                             "role: naming a role under resources)."));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIso001;
const RuleDef kRuleIso001 = {
    .title = "Several functions share one role",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kIsolation,
    .check = &Check,
};

}  // namespace fnwarden::rules
