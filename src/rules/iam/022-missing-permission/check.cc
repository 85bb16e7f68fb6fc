// FNW-IAM-022: a function's code calls an AWS action that its role allows on
// no resource at all (or denies): the call fails with AccessDenied at run
// time, and the usual reaction is to widen the role in a hurry. Only calls
// the handler reaches, whose actions fnwarden knows exactly, are checked;
// the verdict is the IAM engine's over every resource the role's
// statements name and the one the call names.
#include <string>

#include "analysis/code_permissions.h"
#include "analysis/iam/effective.h"
#include "model/names.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.functions()) {
    for (const analysis::MissingGrant& m :
         analysis::MissingGrants(p, ctx.model, perms.resolver())) {
      const model::CodeCall& call = *m.call;
      std::string on;
      if (call.resource.pieces.size() == 1 &&
          call.resource.pieces[0].kind == model::Piece::Kind::kResource) {
        const model::Resource* r = ctx.model.FindResource(call.resource.pieces[0].text);
        on = " on " + (r != nullptr ? model::ShownName(*r) : call.resource.pieces[0].text);
      } else if (call.resource.known()) {
        on = " on " + call.resource.value;
      }
      bool denied = m.deny.statement != nullptr;
      std::string why = denied ? "its role denies it (" + iam::Where(m.deny.statement->loc) + ")"
                               : "its role allows it on no resource";
      std::string fix = denied ? "Narrow the Deny at " + iam::Where(m.deny.statement->loc) +
                                     " so that it leaves " + m.action + (on.empty() ? "" : on) +
                                     " to " + p.Holder() + ", or remove the call."
                               : "Allow " + m.action + " in " + p.Holder() +
                                     (on.empty() ? "" : ", on the resource the call names") +
                                     ", or remove the call.";
      ctx.Report(*p.function(), call.loc, "code.calls." + m.action,
                 "function " + model::ShownName(*p.function()) + " calls " + m.action + " (" +
                     call.operation + on + ") but " + why +
                     ": the call fails with AccessDenied when it runs",
                 ctx.Fix(fix));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam022;
const RuleDef kRuleIam022 = {
    .title = "Code calls an action its role does not allow",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
