// Monitoring and edge protection: CloudTrail trails, WAFv2 web ACLs (with
// their associations and logging), CloudWatch alarms; and nested stacks.
#include <string>
#include <string_view>

#include "load/cfn/resources_internal.h"

namespace fnwarden::load::cfn::internal {
namespace {

void NoteDataResourceType(std::string_view type, model::Trail* trail) {
  if (type == "AWS::Lambda::Function") trail->lambda_data_events = true;
  if (type == "AWS::S3::Object") trail->s3_data_events = true;
}

// The WebAcl a WebACLArn / ResourceArn value references.
model::WebAcl* WebAclFor(AdaptContext& ctx, const Val* v) {
  if (v == nullptr) return nullptr;
  for (const std::string& ref : v->refs()) {
    if (model::WebAcl* acl = model::FindIn(*ctx.model, ctx.model->web_acls, ref)) return acl;
  }
  return nullptr;
}

void AddAlarmFunction(AdaptContext& ctx, const Val* dimensions, model::Alarm* alarm) {
  for (const Val* dimension : Items(dimensions)) {
    if (!Str(*dimension, "Name").Is("FunctionName")) continue;
    std::string id = ResolveFunctionVal(ctx, dimension->Get("Value"));
    if (id.empty()) continue;
    bool seen = false;
    for (const std::string& existing : alarm->function_ids) seen = seen || existing == id;
    if (!seen) alarm->function_ids.push_back(id);
  }
}

}  // namespace

void AdaptTrail(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Trail trail = Make<model::Trail>(d);
  trail.is_logging = BoolOf(p, "IsLogging");
  trail.log_file_validation = BoolOf(p, "EnableLogFileValidation");
  trail.multi_region = BoolOf(p, "IsMultiRegionTrail");
  trail.kms_key = Str(p, "KMSKeyId");
  for (const Val* selector : Items(p.Get("EventSelectors"))) {
    for (const Val* data : Items(selector->Get("DataResources"))) {
      model::String type = Str(*data, "Type");
      if (type.known()) NoteDataResourceType(type.value, &trail);
    }
  }
  for (const Val* selector : Items(p.Get("AdvancedEventSelectors"))) {
    for (const Val* field : Items(selector->Get("FieldSelectors"))) {
      if (!Str(*field, "Field").Is("resources.type")) continue;
      for (const model::String& type : StrList(*field, "Equals")) {
        if (type.known()) NoteDataResourceType(type.value, &trail);
      }
    }
  }
  ctx.model->trails.push_back(std::move(trail));
}

void AdaptWebAcl(const Decl& d, AdaptContext& ctx) {
  model::WebAcl acl = Make<model::WebAcl>(d);
  acl.scope = Str(d.props, "Scope");
  ctx.model->web_acls.push_back(std::move(acl));
}

void AdaptAlarm(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Alarm alarm = Make<model::Alarm>(d);
  alarm.actions_enabled = BoolOf(p, "ActionsEnabled");
  alarm.alarm_actions = StrList(p, "AlarmActions");
  alarm.metric_name = Str(p, "MetricName");
  alarm.namespace_ = Str(p, "Namespace");
  ctx.model->alarms.push_back(std::move(alarm));
}

void AdaptNestedStack(const Decl& d, AdaptContext& ctx) {
  model::NestedStack stack = Make<model::NestedStack>(d);
  stack.location = Str(d.props, "TemplateURL");
  stack.parameters = StackParameters(d.props.Get("Parameters"));
  ctx.model->nested_stacks.push_back(std::move(stack));
}

// ---------------------------------------------------------------- pass 2

void AttachWebAclAssociation(const Decl& d, AdaptContext& ctx) {
  model::WebAcl* acl = WebAclFor(ctx, d.props.Get("WebACLArn"));
  if (acl != nullptr) acl->associated_resources.push_back(Str(d.props, "ResourceArn"));
}

void AttachWebAclLogging(const Decl& d, AdaptContext& ctx) {
  model::WebAcl* acl = WebAclFor(ctx, d.props.Get("ResourceArn"));
  if (acl != nullptr) acl->has_logging = true;
}

void AttachAlarmFunctions(const Decl& d, AdaptContext& ctx) {
  model::Alarm* alarm = model::FindIn(*ctx.model, ctx.model->alarms, d.base.id);
  if (alarm == nullptr) return;
  AddAlarmFunction(ctx, d.props.Get("Dimensions"), alarm);
  for (const Val* metric : Items(d.props.Get("Metrics"))) {
    AddAlarmFunction(ctx, FieldPath(metric, {"MetricStat", "Metric", "Dimensions"}), alarm);
  }
}

}  // namespace fnwarden::load::cfn::internal
