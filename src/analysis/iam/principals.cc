// How findings name a principal and the place its permissions are written.
#include <string>

#include "analysis/iam/effective.h"
#include "analysis/policy_query.h"

namespace fnwarden::analysis::iam {

std::string PrincipalPermissions::FunctionNames() const {
  std::vector<std::string> names;
  for (const model::Function* f : sharing_) names.push_back(f->id);
  return JoinNames(names);
}

std::string PrincipalPermissions::Subject() const {
  switch (kind_) {
    case PrincipalKind::kFunction:
      return sharing_.size() > 1 ? "functions " + FunctionNames() : "function " + resource_->id;
    case PrincipalKind::kRole:
      return "role " + resource_->id;
    case PrincipalKind::kUser:
      return "IAM user " + resource_->id;
    case PrincipalKind::kGroup:
      return "any user of IAM group " + resource_->id;
    case PrincipalKind::kPolicy:
      return "any principal policy " + resource_->id + " is attached to";
  }
  return resource_->id;
}

std::string PrincipalPermissions::Holder() const {
  switch (kind_) {
    case PrincipalKind::kFunction:
      if (sharing_.size() > 1 && role() != nullptr) {
        return "role " + role()->id + ", which " + FunctionNames() + " share";
      }
      return "the role of " + resource_->id;
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
  if (kind_ != PrincipalKind::kFunction && attribute.starts_with("Role.")) attribute.erase(0, 5);
  return attribute;
}

}  // namespace fnwarden::analysis::iam
