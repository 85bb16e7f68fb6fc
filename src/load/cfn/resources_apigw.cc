// API Gateway REST (AWS::ApiGateway::*) and HTTP/WebSocket
// (AWS::ApiGatewayV2::*) APIs. The Api struct comes from pass 1; methods,
// routes, stages, authorizers and domains are assembled onto it in pass 2,
// also onto the APIs the SAM expansion created.
#include <string>
#include <string_view>

#include "load/cfn/resources_internal.h"

namespace fnwarden::load::cfn::internal {
namespace {

// The Api of the model a RestApiId/ApiId value references.
model::Api* ApiFor(const AdaptContext& ctx, const Val* v) {
  if (v == nullptr) return nullptr;
  for (const std::string& ref : v->refs()) {
    if (model::Api* api = model::FindIn(*ctx.model, ctx.model->apis, ref)) return api;
  }
  return nullptr;
}

// A Ref to a resource of the template, as the resource's logical ID: the
// physical ID is unknown, but the logical one names it in the model.
model::String LogicalRef(const AdaptContext& ctx, const Val* v, std::string_view type,
                         util::Loc fallback) {
  model::String out = ToString(v, fallback);
  for (const std::string& ref : out.refs) {
    if (ctx.TypeOf(ref) == type) {
      out.state = model::ValueState::kResolved;
      out.value = ref;
      out.trail.push_back("!Ref " + ref);
      break;
    }
  }
  return out;
}

model::String FirstEndpointType(const Val* endpoint_configuration) {
  const Val* types = Field(endpoint_configuration, "Types");
  if (types != nullptr && types->is_list()) {
    std::vector<const Val*> items = Items(types);
    if (!items.empty()) return ToString(items.front());
  }
  return ToString(types,
                  endpoint_configuration != nullptr ? endpoint_configuration->loc : util::Loc{});
}

// The path of an AWS::ApiGateway::Resource, walking ParentId up to the API
// root ("/"); unknown when a parent is not a Resource of the template.
model::String ResourcePath(const AdaptContext& ctx, const Val* resource_id, util::Loc at) {
  std::string path;
  const Val* current = resource_id;
  for (int depth = 0; depth < 64 && current != nullptr; ++depth) {
    const Decl* resource = nullptr;
    for (const std::string& ref : current->refs()) {
      if (ctx.TypeOf(ref) == "AWS::ApiGateway::Resource") resource = ctx.Find(ref);
    }
    if (resource == nullptr) {
      // GetAtt Api.RootResourceId names the API itself.
      bool root = false;
      for (const std::string& ref : current->refs()) {
        root = root || model::FindIn(*ctx.model, ctx.model->apis, ref) != nullptr;
      }
      if (!root) break;
      return model::String::Literal(path.empty() ? "/" : path, at);
    }
    model::String part = Str(resource->props, "PathPart");
    if (!part.known()) break;
    path = "/" + part.value + path;
    current = resource->props.Get("ParentId");
  }
  model::String unknown = model::String::Unknown(at);
  unknown.value = path.empty() ? "?" : "?" + path;
  return unknown;
}

// Method settings that apply to every method ("/*" and "*").
void ReadDefaultMethodSettings(const Val* settings, model::Stage* stage) {
  for (const Val* s : Items(settings)) {
    model::String path = Str(*s, "ResourcePath");
    model::String method = Str(*s, "HttpMethod");
    if (!(path.absent() || path.Is("/*")) || !(method.absent() || method.Is("*"))) continue;
    stage->logging_level = Str(*s, "LoggingLevel");
    stage->throttling_rate_limit = DoubleOf(*s, "ThrottlingRateLimit");
    stage->throttling_burst_limit = IntOf(*s, "ThrottlingBurstLimit");
    stage->cache_enabled = BoolOf(*s, "CachingEnabled");
    stage->cache_encrypted = BoolOf(*s, "CacheDataEncrypted");
  }
}

void AddStage(model::Api* api, model::Stage stage) {
  for (model::Stage& existing : api->stages) {
    if (existing.id == stage.id) return;
  }
  api->stages.push_back(std::move(stage));
}

model::String AuthorizationType(const Val& props, util::Loc at) {
  model::String type = Str(props, "AuthorizationType");
  if (type.absent()) type = model::String::Default("NONE", at);
  return type;
}

}  // namespace

void AdaptRestApi(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Api api = Make<model::Api>(d);
  api.kind = model::ApiKind::kRest;
  api.name = Str(p, "Name");
  api.endpoint_type = FirstEndpointType(p.Get("EndpointConfiguration"));
  api.disable_execute_api_endpoint = BoolOf(p, "DisableExecuteApiEndpoint");
  const Val* body = p.Get("Body");
  if (const Val* policy = p.Get("Policy")) {
    api.has_resource_policy = true;
    api.resource_policy =
        ToPolicyDocument(policy, model::PolicySource::kInline, "Policy", p.KeyLoc("Policy"));
  } else if (const Val* in_body = Field(body, "x-amazon-apigateway-policy")) {
    // Without a Policy property, API Gateway takes the policy of the
    // imported OpenAPI definition.
    api.has_resource_policy = true;
    api.resource_policy =
        ToPolicyDocument(in_body, model::PolicySource::kInline, "x-amazon-apigateway-policy",
                         body->KeyLoc("x-amazon-apigateway-policy"));
  }
  api.definition_opaque = body != nullptr || p.Get("BodyS3Location") != nullptr;
  ctx.model->apis.push_back(std::move(api));
}

void AdaptHttpApi(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Api api = Make<model::Api>(d);
  api.kind =
      Str(p, "ProtocolType").Is("WEBSOCKET") ? model::ApiKind::kWebSocket : model::ApiKind::kHttp;
  api.name = Str(p, "Name");
  api.disable_execute_api_endpoint = BoolOf(p, "DisableExecuteApiEndpoint");
  if (const Val* cors = p.Get("CorsConfiguration")) {
    api.cors.present = true;
    api.cors.loc = p.KeyLoc("CorsConfiguration");
    api.cors.allow_origins = StrList(*cors, "AllowOrigins");
    api.cors.allow_credentials = BoolOf(*cors, "AllowCredentials");
  }
  api.definition_opaque = p.Get("Body") != nullptr || p.Get("BodyS3Location") != nullptr;
  ctx.model->apis.push_back(std::move(api));
}

void AttachHttpApiQuickCreate(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  const Val* target = p.Get("Target");
  model::Api* api = model::FindIn(*ctx.model, ctx.model->apis, d.base.id);
  if (target == nullptr || api == nullptr) return;
  // Quick create: a $default route to the target and an auto-deployed
  // $default stage.
  model::Route route;
  route.loc = p.KeyLoc("Target");
  model::String key = Str(p, "RouteKey");
  route.path = key.absent() ? model::String::Default("$default", route.loc) : key;
  route.method = model::String::Default("ANY", route.loc);
  route.authorization_type = model::String::Default("NONE", route.loc);
  route.function_id = ResolveFunctionVal(ctx, target);
  route.source_id = d.base.id;
  api->routes.push_back(std::move(route));
  model::Stage stage;
  stage.id = d.base.id;
  stage.loc = d.base.loc;
  stage.stage_name = model::String::Default("$default", d.base.loc);
  AddStage(api, std::move(stage));
}

void AttachUsagePlan(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::UsagePlan plan = Make<model::UsagePlan>(d);
  for (const Val* entry : Items(p.Get("ApiStages"))) {
    model::UsagePlan::ApiStage stage;
    if (model::Api* api = ApiFor(ctx, entry->Get("ApiId"))) stage.api_id = api->id;
    stage.stage = Str(*entry, "Stage");
    plan.api_stages.push_back(std::move(stage));
  }
  if (const Val* throttle = p.Get("Throttle")) {
    plan.throttle_rate_limit = DoubleOf(*throttle, "RateLimit");
    plan.throttle_burst_limit = IntOf(*throttle, "BurstLimit");
  }
  if (const Val* quota = p.Get("Quota")) plan.quota_limit = IntOf(*quota, "Limit");
  ctx.model->usage_plans.push_back(std::move(plan));
}

MethodRoute BuildApiResourceMethod(const Decl& d, const AdaptContext& ctx) {
  const Val& p = d.props;
  MethodRoute out;
  out.api = ApiFor(ctx, p.Get("RestApiId"));
  if (out.api == nullptr) return out;
  model::Route& route = out.route;
  route.loc = d.base.loc;
  route.method = Str(p, "HttpMethod");
  route.path = ResourcePath(ctx, p.Get("ResourceId"), p.KeyLoc("ResourceId"));
  route.authorization_type = AuthorizationType(p, p.loc.known() ? p.loc : d.base.loc);
  route.authorizer = LogicalRef(ctx, p.Get("AuthorizerId"), "AWS::ApiGateway::Authorizer",
                                p.KeyLoc("AuthorizerId"));
  route.api_key_required = BoolOf(p, "ApiKeyRequired");
  route.function_id = ResolveFunctionVal(ctx, FieldPath(&p, {"Integration", "Uri"}));
  route.source_id = d.base.id;
  return out;
}

void AddApiResourceMethod(MethodRoute&& method, AdaptContext&) {
  if (method.api != nullptr) method.api->routes.push_back(std::move(method.route));
}

void AttachApiStage(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Api* api = ApiFor(ctx, p.Get("RestApiId"));
  if (api == nullptr) return;
  model::Stage stage;
  stage.id = d.base.id;
  stage.loc = d.base.loc;
  stage.stage_name = Str(p, "StageName");
  if (const Val* logs = p.Get("AccessLogSetting")) {
    stage.access_log_destination = Str(*logs, "DestinationArn");
  } else {
    stage.access_log_destination = ToString(nullptr, p.KeyLoc("AccessLogSetting"));
  }
  stage.tracing_enabled = BoolOf(p, "TracingEnabled");
  ReadDefaultMethodSettings(p.Get("MethodSettings"), &stage);
  ReadMethodCaching(p.Get("MethodSettings"), &stage);
  stage.client_certificate = Str(p, "ClientCertificateId");
  AddStage(api, std::move(stage));
}

void AttachApiDeployment(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Api* api = ApiFor(ctx, p.Get("RestApiId"));
  if (api == nullptr || p.Get("StageName") == nullptr) return;
  // A Deployment with StageName creates that stage, configured by
  // StageDescription.
  model::Stage stage;
  stage.id = d.base.id;
  stage.loc = d.base.loc;
  stage.stage_name = Str(p, "StageName");
  const Val* desc = p.Get("StageDescription");
  const Val empty;
  const Val& s = desc != nullptr ? *desc : empty;
  if (const Val* logs = s.Get("AccessLogSetting")) {
    stage.access_log_destination = Str(*logs, "DestinationArn");
  }
  stage.tracing_enabled = BoolOf(s, "TracingEnabled");
  stage.logging_level = Str(s, "LoggingLevel");
  stage.throttling_rate_limit = DoubleOf(s, "ThrottlingRateLimit");
  stage.throttling_burst_limit = IntOf(s, "ThrottlingBurstLimit");
  stage.cache_enabled = BoolOf(s, "CachingEnabled");
  stage.cache_encrypted = BoolOf(s, "CacheDataEncrypted");
  stage.client_certificate = Str(s, "ClientCertificateId");
  ReadDefaultMethodSettings(s.Get("MethodSettings"), &stage);
  ReadMethodCaching(s.Get("MethodSettings"), &stage);
  AddStage(api, std::move(stage));
}

void AttachApiAuthorizer(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Api* api = ApiFor(ctx, p.Get("RestApiId"));
  if (api == nullptr) return;
  model::Authorizer authorizer;
  authorizer.name = d.base.id;
  authorizer.loc = d.base.loc;
  authorizer.type = Str(p, "Type");
  authorizer.function_id = ResolveFunctionVal(ctx, p.Get("AuthorizerUri"));
  api->authorizers.push_back(std::move(authorizer));
}

void AttachApiDomain(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Api* api = ApiFor(ctx, p.Get("RestApiId"));
  if (api == nullptr) api = ApiFor(ctx, p.Get("ApiId"));
  const Val* domain_ref = p.Get("DomainName");
  if (api == nullptr || domain_ref == nullptr) return;
  const Decl* domain = nullptr;
  for (const std::string& ref : domain_ref->refs()) {
    std::string_view type = ctx.TypeOf(ref);
    if (type == "AWS::ApiGateway::DomainName" || type == "AWS::ApiGateway::DomainNameV2" ||
        type == "AWS::ApiGatewayV2::DomainName") {
      domain = ctx.Find(ref);
    }
  }
  if (domain == nullptr) return;
  for (const model::Domain& existing : api->domains) {
    if (existing.id == domain->base.id) return;
  }
  const Val& dp = domain->props;
  model::Domain out;
  out.id = domain->base.id;
  out.loc = domain->base.loc;
  out.domain_name = Str(dp, "DomainName");
  if (domain->decl->type == "AWS::ApiGatewayV2::DomainName") {
    std::vector<const Val*> configs = Items(dp.Get("DomainNameConfigurations"));
    if (!configs.empty()) {
      out.security_policy = Str(*configs.front(), "SecurityPolicy");
      out.endpoint_type = Str(*configs.front(), "EndpointType");
    } else {
      out.security_policy = ToString(nullptr, dp.KeyLoc("DomainNameConfigurations"));
    }
  } else {
    out.security_policy = Str(dp, "SecurityPolicy");
    out.endpoint_type = FirstEndpointType(dp.Get("EndpointConfiguration"));
  }
  api->domains.push_back(std::move(out));
}

void AttachHttpApiRoute(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Api* api = ApiFor(ctx, p.Get("ApiId"));
  if (api == nullptr) return;
  model::Route route;
  route.loc = d.base.loc;
  model::String key = Str(p, "RouteKey");
  route.method = key;
  route.path = key;
  if (key.known()) {
    size_t space = key.value.find(' ');
    if (space != std::string::npos) {
      route.method.value = key.value.substr(0, space);
      route.path.value = key.value.substr(space + 1);
    } else {
      route.method.value = "ANY";  // "$default", "$connect", ...
    }
  }
  route.authorization_type = AuthorizationType(p, p.loc.known() ? p.loc : d.base.loc);
  route.authorizer = LogicalRef(ctx, p.Get("AuthorizerId"), "AWS::ApiGatewayV2::Authorizer",
                                p.KeyLoc("AuthorizerId"));
  route.api_key_required = BoolOf(p, "ApiKeyRequired");
  // Target: "integrations/${Integration}".
  if (const Val* target = p.Get("Target")) {
    for (const std::string& ref : target->refs()) {
      const Decl* integration = ctx.Find(ref);
      if (integration == nullptr || integration->decl->type != "AWS::ApiGatewayV2::Integration") {
        continue;
      }
      route.function_id = ResolveFunctionVal(ctx, integration->props.Get("IntegrationUri"));
    }
  }
  route.source_id = d.base.id;
  api->routes.push_back(std::move(route));
}

void AttachHttpApiStage(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Api* api = ApiFor(ctx, p.Get("ApiId"));
  if (api == nullptr) return;
  model::Stage stage;
  stage.id = d.base.id;
  stage.loc = d.base.loc;
  stage.stage_name = Str(p, "StageName");
  if (const Val* logs = p.Get("AccessLogSettings")) {
    stage.access_log_destination = Str(*logs, "DestinationArn");
  } else {
    stage.access_log_destination = ToString(nullptr, p.KeyLoc("AccessLogSettings"));
  }
  if (const Val* s = p.Get("DefaultRouteSettings")) {
    stage.logging_level = Str(*s, "LoggingLevel");
    stage.throttling_rate_limit = DoubleOf(*s, "ThrottlingRateLimit");
    stage.throttling_burst_limit = IntOf(*s, "ThrottlingBurstLimit");
  }
  stage.client_certificate = Str(p, "ClientCertificateId");
  AddStage(api, std::move(stage));
}

void AttachHttpApiAuthorizer(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Api* api = ApiFor(ctx, p.Get("ApiId"));
  if (api == nullptr) return;
  model::Authorizer authorizer;
  authorizer.name = d.base.id;
  authorizer.loc = d.base.loc;
  authorizer.type = Str(p, "AuthorizerType");
  authorizer.function_id = ResolveFunctionVal(ctx, p.Get("AuthorizerUri"));
  api->authorizers.push_back(std::move(authorizer));
}

}  // namespace fnwarden::load::cfn::internal

namespace fnwarden::load::cfn {

void ReadMethodCaching(const Val* settings, model::Stage* stage) {
  auto caches_in_clear = [](const model::Bool& on, const model::Bool& encrypted) {
    return on.Always([](bool x) { return x; }) &&
           (encrypted.absent() || encrypted.Always([](bool x) { return !x; }));
  };
  if (caches_in_clear(stage->cache_enabled, stage->cache_encrypted)) return;
  for (const Val* s : internal::Items(settings)) {
    model::String path = internal::Str(*s, "ResourcePath");
    model::String method = internal::Str(*s, "HttpMethod");
    if ((path.absent() || path.Is("/*")) && (method.absent() || method.Is("*"))) continue;
    model::Bool on = internal::BoolOf(*s, "CachingEnabled");
    model::Bool encrypted = internal::BoolOf(*s, "CacheDataEncrypted");
    if (!caches_in_clear(on, encrypted)) continue;
    stage->cache_enabled = on;
    stage->cache_encrypted = encrypted;
    return;
  }
}

}  // namespace fnwarden::load::cfn
