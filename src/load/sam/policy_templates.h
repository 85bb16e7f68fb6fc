// The AWS SAM policy templates (DynamoDBCrudPolicy, S3ReadPolicy, ... 81 of
// them), embedded at build time from data/sam-policy-templates.json (see
// cmake/sam_data.cmake and NOTICE).
#ifndef FNWARDEN_LOAD_SAM_POLICY_TEMPLATES_H_
#define FNWARDEN_LOAD_SAM_POLICY_TEMPLATES_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "load/syntax/node.h"

namespace fnwarden::load::sam {

struct PolicyTemplateInfo {
  std::string name;
  std::vector<std::string> parameters;  // in the order of the data file
};

// Every embedded template, sorted by name. Parsed once; thread-safe.
const std::vector<PolicyTemplateInfo>& PolicyTemplateCatalog();
const PolicyTemplateInfo* FindPolicyTemplate(std::string_view name);

}  // namespace fnwarden::load::sam

#endif  // FNWARDEN_LOAD_SAM_POLICY_TEMPLATES_H_
