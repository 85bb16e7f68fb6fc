// FNW-API-001: an API route anyone can call: no authorizer, no IAM
// authorization and no API key.
#include <string>

#include "analysis/policy_query.h"
#include "analysis/reachability.h"
#include "analysis/store_query.h"
#include "model/names.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

const char* ApiKindName(model::ApiKind kind) {
  switch (kind) {
    case model::ApiKind::kRest:
      return "REST API";
    case model::ApiKind::kHttp:
      return "HTTP API";
    case model::ApiKind::kWebSocket:
      return "WebSocket API";
  }
  return "API";
}

// A fix that can be applied as written. The routes of SAM's implicit API
// come from function events, and the API itself is configured only through
// Globals.Api (REST) or Globals.HttpApi (HTTP).
std::string Fix(const model::Api& api, const model::Route& route, const std::string& label) {
  if (api.from_events && api.kind != model::ApiKind::kWebSocket) {
    std::string event = route.source_id.empty() ? "the event" : "the " + route.source_id + " event";
    std::string globals = api.kind == model::ApiKind::kHttp ? "Globals.HttpApi" : "Globals.Api";
    return "Set Auth.Authorizer on " + event + " for " + label +
           " (a Cognito, JWT or Lambda authorizer, or AWS_IAM), or declare Auth.Authorizers and "
           "Auth.DefaultAuthorizer under " +
           globals + ", which configures the implicit API " + api.id + ".";
  }
  return "Give " + label +
         " an authorizer (Cognito, JWT or Lambda) or AWS_IAM authorization, or make one the "
         "default authorizer of " +
         api.id + ".";
}

// The same in a Serverless service, where the authorizer is written on the
// function's event.
std::string ServerlessFix(const model::Model& m, const model::Api& api, const model::Route& route,
                          const std::string& label) {
  std::string event = route.function_id.empty()
                          ? "the event for " + label
                          : "the event for " + label + " of function " +
                                model::ShownFunctionName(m, route.function_id);
  switch (api.kind) {
    case model::ApiKind::kHttp:
      return "Give " + event +
             " an authorizer: `authorizer: {name: ...}` naming a JWT or Lambda authorizer "
             "declared under provider.httpApi.authorizers, or `authorizer: {type: aws_iam}`.";
    case model::ApiKind::kWebSocket:
      return "Give " + event + " an `authorizer:` (the name of a Lambda authorizer function).";
    case model::ApiKind::kRest:
      break;
  }
  return "Give " + event +
         " an `authorizer:`: a Cognito user pool ARN, the name of a Lambda authorizer "
         "function, or aws_iam.";
}

void Check(Context& ctx) {
  analysis::Reachability reach(ctx.facts);
  for (const auto& api : ctx.model.apis) {
    // Routes of an OpenAPI file fnwarden did not read are out of scope.
    if (api.definition_opaque) continue;
    for (const auto& route : api.routes) {
      if (!route.authorization_type.Is("NONE")) continue;
      // A private endpoint or a resource policy may keep the internet out.
      if (reach.Route(api, route) != analysis::Reach::kInternet) continue;
      // Browsers send CORS preflight requests without credentials.
      if (analysis::IsOneOf(route.method, {"OPTIONS"})) continue;
      // A WebSocket API authorizes the connection: only $connect takes an
      // authorizer, the other routes run on an authorized connection.
      if (api.kind == model::ApiKind::kWebSocket && !route.path.Is("$connect")) continue;
      if (!route.api_key_required.absent() && !route.api_key_required.Is(false)) continue;
      std::string label = analysis::RouteLabel(route);
      std::string target = route.function_id.empty()
                               ? " has no authorizer"
                               : " invokes " + model::ShownFunctionName(ctx.model, route.function_id) +
                                     " without any authorizer";
      std::string where =
          api.from_events ? "" : " of " + std::string(ApiKindName(api.kind)) + " " + api.id;
      ctx.Report(api.id, api.loc,
                 analysis::WrittenAt(route.authorization_type).known()
                     ? route.authorization_type.loc
                     : route.loc,
                 "routes." + label + ".authorizer",
                 label + where + target + ": anyone on the internet can call it",
                 ctx.Fix(api, Fix(api, route, label), ServerlessFix(ctx.model, api, route, label)));
    }
  }
}

}  // namespace

extern const RuleDef kRuleApi001;
const RuleDef kRuleApi001 = {
    .title = "API route without an authorizer",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kApiAuthentication,
    .check = &Check,
};

}  // namespace fnwarden::rules
