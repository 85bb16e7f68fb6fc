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
  f.project = model.root;
  f.framework = model.framework;
  f.resource = std::string(resource_id);
  f.loc = at.known() ? at : resource_loc;
  f.attribute = std::move(attribute);
  f.message = std::move(message);
  f.fix = std::move(fix);
  f.fingerprint = model::Fingerprint(rule_.id, f.loc.path(), f.resource, f.attribute);
  out_->push_back(std::move(f));
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
