#include "analysis/facts.h"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

#include "analysis/iam/effective.h"
#include "analysis/iam/trust.h"
#include "analysis/reachability.h"
#include "util/strings.h"

namespace fnwarden::analysis {
namespace {

// "/aws/lambda/<name>" for a function whose physical name is known.
std::string ImpliedLogGroupName(const model::Function& fn) {
  if (!fn.function_name.known()) return "";
  return "/aws/lambda/" + fn.function_name.value;
}

// The log group of each function: an explicit LoggingConfig.LogGroup wins
// over the implied name; LogGroupName: !Sub /aws/lambda/${Fn} refers to the
// function by id. Indexed once per model.
class LogGroupIndex {
 public:
  explicit LogGroupIndex(const model::Model& m) {
    for (const auto& g : m.log_groups) {
      by_id_.emplace(g.id, &g);
      if (g.log_group_name.known()) {
        by_name_.emplace(g.log_group_name.value, &g);
      } else {
        for (const auto& ref : g.log_group_name.refs) by_ref_.emplace(ref, &g);
      }
    }
  }

  const model::LogGroup* Of(const model::Function& fn) const {
    if (!fn.log_group.absent()) {
      for (const auto& ref : fn.log_group.refs) {
        if (auto it = by_id_.find(ref); it != by_id_.end()) return it->second;
      }
      if (fn.log_group.known()) return Find(by_name_, fn.log_group.value);
      return nullptr;
    }
    if (const model::LogGroup* g = Find(by_ref_, fn.id)) return g;
    std::string implied = ImpliedLogGroupName(fn);
    return implied.empty() ? nullptr : Find(by_name_, implied);
  }

 private:
  using Index = std::multimap<std::string_view, const model::LogGroup*>;
  // The first log group of the model under `key` (map order keeps the model's).
  static const model::LogGroup* Find(const Index& index, std::string_view key) {
    auto it = index.find(key);
    return it == index.end() ? nullptr : it->second;
  }

  Index by_id_, by_name_, by_ref_;
};

}  // namespace

Facts::Facts(const model::Model& model, unsigned jobs) : model_(model), jobs_(jobs) {
  // Each list of the model is walked once, whatever its size: a template of
  // thousands of functions costs linear time.
  std::map<std::string_view, const model::Role*> roles;
  for (const auto& r : model.roles) roles.emplace(r.id, &r);
  functions_.reserve(model.functions.size());
  for (const auto& fn : model.functions) {
    FunctionFacts f;
    f.function = &fn;
    if (auto it = roles.find(fn.role_id); !fn.role_id.empty() && it != roles.end()) {
      f.role = it->second;
    }
    if (f.role) {
      for (const auto& policy : f.role->policies) {
        for (const auto& s : policy.statements) f.statements.push_back({&policy, &s});
      }
    }
    by_id_[fn.id] = functions_.size();
    functions_.push_back(std::move(f));
  }
  auto of = [&](const std::string& id) -> FunctionFacts* {
    auto it = by_id_.find(id);
    return id.empty() || it == by_id_.end() ? nullptr : &functions_[it->second];
  };
  for (const auto& t : model.triggers) {
    if (FunctionFacts* f = of(t.function_id)) f->triggers.push_back(&t);
  }
  for (const auto& api : model.apis) {
    for (const auto& route : api.routes) {
      if (FunctionFacts* f = of(route.function_id)) f->exposures.push_back({&api, &route, nullptr});
    }
  }
  for (const auto& url : model.function_urls) {
    if (FunctionFacts* f = of(url.function_id)) f->exposures.push_back({nullptr, nullptr, &url});
  }
  for (const auto& p : model.permissions) {
    if (FunctionFacts* f = of(p.function_id)) f->permissions.push_back(&p);
  }
  LogGroupIndex log_groups(model);
  for (FunctionFacts& f : functions_) f.log_group = log_groups.Of(*f.function);
  // Reachability reads the facts above (the functions and their permissions).
  bool exposed = std::any_of(functions_.begin(), functions_.end(),
                             [](const FunctionFacts& f) { return !f.exposures.empty(); });
  if (!exposed) return;
  Reachability reach(*this);
  for (FunctionFacts& f : functions_) {
    f.internet_facing = std::any_of(f.exposures.begin(), f.exposures.end(), [&](const Exposure& e) {
      return reach.Invocable(e) == Reach::kInternet;
    });
  }
}

Facts::~Facts() = default;

const iam::ModelPermissions& Facts::Permissions() const {
  permissions_once_.Call([this] { permissions_ = std::make_unique<iam::ModelPermissions>(*this); });
  return *permissions_;
}

const iam::Resolver& Facts::IamResolver() const {
  resolver_once_.Call([this] { resolver_ = std::make_unique<iam::Resolver>(model_); });
  return *resolver_;
}

const iam::TrustAnalysis& Facts::Trust(const model::Role& role) const {
  const std::vector<model::Role>& roles = model_.roles;
  trust_once_.Call([this, &roles] {
    const iam::Resolver& resolver = IamResolver();
    trust_ = std::make_unique<iam::TrustAnalysis[]>(roles.size());
    for (size_t i = 0; i < roles.size(); ++i) {
      trust_[i] = iam::AnalyzeTrust(roles[i], resolver, !roles[i].functions.empty());
    }
  });
  std::less<const model::Role*> before;
  if (roles.empty() || before(&role, roles.data()) || !before(&role, roles.data() + roles.size())) {
    throw std::invalid_argument("Facts::Trust: not a role of this model");
  }
  return trust_[static_cast<size_t>(&role - roles.data())];
}

const FunctionFacts* Facts::ForFunction(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &functions_[it->second];
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
