// The deployed ARN and name of every resource of a model built from
// CloudFormation (Resource::deployed_arn, deployed_name, ref_attribute).
#ifndef FNWARDEN_LOAD_CFN_NAMES_H_
#define FNWARDEN_LOAD_CFN_NAMES_H_

#include "model/model.h"

namespace fnwarden::load::cfn {

// Sets them on the resources of `m` that a policy can name; AdaptResources
// calls it once every resource is adapted. Each resource is named on its
// own: the long lists of a large template on up to `jobs` threads (0: all).
void NameResources(model::Model* m, unsigned jobs);

}  // namespace fnwarden::load::cfn

#endif  // FNWARDEN_LOAD_CFN_NAMES_H_
