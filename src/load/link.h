// Link: the cross-resource references every frontend's model shares
// (CloudFormation, SAM, CDK, the Serverless Framework, and the frontends to
// come). Everything here is computed from model fields only, so it runs on
// any model, and running it twice changes nothing.
#ifndef FNWARDEN_LOAD_LINK_H_
#define FNWARDEN_LOAD_LINK_H_

#include <string>

#include "model/model.h"

namespace fnwarden::load {

// Resolves cross-resource references once every resource is in the model:
// function roles (Role.functions, Function.role_id), permissions and URLs to
// their functions, triggers' source_id, WebACL associations. Frontends call
// it after building their model, the loader again after adding nested
// templates to it.
void Link(model::Model* model);

// The function of `model` a value names: a reference to its ID, or its
// physical name or ARN written literally. "" when none.
std::string ResolveFunction(const model::Model& model, const model::String& v);
// The same for roles (ID, role name, role ARN).
std::string ResolveRole(const model::Model& model, const model::String& v);
// The first ID in `v.refs` that is a resource of `model`.
std::string ResolveAny(const model::Model& model, const model::String& v);

}  // namespace fnwarden::load

#endif  // FNWARDEN_LOAD_LINK_H_
