// FNW-IR-006: a function's log group keeps its logs for less than 90 days.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

constexpr int64_t kMinimumDays = 90;

void Check(Context& ctx) {
  for (const auto& g : analysis::FunctionLogGroups(ctx.facts)) {
    const model::Int& days = g.group->retention_days;
    if (!days.Always([](int64_t d) { return d > 0 && d < kMinimumDays; })) continue;
    std::vector<std::string> ids;
    for (const auto* f : g.functions) ids.push_back(model::ShownName(*f));
    std::string kept = days.known() ? std::to_string(days.value) + " days" : "less than 90 days";
    ctx.Report(*g.group, analysis::WrittenAt(days), "retention_days",
               "log group " + g.group->id + " of function" + (ids.size() > 1 ? "s " : " ") +
                   util::Join(ids, ", ") + " keeps logs for only " + kept +
                   ": an intrusion found later (often months later) can no longer be "
                   "investigated",
               "Set RetentionInDays to at least 90 (365 is common) on " + g.group->id + ".");
  }
}

}  // namespace

extern const RuleDef kRuleIr006;
const RuleDef kRuleIr006 = {
    .title = "Function log retention too short for an investigation",
    .severity = model::Severity::kLow,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kIncidentResponse,
    .check = &Check,
};

}  // namespace fnwarden::rules
