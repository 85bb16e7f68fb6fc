#include "analysis/facts.h"

#include "analysis/iam/effective.h"

#include "util/strings.h"

namespace fnwarden::analysis {
namespace {

// "/aws/lambda/<name>" for a function whose physical name is known.
std::string ImpliedLogGroupName(const model::Function& fn) {
  if (!fn.function_name.known()) return "";
  return "/aws/lambda/" + fn.function_name.value;
}

const model::LogGroup* FindLogGroupOf(const model::Model& m, const model::Function& fn) {
  // An explicit LoggingConfig.LogGroup wins over the implied name.
  if (!fn.log_group.absent()) {
    for (const auto& g : m.log_groups) {
      for (const auto& ref : fn.log_group.refs) {
        if (ref == g.id) return &g;
      }
      if (fn.log_group.known() && g.log_group_name.Is(fn.log_group.value)) return &g;
    }
    return nullptr;
  }
  std::string implied = ImpliedLogGroupName(fn);
  for (const auto& g : m.log_groups) {
    // LogGroupName: !Sub /aws/lambda/${Fn} refers to the function by id.
    if (!g.log_group_name.known()) {
      for (const auto& ref : g.log_group_name.refs) {
        if (ref == fn.id) return &g;
      }
      continue;
    }
    if (!implied.empty() && g.log_group_name.value == implied) return &g;
  }
  return nullptr;
}

}  // namespace

Facts::Facts(const model::Model& model) : model_(model) {
  functions_.reserve(model.functions.size());
  for (const auto& fn : model.functions) {
    FunctionFacts f;
    f.function = &fn;
    if (!fn.role_id.empty()) f.role = model.FindRole(fn.role_id);
    if (f.role) {
      for (const auto& policy : f.role->policies) {
        for (const auto& s : policy.statements) f.statements.push_back({&policy, &s});
      }
    }
    for (const auto& t : model.triggers) {
      if (t.function_id == fn.id) f.triggers.push_back(&t);
    }
    for (const auto& api : model.apis) {
      for (const auto& route : api.routes) {
        if (route.function_id == fn.id) f.exposures.push_back({&api, &route, nullptr});
      }
    }
    for (const auto& url : model.function_urls) {
      if (url.function_id == fn.id) f.exposures.push_back({nullptr, nullptr, &url});
    }
    for (const auto& p : model.permissions) {
      if (p.function_id == fn.id) f.permissions.push_back(&p);
    }
    f.log_group = FindLogGroupOf(model, fn);
    f.internet_facing = !f.exposures.empty();
    by_id_[fn.id] = functions_.size();
    functions_.push_back(std::move(f));
  }
}

Facts::~Facts() = default;

const iam::ModelPermissions& Facts::Permissions() const {
  std::call_once(permissions_once_,
                 [this] { permissions_ = std::make_unique<iam::ModelPermissions>(*this); });
  return *permissions_;
}

const iam::Resolver& Facts::IamResolver() const {
  std::call_once(resolver_once_, [this] { resolver_ = std::make_unique<iam::Resolver>(model_); });
  return *resolver_;
}

const FunctionFacts* Facts::ForFunction(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &functions_[it->second];
}

bool ActionMatches(std::string_view pattern, std::string_view action) {
  return util::WildcardMatch(pattern, action, /*ignore_case=*/true);
}

bool IsPublicPrincipal(const model::Principal& p) {
  return (p.kind == "*" || p.kind == "AWS") && p.id.Is("*");
}

bool HasConditionKey(const model::Statement& s, std::initializer_list<std::string_view> keys) {
  for (const auto& c : s.conditions) {
    for (std::string_view k : keys) {
      if (util::EqualsIgnoreCase(c.key, k)) return true;
    }
  }
  return false;
}

}  // namespace fnwarden::analysis
