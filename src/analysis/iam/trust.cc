#include "analysis/iam/trust.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <string_view>

#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

// Services whose documentation recommends aws:SourceArn or
// aws:SourceAccount in the trust policies of the roles they assume.
constexpr std::array<std::string_view, 10> kPinnedServices = {
    "states.amazonaws.com",     "scheduler.amazonaws.com", "pipes.amazonaws.com",
    "apigateway.amazonaws.com", "appsync.amazonaws.com",   "sagemaker.amazonaws.com",
    "datasync.amazonaws.com",   "transfer.amazonaws.com",  "firehose.amazonaws.com",
    "events.amazonaws.com",
};

bool OneOf(std::string_view value, std::span<const std::string_view> options) {
  return std::any_of(options.begin(), options.end(),
                     [&](std::string_view o) { return util::EqualsIgnoreCase(o, value); });
}

// "states.us-east-1.amazonaws.com" (a service's regional principal, which
// Step Functions roles of older tools use) names "states.amazonaws.com".
std::string GlobalServiceName(std::string_view service) {
  constexpr std::string_view kSuffix = ".amazonaws.com";
  if (!service.ends_with(kSuffix)) return std::string(service);
  std::string_view head = service.substr(0, service.size() - kSuffix.size());
  size_t dot = head.find('.');
  if (dot == std::string_view::npos) return std::string(service);
  std::string_view region = head.substr(dot + 1);
  bool regional = region.find('-') != std::string_view::npos &&
                  std::isdigit(static_cast<unsigned char>(region.back())) &&
                  region.find('.') == std::string_view::npos;
  return regional ? std::string(head.substr(0, dot)) + std::string(kSuffix) : std::string(service);
}

bool IsLambdaService(std::string_view service) {
  static constexpr std::array<std::string_view, 2> kLambda = {"lambda.amazonaws.com",
                                                              "edgelambda.amazonaws.com"};
  return OneOf(service, kLambda);
}

bool Through(const Result& r, size_t index) {
  return std::any_of(r.statements.begin(), r.statements.end(),
                     [&](const StatementRef& ref) { return ref.index == index; });
}

// Allowed through statement `index`, or allowed there under a condition the
// scan cannot decide (the caller is named; the condition narrows when).
bool Possible(const Result& r, size_t index) {
  if (r.decision == Decision::kAllowed) return Through(r, index);
  if (r.decision != Decision::kConditional) return false;
  bool only_allows = std::all_of(
      r.statements.begin(), r.statements.end(),
      [](const StatementRef& s) { return s.statement().effect == CompiledStatement::kAllow; });
  return only_allows && Through(r, index);
}

class TrustQuery {
 public:
  TrustQuery(const CompiledPolicy& policy, std::string arn)
      : policy_(policy), arn_(std::move(arn)) {}

  Result Ask(const RequestPrincipal& caller, std::string_view action) const {
    return ResourcePolicyAllows(policy_, ResourcePolicyMode::kExplicitAllowRequired, caller, action,
                                arn_);
  }
  Result AskService(std::string_view service) const {
    RequestPrincipal caller;
    caller.service = service;
    return Ask(caller, "sts:AssumeRole");
  }
  Result AskAws(std::string_view arn) const {
    RequestPrincipal caller;
    caller.arn = arn;
    return Ask(caller, "sts:AssumeRole");
  }
  // Web identity, then SAML.
  Result AskFederated(std::string_view provider, bool web_identity_only) const {
    RequestPrincipal caller;
    caller.federated = provider;
    Result r = Ask(caller, "sts:AssumeRoleWithWebIdentity");
    if (r.decision == Decision::kAllowed || web_identity_only) return r;
    Result saml = Ask(caller, "sts:AssumeRoleWithSAML");
    return saml.decision == Decision::kImplicitlyDenied ? r : saml;
  }

 private:
  const CompiledPolicy& policy_;
  std::string arn_;
};

const std::string& AnyoneArn() {
  static const std::string arn = "arn:aws:iam::" + std::string(kForeignAccount) + ":role/anyone";
  return arn;
}

// The ARN that stands for an AWS principal of a trust policy: an account
// ("111122223333" or its root) is any role of it.
std::string AwsCallerArn(const std::string& id) {
  std::string arn = id;
  bool account = id.size() == 12 &&
                 std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (account) arn = "arn:aws:iam::" + id + ":root";
  ArnParts parts = SplitArn(arn);
  if (parts.valid && parts.part[5] == "root") {
    arn = "arn:aws:iam::" + std::string(parts.part[4]) + ":role/fnwarden-any";
  }
  return arn;
}

// The callers other than Lambda that statement `index` lets in.
std::vector<std::string> BeyondLambda(const TrustQuery& q, const model::Statement& s,
                                      size_t index) {
  std::vector<std::string> who;
  if (s.not_principal) {
    if (Possible(q.AskAws(AnyoneArn()), index)) {
      who.push_back("every principal not listed in NotPrincipal");
    }
    return who;
  }
  for (const model::Principal& p : s.principals) {
    if (!p.id.known()) continue;
    const std::string& id = p.id.value;
    if (p.kind == "Service") {
      if (!IsLambdaService(id) && Possible(q.AskService(id), index)) who.push_back(id);
    } else if (p.kind == "Federated") {
      if (Possible(q.AskFederated(id, false), index)) {
        who.push_back("federated identities of " + id);
      }
    } else if (p.kind == "*" || (p.kind == "AWS" && id == "*")) {
      if (Possible(q.AskAws(AnyoneArn()), index)) who.push_back("everyone (\"*\")");
    } else if (p.kind == "AWS") {
      if (Possible(q.AskAws(AwsCallerArn(id)), index)) who.push_back("AWS principal " + id);
    }
  }
  return who;
}

}  // namespace

TrustAnalysis AnalyzeTrust(const model::Role& role, const Resolver& resolver, bool function_role) {
  TrustAnalysis out;
  if (!role.trust.known) return out;
  std::optional<model::PolicyDocument> storage;
  const model::PolicyDocument& trust = resolver.Resolve(role.trust, &storage);
  CompiledPolicy compiled = Compile(trust, PolicyKind::kTrust);
  TrustQuery q(compiled, resolver.ArnOf(role.id));
  Result lambda = q.AskService("lambda.amazonaws.com");
  out.lambda_trusted =
      lambda.decision == Decision::kAllowed || lambda.decision == Decision::kConditional;

  std::vector<std::optional<TrustGrant>> by_statement(trust.statements.size());
  auto set = [&](size_t i, TrustConcern concern, std::vector<std::string> who) {
    if (!by_statement[i] && !who.empty()) by_statement[i] = TrustGrant{i, concern, std::move(who)};
  };
  Result anyone = q.AskAws(AnyoneArn());
  if (anyone.decision == Decision::kAllowed) {
    for (const StatementRef& ref : anyone.statements) {
      set(ref.index, TrustConcern::kAnyone, {"everyone (\"*\")"});
    }
  }
  for (size_t i = 0; i < trust.statements.size(); ++i) {
    const model::Statement& s = trust.statements[i];
    if (by_statement[i] || !s.known) continue;
    // Any token of a web identity provider: no condition checks its
    // audience or subject.
    std::vector<std::string> providers;
    for (const model::Principal& p : s.principals) {
      if (p.kind != "Federated" || !p.id.known() || s.not_principal) continue;
      Result r = q.AskFederated(p.id.value, /*web_identity_only=*/true);
      if (r.decision == Decision::kAllowed && Through(r, i)) providers.push_back(p.id.value);
    }
    set(i, TrustConcern::kAnyToken, std::move(providers));
    if (by_statement[i]) continue;
    std::vector<std::string> accounts;
    for (const std::string& principal : ForeignPrincipals(s, resolver)) {
      Result r = q.AskAws(principal);
      if (r.decision != Decision::kAllowed || !Through(r, i)) continue;
      std::string account(SplitArn(principal).part[4]);
      accounts.push_back(principal.ends_with(":role/fnwarden-any") ? "account " + account
                                                                   : principal);
    }
    set(i, TrustConcern::kOtherAccount, std::move(accounts));
    if (by_statement[i]) continue;
    if (function_role) set(i, TrustConcern::kBeyondLambda, BeyondLambda(q, s, i));
    if (by_statement[i]) continue;
    std::vector<std::string> services;
    for (const model::Principal& p : s.principals) {
      if (p.kind != "Service" || !p.id.known() ||
          !OneOf(GlobalServiceName(p.id.value), kPinnedServices)) {
        continue;
      }
      Result r = q.AskService(p.id.value);
      // Named by its global principal: a regional one's region may be the
      // deployment's, which fnwarden assumes.
      if (r.decision == Decision::kAllowed && Through(r, i)) {
        services.push_back(GlobalServiceName(p.id.value));
      }
    }
    set(i, TrustConcern::kServiceWithoutSource, std::move(services));
  }
  for (auto& g : by_statement) {
    if (g) out.grants.push_back(std::move(*g));
  }
  return out;
}

std::vector<std::string> SoleTrustedServices(const model::Role& role, const Resolver& resolver) {
  if (!role.trust.known) return {};
  std::optional<model::PolicyDocument> storage;
  const model::PolicyDocument& trust = resolver.Resolve(role.trust, &storage);
  CompiledPolicy compiled = Compile(trust, PolicyKind::kTrust);
  TrustQuery q(compiled, resolver.ArnOf(role.id));
  Result anyone = q.AskAws(AnyoneArn());
  if (anyone.decision == Decision::kAllowed || anyone.decision == Decision::kConditional) return {};
  std::vector<std::string> services;
  for (size_t i = 0; i < trust.statements.size(); ++i) {
    const model::Statement& s = trust.statements[i];
    if (!s.known || !s.effect.known()) return {};
    if (!s.effect.Is(model::Effect::kAllow)) continue;
    if (s.not_principal) return {};
    for (const model::Principal& p : s.principals) {
      if (!p.id.known()) return {};
      const std::string& id = p.id.value;
      if (p.kind == "Service") {
        if (!Possible(q.AskService(id), i)) continue;
        std::string service = util::ToLower(id);
        if (std::find(services.begin(), services.end(), service) == services.end()) {
          services.push_back(std::move(service));
        }
      } else if (p.kind == "Federated") {
        if (Possible(q.AskFederated(id, false), i)) return {};
      } else if (p.kind == "AWS") {
        if (Possible(q.AskAws(id == "*" ? AnyoneArn() : AwsCallerArn(id)), i)) return {};
      } else {
        return {};  // "*", CanonicalUser: anyone, or no one fnwarden can ask about
      }
    }
  }
  return services;
}

}  // namespace fnwarden::analysis::iam
