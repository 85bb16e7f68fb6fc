// FNW-IAM-002: a principal may call every action of a service on every
// resource, however its policies spell it ("s3:*", "s3:?*", "s3:Get*" and
// "s3:Put*"... in several statements), as the IAM engine evaluates them.
#include <algorithm>
#include <string>
#include <vector>

#include "analysis/iam/breadth.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/fix_text.h"
#include "analysis/policy_query.h"
#include "model/names.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

// The services reported through one statement, with every statement that
// allows their actions.
struct Group {
  analysis::AppliedStatement primary;
  std::vector<std::string> services;
  std::vector<analysis::AppliedStatement> statements;
};

std::vector<Group> ByPrimary(const iam::PrincipalPermissions& p) {
  const iam::Breadth& breadth = p.breadth();
  std::vector<Group> out;
  for (const iam::ServiceCover& cover : breadth.services) {
    const analysis::AppliedStatement* primary = &cover.statements.front();
    for (const analysis::AppliedStatement& a : cover.statements) {
      if (!breadth.IsNearAdmin(a.statement) && !iam::IsServiceDesignGrant(p, a)) {
        primary = &a;
        break;
      }
    }
    auto it = std::find_if(out.begin(), out.end(), [&](const Group& g) {
      return g.primary.statement == primary->statement;
    });
    if (it == out.end()) it = out.insert(out.end(), Group{*primary, {}, {}});
    it->services.emplace_back(cover.service);
    for (const analysis::AppliedStatement& a : cover.statements) {
      bool seen = std::any_of(
          it->statements.begin(), it->statements.end(),
          [&](const analysis::AppliedStatement& s) { return s.statement == a.statement; });
      if (!seen) it->statements.push_back(a);
    }
  }
  return out;
}

// "s3:* on *, template.yaml:12 (AmazonS3FullAccess)" for each statement,
// naming only the entries of the group's services: "lambda:* and 22 more on *"
// for AWSLambda_FullAccess, whose statement begins with CloudFormation's.
std::string Citations(const Group& g) {
  std::string out;
  for (const analysis::AppliedStatement& a : g.statements) {
    if (!out.empty()) out += "; ";
    out += iam::GrantText({analysis::ActionSummary(*a.statement, g.services)}, a);
  }
  return out;
}

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    const std::string& id = model::ShownName(p.resource());
    for (const Group& g : ByPrimary(p)) {
      std::string services = analysis::JoinNames(g.services);
      ctx.Report(p.resource(), g.primary.statement->loc, p.Attribute(g.primary),
                 p.Subject() + " can perform every action of " + services +
                     " on every resource: " + Citations(g),
                 ctx.Fix(iam::NarrowingFix(p, g.primary,
                                           "the " + services + " actions " + id +
                                               " calls, on the resources it uses" +
                                               iam::ResourceExample(ctx.model, g.services))));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIam002;
const RuleDef kRuleIam002 = {
    .title = "Function role allows every action of a service",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kLeastPrivilege,
    .check = &Check,
};

}  // namespace fnwarden::rules
