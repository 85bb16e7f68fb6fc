// Effective permissions of each principal of the application, computed with
// the IAM engine: the union of its identity policies (inline, managed, AWS
// managed ones as the loaders resolved them from the pinned data, SAM policy
// templates and connectors), minus explicit denies, limited by its
// permissions boundary. A function is seen through its role, with the
// resource-based policy that lets others invoke it.
//
// Each principal's policies are resolved (Resolver) and compiled once. A
// query evaluates a request from the principal (a role's session):
//   Can(action, resource)  "may F call s3:GetObject on arn:aws:s3:::b/k?"
//   CanOnAny(action)       "may F call it on a resource the template does not
//                           name?": the action is requested on an arbitrary
//                           resource of each resource type it needs (or on
//                           "*" for wildcard-only actions). Allowed means the
//                           grant is not scoped to particular resources.
//   AllowedOnAny()         every catalog action allowed that way, with the
//                           statements that allow it.
// Answers are allowed, denied or conditional (evaluate.h): a condition the
// scan cannot decide, an unresolved value or an unknown permissions boundary
// make them conditional, and rules stay quiet on conditional answers.
//
// Assumptions, all on the quiet side:
//  - the stack deploys to kAssumedAccount/kAssumedRegion/kAssumedPartition;
//    ${AWS::AccountId}, ${AWS::Region}, ${AWS::Partition} and
//    ${AWS::URLSuffix} take those values;
//  - a reference to a resource of the model (!Ref Bucket, !GetAtt Table.Arn)
//    names that resource: its physical name when the template sets it, its
//    logical ID otherwise. It is never a wildcard;
//  - documents fnwarden could not read (an external managed policy ARN) are
//    left out: they may grant more, and are assumed to deny nothing.
//
// Thread-safety: a ModelPermissions is immutable after construction except
// for caches per principal: AllowedOnAny's, breadth() and each statement's
// catalog actions, each computed once under util::Once, and CanOnAny's
// answers, under a mutex; all methods may be called from several threads.
// It refers to the model and to the facts (whose resolver it uses), which
// must outlive it.
#ifndef FNWARDEN_ANALYSIS_IAM_EFFECTIVE_H_
#define FNWARDEN_ANALYSIS_IAM_EFFECTIVE_H_

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/facts.h"
#include "analysis/iam/catalog.h"
#include "analysis/iam/evaluate.h"
#include "model/model.h"

namespace fnwarden::analysis::iam {

inline constexpr std::string_view kAssumedPartition = "aws";
inline constexpr std::string_view kAssumedRegion = "us-east-1";
inline constexpr std::string_view kAssumedAccount = "123456789012";

// Turns values the loaders left unknown only because they depend on the
// deployment (pseudo parameters, references to resources of the model) into
// the values they take under the assumptions above. Other unknown values
// (parameters without a default, imports) stay unknown.
class Resolver {
 public:
  explicit Resolver(const model::Model& model);

  model::String Resolve(const model::String& v) const;
  // A copy with every Action, Resource, Principal and condition value resolved.
  model::PolicyDocument Resolve(const model::PolicyDocument& doc) const;
  // The same without the copy when nothing in `doc` depends on the
  // deployment (most documents): `doc` itself, else the copy, kept in
  // `*storage`.
  const model::PolicyDocument& Resolve(const model::PolicyDocument& doc,
                                       std::optional<model::PolicyDocument>* storage) const;

  // The ARN fnwarden assumes for a resource of the model (from its
  // deployed_arn); "" when it has none.
  std::string ArnOf(std::string_view id) const;

  // True for the stack's own account: the assumed one, or an account ID the
  // template writes in the ARN of a resource its policies act on.
  bool IsOwnAccount(std::string_view account) const;

 private:
  // A resource of the model as the assumed deployment names it.
  struct Names {
    std::string name;  // its deployed name, or its id when that is generated
    std::string arn;   // "" for a resource without one
    model::Attribute ref = model::Attribute::kName;
  };
  // The text of one piece as deployed; false when it cannot be known.
  bool Substitute(const model::Piece& piece, std::string* out) const;
  // The text of `pieces`; false when a piece cannot be known.
  bool Substitute(const std::vector<model::Piece>& pieces, std::string* out) const;
  void AddOwnAccounts(const model::PolicyDocument& doc);

  std::map<std::string, Names, std::less<>> names_;
  std::vector<std::string> own_accounts_;
};

// One action a principal may call on resources its policies do not name.
// Cheap to copy: the result is shared by every action answered alike.
struct ActionGrant {
  ActionInfo action;
  // Allowed, with the statements that allow it; owned by the
  // ModelPermissions the grant came from.
  const Result* result = nullptr;
};

struct PrincipalData;  // a principal's resolved and compiled policies (effective.cc)
struct Breadth;        // breadth.h

// Who holds a set of identity policies, as the rules report it.
enum class PrincipalKind : uint8_t {
  kFunction,  // a function, through its role (the function-centred view of a role)
  kRole,      // a role of the model that no function assumes
  kUser,      // an IAM user, with the policies of its groups
  kGroup,     // an IAM group no user of the model belongs to: any user added to it
  kPolicy,    // an identity policy attached to no principal of the model
};

// The effective permissions of one principal. Cheap to copy: it refers to
// the compiled policies that ModelPermissions owns.
class PrincipalPermissions {
 public:
  // A function; `data` is its role's, null when the role is outside the
  // model (every answer is then Conditional, with no statements).
  PrincipalPermissions(const model::Function& fn, const PrincipalData* data,
                       std::vector<const model::Permission*> inbound);
  // Any other principal; `data` is never null.
  PrincipalPermissions(PrincipalKind kind, const model::Resource& resource,
                       const PrincipalData* data);

  PrincipalKind kind() const { return kind_; }
  // What findings are reported on: the function, role, user, group or policy.
  const model::Resource& resource() const { return *resource_; }
  const model::Function* function() const { return function_; }  // kFunction only
  // kFunction: every function of the model that assumes the same role, in
  // model order (function() among them). Findings about the role's
  // statements are reported once, on the first, naming them all.
  const std::vector<const model::Function*>& sharing() const;
  // The role whose policies these are (for a function: its role in the
  // model), else null.
  const model::Role* role() const;
  // Documents that could not be read (left out of evaluation).
  bool has_unreadable_policies() const;
  // Every identity policy evaluated, in order (for a user, its own and then
  // its groups').
  std::vector<const model::PolicyDocument*> policies() const;
  // True for one of its policies that AWS publishes for the role of the
  // services that alone can assume its role (service_roles.h): what that
  // policy grants is the service's own need, as AWS designed it.
  bool IsServiceDesigned(const model::PolicyDocument* policy) const;
  // The resource-based policy statements of a function: who else may invoke it.
  const std::vector<const model::Permission*>& inbound() const { return inbound_; }

  // How a message names the principal: "function Orders", "functions
  // Orders and Cleanup" for a role they share. The other kinds name who uses
  // them (see principals.cc).
  std::string Subject() const;
  // How a fix names where its permissions are written: "the role of Orders".
  std::string Holder() const;
  // Who holds `policy`, one of policies(): "role R", "IAM user U", "IAM
  // group G" (a user's group); "" for a policy held by no principal.
  std::string OwnerOf(const model::PolicyDocument* policy) const;
  // The stable attribute path of one of its statements, for fingerprints:
  // "role.policies.<policy>.statement[<i>]" for a function.
  std::string Attribute(const AppliedStatement& applied) const;

  Result Can(std::string_view action, std::string_view resource) const;
  // The same with the request's condition keys from `context` (what the
  // request itself creates, such as iam:PassedToService).
  Result Can(std::string_view action, std::string_view resource, const Context& context) const;
  Result CanOnAny(std::string_view action) const;  // unknown actions: implicitly denied
  Result CanOnAny(const ActionInfo& action) const;
  // Catalog order; computed on first use.
  const std::vector<ActionGrant>& AllowedOnAny() const;
  // The grant of AllowedOnAny() for a catalog action; null when CanOnAny
  // does not answer Allowed for it.
  const ActionGrant* FindOnAny(uint32_t action_id) const;
  // Whether CanOnAny answers Allowed for `action`: once AllowedOnAny() is
  // computed (the IAM rules compute it for every principal), a search of
  // its list instead of an evaluation; before, CanOnAny itself.
  bool IsAllowedOnAny(std::string_view action) const;
  // How broadly it is granted (breadth.h); computed on first use.
  const Breadth& breadth() const;
  // The ARN that stands for the principal's own identity in a request (its
  // role or user); "" for a group or a policy.
  std::string_view own_arn() const;

  // The policy and statement (in the model) a result statement comes from;
  // {nullptr, nullptr} for statements of no identity policy (the boundary).
  AppliedStatement Origin(const StatementRef& ref) const;
  // The identity-policy statements of `r` in the model, each once, in order.
  std::vector<AppliedStatement> Origins(const Result& r) const;

 private:
  // CanOnAny without the cache; `applies` says how each statement covers
  // the action (Request::action_applies).
  Result ProbeOnAny(const ActionInfo& action, std::span<const Tri> applies) const;
  // CanOnAny's answer for `action`, whose cache key is `key`, as a reference
  // into the principal's cache.
  const Result& MemoOnAny(const ActionInfo& action, std::string_view key) const;
  // Can's request, before its context.
  Request RequestFor(std::string_view action, std::string_view resource) const;
  std::string FunctionNames() const;  // "A and B" for sharing()

  PrincipalKind kind_;
  const model::Resource* resource_;
  const model::Function* function_ = nullptr;
  const PrincipalData* data_;
  std::vector<const model::Permission*> inbound_;
  // One list for every view of a role (a role thousands of functions share
  // is listed once); null for the kinds other than kFunction.
  std::shared_ptr<std::vector<const model::Function*>> sharing_;

  friend class ModelPermissions;
};

// The function-centred name the first rules used.
using FunctionPermissions = PrincipalPermissions;

class ModelPermissions {
 public:
  explicit ModelPermissions(const Facts& facts);  // of facts.model()
  ~ModelPermissions();
  ModelPermissions(const ModelPermissions&) = delete;
  ModelPermissions& operator=(const ModelPermissions&) = delete;

  const Resolver& resolver() const { return resolver_; }  // the facts' IamResolver()
  // Every principal, once: the roles that functions assume, seen through the
  // first of their functions (sharing() names the others), then the other
  // kinds. What the rules report on.
  const std::vector<PrincipalPermissions>& principals() const { return principals_; }
  // One view per function, in model order (a shared role appears once per
  // function).
  const std::vector<PrincipalPermissions>& functions() const { return functions_; }
  const PrincipalPermissions* ForFunction(std::string_view id) const;

 private:
  void AddOtherPrincipals(const model::Model& m);

  const Resolver& resolver_;
  std::vector<std::unique_ptr<PrincipalData>> data_;
  std::vector<PrincipalPermissions> functions_;
  std::vector<PrincipalPermissions> principals_;
};

// Grants grouped for display: per service (catalog order), per access level.
struct ServiceGrants {
  std::string_view service;
  std::array<std::vector<std::string_view>, 5> by_level;  // indexed by AccessLevel
};
std::vector<ServiceGrants> GroupByService(const std::vector<ActionGrant>& grants);

// "template.yaml:42" for a finding's message; "" when the position is unknown.
std::string Where(util::Loc loc);

// ---------------------------------------------------------------- for rules

// The resources of a statement for a message: "*", "arn:aws:s3:::b/*",
// "arn:aws:s3:::a and 2 more", "every resource but arn:aws:s3:::b".
std::string ResourceSummary(const model::Statement& s);

// "a", "a and b", "a, b, c and 4 more".
std::string SummarizeNames(const std::vector<std::string>& names, size_t max = 3);

// How a finding cites a grant: "iam:AttachRolePolicy on *, template.yaml:42",
// with " (AmazonS3FullAccess)" when the statement comes from a managed policy
// or a SAM policy template.
std::string GrantText(const std::vector<std::string>& actions, const AppliedStatement& origin);

// An account no template names, for requests from "anyone".
inline constexpr std::string_view kForeignAccount = "999999999999";

// Whether a resource-based or trust policy lets a caller in: the caller's own
// identity policies are taken to allow everything (they are the caller's to
// write), so the answer is the resource policy's. `principal_arn` is an IAM
// role or user ARN, or empty with `service` set. The result lists statements
// of `policy` only.
Result ResourcePolicyAllows(const CompiledPolicy& policy, ResourcePolicyMode mode,
                            std::string_view principal_arn, std::string_view service,
                            std::string_view action, std::string_view resource);
// The same for any caller: an IAM identity, a service or a federated one,
// with the request's condition keys from `context` (null: every key unknown).
Result ResourcePolicyAllows(const CompiledPolicy& policy, ResourcePolicyMode mode,
                            const RequestPrincipal& caller, std::string_view action,
                            std::string_view resource, const Context* context = nullptr);

// The callers outside the stack's account a resolved statement names: for
// each AWS principal with a literal account ID that is not the stack's own,
// the principal ARN to test ("arn:aws:iam::<account>:role/fnwarden-any" for
// an account or its root).
std::vector<std::string> ForeignPrincipals(const model::Statement& resolved,
                                           const Resolver& resolver);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_EFFECTIVE_H_
