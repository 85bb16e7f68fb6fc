// Which resources of the model a principal's policies may name, so that a
// rule asks the IAM engine about those only, not about every resource of
// the model for every principal (which grows with the square of the model).
//
// The answer is a superset: a candidate is a resource that an Allow
// statement refers to (!GetAtt Table.Arn, !Sub ...${Fn}), or whose ARN
// starts with the literal part of a resource pattern ("arn:aws:lambda:
// us-east-1:123456789012:function:orders-*"). Whether the principal may act
// on it is the engine's answer (PrincipalPermissions::Can).
//
// Thread-safety: immutable after construction.
#ifndef FNWARDEN_ANALYSIS_IAM_NAMED_H_
#define FNWARDEN_ANALYSIS_IAM_NAMED_H_

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/iam/effective.h"

namespace fnwarden::analysis::iam {

class NamedResources {
 public:
  // `arns`: each resource's logical ID and ARN (as Resolver::ArnOf gives it).
  // `resolver` (optional) resolves resource entries the deployment decides
  // ("arn:aws:lambda:${region}:${account}:function:orders") the way the
  // engine does, so that they name candidates too.
  explicit NamedResources(std::vector<std::pair<std::string, std::string>> arns,
                          const Resolver* resolver = nullptr);

  // The logical IDs, in the order given, that an Allow statement of `p`
  // whose Action entries may cover one of `actions` may name. Statements
  // with NotAction, or an unresolved action or statement, may cover any.
  std::vector<std::string> Candidates(const PrincipalPermissions& p,
                                      std::span<const std::string_view> actions) const;

 private:
  using Index = std::vector<std::pair<std::string, size_t>>;  // sorted; indices into by_id_
  std::vector<std::pair<std::string, std::string>> by_id_;    // given order
  Index by_arn_, by_name_;
  const Resolver* resolver_;
};

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_NAMED_H_
