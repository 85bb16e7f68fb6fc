#include "analysis/reachability.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "analysis/iam/caller_keys.h"
#include "analysis/iam/condition.h"
#include "analysis/iam/context.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/evaluate.h"
#include "analysis/iam/match.h"
#include "analysis/iam/policy.h"

namespace fnwarden::analysis {

struct ApiReachPolicy {
  const model::Api* api = nullptr;
  model::PolicyDocument document;  // resolved, "execute-api:/..." written as ARNs
  iam::CompiledPolicy compiled;
  iam::Context context;  // the anonymous internet caller, for this policy's conditions
};

namespace {

constexpr std::string_view kShorthand = "execute-api:";

// Addresses spread over the IPv4 space; the caller takes the first that no
// range of the policy singles out.
constexpr std::array<std::string_view, 5> kStrangerAddresses = {
    "45.83.217.9", "91.198.174.200", "176.31.99.4", "213.5.71.33", "1.179.112.5"};

// The caller's address: one no range of the policy covers, unless that range
// covers every candidate (the whole internet); "" when a range is unknown.
std::string StrangerAddress(const iam::CompiledPolicy& policy) {
  std::vector<iam::IpRange> ranges;
  for (const iam::CompiledStatement& s : policy.statements) {
    for (const iam::CompiledCondition& c : s.conditions) {
      if (c.key != "aws:sourceip") continue;
      for (const iam::ConditionValue& v : c.values) {
        if (!v.known || v.variable || !v.parsed) return "";
        ranges.push_back(v.ip);
      }
    }
  }
  std::array<iam::IpRange, kStrangerAddresses.size()> candidates;
  for (size_t i = 0; i < candidates.size(); ++i) {
    iam::ParseIp(kStrangerAddresses[i], /*allow_prefix=*/false, &candidates[i]);
  }
  auto covers_all = [&](const iam::IpRange& r) {
    for (const iam::IpRange& c : candidates) {
      if (!iam::IpInRange(c, r)) return false;
    }
    return true;
  };
  for (size_t i = 0; i < candidates.size(); ++i) {
    bool singled_out = false;
    for (const iam::IpRange& r : ranges) {
      singled_out = singled_out || (iam::IpInRange(candidates[i], r) && !covers_all(r));
    }
    if (!singled_out) return std::string(kStrangerAddresses[i]);
  }
  return "";
}

iam::Context CallerContext(const iam::CompiledPolicy& policy) {
  iam::Context ctx;
  ctx.Set("aws:SecureTransport", "true");  // execute-api endpoints are HTTPS only
  ctx.Set("aws:PrincipalType", "Anonymous");
  ctx.Set("aws:userid", "anonymous");
  ctx.Set("aws:PrincipalIsAWSService", "false");
  ctx.Set("aws:ViaAWSService", "false");
  if (std::string address = StrangerAddress(policy); !address.empty()) {
    ctx.Set("aws:SourceIp", address);
  } else {
    ctx.SetUnknown("aws:SourceIp");
  }
  for (const iam::CompiledStatement& s : policy.statements) {
    for (const iam::CompiledCondition& c : s.conditions) {
      if (c.key.empty() || iam::AbsentFor(iam::Caller::kAnonymous, c.key) ||
          ctx.Find(c.key) != nullptr) {
        continue;
      }
      ctx.SetUnknown(c.key);
    }
  }
  ctx.Close();
  return ctx;
}

// The ARN of the API's routes up to the stage: "arn:aws:execute-api:<region>:<account>:<api>".
std::string ApiArn(const model::Api& api) {
  return "arn:" + std::string(iam::kAssumedPartition) +
         ":execute-api:" + std::string(iam::kAssumedRegion) + ":" +
         std::string(iam::kAssumedAccount) + ":" + api.id;
}

// API Gateway stores "execute-api:/stage/method/path" as the full ARN.
void ExpandShorthand(const model::Api& api, model::PolicyDocument* doc) {
  std::string arn = ApiArn(api);
  for (model::Statement& s : doc->statements) {
    for (model::String& r : s.resources) {
      if (r.known() && r.value.starts_with(kShorthand)) {
        r.value = arn + r.value.substr(kShorthand.size());
      }
    }
  }
}

// Some of several ways in is open.
Reach Any(Reach a, Reach b) {
  if (a == Reach::kInternet || b == Reach::kInternet) return Reach::kInternet;
  if (a == Reach::kNotInternet && b == Reach::kNotInternet) return Reach::kNotInternet;
  return Reach::kUnknown;
}

// What the endpoint alone decides; nullopt when the resource policy decides.
std::optional<Reach> EndpointReach(const model::Api& api) {
  // A disabled default endpoint changes nothing: the custom domains that
  // serve the API instead (mapped here or in another stack) are as public
  // as its endpoint type.
  if (api.kind != model::ApiKind::kRest) return Reach::kInternet;  // no private endpoint, no policy
  const model::String& type = api.endpoint_type;
  if (!type.absent()) {
    if (type.Always([](const std::string& t) { return t == "PRIVATE"; })) {
      return Reach::kNotInternet;
    }
    if (!type.Always([](const std::string& t) { return t == "EDGE" || t == "REGIONAL"; })) {
      return Reach::kUnknown;
    }
  }
  if (!api.has_resource_policy) return Reach::kInternet;
  return std::nullopt;
}

// Values for the parts of a request the model does not know (a stage name,
// a path parameter): two of each, to see whether the answer depends on them.
constexpr std::array<std::string_view, 2> kUnknownPart = {"fnwarden-any", "fnwarden-other"};
constexpr std::array<std::string_view, 7> kAnyMethods = {"GET",   "POST", "PUT",    "DELETE",
                                                         "PATCH", "HEAD", "OPTIONS"};

// A route's path with each path parameter replaced: "{id}" by `param`,
// "{proxy+}" by `greedy`. Without the leading '/', as in a route's ARN.
std::string FillPath(std::string_view path, std::string_view param, std::string_view greedy) {
  if (path.starts_with('/')) path.remove_prefix(1);
  std::string out;
  while (!path.empty()) {
    size_t open = path.find('{');
    size_t close = open == std::string_view::npos ? open : path.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(path.substr(0, open));
    out.append(close > open && path[close - 1] == '+' ? greedy : param);
    path.remove_prefix(close + 1);
  }
  out.append(path);
  return out;
}

// The resource path of a request: every parameter given `value`.
std::string RequestPath(std::string_view path, std::string_view value) {
  return FillPath(path, value, value);
}

// The shape of a route's request paths (match.h): "orders/<segment>" for
// "/orders/{id}", "files/<any text>" for "/files/{proxy+}".
std::string PathShape(std::string_view path) {
  return FillPath(path, std::string(1, iam::kAnySegment), std::string(1, iam::kAnyText));
}

iam::Decision Decide(const ApiReachPolicy& p, const iam::CompiledPolicy& policy,
                     std::string_view stage, std::string_view method, std::string_view path) {
  std::string resource = ApiArn(*p.api);
  resource.append("/").append(stage).append("/").append(method).append("/").append(path);
  iam::Request request;  // no principal and no account: an anonymous caller
  request.action = "execute-api:Invoke";
  request.resource = resource;
  request.context = &p.context;
  iam::PolicySet set;
  set.resource = &policy;
  // A statement the scan could not read makes the answer conditional unless
  // a Deny decides it (evaluate.h).
  return iam::Evaluate(request, set).decision;
}

Reach FromDecision(iam::Decision d) {
  switch (d) {
    case iam::Decision::kAllowed:
      return Reach::kInternet;
    case iam::Decision::kExplicitlyDenied:
    case iam::Decision::kImplicitlyDenied:
      return Reach::kNotInternet;
    case iam::Decision::kConditional:
      return Reach::kUnknown;
  }
  return Reach::kUnknown;
}

// One method of `route` on a stage. The stage name, when unknown, is the
// deployer's choice: the answer must not depend on it. A path parameter's
// value is the caller's choice: one value that gets in is enough.
Reach MethodOnStage(const ApiReachPolicy& p, const model::String& stage, std::string_view method,
                    std::string_view path) {
  bool free_stage = !stage.known();
  bool free_path = path.find('{') != std::string_view::npos;
  if (!free_stage && !free_path) {
    return FromDecision(Decide(p, p.compiled, stage.value, method, RequestPath(path, "")));
  }
  std::array<iam::Decision, 2> d;
  for (size_t i = 0; i < d.size(); ++i) {
    d[i] = Decide(p, p.compiled, free_stage ? kUnknownPart[i] : std::string_view(stage.value),
                  method, RequestPath(path, kUnknownPart[i]));
  }
  auto count = [&](iam::Decision x) { return std::count(d.begin(), d.end(), x); };
  size_t allowed = count(iam::Decision::kAllowed);
  if (allowed == d.size() || (allowed > 0 && !free_stage)) return Reach::kInternet;
  if (allowed > 0 || count(iam::Decision::kConditional) > 0) return Reach::kUnknown;
  if (count(iam::Decision::kExplicitlyDenied) == d.size()) return Reach::kNotInternet;
  // No allow applied to the two requests. Would one apply to a request of
  // this shape with the stage name or path the policy names? Ask with every
  // allow whose resources overlap the shape widened to "*".
  std::string shape = ApiArn(*p.api) + "/";
  shape.append(free_stage ? std::string(1, iam::kAnySegment) : stage.value);
  shape.append("/").append(method).append("/").append(PathShape(path));
  model::PolicyDocument widened = p.document;
  for (model::Statement& s : widened.statements) {
    if (!s.known || s.not_resource || !s.effect.Is(model::Effect::kAllow)) continue;
    bool overlaps = false;
    for (const model::String& r : s.resources) {
      overlaps = overlaps || (r.known() && iam::ArnShapeOverlaps(r.value, shape));
    }
    if (overlaps) s.resources = {model::String::Literal("*", s.loc)};
  }
  iam::CompiledPolicy compiled = iam::Compile(widened, iam::PolicyKind::kResource);
  iam::Decision wide = Decide(p, compiled, free_stage ? kUnknownPart[0] : stage.value, method,
                              RequestPath(path, kUnknownPart[0]));
  return wide == iam::Decision::kImplicitlyDenied || wide == iam::Decision::kExplicitlyDenied
             ? Reach::kNotInternet
             : Reach::kUnknown;
}

// `route` on a stage: some method of it, for ANY.
Reach RouteOnStage(const ApiReachPolicy& p, const model::String& stage, const model::Route& route) {
  if (!route.path.known() || !route.method.known()) return Reach::kUnknown;
  std::string method = route.method.value;
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (method != "ANY") return MethodOnStage(p, stage, method, route.path.value);
  Reach out = Reach::kNotInternet;
  for (std::string_view m : kAnyMethods)
    out = Any(out, MethodOnStage(p, stage, m, route.path.value));
  return out;
}

}  // namespace

Reachability::Reachability(const Facts& facts) : facts_(facts) {
  for (const model::Api& api : facts.model().apis) {
    if (api.kind != model::ApiKind::kRest || !api.has_resource_policy) continue;
    auto p = std::make_unique<ApiReachPolicy>();
    p->api = &api;
    p->document = facts.IamResolver().Resolve(api.resource_policy);
    ExpandShorthand(api, &p->document);
    p->compiled = iam::Compile(p->document, iam::PolicyKind::kResource);
    p->context = CallerContext(p->compiled);
    policies_.push_back(std::move(p));
  }
}

Reachability::~Reachability() = default;

const ApiReachPolicy* Reachability::PolicyOf(const model::Api& api) const {
  for (const auto& p : policies_) {
    if (p->api == &api) return p.get();
  }
  return nullptr;
}

Reach Reachability::Route(const model::Api& api, const model::Route& route) const {
  if (std::optional<Reach> r = EndpointReach(api)) return *r;
  const ApiReachPolicy* p = PolicyOf(api);
  if (p == nullptr) return Reach::kUnknown;
  if (api.stages.empty()) return RouteOnStage(*p, model::String::Unknown({}), route);
  Reach out = Reach::kNotInternet;
  for (const model::Stage& stage : api.stages) {
    out = Any(out, RouteOnStage(*p, stage.stage_name, route));
  }
  return out;
}

Reach Reachability::Stage(const model::Api& api, const model::Stage& stage) const {
  if (std::optional<Reach> r = EndpointReach(api)) return *r;
  const ApiReachPolicy* p = PolicyOf(api);
  if (p == nullptr) return Reach::kUnknown;
  if (api.routes.empty()) {
    model::Route any_route;
    any_route.method = model::String::Literal("ANY", {});
    any_route.path = model::String::Literal("/{proxy+}", {});
    return RouteOnStage(*p, stage.stage_name, any_route);
  }
  Reach out = Reach::kNotInternet;
  for (const model::Route& route : api.routes) {
    out = Any(out, RouteOnStage(*p, stage.stage_name, route));
  }
  return out;
}

Reach Reachability::Invocable(const Exposure& exposure) const {
  if (exposure.url != nullptr) {
    const model::String& auth = exposure.url->auth_type;
    if (auth.Is("NONE")) return Reach::kInternet;
    if (auth.Is("AWS_IAM")) return SignedUrl(*exposure.url);
    return Reach::kUnknown;
  }
  if (exposure.route == nullptr || exposure.api == nullptr) return Reach::kUnknown;
  const model::String& auth = exposure.route->authorization_type;
  if (auth.Is("AWS_IAM")) return Reach::kNotInternet;  // callers sign with AWS credentials
  if (!auth.known()) return Reach::kUnknown;
  return Route(*exposure.api, *exposure.route);
}

Reach Reachability::SignedUrl(const model::FunctionUrl& url) const {
  const FunctionFacts* fn = facts_.ForFunction(url.function_id);
  if (fn == nullptr) return Reach::kNotInternet;
  Reach out = Reach::kNotInternet;
  for (const model::Permission* p : fn->permissions) {
    bool url_action = p->action.Always([](const std::string& a) {
      return a == "lambda:InvokeFunctionUrl" || a == "lambda:InvokeFunction" || a == "lambda:*";
    });
    if (!p->principal.known() || !p->action.known()) {
      out = Any(out, Reach::kUnknown);
    } else if (url_action && p->principal.value == "cloudfront.amazonaws.com") {
      return Reach::kInternet;
    }
  }
  return out;
}

}  // namespace fnwarden::analysis
