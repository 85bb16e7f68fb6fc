// What the Serverless plugins fnwarden reads add to the template (see
// compiler.h): serverless-step-functions' state machines and their roles,
// serverless-domain-manager's custom domains and
// serverless-api-gateway-caching's stage cache. The last two plugins call
// the API Gateway API after the stack is deployed rather than add
// resources; the template gets what they create, so that the rules see the
// domains and the cache as deployed.
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/serverless/compiler.h"

namespace fnwarden::load::serverless::internal {

// The role serverless-step-functions creates for a state machine without
// `role` (<Machine>Role): trusted by states.<region>.amazonaws.com, and
// allowed what the definition's Task states call, as the plugin derives it
// (Lambda, SQS, SNS and DynamoDB tasks; any other task makes the policy
// one fnwarden cannot read). No task at all: the plugin denies everything.
const Node* Compiler::StateMachineRole(const std::string& machine_id, const Node* machine,
                                       util::Loc at) {
  std::vector<const Node*> statements;
  bool unknown = false;
  const Node* definition = machine->Get("definition");
  if (definition != nullptr && definition->is_map()) {
    TaskStatements(definition->Get("States"), &statements, &unknown, 0);
  } else {
    unknown = true;  // a file, a variable: not read
  }
  if (machine->Get("loggingConfig") != nullptr) {
    std::vector<const Node*> actions;
    for (std::string_view a :
         {"logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"}) {
      actions.push_back(S(a, at));
    }
    statements.push_back(
        M({{"Effect", S("Allow", at)}, {"Action", a_.Seq(actions, at)}, {"Resource", S("*", at)}},
          at));
  }
  if (unknown)
    statements.push_back(a_.Unknown("a statement for a task fnwarden does not read", at));
  if (statements.empty()) {
    statements.push_back(
        M({{"Effect", S("Deny", at)}, {"Action", S("*", at)}, {"Resource", S("*", at)}}, at));
  }
  std::string role_id = machine_id + "Role";
  Add(role_id, "AWS::IAM::Role",
      M({{"AssumeRolePolicyDocument",
          M({{"Statement",
              L({M({{"Effect", S("Allow", at)},
                    {"Principal",
                     M({{"Service", Sub("states.${AWS::Region}.amazonaws.com", at)}}, at)},
                    {"Action", S("sts:AssumeRole", at)}},
                   at)},
                at)}},
            at)},
         {"Policies",
          L({M({{"PolicyName", S(stage_ + "-" + service_name_ + "-statemachine", at)},
                {"PolicyDocument",
                 M({{"Version", S("2012-10-17", at)}, {"Statement", a_.Seq(statements, at)}}, at)}},
               at)},
            at)}},
        at),
      at);
  return Arn(role_id, at);
}

// The statements of the Task states in `states` (Parallel branches and Map
// iterators included).
void Compiler::TaskStatements(const Node* states, std::vector<const Node*>* out, bool* unknown,
                              int depth) {
  if (states == nullptr || !states->is_map() || depth > 16) {
    if (states != nullptr) *unknown = true;
    return;
  }
  auto allow = [&](std::string_view action, std::vector<const Node*> resources, util::Loc at) {
    out->push_back(M({{"Effect", S("Allow", at)},
                      {"Action", S(action, at)},
                      {"Resource", L(std::move(resources), at)}},
                     at));
  };
  for (const MapEntry& e : states->entries) {
    const Node* state = e.value;
    if (state == nullptr || !state->is_map()) continue;
    std::string_view type = Text(state->Get("Type"));
    util::Loc at = state->loc;
    if (type == "Parallel") {
      const Node* branches = state->Get("Branches");
      if (branches == nullptr || !branches->is_seq()) continue;
      for (const Node* b : branches->items) {
        if (b != nullptr && b->is_map()) TaskStatements(b->Get("States"), out, unknown, depth + 1);
      }
      continue;
    }
    if (type == "Map") {
      const Node* inner = Or(state->Get("ItemProcessor"), state->Get("Iterator"));
      if (inner != nullptr && inner->is_map()) {
        TaskStatements(inner->Get("States"), out, unknown, depth + 1);
      }
      continue;
    }
    if (type != "Task") continue;
    const Node* resource = state->Get("Resource");
    const Node* params = state->Get("Parameters");
    if (params != nullptr && !params->is_map()) params = nullptr;
    std::string_view r = Text(resource);
    auto param = [&](std::string_view key) {
      return params != nullptr ? params->Get(key) : nullptr;
    };
    auto dynamic = [&](std::string_view key) {
      return params != nullptr && params->Get(std::string(key) + ".$") != nullptr;
    };
    // A reference to a resource of the service stands for its ARN.
    auto arn_of_ref = [&](const Node* v) -> const Node* {
      if (v != nullptr && v->is_map() && v->Get("Ref") != nullptr && v->Get("Ref")->is_scalar()) {
        return Arn(v->Get("Ref")->scalar, v->loc);
      }
      return nullptr;
    };
    if (r.starts_with("arn:aws:states:::lambda:invoke")) {
      const Node* fn = param("FunctionName");
      std::string_view name = Text(fn);
      if (fn == nullptr || dynamic("FunctionName")) {
        allow("lambda:InvokeFunction", {S("*", at)}, at);
      } else if (name.starts_with("arn:")) {
        allow("lambda:InvokeFunction", {fn, S(std::string(name) + ":*", at)}, at);
      } else if (!name.empty()) {
        std::string base =
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:" + std::string(name);
        allow("lambda:InvokeFunction", {Sub(base, at), Sub(base + ":*", at)}, at);
      } else {
        allow("lambda:InvokeFunction", {fn}, at);
      }
    } else if (r.starts_with("arn:aws:states:::sqs:sendMessage")) {
      const Node* arn =
          dynamic("QueueUrl") ? S("*", at) : Or(arn_of_ref(param("QueueUrl")), nullptr);
      if (arn == nullptr) {
        std::string_view url = Text(param("QueueUrl"));
        // https://sqs.<region>.amazonaws.com/<account>/<name>
        size_t host = url.find("sqs.");
        size_t slash = url.find('/', host == std::string_view::npos ? 0 : host);
        size_t last = url.rfind('/');
        if (host != std::string_view::npos && slash != std::string_view::npos && last > slash) {
          std::string_view region = url.substr(host + 4, url.find(".amazonaws.com") - host - 4);
          arn = S("arn:aws:sqs:" + std::string(region) + ":" +
                      std::string(url.substr(slash + 1, last - slash - 1)) + ":" +
                      std::string(url.substr(last + 1)),
                  at);
        } else {
          arn = S("*", at);
        }
      }
      allow("sqs:SendMessage", {arn}, at);
    } else if (r.starts_with("arn:aws:states:::sns:publish")) {
      allow("sns:Publish", {dynamic("TopicArn") ? S("*", at) : Or(param("TopicArn"), S("*", at))},
            at);
    } else if (r.starts_with("arn:aws:states:::dynamodb:")) {
      std::string_view op = r.substr(std::string_view("arn:aws:states:::dynamodb:").size());
      std::string action = op == "updateItem"   ? "dynamodb:UpdateItem"
                           : op == "putItem"    ? "dynamodb:PutItem"
                           : op == "getItem"    ? "dynamodb:GetItem"
                           : op == "deleteItem" ? "dynamodb:DeleteItem"
                                                : "";
      if (action.empty()) {
        *unknown = true;
        continue;
      }
      const Node* table = param("TableName");
      const Node* arn = dynamic("TableName") ? S("*", at) : arn_of_ref(table);
      if (arn == nullptr && !Text(table).empty()) {
        arn = Sub(
            "arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/" + std::string(Text(table)),
            at);
      }
      allow(action, {arn != nullptr ? arn : S("*", at)}, at);
    } else if (resource != nullptr && (resource->is_map() || r.starts_with("arn:aws:lambda"))) {
      // A Lambda function as the task's resource: the plugin turns a
      // function key's Fn::GetAtt into its logical ID.
      const Node* fn = resource;
      if (const Node* get = resource->is_map() ? resource->Get("Fn::GetAtt") : nullptr;
          get != nullptr && get->is_seq() && !get->items.empty() &&
          function_ids_.contains(std::string(Text(get->items[0])))) {
        fn = Arn(function_ids_.at(std::string(Text(get->items[0]))), resource->loc);
      }
      allow("lambda:InvokeFunction", {fn}, at);
    } else {
      *unknown = true;
    }
  }
}

// The state machines of the serverless-step-functions plugin
// (`stepFunctions.stateMachines`), with the plugin's logical IDs: the `id`
// or `name` given, else `<Key>StepFunctionsStateMachine`.
void Compiler::CompileStateMachines() {
  const Node* sf = svc_->Get("stepFunctions");
  const Node* machines = sf != nullptr && sf->is_map() ? sf->Get("stateMachines") : nullptr;
  if (machines == nullptr || !machines->is_map()) return;
  for (const MapEntry& e : machines->entries) {
    const Node* m = e.value;
    util::Loc at = e.key->loc;
    if (m == nullptr || !m->is_map()) continue;
    std::string_view custom = Text(Or(m->Get("id"), m->Get("name")));
    std::string id = !custom.empty() ? Normalize(custom)
                                     : Normalize(e.key->scalar) + "StepFunctionsStateMachine";
    const Node* logging = m->Get("loggingConfig");
    const Node* log_config = nullptr;
    if (logging != nullptr && logging->is_map()) {
      std::vector<const Node*> destinations;
      if (const Node* d = logging->Get("destinations"); d != nullptr && d->is_seq()) {
        for (const Node* x : d->items) {
          destinations.push_back(
              M({{"CloudWatchLogsLogGroup", M({{"LogGroupArn", x}}, x->loc)}}, x->loc));
        }
      }
      log_config = M({{"Level", logging->Get("level")},
                      {"IncludeExecutionData", logging->Get("includeExecutionData")},
                      {"Destinations", destinations.empty() ? nullptr : a_.Seq(destinations, at)}},
                     logging->loc);
    }
    const Node* tracing = m->Get("tracingConfig");
    const Node* role = m->Get("role");
    if (role == nullptr) role = StateMachineRole(id, m, at);
    Add(id, "AWS::StepFunctions::StateMachine",
        M({{"StateMachineName", m->Get("name")},
           {"StateMachineType", m->Get("type")},
           {"RoleArn", role},
           {"LoggingConfiguration", log_config},
           {"TracingConfiguration", tracing != nullptr && tracing->is_map()
                                        ? M({{"Enabled", tracing->Get("enabled")}}, tracing->loc)
                                        : nullptr},
           {"DefinitionString", S("{}", at)}},
          at),
        at);
  }
}

bool Compiler::HasPlugin(std::string_view name) const {
  const Node* plugins = svc_->Get("plugins");
  // v3 also takes `plugins: {localPath: ..., modules: [...]}`.
  if (plugins != nullptr && plugins->is_map()) plugins = plugins->Get("modules");
  if (plugins == nullptr || !plugins->is_seq()) return false;
  for (const Node* p : plugins->items) {
    if (Text(p) == name) return true;
  }
  return false;
}

// serverless-domain-manager: `custom.customDomain`, or the list
// `custom.customDomains` whose items are a configuration or
// `{rest|http|websocket: configuration}`. Each enabled domain becomes a
// DomainName (`SecurityPolicy` from `securityPolicy`, the plugin's default
// TLS_1_2) mapped to the service's API of its `apiType` (default rest).
void Compiler::CompileCustomDomains() {
  if (!HasPlugin("serverless-domain-manager")) return;
  const Node* custom = svc_->Get("custom");
  if (custom == nullptr || !custom->is_map()) return;
  std::vector<std::pair<const Node*, std::string>> configs;  // config, apiType from the key
  if (const Node* one = custom->Get("customDomain"); one != nullptr && one->is_map()) {
    configs.push_back({one, ""});
  }
  if (const Node* list = custom->Get("customDomains"); list != nullptr && list->is_seq()) {
    for (const Node* item : list->items) {
      if (item == nullptr || !item->is_map() || item->entries.empty()) continue;
      const MapEntry& first = item->entries.front();
      std::string key = Lower(first.key->scalar);
      if (item->entries.size() == 1 && first.value != nullptr && first.value->is_map() &&
          (key == "rest" || key == "http" || key == "websocket")) {
        configs.push_back({first.value, key});
      } else {
        configs.push_back({item, ""});
      }
    }
  }
  for (const auto& [config, keyed_type] : configs) {
    util::Loc at = config->loc;
    if (Text(config->Get("enabled")) == "false") continue;
    const Node* domain = config->Get("domainName");
    if (domain == nullptr) continue;
    std::string type = keyed_type;
    if (type.empty()) type = Lower(Text(config->Get("apiType")));
    if (type.empty()) type = "rest";
    // tls_1_0 -> TLS_1_0; a value fnwarden cannot know stays unknown.
    const Node* policy = config->Get("securityPolicy");
    if (policy == nullptr) {
      policy = S("TLS_1_2", at);
    } else if (!Text(policy).empty()) {
      policy = a_.Scalar(Upper(Text(policy)), policy->loc);
    }
    const Node* endpoint = config->Get("endpointType");
    endpoint = endpoint != nullptr && !Text(endpoint).empty()
                   ? a_.Scalar(Upper(Text(endpoint)), endpoint->loc)
                   : Or(endpoint, S(type == "rest" ? "EDGE" : "REGIONAL", at));
    std::string id = "CustomDomain" + Alnum(Text(domain)) + Capitalized(type);
    if (type == "rest" && rest_api_) {
      Add(id, "AWS::ApiGateway::DomainName",
          M({{"DomainName", domain},
             {"SecurityPolicy", policy},
             {"EndpointConfiguration", M({{"Types", L({endpoint}, at)}}, at)}},
            at),
          at);
      Add(id + "Mapping", "AWS::ApiGateway::BasePathMapping",
          M({{"DomainName", Ref(id, at)},
             {"RestApiId", Ref("ApiGatewayRestApi", at)},
             {"BasePath", config->Get("basePath")},
             {"Stage", Or(config->Get("stage"), S(stage_, at))}},
            at),
          at);
    } else if ((type == "http" && http_api_) || (type == "websocket" && websocket_api_)) {
      Add(id, "AWS::ApiGatewayV2::DomainName",
          M({{"DomainName", domain},
             {"DomainNameConfigurations",
              L({M({{"SecurityPolicy", policy}, {"EndpointType", endpoint}}, at)}, at)}},
            at),
          at);
      bool http = type == "http";
      Add(id + "Mapping", "AWS::ApiGatewayV2::ApiMapping",
          M({{"DomainName", Ref(id, at)},
             {"ApiId", Ref(http ? "HttpApi" : "WebsocketsApi", at)},
             {"ApiMappingKey", config->Get("basePath")},
             {"Stage", Or(config->Get("stage"), S(http ? "$default" : stage_, at))}},
            at),
          at);
    }
  }
}

// serverless-api-gateway-caching's `custom.apiGatewayCaching`, when the
// plugin is listed.
const Node* Compiler::CachingSettings() const {
  if (!HasPlugin("serverless-api-gateway-caching")) return nullptr;
  const Node* custom = svc_->Get("custom");
  const Node* settings =
      custom != nullptr && custom->is_map() ? custom->Get("apiGatewayCaching") : nullptr;
  return settings != nullptr && settings->is_map() ? settings : nullptr;
}

// An http event with `caching: {enabled}` caches when the plugin's cache is
// on (`enabled: true`), encrypted only with `dataEncrypted: true`, its own
// or the plugin's (default false).
void Compiler::NoteCaching(const Node* event, std::string_view path, const std::string& method,
                           util::Loc at) {
  const Node* settings = CachingSettings();
  if (settings == nullptr || !Truthy(settings->Get("enabled"))) return;
  const Node* caching = event != nullptr && event->is_map() ? event->Get("caching") : nullptr;
  if (caching == nullptr || !caching->is_map()) return;
  const Node* enabled = caching->Get("enabled");
  if (enabled == nullptr || Text(enabled) == "false") return;
  // "/orders/{id}" -> "/~1orders~1{id}"
  while (path.starts_with('/')) path.remove_prefix(1);
  std::string resource_path = "/~1";
  for (char c : path) {
    if (c == '/') {
      resource_path += "~1";
    } else {
      resource_path += c;
    }
  }
  cached_methods_.push_back({resource_path, method, enabled,
                             Or(caching->Get("dataEncrypted"), settings->Get("dataEncrypted")),
                             at});
}

// The cache cluster and the cached methods' settings, on the REST API's
// stage: the Stage resource when the framework makes one, else the
// Deployment's StageDescription.
void Compiler::CompileApiCaching() {
  const Node* settings = CachingSettings();
  if (cached_methods_.empty() || settings == nullptr || !rest_api_) return;
  util::Loc at = settings->loc;
  std::vector<const Node*> methods;
  for (const CachedMethod& m : cached_methods_) {
    methods.push_back(M({{"ResourcePath", S(m.resource_path, m.at)},
                         {"HttpMethod", S(m.method, m.at)},
                         {"CachingEnabled", m.enabled},
                         {"CacheDataEncrypted", m.encrypted}},
                        m.at));
  }
  const Node* size = settings->Get("clusterSize");
  if (auto it = index_.find("ApiGatewayStage"); it != index_.end()) {
    Generated& stage = resources_[it->second];
    const Node* props = stage.node->Get("Properties");
    const Node* existing =
        props != nullptr && props->is_map() ? props->Get("MethodSettings") : nullptr;
    if (existing != nullptr && existing->is_seq()) {
      methods.insert(methods.begin(), existing->items.begin(), existing->items.end());
    }
    stage.node = Merge(stage.node,
                       M({{"Properties", M({{"CacheClusterEnabled", P("true", at)},
                                            {"CacheClusterSize", size},
                                            {"MethodSettings", L(methods, at)}},
                                           at)}},
                         at),
                       stage.loc);
  } else if (auto dep = index_.find("ApiGatewayDeployment"); dep != index_.end()) {
    Generated& deployment = resources_[dep->second];
    deployment.node =
        Merge(deployment.node,
              M({{"Properties", M({{"StageDescription", M({{"CacheClusterEnabled", P("true", at)},
                                                           {"CacheClusterSize", size},
                                                           {"MethodSettings", L(methods, at)}},
                                                          at)}},
                                  at)}},
                at),
              deployment.loc);
  }
}

}  // namespace fnwarden::load::serverless::internal
