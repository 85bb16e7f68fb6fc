// FNW-CFG-006: an SQS queue triggers a function whose timeout is longer than
// the queue's visibility timeout, so messages are delivered again while the
// first invocation still runs.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& t : ctx.model.triggers) {
    if (t.kind != model::TriggerKind::kSqs || t.source_id.empty()) continue;
    const model::Queue* queue = ctx.model.FindQueue(t.source_id);
    const model::Function* fn = ctx.model.FindFunction(t.function_id);
    if (queue == nullptr || fn == nullptr) continue;
    // Both defaults (30 s for SQS, 3 s for Lambda) are recorded as known values.
    if (!queue->visibility_timeout.known() || !fn->timeout.known()) continue;
    int64_t visibility = queue->visibility_timeout.value;
    int64_t timeout = fn->timeout.value;
    if (visibility >= timeout) continue;
    std::string vis_text =
        std::to_string(visibility) + " s" +
        (queue->visibility_timeout.has(model::kDefaulted) ? " (the default)" : "");
    std::string timeout_text = std::to_string(timeout) + " s" +
                               (fn->timeout.has(model::kDefaulted) ? " (the default)" : "");
    std::string recommended = std::to_string(6 * timeout);
    ctx.Report(*queue, analysis::WrittenAt(queue->visibility_timeout), "visibility_timeout",
               "queue " + queue->id + " has a visibility timeout of " + vis_text +
                   ", shorter than the " + timeout_text + " timeout of function " + model::ShownName(*fn) +
                   " it triggers: a message becomes visible again while " + model::ShownName(*fn) +
                   " is still processing it and is handled twice; AWS recommends at least six "
                   "times the function timeout (" +
                   recommended + " s)",
               ctx.Fix("Set VisibilityTimeout of " + queue->id + " to at least " + recommended +
                           " seconds, or lower the Timeout of " + fn->id + ".",
                       "Set VisibilityTimeout of " + queue->id + " to at least " + recommended +
                           " seconds, or lower the timeout of function " + model::ShownName(*fn) +
                           "."));
  }
}

}  // namespace

extern const RuleDef kRuleCfg006;
const RuleDef kRuleCfg006 = {
    .title = "SQS visibility timeout shorter than the function timeout",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
