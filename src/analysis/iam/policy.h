// Policies compiled for fast evaluation.
//
// Compile() turns a model::PolicyDocument (identity, resource-based, trust,
// permissions boundary or session policy, in any shape the loaders accept)
// into a form the evaluator walks without allocating: action patterns
// lower-cased once, resource patterns escaped and pre-split into their ARN
// parts, condition operators and typed values parsed. Unknown model values
// (unresolved intrinsics) are kept as unknown: they make a match unknown,
// never true or false.
//
// A CompiledPolicy refers back to its source statements (for findings): the
// model::PolicyDocument must outlive it. It is immutable after Compile and
// safe to share between threads.
#ifndef FNWARDEN_ANALYSIS_IAM_POLICY_H_
#define FNWARDEN_ANALYSIS_IAM_POLICY_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/iam/condition.h"
#include "analysis/iam/match.h"
#include "model/model.h"

namespace fnwarden::analysis::iam {

enum class PolicyKind : uint8_t {
  kIdentity,   // attached to a role or user: Resource required, no Principal
  kResource,   // on a resource (bucket, queue, function, KMS key): Principal required
  kTrust,      // a role's AssumeRolePolicyDocument: Principal required, no Resource
  kBoundary,   // a permissions boundary: identity-shaped
  kSession,    // a session policy: identity-shaped
};

// One Action, Resource or Principal entry.
struct CompiledEntry {
  enum State : uint8_t {
    kLiteral,   // `text` is the pattern
    kVariable,  // `text` has ${...} to substitute per request (then a pattern)
    kUnknown,   // unresolved: matches are unknown unless every alternative agrees
  };
  State state = kLiteral;
  bool wildcard = false;                  // literal with * or ?
  std::string text;                       // pattern (lower-cased for actions)
  bool arn = false;                       // resources: `text` is an ARN pattern...
  std::array<uint16_t, 6> arn_start{};    // ...whose parts start at these offsets
  std::vector<CompiledEntry> alternatives;  // kUnknown: every value it may take
};

struct CompiledPrincipal {
  enum Kind : uint8_t { kEveryone, kAws, kService, kFederated, kCanonicalUser, kUnknown };
  Kind kind = kUnknown;
  std::string id;       // as written (kAws: an account ID, an ARN)
  bool known = false;   // false: the value is unresolved
};

struct CompiledStatement {
  const model::Statement* source = nullptr;
  bool known = true;     // false: the statement itself is unresolved
  enum EffectState : uint8_t { kAllow, kDeny, kEffectUnknown };
  EffectState effect = kEffectUnknown;
  bool not_action = false;
  std::vector<CompiledEntry> actions;
  bool has_resource = false;
  bool not_resource = false;
  std::vector<CompiledEntry> resources;
  bool has_principal = false;
  bool not_principal = false;
  std::vector<CompiledPrincipal> principals;
  std::vector<CompiledCondition> conditions;
};

struct CompiledPolicy {
  const model::PolicyDocument* source = nullptr;
  PolicyKind kind = PolicyKind::kIdentity;
  bool known = true;  // false: the document could not be resolved; it may allow or deny anything
  VariableMode variables = VariableMode::kLiteral;
  std::vector<CompiledStatement> statements;
};

// The ARN parts of a compiled resource entry (views into entry.text).
ArnParts EntryArnParts(const CompiledEntry& entry);

CompiledPolicy Compile(const model::PolicyDocument& doc, PolicyKind kind);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_POLICY_H_
