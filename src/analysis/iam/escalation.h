// Known privilege-escalation methods in AWS IAM (the Rhino Security Labs
// list and the later pathfinding.cloud paths), and the checks that evaluate
// them against a function's effective permissions.
//
// A method is a set of steps; each step is an action that must be allowed on
// the resources that matter for it: any resource (CanOnAny), or the
// function's own role (or any role). A function can use a method when every
// step is Allowed; a conditional step makes the whole method unknown, and
// unknown methods are not reported.
//
// The table also lists the credential-exposure and data-exfiltration actions
// the IAM rules look for, so that the rules that report write actions in
// general can leave them to the rules that name their impact.
#ifndef FNWARDEN_ANALYSIS_IAM_ESCALATION_H_
#define FNWARDEN_ANALYSIS_IAM_ESCALATION_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/effective.h"

namespace fnwarden::analysis::iam {

enum class EscalationFamily : uint8_t {
  kIamPolicy,        // rewrites IAM: policies, versions, trust, boundaries, user credentials
  kPassRole,         // passes a more privileged role to new compute it then controls
  kExistingCompute,  // takes over compute that already runs with another role
};

enum class StepTarget : uint8_t {
  kAnyResource,  // an arbitrary resource of the action's types
  kOwnRole,      // the function's own role (any role covers it)
};

struct EscalationStep {
  std::string_view action;
  StepTarget target = StepTarget::kAnyResource;
  std::optional<uint32_t> action_id = {};  // in the catalog; unset when it lacks the action
};

struct EscalationMethod {
  std::string_view name;  // "iam:AttachRolePolicy"
  EscalationFamily family;
  std::string_view
      description;  // completes "<function> can ...": "attach any policy to its own role"
  std::vector<EscalationStep> steps;
  std::string_view reference;  // where the method is documented
};

// Every method, grouped by family.
const std::vector<EscalationMethod>& EscalationMethods();

// How one step holds for a function.
struct StepGrant {
  const EscalationStep* step = nullptr;
  Result result;
  bool on_own_role_only = false;  // allowed on the function's role, not on any role
};

// Evaluates a method for a function. Returns true when every step is
// allowed, with `steps` set (one per method step).
bool CanUse(const FunctionPermissions& fn, const Resolver& resolver, const EscalationMethod& m,
            std::vector<StepGrant>* steps);

// The methods of one family a function can use, grouped by the statement
// that allows their first step (the one a finding points at). Methods whose
// steps all rest on FNW-IAM-001 statements or on grants AWS designed for the
// service (IsServiceDesignGrant: AWS Batch's own role may pass roles to EC2
// and start instances) are left out; the first step that another statement
// allows is the one a finding points at.
struct EscalationUse {
  AppliedStatement primary;
  const EscalationMethod* method = nullptr;  // the first method through `primary`
  std::vector<StepGrant> steps;              // of `method`
  std::vector<std::string> also;             // other methods through `primary`
};
std::vector<EscalationUse> FindEscalations(const FunctionPermissions& fn, const Resolver& resolver,
                                           EscalationFamily family);

// The grants a use rests on, for a message: "iam:PassRole and
// lambda:CreateFunction on *, template.yaml:12; lambda:InvokeFunction on
// arn:aws:lambda:*:*:function:*, template.yaml:20".
std::string DescribeSteps(const FunctionPermissions& fn, const EscalationUse& use);

// Actions that hand out credentials or secrets when allowed on any resource.
std::span<const std::string_view> CredentialActions();
// Actions that read data in bulk when allowed on any resource.
std::span<const std::string_view> ExfiltrationActions();
// Actions that stop audit logging or destroy keys, logs and backups.
std::span<const std::string_view> DefenseEvasionActions();
// The same lists as catalog action IDs, in list order, resolved once
// (actions the catalog lacks are left out).
const std::vector<uint32_t>& CredentialActionIds();
const std::vector<uint32_t>& ExfiltrationActionIds();
const std::vector<uint32_t>& DefenseEvasionActionIds();
// True when `action` (any case) is in one of the lists above or a step of an
// escalation method.
bool HasNamedImpact(std::string_view action);
// The same for a catalog action, without comparing names.
bool HasNamedImpact(const ActionInfo& action);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_ESCALATION_H_
