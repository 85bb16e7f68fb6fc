// Data stores and their resource policies: S3, DynamoDB, SQS, SNS, KMS,
// Secrets Manager, SSM, CloudWatch Logs, Step Functions, EventBridge buses,
// Cognito.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

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

// PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled of `holder`
// (a table, a replica): absent without the specification, unknown when the
// specification itself is.
model::Bool PointInTimeRecovery(const Val& holder) {
  const Val* pitr = holder.Get("PointInTimeRecoverySpecification");
  if (holder.is_unknown() || (pitr != nullptr && pitr->is_unknown())) {
    return ToBool(pitr != nullptr ? pitr : &holder);
  }
  if (pitr == nullptr) return ToBool(nullptr, holder.loc);
  return BoolOf(*pitr, "PointInTimeRecoveryEnabled");
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
  if (p.Get("PointInTimeRecoverySpecification") != nullptr) {
    t.point_in_time_recovery = PointInTimeRecovery(p);
  }
  t.deletion_protection = BoolOf(p, "DeletionProtectionEnabled");
  if (d.base.type == "AWS::DynamoDB::GlobalTable") {
    // Point-in-time recovery is a setting of each replica.
    t.global = true;
    const Val* replicas = p.Get("Replicas");
    t.replicas_known = replicas != nullptr && replicas->is_list();
    for (const Val* r : Items(replicas)) {
      model::TableReplica replica;
      replica.loc = r->loc;
      replica.region = Str(*r, "Region");
      replica.point_in_time_recovery = PointInTimeRecovery(*r);
      t.replicas.push_back(std::move(replica));
    }
  }
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

// CDK's `logRetention` on a function: a custom resource sets the retention of
// the log group Lambda creates, /aws/lambda/<function>. No RetentionInDays
// means RetentionDays.INFINITE.
void AdaptLogRetention(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::LogGroup g = Make<model::LogGroup>(d);
  g.log_group_name = Str(p, "LogGroupName");
  g.retention_days = IntOf(p, "RetentionInDays");
  g.retention_only = true;
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

namespace {

// The attributes every user pool has (OpenID Connect's standard claims),
// each between spaces; any other name in a schema is a custom attribute.
constexpr std::string_view kStandardAttributes =
    " address birthdate email email_verified family_name gender given_name locale middle_name "
    "name nickname phone_number phone_number_verified picture preferred_username profile sub "
    "updated_at website zoneinfo ";

bool IsStandardAttribute(std::string_view name) {
  return !name.empty() && name.find(' ') == std::string_view::npos &&
         kStandardAttributes.find(" " + std::string(name) + " ") != std::string_view::npos;
}

// A field of a map that may itself be unknown: unknown then, absent when the
// map is; `fallback` is where an absent value points.
template <class T, class Convert>
model::Value<T> FieldOf(const Val* map, std::string_view key, util::Loc fallback, Convert convert) {
  if (map != nullptr && map->is_unknown()) return convert(map, fallback);
  if (map == nullptr) return convert(nullptr, fallback);
  return convert(map->Get(key), map->KeyLoc(key));
}
model::Bool BoolField(const Val* map, std::string_view key, util::Loc fallback) {
  return FieldOf<bool>(map, key, fallback,
                       [](const Val* v, util::Loc at) { return ToBool(v, at); });
}
model::Int IntField(const Val* map, std::string_view key, util::Loc fallback) {
  return FieldOf<int64_t>(map, key, fallback,
                          [](const Val* v, util::Loc at) { return ToInt(v, at); });
}

// Cognito's value for a setting the template leaves out.
template <class T>
model::Value<T> OrDefault(model::Value<T> v, T service_default, util::Loc at) {
  if (!v.absent()) return v;
  return model::Value<T>::Default(service_default, at);
}

void ReadPasswordPolicy(const Val& props, model::UserPool* pool) {
  const Val* policies = props.Get("Policies");
  const Val* password = Field(policies, "PasswordPolicy");
  if (password == nullptr) return;  // Cognito's default policy
  pool->has_password_policy = true;
  pool->password_policy_loc = policies->KeyLoc("PasswordPolicy");
  util::Loc at = pool->password_policy_loc;
  // CloudFormation requires MinimumLength in a written policy: no default.
  pool->password_minimum_length = IntField(password, "MinimumLength", at);
  // An omitted requirement is not required.
  pool->password_requires_lowercase =
      OrDefault(BoolField(password, "RequireLowercase", at), false, at);
  pool->password_requires_uppercase =
      OrDefault(BoolField(password, "RequireUppercase", at), false, at);
  pool->password_requires_numbers = OrDefault(BoolField(password, "RequireNumbers", at), false, at);
  pool->password_requires_symbols = OrDefault(BoolField(password, "RequireSymbols", at), false, at);
  pool->temporary_password_validity_days =
      OrDefault(IntField(password, "TemporaryPasswordValidityDays", at), int64_t{7}, at);
}

void ReadSchema(const Val& props, model::UserPool* pool) {
  const Val* schema = props.Get("Schema");
  if (schema == nullptr) return;
  pool->schema_known = schema->is_list();
  for (const Val* attribute : Items(schema)) {
    model::String name = Str(*attribute, "Name");
    if (!name.known()) {
      // An attribute fnwarden cannot name may be any of them.
      pool->schema_known = false;
      continue;
    }
    if (IsStandardAttribute(name.value)) continue;
    model::UserAttribute a;
    a.name = name.value;
    a.loc = attribute->loc;
    // Declared in a schema, an attribute is immutable unless it says so.
    a.is_mutable = OrDefault(BoolField(attribute, "Mutable", a.loc), false, a.loc);
    a.developer_only =
        OrDefault(BoolField(attribute, "DeveloperOnlyAttribute", a.loc), false, a.loc);
    pool->custom_attributes.push_back(std::move(a));
  }
}

}  // namespace

void AdaptUserPool(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::UserPool pool = Make<model::UserPool>(d);
  pool.mfa_configuration = Str(p, "MfaConfiguration");
  if (const Val* addons = p.Get("UserPoolAddOns")) {
    pool.advanced_security_mode = Str(*addons, "AdvancedSecurityMode");
  }
  ReadPasswordPolicy(p, &pool);
  pool.admin_create_user_only =
      OrDefault(BoolField(p.Get("AdminCreateUserConfig"), "AllowAdminCreateUserOnly", d.base.loc),
                false, d.base.loc);
  ReadSchema(p, &pool);
  ctx.model->user_pools.push_back(std::move(pool));
}

void AttachUserPoolClient(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::UserPoolClient client = Make<model::UserPoolClient>(d);
  client.user_pool = Str(p, "UserPoolId");
  for (const std::string& ref : client.user_pool.refs) {
    if (FindById(ctx.model->user_pools, ref) != nullptr) {
      client.user_pool_id = ref;
      break;
    }
  }
  if (const Val* write = p.Get("WriteAttributes")) {
    client.has_write_attributes = true;
    client.write_attributes_loc = p.KeyLoc("WriteAttributes");
    client.write_attributes_known = write->is_list();
    client.write_attributes = StrList(p, "WriteAttributes");
  }
  ctx.model->user_pool_clients.push_back(std::move(client));
}

void AdaptIdentityPool(const Decl& d, AdaptContext& ctx) {
  model::IdentityPool pool = Make<model::IdentityPool>(d);
  pool.allow_unauthenticated = BoolOf(d.props, "AllowUnauthenticatedIdentities");
  ctx.model->identity_pools.push_back(std::move(pool));
}

// ---------------------------------------------------------------- pass 2

namespace {

// A store's name, or the name part of a policy's target, as written: a
// literal, or a pattern whose `${...}` parts stand for values fnwarden cannot
// know (a parameter without a default, a pseudo parameter, an attribute).
// Within one stack, two equal patterns are the same value.
struct WrittenName {
  enum class Kind : uint8_t {
    kAbsent,  // not written: CloudFormation generates a name no literal can know
    kText,    // `text` is a literal or a pattern
    kOpaque,  // unknown in a form that cannot be compared: it may be anything
  };
  Kind kind = Kind::kAbsent;
  std::string text;
};

bool IsPattern(std::string_view text) { return text.find("${") != std::string_view::npos; }

// The text of `v` as a name. Unknown values are compared by their display
// form only when it spells nothing but literals and `${...}` parts: function
// displays ("!ImportValue ..."), undecided conditions and cut texts are
// opaque.
WrittenName NameOf(const Val* v) {
  if (v == nullptr || v->is_novalue() || v->kind == Val::Kind::kNull) return {};
  if (v->known_scalar()) {
    if (v->text.empty()) return {};
    return {WrittenName::Kind::kText, v->text};
  }
  const std::string& t = v->text;
  bool comparable = v->is_unknown() && v->alternatives().empty() && IsPattern(t) &&
                    t.find("${?}") == std::string::npos && t.find('!') == std::string::npos &&
                    !t.ends_with("...");
  if (!comparable) return {WrittenName::Kind::kOpaque, ""};
  return {WrittenName::Kind::kText, t};
}

// The part of `name` after the last `sep` outside its `${...}` parts (the
// queue name of a URL, the topic name of an ARN); all of it when there is
// no such separator.
WrittenName LastSegment(WrittenName name, char sep) {
  if (name.kind != WrittenName::Kind::kText) return name;
  size_t start = 0;
  for (size_t i = 0; i < name.text.size(); ++i) {
    if (name.text.compare(i, 2, "${") == 0) {
      size_t close = name.text.find('}', i);
      if (close == std::string::npos) break;
      i = close;
    } else if (name.text[i] == sep) {
      start = i + 1;
    }
  }
  name.text.erase(0, start);
  if (name.text.empty()) return {};
  return name;
}

// The literal text before the first and after the last `${...}` part.
std::string_view FixedPrefix(std::string_view text) { return text.substr(0, text.find("${")); }
std::string_view FixedSuffix(std::string_view text) {
  size_t open = text.rfind("${");
  if (open == std::string_view::npos) return text;
  size_t close = text.find('}', open);
  return close == std::string_view::npos ? std::string_view() : text.substr(close + 1);
}

enum class NameMatch : uint8_t { kNo, kYes, kMaybe };

// Whether a store named `store` is the one a policy's target names.
NameMatch CompareNames(const WrittenName& store, const WrittenName& target) {
  using Kind = WrittenName::Kind;
  if (store.kind == Kind::kAbsent || target.kind == Kind::kAbsent) return NameMatch::kNo;
  if (store.kind == Kind::kOpaque || target.kind == Kind::kOpaque) return NameMatch::kMaybe;
  if (store.text == target.text) return NameMatch::kYes;
  if (!IsPattern(store.text) && !IsPattern(target.text)) return NameMatch::kNo;
  // Both may take one value only if their fixed ends agree.
  auto agree = [](std::string_view a, std::string_view b, bool prefix) {
    std::string_view shorter = a.size() < b.size() ? a : b;
    std::string_view longer = a.size() < b.size() ? b : a;
    return prefix ? longer.starts_with(shorter) : longer.ends_with(shorter);
  };
  std::string_view sp = FixedPrefix(store.text), tp = FixedPrefix(target.text);
  std::string_view ss = FixedSuffix(store.text), ts = FixedSuffix(target.text);
  if (!agree(sp, tp, true) || !agree(ss, ts, false)) return NameMatch::kNo;
  return NameMatch::kMaybe;
}

// The name a store of the model was given: its property as evaluated when
// this template declares it, else what the model knows (a store the SAM
// expansion generated).
WrittenName StoreName(const AdaptContext& ctx, const model::Resource& store,
                      const model::String& name, std::string_view key) {
  if (const Decl* d = ctx.Find(store.id); d != nullptr && d->decl->type == store.type) {
    return NameOf(d->props.Get(key));
  }
  if (name.known() && !name.value.empty()) return {WrittenName::Kind::kText, name.value};
  if (name.unknown()) return {WrittenName::Kind::kOpaque, ""};
  return {};
}

// A kind of store that resource policies name.
template <class T>
struct StoreKindInfo {
  std::vector<T>* items;
  model::String T::*name;  // the store's name field
  std::string_view key;    // the property that holds it
  char sep;                // what precedes the name in a target (0: the target is the name)
  model::StoreKind kind;
};

// Applies one policy resource to every store its targets name: to the
// store of the model a target names for certain (by reference or by the
// same name), else to a StorePolicy that keeps the policy and the stores it
// may apply to.
template <class T>
void AttachStorePolicy(const Decl& d, AdaptContext& ctx, const StoreKindInfo<T>& kind,
                       const std::vector<const Val*>& targets, std::string_view document_key) {
  model::StorePolicy external = Make<model::StorePolicy>(d);
  external.store_kind = kind.kind;
  for (const Val* target : targets) {
    T* found = nullptr;
    for (const std::string& ref : target->refs()) {
      if ((found = FindById(*kind.items, ref)) != nullptr) break;
    }
    std::vector<std::string> maybe;
    if (found == nullptr) {
      WrittenName written = NameOf(target);
      if (kind.sep != 0) written = LastSegment(std::move(written), kind.sep);
      for (T& store : *kind.items) {
        NameMatch m = CompareNames(StoreName(ctx, store, store.*kind.name, kind.key), written);
        if (m == NameMatch::kYes) {
          found = &store;
          break;
        }
        if (m == NameMatch::kMaybe) maybe.push_back(store.id);
      }
    }
    if (found != nullptr) {
      found->policies.push_back(ResourcePolicy(d.props, document_key, d.base.id));
      continue;
    }
    external.targets.push_back(ToString(target));
    for (std::string& id : maybe) {
      if (std::find(external.may_be.begin(), external.may_be.end(), id) == external.may_be.end()) {
        external.may_be.push_back(std::move(id));
      }
    }
  }
  if (external.targets.empty()) return;
  external.policy = ResourcePolicy(d.props, document_key, d.base.id);
  ctx.model->store_policies.push_back(std::move(external));
}

// The targets a policy lists: one Val, or each item of a list.
std::vector<const Val*> TargetsOf(const Val& props, std::string_view key) {
  const Val* v = props.Get(key);
  if (v == nullptr) return {};
  if (v->is_list()) return Items(v);
  return {v};
}

}  // namespace

void AttachBucketPolicy(const Decl& d, AdaptContext& ctx) {
  StoreKindInfo<model::Bucket> kind{&ctx.model->buckets, &model::Bucket::bucket_name, "BucketName",
                                    0, model::StoreKind::kBucket};
  const Val* bucket = d.props.Get("Bucket");
  if (bucket == nullptr) return;
  AttachStorePolicy(d, ctx, kind, {bucket}, "PolicyDocument");
}

void AttachQueuePolicy(const Decl& d, AdaptContext& ctx) {
  StoreKindInfo<model::Queue> kind{&ctx.model->queues, &model::Queue::queue_name, "QueueName", '/',
                                   model::StoreKind::kQueue};
  AttachStorePolicy(d, ctx, kind, TargetsOf(d.props, "Queues"), "PolicyDocument");
}

void AttachTopicPolicy(const Decl& d, AdaptContext& ctx) {
  StoreKindInfo<model::Topic> kind{&ctx.model->topics, &model::Topic::topic_name, "TopicName", ':',
                                   model::StoreKind::kTopic};
  AttachStorePolicy(d, ctx, kind, TargetsOf(d.props, "Topics"), "PolicyDocument");
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
