// The events of a Serverless function, compiled as the framework's AWS
// provider does: the APIs, routes, permissions, event source mappings,
// subscriptions and rules each event type makes (see compiler.h).
#include <cctype>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/serverless/compiler.h"

namespace fnwarden::load::serverless::internal {

namespace {

// The name an event's `arn` gives the framework for a logical ID, as
// written: the resource of a GetAtt or Ref, the name of an ImportValue, the
// last item of a Join (then cut as a literal ARN is), else the ARN's text
// cut by `cut`: after its last ':' (a queue), or its second '/'-part (a
// stream, a cluster). "" when it is none of these.
std::string SourceName(const Node* arn, bool by_slash) {
  if (arn == nullptr) return "";
  auto cut = [by_slash](std::string_view text) {
    if (!by_slash)
      return text.substr(text.rfind(':') == std::string_view::npos ? 0 : text.rfind(':') + 1);
    if (!text.starts_with("arn:")) return text.substr(text.rfind('/') + 1);  // a Join's last item
    size_t slash = text.find('/');
    if (slash == std::string_view::npos) return std::string_view();
    std::string_view rest = text.substr(slash + 1);
    return rest.substr(0, rest.find('/'));
  };
  std::string_view fn = arn->tag;
  const Node* arg = arn;
  if (fn.empty() && arn->is_map() && arn->entries.size() == 1) {
    fn = arn->entries.front().key->scalar;
    arg = arn->entries.front().value;
  } else if (fn.empty()) {
    return std::string(cut(Text(arn)));
  }
  if (arg == nullptr) return "";
  if (fn == "!GetAtt" || fn == "Fn::GetAtt" || fn == "!Ref" || fn == "Ref") {
    if (arg->is_seq()) return arg->items.empty() ? "" : std::string(Text(arg->items.front()));
    std::string_view text = arg->scalar;
    return std::string(text.substr(0, text.find('.')));
  }
  if (fn == "!ImportValue" || fn == "Fn::ImportValue") return std::string(Text(arg));
  if ((fn == "!Join" || fn == "Fn::Join") && arg->is_seq() && arg->items.size() == 2) {
    const Node* parts = arg->items[1];
    if (parts != nullptr && parts->is_seq() && !parts->items.empty()) {
      std::string_view last = Text(parts->items.back());
      return std::string(by_slash ? last.substr(last.rfind('/') + 1) : last);
    }
  }
  return "";
}

// An event source mapping's logical ID, as the framework's naming makes it:
// <Fn>EventSourceMappingSQS<Queue>, ...<Dynamodb|Kinesis><Stream>,
// ...MSK<Cluster><Topic>, ...Kafka<Topic>, ...ActiveMQ<Queue> and
// ...RabbitMQ<Queue>. When the name cannot be read from what is written
// (an unresolved variable), the event's position `n` stands for it.
std::string MappingLogicalId(const std::string& norm, std::string_view type, std::string_view kind,
                             const Node* event, const Node* arn, const std::string& n) {
  const Node* settings = event != nullptr && event->is_map() ? event : nullptr;
  auto first = [](const Node* list_or_scalar) {
    if (list_or_scalar != nullptr && list_or_scalar->is_seq()) {
      return list_or_scalar->items.empty() ? std::string_view()
                                           : Text(list_or_scalar->items.front());
    }
    return Text(list_or_scalar);
  };
  std::string name;
  std::string prefix = norm + "EventSourceMapping";
  if (type == "sqs") {
    name = Alnum(SourceName(arn, false));
    prefix += "SQS";
  } else if (type == "stream") {
    name = Alnum(SourceName(arn, true));
    prefix += kind;
  } else if (type == "msk") {
    std::string cluster = Alnum(SourceName(arn, true)).substr(0, 79);
    std::string topic =
        Alnum(first(settings != nullptr ? settings->Get("topic") : nullptr)).substr(0, 79);
    if (!cluster.empty() && !topic.empty()) name = cluster + topic;
    prefix += "MSK";
  } else if (type == "kafka") {
    name = Alnum(first(settings != nullptr ? settings->Get("topic") : nullptr)).substr(0, 158);
    prefix += "Kafka";
  } else {
    name = Alnum(first(settings != nullptr ? settings->Get("queue") : nullptr)).substr(0, 150);
    prefix += type == "activemq" ? "ActiveMQ" : "RabbitMQ";
  }
  return prefix + (name.empty() ? n : name);
}

// `GET /users/{id}` or {method, path}.
void SplitRoute(const Node* e, std::string* method, std::string* path) {
  if (e == nullptr) return;
  if (e->is_map()) {
    *method = std::string(Text(e->Get("method")));
    *path = std::string(Text(e->Get("path")));
    return;
  }
  std::string_view s = Text(e);
  size_t space = s.find(' ');
  if (space == std::string_view::npos) {
    *path = std::string(s);
    return;
  }
  *method = std::string(s.substr(0, space));
  std::string_view rest = s.substr(space);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  *path = std::string(rest);
}

}  // namespace

// The access log settings of an API whose `provider.logs.<key>` is on: the
// log group the framework creates for them (`/aws/<group>/<service>-<stage>`,
// ApiGatewayLogGroup, HttpApiLogGroup or WebsocketsLogGroup, with
// provider.logRetentionInDays) and its default format; nullptr when off.
const Node* Compiler::AccessLogs(std::string_view key, std::string_view group,
                                 std::string_view format) {
  const Node* logs = provider_ != nullptr ? provider_->Get("logs") : nullptr;
  const Node* on = logs != nullptr && logs->is_map() ? logs->Get(key) : nullptr;
  if (on == nullptr || Text(on) == "false") return nullptr;
  if (on->is_map() && Text(on->Get("accessLogging")) == "false") return nullptr;
  util::Loc at = on->loc;
  std::string_view group_id = key == "restApi"   ? "ApiGatewayLogGroup"
                              : key == "httpApi" ? "HttpApiLogGroup"
                                                 : "WebsocketsLogGroup";
  Add(std::string(group_id), "AWS::Logs::LogGroup",
      M({{"LogGroupName", S("/aws/" + std::string(group) + "/" + service_name_ + "-" + stage_, at)},
         {"RetentionInDays", provider_->Get("logRetentionInDays")}},
        at),
      at);
  return M({{"DestinationArn",
             Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/" +
                     std::string(group) + "/" + service_name_ + "-" + stage_,
                 at)},
            {"Format", S(format, at)}},
           at);
}

// The invocation URI of a Lambda authorizer.
const Node* Compiler::LambdaUri(const Node* fn_arn, util::Loc at) {
  const Node* parts =
      L({S("arn:aws:apigateway:", at), Ref("AWS::Region", at),
         S(":lambda:path/2015-03-31/functions/", at), fn_arn, S("/invocations", at)},
        at);
  return a_.Map({a_.Entry("Fn::Join", L({S("", at), parts}, at), at)}, at);
}

// A route's target: `integrations/<integration>`.
const Node* Compiler::IntegrationTarget(const std::string& integration, util::Loc at) {
  const Node* parts = L({S("integrations", at), Ref(integration, at)}, at);
  return a_.Map({a_.Entry("Fn::Join", L({S("/", at), parts}, at), at)}, at);
}

// The statements the framework adds to a role for the queues and streams its
// functions poll: one per kind, naming every source.
void Compiler::AppendEventStatements(const EventArns& arns, util::Loc at,
                                     std::vector<const Node*>* statements) {
  auto add = [&](const std::vector<const Node*>& sources,
                 std::initializer_list<std::string_view> actions) {
    if (sources.empty()) return;
    std::vector<const Node*> action_nodes;
    for (std::string_view a : actions) action_nodes.push_back(S(a, at));
    statements->push_back(M({{"Effect", S("Allow", at)},
                             {"Action", a_.Seq(action_nodes, at)},
                             {"Resource", a_.Seq(sources, at)}},
                            at));
  };
  add(arns.sqs, {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"});
  add(arns.dynamodb, {"dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream",
                      "dynamodb:ListStreams"});
  add(arns.kinesis, {"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream",
                     "kinesis:ListStreams"});
}

void Compiler::Permission(const std::string& id, const std::string& fn_id,
                          std::string_view principal, const Node* source_arn, util::Loc at) {
  Add(id, "AWS::Lambda::Permission",
      M({{"FunctionName", Arn(fn_id, at)},
         {"Action", S("lambda:InvokeFunction", at)},
         {"Principal", S(principal, at)},
         {"SourceArn", source_arn}},
        at),
      at, fn_id);
}

void Compiler::CompileEvent(const std::string& fn_id, const std::string& norm, const Node* event,
                            size_t index) {
  if (event == nullptr || !event->is_map() || event->entries.empty()) return;
  const MapEntry& e = event->entries[0];
  std::string_view type = e.key->scalar;
  const Node* v = e.value;
  util::Loc at = e.key->loc;
  std::string n = std::to_string(index + 1);
  auto arn_of = [&](const Node* x) { return x != nullptr && x->is_map() ? x->Get("arn") : x; };

  if (type == "http") {
    HttpEvent(fn_id, norm, v, at);
  } else if (type == "httpApi") {
    HttpApiEvent(fn_id, norm, v, at);
  } else if (type == "websocket") {
    WebsocketEvent(fn_id, norm, v, at);
  } else if (type == "sqs" || type == "stream" || type == "msk" || type == "kafka" ||
             type == "activemq" || type == "rabbitmq") {
    const Node* arn = arn_of(v);
    std::string kind = type == "sqs" ? "SQS" : type == "msk" ? "MSK" : "";
    if (type == "stream") {
      std::string_view t = v != nullptr && v->is_map() ? Text(v->Get("type")) : "";
      std::string_view a = Text(arn);
      bool dynamo = t == "dynamodb" || a.find(":dynamodb:") != std::string_view::npos;
      kind = dynamo ? "Dynamodb" : "Kinesis";
      if (arn != nullptr) (dynamo ? event_arns_->dynamodb : event_arns_->kinesis).push_back(arn);
    } else if (type == "sqs" && arn != nullptr) {
      event_arns_->sqs.push_back(arn);
    }
    const Node* on_failure = nullptr;
    if (v != nullptr && v->is_map()) {
      if (const Node* dest = v->Get("destinations"); dest != nullptr && dest->is_map()) {
        if (const Node* f = dest->Get("onFailure")) {
          on_failure = M({{"OnFailure", M({{"Destination", arn_of(f)}}, f->loc)}}, f->loc);
        }
      }
    }
    const Node* self_managed = nullptr;
    const Node* queues = nullptr;
    if (type == "kafka" && v != nullptr && v->is_map()) {
      self_managed =
          M({{"Endpoints", M({{"KafkaBootstrapServers", v->Get("bootstrapServers")}}, at)}}, at);
    }
    if ((type == "activemq" || type == "rabbitmq") && v != nullptr && v->is_map()) {
      queues = AsList(v->Get("queue"));
      if (queues == nullptr) queues = L({S("queue", at)}, at);
    }
    const Node* topics = v != nullptr && v->is_map() ? AsList(v->Get("topic")) : nullptr;
    std::string id = MappingLogicalId(norm, type, kind, v, arn, n);
    Add(id, "AWS::Lambda::EventSourceMapping",
        M({{"EventSourceArn", type == "kafka" ? nullptr : arn},
           {"FunctionName", Arn(fn_id, at)},
           {"BatchSize", v != nullptr && v->is_map() ? v->Get("batchSize") : nullptr},
           {"StartingPosition", v != nullptr && v->is_map() ? v->Get("startingPosition") : nullptr},
           {"DestinationConfig", on_failure},
           {"SelfManagedEventSource", self_managed},
           {"Queues", queues},
           {"Topics", topics}},
          at),
        at, fn_id);
  } else if (type == "sns") {
    const Node* arn = arn_of(v);
    std::string_view name = v != nullptr && v->is_map() ? Text(v->Get("topicName")) : Text(v);
    const Node* topic = nullptr;
    std::string label;
    if (v != nullptr && v->is_map() && v->Get("arn") != nullptr) {
      topic = v->Get("arn");
      label = Alnum(name.empty() ? Text(topic).substr(Text(topic).rfind(':') + 1) : name);
    } else if (Text(arn).starts_with("arn:")) {
      topic = arn;
      label = Alnum(Text(arn).substr(Text(arn).rfind(':') + 1));
    } else if (!name.empty()) {
      label = Alnum(name);
      std::string topic_id = "SNSTopic" + label;
      Add(topic_id, "AWS::SNS::Topic", M({{"TopicName", S(name, at)}}, at), at, fn_id);
      topic = Ref(topic_id, at);
    } else {
      topic = arn;
    }
    Add(norm + "SnsSubscription" + label, "AWS::SNS::Subscription",
        M({{"TopicArn", topic}, {"Protocol", S("lambda", at)}, {"Endpoint", Arn(fn_id, at)}}, at),
        at, fn_id);
    Permission(norm + "LambdaPermission" + label + "SNS", fn_id, "sns.amazonaws.com", topic, at);
  } else if (type == "s3") {
    std::string_view bucket = v != nullptr && v->is_map() ? Text(v->Get("bucket")) : Text(v);
    bool existing = v != nullptr && v->is_map() && Truthy(v->Get("existing"));
    const Node* ev = v != nullptr && v->is_map() ? v->Get("event") : nullptr;
    std::string label = Alnum(bucket);
    if (!existing && !bucket.empty()) {
      // provider.s3.<bucket> gives the bucket its name and properties, in
      // CloudFormation's words with the first letter lower case.
      const Node* s3 = provider_ != nullptr ? provider_->Get("s3") : nullptr;
      const Node* config = s3 != nullptr && s3->is_map() ? s3->Get(bucket) : nullptr;
      std::vector<MapEntry> props;
      const Node* name = config != nullptr && config->is_map() ? config->Get("name") : nullptr;
      props.push_back(a_.Entry("BucketName", name != nullptr ? name : S(bucket, at), at));
      if (config != nullptr && config->is_map()) {
        for (const MapEntry& setting : config->entries) {
          std::string key(setting.key->scalar);
          if (key == "name" || key.empty() || setting.value == nullptr) continue;
          key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
          props.push_back(a_.Entry(key, setting.value, setting.key->loc));
        }
      }
      props.push_back(a_.Entry(
          "NotificationConfiguration",
          M({{"LambdaConfigurations",
              L({M({{"Event", Or(ev, S("s3:ObjectCreated:*", at))}, {"Function", Arn(fn_id, at)}},
                   at)},
                at)}},
            at),
          at));
      Add("S3Bucket" + label, "AWS::S3::Bucket", a_.Map(props, at), at, fn_id);
    }
    Add(norm + "LambdaPermission" + label + "S3", "AWS::Lambda::Permission",
        M({{"FunctionName", Arn(fn_id, at)},
           {"Action", S("lambda:InvokeFunction", at)},
           {"Principal", S("s3.amazonaws.com", at)},
           {"SourceArn", Sub("arn:${AWS::Partition}:s3:::" + std::string(bucket), at)},
           {"SourceAccount", Ref("AWS::AccountId", at)}},
          at),
        at, fn_id);
  } else if (type == "schedule" || type == "eventBridge" || type == "cloudwatchEvent") {
    std::string rule_id = norm + (type == "schedule" ? "EventsRuleSchedule" : "EventBridgeRule") +
                          std::to_string(++schedule_count_);
    const Node* schedule = type == "schedule"
                               ? (v != nullptr && v->is_map() ? v->Get("rate") : v)
                               : (v != nullptr && v->is_map() ? v->Get("schedule") : nullptr);
    if (schedule != nullptr && schedule->is_seq() && !schedule->items.empty()) {
      schedule = schedule->items[0];
    }
    const Node* pattern =
        v != nullptr && v->is_map() ? Or(v->Get("pattern"), v->Get("event")) : nullptr;
    const Node* bus = v != nullptr && v->is_map() ? v->Get("eventBus") : nullptr;
    if (bus != nullptr && !Text(bus).empty() && !Text(bus).starts_with("arn:") &&
        Text(bus) != "default") {
      Add(Normalize(Text(bus)) + "EventBridgeEventBus", "AWS::Events::EventBus",
          M({{"Name", bus}}, bus->loc), bus->loc);
    }
    const Node* enabled = v != nullptr && v->is_map() ? v->Get("enabled") : nullptr;
    Add(rule_id, "AWS::Events::Rule",
        M({{"ScheduleExpression", schedule},
           {"EventPattern", pattern},
           {"EventBusName", bus},
           {"State", S(Text(enabled) == "false" ? "DISABLED" : "ENABLED", at)},
           {"Targets",
            L({M({{"Arn", Arn(fn_id, at)}, {"Id", S(rule_id + "Target", at)}}, at)}, at)}},
          at),
        at, fn_id);
    Permission(norm + "LambdaPermission" + rule_id, fn_id, "events.amazonaws.com", Arn(rule_id, at),
               at);
  } else if (type == "cognitoUserPool") {
    std::string_view pool = v != nullptr && v->is_map() ? Text(v->Get("pool")) : "";
    std::string_view trigger = v != nullptr && v->is_map() ? Text(v->Get("trigger")) : "";
    bool existing = v != nullptr && v->is_map() && Truthy(v->Get("existing"));
    std::string pool_id = "CognitoUserPool" + Alnum(pool);
    if (!existing && !pool.empty()) {
      Add(pool_id, "AWS::Cognito::UserPool",
          M({{"UserPoolName", S(pool, at)},
             {"LambdaConfig", M({{trigger.empty() ? "PreSignUp" : trigger, Arn(fn_id, at)}}, at)}},
            at),
          at, fn_id);
    }
    // An existing pool is wired by a custom resource, outside the template.
    if (!existing) {
      Permission(norm + "LambdaPermission" + pool_id + Alnum(trigger), fn_id,
                 "cognito-idp.amazonaws.com", Arn(pool_id, at), at);
    }
  } else if (type == "alb") {
    // A target group of the function, and a rule on the listener that
    // forwards to it, after the sign-in of each authorizer the event names
    // (provider.alb.authorizers.<name>.type: cognito or oidc).
    const Node* listener = v != nullptr && v->is_map() ? v->Get("listenerArn") : nullptr;
    std::string group_id = norm + "AlbTargetGroup" + n;
    Add(group_id, "AWS::ElasticLoadBalancingV2::TargetGroup",
        M({{"TargetType", S("lambda", at)}, {"Targets", L({M({{"Id", Arn(fn_id, at)}}, at)}, at)}},
          at),
        at, fn_id);
    std::vector<const Node*> actions;
    const Node* named = v != nullptr && v->is_map() ? AsList(v->Get("authorizer")) : nullptr;
    const Node* alb = provider_ != nullptr ? provider_->Get("alb") : nullptr;
    const Node* authorizers = alb != nullptr && alb->is_map() ? alb->Get("authorizers") : nullptr;
    std::span<const Node* const> names;
    if (named != nullptr && named->is_seq()) names = named->items;
    for (const Node* name : names) {
      const Node* config =
          authorizers != nullptr && authorizers->is_map() ? authorizers->Get(Text(name)) : nullptr;
      std::string_view kind =
          config != nullptr && config->is_map() ? Text(config->Get("type")) : "";
      actions.push_back(
          M({{"Type",
              S(kind == "cognito" ? "authenticate-cognito" : "authenticate-oidc", name->loc)}},
            name->loc));
    }
    actions.push_back(M({{"Type", S("forward", at)}, {"TargetGroupArn", Ref(group_id, at)}}, at));
    if (listener != nullptr) {
      Add(norm + "AlbListenerRule" + n, "AWS::ElasticLoadBalancingV2::ListenerRule",
          M({{"ListenerArn", listener},
             {"Priority", v->Get("priority")},
             {"Actions", L(std::move(actions), at)}},
            at),
          at, fn_id);
    }
    Permission(norm + "LambdaPermissionRegisterTarget", fn_id, "elasticloadbalancing.amazonaws.com",
               nullptr, at);
  } else if (type == "iot") {
    std::string rule_id = norm + "IotTopicRule" + n;
    const Node* sql = v != nullptr && v->is_map() ? v->Get("sql") : nullptr;
    Add(rule_id, "AWS::IoT::TopicRule",
        M({{"TopicRulePayload",
            M({{"Sql", sql},
               {"Actions", L({M({{"Lambda", M({{"FunctionArn", Arn(fn_id, at)}}, at)}}, at)}, at)}},
              at)}},
          at),
        at, fn_id);
    Permission(norm + "LambdaPermissionIotTopicRule" + n, fn_id, "iot.amazonaws.com",
               Arn(rule_id, at), at);
  } else if (type == "cloudwatchLog") {
    const Node* group = v != nullptr && v->is_map() ? v->Get("logGroup") : v;
    std::string filter_id = norm + "LogsSubscriptionFilterCloudWatchLog" + n;
    Add(filter_id, "AWS::Logs::SubscriptionFilter",
        M({{"LogGroupName", group},
           {"DestinationArn", Arn(fn_id, at)},
           {"FilterPattern",
            Or(v != nullptr && v->is_map() ? v->Get("filter") : nullptr, S("", at))}},
          at),
        at, fn_id);
    std::string_view group_name = Text(group);
    Permission(norm + "LambdaPermissionLogsSubscriptionFilterCloudWatchLog", fn_id,
               "logs.amazonaws.com",
               group_name.empty() ? nullptr
                                  : Sub("arn:${AWS::Partition}:logs:${AWS::Region}:"
                                        "${AWS::AccountId}:log-group:" +
                                            std::string(group_name) + ":*",
                                        at),
               at);
  } else if (type == "iotFleetProvisioning") {
    Add(norm + "IotProvisioningTemplate", "AWS::IoT::ProvisioningTemplate",
        M({{"TemplateBody", v != nullptr && v->is_map() ? v->Get("templateBody") : nullptr},
           {"ProvisioningRoleArn",
            v != nullptr && v->is_map() ? v->Get("provisioningRoleArn") : nullptr},
           {"PreProvisioningHook", M({{"TargetArn", Arn(fn_id, at)}}, at)}},
          at),
        at, fn_id);
    Permission(norm + "LambdaPermissionIotFleetProvisioning", fn_id, "iot.amazonaws.com", nullptr,
               at);
  } else if (type == "alexaSkill" || type == "alexaSmartHome") {
    Permission(norm + "LambdaPermissionAlexaSkill" + n, fn_id, "alexa-appkit.amazon.com", nullptr,
               at);
  }
}

// An API Gateway resource for each segment of `path`; the ID of the last,
// or "" for the root.
std::string Compiler::RestResource(std::string_view path, util::Loc at) {
  std::string id, so_far;
  const Node* parent = a_.Tagged("!GetAtt", "ApiGatewayRestApi.RootResourceId", at);
  while (!path.empty()) {
    while (path.starts_with("/")) path.remove_prefix(1);
    if (path.empty()) break;
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    so_far += "/" + std::string(part);
    std::string norm;
    for (char c : part) {
      if (c != '{' && c != '}' && c != '+') norm += c;
    }
    std::string segment = Alnum(norm) + (part.starts_with("{") ? "Var" : "");
    id = id.empty() ? "ApiGatewayResource" + segment : id + segment;
    auto [it, fresh] = rest_resources_.try_emplace(so_far, id);
    if (fresh) {
      Add(id, "AWS::ApiGateway::Resource",
          M({{"ParentId", parent},
             {"PathPart", S(part, at)},
             {"RestApiId", Ref("ApiGatewayRestApi", at)}},
            at),
          at);
    }
    parent = Ref(it->second, at);
  }
  return id;
}

// A REST API event's authorizer: the Authorizer resource it refers to, or
// nullptr; `type` gets the method's AuthorizationType.
const Node* Compiler::RestAuthorizer(const Node* auth, util::Loc at, std::string* type) {
  *type = "NONE";
  if (auth == nullptr) return nullptr;
  std::string_view name = auth->is_map() ? Text(auth->Get("name")) : Text(auth);
  std::string_view arn = auth->is_map() ? Text(auth->Get("arn")) : "";
  std::string_view kind = auth->is_map() ? Text(auth->Get("type")) : "";
  if (Lower(name) == "aws_iam" || Lower(kind) == "aws_iam") {
    *type = "AWS_IAM";
    return nullptr;
  }
  if (auth->is_map() && auth->Get("authorizerId") != nullptr) {
    *type = Upper(kind) == "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
    return auth->Get("authorizerId");
  }
  if (name.starts_with("arn:")) {
    arn = name;
    name = "";
  }
  bool cognito =
      arn.find("cognito-idp") != std::string_view::npos || Upper(kind) == "COGNITO_USER_POOLS";
  std::string label = Alnum(name.empty() ? arn.substr(arn.rfind(':') + 1) : name);
  std::string id = label + "ApiGatewayAuthorizer";
  const Node* uri = nullptr;
  if (!cognito) {
    const Node* fn_arn = nullptr;
    if (function_keys_.count(std::string(name)) != 0) {
      fn_arn = Arn(function_ids_[std::string(name)], at);
      *type = "CUSTOM";
    } else if (!arn.empty()) {
      fn_arn = S(arn, at);
    }
    if (fn_arn != nullptr) {
      uri = LambdaUri(fn_arn, at);
    }
  }
  *type = cognito ? "COGNITO_USER_POOLS" : "CUSTOM";
  std::string auth_type = cognito                    ? "COGNITO_USER_POOLS"
                          : Lower(kind) == "request" ? "REQUEST"
                                                     : "TOKEN";
  Add(id, "AWS::ApiGateway::Authorizer",
      M({{"Name", S(label, at)},
         {"Type", S(auth_type, at)},
         {"AuthorizerUri", uri},
         {"ProviderARNs", cognito ? L({S(arn, at)}, at) : nullptr},
         {"RestApiId", Ref("ApiGatewayRestApi", at)}},
        at),
      at);
  return Ref(id, at);
}

void Compiler::HttpEvent(const std::string& fn_id, const std::string& norm, const Node* e,
                         util::Loc at) {
  std::string method, path;
  SplitRoute(e, &method, &path);
  if (method.empty()) method = "ANY";
  RestApi(at);
  // serverless-api-gateway-caching caches only the GET of an ANY method.
  NoteCaching(e, path, Upper(method) == "ANY" ? "GET" : Upper(method), at);
  std::string resource = RestResource(path, at);
  std::string auth_type;
  const Node* authorizer =
      RestAuthorizer(e != nullptr && e->is_map() ? e->Get("authorizer") : nullptr, at, &auth_type);
  bool private_ = e != nullptr && e->is_map() && Truthy(e->Get("private"));
  std::string path_norm =
      resource.empty() ? "" : resource.substr(std::string("ApiGatewayResource").size());
  std::string method_upper = Upper(method);
  Add("ApiGatewayMethod" + path_norm + Capitalized(method), "AWS::ApiGateway::Method",
      M({{"HttpMethod", S(method_upper, at)},
         {"RequestParameters", nullptr},
         {"ResourceId", resource.empty()
                            ? a_.Tagged("!GetAtt", "ApiGatewayRestApi.RootResourceId", at)
                            : Ref(resource, at)},
         {"RestApiId", Ref("ApiGatewayRestApi", at)},
         {"ApiKeyRequired", P(private_ ? "true" : "false", at)},
         {"AuthorizationType", S(auth_type, at)},
         {"AuthorizerId", authorizer},
         {"Integration",
          M({{"IntegrationHttpMethod", S("POST", at)},
             {"Type", S("AWS_PROXY", at)},
             {"Uri", Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/"
                         "functions/${" +
                             fn_id + ".Arn}/invocations",
                         at)}},
            at)}},
        at),
      at, fn_id);
  Permission(norm + "LambdaPermissionApiGateway", fn_id, "apigateway.amazonaws.com",
             Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:"
                 "${ApiGatewayRestApi}/*/*",
                 at),
             at);
}

// The REST API of the service's http events, its deployment and stage, and
// its API keys and usage plan; once.
void Compiler::RestApi(util::Loc at) {
  const Node* api_gw = provider_ != nullptr ? provider_->Get("apiGateway") : nullptr;
  if (!rest_api_) {
    rest_api_ = true;
    const Node* policy =
        api_gw != nullptr && api_gw->is_map() ? api_gw->Get("resourcePolicy") : nullptr;
    if (policy == nullptr && provider_ != nullptr) policy = provider_->Get("resourcePolicy");
    const Node* endpoint = provider_ != nullptr ? provider_->Get("endpointType") : nullptr;
    Add("ApiGatewayRestApi", "AWS::ApiGateway::RestApi",
        M({{"Name", Or(provider_ != nullptr ? provider_->Get("apiName") : nullptr,
                       S(stage_ + "-" + service_name_, at))},
           {"EndpointConfiguration",
            M({{"Types", L({endpoint != nullptr ? a_.Scalar(Upper(Text(endpoint)), endpoint->loc)
                                                : S("EDGE", at)},
                           at)}},
              at)},
           {"Policy",
            policy != nullptr
                ? M({{"Version", S("2012-10-17", policy->loc)}, {"Statement", policy}}, policy->loc)
                : nullptr}},
          at),
        at);
    // The stage: its own resource when logs or tracing are set.
    const Node* logs = provider_ != nullptr ? provider_->Get("logs") : nullptr;
    const Node* rest_logs = logs != nullptr && logs->is_map() ? logs->Get("restApi") : nullptr;
    const Node* tracing = provider_ != nullptr ? provider_->Get("tracing") : nullptr;
    const Node* trace =
        tracing != nullptr && tracing->is_map() ? tracing->Get("apiGateway") : nullptr;
    if (rest_logs != nullptr || trace != nullptr) {
      Add("ApiGatewayDeployment", "AWS::ApiGateway::Deployment",
          M({{"RestApiId", Ref("ApiGatewayRestApi", at)}}, at), at);
      const Node* access = nullptr;
      const Node* level = nullptr;
      if (rest_logs != nullptr && Text(rest_logs) != "false") {
        util::Loc ll = rest_logs->loc;
        const Node* format = rest_logs->is_map() ? rest_logs->Get("format") : nullptr;
        access = AccessLogs("restApi", "api-gateway", "requestId: $context.requestId");
        if (format != nullptr && access != nullptr) {
          access = M({{"DestinationArn", access->Get("DestinationArn")}, {"Format", format}}, ll);
        }
        bool execution =
            !rest_logs->is_map() || Text(rest_logs->Get("executionLogging")) != "false";
        const Node* lvl = rest_logs->is_map() ? rest_logs->Get("level") : nullptr;
        level = execution ? Or(lvl, S("INFO", ll)) : S("OFF", ll);
      }
      Add("ApiGatewayStage", "AWS::ApiGateway::Stage",
          M({{"RestApiId", Ref("ApiGatewayRestApi", at)},
             {"DeploymentId", Ref("ApiGatewayDeployment", at)},
             {"StageName", S(stage_, at)},
             {"TracingEnabled",
              trace != nullptr ? P(Truthy(trace) ? "true" : "false", trace->loc) : nullptr},
             {"AccessLogSetting", access},
             {"MethodSettings", level != nullptr ? L({M({{"ResourcePath", S("/*", at)},
                                                         {"HttpMethod", S("*", at)},
                                                         {"LoggingLevel", level}},
                                                        at)},
                                                     at)
                                                 : nullptr}},
            at),
          at);
    } else {
      Add("ApiGatewayDeployment", "AWS::ApiGateway::Deployment",
          M({{"RestApiId", Ref("ApiGatewayRestApi", at)}, {"StageName", S(stage_, at)}}, at), at);
    }
    // API keys and the usage plan.
    const Node* keys = api_gw != nullptr && api_gw->is_map() ? api_gw->Get("apiKeys") : nullptr;
    if (keys == nullptr && provider_ != nullptr) keys = provider_->Get("apiKeys");
    const Node* plan = api_gw != nullptr && api_gw->is_map() ? api_gw->Get("usagePlan") : nullptr;
    if (plan == nullptr && provider_ != nullptr) plan = provider_->Get("usagePlan");
    // One plan, or a list of named plans ({free: {quota, throttle}}), each
    // ApiGatewayUsagePlan<Name>.
    auto usage_plan = [&](const std::string& id, const Node* config, util::Loc pl) {
      const Node* throttle =
          config != nullptr && config->is_map() ? config->Get("throttle") : nullptr;
      const Node* quota = config != nullptr && config->is_map() ? config->Get("quota") : nullptr;
      Add(id, "AWS::ApiGateway::UsagePlan",
          M({{"ApiStages",
              L({M({{"ApiId", Ref("ApiGatewayRestApi", pl)}, {"Stage", S(stage_, pl)}}, pl)}, pl)},
             {"Throttle", throttle != nullptr && throttle->is_map()
                              ? M({{"BurstLimit", throttle->Get("burstLimit")},
                                   {"RateLimit", throttle->Get("rateLimit")}},
                                  throttle->loc)
                              : nullptr},
             {"Quota", quota != nullptr && quota->is_map()
                           ? M({{"Limit", quota->Get("limit")}, {"Period", quota->Get("period")}},
                               quota->loc)
                           : nullptr}},
            pl),
          pl);
    };
    if (plan != nullptr && plan->is_seq()) {
      for (const Node* item : plan->items) {
        if (item == nullptr || !item->is_map() || item->entries.empty()) continue;
        const MapEntry& named = item->entries.front();
        usage_plan("ApiGatewayUsagePlan" + Alnum(named.key->scalar), named.value, named.key->loc);
      }
    } else if (keys != nullptr || plan != nullptr) {
      usage_plan("ApiGatewayUsagePlan", plan, plan != nullptr ? plan->loc : keys->loc);
    }
  }
}

void Compiler::HttpApiEvent(const std::string& fn_id, const std::string& norm, const Node* e,
                            util::Loc at) {
  std::string method, path;
  SplitRoute(e, &method, &path);
  const Node* config = provider_ != nullptr ? provider_->Get("httpApi") : nullptr;
  if (config != nullptr && !config->is_map()) config = nullptr;
  if (!http_api_) {
    http_api_ = true;
    const Node* cors = config != nullptr ? config->Get("cors") : nullptr;
    const Node* cors_config = nullptr;
    if (cors != nullptr && Text(cors) != "false") {
      util::Loc cl = cors->loc;
      cors_config = cors->is_map() ? M({{"AllowOrigins", AsList(cors->Get("allowedOrigins"))},
                                        {"AllowCredentials", cors->Get("allowCredentials")}},
                                       cl)
                                   : M({{"AllowOrigins", L({S("*", cl)}, cl)}}, cl);
    }
    Add("HttpApi", "AWS::ApiGatewayV2::Api",
        M({{"Name", Or(config != nullptr ? config->Get("name") : nullptr,
                       S(stage_ + "-" + service_name_, at))},
           {"ProtocolType", S("HTTP", at)},
           {"DisableExecuteApiEndpoint",
            config != nullptr ? config->Get("disableDefaultEndpoint") : nullptr},
           {"CorsConfiguration", cors_config}},
          at),
        at);
    const Node* access =
        AccessLogs("httpApi", "http-api", "{\"requestId\":\"$context.requestId\"}");
    Add("HttpApiStage", "AWS::ApiGatewayV2::Stage",
        M({{"ApiId", Ref("HttpApi", at)},
           {"StageName", S("$default", at)},
           {"AutoDeploy", P("true", at)},
           {"AccessLogSettings", access}},
          at),
        at);
  }
  std::string integration = "HttpApiIntegration" + norm;
  Add(integration, "AWS::ApiGatewayV2::Integration",
      M({{"ApiId", Ref("HttpApi", at)},
         {"IntegrationType", S("AWS_PROXY", at)},
         {"IntegrationUri", Arn(fn_id, at)},
         {"PayloadFormatVersion", S("2.0", at)}},
        at),
      at, fn_id);
  std::string route_key =
      path == "*" || (method.empty() && path.empty())
          ? "$default"
          : (method.empty() || method == "*" ? "ANY" : Upper(method)) + " " + path;
  // The authorizer.
  std::string auth_type = "NONE";
  const Node* authorizer_id = nullptr;
  const Node* auth = e != nullptr && e->is_map() ? e->Get("authorizer") : nullptr;
  if (auth != nullptr) {
    std::string_view name = auth->is_map() ? Text(auth->Get("name")) : Text(auth);
    std::string_view type = auth->is_map() ? Text(auth->Get("type")) : "";
    if (Lower(type) == "aws_iam" || Lower(name) == "aws_iam") {
      auth_type = "AWS_IAM";
    } else if (auth->is_map() && auth->Get("id") != nullptr) {
      auth_type = "JWT";
      authorizer_id = auth->Get("id");
    } else if (!name.empty()) {
      const Node* defs = config != nullptr ? config->Get("authorizers") : nullptr;
      const Node* def = defs != nullptr && defs->is_map() ? defs->Get(name) : nullptr;
      std::string_view def_type = def != nullptr && def->is_map() ? Text(def->Get("type")) : "jwt";
      bool lambda = Lower(def_type) == "request";
      auth_type = lambda ? "CUSTOM" : "JWT";
      std::string id = "HttpApiAuthorizer" + Alnum(name);
      util::Loc dl = def != nullptr ? def->loc : at;
      const Node* uri = nullptr;
      if (lambda && def != nullptr && def->is_map()) {
        std::string_view fn = Text(def->Get("functionName"));
        const Node* fn_arn = function_keys_.count(std::string(fn)) != 0
                                 ? Arn(function_ids_[std::string(fn)], dl)
                                 : def->Get("functionArn");
        if (fn_arn != nullptr) {
          uri = LambdaUri(fn_arn, dl);
        }
      }
      Add(id, "AWS::ApiGatewayV2::Authorizer",
          M({{"ApiId", Ref("HttpApi", dl)},
             {"Name", S(name, dl)},
             {"AuthorizerType", S(lambda ? "REQUEST" : "JWT", dl)},
             {"AuthorizerUri", uri},
             {"JwtConfiguration", !lambda && def != nullptr && def->is_map()
                                      ? M({{"Issuer", def->Get("issuerUrl")},
                                           {"Audience", AsList(def->Get("audience"))}},
                                          dl)
                                      : nullptr}},
            dl),
          dl);
      authorizer_id = Ref(id, at);
    }
  }
  Add("HttpApiRoute" + Alnum(route_key == "$default" ? "Default" : route_key),
      "AWS::ApiGatewayV2::Route",
      M({{"ApiId", Ref("HttpApi", at)},
         {"RouteKey", S(route_key, at)},
         {"Target", IntegrationTarget(integration, at)},
         {"AuthorizationType", S(auth_type, at)},
         {"AuthorizerId", authorizer_id}},
        at),
      at, fn_id);
  Permission(
      norm + "LambdaPermissionHttpApi", fn_id, "apigateway.amazonaws.com",
      Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/*", at),
      at);
}

void Compiler::WebsocketEvent(const std::string& fn_id, const std::string& norm, const Node* e,
                              util::Loc at) {
  std::string_view route = e != nullptr && e->is_map() ? Text(e->Get("route")) : Text(e);
  if (!websocket_api_) {
    websocket_api_ = true;
    Add("WebsocketsApi", "AWS::ApiGatewayV2::Api",
        M({{"Name", S(stage_ + "-" + service_name_ + "-websockets", at)},
           {"ProtocolType", S("WEBSOCKET", at)},
           {"RouteSelectionExpression", S("$request.body.action", at)}},
          at),
        at);
    const Node* access = AccessLogs("websocket", "websocket", "$context.requestId");
    Add("WebsocketsDeploymentStage", "AWS::ApiGatewayV2::Stage",
        M({{"ApiId", Ref("WebsocketsApi", at)},
           {"StageName", S(stage_, at)},
           {"AccessLogSettings", access}},
          at),
        at);
  }
  std::string integration = norm + "WebsocketsIntegration";
  Add(integration, "AWS::ApiGatewayV2::Integration",
      M({{"ApiId", Ref("WebsocketsApi", at)},
         {"IntegrationType", S("AWS_PROXY", at)},
         {"IntegrationUri", Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/"
                                "2015-03-31/functions/${" +
                                    fn_id + ".Arn}/invocations",
                                at)}},
        at),
      at, fn_id);
  // A Lambda authorizer on $connect: the framework adds the Authorizer and
  // lets API Gateway invoke its function, with no SourceArn.
  const Node* auth = e != nullptr && e->is_map() ? e->Get("authorizer") : nullptr;
  const Node* authorizer_id = nullptr;
  if (auth != nullptr && route == "$connect") {
    util::Loc al = e->GetKey("authorizer")->loc;
    std::string_view name = auth->is_map() ? Text(auth->Get("name")) : Text(auth);
    std::string_view arn = auth->is_map() ? Text(auth->Get("arn")) : "";
    if (name.starts_with("arn:")) arn = name;
    const Node* fn_arn = nullptr;
    std::string label = Alnum(name.starts_with("arn:") ? arn.substr(arn.rfind(':') + 1) : name);
    if (function_keys_.count(std::string(name)) != 0) {
      const std::string& auth_fn = function_ids_[std::string(name)];
      fn_arn = Arn(auth_fn, al);
      Permission(Normalize(name) + "LambdaPermissionWebsockets", auth_fn,
                 "apigateway.amazonaws.com", nullptr, al);
    } else if (!arn.empty()) {
      fn_arn = S(arn, al);
    }
    std::string id = label + "WebsocketsAuthorizer";
    Add(id, "AWS::ApiGatewayV2::Authorizer",
        M({{"ApiId", Ref("WebsocketsApi", al)},
           {"Name", S(label, al)},
           {"AuthorizerType", S("REQUEST", al)},
           {"AuthorizerUri", fn_arn != nullptr ? LambdaUri(fn_arn, al) : nullptr},
           {"IdentitySource", auth->is_map() ? AsList(auth->Get("identitySource")) : nullptr}},
          al),
        al);
    authorizer_id = Ref(id, al);
  }
  Add(Alnum(route) + "WebsocketsRoute", "AWS::ApiGatewayV2::Route",
      M({{"ApiId", Ref("WebsocketsApi", at)},
         {"RouteKey", S(route, at)},
         {"AuthorizationType", S(authorizer_id != nullptr ? "CUSTOM" : "NONE", at)},
         {"AuthorizerId", authorizer_id},
         {"Target", IntegrationTarget(integration, at)}},
        at),
      at, fn_id);
  Permission(norm + "LambdaPermissionWebsockets", fn_id, "apigateway.amazonaws.com", nullptr, at);
}

}  // namespace fnwarden::load::serverless::internal
