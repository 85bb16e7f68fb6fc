// FNW-ISO-004: a function's role can be assumed by something other than
// Lambda (another service, a role or account, federated identities), as the
// IAM engine evaluates its trust policy. Everyone and other accounts without
// a condition are FNW-IAM-011 and FNW-IAM-012.
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/trust.h"
#include "analysis/policy_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

void Check(Context& ctx) {
  for (const model::Role& role : ctx.model.roles) {
    if (role.functions.empty()) continue;  // Trust() then has FNW-ISO-004's concerns
    const iam::TrustAnalysis& trust = ctx.facts.Trust(role);
    std::vector<std::string> shown;
    for (const std::string& id : role.functions) shown.push_back(model::ShownFunctionName(ctx.model, id));
    std::string functions = analysis::JoinNames(shown);
    for (const iam::TrustGrant& g : trust.grants) {
      if (g.concern != iam::TrustConcern::kBeyondLambda) continue;
      const model::Statement& s = role.trust.statements[g.index];
      std::string who = analysis::JoinNames(g.who);
      // A role Lambda cannot assume is not "also" anyone's: as written, the
      // functions cannot run with it, and it is the other caller's role.
      std::string message =
          trust.lambda_trusted
              ? "role " + role.id + " of function " + functions + " can also be assumed by " + who +
                    ": they get every permission the function has, outside Lambda"
              : "role " + role.id + " of function " + functions + " can be assumed by " + who +
                    ", and not by Lambda: " + who + " get" + (g.who.size() > 1 ? "" : "s") +
                    " every permission written for the function, which cannot assume it";
      std::string fix = trust.lambda_trusted
                            ? "Trust only lambda.amazonaws.com in the role of " + functions +
                                  "; give other services or accounts a role of their own."
                            : "Make the trust policy of " + role.id +
                                  " allow lambda.amazonaws.com only, and give " + who +
                                  " a role of " + (g.who.size() > 1 ? "their" : "its") + " own.";
      ctx.Report(role, s.loc,
                 analysis::StatementAttribute("trust", role.trust, s), message,
                 fix);
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
