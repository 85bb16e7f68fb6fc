// Event sources written on the source's side: EventBridge rule targets, SNS
// subscriptions and S3 bucket notifications that invoke a function.
#include <string>

#include "load/cfn/resources_internal.h"

namespace fnwarden::load::cfn::internal {
namespace {

// The source of a trigger that is the resource `d` itself.
model::String SelfSource(const Decl& d, const model::String& physical_name) {
  model::String source = physical_name;
  if (source.absent()) {
    source = model::String::Unknown(d.base.loc);
    source.value = d.base.id;
  }
  source.refs.push_back(d.base.id);
  return source;
}

}  // namespace

void AttachEventRule(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  bool scheduled = p.Get("ScheduleExpression") != nullptr;
  for (const Val* target : Items(p.Get("Targets"))) {
    std::string function_id = ResolveFunctionVal(ctx, target->Get("Arn"));
    if (function_id.empty()) continue;
    model::Trigger trigger;
    trigger.function_id = function_id;
    trigger.kind = scheduled ? model::TriggerKind::kSchedule : model::TriggerKind::kEventBridge;
    trigger.name = d.base.id;
    trigger.loc = target->loc.known() ? target->loc : d.base.loc;
    trigger.source = Str(p, "EventBusName");
    if (const Val* dlq = target->Get("DeadLetterConfig")) {
      trigger.on_failure_destination = Str(*dlq, "Arn");
    }
    trigger.asynchronous = true;
    ctx.model->triggers.push_back(std::move(trigger));
  }
}

void AttachSnsSubscription(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  if (!Str(p, "Protocol").Is("lambda")) return;
  std::string function_id = ResolveFunctionVal(ctx, p.Get("Endpoint"));
  if (function_id.empty()) return;
  model::Trigger trigger;
  trigger.function_id = function_id;
  trigger.kind = model::TriggerKind::kSns;
  trigger.name = d.base.id;
  trigger.loc = d.base.loc;
  trigger.source = Str(p, "TopicArn");
  trigger.asynchronous = true;
  ctx.model->triggers.push_back(std::move(trigger));
}

void AttachTopicSubscriptions(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  for (const Val* sub : Items(p.Get("Subscription"))) {
    if (!Str(*sub, "Protocol").Is("lambda")) continue;
    std::string function_id = ResolveFunctionVal(ctx, sub->Get("Endpoint"));
    if (function_id.empty()) continue;
    model::Trigger trigger;
    trigger.function_id = function_id;
    trigger.kind = model::TriggerKind::kSns;
    trigger.name = d.base.id;
    trigger.loc = sub->loc.known() ? sub->loc : d.base.loc;
    trigger.source = SelfSource(d, Str(p, "TopicName"));
    trigger.source_id = d.base.id;
    trigger.asynchronous = true;
    ctx.model->triggers.push_back(std::move(trigger));
  }
}

void AttachBucketNotifications(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  const Val* configs = FieldPath(&p, {"NotificationConfiguration", "LambdaConfigurations"});
  for (const Val* config : Items(configs)) {
    std::string function_id = ResolveFunctionVal(ctx, config->Get("Function"));
    if (function_id.empty()) continue;
    model::Trigger trigger;
    trigger.function_id = function_id;
    trigger.kind = model::TriggerKind::kS3;
    trigger.name = d.base.id;
    trigger.loc = config->loc.known() ? config->loc : d.base.loc;
    trigger.source = SelfSource(d, Str(p, "BucketName"));
    trigger.source_id = d.base.id;
    trigger.asynchronous = true;
    ctx.model->triggers.push_back(std::move(trigger));
  }
}

}  // namespace fnwarden::load::cfn::internal
