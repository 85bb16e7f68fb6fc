// Event sources written on the source's side: EventBridge rule targets, SNS
// subscriptions, S3 bucket notifications and load balancer target groups
// that invoke a function.
#include <algorithm>
#include <string>
#include <vector>

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

constexpr std::string_view kLoadBalancer = "AWS::ElasticLoadBalancingV2::LoadBalancer";
constexpr std::string_view kListener = "AWS::ElasticLoadBalancingV2::Listener";
constexpr std::string_view kListenerRule = "AWS::ElasticLoadBalancingV2::ListenerRule";

// The first resource of type `type` that `v` refers to, or nullptr.
const Decl* Referenced(const AdaptContext& ctx, const Val* v, std::string_view type) {
  if (v == nullptr) return nullptr;
  for (const std::string& ref : ToString(v).refs) {
    if (ctx.TypeOf(ref) == type) return ctx.Find(ref);
  }
  return nullptr;
}

// Indexes every listener and listener rule of the template by the target
// groups its forward actions name (directly or weighted), once.
void IndexForwards(AdaptContext& ctx) {
  if (ctx.forwards_indexed) return;
  ctx.forwards_indexed = true;
  for (const Decl& d : ctx.decls) {
    if (d.base.condition_known_false) continue;
    const Decl* listener = nullptr;
    const Val* actions = nullptr;
    if (d.decl->type == kListener) {
      listener = &d;
      actions = d.props.Get("DefaultActions");
    } else if (d.decl->type == kListenerRule) {
      listener = Referenced(ctx, d.props.Get("ListenerArn"), kListener);
      actions = d.props.Get("Actions");
    } else {
      continue;
    }
    std::vector<std::string> groups;
    bool authenticates = false;
    for (const Val* action : Items(actions)) {
      model::String type = Str(*action, "Type");
      if (!type.known()) continue;
      if (type.value.starts_with("authenticate-")) authenticates = true;
      if (type.value != "forward") continue;
      for (std::string& ref : ToString(action->Get("TargetGroupArn")).refs) {
        groups.push_back(std::move(ref));
      }
      for (const Val* weighted : Items(FieldPath(action, {"ForwardConfig", "TargetGroups"}))) {
        for (std::string& ref : ToString(weighted->Get("TargetGroupArn")).refs) {
          groups.push_back(std::move(ref));
        }
      }
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    for (std::string& group : groups) {
      ctx.forwards[std::move(group)].push_back({listener, authenticates});
    }
  }
}

// Whether the balancer a listener belongs to is internet-facing: its
// Scheme, which defaults to internet-facing; unknown when the balancer is
// not a resource of this template or its Scheme is not known.
model::Bool InternetFacing(const AdaptContext& ctx, const Decl* listener) {
  const Decl* balancer =
      listener == nullptr ? nullptr
                          : Referenced(ctx, listener->props.Get("LoadBalancerArn"), kLoadBalancer);
  if (balancer == nullptr || balancer->base.condition_known_false) return model::Bool();
  model::String scheme = Str(balancer->props, "Scheme");
  if (scheme.absent()) return model::Bool::Default(true, scheme.loc);
  if (scheme.Is("internet-facing")) return model::Bool::Literal(true, scheme.loc);
  if (scheme.Is("internal")) return model::Bool::Literal(false, scheme.loc);
  return model::Bool::Unknown(scheme.loc);
}

}  // namespace

void AttachTargetGroup(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  if (!Str(p, "TargetType").Is("lambda")) return;
  // The most exposed of the listeners that forward to the group: one of an
  // internet-facing balancer that signs no one in, then one whose balancer
  // is not known, then one that signs users in, then an internal one.
  IndexForwards(ctx);
  model::Bool internet_facing;  // absent while no listener forwards to it
  bool authenticates = false;
  int most = -1;
  static const std::vector<AdaptContext::Forward> kNone;
  auto it = ctx.forwards.find(d.base.id);
  for (const AdaptContext::Forward& f : it == ctx.forwards.end() ? kNone : it->second) {
    model::Bool open = InternetFacing(ctx, f.listener);
    if (open.absent()) open = model::Bool::Unknown(d.base.loc);
    int rank = open.Is(false) ? 0 : f.authenticates ? 1 : open.known() ? 3 : 2;
    if (rank <= most) continue;
    most = rank;
    internet_facing = open;
    authenticates = f.authenticates;
  }
  for (const Val* target : Items(p.Get("Targets"))) {
    std::string function_id = ResolveFunctionVal(ctx, target->Get("Id"));
    if (function_id.empty()) continue;
    model::Trigger trigger;
    trigger.function_id = function_id;
    trigger.kind = model::TriggerKind::kLoadBalancer;
    trigger.name = d.base.id;
    trigger.loc = target->loc.known() ? target->loc : d.base.loc;
    trigger.source = SelfSource(d, Str(p, "Name"));
    trigger.internet_facing = internet_facing;
    trigger.authenticates = authenticates;
    ctx.model->triggers.push_back(std::move(trigger));
  }
}

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
