// Terraform types into CloudFormation (compile_internal.h): S3, data stores,
// messaging, monitoring, Step Functions, EventBridge, Cognito, CloudTrail
// and WAF.

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "load/terraform/compile_internal.h"
#include "load/terraform/functions.h"

namespace fnwarden::load::terraform::internal {
namespace {

// S3.
const Node* BucketEncryption(Compiler& c, const Value* config) {
  std::vector<const Node*> rules;
  for (const Value* rule : Blocks(config, "rule")) {
    Props r(&c, rule, rule->loc);
    if (const Value* d = Block(rule, "apply_server_side_encryption_by_default")) {
      r.SetNode("ServerSideEncryptionByDefault", Props(&c, d, d->loc)
                                                     .Copy("SSEAlgorithm", "sse_algorithm")
                                                     .Copy("KMSMasterKeyID", "kms_master_key_id")
                                                     .Build());
    }
    r.Copy("BucketKeyEnabled", "bucket_key_enabled");
    if (!r.empty()) rules.push_back(r.Build());
  }
  if (rules.empty()) return nullptr;
  return Props(&c, config, config->loc)
      .SetNode("ServerSideEncryptionConfiguration", c.Seq(rules, config->loc))
      .Build();
}

std::string_view CannedAcl(std::string_view acl) {
  static const std::pair<std::string_view, std::string_view> kAcls[] = {
      {"private", "Private"},
      {"public-read", "PublicRead"},
      {"public-read-write", "PublicReadWrite"},
      {"authenticated-read", "AuthenticatedRead"},
      {"log-delivery-write", "LogDeliveryWrite"},
      {"bucket-owner-read", "BucketOwnerRead"},
      {"bucket-owner-full-control", "BucketOwnerFullControl"},
      {"aws-exec-read", "AwsExecRead"},
  };
  for (auto [tf, cfn] : kAcls) {
    if (tf == acl) return cfn;
  }
  return "";
}

void SetAcl(Compiler& c, Compiled* target, const ValuePtr& acl) {
  if (acl == nullptr) return;
  std::string text;
  if (!AsText(*acl, &text) || CannedAcl(text).empty()) return;
  c.SetProp(target, "AccessControl", c.Text(CannedAcl(text), acl->loc), acl->loc);
}

const Node* Versioning(Compiler& c, const Value* v) {
  ValuePtr enabled = F(v, "enabled");
  if (ValuePtr status = F(v, "status")) {
    return Props(&c, v, v->loc).Set("Status", status).Build();
  }
  if (enabled == nullptr) return nullptr;
  bool known = false;
  bool on = AsBool(*enabled, &known);
  if (!known) return Props(&c, v, v->loc).Set("Status", enabled).Build();
  return Props(&c, v, v->loc)
      .SetNode("Status", c.Text(on ? "Enabled" : "Suspended", enabled->loc))
      .Build();
}

void Bucket(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("BucketName", "bucket");
  // Provider 3 arguments, still read by later providers.
  if (const Value* sse = Block(b, "server_side_encryption_configuration")) {
    p.SetNode("BucketEncryption", BucketEncryption(c, sse));
  }
  if (const Value* v = Block(b, "versioning"))
    p.SetNode("VersioningConfiguration", Versioning(c, v));
  if (const Value* l = Block(b, "logging")) {
    p.SetNode("LoggingConfiguration", Props(&c, l, l->loc)
                                          .Copy("DestinationBucketName", "target_bucket")
                                          .Copy("LogFilePrefix", "target_prefix")
                                          .Build());
  }
  Finish(p, out);
  SetAcl(c, out, F(b, "acl"));
}

Compiled* BucketOf(Compiler& c, const ResourceInstance& inst) {
  return c.Target(F(Body(inst), "bucket"), "aws_s3_bucket", {"bucket"});
}

void BucketSse(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  if (bucket == nullptr) return;
  if (const Node* n = BucketEncryption(c, Body(inst)))
    c.SetProp(bucket, "BucketEncryption", n, inst.loc);
}
void BucketPublicAccessBlock(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  if (bucket == nullptr) return;
  const Node* n = Props(&c, Body(inst), inst.loc)
                      .Copy("BlockPublicAcls", "block_public_acls")
                      .Copy("BlockPublicPolicy", "block_public_policy")
                      .Copy("IgnorePublicAcls", "ignore_public_acls")
                      .Copy("RestrictPublicBuckets", "restrict_public_buckets")
                      .Build();
  if (n != nullptr) c.SetProp(bucket, "PublicAccessBlockConfiguration", n, inst.loc);
}
void BucketVersioning(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  const Value* v = Block(Body(inst), "versioning_configuration");
  if (bucket == nullptr || v == nullptr) return;
  if (const Node* n = Versioning(c, v)) c.SetProp(bucket, "VersioningConfiguration", n, inst.loc);
}
void BucketLogging(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  if (bucket == nullptr) return;
  const Node* n = Props(&c, Body(inst), inst.loc)
                      .Copy("DestinationBucketName", "target_bucket")
                      .Copy("LogFilePrefix", "target_prefix")
                      .Build();
  if (n != nullptr) c.SetProp(bucket, "LoggingConfiguration", n, inst.loc);
}
void BucketAcl(Compiler& c, const ResourceInstance& inst, Compiled*) {
  if (Compiled* bucket = BucketOf(c, inst)) SetAcl(c, bucket, F(Body(inst), "acl"));
}
void BucketOwnership(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  if (bucket == nullptr) return;
  std::vector<const Node*> rules;
  for (const Value* rule : Blocks(Body(inst), "rule")) {
    rules.push_back(Props(&c, rule, rule->loc).Copy("ObjectOwnership", "object_ownership").Build());
  }
  rules.erase(std::remove(rules.begin(), rules.end(), nullptr), rules.end());
  if (rules.empty()) return;
  c.SetProp(bucket, "OwnershipControls",
            Props(&c, Body(inst), inst.loc).SetNode("Rules", c.Seq(rules, inst.loc)).Build(),
            inst.loc);
}
void BucketPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Bucket", "bucket");
  if (ValuePtr doc = F(b, "policy")) p.SetNode("PolicyDocument", c.Policy(doc));
  Finish(p, out);
}

// Data stores.
void DynamoTable(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("TableName", "name")
      .Copy("BillingMode", "billing_mode")
      .Copy("DeletionProtectionEnabled", "deletion_protection_enabled");
  if (const Value* sse = Block(b, "server_side_encryption")) {
    Props s(&c, sse, sse->loc);
    s.Copy("SSEEnabled", "enabled").Copy("KMSMasterKeyId", "kms_key_arn");
    ValuePtr enabled = F(sse, "enabled");
    bool known = false;
    if (enabled != nullptr && AsBool(*enabled, &known) && known) s.SetText("SSEType", "KMS");
    p.SetNode("SSESpecification", s.Build());
  }
  if (const Value* pitr = Block(b, "point_in_time_recovery")) {
    p.SetNode("PointInTimeRecoverySpecification",
              Props(&c, pitr, pitr->loc).Copy("PointInTimeRecoveryEnabled", "enabled").Build());
  }
  if (ValuePtr stream = F(b, "stream_enabled")) {
    bool known = false;
    if (AsBool(*stream, &known) && known) {
      p.SetNode("StreamSpecification",
                Props(&c, b, stream->loc).Copy("StreamViewType", "stream_view_type").Build());
    }
  }
  Finish(p, out);
}

void SqsQueue(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("QueueName", "name")
      .Copy("KmsMasterKeyId", "kms_master_key_id")
      .Copy("SqsManagedSseEnabled", "sqs_managed_sse_enabled")
      .Copy("VisibilityTimeout", "visibility_timeout_seconds")
      .Copy("MessageRetentionPeriod", "message_retention_seconds")
      .Copy("FifoQueue", "fifo_queue");
  if (ValuePtr redrive = F(b, "redrive_policy")) p.SetNode("RedrivePolicy", c.Policy(redrive));
  Finish(p, out);
}

// A queue's or topic's policy resource: the one resource it names, as the
// CloudFormation list `property`, and its document.
void ListPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out, std::string_view property,
                std::string_view target) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  if (ValuePtr t = F(b, target)) p.SetNode(property, c.Seq({c.ToNode(t)}, t->loc));
  if (ValuePtr doc = F(b, "policy")) p.SetNode("PolicyDocument", c.Policy(doc));
  Finish(p, out);
}

void SqsQueuePolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  ListPolicy(c, inst, out, "Queues", "queue_url");
}

void SnsTopicPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  ListPolicy(c, inst, out, "Topics", "arn");
}

void KmsKey(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Description", "description")
      .Copy("EnableKeyRotation", "enable_key_rotation")
      .Copy("KeySpec", "customer_master_key_spec")
      .Copy("KeyUsage", "key_usage");
  if (ValuePtr doc = F(b, "policy")) p.SetNode("KeyPolicy", c.Policy(doc));
  Finish(p, out);
}

void KmsKeyPolicy(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* key = c.Referenced(F(Body(inst), "key_id"));
  ValuePtr doc = F(Body(inst), "policy");
  if (key != nullptr && key->tf_type == "aws_kms_key" && doc != nullptr) {
    c.SetProp(key, "KeyPolicy", c.Policy(doc), inst.loc);
  }
}

void SecretPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("SecretId", "secret_arn");
  if (ValuePtr doc = F(b, "policy")) p.SetNode("ResourcePolicy", c.Policy(doc));
  Finish(p, out);
}

void SecretRotation(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("SecretId", "secret_id").Copy("RotationLambdaARN", "rotation_lambda_arn");
  if (const Value* r = Block(b, "rotation_rules")) {
    p.SetNode("RotationRules", Props(&c, r, r->loc)
                                   .Copy("AutomaticallyAfterDays", "automatically_after_days")
                                   .Copy("ScheduleExpression", "schedule_expression")
                                   .Build());
  }
  Finish(p, out);
}

// Monitoring.
void LogGroup(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("LogGroupName", "name").Copy("KmsKeyId", "kms_key_id");
  if (ValuePtr days = F(b, "retention_in_days")) {
    double n = 0;
    // 0 is "never expire", which CloudFormation says by leaving it out.
    if (!AsNumber(*days, &n) || n != 0) p.Set("RetentionInDays", days);
  }
  Finish(p, out);
}

void MetricAlarm(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("AlarmName", "alarm_name")
      .Copy("MetricName", "metric_name")
      .Copy("Namespace", "namespace")
      .Copy("Statistic", "statistic")
      .Copy("Period", "period")
      .Copy("EvaluationPeriods", "evaluation_periods")
      .Copy("Threshold", "threshold")
      .Copy("ComparisonOperator", "comparison_operator")
      .Copy("AlarmActions", "alarm_actions")
      .Copy("ActionsEnabled", "actions_enabled");
  if (ValuePtr dims = F(b, "dimensions"); dims != nullptr && dims->kind == Kind::kObject) {
    std::vector<const Node*> list;
    for (const auto& [name, value] : dims->fields) {
      list.push_back(
          Props(&c, nullptr, value->loc).SetText("Name", name).Set("Value", value).Build());
    }
    p.SetNode("Dimensions", c.Seq(list, dims->loc));
  }
  Finish(p, out);
}

void StateMachine(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("StateMachineName", "name").Copy("RoleArn", "role_arn").Copy("StateMachineType", "type");
  if (ValuePtr def = F(b, "definition")) p.SetNode("Definition", c.Policy(def));
  if (const Value* lc = Block(b, "logging_configuration")) {
    Props l(&c, lc, lc->loc);
    l.Copy("Level", "level").Copy("IncludeExecutionData", "include_execution_data");
    if (ValuePtr dest = F(lc, "log_destination")) {
      const Node* group = Props(&c, lc, dest->loc).Set("LogGroupArn", dest).Build();
      const Node* d = Props(&c, lc, dest->loc).SetNode("CloudWatchLogsLogGroup", group).Build();
      l.SetNode("Destinations", c.Seq({d}, dest->loc));
    }
    p.SetNode("LoggingConfiguration", l.Build());
  }
  if (const Value* tc = Block(b, "tracing_configuration")) {
    p.SetNode("TracingConfiguration", Props(&c, tc, tc->loc).Copy("Enabled", "enabled").Build());
  }
  Finish(p, out);
}

void EventRule(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Name", "name")
      .Copy("ScheduleExpression", "schedule_expression")
      .Copy("EventBusName", "event_bus_name")
      .Copy("State", "state");
  if (ValuePtr pattern = F(b, "event_pattern")) p.SetNode("EventPattern", c.Policy(pattern));
  Finish(p, out);
}

void EventTarget(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  Compiled* rule = c.Target(F(b, "rule"), "aws_cloudwatch_event_rule", {"name"});
  if (rule == nullptr) return;
  Props t(&c, b, inst.loc);
  if (F(b, "target_id") != nullptr) {
    t.Copy("Id", "target_id");
  } else {
    t.SetText("Id", inst.address);
  }
  t.Copy("Arn", "arn").Copy("RoleArn", "role_arn");
  if (const Value* dlq = Block(b, "dead_letter_config")) {
    t.SetNode("DeadLetterConfig", Props(&c, dlq, dlq->loc).Copy("Arn", "arn").Build());
  }
  if (const Value* rp = Block(b, "retry_policy")) {
    t.SetNode("RetryPolicy", Props(&c, rp, rp->loc)
                                 .Copy("MaximumRetryAttempts", "maximum_retry_attempts")
                                 .Copy("MaximumEventAgeInSeconds", "maximum_event_age_in_seconds")
                                 .Build());
  }
  c.Append(rule, "Targets", t.Build());
}

// The policy's statements, as CloudFormation's Statement property holds them.
void EventBusPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("EventBusName", "event_bus_name");
  if (F(b, "event_bus_name") == nullptr) p.SetText("EventBusName", "default");
  if (ValuePtr doc = F(b, "policy")) {
    const Node* policy = c.Policy(doc);
    const Node* statement = policy != nullptr ? policy->Get("Statement") : nullptr;
    p.SetNode("Statement", statement != nullptr ? statement : policy);
  }
  Finish(p, out);
}

// Cognito.
void UserPool(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("UserPoolName", "name").Copy("MfaConfiguration", "mfa_configuration");
  if (const Value* pp = Block(b, "password_policy")) {
    const Node* policy =
        Props(&c, pp, pp->loc)
            .Copy("MinimumLength", "minimum_length")
            .Copy("RequireLowercase", "require_lowercase")
            .Copy("RequireUppercase", "require_uppercase")
            .Copy("RequireNumbers", "require_numbers")
            .Copy("RequireSymbols", "require_symbols")
            .Copy("TemporaryPasswordValidityDays", "temporary_password_validity_days")
            .Build();
    if (policy != nullptr) {
      p.SetNode("Policies", Props(&c, pp, pp->loc).SetNode("PasswordPolicy", policy).Build());
    }
  }
  if (const Value* admin = Block(b, "admin_create_user_config")) {
    p.SetNode("AdminCreateUserConfig",
              Props(&c, admin, admin->loc)
                  .Copy("AllowAdminCreateUserOnly", "allow_admin_create_user_only")
                  .Build());
  }
  std::vector<const Node*> schema;
  for (const Value* a : Blocks(b, "schema")) {
    schema.push_back(Props(&c, a, a->loc)
                         .Copy("Name", "name")
                         .Copy("AttributeDataType", "attribute_data_type")
                         .Copy("Mutable", "mutable")
                         .Copy("Required", "required")
                         .Copy("DeveloperOnlyAttribute", "developer_only_attribute")
                         .Build());
  }
  schema.erase(std::remove(schema.begin(), schema.end(), nullptr), schema.end());
  if (!schema.empty()) p.SetNode("Schema", c.Seq(schema, inst.loc));
  if (const Value* addons = Block(b, "user_pool_add_ons")) {
    p.SetNode("UserPoolAddOns", Props(&c, addons, addons->loc)
                                    .Copy("AdvancedSecurityMode", "advanced_security_mode")
                                    .Build());
  }
  Finish(p, out);
}

void IdentityPool(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("IdentityPoolName", "identity_pool_name")
      .Copy("AllowUnauthenticatedIdentities", "allow_unauthenticated_identities");
  std::vector<const Node*> providers;
  for (const Value* cip : Blocks(b, "cognito_identity_providers")) {
    providers.push_back(Props(&c, cip, cip->loc)
                            .Copy("ClientId", "client_id")
                            .Copy("ProviderName", "provider_name")
                            .Build());
  }
  providers.erase(std::remove(providers.begin(), providers.end(), nullptr), providers.end());
  if (!providers.empty()) p.SetNode("CognitoIdentityProviders", c.Seq(providers, inst.loc));
  Finish(p, out);
}

void Trail(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("TrailName", "name")
      .Copy("S3BucketName", "s3_bucket_name")
      .Copy("IsMultiRegionTrail", "is_multi_region_trail")
      .Copy("EnableLogFileValidation", "enable_log_file_validation")
      .Copy("KMSKeyId", "kms_key_id")
      .Copy("CloudWatchLogsLogGroupArn", "cloud_watch_logs_group_arn");
  if (ValuePtr logging = F(b, "enable_logging")) {
    p.Set("IsLogging", logging);
  } else {
    p.SetNode("IsLogging", c.arena()->Plain("true", inst.loc));
  }
  std::vector<const Node*> selectors;
  for (const Value* s : Blocks(b, "event_selector")) {
    Props sel(&c, s, s->loc);
    sel.Copy("ReadWriteType", "read_write_type")
        .Copy("IncludeManagementEvents", "include_management_events");
    std::vector<const Node*> data;
    for (const Value* d : Blocks(s, "data_resource")) {
      data.push_back(Props(&c, d, d->loc).Copy("Type", "type").Copy("Values", "values").Build());
    }
    data.erase(std::remove(data.begin(), data.end(), nullptr), data.end());
    if (!data.empty()) sel.SetNode("DataResources", c.Seq(data, s->loc));
    if (!sel.empty()) selectors.push_back(sel.Build());
  }
  if (!selectors.empty()) p.SetNode("EventSelectors", c.Seq(selectors, inst.loc));
  std::vector<const Node*> advanced;
  for (const Value* s : Blocks(b, "advanced_event_selector")) {
    Props sel(&c, s, s->loc);
    sel.Copy("Name", "name");
    std::vector<const Node*> fields;
    for (const Value* f : Blocks(s, "field_selector")) {
      fields.push_back(Props(&c, f, f->loc)
                           .Copy("Field", "field")
                           .Copy("Equals", "equals")
                           .Copy("NotEquals", "not_equals")
                           .Copy("StartsWith", "starts_with")
                           .Copy("NotStartsWith", "not_starts_with")
                           .Copy("EndsWith", "ends_with")
                           .Copy("NotEndsWith", "not_ends_with")
                           .Build());
    }
    fields.erase(std::remove(fields.begin(), fields.end(), nullptr), fields.end());
    if (!fields.empty()) sel.SetNode("FieldSelectors", c.Seq(fields, s->loc));
    advanced.push_back(sel.Build());
  }
  advanced.erase(std::remove(advanced.begin(), advanced.end(), nullptr), advanced.end());
  if (!advanced.empty()) p.SetNode("AdvancedEventSelectors", c.Seq(advanced, inst.loc));
  Finish(p, out);
}

// WAF.
void WebAclAssociation(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("ResourceArn", "resource_arn").Copy("WebACLArn", "web_acl_arn");
  Finish(p, out);
}

}  // namespace

std::span<const TypeInfo> DataTypes() {
  static const std::vector<TypeInfo> kTypes = {
      {"aws_s3_bucket",
       "AWS::S3::Bucket",
       Bucket,
       {{"arn", "Arn"},
        {"id", ""},
        {"bucket", ""},
        {"bucket_domain_name", "DomainName"},
        {"bucket_regional_domain_name", "RegionalDomainName"}}},
      {"aws_s3_bucket_server_side_encryption_configuration", "", BucketSse, {}},
      {"aws_s3_bucket_public_access_block", "", BucketPublicAccessBlock, {}},
      {"aws_s3_bucket_versioning", "", BucketVersioning, {}},
      {"aws_s3_bucket_logging", "", BucketLogging, {}},
      {"aws_s3_bucket_acl", "", BucketAcl, {}},
      {"aws_s3_bucket_ownership_controls", "", BucketOwnership, {}},
      {"aws_s3_bucket_policy", "AWS::S3::BucketPolicy", BucketPolicy, {}},
      {"aws_dynamodb_table",
       "AWS::DynamoDB::Table",
       DynamoTable,
       {{"arn", "Arn"}, {"id", ""}, {"name", ""}, {"stream_arn", "StreamArn"}}},
      {"aws_sqs_queue",
       "AWS::SQS::Queue",
       SqsQueue,
       {{"arn", "Arn"}, {"id", ""}, {"url", ""}, {"name", "QueueName"}}},
      {"aws_sqs_queue_policy", "AWS::SQS::QueuePolicy", SqsQueuePolicy, {}},
      {"aws_sns_topic",
       "AWS::SNS::Topic",
       nullptr,
       {{"arn", ""}, {"id", ""}, {"name", "TopicName"}},
       {{"TopicName", "name"}, {"KmsMasterKeyId", "kms_master_key_id"}}},
      {"aws_sns_topic_policy", "AWS::SNS::TopicPolicy", SnsTopicPolicy, {}},
      {"aws_sns_topic_subscription",
       "AWS::SNS::Subscription",
       nullptr,
       {{"arn", ""}},
       {{"TopicArn", "topic_arn"}, {"Protocol", "protocol"}, {"Endpoint", "endpoint"}}},
      {"aws_kms_key", "AWS::KMS::Key", KmsKey, {{"arn", "Arn"}, {"id", ""}, {"key_id", ""}}},
      {"aws_kms_key_policy", "", KmsKeyPolicy, {}},
      {"aws_kms_alias",
       "AWS::KMS::Alias",
       nullptr,
       {{"id", ""}, {"name", ""}},
       {{"AliasName", "name"}, {"TargetKeyId", "target_key_id"}}},
      {"aws_secretsmanager_secret",
       "AWS::SecretsManager::Secret",
       nullptr,
       {{"arn", ""}, {"id", ""}},
       {{"Name", "name"}, {"KmsKeyId", "kms_key_id"}, {"Description", "description"}}},
      {"aws_secretsmanager_secret_policy", "AWS::SecretsManager::ResourcePolicy", SecretPolicy, {}},
      {"aws_secretsmanager_secret_rotation",
       "AWS::SecretsManager::RotationSchedule",
       SecretRotation,
       {}},
      {"aws_ssm_parameter",
       "AWS::SSM::Parameter",
       nullptr,
       {{"id", ""}, {"name", ""}},
       {{"Name", "name"}, {"Type", "type"}, {"Value", "value"}}},
      {"aws_cloudwatch_log_group",
       "AWS::Logs::LogGroup",
       LogGroup,
       {{"arn", "Arn"}, {"id", ""}, {"name", ""}}},
      {"aws_cloudwatch_metric_alarm",
       "AWS::CloudWatch::Alarm",
       MetricAlarm,
       {{"arn", "Arn"}, {"id", ""}}},
      {"aws_sfn_state_machine",
       "AWS::StepFunctions::StateMachine",
       StateMachine,
       {{"arn", ""}, {"id", ""}, {"name", "Name"}}},
      {"aws_cloudwatch_event_rule",
       "AWS::Events::Rule",
       EventRule,
       {{"arn", "Arn"}, {"id", ""}, {"name", ""}}},
      {"aws_cloudwatch_event_target", "", EventTarget, {}},
      {"aws_cloudwatch_event_bus_policy", "AWS::Events::EventBusPolicy", EventBusPolicy, {}},
      {"aws_cloudwatch_event_bus",
       "AWS::Events::EventBus",
       nullptr,
       {{"arn", "Arn"}, {"id", ""}, {"name", ""}},
       {{"Name", "name"}}},
      {"aws_cognito_user_pool", "AWS::Cognito::UserPool", UserPool, {{"arn", "Arn"}, {"id", ""}}},
      {"aws_cognito_user_pool_client",
       "AWS::Cognito::UserPoolClient",
       nullptr,
       {{"id", ""}},
       {{"UserPoolId", "user_pool_id"},
        {"ClientName", "name"},
        {"GenerateSecret", "generate_secret"},
        {"ExplicitAuthFlows", "explicit_auth_flows"},
        {"AllowedOAuthFlows", "allowed_oauth_flows"},
        {"ReadAttributes", "read_attributes"},
        {"WriteAttributes", "write_attributes"}}},
      {"aws_cognito_identity_pool", "AWS::Cognito::IdentityPool", IdentityPool, {{"id", ""}}},
      {"aws_cognito_identity_pool_roles_attachment",
       "AWS::Cognito::IdentityPoolRoleAttachment",
       nullptr,
       {},
       {{"IdentityPoolId", "identity_pool_id"}, {"Roles", "roles"}}},
      {"aws_cloudtrail", "AWS::CloudTrail::Trail", Trail, {{"arn", "Arn"}, {"id", ""}}},
      {"aws_wafv2_web_acl",
       "AWS::WAFv2::WebACL",
       nullptr,
       {{"arn", "Arn"}, {"id", "Id"}},
       {{"Name", "name"}, {"Scope", "scope"}}},
      {"aws_wafv2_web_acl_association", "AWS::WAFv2::WebACLAssociation", WebAclAssociation, {}},
      {"aws_wafv2_web_acl_logging_configuration",
       "AWS::WAFv2::LoggingConfiguration",
       nullptr,
       {},
       {{"ResourceArn", "resource_arn"}, {"LogDestinationConfigs", "log_destination_configs"}}},
  };
  return kTypes;
}

}  // namespace fnwarden::load::terraform::internal
