#include "rules/rule.h"

#include <algorithm>

#include "util/strings.h"

namespace fnwarden::rules {

void Context::Report(const model::Resource& resource, util::Loc at, std::string attribute,
                     std::string message, std::string fix) {
  Report(resource.id, resource.loc, at, std::move(attribute), std::move(message), std::move(fix));
}

void Context::Report(std::string_view resource_id, util::Loc resource_loc, util::Loc at,
                     std::string attribute, std::string message, std::string fix) {
  model::Finding f;
  f.rule = &rule_;
  f.severity = has_next_severity_ ? next_severity_ : rule_.severity;
  has_next_severity_ = false;
  f.flow = std::move(next_flow_);
  next_flow_.clear();
  f.project = model.root;
  f.framework = model.framework;
  f.resource = std::string(resource_id);
  f.loc = at.known() ? at : resource_loc;
  f.attribute = std::move(attribute);
  f.message = std::move(message);
  bool written_for_templates = model.framework == model::Framework::kCloudFormation ||
                               model.framework == model::Framework::kSam;
  // What a Serverless service declares under `resources` is CloudFormation
  // as written: a fix worded for templates fits it.
  if (!written_for_templates && model.framework == model::Framework::kServerless) {
    const model::Resource* r = model.FindResource(resource_id);
    written_for_templates = r != nullptr && r->origin == model::Origin::kWritten;
  }
  if (written_for_templates || next_fix_fits_) f.fix = std::move(fix);
  next_fix_fits_ = false;
  f.fingerprint = model::Fingerprint(rule_.id, f.loc.path(), f.resource, f.attribute);
  out_->push_back(std::move(f));
}

std::string Context::Fix(std::string cloudformation, std::string serverless) {
  switch (model.framework) {
    case model::Framework::kCloudFormation:
    case model::Framework::kSam:
      return cloudformation;
    case model::Framework::kServerless:
      next_fix_fits_ = !serverless.empty();
      return serverless;
    case model::Framework::kCdk:
    case model::Framework::kTerraform:
      break;
  }
  return "";
}

const Rule* FindRule(std::string_view id) {
  for (const Rule& r : AllRules()) {
    if (util::EqualsIgnoreCase(r.info.id, id)) return &r;
    for (std::string_view alias : r.info.aliases) {
      if (util::EqualsIgnoreCase(alias, id)) return &r;
    }
  }
  return nullptr;
}

}  // namespace fnwarden::rules
