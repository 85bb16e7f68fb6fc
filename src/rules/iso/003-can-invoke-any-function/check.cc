// FNW-ISO-003: a principal may invoke every Lambda function of the account,
// as the IAM engine evaluates its policies.
#include <algorithm>
#include <optional>
#include <string>

#include "analysis/iam/breadth.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/fix_text.h"
#include "model/names.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// " (for example !GetAtt F.Arn)" for the first function of the template
// other than p's own; "" when there is none.
std::string OtherFunction(const model::Model& m, const iam::PrincipalPermissions& p) {
  for (const model::Function& f : m.functions) {
    if (&f == p.function() ||
        std::find(p.sharing().begin(), p.sharing().end(), &f) != p.sharing().end()) {
      continue;
    }
    return " (for example !GetAtt " + f.id + ".Arn)";
  }
  return "";
}

void Check(Context& ctx) {
  static const std::optional<iam::ActionInfo> kInvoke =
      iam::Catalog::Get().FindAction("lambda:InvokeFunction");
  if (!kInvoke) return;
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    const iam::ActionGrant* grant = p.FindOnAny(kInvoke->id);
    if (grant == nullptr) continue;
    for (const auto& sg : iam::ByStatement(p, {*grant})) {
      ctx.Report(p.resource(), sg.origin.statement->loc, p.Attribute(sg.origin),
                 p.Subject() + " can invoke every Lambda function of the account: " +
                     iam::GrantText(sg.actions, sg.origin) + ". Whoever controls " +
                     model::ShownName(p.resource()) +
                     " can call internal functions that trust their callers",
                 ctx.Fix(iam::NarrowingFix(p, sg.origin,
                                           "lambda:InvokeFunction on the functions " +
                                               model::ShownName(p.resource()) + " calls" +
                                               OtherFunction(ctx.model, p))));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIso003;
const RuleDef kRuleIso003 = {
    .title = "Function can invoke any function",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kIsolation,
    .check = &Check,
};

}  // namespace fnwarden::rules
