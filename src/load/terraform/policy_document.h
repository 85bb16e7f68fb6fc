// The `aws_iam_policy_document` data source: the policy it writes, from its
// evaluated arguments and blocks.
#ifndef FNWARDEN_LOAD_TERRAFORM_POLICY_DOCUMENT_H_
#define FNWARDEN_LOAD_TERRAFORM_POLICY_DOCUMENT_H_

#include "load/terraform/value.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::terraform {

// The policy document (`json`) that a data "aws_iam_policy_document" block
// writes, from its body as Evaluator reads one (arguments as fields, nested
// blocks as tuples of objects, dynamic blocks expanded): an object flagged
// `json` with Version, Id and Statement, each statement at the line of its
// block. `source_policy_documents` come first and
// `override_policy_documents` replace the statements of the same Sid, as
// the provider does; a document among them that is not known makes the
// whole policy unknown. `loc` is the data block's.
ValuePtr PolicyDocumentValue(const ValuePtr& body, util::Loc loc);

}  // namespace fnwarden::load::terraform

#endif  // FNWARDEN_LOAD_TERRAFORM_POLICY_DOCUMENT_H_
