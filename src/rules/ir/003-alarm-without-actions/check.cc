// FNW-IR-003: an alarm that notifies nobody.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& a : ctx.model.alarms) {
    if (analysis::AlarmHasActions(a)) continue;
    bool disabled = a.actions_enabled.Always([](bool on) { return !on; });
    std::string what = disabled ? "has its actions disabled" : "has no alarm actions";
    ctx.Report(a, disabled ? analysis::WrittenAt(a.actions_enabled) : util::Loc{},
               disabled ? "actions_enabled" : "alarm_actions",
               "alarm " + a.id + " " + what + ": when it fires, nobody is told and nothing happens",
               disabled ? "Set ActionsEnabled: true on " + a.id + "."
                        : "Add an AlarmActions target (for example an SNS topic) to " + a.id + ".");
  }
}

}  // namespace

extern const RuleDef kRuleIr003;
const RuleDef kRuleIr003 = {
    .title = "Alarm without actions",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kIncidentResponse,
    .check = &Check,
};

}  // namespace fnwarden::rules
