#include "load/frontend.h"

#include "load/cfn/template.h"
#include "load/discover_internal.h"
#include "load/serverless/serverless.h"
#include "load/terraform/plan.h"

namespace fnwarden::load {
namespace {

bool TemplateMayClaim(std::string_view, std::string_view text) {
  return internal::MayBeTemplate(text);
}

bool TemplateClaims(std::string_view, const syntax::Node* root) {
  return cfn::LooksLikeTemplate(root);
}

bool TemplateBuild(const syntax::Document& doc, const UnitContext& ctx, util::DiagnosticSink* diags,
                   model::Model* out) {
  return BuildTemplateModel(doc, *ctx.options, diags, out, ctx.inputs, ctx.stack_outputs);
}

constexpr Frontend kFrontends[] = {
    {model::Framework::kCloudFormation, "CloudFormation/SAM template", TemplateMayClaim,
     TemplateClaims, TemplateBuild},
    {model::Framework::kServerless, "Serverless Framework service", serverless::MayClaim,
     serverless::Claims, serverless::Build},
    {model::Framework::kTerraform, "Terraform plan", terraform::PlanMayClaim, terraform::PlanClaims,
     terraform::BuildPlan},
};

}  // namespace

std::span<const Frontend> Frontends() { return kFrontends; }

bool MayBeUnit(std::string_view path, std::string_view text) {
  for (const Frontend& f : kFrontends) {
    if (f.may_claim(path, text)) return true;
  }
  return false;
}

const Frontend* ClaimingFrontend(std::string_view path, const syntax::Node* root) {
  if (root == nullptr) return nullptr;
  for (const Frontend& f : kFrontends) {
    if (f.claims(path, root)) return &f;
  }
  return nullptr;
}

bool BuildUnitModel(const syntax::Document& doc, const UnitContext& ctx,
                    util::DiagnosticSink* diags, model::Model* out) {
  const Frontend* f = ClaimingFrontend(doc.file() ? doc.file()->path() : "", doc.root());
  return f != nullptr && f->build(doc, ctx, diags, out);
}

bool BuildUnitModel(const syntax::Document& doc, const LoadOptions& options,
                    util::DiagnosticSink* diags, model::Model* out) {
  UnitContext ctx;
  ctx.options = &options;
  return BuildUnitModel(doc, ctx, diags, out);
}

}  // namespace fnwarden::load
