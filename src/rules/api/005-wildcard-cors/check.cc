// FNW-API-005: CORS lets every web origin call an authenticated API or
// function URL, or send credentials to it.
#include <string>
#include <vector>

#include "analysis/policy_query.h"
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// The "*" origin, also in SAM's quoted REST form "'*'". nullptr when none.
const model::String* WildcardOrigin(const std::vector<model::String>& origins) {
  for (const auto& o : origins) {
    if (o.Is("*") || o.Is("'*'")) return &o;
  }
  return nullptr;
}

bool IsAuthenticated(const model::Api& api) {
  if (api.default_authorizer.known() && !analysis::IsOneOf(api.default_authorizer, {"NONE"})) {
    return true;
  }
  for (const auto& r : api.routes) {
    if (r.authorization_type.known() && !analysis::IsOneOf(r.authorization_type, {"NONE"})) {
      return true;
    }
  }
  return false;
}

// Reports a wildcard origin when credentials are allowed (high) or the
// endpoint is authenticated (the rule's medium).
// `implicit_settings` is where SAM's implicit API takes its settings ("" for
// any other API or URL).
void Judge(Context& ctx, std::string_view resource_id, util::Loc resource_loc,
           const model::String& origin, const model::Bool& credentials, bool authenticated,
           const std::string& what, const std::string& implicit_settings = "") {
  std::string fix =
      "List the origins of your own front ends in AllowOrigins" +
      (implicit_settings.empty() ? std::string(".")
                                 : " (Cors.AllowOrigin of " + implicit_settings + ").");
  if (credentials.Is(true)) {
    ctx.RaiseSeverity(model::Severity::kHigh);
    ctx.Report(resource_id, resource_loc, origin.loc, "cors.allow_origins",
               what +
                   " allows CORS requests from any origin (\"*\") with credentials: any web "
                   "page a signed-in user visits can call it as that user and read the answers",
               fix);
    return;
  }
  if (!authenticated) return;
  ctx.Report(resource_id, resource_loc, origin.loc, "cors.allow_origins",
             what +
                 " requires authentication but allows CORS requests from any origin (\"*\"): "
                 "any web page holding a user's token can call it from the user's browser",
             fix);
}

void Check(Context& ctx) {
  for (const auto& api : ctx.model.apis) {
    if (!api.cors.present) continue;
    const model::String* origin = WildcardOrigin(api.cors.allow_origins);
    if (origin == nullptr) continue;
    Judge(ctx, api.id, api.loc, *origin, api.cors.allow_credentials, IsAuthenticated(api),
          "API " + api.id, analysis::ImplicitApiSettings(api));
  }
  for (const auto& url : ctx.model.function_urls) {
    const model::String* origin = WildcardOrigin(url.cors_allow_origins);
    if (origin == nullptr) continue;
    Judge(ctx, url.id, url.loc, *origin, url.cors_allow_credentials, url.auth_type.Is("AWS_IAM"),
          "the function URL of " + url.function_id);
  }
}

}  // namespace

extern const RuleDef kRuleApi005;
const RuleDef kRuleApi005 = {
    .title = "CORS allows every origin on an authenticated endpoint",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kApiAuthentication,
    .check = &Check,
};

}  // namespace fnwarden::rules
