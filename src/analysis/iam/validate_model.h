// Policy validation over a whole model, for `fnwarden scan`: every policy
// document the template's author wrote is checked with Validate (validate.h)
// and what is wrong becomes a warning-level diagnostic at the offending value.
//
// Checked: inline policies of roles, users and groups, customer-managed
// policies (AWS::IAM::ManagedPolicy, also as a permissions boundary or held by
// no principal of the model), trust policies, bucket,
// queue, topic, secret and event bus policies, KMS key policies and API
// Gateway resource policies. Not checked: AWS managed policies, SAM policy
// templates and connectors (AWS's own data), the policies the SAM transform
// writes for event sources, dead-letter queues and destinations
// (PolicyDocument::generated: CloudFormation checks the values they are made
// of where the user wrote them) and unresolved documents. Resources whose
// condition is decided false never reach it: the loaders remove them.
//
// Each document is checked once, however many resources it is attached to
// (an AWS::IAM::ManagedPolicy on three roles, a QueuePolicy on two queues).
// Actions the catalog does not know are left out: rule FNW-IAM-014 reports
// them as findings. Diagnostics are warnings, never errors: the template is
// valid CloudFormation, and IAM itself accepts most of these (it ignores an
// unknown condition key, for instance, and the statement then never matches).
//
// Thread-safe: reads the model and the catalog only.
#ifndef FNWARDEN_ANALYSIS_IAM_VALIDATE_MODEL_H_
#define FNWARDEN_ANALYSIS_IAM_VALIDATE_MODEL_H_

#include <vector>

#include "analysis/iam/catalog.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::analysis::iam {

// The diagnostics of every user-written policy document of `model`, in the
// order the documents appear in the model; each distinct diagnostic once.
std::vector<util::Diagnostic> ValidateModelPolicies(const model::Model& model,
                                                    const Catalog& catalog);

// The same, added to `diags`.
void ValidateModelPolicies(const model::Model& model, const Catalog& catalog,
                           util::DiagnosticSink* diags);

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_VALIDATE_MODEL_H_
