// FNW-ISO-004: a function's role can be assumed by something other than
// Lambda (another service, an account, everyone).
#include <set>
#include <string>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

bool AllowsAssumeRole(const model::Statement& s) {
  return analysis::AllowsAction(s, "sts:AssumeRole") ||
         analysis::AllowsAction(s, "sts:AssumeRoleWithWebIdentity") ||
         analysis::AllowsAction(s, "sts:AssumeRoleWithSAML");
}

bool IsLambdaService(const model::Principal& p) {
  if (p.kind != "Service" || !p.id.known()) return false;
  std::string id = util::ToLower(p.id.value);
  return id == "lambda.amazonaws.com" || id == "edgelambda.amazonaws.com";
}

// A principal for a message: "ec2.amazonaws.com", "account 111122223333",
// "everyone (\"*\")".
std::string Describe(const model::Principal& p) {
  if (analysis::IsPublicPrincipal(p)) return "everyone (\"*\")";
  if (p.kind == "AWS") return "AWS principal " + p.id.value;
  if (p.kind == "Federated") return "federated identities of " + p.id.value;
  return p.id.value;
}

void Check(Context& ctx) {
  std::set<const model::Role*> seen;
  for (const auto& fn : ctx.facts.functions()) {
    if (fn.role == nullptr || !seen.insert(fn.role).second) {
      continue;
    }
    const model::Role& role = *fn.role;
    if (!role.trust.known) continue;
    std::vector<std::string> functions;
    for (const auto& other : ctx.facts.functions()) {
      if (other.role == fn.role) functions.push_back(other.function->id);
    }
    for (const auto& s : role.trust.statements) {
      if (!AllowsAssumeRole(s)) continue;
      std::vector<std::string> foreign;
      if (s.not_principal) foreign.push_back("every principal not listed in NotPrincipal");
      for (const auto& p : s.principals) {
        // Unknown principals cannot be judged.
        if (!p.id.known() || IsLambdaService(p)) continue;
        foreign.push_back(Describe(p));
      }
      if (foreign.empty()) continue;
      ctx.Report(
          role, s.loc, analysis::StatementAttribute("AssumeRolePolicyDocument", role.trust, s),
          "role " + role.id + " of function " + analysis::JoinNames(functions) +
              " can also be assumed by " + analysis::JoinNames(foreign) +
              ": they get every permission the function has, outside Lambda",
          "Trust only lambda.amazonaws.com in the role of " + analysis::JoinNames(functions) +
              "; give other services or accounts a role of their own.");
    }
  }
}

}  // namespace

extern const RuleDef kRuleIso004;
const RuleDef kRuleIso004 = {
    .title = "Function role trusted by more than Lambda",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kIsolation,
    .check = &Check,
};

}  // namespace fnwarden::rules
