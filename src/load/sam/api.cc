// AWS::Serverless::Api and AWS::Serverless::HttpApi, explicit or implicit
// (ServerlessRestApi / ServerlessHttpApi, configured by Globals), and the
// routes that events add to them. Inline OpenAPI definitions are in
// openapi.cc.
#include <cctype>
#include <utility>

#include "load/sam/internal.h"

namespace fnwarden::load::sam::internal {
namespace {

using cfn::Val;

bool Present(const Val* v) {
  return v != nullptr && !v->is_novalue() && v->kind != Val::Kind::kNull;
}

// "'*'" -> "*": REST API CORS values are quoted header values.
model::String Unquote(model::String s) {
  if (s.value.size() >= 2 && s.value.front() == '\'' && s.value.back() == '\'') {
    s.value = s.value.substr(1, s.value.size() - 2);
  }
  return s;
}

struct ApiSource {
  std::string id;
  std::string type;
  util::Loc loc;
  const cfn::ResourceDecl* decl = nullptr;
  const syntax::Node* props_node = nullptr;
  const Val* props = nullptr;
  bool http = false;
  bool implicit = false;
};

void ReadCors(const ApiSource& s, model::Api* api) {
  const Val& p = *s.props;
  if (!s.http) {
    const Val* cors = p.Get("Cors");
    if (!Present(cors)) return;
    api->cors.present = true;
    api->cors.loc = p.KeyLoc("Cors");
    if (cors->is_map()) {
      if (const Val* origin = cors->Get("AllowOrigin"); origin != nullptr) {
        api->cors.allow_origins.push_back(Unquote(cfn::ToString(origin, api->cors.loc)));
      }
      api->cors.allow_credentials = cfn::ToBool(cors->Get("AllowCredentials"), api->cors.loc);
    } else {
      api->cors.allow_origins.push_back(Unquote(cfn::ToString(cors, api->cors.loc)));
    }
    return;
  }
  const Val* cors = p.Get("CorsConfiguration");
  if (!Present(cors)) return;
  util::Loc at = p.KeyLoc("CorsConfiguration");
  if (cors->kind == Val::Kind::kBool) {
    if (!cors->flag) return;
    api->cors.present = true;
    api->cors.loc = at;
    api->cors.allow_origins.push_back(model::String::Literal("*", at));  // SAM's `true`
    return;
  }
  api->cors.present = true;
  api->cors.loc = at;
  api->cors.allow_origins = cfn::ToStringList(cors->Get("AllowOrigins"));
  api->cors.allow_credentials = cfn::ToBool(cors->Get("AllowCredentials"), at);
}

void ReadAuthorizers(Context& ctx, const ApiSource& s, const Val* auth, model::Api* api) {
  const Val* authorizers = auth->Get("Authorizers");
  if (authorizers != nullptr && authorizers->is_map()) {
    for (const auto& [name, a, at] : authorizers->fields) {
      model::Authorizer out;
      out.name = name;
      out.loc = at;
      std::string type;
      if (a.Get("UserPoolArn") != nullptr) {
        type = "COGNITO_USER_POOLS";
      } else if (a.Get("JwtConfiguration") != nullptr) {
        type = "JWT";
      } else if (const Val* fn = a.Get("FunctionArn"); fn != nullptr) {
        out.function_id = ctx.FunctionIn(fn->refs());
        std::string payload = Text(a.Get("FunctionPayloadType"));
        type = s.http || payload == "REQUEST" ? "REQUEST" : "TOKEN";
      }
      out.type = type.empty() ? model::String::Unknown(out.loc)
                              : model::String::Literal(type, out.loc);
      api->authorizers.push_back(std::move(out));
    }
  }
  bool iam = s.http && cfn::ToBool(auth->Get("EnableIamAuthorizer")).Is(true);
  if (const Val* def = auth->Get("DefaultAuthorizer"); def != nullptr) {
    api->default_authorizer = cfn::ToString(def, auth->KeyLoc("DefaultAuthorizer"));
    iam = iam || api->default_authorizer.Is("AWS_IAM");
  }
  if (iam) {
    model::Authorizer out;
    out.name = "AWS_IAM";
    out.loc = auth->loc;
    out.type = model::String::Literal("AWS_IAM", auth->loc);
    api->authorizers.push_back(std::move(out));
  }
}

// One statement of an API's resource policy on every method of every path,
// with the principal "*" (SAM writes each method's ARN; "execute-api:/*" is
// the same set).
model::Statement InvokeStatement(model::Effect effect, util::Loc at) {
  model::Statement st =
      AllowStatement({"execute-api:Invoke"}, {model::String::Literal("execute-api:/*", at)}, at);
  st.effect = model::Value<model::Effect>::Literal(effect, at);
  st.has_principal = true;
  st.principals.push_back({"*", model::String::Literal("*", at)});
  return st;
}

model::Condition MakeCondition(std::string op, std::string key, std::vector<model::String> values,
                               util::Loc at) {
  model::Condition c;
  c.op = std::move(op);
  c.key = std::move(key);
  c.values = std::move(values);
  c.loc = at;
  return c;
}

// Auth.ResourcePolicy, as the SAM transform writes it
// (samtranslator/swagger/swagger.py, add_resource_policy):
//  - CustomStatements as written;
//  - AwsAccountWhitelist / AwsAccountBlacklist: an Allow / a Deny naming the
//    accounts;
//  - IpRange*, SourceVpc*, IntrinsicVpc*, IntrinsicVpce*: an Allow for
//    everyone and a Deny for the requests outside the allow list (NotIpAddress,
//    StringNotEquals) or inside the block list (IpAddress, StringEquals).
//    SourceVpc* entries name a VPC ("vpc-...", aws:SourceVpc) or a VPC
//    endpoint ("vpce-...", aws:SourceVpce); SAM ignores other text, and an
//    entry fnwarden cannot read may be either.
void ReadResourcePolicy(const Val* auth, model::Api* api) {
  const Val* rp = auth->Get("ResourcePolicy");
  if (!Present(rp) || !rp->is_map()) return;
  util::Loc at = auth->KeyLoc("ResourcePolicy");
  api->has_resource_policy = true;
  Val doc;
  doc.kind = Val::Kind::kMap;
  doc.loc = at;
  if (const Val* custom = rp->Get("CustomStatements"); custom != nullptr) {
    doc.fields.push_back({"Statement", *custom, rp->KeyLoc("CustomStatements")});
  }
  api->resource_policy =
      cfn::ToPolicyDocument(&doc, model::PolicySource::kInline, "ResourcePolicy", at);
  std::vector<model::Statement>& out = api->resource_policy.statements;

  for (auto [key, effect] : {std::pair{"AwsAccountWhitelist", model::Effect::kAllow},
                             std::pair{"AwsAccountBlacklist", model::Effect::kDeny}}) {
    const Val* list = rp->Get(key);
    if (!Present(list)) continue;
    model::Statement st = InvokeStatement(effect, rp->KeyLoc(key));
    st.principals.clear();
    for (model::String& v : cfn::ToStringList(list)) st.principals.push_back({"AWS", std::move(v)});
    out.push_back(std::move(st));
  }

  // An allow list denies what is outside it; a block list what is inside.
  auto allow_and_deny = [&](util::Loc key_at, std::vector<model::Condition> conditions) {
    out.push_back(InvokeStatement(model::Effect::kAllow, key_at));
    model::Statement deny = InvokeStatement(model::Effect::kDeny, key_at);
    deny.conditions = std::move(conditions);
    out.push_back(std::move(deny));
  };
  for (auto [key, allow_list] :
       {std::pair{"IpRangeWhitelist", true}, std::pair{"IpRangeBlacklist", false}}) {
    const Val* list = rp->Get(key);
    if (!Present(list)) continue;
    util::Loc key_at = rp->KeyLoc(key);
    allow_and_deny(key_at, {MakeCondition(allow_list ? "NotIpAddress" : "IpAddress", "aws:SourceIp",
                                          cfn::ToStringList(list), key_at)});
  }
  for (bool allow_list : {false, true}) {
    std::string suffix = allow_list ? "Whitelist" : "Blacklist";
    std::vector<model::String> vpcs, endpoints;
    util::Loc key_at;
    for (std::string prefix : {"SourceVpc", "IntrinsicVpc", "IntrinsicVpce"}) {
      std::string key = prefix + suffix;
      const Val* list = rp->Get(key);
      if (!Present(list)) continue;
      if (!key_at.known()) key_at = rp->KeyLoc(key);
      for (model::String& v : cfn::ToStringList(list)) {
        bool vpc = prefix == "IntrinsicVpc" || (v.known() && v.value.starts_with("vpc-"));
        bool endpoint = prefix == "IntrinsicVpce" || (v.known() && v.value.starts_with("vpce-"));
        if (prefix == "SourceVpc" && !v.known()) vpc = endpoint = true;
        if (vpc) vpcs.push_back(v);
        if (endpoint) endpoints.push_back(std::move(v));
      }
    }
    if (vpcs.empty() && endpoints.empty()) continue;
    std::string op = allow_list ? "StringNotEquals" : "StringEquals";
    std::vector<model::Condition> conditions;
    if (!vpcs.empty()) conditions.push_back(MakeCondition(op, "aws:SourceVpc", vpcs, key_at));
    if (!endpoints.empty()) {
      conditions.push_back(MakeCondition(op, "aws:SourceVpce", std::move(endpoints), key_at));
    }
    allow_and_deny(key_at, std::move(conditions));
  }
}

void ReadUsagePlan(Context& ctx, const ApiSource& s, const Val* auth, model::Api* api) {
  const Val* plan = auth->Get("UsagePlan");
  if (!Present(plan) || api->stages.empty()) return;
  std::string kind = Text(plan->Get("CreateUsagePlan"));
  if (kind != "PER_API" && kind != "SHARED") return;
  util::Loc at = auth->KeyLoc("UsagePlan");
  std::string id = kind == "SHARED" ? "ServerlessUsagePlan" : s.id + "UsagePlan";
  model::UsagePlan* out = nullptr;
  for (model::UsagePlan& existing : ctx.model->usage_plans) {
    if (existing.id == id) out = &existing;
  }
  if (out == nullptr) {
    model::UsagePlan created;
    if (s.decl != nullptr) {
      InitResource(ctx, &created, id, "AWS::ApiGateway::UsagePlan", at, *s.decl);
    } else {
      created.id = id;
      created.type = "AWS::ApiGateway::UsagePlan";
      created.loc = at;
    }
    if (const Val* throttle = plan->Get("Throttle"); throttle != nullptr) {
      created.throttle_rate_limit = cfn::ToDouble(throttle->Get("RateLimit"), at);
      created.throttle_burst_limit = cfn::ToInt(throttle->Get("BurstLimit"), at);
    }
    if (const Val* quota = plan->Get("Quota"); quota != nullptr) {
      created.quota_limit = cfn::ToInt(quota->Get("Limit"), at);
    }
    ctx.model->usage_plans.push_back(std::move(created));
    out = &ctx.model->usage_plans.back();
  }
  out->api_stages.push_back({s.id, api->stages.front().stage_name});
}

std::string StageId(const std::string& api_id, const model::String& name, bool http) {
  if (http && (name.absent() || name.Is("$default"))) return api_id + "ApiGatewayDefaultStage";
  std::string suffix;
  if (name.known()) {
    for (char c : name.value) {
      if (std::isalnum(static_cast<unsigned char>(c))) suffix += c;
    }
  }
  return api_id + suffix + "Stage";
}

void ReadStage(const ApiSource& s, model::Api* api) {
  const Val& p = *s.props;
  model::Stage stage;
  if (s.implicit && !s.http) {
    stage.stage_name = model::String::Default("Prod", s.loc);
  } else if (s.http && !Present(p.Get("StageName"))) {
    stage.stage_name = model::String::Default("$default", s.loc);
  } else {
    stage.stage_name = cfn::ToString(p.Get("StageName"), s.loc);
  }
  stage.id = StageId(s.id, stage.stage_name, s.http);
  stage.loc = Present(p.Get("StageName")) ? p.KeyLoc("StageName") : s.loc;
  const Val* logs = p.Get(s.http ? "AccessLogSettings" : "AccessLogSetting");
  if (Present(logs)) {
    stage.access_log_destination = cfn::ToString(
        logs->Get("DestinationArn"), p.KeyLoc(s.http ? "AccessLogSettings" : "AccessLogSetting"));
  }
  if (!s.http) {
    stage.tracing_enabled = cfn::ToBool(p.Get("TracingEnabled"), s.loc);
    stage.cache_enabled = cfn::ToBool(p.Get("CacheClusterEnabled"), s.loc);
    const Val* settings = p.Get("MethodSettings");
    if (settings != nullptr && settings->is_list()) {
      for (const Val& m : settings->items) {
        // "/*" + "*" is the stage-wide default; of the per-method settings,
        // only caching is read (ReadMethodCaching).
        if (Text(m.Get("ResourcePath")) != "/*" || Text(m.Get("HttpMethod")) != "*") continue;
        util::Loc at = m.loc;
        if (const Val* v = m.Get("LoggingLevel")) stage.logging_level = cfn::ToString(v, at);
        if (const Val* v = m.Get("ThrottlingRateLimit")) {
          stage.throttling_rate_limit = cfn::ToDouble(v, at);
        }
        if (const Val* v = m.Get("ThrottlingBurstLimit")) {
          stage.throttling_burst_limit = cfn::ToInt(v, at);
        }
        if (const Val* v = m.Get("CachingEnabled")) stage.cache_enabled = cfn::ToBool(v, at);
        if (const Val* v = m.Get("CacheDataEncrypted")) stage.cache_encrypted = cfn::ToBool(v, at);
      }
      cfn::ReadMethodCaching(settings, &stage);
    }
  } else if (const Val* route = p.Get("DefaultRouteSettings"); Present(route)) {
    util::Loc at = p.KeyLoc("DefaultRouteSettings");
    stage.throttling_rate_limit = cfn::ToDouble(route->Get("ThrottlingRateLimit"), at);
    stage.throttling_burst_limit = cfn::ToInt(route->Get("ThrottlingBurstLimit"), at);
    stage.logging_level = cfn::ToString(route->Get("LoggingLevel"), at);
  }
  api->stages.push_back(std::move(stage));
}

void ReadDomain(const ApiSource& s, model::Api* api) {
  const Val* domain = s.props->Get("Domain");
  if (!Present(domain)) return;
  model::Domain d;
  d.id = s.id + "DomainName";
  d.loc = s.props->KeyLoc("Domain");
  d.domain_name = cfn::ToString(domain->Get("DomainName"), d.loc);
  d.security_policy = cfn::ToString(domain->Get("SecurityPolicy"), d.loc);
  d.endpoint_type = cfn::ToString(domain->Get("EndpointConfiguration"), d.loc);
  api->domains.push_back(std::move(d));
}

void BuildApi(Context& ctx, const ApiSource& s) {
  const Val& p = *s.props;
  model::Api api;
  if (s.decl != nullptr) {
    InitResource(ctx, &api, s.id, s.type, s.loc, *s.decl);
  } else {
    api.id = s.id;
    api.type = s.type;
    api.loc = s.loc;
  }
  api.kind = s.http ? model::ApiKind::kHttp : model::ApiKind::kRest;
  api.from_events = s.implicit;
  api.name = cfn::ToString(p.Get("Name"), s.loc);
  if (const Val* endpoint = p.Get("EndpointConfiguration"); Present(endpoint)) {
    util::Loc at = p.KeyLoc("EndpointConfiguration");
    api.endpoint_type = cfn::ToString(endpoint->is_map() ? endpoint->Get("Type") : endpoint, at);
  } else {
    api.endpoint_type = model::String::Default(s.http ? "REGIONAL" : "EDGE", s.loc);
  }
  api.disable_execute_api_endpoint = cfn::ToBool(p.Get("DisableExecuteApiEndpoint"), s.loc);
  ReadCors(s, &api);
  ReadStage(s, &api);
  ReadDomain(s, &api);
  if (const Val* auth = p.Get("Auth"); Present(auth) && auth->is_map()) {
    ReadAuthorizers(ctx, s, auth, &api);
    if (!s.http) {
      ReadResourcePolicy(auth, &api);
      if (const Val* key = auth->Get("ApiKeyRequired"); key != nullptr) {
        ctx.api_key_required[s.id] = cfn::ToBool(key, auth->KeyLoc("ApiKeyRequired"));
      }
      ReadUsagePlan(ctx, s, auth, &api);
    }
  }
  // DefinitionUri, or a DefinitionBody included from another file: routes
  // are in a file fnwarden does not read.
  const syntax::Node* body_node = s.props_node == nullptr ? nullptr : s.props_node->Get("DefinitionBody");
  bool included = body_node != nullptr && body_node->is_map() && body_node->Get("Fn::Transform") != nullptr;
  if (Present(p.Get("DefinitionUri")) || included) {
    api.definition_opaque = true;
  } else if (const Val* body = p.Get("DefinitionBody"); Present(body)) {
    if (body->is_map()) {
      ReadOpenApi(ctx, *body, &api);
    } else {
      api.definition_opaque = true;
    }
  }
  ctx.api_index[api.id] = ctx.model->apis.size();
  ctx.model->apis.push_back(std::move(api));
}

}  // namespace

std::string AuthorizationType(const model::Api& api, const std::string& authorizer) {
  if (authorizer == "NONE" || authorizer == "AWS_IAM") return authorizer;
  for (const model::Authorizer& a : api.authorizers) {
    if (a.name != authorizer || !a.type.known()) continue;
    if (a.type.value == "TOKEN" || a.type.value == "REQUEST") return "CUSTOM";
    return a.type.value;
  }
  return "";
}

void ExpandApi(Context& ctx, const SamResource& r, bool http) {
  ApiSource s;
  s.id = r.decl->id;
  s.type = r.decl->type;
  s.loc = r.decl->loc;
  s.decl = r.decl;
  s.props_node = r.props;
  s.props = &r.val;
  s.http = http;
  BuildApi(ctx, s);
}

void ExpandImplicitApi(Context& ctx, bool http, const cfn::ResourceDecl& first, util::Loc at) {
  auto it = ctx.globals.find(http ? "AWS::Serverless::HttpApi" : "AWS::Serverless::Api");
  const syntax::Node* node = it == ctx.globals.end() ? nullptr : it->second;
  Val props = node == nullptr ? Val{} : ctx.ev.Eval(node);
  if (!props.is_map()) {
    props = Val{};
    props.kind = Val::Kind::kMap;
    props.loc = at;
  }
  ApiSource s;
  s.id = std::string(http ? kImplicitHttpApi : kImplicitRestApi);
  s.type = http ? "AWS::Serverless::HttpApi" : "AWS::Serverless::Api";
  s.loc = at;
  s.props_node = node;
  s.props = &props;
  s.http = http;
  s.implicit = true;
  BuildApi(ctx, s);
  model::Api* api = ctx.FindApi(s.id);
  api->origin = model::Origin::kSam;
  api->generated_from = first.id;
}

void AddEventRoute(Context& ctx, const EventRoute& er) {
  model::Api* api = ctx.FindApi(er.api_id);
  if (api == nullptr) return;  // an API outside this template: no route to add
  model::Route route;
  route.loc = er.loc;
  route.method = er.method;
  route.path = er.path;
  route.function_id = er.function_id;
  route.source_id = er.source_id;
  const Val* authorizer = er.auth == nullptr ? nullptr : er.auth->Get("Authorizer");
  model::String chosen = authorizer != nullptr
                             ? cfn::ToString(authorizer, er.auth->KeyLoc("Authorizer"))
                             : api->default_authorizer;
  if (chosen.known()) {
    std::string type = AuthorizationType(*api, chosen.value);
    route.authorization_type = type.empty() ? model::String::Unknown(chosen.loc) : chosen.With(type);
    if (chosen.value != "NONE" && chosen.value != "AWS_IAM") route.authorizer = chosen;
  } else if (chosen.unknown()) {
    route.authorization_type = model::String::Unknown(chosen.loc);
    route.authorizer = chosen;
  } else {
    route.authorization_type = model::String::Default("NONE", er.loc);
  }
  if (!er.http) {
    const Val* key = er.auth == nullptr ? nullptr : er.auth->Get("ApiKeyRequired");
    if (key != nullptr) {
      route.api_key_required = cfn::ToBool(key, er.auth->KeyLoc("ApiKeyRequired"));
    } else if (auto it = ctx.api_key_required.find(er.api_id); it != ctx.api_key_required.end()) {
      route.api_key_required = it->second;
    } else {
      route.api_key_required = model::Bool::Default(false, er.loc);
    }
  }
  // An event on a path the inline definition (or an earlier event) already
  // has: one route.
  auto key = [](const model::Route& r) { return r.method.value + " " + r.path.value; };
  Context::RouteIndex& index = ctx.route_index[er.api_id];
  for (; index.indexed < api->routes.size(); ++index.indexed) {
    const model::Route& r = api->routes[index.indexed];
    if (r.method.known() && r.path.known()) index.by_key.try_emplace(key(r), index.indexed);
  }
  if (route.method.known() && route.path.known()) {
    if (auto it = index.by_key.find(key(route)); it != index.by_key.end()) {
      model::Route& existing = api->routes[it->second];
      if (existing.function_id.empty()) existing.function_id = route.function_id;
      return;
    }
  }
  api->routes.push_back(std::move(route));
}

}  // namespace fnwarden::load::sam::internal
