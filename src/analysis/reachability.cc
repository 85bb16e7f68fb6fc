#include "analysis/reachability.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "analysis/iam/caller_keys.h"
#include "analysis/iam/condition.h"
#include "analysis/iam/context.h"
#include "analysis/iam/effective.h"
#include "analysis/iam/evaluate.h"
#include "analysis/iam/match.h"
#include "analysis/iam/policy.h"
#include "analysis/iam/public_access.h"

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

// The anonymous caller's context for `policy`, on top of what `ctx` already
// sets.
iam::Context CallerContext(const iam::CompiledPolicy& policy, iam::Context ctx = {}) {
  ctx.Set("aws:SecureTransport", "true");  // execute-api endpoints and function URLs are HTTPS only
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

// ------------------------------------------------------ Lambda permissions

// A permission's Principal as a policy principal: everyone, an account or an
// IAM ARN, or a service ("s3.amazonaws.com", "alexa-appkit.amazon.com").
model::Principal PermissionPrincipal(const model::String& principal) {
  model::Principal out;
  out.id = principal;
  out.kind = "AWS";  // an unresolved principal: some principal, unknown to the engine
  if (!principal.known()) return out;
  const std::string& id = principal.value;
  bool account =
      !id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (id == "*") {
    out.kind = "*";
  } else if (!account && !id.starts_with("arn:")) {
    out.kind = "Service";
  }
  return out;
}

// A permission as the statement Lambda adds to the function's policy: an
// Allow of its action to its principal, on the conditions its SourceArn,
// SourceAccount, PrincipalOrgID and FunctionUrlAuthType write.
model::Statement PermissionStatement(const model::Permission& p, const iam::Resolver& resolver) {
  model::Statement s;
  s.loc = p.loc;
  s.effect = model::Value<model::Effect>::Literal(model::Effect::kAllow, p.loc);
  if (!p.action.absent()) s.actions.push_back(resolver.Resolve(p.action));
  s.has_principal = true;
  s.principals.push_back(PermissionPrincipal(resolver.Resolve(p.principal)));
  auto condition = [&](std::string op, std::string key, const model::String& value) {
    if (value.absent()) return;
    model::Condition c;
    c.op = std::move(op);
    c.key = std::move(key);
    c.values.push_back(resolver.Resolve(value));
    c.loc = value.loc;
    s.conditions.push_back(std::move(c));
  };
  condition("ArnLike", "aws:SourceArn", p.source_arn);
  condition("StringEquals", "aws:SourceAccount", p.source_account);
  condition("StringEquals", "aws:PrincipalOrgID", p.principal_org_id);
  condition("StringEquals", "lambda:FunctionUrlAuthType", p.function_url_auth_type);
  return s;
}

// The ARN of the function `permissions` are on, for requests.
std::string FunctionArn(std::span<const model::Permission* const> permissions,
                        const iam::Resolver& resolver) {
  std::string arn;
  if (!permissions.empty() && !permissions.front()->function_id.empty()) {
    arn = resolver.ArnOf(permissions.front()->function_id);
  }
  if (arn.empty()) {
    arn = "arn:" + std::string(iam::kAssumedPartition) +
          ":lambda:" + std::string(iam::kAssumedRegion) + ":" + std::string(iam::kAssumedAccount) +
          ":function:fnwarden-any";
  }
  return arn;
}

// What `decide` answers for the policy that `permissions` (one function's)
// form, with the permissions that let the caller in.
template <class Decide>
Invokers ThroughPermissions(std::span<const model::Permission* const> permissions,
                            const iam::Resolver& resolver, const Decide& decide) {
  Invokers out;
  if (permissions.empty()) return out;  // no policy: only the function's own account
  model::PolicyDocument doc;
  doc.version = model::String::Literal("2012-10-17", {});
  for (const model::Permission* p : permissions) {
    doc.statements.push_back(PermissionStatement(*p, resolver));
  }
  iam::CompiledPolicy policy = iam::Compile(doc, iam::PolicyKind::kResource);
  iam::Result r = decide(policy, FunctionArn(permissions, resolver));
  out.reach = FromDecision(r.decision);
  if (out.reach != Reach::kInternet) return out;
  for (const iam::StatementRef& ref : r.statements) {
    if (ref.policy == &policy) out.through.push_back(permissions[ref.index]);
  }
  return out;
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

Invokers Reachability::PublicInvoke(std::span<const model::Permission* const> permissions) const {
  const iam::Resolver& resolver = facts_.IamResolver();
  return ThroughPermissions(
      permissions, resolver, [&](const iam::CompiledPolicy& policy, const std::string& arn) {
        // A request through the Invoke API carries no function URL's auth type.
        iam::Context ctx = iam::OutsiderContext(*policy.source, {"lambda:functionurlauthtype"});
        const std::string caller_arn =
            "arn:aws:iam::" + std::string(iam::kForeignAccount) + ":role/fnwarden-any";
        iam::RequestPrincipal caller;
        caller.arn = caller_arn;
        return iam::ResourcePolicyAllows(policy, iam::ResourcePolicyMode::kOrdinary, caller,
                                         "lambda:InvokeFunction", arn, &ctx);
      });
}

Invokers Reachability::PublicUrlInvoke(const model::FunctionUrl& url) const {
  const FunctionFacts* fn = facts_.ForFunction(url.function_id);
  if (fn == nullptr) return Invokers{Reach::kUnknown, {}};  // its policy is elsewhere
  return ThroughPermissions(
      fn->permissions, facts_.IamResolver(),
      [&](const iam::CompiledPolicy& policy, const std::string& arn) {
        iam::Context known;
        if (url.auth_type.known()) {
          known.Set("lambda:FunctionUrlAuthType", url.auth_type.value);
        } else {
          known.SetUnknown("lambda:FunctionUrlAuthType");
        }
        iam::Context ctx = CallerContext(policy, std::move(known));
        iam::Request request;  // no principal and no account: an anonymous caller
        request.action = "lambda:InvokeFunctionUrl";
        request.resource = arn;
        request.resource_account = iam::kAssumedAccount;
        request.context = &ctx;
        iam::PolicySet set;
        set.resource = &policy;
        return iam::Evaluate(request, set);
      });
}

Reach Reachability::SignedUrl(const model::FunctionUrl& url) const {
  const FunctionFacts* fn = facts_.ForFunction(url.function_id);
  if (fn == nullptr) return Reach::kNotInternet;
  Reach out = Reach::kNotInternet;
  for (const model::Permission* p : fn->permissions) {
    if (!p->principal.known()) {
      out = Any(out, Reach::kUnknown);
      continue;
    }
    if (p->principal.value != "cloudfront.amazonaws.com") continue;
    // Whether its Action covers the URL's action or the Invoke API's, as the
    // engine matches actions.
    model::PolicyDocument doc;
    doc.statements.push_back(PermissionStatement(*p, facts_.IamResolver()));
    iam::CompiledPolicy policy = iam::Compile(doc, iam::PolicyKind::kResource);
    const iam::CompiledStatement& s = policy.statements.front();
    iam::Tri action = iam::Or(iam::ActionApplies(s, "lambda:invokefunctionurl"),
                              iam::ActionApplies(s, "lambda:invokefunction"));
    if (action == iam::Tri::kTrue) return Reach::kInternet;
    if (action == iam::Tri::kUnknown) out = Any(out, Reach::kUnknown);
  }
  return out;
}

}  // namespace fnwarden::analysis
