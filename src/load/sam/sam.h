// The AWS SAM transform, applied to the model the way AWS applies it:
// Globals, AWS::Serverless::Function (with its generated role, policies
// from Policies incl. the 81 SAM policy templates, event sources, implicit
// APIs, function URL and permissions), Api, HttpApi, SimpleTable,
// StateMachine, LayerVersion, Connector, Application (an opaque nested
// stack).
#ifndef FNWARDEN_LOAD_SAM_SAM_H_
#define FNWARDEN_LOAD_SAM_SAM_H_

#include "load/cfn/template.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::load::sam {

// Registers the logical IDs the transform generates with `ev` so that
// references to them resolve. Call before evaluating anything else. (The
// evaluator itself knows the IDs that extend a SAM resource's ID, which is
// how SAM names nearly everything it generates.)
void DeclareGeneratedResources(const cfn::Template& t, cfn::Evaluator& ev);

// Appends the model resources for every AWS::Serverless::* resource of `t`.
// `template_dir` is the display folder of the template, used to resolve
// CodeUri into Function::code_dir. A template with such resources but no SAM
// transform gets a warning at the first of them and is expanded all the same.
// A large template's resources are evaluated on up to `jobs` threads
// (cfn::Evaluator::SideBySide); the model is the same whatever `jobs` is.
void Expand(const cfn::Template& t, cfn::Evaluator& ev, const std::string& template_dir,
            util::DiagnosticSink* diags, model::Model* model, unsigned jobs = 1);

}  // namespace fnwarden::load::sam

#endif  // FNWARDEN_LOAD_SAM_SAM_H_
