#include "analysis/policy_query.h"

#include <algorithm>

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

bool HasRestrictingCondition(const model::Statement& s) {
  return HasConditionKey(s, {"aws:SourceArn", "aws:SourceAccount", "aws:SourceOwner",
                             "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:PrincipalArn",
                             "aws:SourceVpce", "aws:SourceVpc", "aws:SourceIp", "aws:SourceOrgID",
                             "aws:PrincipalOrgPaths", "aws:SourceOrgPaths", "aws:userid"});
}

bool IsPublicAllow(const model::Statement& s) {
  if (!s.known || !s.effect.Is(model::Effect::kAllow) || !s.has_principal) return false;
  bool is_public = false;
  if (s.not_principal) {
    // Allow with NotPrincipal grants everyone except the listed principals.
    is_public = true;
  } else {
    for (const auto& p : s.principals) {
      if (IsPublicPrincipal(p)) is_public = true;
    }
  }
  return is_public && !HasRestrictingCondition(s);
}

std::string StatementAttribute(std::string_view prefix, const model::PolicyDocument& doc,
                               const model::Statement& s) {
  size_t index = 0;
  for (size_t i = 0; i < doc.statements.size(); ++i) {
    if (&doc.statements[i] == &s) index = i;
  }
  return std::string(prefix) + ".Statement[" + std::to_string(index) + "]";
}

std::string StatementAttribute(const AppliedStatement& applied) {
  if (applied.policy == nullptr) return "Role.Policies";
  return StatementAttribute("Role.Policies." + applied.policy->name, *applied.policy,
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

std::string ActionSummary(const model::Statement& s) {
  std::vector<std::string> actions;
  size_t known = 0;
  for (const auto& a : s.actions) {
    if (!a.known()) continue;
    ++known;
    if (actions.size() < 3) actions.push_back(a.value);
  }
  if (known == 0) return "its actions";
  if (known > actions.size()) actions.push_back(std::to_string(known - actions.size()) + " more");
  std::string list = JoinNames(actions);
  return s.not_action ? "every action but " + list : list;
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
