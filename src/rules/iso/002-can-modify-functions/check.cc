// FNW-ISO-002: a principal may change other functions of this application
// that its policies name: their code, configuration or resource policy. The
// same actions on every function are an escalation (FNW-IAM-006) or a
// permissions-management grant (FNW-IAM-019, FNW-IAM-002), reported there.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/iam/fix_text.h"
#include "analysis/iam/named.h"
#include "analysis/policy_query.h"
#include "model/names.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

namespace iam = analysis::iam;

constexpr std::array<std::string_view, 3> kModifyActions = {
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
    "lambda:AddPermission",
};

struct Target {
  std::string function;
  std::vector<std::string> actions;
};

// The functions and actions reported through one statement.
struct Group {
  analysis::AppliedStatement origin;
  std::vector<Target> targets;
};

void Check(Context& ctx) {
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  std::vector<std::pair<std::string, std::string>> arns;
  for (const model::Function& f : ctx.model.functions) {
    arns.emplace_back(f.id, perms.resolver().ArnOf(f.id));
  }
  const iam::NamedResources named(std::move(arns), &perms.resolver());
  for (const iam::PrincipalPermissions& p : perms.principals()) {
    std::vector<std::string_view> actions;
    for (std::string_view a : kModifyActions) {
      // On every function, the rules of escalation and breadth report it.
      if (!p.IsAllowedOnAny(a)) actions.push_back(a);
    }
    if (actions.empty()) continue;
    std::vector<Group> groups;
    for (const std::string& id : named.Candidates(p, kModifyActions)) {
      // Its own code, or its role's: FNW-ISO-001 reports a shared role.
      if (std::any_of(p.sharing().begin(), p.sharing().end(),
                      [&](const model::Function* f) { return f->id == id; })) {
        continue;
      }
      std::string arn = perms.resolver().ArnOf(id);
      for (std::string_view action : actions) {
        iam::Result r = p.Can(action, arn);
        if (r.decision != iam::Decision::kAllowed) continue;
        std::vector<analysis::AppliedStatement> origins = p.Origins(r);
        if (origins.empty()) continue;
        auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) {
          return x.origin.statement == origins.front().statement;
        });
        if (g == groups.end()) g = groups.insert(groups.end(), Group{origins.front(), {}});
        if (g->targets.empty() || g->targets.back().function != id) {
          g->targets.push_back({id, {}});
        }
        g->targets.back().actions.emplace_back(action);
      }
    }
    for (const Group& g : groups) {
      std::vector<std::string> names, granted;
      for (const Target& t : g.targets) {
        names.push_back(model::ShownFunctionName(ctx.model, t.function));
        for (const std::string& a : t.actions) {
          if (std::find(granted.begin(), granted.end(), a) == granted.end()) granted.push_back(a);
        }
      }
      std::string functions = analysis::JoinNames(names);
      ctx.Report(p.resource(), g.origin.statement->loc, p.Attribute(g.origin),
                 p.Subject() + " can change function " + functions + ": " +
                     iam::GrantText(granted, g.origin) + ". Whoever controls " +
                     model::ShownName(p.resource()) +
                     " can replace the code, settings or permissions of " + functions +
                     " and act with " + (names.size() > 1 ? "their roles" : "its role"),
                 ctx.Fix(iam::RemovalFix(p, g.origin, granted, "these actions", "") +
                         "; deployments belong to the CI/CD role, not to a function."));
    }
  }
}

}  // namespace

extern const RuleDef kRuleIso002;
const RuleDef kRuleIso002 = {
    .title = "Function can modify other functions",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kIsolation,
    .check = &Check,
};

}  // namespace fnwarden::rules
