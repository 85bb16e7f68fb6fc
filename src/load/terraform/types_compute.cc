// Terraform types into CloudFormation (compile_internal.h): Lambda, IAM, and the
// load balancers in front of functions.

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "load/terraform/compile_internal.h"
#include "load/terraform/functions.h"

namespace fnwarden::load::terraform::internal {
namespace {

void LambdaFunction(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("FunctionName", "function_name")
      .Copy("Runtime", "runtime")
      .Copy("Handler", "handler")
      .Copy("Role", "role")
      .Copy("Timeout", "timeout")
      .Copy("MemorySize", "memory_size")
      .Copy("KmsKeyArn", "kms_key_arn")
      .Copy("Layers", "layers")
      .Copy("CodeSigningConfigArn", "code_signing_config_arn")
      .Copy("Architectures", "architectures")
      .Copy("PackageType", "package_type");
  if (ValuePtr rc = F(b, "reserved_concurrent_executions")) {
    double n = 0;
    if (!AsNumber(*rc, &n) || n >= 0) p.Set("ReservedConcurrentExecutions", rc);
  }
  if (const Value* env = Block(b, "environment")) {
    Props e(&c, env, env->loc);
    e.Copy("Variables", "variables");
    p.SetNode("Environment", e.Build());
  }
  if (const Value* t = Block(b, "tracing_config")) {
    p.SetNode("TracingConfig", Props(&c, t, t->loc).Copy("Mode", "mode").Build());
  }
  if (const Value* vpc = Block(b, "vpc_config")) {
    p.SetNode("VpcConfig", Props(&c, vpc, vpc->loc)
                               .Copy("SubnetIds", "subnet_ids")
                               .Copy("SecurityGroupIds", "security_group_ids")
                               .Build());
  }
  if (const Value* dlq = Block(b, "dead_letter_config")) {
    p.SetNode("DeadLetterConfig", Props(&c, dlq, dlq->loc).Copy("TargetArn", "target_arn").Build());
  }
  if (const Value* lc = Block(b, "logging_config")) {
    p.SetNode("LoggingConfig", Props(&c, lc, lc->loc)
                                   .Copy("LogGroup", "log_group")
                                   .Copy("LogFormat", "log_format")
                                   .Copy("ApplicationLogLevel", "application_log_level")
                                   .Copy("SystemLogLevel", "system_log_level")
                                   .Build());
  }
  // publish = true publishes a version on every change, which
  // CloudFormation says with an AWS::Lambda::Version.
  if (ValuePtr publish = F(b, "publish")) {
    bool known = false;
    if (AsBool(*publish, &known) && known) {
      Compiled* version =
          c.Synthetic(inst.address + ".version", "AWS::Lambda::Version", publish->loc);
      const Node* fn = c.arena()->Map(
          {c.arena()->Entry("Ref", c.Text(inst.address, publish->loc), publish->loc)},
          publish->loc);
      version->props = {c.arena()->Entry("FunctionName", fn, publish->loc)};
    }
  }
  Props code(&c, b, inst.loc);
  code.Copy("S3Bucket", "s3_bucket").Copy("S3Key", "s3_key").Copy("ImageUri", "image_uri");
  if (!code.empty()) p.SetNode("Code", code.Build());
  Finish(p, out);
}

void LambdaUrl(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("TargetFunctionArn", "function_name")
      .Copy("AuthType", "authorization_type")
      .Copy("Qualifier", "qualifier")
      .Copy("InvokeMode", "invoke_mode");
  if (const Value* cors = Block(b, "cors")) {
    p.SetNode("Cors", Props(&c, cors, cors->loc)
                          .Copy("AllowOrigins", "allow_origins")
                          .Copy("AllowMethods", "allow_methods")
                          .Copy("AllowHeaders", "allow_headers")
                          .Copy("AllowCredentials", "allow_credentials")
                          .Build());
  }
  Finish(p, out);
}

const Node* Destination(Compiler& c, const Value* dc) {
  if (dc == nullptr) return nullptr;
  Props d(&c, dc, dc->loc);
  if (const Value* f = Block(dc, "on_failure")) {
    d.SetNode("OnFailure", Props(&c, f, f->loc).Copy("Destination", "destination").Build());
  }
  if (const Value* s = Block(dc, "on_success")) {
    d.SetNode("OnSuccess", Props(&c, s, s->loc).Copy("Destination", "destination").Build());
  }
  return d.Build();
}

void EventSourceMapping(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("EventSourceArn", "event_source_arn")
      .Copy("FunctionName", "function_name")
      .Copy("Enabled", "enabled")
      .Copy("BatchSize", "batch_size")
      .Copy("StartingPosition", "starting_position")
      .Copy("MaximumRetryAttempts", "maximum_retry_attempts")
      .Copy("BisectBatchOnFunctionError", "bisect_batch_on_function_error");
  if (const Value* dc = Block(b, "destination_config")) {
    Props d(&c, dc, dc->loc);
    if (const Value* f = Block(dc, "on_failure")) {
      d.SetNode("OnFailure", Props(&c, f, f->loc).Copy("Destination", "destination_arn").Build());
    }
    p.SetNode("DestinationConfig", d.Build());
  }
  Finish(p, out);
}

void EventInvokeConfig(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("FunctionName", "function_name")
      .Copy("MaximumRetryAttempts", "maximum_retry_attempts")
      .Copy("MaximumEventAgeInSeconds", "maximum_event_age_in_seconds");
  if (F(b, "qualifier") != nullptr) {
    p.Copy("Qualifier", "qualifier");
  } else {
    p.SetText("Qualifier", "$LATEST");
  }
  if (const Value* dc = Block(b, "destination_config")) {
    p.SetNode("DestinationConfig", Destination(c, dc));
  }
  Finish(p, out);
}

void IamRole(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("RoleName", "name")
      .Copy("Path", "path")
      .Copy("PermissionsBoundary", "permissions_boundary");
  if (ValuePtr trust = F(b, "assume_role_policy"))
    p.SetNode("AssumeRolePolicyDocument", c.Policy(trust));
  p.Copy("ManagedPolicyArns", "managed_policy_arns");
  std::vector<const Node*> policies;
  for (const Value* inline_policy : Blocks(b, "inline_policy")) {
    ValuePtr doc = F(inline_policy, "policy");
    if (doc == nullptr) continue;
    Props ip(&c, inline_policy, inline_policy->loc);
    ip.Copy("PolicyName", "name").SetNode("PolicyDocument", c.Policy(doc));
    policies.push_back(ip.Build());
  }
  if (!policies.empty()) p.SetNode("Policies", c.Seq(policies, inst.loc));
  Finish(p, out);
}

void IamPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("ManagedPolicyName", "name").Copy("Path", "path");
  if (ValuePtr doc = F(b, "policy")) p.SetNode("PolicyDocument", c.Policy(doc));
  Finish(p, out);
}

// aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy: an
// inline policy of one principal.
void InlinePolicy(Compiler& c, const ResourceInstance& inst, Compiled* out, std::string_view field,
                  std::string_view property) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  if (F(b, "name") != nullptr) {
    p.Copy("PolicyName", "name");
  } else {
    p.SetText("PolicyName", inst.address);
  }
  if (ValuePtr doc = F(b, "policy")) p.SetNode("PolicyDocument", c.Policy(doc));
  if (ValuePtr who = F(b, field)) p.SetNode(property, c.Seq({c.ToNode(who)}, who->loc));
  Finish(p, out);
}

void RolePolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  InlinePolicy(c, inst, out, "role", "Roles");
}
void UserPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  InlinePolicy(c, inst, out, "user", "Users");
}
void GroupPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  InlinePolicy(c, inst, out, "group", "Groups");
}

// A managed policy attached to a role, user or group: added to its
// ManagedPolicyArns. An attachment to a principal this unit does not
// declare changes nothing fnwarden sees.
void Attach(Compiler& c, const ValuePtr& who, std::string_view tf_type, const ValuePtr& arn) {
  if (arn == nullptr) return;
  Compiled* target = c.Target(who, tf_type, {"name"});
  if (target != nullptr) c.Append(target, "ManagedPolicyArns", c.ToNode(arn));
}

void RoleAttachment(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Attach(c, F(Body(inst), "role"), "aws_iam_role", F(Body(inst), "policy_arn"));
}
void UserAttachment(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Attach(c, F(Body(inst), "user"), "aws_iam_user", F(Body(inst), "policy_arn"));
}
void GroupAttachment(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Attach(c, F(Body(inst), "group"), "aws_iam_group", F(Body(inst), "policy_arn"));
}
void PolicyAttachment(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  ValuePtr arn = F(b, "policy_arn");
  for (auto [field, type] : {std::pair{"roles", "aws_iam_role"}, std::pair{"users", "aws_iam_user"},
                             std::pair{"groups", "aws_iam_group"}}) {
    ValuePtr list = F(b, field);
    if (list == nullptr || list->kind != Kind::kTuple) continue;
    for (const ValuePtr& who : list->items) Attach(c, who, type, arn);
  }
}
// Role policy attachments written as one exclusive list.
void RolePolicyAttachmentsExclusive(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  ValuePtr arns = F(b, "policy_arns");
  if (arns == nullptr || arns->kind != Kind::kTuple) return;
  for (const ValuePtr& arn : arns->items) Attach(c, F(b, "role_name"), "aws_iam_role", arn);
}
// ---- Application Load Balancers in front of functions ----

// `internal` as CloudFormation's Scheme: absent stays absent (the default,
// internet-facing), a value not known is kept unknown.
void LoadBalancer(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Type", "load_balancer_type").Copy("Name", "name");
  if (ValuePtr internal = F(b, "internal")) {
    bool known = false;
    bool yes = AsBool(*internal, &known);
    p.Set("Scheme", known ? String(yes ? "internal" : "internet-facing", internal->loc)
                          : Unknown("internal", internal->loc));
  }
  Finish(p, out);
}

// Listener and rule actions: their type, the group they forward to
// (directly or in a weighted `forward` block) and nothing else.
const Node* ListenerActions(Compiler& c, const Value* b, std::string_view block, util::Loc loc) {
  std::vector<const Node*> actions;
  for (const Value* a : Blocks(b, block)) {
    Props action(&c, a, a->loc);
    action.Copy("Type", "type").Copy("TargetGroupArn", "target_group_arn");
    std::vector<const Node*> groups;
    for (const Value* forward : Blocks(a, "forward")) {
      for (const Value* g : Blocks(forward, "target_group")) {
        groups.push_back(Props(&c, g, g->loc).Copy("TargetGroupArn", "arn").Build());
      }
    }
    groups.erase(std::remove(groups.begin(), groups.end(), nullptr), groups.end());
    if (!groups.empty()) {
      action.SetNode(
          "ForwardConfig",
          c.arena()->Map({c.arena()->Entry("TargetGroups", c.Seq(groups, a->loc), a->loc)},
                         a->loc));
    }
    if (const Node* n = action.Build()) actions.push_back(n);
  }
  return actions.empty() ? nullptr : c.Seq(actions, loc);
}

void Listener(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("LoadBalancerArn", "load_balancer_arn")
      .Copy("Port", "port")
      .Copy("Protocol", "protocol")
      .SetNode("DefaultActions", ListenerActions(c, b, "default_action", inst.loc));
  Finish(p, out);
}

void ListenerRule(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("ListenerArn", "listener_arn")
      .Copy("Priority", "priority")
      .SetNode("Actions", ListenerActions(c, b, "action", inst.loc));
  Finish(p, out);
}

// An attachment adds its target to the group's Targets.
void TargetGroupAttachment(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  Compiled* group = c.Referenced(F(b, "target_group_arn"));
  if (group == nullptr || group->type != "AWS::ElasticLoadBalancingV2::TargetGroup") return;
  if (const Node* target = Props(&c, b, inst.loc).Copy("Id", "target_id").Build()) {
    c.Append(group, "Targets", target);
  }
}

void Nothing(Compiler&, const ResourceInstance&, Compiled*) {}

void IamGroup(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("GroupName", "name").Copy("Path", "path");
  Finish(p, out);
}

}  // namespace

std::span<const TypeInfo> ComputeTypes() {
  static const std::vector<TypeInfo> kTypes = {
      {"aws_lambda_function",
       "AWS::Lambda::Function",
       LambdaFunction,
       {{"arn", "Arn"}, {"function_name", ""}, {"id", ""}}},
      {"aws_lambda_permission",
       "AWS::Lambda::Permission",
       nullptr,
       {{"id", ""}},
       {{"Action", "action"},
        {"FunctionName", "function_name"},
        {"Principal", "principal"},
        {"SourceArn", "source_arn"},
        {"SourceAccount", "source_account"},
        {"PrincipalOrgID", "principal_org_id"},
        {"FunctionUrlAuthType", "function_url_auth_type"},
        {"EventSourceToken", "event_source_token"}}},
      {"aws_lambda_function_url",
       "AWS::Lambda::Url",
       LambdaUrl,
       {{"function_url", "FunctionUrl"}, {"function_arn", "FunctionArn"}}},
      {"aws_lambda_event_source_mapping",
       "AWS::Lambda::EventSourceMapping",
       EventSourceMapping,
       {{"id", ""}, {"uuid", ""}}},
      {"aws_lambda_function_event_invoke_config",
       "AWS::Lambda::EventInvokeConfig",
       EventInvokeConfig,
       {}},
      {"aws_lambda_layer_version",
       "AWS::Lambda::LayerVersion",
       nullptr,
       {{"arn", ""}, {"id", ""}},
       {{"LayerName", "layer_name"}, {"CompatibleRuntimes", "compatible_runtimes"}}},
      {"aws_lambda_layer_version_permission",
       "AWS::Lambda::LayerVersionPermission",
       nullptr,
       {},
       {{"LayerVersionArn", "layer_name"},
        {"Action", "action"},
        {"Principal", "principal"},
        {"OrganizationId", "organization_id"}}},
      {"aws_lambda_alias",
       "AWS::Lambda::Alias",
       nullptr,
       {{"arn", ""}},
       {{"FunctionName", "function_name"},
        {"FunctionVersion", "function_version"},
        {"Name", "name"}}},
      // aws_alb* are the provider's older names for the same resources.
      {"aws_lb",
       "AWS::ElasticLoadBalancingV2::LoadBalancer",
       LoadBalancer,
       {{"arn", ""}, {"id", ""}}},
      {"aws_alb",
       "AWS::ElasticLoadBalancingV2::LoadBalancer",
       LoadBalancer,
       {{"arn", ""}, {"id", ""}}},
      {"aws_lb_listener",
       "AWS::ElasticLoadBalancingV2::Listener",
       Listener,
       {{"arn", ""}, {"id", ""}}},
      {"aws_alb_listener",
       "AWS::ElasticLoadBalancingV2::Listener",
       Listener,
       {{"arn", ""}, {"id", ""}}},
      {"aws_lb_listener_rule",
       "AWS::ElasticLoadBalancingV2::ListenerRule",
       ListenerRule,
       {{"arn", ""}}},
      {"aws_alb_listener_rule",
       "AWS::ElasticLoadBalancingV2::ListenerRule",
       ListenerRule,
       {{"arn", ""}}},
      {"aws_lb_target_group",
       "AWS::ElasticLoadBalancingV2::TargetGroup",
       nullptr,
       {{"arn", ""}, {"id", ""}},
       {{"Name", "name"}, {"TargetType", "target_type"}}},
      {"aws_alb_target_group",
       "AWS::ElasticLoadBalancingV2::TargetGroup",
       nullptr,
       {{"arn", ""}, {"id", ""}},
       {{"Name", "name"}, {"TargetType", "target_type"}}},
      {"aws_lb_target_group_attachment", "", TargetGroupAttachment, {}},
      {"aws_alb_target_group_attachment", "", TargetGroupAttachment, {}},
      {"aws_iam_role",
       "AWS::IAM::Role",
       IamRole,
       {{"arn", "Arn"}, {"name", ""}, {"id", ""}, {"unique_id", "RoleId"}}},
      {"aws_iam_policy", "AWS::IAM::ManagedPolicy", IamPolicy, {{"arn", ""}, {"id", ""}}},
      {"aws_iam_role_policy", "AWS::IAM::Policy", RolePolicy, {}},
      {"aws_iam_user_policy", "AWS::IAM::Policy", UserPolicy, {}},
      {"aws_iam_group_policy", "AWS::IAM::Policy", GroupPolicy, {}},
      {"aws_iam_role_policy_attachment", "", RoleAttachment, {}},
      {"aws_iam_user_policy_attachment", "", UserAttachment, {}},
      {"aws_iam_group_policy_attachment", "", GroupAttachment, {}},
      {"aws_iam_policy_attachment", "", PolicyAttachment, {}},
      {"aws_iam_role_policy_attachments_exclusive", "", RolePolicyAttachmentsExclusive, {}},
      {"aws_iam_role_policies_exclusive", "", Nothing, {}},
      {"aws_iam_user",
       "AWS::IAM::User",
       nullptr,
       {{"arn", "Arn"}, {"name", ""}, {"id", ""}},
       {{"UserName", "name"}, {"Path", "path"}, {"PermissionsBoundary", "permissions_boundary"}}},
      {"aws_iam_group", "AWS::IAM::Group", IamGroup, {{"arn", "Arn"}, {"name", ""}, {"id", ""}}},
  };
  return kTypes;
}

}  // namespace fnwarden::load::terraform::internal
