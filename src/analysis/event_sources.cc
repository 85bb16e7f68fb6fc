#include "analysis/event_sources.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "model/names.h"
#include "util/strings.h"

namespace fnwarden::analysis {
namespace {

// A part of an event a caller controls, and how messages name it.
struct Part {
  std::string_view path;
  std::string_view name;      // "the request body"
  std::string_view field_of;  // how a field below it is named: "'s" gives "the request body's `x`"
};

constexpr std::array kHttpParts{
    Part{"body", "the request body", "'s"},
    Part{"queryStringParameters", "the query string", "query parameter"},
    Part{"multiValueQueryStringParameters", "the query string", "query parameter"},
    Part{"pathParameters", "the path parameters", "path parameter"},
    Part{"headers", "the request headers", "header"},
    Part{"multiValueHeaders", "the request headers", "header"},
    Part{"cookies", "the cookies", "'s"},
    Part{"rawPath", "the request path", "'s"},
    Part{"path", "the request path", "'s"},
    Part{"rawQueryString", "the query string", "'s"},
};
constexpr std::array kS3Parts{Part{"Records[].s3.object.key", "the S3 object key", "'s"}};
constexpr std::array kSqsParts{
    Part{"Records[].body", "the message body", "'s"},
    Part{"Records[].messageAttributes", "the message attributes", "'s"},
};
constexpr std::array kSnsParts{
    Part{"Records[].Sns.Message", "the SNS message", "'s"},
    Part{"Records[].Sns.Subject", "the SNS subject", "'s"},
    Part{"Records[].Sns.MessageAttributes", "the SNS message attributes", "'s"},
};
constexpr std::array kEventBridgeParts{Part{"detail", "the event's detail", "'s"}};
constexpr std::array kDynamoDbParts{
    Part{"Records[].dynamodb.NewImage", "the stream record's new item", "'s"},
    Part{"Records[].dynamodb.OldImage", "the stream record's old item", "'s"},
    Part{"Records[].dynamodb.Keys", "the stream record's keys", "'s"},
};
constexpr std::array kKinesisParts{
    Part{"Records[].kinesis.data", "the Kinesis record's data", "'s"}};
constexpr std::array kCognitoParts{
    Part{"request.userAttributes", "the user's attributes", "'s"},
    Part{"request.clientMetadata", "the client metadata", "'s"},
    Part{"request.validationData", "the validation data", "'s"},
    Part{"userName", "the user name", "'s"},
};

std::span<const Part> PartsOf(model::TriggerKind kind) {
  using K = model::TriggerKind;
  switch (kind) {
    case K::kApi:
    case K::kHttpApi:
    case K::kFunctionUrl:
    case K::kLoadBalancer:
      return kHttpParts;
    case K::kS3:
      return kS3Parts;
    case K::kSqs:
      return kSqsParts;
    case K::kSns:
      return kSnsParts;
    case K::kEventBridge:
      return kEventBridgeParts;
    case K::kDynamoDb:
      return kDynamoDbParts;
    case K::kKinesis:
      return kKinesisParts;
    case K::kCognito:
      return kCognitoParts;
    default:
      return {};
  }
}

// Path segments: "Records[].s3" is {"Records[]", "s3"}.
std::vector<std::string_view> Segments(std::string_view path) {
  if (path.empty()) return {};
  return util::Split(path, '.');
}

bool SameSegment(std::string_view a, std::string_view b) {
  // A computed key ("*", "*[]") may be any field.
  return a == b || a.starts_with('*') || b.starts_with('*');
}

// Whether the data at `path` includes `part` or lies within it; `below`
// gets the segments of `path` past the part.
bool Holds(std::string_view path, std::string_view part, std::vector<std::string_view>* below) {
  std::vector<std::string_view> p = Segments(path);
  std::vector<std::string_view> q = Segments(part);
  size_t n = std::min(p.size(), q.size());
  for (size_t i = 0; i < n; ++i) {
    if (!SameSegment(p[i], q[i])) return false;
  }
  below->assign(p.begin() + static_cast<ptrdiff_t>(n), p.end());
  return true;
}

std::string Describe(const Part& part, std::string_view path,
                     const std::vector<std::string_view>& below) {
  if (Segments(path).size() < Segments(part.path).size()) {
    if (path.empty()) return "the whole event";
    return "`event." + std::string(path) + "`, which holds " + std::string(part.name);
  }
  if (below.empty()) return std::string(part.name);
  std::string field;
  for (std::string_view s : below) field += (field.empty() ? "" : ".") + std::string(s);
  if (part.field_of == "'s") return std::string(part.name) + "'s `" + field + "`";
  return "the " + std::string(part.field_of) + " `" + field + "`";
}

std::string Named(const model::Model& m, const model::Trigger& t, std::string_view what) {
  std::string name;
  if (const model::Resource* r = m.FindResource(t.source_id)) {
    name = model::ShownName(*r);
  } else if (t.source.known()) {
    name = t.source.value;
  } else {
    name = t.name;
  }
  return std::string(what) + (name.empty() ? "" : " " + name);
}

std::string TriggerText(const model::Model& m, const model::Trigger& t) {
  using K = model::TriggerKind;
  switch (t.kind) {
    case K::kS3:
      return Named(m, t, "the S3 bucket");
    case K::kSqs:
      return Named(m, t, "the queue");
    case K::kSns:
      return Named(m, t, "the topic");
    case K::kDynamoDb:
    case K::kKinesis:
      return Named(m, t, "the stream");
    case K::kEventBridge:
      return "the EventBridge rule " + t.name;
    case K::kCognito:
      return "the Cognito trigger " + t.name;
    case K::kLoadBalancer:
      return Named(m, t, "the load balancer's target group");
    default:
      return t.name;
  }
}

SourceExposure RouteExposure(const FunctionFacts& ff, const model::Route& route) {
  if (route.authorization_type.Is("AWS_IAM")) return SourceExposure::kInternal;
  if (route.authorization_type.Is("NONE")) {
    return ff.internet_facing ? SourceExposure::kAnonymous : SourceExposure::kInternal;
  }
  return SourceExposure::kAuthenticated;
}

// Who can send a load balancer's requests: anyone, through an
// internet-facing balancer whose listeners do not sign users in; only the
// VPC's clients through an internal one; otherwise, or when the balancer is
// not known, a caller that passed a sign-in or is judged like one.
SourceExposure LoadBalancerExposure(const model::Trigger& t) {
  if (t.internet_facing.Is(true) && !t.authenticates) return SourceExposure::kAnonymous;
  if (t.internet_facing.Is(false)) return SourceExposure::kInternal;
  return SourceExposure::kAuthenticated;
}

bool IsHttp(model::TriggerKind kind) {
  return kind == model::TriggerKind::kApi || kind == model::TriggerKind::kHttpApi ||
         kind == model::TriggerKind::kFunctionUrl || kind == model::TriggerKind::kLoadBalancer;
}

void Consider(std::optional<EventSource>* best, EventSource candidate) {
  if (!*best || candidate.exposure < (*best)->exposure) *best = std::move(candidate);
}

}  // namespace

std::optional<EventSource> ControlledSource(const Facts& facts, const model::Function& fn,
                                            std::string_view path) {
  const FunctionFacts* ff = facts.ForFunction(fn.id);
  if (ff == nullptr) return std::nullopt;
  std::optional<EventSource> best;
  std::vector<std::string_view> below;
  auto http_part = [&]() -> std::optional<std::string> {
    for (const Part& part : kHttpParts) {
      if (Holds(path, part.path, &below)) return Describe(part, path, below);
    }
    return std::nullopt;
  };
  // The code does not say which route a flow serves: the function's most
  // exposed routes are named, the first and how many others.
  std::optional<std::string> request_part = ff->exposures.empty() ? std::nullopt : http_part();
  std::vector<EventSource> routes;
  for (const Exposure& e : ff->exposures) {
    if (!request_part) break;
    if (e.route != nullptr) {
      std::string method = e.route->method.known() ? e.route->method.value : "ANY";
      std::string route_path = e.route->path.known() ? e.route->path.value : "a route";
      routes.push_back({method + " " + route_path, *request_part, RouteExposure(*ff, *e.route)});
    } else if (e.url != nullptr) {
      bool open = e.url->auth_type.Is("NONE") && ff->internet_facing;
      routes.push_back({"its function URL", *request_part,
                        open ? SourceExposure::kAnonymous : SourceExposure::kInternal});
    }
  }
  if (!routes.empty()) {
    auto most = std::min_element(routes.begin(), routes.end(), [](const auto& a, const auto& b) {
      return a.exposure < b.exposure;
    });
    size_t others = std::count_if(routes.begin(), routes.end(), [&](const EventSource& s) {
      return s.exposure == most->exposure && s.trigger != most->trigger;
    });
    EventSource named = *most;
    if (others > 0) {
      named.trigger +=
          " and " + std::to_string(others) + (others == 1 ? " other route" : " other routes");
    }
    Consider(&best, std::move(named));
  }
  for (const model::Trigger* t : ff->triggers) {
    bool balancer = t->kind == model::TriggerKind::kLoadBalancer;
    bool http = IsHttp(t->kind);
    if (http && !balancer && !ff->exposures.empty()) continue;  // judged by its route above
    for (const Part& part : PartsOf(t->kind)) {
      if (!Holds(path, part.path, &below)) continue;
      SourceExposure exposure = balancer ? LoadBalancerExposure(*t)
                                : http || t->kind == model::TriggerKind::kCognito
                                    ? SourceExposure::kAuthenticated
                                    : SourceExposure::kInternal;
      Consider(&best, {TriggerText(facts.model(), *t), Describe(part, path, below), exposure});
      break;
    }
  }
  return best;
}

bool ServesHttp(const Facts& facts, const model::Function& fn) {
  const FunctionFacts* ff = facts.ForFunction(fn.id);
  if (ff == nullptr) return false;
  if (!ff->exposures.empty()) return true;
  for (const model::Trigger* t : ff->triggers) {
    if (IsHttp(t->kind)) return true;
  }
  return false;
}

}  // namespace fnwarden::analysis
