// How findings name a principal, who uses it, and where its permissions are
// written.
#include <string>
#include <vector>

#include "analysis/iam/effective.h"
#include "analysis/policy_query.h"
#include "model/names.h"

namespace fnwarden::analysis::iam {
namespace {

// "assumed by states.amazonaws.com for Pipeline" for one use of a role.
std::string Use(const model::RoleUse& use) {
  switch (use.kind) {
    case model::RoleUseKind::kIdentityPoolUnauthenticated:
      return "assumed by any visitor of identity pool " + use.resource_id + " (unauthenticated)";
    case model::RoleUseKind::kIdentityPoolAuthenticated:
      return "assumed by the signed-in users of identity pool " + use.resource_id;
    case model::RoleUseKind::kApiLogging:
      return "assumed by " + use.service + " to write the logs of every API of the account";
    default:
      break;
  }
  std::string out = "assumed by " + use.service;
  if (!use.resource_id.empty()) {
    out += " for " + std::string(model::RoleUseKindName(use.kind)) + " " + use.resource_id;
  }
  return out;
}

// The services a trust policy names, for a role no resource of the model
// uses: "trusted by ec2.amazonaws.com".
std::string Trusted(const model::Role& role) {
  std::vector<std::string> services;
  for (const model::Statement& s : role.trust.statements) {
    if (!s.effect.Is(model::Effect::kAllow)) continue;
    for (const model::Principal& p : s.principals) {
      if (p.kind == "Service" && p.id.known()) services.push_back(p.id.value);
    }
  }
  return services.empty() ? "" : "trusted by " + JoinNames(services);
}

}  // namespace

std::string PrincipalPermissions::FunctionNames() const {
  std::vector<std::string> names;
  for (const model::Function* f : sharing()) names.push_back(model::ShownName(*f));
  return JoinNames(names);
}

std::string PrincipalPermissions::Subject() const {
  switch (kind_) {
    case PrincipalKind::kFunction:
      return sharing().size() > 1 ? "functions " + FunctionNames()
                                  : "function " + model::ShownName(*resource_);
    case PrincipalKind::kRole: {
      const model::Role& r = *role();
      std::vector<std::string> uses;
      for (const model::RoleUse& use : r.used_by) uses.push_back(Use(use));
      std::string who = uses.empty() ? Trusted(r) : JoinNames(uses);
      return "role " + r.id + (who.empty() ? "" : ", " + who + ",");
    }
    case PrincipalKind::kUser: {
      // The name IAM knows it by, when the template gives one.
      const auto& user = static_cast<const model::User&>(*resource_);
      return "IAM user " + (user.user_name.known() ? user.user_name.value : user.id);
    }
    case PrincipalKind::kGroup:
      return "any user of IAM group " + resource_->id;
    case PrincipalKind::kPolicy: {
      const auto& policy = static_cast<const model::StandalonePolicy&>(*resource_);
      std::vector<std::string> names;
      for (const model::String& a : policy.attached_to) names.push_back(a.known() ? a.value : "?");
      return "any principal policy " + resource_->id + " is attached to" +
             (names.empty() ? "" : " (" + JoinNames(names) + ")");
    }
  }
  return resource_->id;
}

std::string PrincipalPermissions::Holder() const {
  switch (kind_) {
    case PrincipalKind::kFunction:
      if (sharing().size() > 1 && role() != nullptr) {
        return "role " + role()->id + ", which " + FunctionNames() + " share";
      }
      return "the role of " + model::ShownName(*resource_);
    case PrincipalKind::kRole:
      return "role " + resource_->id;
    case PrincipalKind::kUser:
      return "IAM user " + resource_->id;
    case PrincipalKind::kGroup:
      return "IAM group " + resource_->id;
    case PrincipalKind::kPolicy:
      return "policy " + resource_->id;
  }
  return resource_->id;
}

std::string PrincipalPermissions::Attribute(const AppliedStatement& applied) const {
  std::string attribute = StatementAttribute(applied);
  // A function's findings have always named the policies of its role.
  if (kind_ != PrincipalKind::kFunction && attribute.starts_with("role.")) attribute.erase(0, 5);
  return attribute;
}

}  // namespace fnwarden::analysis::iam
