// Terraform plan JSON (`terraform show -json plan.out`) and state JSON
// (`terraform show -json`) as a frontend of their own: files classified by
// content, whatever their name.
#ifndef FNWARDEN_LOAD_TERRAFORM_PLAN_H_
#define FNWARDEN_LOAD_TERRAFORM_PLAN_H_

#include <string_view>

#include "load/frontend.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::load::terraform {

// The frontend's table entries (load/frontend.h).
bool PlanMayClaim(std::string_view path, std::string_view text);
// A map with `format_version` and `planned_values` (a plan), or with
// `terraform_version` and `values` (a state).
bool PlanClaims(std::string_view path, const syntax::Node* root);
bool BuildPlan(const syntax::Document& doc, const UnitContext& ctx, util::DiagnosticSink* diags,
               model::Model* out);

}  // namespace fnwarden::load::terraform

#endif  // FNWARDEN_LOAD_TERRAFORM_PLAN_H_
