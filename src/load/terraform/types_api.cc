// Terraform types into CloudFormation (compile_internal.h): API Gateway REST
// and HTTP APIs.

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "load/terraform/compile_internal.h"
#include "load/terraform/functions.h"

namespace fnwarden::load::terraform::internal {
namespace {

// API Gateway (REST).
void RestApi(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Name", "name").Copy("DisableExecuteApiEndpoint", "disable_execute_api_endpoint");
  if (ValuePtr policy = F(b, "policy")) p.SetNode("Policy", c.Policy(policy));
  if (ValuePtr body = F(b, "body")) p.SetNode("Body", c.Policy(body));
  if (const Value* ec = Block(b, "endpoint_configuration")) {
    p.SetNode("EndpointConfiguration", Props(&c, ec, ec->loc).Copy("Types", "types").Build());
  }
  Finish(p, out);
}
void RestApiPolicy(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* api = c.Target(F(Body(inst), "rest_api_id"), "aws_api_gateway_rest_api", {});
  ValuePtr policy = F(Body(inst), "policy");
  if (api != nullptr && policy != nullptr) c.SetProp(api, "Policy", c.Policy(policy), inst.loc);
}
void ApiMethod(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("RestApiId", "rest_api_id")
      .Copy("ResourceId", "resource_id")
      .Copy("HttpMethod", "http_method")
      .Copy("AuthorizationType", "authorization")
      .Copy("AuthorizerId", "authorizer_id")
      .Copy("ApiKeyRequired", "api_key_required");
  Finish(p, out);
}
// An integration joins the method of the same API, resource and verb.
void ApiIntegration(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  const Node* integration = Props(&c, b, inst.loc)
                                .Copy("Type", "type")
                                .Copy("Uri", "uri")
                                .Copy("IntegrationHttpMethod", "integration_http_method")
                                .Build();
  if (integration == nullptr) return;
  auto same = [](const Value* x, const Value* y, std::string_view field) {
    const Value* a = x != nullptr ? x->Field(field) : nullptr;
    const Value* d = y != nullptr ? y->Field(field) : nullptr;
    if (a == nullptr || d == nullptr) return false;
    if (a->kind == Kind::kString && d->kind == Kind::kString) {
      return a->text == d->text && a->parts == d->parts;
    }
    return false;
  };
  Compiled* method = c.FindCompiled([&](const Compiled& m) {
    if (m.tf_type != "aws_api_gateway_method") return false;
    const Value* mb = c.InstanceBody(m.address);
    return same(mb, b, "rest_api_id") && same(mb, b, "resource_id") && same(mb, b, "http_method");
  });
  if (method != nullptr) c.SetProp(method, "Integration", integration, inst.loc);
}
void ApiAuthorizer(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("RestApiId", "rest_api_id")
      .Copy("Name", "name")
      .Copy("AuthorizerUri", "authorizer_uri")
      .Copy("ProviderARNs", "provider_arns")
      .Copy("IdentitySource", "identity_source");
  if (F(b, "type") != nullptr) {
    p.Copy("Type", "type");
  } else {
    p.SetText("Type", "TOKEN");
  }
  Finish(p, out);
}
void ApiDeployment(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  // stage_name (deprecated in provider 5) makes a stage, as in CloudFormation.
  p.Copy("RestApiId", "rest_api_id").Copy("StageName", "stage_name");
  Finish(p, out);
}
void ApiStage(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("RestApiId", "rest_api_id")
      .Copy("StageName", "stage_name")
      .Copy("DeploymentId", "deployment_id")
      .Copy("TracingEnabled", "xray_tracing_enabled")
      .Copy("CacheClusterEnabled", "cache_cluster_enabled")
      .Copy("ClientCertificateId", "client_certificate_id");
  if (const Value* al = Block(b, "access_log_settings")) {
    p.SetNode("AccessLogSetting", Props(&c, al, al->loc)
                                      .Copy("DestinationArn", "destination_arn")
                                      .Copy("Format", "format")
                                      .Build());
  }
  Finish(p, out);
}
void ApiMethodSettings(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  ValuePtr api = F(b, "rest_api_id");
  ValuePtr stage_name = F(b, "stage_name");
  Compiled* stage = c.FindCompiled([&](const Compiled& s) {
    if (s.tf_type != "aws_api_gateway_stage") return false;
    const Value* sb = c.InstanceBody(s.address);
    const Value* sa = sb != nullptr ? sb->Field("rest_api_id") : nullptr;
    const Value* sn = sb != nullptr ? sb->Field("stage_name") : nullptr;
    if (sa == nullptr || sn == nullptr || api == nullptr || stage_name == nullptr) return false;
    bool same_api = sa->kind == Kind::kString && api->kind == Kind::kString &&
                    sa->text == api->text && sa->parts == api->parts;
    std::string a, d;
    // The stage named by reference (aws_api_gateway_stage.x.stage_name)
    // evaluates to the stage's own name.
    return same_api && AsText(*sn, &a) && AsText(*stage_name, &d) && a == d;
  });
  const Value* settings = Block(b, "settings");
  if (stage == nullptr || settings == nullptr) return;
  std::string path;
  ValuePtr method_path = F(b, "method_path");
  std::string resource_path = "/*", verb = "*";
  if (method_path != nullptr && AsText(*method_path, &path) && path != "*/*") {
    size_t slash = path.rfind('/');
    if (slash != std::string::npos) {
      resource_path = "/" + path.substr(0, slash);
      verb = path.substr(slash + 1);
    }
  }
  util::Loc loc = method_path != nullptr ? method_path->loc : inst.loc;
  Props s(&c, settings, settings->loc);
  s.SetNode("ResourcePath", c.Text(resource_path, loc))
      .SetNode("HttpMethod", c.Text(verb, loc))
      .Copy("MetricsEnabled", "metrics_enabled")
      .Copy("LoggingLevel", "logging_level")
      .Copy("DataTraceEnabled", "data_trace_enabled")
      .Copy("ThrottlingBurstLimit", "throttling_burst_limit")
      .Copy("ThrottlingRateLimit", "throttling_rate_limit")
      .Copy("CachingEnabled", "caching_enabled")
      .Copy("CacheDataEncrypted", "cache_data_encrypted");
  c.Append(stage, "MethodSettings", s.Build());
}
void UsagePlan(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("UsagePlanName", "name");
  std::vector<const Node*> stages;
  for (const Value* s : Blocks(b, "api_stages")) {
    stages.push_back(Props(&c, s, s->loc).Copy("ApiId", "api_id").Copy("Stage", "stage").Build());
  }
  stages.erase(std::remove(stages.begin(), stages.end(), nullptr), stages.end());
  if (!stages.empty()) p.SetNode("ApiStages", c.Seq(stages, inst.loc));
  if (const Value* t = Block(b, "throttle_settings")) {
    p.SetNode("Throttle", Props(&c, t, t->loc)
                              .Copy("BurstLimit", "burst_limit")
                              .Copy("RateLimit", "rate_limit")
                              .Build());
  }
  if (const Value* q = Block(b, "quota_settings")) {
    p.SetNode("Quota",
              Props(&c, q, q->loc).Copy("Limit", "limit").Copy("Period", "period").Build());
  }
  Finish(p, out);
}
void UsagePlanKey(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("KeyId", "key_id").Copy("KeyType", "key_type").Copy("UsagePlanId", "usage_plan_id");
  Finish(p, out);
}
void ApiDomain(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("DomainName", "domain_name")
      .Copy("SecurityPolicy", "security_policy")
      .Copy("CertificateArn", "certificate_arn")
      .Copy("RegionalCertificateArn", "regional_certificate_arn");
  if (const Value* ec = Block(b, "endpoint_configuration")) {
    p.SetNode("EndpointConfiguration", Props(&c, ec, ec->loc).Copy("Types", "types").Build());
  }
  Finish(p, out);
}

// A Ref to a compiled resource.
const Node* RefTo(Compiler& c, const Compiled& target, util::Loc loc) {
  return c.arena()->Map({c.arena()->Entry("Ref", c.Text(target.address, loc), loc)}, loc);
}

// A mapping's domain: the domain resource its name (often evaluated from
// the domain's own domain_name) names, else the name as written.
void MappedDomain(Compiler& c, const ResourceInstance& inst, std::string_view tf_type, Props* p) {
  ValuePtr name = F(Body(inst), "domain_name");
  if (name == nullptr) return;
  if (Compiled* domain = c.Target(name, tf_type, {"domain_name"})) {
    p->SetNode("DomainName", RefTo(c, *domain, name->loc));
  } else {
    p->Set("DomainName", name);
  }
}

void BasePathMapping(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  MappedDomain(c, inst, "aws_api_gateway_domain_name", &p);
  p.Copy("RestApiId", "api_id").Copy("Stage", "stage_name").Copy("BasePath", "base_path");
  Finish(p, out);
}

// API Gateway v2 (HTTP and WebSocket).
void HttpApi(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Name", "name")
      .Copy("ProtocolType", "protocol_type")
      .Copy("DisableExecuteApiEndpoint", "disable_execute_api_endpoint")
      .Copy("RouteSelectionExpression", "route_selection_expression")
      .Copy("Target", "target")
      .Copy("RouteKey", "route_key");
  if (const Value* cors = Block(b, "cors_configuration")) {
    p.SetNode("CorsConfiguration", Props(&c, cors, cors->loc)
                                       .Copy("AllowOrigins", "allow_origins")
                                       .Copy("AllowMethods", "allow_methods")
                                       .Copy("AllowHeaders", "allow_headers")
                                       .Copy("AllowCredentials", "allow_credentials")
                                       .Build());
  }
  Finish(p, out);
}
void HttpIntegration(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("ApiId", "api_id")
      .Copy("IntegrationType", "integration_type")
      .Copy("IntegrationUri", "integration_uri")
      .Copy("IntegrationMethod", "integration_method")
      .Copy("PayloadFormatVersion", "payload_format_version");
  Finish(p, out);
}
void HttpAuthorizer(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("ApiId", "api_id")
      .Copy("AuthorizerType", "authorizer_type")
      .Copy("Name", "name")
      .Copy("AuthorizerUri", "authorizer_uri")
      .Copy("IdentitySource", "identity_sources");
  if (const Value* jwt = Block(b, "jwt_configuration")) {
    p.SetNode(
        "JwtConfiguration",
        Props(&c, jwt, jwt->loc).Copy("Audience", "audience").Copy("Issuer", "issuer").Build());
  }
  Finish(p, out);
}
void HttpStage(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("ApiId", "api_id").Copy("StageName", "name").Copy("AutoDeploy", "auto_deploy");
  if (const Value* al = Block(b, "access_log_settings")) {
    p.SetNode("AccessLogSettings", Props(&c, al, al->loc)
                                       .Copy("DestinationArn", "destination_arn")
                                       .Copy("Format", "format")
                                       .Build());
  }
  if (const Value* rs = Block(b, "default_route_settings")) {
    p.SetNode("DefaultRouteSettings",
              Props(&c, rs, rs->loc)
                  .Copy("ThrottlingBurstLimit", "throttling_burst_limit")
                  .Copy("ThrottlingRateLimit", "throttling_rate_limit")
                  .Copy("DetailedMetricsEnabled", "detailed_metrics_enabled")
                  .Copy("LoggingLevel", "logging_level")
                  .Copy("DataTraceEnabled", "data_trace_enabled")
                  .Build());
  }
  Finish(p, out);
}
void HttpDomain(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("DomainName", "domain_name");
  std::vector<const Node*> configs;
  for (const Value* dc : Blocks(b, "domain_name_configuration")) {
    configs.push_back(Props(&c, dc, dc->loc)
                          .Copy("SecurityPolicy", "security_policy")
                          .Copy("EndpointType", "endpoint_type")
                          .Copy("CertificateArn", "certificate_arn")
                          .Build());
  }
  configs.erase(std::remove(configs.begin(), configs.end(), nullptr), configs.end());
  if (!configs.empty()) p.SetNode("DomainNameConfigurations", c.Seq(configs, inst.loc));
  Finish(p, out);
}

void HttpApiMapping(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  MappedDomain(c, inst, "aws_apigatewayv2_domain_name", &p);
  p.Copy("ApiId", "api_id").Copy("Stage", "stage").Copy("ApiMappingKey", "api_mapping_key");
  Finish(p, out);
}

}  // namespace

std::span<const TypeInfo> ApiTypes() {
  static const std::vector<TypeInfo> kTypes = {
      {"aws_api_gateway_rest_api",
       "AWS::ApiGateway::RestApi",
       RestApi,
       {{"id", ""}, {"root_resource_id", "RootResourceId"}}},
      {"aws_api_gateway_rest_api_policy", "", RestApiPolicy, {}},
      {"aws_api_gateway_resource",
       "AWS::ApiGateway::Resource",
       nullptr,
       {{"id", ""}},
       {{"RestApiId", "rest_api_id"}, {"ParentId", "parent_id"}, {"PathPart", "path_part"}}},
      {"aws_api_gateway_method", "AWS::ApiGateway::Method", ApiMethod, {}},
      {"aws_api_gateway_integration", "", ApiIntegration, {}},
      {"aws_api_gateway_authorizer", "AWS::ApiGateway::Authorizer", ApiAuthorizer, {{"id", ""}}},
      {"aws_api_gateway_deployment", "AWS::ApiGateway::Deployment", ApiDeployment, {{"id", ""}}},
      {"aws_api_gateway_stage", "AWS::ApiGateway::Stage", ApiStage, {{"id", ""}}},
      {"aws_api_gateway_method_settings", "", ApiMethodSettings, {}},
      {"aws_api_gateway_usage_plan", "AWS::ApiGateway::UsagePlan", UsagePlan, {{"id", ""}}},
      {"aws_api_gateway_api_key",
       "AWS::ApiGateway::ApiKey",
       nullptr,
       {{"id", ""}},
       {{"Name", "name"}, {"Enabled", "enabled"}}},
      {"aws_api_gateway_usage_plan_key", "AWS::ApiGateway::UsagePlanKey", UsagePlanKey, {}},
      {"aws_api_gateway_domain_name",
       "AWS::ApiGateway::DomainName",
       ApiDomain,
       {{"id", ""}, {"domain_name", ""}}},
      {"aws_api_gateway_base_path_mapping",
       "AWS::ApiGateway::BasePathMapping",
       BasePathMapping,
       {}},
      {"aws_apigatewayv2_api",
       "AWS::ApiGatewayV2::Api",
       HttpApi,
       {{"id", ""}, {"api_endpoint", "ApiEndpoint"}}},
      {"aws_apigatewayv2_route",
       "AWS::ApiGatewayV2::Route",
       nullptr,
       {{"id", ""}},
       {{"ApiId", "api_id"},
        {"RouteKey", "route_key"},
        {"AuthorizationType", "authorization_type"},
        {"AuthorizerId", "authorizer_id"},
        {"Target", "target"},
        {"ApiKeyRequired", "api_key_required"}}},
      {"aws_apigatewayv2_integration",
       "AWS::ApiGatewayV2::Integration",
       HttpIntegration,
       {{"id", ""}}},
      {"aws_apigatewayv2_authorizer",
       "AWS::ApiGatewayV2::Authorizer",
       HttpAuthorizer,
       {{"id", ""}}},
      {"aws_apigatewayv2_stage", "AWS::ApiGatewayV2::Stage", HttpStage, {{"id", ""}}},
      {"aws_apigatewayv2_domain_name",
       "AWS::ApiGatewayV2::DomainName",
       HttpDomain,
       {{"id", ""}, {"domain_name", ""}}},
      {"aws_apigatewayv2_api_mapping",
       "AWS::ApiGatewayV2::ApiMapping",
       HttpApiMapping,
       {{"id", ""}}},
  };
  return kTypes;
}

}  // namespace fnwarden::load::terraform::internal
