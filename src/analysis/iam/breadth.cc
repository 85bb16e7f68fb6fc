#include "analysis/iam/breadth.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

bool SameRefs(const std::vector<StatementRef>& a, const std::vector<StatementRef>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const StatementRef& x, const StatementRef& y) {
                      return x.policy == y.policy && x.index == y.index;
                    });
}

bool Contains(const std::vector<AppliedStatement>& list, const model::Statement* s) {
  return std::any_of(list.begin(), list.end(),
                     [&](const AppliedStatement& a) { return a.statement == s; });
}

void AddOnce(std::vector<AppliedStatement>* list, const AppliedStatement& a) {
  if (!Contains(*list, a.statement)) list->push_back(a);
}

// A group of Group's, as the indices of its grants.
struct GrantIndices {
  AppliedStatement origin;
  std::vector<uint32_t> grants;
};

// `grants` grouped by their first origin statement for which `skip` is
// false; grants whose origins are all skipped are left out.
template <class Skip>
std::vector<GrantIndices> GroupIndices(const PrincipalPermissions& p,
                                       const std::vector<ActionGrant>& grants, const Skip& skip) {
  std::vector<GrantIndices> out;
  // Where the previous grant went (out.size() when left out): neighbouring
  // grants mostly rest on the same statements, and a grant's group depends
  // on nothing else.
  const std::vector<StatementRef>* previous = nullptr;
  size_t previous_group = 0;
  for (uint32_t i = 0; i < grants.size(); ++i) {
    const ActionGrant& g = grants[i];
    if (previous == nullptr || !SameRefs(*previous, g.result->statements)) {
      previous = &g.result->statements;
      previous_group = out.size();
      std::vector<AppliedStatement> origins = p.Origins(*g.result);
      auto origin = std::find_if(origins.begin(), origins.end(),
                                 [&](const AppliedStatement& a) { return !skip(a); });
      if (origin == origins.end()) continue;
      auto it = std::find_if(out.begin(), out.end(), [&](const GrantIndices& gi) {
        return gi.origin.statement == origin->statement;
      });
      if (it == out.end()) {
        out.push_back({*origin, {}});
        it = out.end() - 1;
      }
      previous_group = static_cast<size_t>(it - out.begin());
    } else if (previous_group == out.size()) {
      continue;
    }
    out[previous_group].grants.push_back(i);
  }
  return out;
}

StatementGrants Named(const std::vector<ActionGrant>& grants, const GrantIndices& group) {
  StatementGrants out{group.origin, {}};
  out.actions.reserve(group.grants.size());
  for (uint32_t i : group.grants) out.actions.emplace_back(grants[i].action.name);
  return out;
}

// GroupIndices with the actions named.
template <class Skip>
std::vector<StatementGrants> Group(const PrincipalPermissions& p,
                                   const std::vector<ActionGrant>& grants, const Skip& skip) {
  std::vector<StatementGrants> out;
  for (const GrantIndices& group : GroupIndices(p, grants, skip)) {
    out.push_back(Named(grants, group));
  }
  return out;
}

// The distinct origin lists of `grants` (neighbours mostly share one), with
// how many grants rest on each.
std::vector<std::pair<std::vector<AppliedStatement>, size_t>> OriginSets(
    const PrincipalPermissions& p, std::span<const ActionGrant> grants) {
  std::vector<std::pair<std::vector<AppliedStatement>, size_t>> out;
  const std::vector<StatementRef>* previous = nullptr;
  for (const ActionGrant& g : grants) {
    if (previous != nullptr && SameRefs(*previous, g.result->statements)) {
      ++out.back().second;
      continue;
    }
    previous = &g.result->statements;
    out.emplace_back(p.Origins(*g.result), 1);
  }
  return out;
}

// A fewest set of statements (greedily: the one most grants rest on first)
// such that every grant rests on one of them.
std::vector<AppliedStatement> Cover(const PrincipalPermissions& p,
                                    const std::vector<ActionGrant>& grants) {
  auto sets = OriginSets(p, grants);
  std::vector<bool> covered(sets.size(), false);
  std::vector<AppliedStatement> out;
  while (true) {
    std::map<const model::Statement*, std::pair<AppliedStatement, size_t>> weight;
    for (size_t i = 0; i < sets.size(); ++i) {
      if (covered[i]) continue;
      for (const AppliedStatement& a : sets[i].first) {
        auto& w = weight.try_emplace(a.statement, a, 0).first->second;
        w.second += sets[i].second;
      }
    }
    if (weight.empty()) break;
    // The heaviest statement; the first in policy order among equals.
    const AppliedStatement* best = nullptr;
    size_t best_weight = 0;
    for (const auto& set : sets) {
      for (const AppliedStatement& a : set.first) {
        auto it = weight.find(a.statement);
        if (it != weight.end() && it->second.second > best_weight) {
          best = &it->second.first;
          best_weight = it->second.second;
        }
      }
    }
    out.push_back(*best);
    for (size_t i = 0; i < sets.size(); ++i) {
      covered[i] = covered[i] || Contains(sets[i].first, out.back().statement);
    }
  }
  return out;
}

// How many services the actions of `group` belong to.
size_t ServiceCount(const std::vector<ActionGrant>& grants, const GrantIndices& group) {
  size_t count = 0;
  std::string_view last;
  std::vector<std::string_view> seen;
  for (uint32_t i : group.grants) {
    std::string_view name = grants[i].action.name;
    std::string_view service = name.substr(0, name.find(':'));
    if (service == last) continue;
    last = service;
    if (std::find(seen.begin(), seen.end(), service) == seen.end()) {
      seen.push_back(service);
      ++count;
    }
  }
  return count;
}

bool IsLambdaExecutionPolicy(const model::PolicyDocument& doc) {
  static constexpr std::string_view kNames[] = {
      "AWSLambdaBasicExecutionRole",    "AWSLambdaVPCAccessExecutionRole",
      "AWSLambdaSQSQueueExecutionRole", "AWSLambdaDynamoDBExecutionRole",
      "AWSLambdaKinesisExecutionRole",  "AWSLambdaMSKExecutionRole",
      "AWSLambdaENIManagementAccess",   "AWSXRayDaemonWriteAccess",
      "AWSXrayWriteOnlyAccess",
  };
  if (doc.source != model::PolicySource::kManaged) return false;
  return std::find(std::begin(kNames), std::end(kNames), doc.name) != std::end(kNames);
}

// The actions AWS documents for Lambda's own use: the network interfaces of
// a VPC function (AWSLambdaVPCAccessExecutionRole) and of an MQ, Kafka or
// DocumentDB event source in a VPC (the policies SAM writes for them), its
// logs and its traces. Lower case.
constexpr std::string_view kLambdaServiceActions[] = {
    "ec2:createnetworkinterface",
    "ec2:deletenetworkinterface",
    "ec2:describenetworkinterfaces",
    "ec2:describesecuritygroups",
    "ec2:describesubnets",
    "ec2:describevpcs",
    "ec2:assignprivateipaddresses",
    "ec2:unassignprivateipaddresses",
    "logs:createloggroup",
    "logs:createlogstream",
    "logs:putlogevents",
    "xray:puttracesegments",
    "xray:puttelemetryrecords",
};

bool IsLambdaServiceStatement(const model::Statement& s) {
  if (!s.known || s.not_action || s.actions.empty() || !s.effect.Is(model::Effect::kAllow)) {
    return false;
  }
  return std::all_of(s.actions.begin(), s.actions.end(), [](const model::String& a) {
    if (!a.known()) return false;
    std::string lowered = util::ToLower(a.value);
    return std::find(std::begin(kLambdaServiceActions), std::end(kLambdaServiceActions), lowered) !=
           std::end(kLambdaServiceActions);
  });
}

}  // namespace

bool Breadth::IsAdmin(const model::Statement* s) const { return Contains(admin, s); }

bool Breadth::IsNearAdmin(const model::Statement* s) const {
  return std::any_of(near_admin.begin(), near_admin.end(),
                     [&](const StatementGrants& sg) { return sg.origin.statement == s; });
}

bool Breadth::CoversService(std::string_view service) const {
  return full_admin || std::any_of(services.begin(), services.end(),
                                   [&](const ServiceCover& c) { return c.service == service; });
}

Breadth ComputeBreadth(const PrincipalPermissions& p) {
  Breadth b;
  const Catalog& catalog = Catalog::Get();
  const std::vector<ActionGrant>& grants = p.AllowedOnAny();
  if (!catalog.loaded() || grants.empty()) return b;
  if (grants.size() == catalog.action_count()) {
    b.full_admin = true;
    b.admin = Cover(p, grants);
    return b;
  }
  auto by_design = [&](const AppliedStatement& a) { return IsServiceDesignGrant(p, a); };
  // Counted before the actions are named: most groups are small.
  for (const GrantIndices& group : GroupIndices(p, grants, by_design)) {
    if (group.grants.size() >= kNearAdminActions &&
        ServiceCount(grants, group) >= kNearAdminServices) {
      b.near_admin.push_back(Named(grants, group));
    }
  }
  // Grants come in catalog order, service by service.
  for (auto first = grants.begin(); first != grants.end();) {
    std::string_view service = first->action.service;
    auto last = std::find_if(first, grants.end(),
                             [&](const ActionGrant& g) { return g.action.service != service; });
    size_t allowed = static_cast<size_t>(std::distance(first, last));
    std::string pattern = std::string(service) + ":*";
    if (allowed == catalog.ExpandIds(pattern).size()) {
      ServiceCover cover{service, {}};
      bool reported_elsewhere = true;
      for (const auto& [origins, count] : OriginSets(p, std::span<const ActionGrant>(first, last))) {
        for (const AppliedStatement& a : origins) {
          AddOnce(&cover.statements, a);
          reported_elsewhere = reported_elsewhere && (by_design(a) || b.IsNearAdmin(a.statement));
        }
      }
      if (!reported_elsewhere) b.services.push_back(std::move(cover));
    }
    first = last;
  }
  return b;
}

bool IsLambdaServiceGrant(const AppliedStatement& a) {
  return (a.policy != nullptr && IsLambdaExecutionPolicy(*a.policy)) ||
         (a.statement != nullptr && IsLambdaServiceStatement(*a.statement));
}

bool IsServiceDesignGrant(const PrincipalPermissions& p, const AppliedStatement& a) {
  return IsLambdaServiceGrant(a) || p.IsServiceDesigned(a.policy);
}

std::vector<StatementGrants> ByStatement(const PrincipalPermissions& p,
                                         const std::vector<ActionGrant>& grants) {
  const Breadth& breadth = p.breadth();
  return Group(p, grants, [&](const AppliedStatement& a) {
    return breadth.IsAdmin(a.statement) || IsServiceDesignGrant(p, a);
  });
}

std::vector<StatementGrants> ByStatementNotCovered(const PrincipalPermissions& p,
                                                   std::vector<ActionGrant> grants) {
  const Breadth& breadth = p.breadth();
  std::erase_if(grants,
                [&](const ActionGrant& g) { return breadth.CoversService(g.action.service); });
  std::vector<StatementGrants> out = ByStatement(p, grants);
  std::erase_if(
      out, [&](const StatementGrants& sg) { return breadth.IsNearAdmin(sg.origin.statement); });
  return out;
}

}  // namespace fnwarden::analysis::iam
