// Inline OpenAPI 3 / Swagger 2 definitions (DefinitionBody) of SAM APIs:
// routes, their authorization and integration targets.
#include <cctype>
#include <utility>

#include "load/sam/internal.h"

namespace fnwarden::load::sam::internal {
namespace {

using cfn::Val;

struct Scheme {
  std::string type;  // authorization type: "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS", "JWT"
  bool api_key = false;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::map<std::string, Scheme> ReadSchemes(Context& ctx, const Val& body, model::Api* api) {
  std::map<std::string, Scheme> out;
  const Val* schemes = body.Get("securityDefinitions");
  if (const Val* components = body.Get("components"); components != nullptr) {
    if (const Val* s = components->Get("securitySchemes"); s != nullptr) schemes = s;
  }
  if (schemes == nullptr || !schemes->is_map()) return out;
  for (const auto& [name, s, at] : schemes->fields) {
    Scheme scheme;
    std::string authtype = Lower(Text(s.Get("x-amazon-apigateway-authtype")));
    const Val* authorizer = s.Get("x-amazon-apigateway-authorizer");
    std::string authorizer_type = authorizer == nullptr ? "" : Lower(Text(authorizer->Get("type")));
    std::string model_type;
    if (authtype == "awssigv4") {
      scheme.type = "AWS_IAM";
      model_type = "AWS_IAM";
    } else if (authorizer_type == "cognito_user_pools" || authtype == "cognito_user_pools") {
      scheme.type = "COGNITO_USER_POOLS";
      model_type = "COGNITO_USER_POOLS";
    } else if (authorizer_type == "jwt") {
      scheme.type = "JWT";
      model_type = "JWT";
    } else if (authorizer_type == "token" || authorizer_type == "request" || authtype == "custom") {
      scheme.type = "CUSTOM";
      model_type = authorizer_type == "request" ? "REQUEST" : "TOKEN";
    } else if (Text(s.Get("type")) == "apiKey") {
      scheme.api_key = true;
    }
    if (!model_type.empty()) {
      bool known = false;
      for (const model::Authorizer& a : api->authorizers) known = known || a.name == name;
      if (!known) {
        model::Authorizer a;
        a.name = name;
        a.loc = at;
        a.type = model::String::Literal(model_type, at);
        if (authorizer != nullptr) {
          if (const Val* uri = authorizer->Get("authorizerUri"); uri != nullptr) {
            a.function_id = ctx.FunctionIn(uri->refs());
          }
        }
        api->authorizers.push_back(std::move(a));
      }
    }
    out[name] = scheme;
  }
  return out;
}

// Applies an OpenAPI `security` list to a route: the first requirement
// that names an authorizer decides the type; an apiKey scheme requires a key.
void ApplySecurity(const Val* security, const std::map<std::string, Scheme>& schemes,
                   util::Loc at, model::Route* route) {
  route->authorization_type = model::String::Default("NONE", at);
  route->api_key_required = model::Bool::Default(false, at);
  if (security == nullptr || !security->is_list()) return;
  bool typed = false;
  for (const Val& requirement : security->items) {
    for (const auto& [name, scopes, name_at] : requirement.fields) {
      auto it = schemes.find(name);
      if (it == schemes.end()) continue;
      if (it->second.api_key) {
        route->api_key_required = model::Bool::Literal(true, requirement.loc);
      } else if (!typed && !it->second.type.empty()) {
        typed = true;
        route->authorization_type = model::String::Literal(it->second.type, requirement.loc);
        if (it->second.type != "AWS_IAM") {
          route->authorizer = model::String::Literal(name, requirement.loc);
        }
      }
    }
  }
}

// x-amazon-apigateway-policy: the API's resource policy, to which SAM adds
// the statements of Auth.ResourcePolicy.
void ReadPolicy(const Val& body, model::Api* api) {
  const Val* policy = body.Get("x-amazon-apigateway-policy");
  if (policy == nullptr || policy->is_novalue()) return;
  model::PolicyDocument doc =
      cfn::ToPolicyDocument(policy, model::PolicySource::kInline, "x-amazon-apigateway-policy",
                            body.KeyLoc("x-amazon-apigateway-policy"));
  if (api->has_resource_policy) {
    doc.known = doc.known && api->resource_policy.known;
    for (model::Statement& s : api->resource_policy.statements) {
      doc.statements.push_back(std::move(s));
    }
  }
  api->has_resource_policy = true;
  api->resource_policy = std::move(doc);
}

}  // namespace

void ReadOpenApi(Context& ctx, const Val& body, model::Api* api) {
  ReadPolicy(body, api);
  std::map<std::string, Scheme> schemes = ReadSchemes(ctx, body, api);
  const Val* root_security = body.Get("security");
  const Val* paths = body.Get("paths");
  if (paths == nullptr) return;
  if (!paths->is_map()) {
    api->definition_opaque = true;
    return;
  }
  static constexpr std::string_view kMethods[] = {
      "get", "put", "post", "delete", "options", "head", "patch", "trace",
      "x-amazon-apigateway-any-method"};
  for (const auto& [path, item, path_at] : paths->fields) {
    if (!item.is_map()) continue;
    for (const auto& [key, op, at] : item.fields) {
      std::string method = Lower(key);
      bool is_method = false;
      for (std::string_view m : kMethods) is_method = is_method || method == m;
      if (!is_method) continue;
      model::Route route;
      route.loc = at;
      route.method = model::String::Literal(
          method == "x-amazon-apigateway-any-method" ? "ANY" : Upper(method), at);
      route.path = model::String::Literal(path, at);
      route.source_id = api->id;
      const Val* security = op.Get("security");
      ApplySecurity(security != nullptr ? security : root_security, schemes, at, &route);
      // SAM applies Auth.DefaultAuthorizer to the definition's operations too.
      if (security == nullptr && root_security == nullptr && api->default_authorizer.known()) {
        const model::String& def = api->default_authorizer;
        std::string type = AuthorizationType(*api, def.value);
        if (!type.empty()) route.authorization_type = def.With(type);
        if (type != "NONE" && type != "AWS_IAM") route.authorizer = def;
      }
      if (api->kind == model::ApiKind::kHttp) route.api_key_required = {};
      if (const Val* integration = op.Get("x-amazon-apigateway-integration");
          integration != nullptr) {
        if (const Val* uri = integration->Get("uri"); uri != nullptr) {
          route.function_id = ctx.FunctionIn(uri->refs());
        }
      }
      api->routes.push_back(std::move(route));
    }
  }
}

}  // namespace fnwarden::load::sam::internal
