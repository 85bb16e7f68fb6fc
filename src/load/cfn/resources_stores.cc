// Data stores and their resource policies: S3, DynamoDB, SQS, SNS, KMS,
// Secrets Manager, SSM, CloudWatch Logs, Step Functions, EventBridge buses,
// Cognito.
#include <string>
#include <string_view>

#include "load/cfn/resources_internal.h"
#include "simdjson.h"

namespace fnwarden::load::cfn::internal {
namespace {

// The resource of `items` a reference names: a Ref/GetAtt to its logical ID,
// or a literal for which `matches_name` holds.
template <class T, class F>
T* Target(std::vector<T>& items, const model::String& v, const F& matches_name) {
  for (const std::string& ref : v.refs) {
    if (T* item = FindById(items, ref)) return item;
  }
  if (!v.known()) return nullptr;
  for (T& item : items) {
    if (matches_name(item, v.value)) return &item;
  }
  return nullptr;
}

bool NameIs(const model::String& name, std::string_view text) {
  return name.known() && !name.value.empty() && name.value == text;
}

// An ARN or URL whose last segment (after `sep`) is the known name.
bool EndsWithName(const model::String& name, std::string_view text, char sep) {
  return name.known() && !name.value.empty() && text.size() > name.value.size() &&
         text.ends_with(name.value) && text[text.size() - name.value.size() - 1] == sep;
}

model::PolicyDocument ResourcePolicy(const Val& p, std::string_view key, std::string name) {
  return ToPolicyDocument(p.Get(key), model::PolicySource::kInline, std::move(name), p.KeyLoc(key));
}

// RedrivePolicy is an object or, in older templates, a JSON string.
model::String DeadLetterTarget(const Val& props) {
  const Val* redrive = props.Get("RedrivePolicy");
  if (redrive == nullptr || !redrive->is_string()) {
    return redrive != nullptr ? Str(*redrive, "deadLetterTargetArn")
                              : ToString(nullptr, props.KeyLoc("RedrivePolicy"));
  }
  simdjson::dom::parser parser;
  std::string_view arn;
  if (parser.parse(redrive->text)["deadLetterTargetArn"].get_string().get(arn) !=
      simdjson::SUCCESS) {
    return model::String::Unknown(redrive->loc);
  }
  model::String out = ToString(redrive);
  out.value = std::string(arn);
  return out;
}

}  // namespace

void AdaptBucket(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Bucket b = Make<model::Bucket>(d);
  b.bucket_name = Str(p, "BucketName");
  const Val* encryption = p.Get("BucketEncryption");
  std::vector<const Val*> rules = Items(Field(encryption, "ServerSideEncryptionConfiguration"));
  const Val* by_default =
      rules.empty() ? nullptr : rules.front()->Get("ServerSideEncryptionByDefault");
  if (by_default != nullptr) {
    b.sse_algorithm = Str(*by_default, "SSEAlgorithm");
    b.kms_key = Str(*by_default, "KMSMasterKeyID");
  } else {
    b.sse_algorithm = ToString(nullptr, p.KeyLoc("BucketEncryption"));
  }
  if (const Val* versioning = p.Get("VersioningConfiguration")) {
    b.versioning = Str(*versioning, "Status");
  }
  if (const Val* block = p.Get("PublicAccessBlockConfiguration")) {
    b.has_public_access_block = true;
    b.block_public_acls = BoolOf(*block, "BlockPublicAcls");
    b.block_public_policy = BoolOf(*block, "BlockPublicPolicy");
    b.ignore_public_acls = BoolOf(*block, "IgnorePublicAcls");
    b.restrict_public_buckets = BoolOf(*block, "RestrictPublicBuckets");
  }
  b.has_logging = p.Get("LoggingConfiguration") != nullptr;
  b.access_control = Str(p, "AccessControl");
  ctx.model->buckets.push_back(std::move(b));
}

void AdaptTable(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Table t = Make<model::Table>(d);
  t.table_name = Str(p, "TableName");
  if (const Val* sse = p.Get("SSESpecification")) {
    t.sse_enabled = BoolOf(*sse, "SSEEnabled");
    t.kms_key = Str(*sse, "KMSMasterKeyId");
  } else {
    t.sse_enabled = ToBool(nullptr, p.KeyLoc("SSESpecification"));
  }
  if (const Val* pitr = p.Get("PointInTimeRecoverySpecification")) {
    t.point_in_time_recovery = BoolOf(*pitr, "PointInTimeRecoveryEnabled");
  }
  t.deletion_protection = BoolOf(p, "DeletionProtectionEnabled");
  ctx.model->tables.push_back(std::move(t));
}

void AdaptQueue(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Queue q = Make<model::Queue>(d);
  q.queue_name = Str(p, "QueueName");
  q.visibility_timeout = IntOf(p, "VisibilityTimeout");
  if (q.visibility_timeout.absent()) {
    q.visibility_timeout = model::Int::Default(30, d.base.loc);
  }
  q.kms_key = Str(p, "KmsMasterKeyId");
  q.sqs_managed_sse = BoolOf(p, "SqsManagedSseEnabled");
  q.dead_letter_target = DeadLetterTarget(p);
  q.fifo = BoolOf(p, "FifoQueue").Is(true);
  ctx.model->queues.push_back(std::move(q));
}

void AdaptTopic(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Topic t = Make<model::Topic>(d);
  t.topic_name = Str(p, "TopicName");
  t.kms_key = Str(p, "KmsMasterKeyId");
  ctx.model->topics.push_back(std::move(t));
}

void AdaptSecret(const Decl& d, AdaptContext& ctx) {
  model::Secret s = Make<model::Secret>(d);
  s.kms_key = Str(d.props, "KmsKeyId");
  ctx.model->secrets.push_back(std::move(s));
}

void AdaptSsmParameter(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Parameter param = Make<model::Parameter>(d);
  param.name = Str(p, "Name");
  param.type = Str(p, "Type");
  param.value = Str(p, "Value");
  ctx.model->ssm_parameters.push_back(std::move(param));
}

void AdaptKey(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Key k = Make<model::Key>(d);
  k.key_spec = Str(p, "KeySpec");
  if (k.key_spec.absent()) {
    k.key_spec = model::String::Default("SYMMETRIC_DEFAULT", d.base.loc);
  }
  k.key_usage = Str(p, "KeyUsage");
  k.enable_rotation = BoolOf(p, "EnableKeyRotation");
  if (p.Get("KeyPolicy") != nullptr) {
    k.has_key_policy = true;
    k.key_policy = ResourcePolicy(p, "KeyPolicy", "KeyPolicy");
  }
  ctx.model->keys.push_back(std::move(k));
}

void AdaptLogGroup(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::LogGroup g = Make<model::LogGroup>(d);
  g.log_group_name = Str(p, "LogGroupName");
  g.retention_days = IntOf(p, "RetentionInDays");
  g.kms_key = Str(p, "KmsKeyId");
  ctx.model->log_groups.push_back(std::move(g));
}

void AdaptStateMachine(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::StateMachine sm = Make<model::StateMachine>(d);
  if (const Val* logging = p.Get("LoggingConfiguration")) {
    sm.logging_level = Str(*logging, "Level");
    const Val* destinations = logging->Get("Destinations");
    sm.has_log_destination =
        destinations != nullptr && (!destinations->is_list() || !Items(destinations).empty());
  } else {
    sm.logging_level = ToString(nullptr, p.KeyLoc("LoggingConfiguration"));
  }
  if (const Val* tracing = p.Get("TracingConfiguration")) {
    sm.tracing_enabled = BoolOf(*tracing, "Enabled");
  }
  sm.role = Str(p, "RoleArn");
  sm.type = Str(p, "StateMachineType");
  ctx.model->state_machines.push_back(std::move(sm));
}

void AdaptEventBus(const Decl& d, AdaptContext& ctx) {
  model::EventBus bus = Make<model::EventBus>(d);
  bus.name = Str(d.props, "Name");
  ctx.model->event_buses.push_back(std::move(bus));
}

void AdaptUserPool(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::UserPool pool = Make<model::UserPool>(d);
  pool.mfa_configuration = Str(p, "MfaConfiguration");
  if (const Val* addons = p.Get("UserPoolAddOns")) {
    pool.advanced_security_mode = Str(*addons, "AdvancedSecurityMode");
  }
  ctx.model->user_pools.push_back(std::move(pool));
}

void AdaptIdentityPool(const Decl& d, AdaptContext& ctx) {
  model::IdentityPool pool = Make<model::IdentityPool>(d);
  pool.allow_unauthenticated = BoolOf(d.props, "AllowUnauthenticatedIdentities");
  ctx.model->identity_pools.push_back(std::move(pool));
}

// ---------------------------------------------------------------- pass 2

void AttachBucketPolicy(const Decl& d, AdaptContext& ctx) {
  model::Bucket* bucket = Target(
      ctx.model->buckets, Str(d.props, "Bucket"),
      [](const model::Bucket& b, std::string_view name) { return NameIs(b.bucket_name, name); });
  if (bucket != nullptr) {
    bucket->policies.push_back(ResourcePolicy(d.props, "PolicyDocument", d.base.id));
  }
}

void AttachQueuePolicy(const Decl& d, AdaptContext& ctx) {
  for (const model::String& url : StrList(d.props, "Queues")) {
    model::Queue* queue =
        Target(ctx.model->queues, url, [](const model::Queue& q, std::string_view u) {
          return EndsWithName(q.queue_name, u, '/');
        });
    if (queue != nullptr) {
      queue->policies.push_back(ResourcePolicy(d.props, "PolicyDocument", d.base.id));
    }
  }
}

void AttachTopicPolicy(const Decl& d, AdaptContext& ctx) {
  for (const model::String& arn : StrList(d.props, "Topics")) {
    model::Topic* topic =
        Target(ctx.model->topics, arn, [](const model::Topic& t, std::string_view a) {
          return EndsWithName(t.topic_name, a, ':');
        });
    if (topic != nullptr) {
      topic->policies.push_back(ResourcePolicy(d.props, "PolicyDocument", d.base.id));
    }
  }
}

void AttachSecretPolicy(const Decl& d, AdaptContext& ctx) {
  model::Secret* secret = Target(ctx.model->secrets, Str(d.props, "SecretId"),
                                 [](const model::Secret&, std::string_view) { return false; });
  if (secret != nullptr) {
    secret->policies.push_back(ResourcePolicy(d.props, "ResourcePolicy", d.base.id));
  }
}

void AttachSecretRotation(const Decl& d, AdaptContext& ctx) {
  model::Secret* secret = Target(ctx.model->secrets, Str(d.props, "SecretId"),
                                 [](const model::Secret&, std::string_view) { return false; });
  if (secret != nullptr) secret->has_rotation = true;
}

namespace {

// The single statement of an EventBusPolicy in its older form (Action,
// Principal, Condition {Type, Key, Value}) as a policy document Val.
Val LegacyBusStatement(const Val& p) {
  auto scalar = [&](std::string text) {
    Val v;
    v.kind = Val::Kind::kString;
    v.text = std::move(text);
    v.loc = p.loc;
    return v;
  };
  auto map = [&](std::vector<std::pair<std::string, Val>> fields) {
    Val v;
    v.kind = Val::Kind::kMap;
    v.loc = p.loc;
    for (auto& [key, value] : fields) {
      util::Loc at = p.KeyLoc(key);
      v.fields.push_back({std::move(key), std::move(value), at});
    }
    return v;
  };
  std::vector<std::pair<std::string, Val>> statement;
  statement.emplace_back("Effect", scalar("Allow"));
  if (const Val* sid = p.Get("StatementId")) statement.emplace_back("Sid", *sid);
  if (const Val* action = p.Get("Action")) statement.emplace_back("Action", *action);
  if (const Val* principal = p.Get("Principal")) {
    if (principal->is_string() && principal->text == "*") {
      statement.emplace_back("Principal", *principal);
    } else {
      statement.emplace_back("Principal", map({{"AWS", *principal}}));
    }
  }
  const Val* condition = p.Get("Condition");
  if (condition != nullptr) {
    model::String type = Str(*condition, "Type");
    model::String key = Str(*condition, "Key");
    const Val* value = condition->Get("Value");
    if (type.known() && key.known() && value != nullptr) {
      statement.emplace_back("Condition", map({{type.value, map({{key.value, *value}})}}));
    } else {
      statement.emplace_back("Condition", *condition);
    }
  }
  return map({{"Statement", map(std::move(statement))}});
}

}  // namespace

void AttachEventBusPolicy(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::EventBus* bus =
      Target(ctx.model->event_buses, Str(p, "EventBusName"),
             [](const model::EventBus& b, std::string_view name) { return NameIs(b.name, name); });
  if (bus == nullptr) return;
  Val document;
  if (const Val* statement = p.Get("Statement")) {
    document.kind = Val::Kind::kMap;
    document.loc = statement->loc;
    document.fields.push_back({"Statement", *statement, p.KeyLoc("Statement")});
  } else {
    document = LegacyBusStatement(p);
  }
  bus->policies.push_back(
      ToPolicyDocument(&document, model::PolicySource::kInline, d.base.id, d.base.loc));
}

}  // namespace fnwarden::load::cfn::internal
