#include "rules/actions_on_any.h"

#include <algorithm>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/policy_query.h"
#include "analysis/store_query.h"

namespace fnwarden::rules {

void ReportActionsOnAny(Context& ctx, const std::vector<uint32_t>& actions,
                        std::string_view (*impact)(std::string_view action),
                        const std::function<std::string(const std::string& id)>& fix) {
  namespace iam = analysis::iam;
  const iam::ModelPermissions& perms = ctx.facts.Permissions();
  for (const auto& fn : perms.functions()) {
    std::vector<iam::ActionGrant> grants;
    for (uint32_t id : actions) {
      if (const iam::ActionGrant* g = fn.FindOnAny(id)) grants.push_back(*g);
    }
    for (const auto& sg : iam::ByStatement(fn, grants)) {
      std::vector<std::string> impacts;
      for (const auto& a : sg.actions) {
        std::string text(impact(a));
        if (std::find(impacts.begin(), impacts.end(), text) == impacts.end()) {
          impacts.push_back(text);
        }
      }
      const std::string& id = fn.function().id;
      ctx.Report(fn.function(), sg.origin.statement->loc, analysis::StatementAttribute(sg.origin),
                 id + " can " + analysis::JoinNames(impacts) + ": " +
                     iam::GrantText(sg.actions, sg.origin),
                 fix(id));
    }
  }
}

}  // namespace fnwarden::rules
