// Event sources written on the source's side: EventBridge rule targets, SNS
// subscriptions, S3 bucket notifications and load balancer target groups
// that invoke a function.
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

bool RefersTo(const Val* v, std::string_view id) {
  if (v == nullptr) return false;
  for (const std::string& ref : ToString(v).refs) {
    if (ref == id) return true;
  }
  return false;
}

// How a listener's or a rule's actions treat the target group `group`.
struct Forwarding {
  bool forwards = false;
  bool authenticates = false;  // an authenticate-cognito or -oidc action comes with it
};

Forwarding ForwardingOf(const Val* actions, std::string_view group) {
  Forwarding out;
  for (const Val* action : Items(actions)) {
    model::String type = Str(*action, "Type");
    if (!type.known()) continue;
    if (type.value.starts_with("authenticate-")) out.authenticates = true;
    if (type.value != "forward") continue;
    if (RefersTo(action->Get("TargetGroupArn"), group)) out.forwards = true;
    for (const Val* weighted : Items(FieldPath(action, {"ForwardConfig", "TargetGroups"}))) {
      if (RefersTo(weighted->Get("TargetGroupArn"), group)) out.forwards = true;
    }
  }
  return out;
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
  // The listeners and listener rules that forward to this group: the most
  // exposed decides, and it signs users in only if every one of them does.
  bool forwarded = false, every_one_authenticates = true;
  model::Bool internet_facing;  // absent until a forwarding listener is found
  for (const Decl& other : ctx.decls) {
    if (other.base.condition_known_false) continue;
    const Decl* listener = nullptr;
    Forwarding f;
    if (other.decl->type == kListener) {
      listener = &other;
      f = ForwardingOf(other.props.Get("DefaultActions"), d.base.id);
    } else if (other.decl->type == kListenerRule) {
      listener = Referenced(ctx, other.props.Get("ListenerArn"), kListener);
      f = ForwardingOf(other.props.Get("Actions"), d.base.id);
    } else {
      continue;
    }
    if (!f.forwards) continue;
    forwarded = true;
    every_one_authenticates = every_one_authenticates && f.authenticates;
    // Internet-facing if any balancer is; internal only if every one is.
    model::Bool open = InternetFacing(ctx, listener);
    if (internet_facing.Is(true)) continue;
    if (open.Is(true) || internet_facing.absent() || (internet_facing.Is(false) && !open.known())) {
      internet_facing = open.known() ? open : model::Bool::Unknown(other.base.loc);
    }
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
    trigger.authenticates = forwarded && every_one_authenticates;
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
