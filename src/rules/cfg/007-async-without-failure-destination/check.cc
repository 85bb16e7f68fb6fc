// FNW-CFG-007: a function invoked asynchronously drops the events it fails to
// process: no dead-letter queue and no OnFailure destination.
#include <string>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& fn : ctx.facts.functions()) {
    const model::Function& f = *fn.function;
    // Set to anything (even an unknown value) counts as configured.
    if (!f.dead_letter_target.absent() || !f.on_failure_destination.absent()) continue;
    std::vector<std::string> sources;
    for (const model::Trigger* t : fn.triggers) {
      if (!t->asynchronous) continue;
      std::string label = std::string(model::TriggerKindName(t->kind)) +
                          (t->name.empty() ? "" : " event " + t->name);
      sources.push_back(std::move(label));
    }
    if (sources.empty()) continue;
    ctx.Report(f, {}, "failure_destination",
               "function " + model::ShownName(f) + " is invoked asynchronously (" + analysis::JoinNames(sources) +
                   ") but has neither a dead-letter queue nor an OnFailure destination: events it "
                   "fails to process are dropped after two retries, without a trace",
               "Give " + f.id +
                   " a DeadLetterQueue or an EventInvokeConfig with an OnFailure destination.");
  }
}

}  // namespace

extern const RuleDef kRuleCfg007;
const RuleDef kRuleCfg007 = {
    .title = "Asynchronously invoked function without a failure destination",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
