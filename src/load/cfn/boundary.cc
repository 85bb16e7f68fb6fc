#include "load/cfn/boundary.h"

#include <optional>
#include <string>

#include "load/cfn/managed_policies.h"

namespace fnwarden::load::cfn {

std::optional<model::PolicyDocument> ManagedBoundary(const model::String& boundary) {
  // A boundary is always an ARN (a bare policy name is rejected by IAM), and
  // a value that may take another branch is not this policy.
  if (boundary.absent() || !boundary.alternatives.empty() || !boundary.value.starts_with("arn:")) {
    return std::nullopt;
  }
  // Unknown values keep their display form ("arn:${AWS::Partition}:iam::aws:
  // policy/X"), which the catalog accepts; an unresolved name does not match.
  std::optional<model::PolicyDocument> doc = FindManagedPolicy(boundary.value, boundary.loc);
  if (doc) doc->arn = boundary;
  return doc;
}

bool ResolveManagedBoundary(model::Role* role) {
  std::optional<model::PolicyDocument> doc = ManagedBoundary(role->permissions_boundary);
  if (!doc) return false;
  role->boundary_policy = std::move(*doc);
  role->has_boundary_policy = true;
  return true;
}

bool BoundaryNames(const model::String& boundary, std::string_view policy_id) {
  if (!boundary.unknown() || !boundary.alternatives.empty() || boundary.refs.size() != 1 ||
      boundary.refs.front() != policy_id) {
    return false;
  }
  std::string id(policy_id);
  return boundary.value == "${" + id + "}" || boundary.value == "${" + id + ".PolicyArn}";
}

}  // namespace fnwarden::load::cfn
