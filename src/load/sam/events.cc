// A function's Events: one model::Trigger each, the Lambda permission SAM
// generates for push sources ("<Fn><Event>Permission"), the role policies it
// adds for pull sources (event source mappings), and routes on APIs.
#include <cctype>
#include <utility>

#include "load/sam/internal.h"

namespace fnwarden::load::sam::internal {
namespace {

using cfn::Val;
using model::TriggerKind;

struct Event {
  std::string name;
  util::Loc loc;  // the event's key
  std::string type;
  const Val* props = nullptr;
  model::String Prop(std::string_view key) const {
    return cfn::ToString(props == nullptr ? nullptr : props->Get(key), loc);
  }
};

struct PushSpec {
  std::string_view type;
  TriggerKind kind;
  std::string_view principal;  // "" when SAM adds no permission
  bool asynchronous;
};

constexpr PushSpec kPush[] = {
    {"S3", TriggerKind::kS3, "s3.amazonaws.com", true},
    {"SNS", TriggerKind::kSns, "sns.amazonaws.com", true},
    {"Schedule", TriggerKind::kSchedule, "events.amazonaws.com", true},
    {"ScheduleV2", TriggerKind::kSchedule, "", true},
    {"CloudWatchEvent", TriggerKind::kEventBridge, "events.amazonaws.com", true},
    {"EventBridgeRule", TriggerKind::kEventBridge, "events.amazonaws.com", true},
    {"CloudWatchLogs", TriggerKind::kCloudWatchLogs, "logs.amazonaws.com", true},
    {"IoTRule", TriggerKind::kIot, "iot.amazonaws.com", true},
    {"AlexaSkill", TriggerKind::kAlexa, "alexa-appkit.amazon.com", false},
    {"Cognito", TriggerKind::kCognito, "cognito-idp.amazonaws.com", true},
};

struct PullSpec {
  std::string_view type;
  TriggerKind kind;
  std::string_view source_property;
  std::string_view managed_policy;  // "" when SAM writes an inline policy instead
};

constexpr PullSpec kPull[] = {
    {"SQS", TriggerKind::kSqs, "Queue", "service-role/AWSLambdaSQSQueueExecutionRole"},
    {"Kinesis", TriggerKind::kKinesis, "Stream", "service-role/AWSLambdaKinesisExecutionRole"},
    {"DynamoDB", TriggerKind::kDynamoDb, "Stream", "service-role/AWSLambdaDynamoDBExecutionRole"},
    {"MSK", TriggerKind::kMsk, "Stream", "service-role/AWSLambdaMSKExecutionRole"},
    {"MQ", TriggerKind::kMq, "Broker", ""},
    {"SelfManagedKafka", TriggerKind::kSelfManagedKafka, "KafkaBootstrapServers", ""},
    {"DocumentDB", TriggerKind::kDocumentDb, "Cluster", ""},
};

model::String Pseudo(Context& ctx, std::string_view name, util::Loc at) {
  cfn::Val v = ctx.Pseudo(name, at);
  model::String out = cfn::ToString(&v, at);
  if (!out.known()) out = Synthesized("${" + std::string(name) + "}", at, {});
  return out;
}

// For display inside a generated string: the text (the evaluator's display
// form when unknown, such as "${Queue.Arn}"), else the first reference.
std::string Display(const model::String& s) {
  if (s.known() || !s.value.empty()) return s.value;
  if (!s.refs.empty()) return "${" + s.refs.front() + "}";
  return "${?}";
}

bool HasPolicy(const model::Role& role, std::string_view name) {
  for (const model::PolicyDocument& p : role.policies) {
    if (p.name == name) return true;
  }
  return false;
}

void AddPermission(Context& ctx, const cfn::ResourceDecl& d, const model::Function& fn,
                   const Event& e, std::string_view principal, model::String source_arn,
                   model::String source_account) {
  model::Permission perm;
  InitResource(ctx, &perm, fn.id + e.name + "Permission", "AWS::Lambda::Permission", e.loc, d);
  perm.function = Synthesized("${" + fn.id + "}", e.loc, {fn.id});
  perm.function_id = fn.id;
  perm.action = model::String::Literal("lambda:InvokeFunction", e.loc);
  perm.principal = model::String::Literal(std::string(principal), e.loc);
  perm.source_arn = std::move(source_arn);
  perm.source_account = std::move(source_account);
  ctx.model->permissions.push_back(std::move(perm));
}

void Push(Context& ctx, const cfn::ResourceDecl& d, const model::Function& fn, const Event& e,
          const PushSpec& spec, model::Trigger* t) {
  t->asynchronous = spec.asynchronous;
  std::string rule_id = fn.id + e.name;  // the rule, topic rule or schedule SAM creates
  model::String source_arn;
  model::String source_account;
  if (e.type == "S3") {
    t->source = e.Prop("Bucket");
    // SAM cannot name the bucket (it would be circular): it pins the account.
    source_account = Pseudo(ctx, "AWS::AccountId", e.loc);
  } else if (e.type == "SNS") {
    t->source = e.Prop("Topic");
    source_arn = t->source;
  } else if (e.type == "Schedule" || e.type == "ScheduleV2") {
    t->source = e.Prop(e.type == "Schedule" ? "Schedule" : "ScheduleExpression");
    source_arn = ArnOf(rule_id, e.loc);
  } else if (e.type == "CloudWatchEvent" || e.type == "EventBridgeRule") {
    t->source = e.Prop("EventBusName");
    if (t->source.absent()) t->source = model::String::Default("default", e.loc);
    source_arn = ArnOf(rule_id, e.loc);
  } else if (e.type == "CloudWatchLogs") {
    t->source = e.Prop("LogGroupName");
    source_arn = Synthesized("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:" +
                                 Display(t->source) + ":*",
                             e.loc, t->source.refs);
  } else if (e.type == "IoTRule") {
    t->source = e.Prop("Sql");
    source_arn = ArnOf(rule_id, e.loc);
    source_account = Pseudo(ctx, "AWS::AccountId", e.loc);
  } else if (e.type == "AlexaSkill") {
    t->source = e.Prop("SkillId");
  } else if (e.type == "Cognito") {
    t->source = e.Prop("UserPool");
    source_arn = t->source;
    if (!t->source.refs.empty()) source_arn = ArnOf(t->source.refs.front(), e.loc);
  }
  if (!spec.principal.empty()) {
    AddPermission(ctx, d, fn, e, spec.principal, std::move(source_arn), std::move(source_account));
  }
}

// The URI of the first SourceAccessConfigurations entry of one of `types`.
model::String AccessUri(const Event& e, std::initializer_list<std::string_view> types) {
  const Val* list = e.props == nullptr ? nullptr : e.props->Get("SourceAccessConfigurations");
  if (list == nullptr || !list->is_list()) return {};
  for (const Val& conf : list->items) {
    std::string type = Text(conf.Get("Type"));
    for (std::string_view want : types) {
      if (type == want) return cfn::ToString(conf.Get("URI"), conf.loc);
    }
  }
  return {};
}

// The inline policy SAM writes for MQ, self-managed Kafka and DocumentDB
// sources: read the credentials secret, describe the source, and manage the
// network interfaces of a VPC source.
model::PolicyDocument PullInlinePolicy(const Event& e, const model::String& source) {
  std::vector<model::Statement> statements;
  util::Loc at = e.loc;
  model::String secret = AccessUri(e, {"BASIC_AUTH", "SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH",
                                       "CLIENT_CERTIFICATE_TLS_AUTH", "VIRTUAL_HOST"});
  if (!secret.absent()) {
    statements.push_back(AllowStatement({"secretsmanager:GetSecretValue"}, {secret}, at));
  }
  std::string name;
  if (e.type == "MQ") {
    name = "SamAutoGeneratedAMQPolicy";
    statements.push_back(AllowStatement({"mq:DescribeBroker"}, {source}, at));
  } else if (e.type == "DocumentDB") {
    name = "SamAutoGeneratedDocumentDBPolicy";
    statements.push_back(AllowStatement(
        {"rds:DescribeDBClusters", "rds:DescribeDBClusterParameters", "rds:DescribeDBSubnetGroups"},
        {source}, at));
  } else {
    name = "SelfManagedKafkaExecutionRolePolicy";
  }
  if (e.type != "SelfManagedKafka" || !AccessUri(e, {"VPC_SUBNET"}).absent()) {
    statements.push_back(AllowStatement(
        {"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
         "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets",
         "ec2:DescribeVpcs"},
        {model::String::Literal("*", at)}, at));
  }
  if (const Val* key = e.props == nullptr ? nullptr : e.props->Get("SecretsManagerKmsKeyId");
      key != nullptr) {
    statements.push_back(AllowStatement(
        {"kms:Decrypt"},
        {Synthesized("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" +
                         Display(cfn::ToString(key, at)),
                     at, key->refs())},
        at));
  }
  return Document(name, model::PolicySource::kInline, at, std::move(statements));
}

void Pull(const model::Function& fn, const Event& e, const PullSpec& spec, model::Role* role,
          model::Trigger* t) {
  const Val* source = e.props == nullptr ? nullptr : e.props->Get(spec.source_property);
  if (source != nullptr && source->is_list()) {
    source = source->items.empty() ? nullptr : &source->items.front();
  }
  t->source = cfn::ToString(source, e.loc);
  const Val* dest_config = e.props == nullptr ? nullptr : e.props->Get("DestinationConfig");
  const Val* on_failure = dest_config == nullptr ? nullptr : dest_config->Get("OnFailure");
  std::string dest_type;
  if (on_failure != nullptr) {
    t->on_failure_destination =
        cfn::ToString(on_failure->Get("Destination"), dest_config->KeyLoc("OnFailure"));
    dest_type = Text(on_failure->Get("Type"));
  }
  if (role == nullptr) return;
  if (!spec.managed_policy.empty()) {
    std::string arn = "arn:aws:iam::aws:policy/" + std::string(spec.managed_policy);
    std::string name = arn.substr(arn.rfind('/') + 1);
    if (!HasPolicy(*role, name)) role->policies.push_back(Managed(arn, e.loc));
  } else {
    model::PolicyDocument doc = PullInlinePolicy(e, t->source);
    if (!HasPolicy(*role, doc.name)) role->policies.push_back(std::move(doc));
  }
  if (!t->on_failure_destination.absent() && !dest_type.empty()) {
    std::string action = dest_type == "SQS"   ? "sqs:SendMessage"
                         : dest_type == "SNS" ? "sns:Publish"
                         : dest_type == "S3"  ? "s3:PutObject"
                                              : "";
    if (action.empty()) return;
    std::vector<model::String> resources = {t->on_failure_destination};
    if (dest_type == "S3") {
      resources.push_back(Synthesized(Display(t->on_failure_destination) + "/*", t->loc,
                                      t->on_failure_destination.refs));
    }
    role->policies.push_back(Document(fn.id + e.name + dest_type + "Policy",
                                      model::PolicySource::kInline, t->loc,
                                      {AllowStatement({action}, std::move(resources), t->loc)}));
  }
}

void ApiEvent(Context& ctx, const cfn::ResourceDecl& d, const model::Function& fn,
              const Event& e, bool http, model::Trigger* t) {
  std::string_view id_property = http ? "ApiId" : "RestApiId";
  const Val* api_ref = e.props == nullptr ? nullptr : e.props->Get(id_property);
  std::string api_id;
  if (api_ref == nullptr) {
    api_id = std::string(http ? kImplicitHttpApi : kImplicitRestApi);
    t->source = Synthesized("${" + api_id + "}", e.loc, {api_id});
  } else {
    t->source = cfn::ToString(api_ref, e.loc);
    if (!api_ref->refs().empty())
      api_id = api_ref->refs().front().substr(0, api_ref->refs().front().find('.'));
  }
  if (!api_id.empty() && ctx.FindApi(api_id) != nullptr) t->source_id = api_id;

  EventRoute er;
  er.api_id = api_id;
  er.http = http;
  er.loc = e.loc;
  er.path = e.Prop("Path");
  er.method = e.Prop("Method");
  if (http && er.path.absent() && er.method.absent()) {
    er.path = model::String::Default("$default", e.loc);
    er.method = model::String::Default("ANY", e.loc);
  }
  if (er.method.known()) {
    for (char& c : er.method.value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (er.method.value == "X-AMAZON-APIGATEWAY-ANY-METHOD") er.method.value = "ANY";
  }
  er.auth = e.props == nullptr ? nullptr : e.props->Get("Auth");
  er.function_id = fn.id;
  er.source_id = fn.id;
  AddEventRoute(ctx, er);

  std::string method = er.method.known() && er.method.value != "ANY" ? er.method.value : "*";
  std::string path = er.path.known() && er.path.value != "$default" ? er.path.value : "/*";
  std::string api_display = api_id.empty() ? Display(t->source) : "${" + api_id + "}";
  std::vector<std::string> refs = api_id.empty() ? t->source.refs.vec() : std::vector{api_id};
  AddPermission(ctx, d, fn, e, "apigateway.amazonaws.com",
                Synthesized("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:" +
                                api_display + "/*/" + method + path,
                            e.loc, refs),
                {});
}

}  // namespace

void ExpandEvents(Context& ctx, const SamResource& r, model::Function* fn, model::Role* role) {
  const Val* events = r.val.Get("Events");
  if (events == nullptr || !events->is_map()) return;
  const cfn::ResourceDecl& d = *r.decl;
  for (const auto& [name, body, at] : events->fields) {
    Event e;
    e.name = name;
    e.loc = at;
    e.type = Text(body.Get("Type"));
    e.props = body.Get("Properties");
    model::Trigger t;
    t.function_id = fn->id;
    t.name = name;
    t.loc = e.loc;
    bool handled = false;
    for (const PushSpec& spec : kPush) {
      if (e.type != spec.type) continue;
      t.kind = spec.kind;
      Push(ctx, d, *fn, e, spec, &t);
      handled = true;
    }
    for (const PullSpec& spec : kPull) {
      if (e.type != spec.type) continue;
      t.kind = spec.kind;
      Pull(*fn, e, spec, role, &t);
      handled = true;
    }
    if (e.type == "Api" || e.type == "HttpApi") {
      t.kind = e.type == "Api" ? TriggerKind::kApi : TriggerKind::kHttpApi;
      ApiEvent(ctx, d, *fn, e, e.type == "HttpApi", &t);
      handled = true;
    }
    if (!handled) {
      ctx.Warn(e.loc, "event '" + name + "' has type '" + e.type +
                          "', which is not a SAM function event type");
      continue;
    }
    ctx.model->triggers.push_back(std::move(t));
  }
}

}  // namespace fnwarden::load::sam::internal
