// Terraform resources into the shared adapters' input: each supported
// resource instance becomes the CloudFormation resource that deploys the
// same thing (aws_lambda_function → AWS::Lambda::Function), under its
// Terraform address as logical ID, made of synthetic nodes that point at
// the `.tf` lines that wrote them. Resources that Terraform splits (an S3
// bucket's encryption, a role's policy attachments, an API method's
// integration, an event rule's targets) are merged into the resource they
// configure. References between resources become `Ref`/`Fn::GetAtt` of
// the resource they name, so that linking works as for a template; a
// reference to something that is not compiled is unknown.
#ifndef FNWARDEN_LOAD_TERRAFORM_COMPILE_H_
#define FNWARDEN_LOAD_TERRAFORM_COMPILE_H_

#include <string>
#include <vector>

#include "load/syntax/node.h"
#include "load/syntax/synthetic.h"
#include "load/terraform/module.h"
#include "util/diagnostic.h"

namespace fnwarden::load::terraform {

// The template root for `instances`; `arena` owns the nodes. Data sources
// are skipped (their values were used where referred to), and so are
// resource types the tables do not know.
const syntax::Node* CompileInstances(const std::vector<ResourceInstance>& instances,
                                     syntax::NodeArena* arena);

}  // namespace fnwarden::load::terraform

#endif  // FNWARDEN_LOAD_TERRAFORM_COMPILE_H_
