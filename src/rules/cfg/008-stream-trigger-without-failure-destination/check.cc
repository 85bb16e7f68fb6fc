// FNW-CFG-008: a queue or stream feeds a function, and records it cannot
// process are lost: an SQS source queue without a redrive dead-letter queue,
// or a Kinesis/DynamoDB stream mapping without an OnFailure destination.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void CheckQueue(Context& ctx, const model::Trigger& t, const model::Function& fn) {
  const model::Queue* queue = t.source_id.empty() ? nullptr : ctx.model.FindQueue(t.source_id);
  if (queue == nullptr || !queue->dead_letter_target.absent()) {
    return;
  }
  ctx.Report(
      *queue, {}, "dead_letter_queue",
      "queue " + queue->id + " feeds function " + model::ShownName(fn) +
          " but has no dead-letter queue: a message that keeps failing (a poison "
          "message) is retried until it expires and is then deleted, and blocks its "
          "batch meanwhile",
      "Add a RedrivePolicy to " + queue->id + " with a deadLetterTargetArn and a maxReceiveCount.");
}

void CheckStream(Context& ctx, const model::Trigger& t, const model::Function& fn) {
  if (!t.on_failure_destination.absent()) return;
  const char* kind = t.kind == model::TriggerKind::kKinesis ? "Kinesis" : "DynamoDB";
  std::string name = t.name.empty() ? "" : " " + t.name;
  ctx.Report(fn.id, fn.loc, t.loc, "events." + t.name + ".failure_destination",
             std::string(kind) + " stream trigger" + name + " of function " + model::ShownName(fn) +
                 " has no OnFailure destination: a batch that keeps failing blocks its shard "
                 "until the records expire, and is then lost without a trace",
             "Give the" + name + " event source mapping of " + fn.id +
                 " a DestinationConfig.OnFailure (an SQS queue or SNS topic), and bound "
                 "MaximumRetryAttempts or enable BisectBatchOnFunctionError.");
}

void Check(Context& ctx) {
  for (const auto& t : ctx.model.triggers) {
    const model::Function* fn = ctx.model.FindFunction(t.function_id);
    if (fn == nullptr) continue;
    switch (t.kind) {
      case model::TriggerKind::kSqs:
        CheckQueue(ctx, t, *fn);
        break;
      case model::TriggerKind::kKinesis:
      case model::TriggerKind::kDynamoDb:
        CheckStream(ctx, t, *fn);
        break;
      default:
        break;
    }
  }
}

}  // namespace

extern const RuleDef kRuleCfg008;
const RuleDef kRuleCfg008 = {
    .title = "Queue or stream trigger without a failure destination",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
