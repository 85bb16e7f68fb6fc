#include "analysis/policy_query.h"

#include <algorithm>
#include <cstdint>

#include "util/strings.h"

namespace fnwarden::analysis {

bool IsServicePrincipal(std::string_view principal) {
  std::string p = util::ToLower(principal);
  std::string_view v = p;
  for (std::string_view suffix : {".amazonaws.com", ".amazonaws.com.cn"}) {
    if (v.size() > suffix.size() && v.ends_with(suffix)) return true;
  }
  return false;
}

std::string StatementAttribute(std::string_view prefix, const model::PolicyDocument& doc,
                               const model::Statement& s) {
  size_t index = 0;
  for (size_t i = 0; i < doc.statements.size(); ++i) {
    if (&doc.statements[i] == &s) index = i;
  }
  return std::string(prefix) + ".statement[" + std::to_string(index) + "]";
}

std::string StatementAttribute(const AppliedStatement& applied) {
  if (applied.policy == nullptr) return "role.policies";
  return StatementAttribute("role.policies." + applied.policy->name, *applied.policy,
                            *applied.statement);
}

std::string PolicyLabel(const AppliedStatement& applied) {
  if (applied.policy == nullptr || applied.policy->name.empty()) return "an inline policy";
  return applied.policy->name;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string RoleLabel(const model::Role& role) {
  // Uses of one kind together: "functions A and B".
  std::vector<std::pair<model::RoleUseKind, std::vector<std::string>>> by_kind;
  for (const model::RoleUse& use : role.used_by) {
    if (use.resource_id.empty()) continue;
    auto it = std::find_if(by_kind.begin(), by_kind.end(),
                           [&](const auto& k) { return k.first == use.kind; });
    if (it == by_kind.end()) it = by_kind.insert(by_kind.end(), {use.kind, {}});
    it->second.push_back(use.resource_id);
  }
  std::vector<std::string> parts;
  for (const auto& [kind, ids] : by_kind) {
    std::string name = model::RoleUseKindName(kind);
    if (ids.size() > 1) name += name.ends_with('s') ? "es" : "s";
    parts.push_back(name + " " + JoinNames(ids));
  }
  std::string out = "role " + role.id;
  if (!parts.empty()) out += " (of " + JoinNames(parts) + ")";
  return out;
}

namespace {

// ActionSummary of the known entries among `actions`: the first three of
// `shown` (default: all of them) by name, the others counted.
std::string SummarizeActions(const std::vector<const model::String*>& actions, bool not_action,
                             size_t shown = SIZE_MAX) {
  std::vector<std::string> names;
  size_t known = 0;
  for (const model::String* a : actions) {
    if (!a->known()) continue;
    if (known < shown && names.size() < 3) names.push_back(a->value);
    ++known;
  }
  if (known == 0) return "its actions";
  if (known > names.size()) names.push_back(std::to_string(known - names.size()) + " more");
  std::string list = JoinNames(names);
  return not_action ? "every action but " + list : list;
}

}  // namespace

std::string ActionSummary(const model::Statement& s) {
  std::vector<const model::String*> actions;
  for (const model::String& a : s.actions) actions.push_back(&a);
  return SummarizeActions(actions, s.not_action);
}

std::string ActionSummary(const model::Statement& s, const std::vector<std::string>& services) {
  if (s.not_action) return ActionSummary(s);
  auto names_service = [&](const model::String* a) {
    if (!a->known()) return false;
    std::string_view pattern = a->value;
    pattern = pattern.substr(0, pattern.find(':'));
    return std::any_of(services.begin(), services.end(), [&](const std::string& service) {
      return util::WildcardMatch(pattern, service, /*ignore_case=*/true);
    });
  };
  std::vector<const model::String*> actions;
  for (const model::String& a : s.actions) actions.push_back(&a);
  auto others = std::stable_partition(actions.begin(), actions.end(), names_service);
  size_t named = static_cast<size_t>(others - actions.begin());
  return SummarizeActions(actions, false, named == 0 ? SIZE_MAX : named);
}

std::string RouteLabel(const model::Route& route) {
  std::string method = route.method.known() ? route.method.value : "?";
  std::string path = route.path.known() ? route.path.value : "?";
  return method + " " + path;
}

bool IsOneOf(const model::String& v, std::initializer_list<std::string_view> options) {
  if (!v.known()) return false;
  for (std::string_view o : options) {
    if (util::EqualsIgnoreCase(v.value, o)) return true;
  }
  return false;
}

}  // namespace fnwarden::analysis
