#include "analysis/iam/validate_model.h"

#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "analysis/iam/validate.h"

namespace fnwarden::analysis::iam {
namespace {

// Whether the model's author wrote the document (rather than AWS's data
// that a loader expanded).
bool Written(const model::PolicyDocument& doc) {
  return doc.known && !doc.generated &&
         (doc.source == model::PolicySource::kInline ||
          doc.source == model::PolicySource::kCustomerManaged);
}

class ModelValidator {
 public:
  explicit ModelValidator(const Catalog& catalog) : catalog_(catalog) {
    options_.unknown_actions = false;  // rule FNW-IAM-014's
  }

  void Check(const model::PolicyDocument& doc, PolicyKind kind) {
    if (!Written(doc)) return;
    // A document copied onto several resources keeps its statements'
    // positions: the first one names it (the document's own position is
    // where it is attached, which differs per copy).
    util::Loc at = doc.statements.empty() ? doc.loc : doc.statements.front().loc;
    bool identity_shaped = kind != PolicyKind::kResource && kind != PolicyKind::kTrust;
    auto key =
        std::make_tuple(at.file, at.line, at.col, identity_shaped ? PolicyKind::kIdentity : kind);
    if (!seen_docs_.insert(key).second) return;
    std::vector<util::Diagnostic> found;
    Validate(doc, kind, catalog_, options_, &found);
    for (util::Diagnostic& d : found) {
      // The template deploys: what IAM rejects or ignores is worth a
      // warning, not a partial-results error.
      d.level = util::DiagLevel::kWarning;
      auto id = std::make_tuple(d.loc.file, d.loc.line, d.loc.col, d.message);
      if (seen_diags_.insert(std::move(id)).second) out_.push_back(std::move(d));
    }
  }

  std::vector<util::Diagnostic> Take() { return std::move(out_); }

 private:
  const Catalog& catalog_;
  ValidateOptions options_;
  std::set<std::tuple<const util::SourceFile*, uint32_t, uint32_t, PolicyKind>> seen_docs_;
  std::set<std::tuple<const util::SourceFile*, uint32_t, uint32_t, std::string>> seen_diags_;
  std::vector<util::Diagnostic> out_;
};

template <class T>
void CheckAll(ModelValidator& v, const std::vector<T>& resources) {
  for (const T& r : resources) {
    for (const model::PolicyDocument& doc : r.policies) v.Check(doc, PolicyKind::kResource);
  }
}

}  // namespace

std::vector<util::Diagnostic> ValidateModelPolicies(const model::Model& model,
                                                    const Catalog& catalog) {
  ModelValidator v(catalog);
  for (const model::Role& role : model.roles) {
    v.Check(role.trust, PolicyKind::kTrust);
    for (const model::PolicyDocument& doc : role.policies) v.Check(doc, PolicyKind::kIdentity);
    if (role.has_boundary_policy) v.Check(role.boundary_policy, PolicyKind::kBoundary);
  }
  for (const model::User& user : model.users) {
    for (const model::PolicyDocument& doc : user.policies) v.Check(doc, PolicyKind::kIdentity);
    if (user.has_boundary_policy) v.Check(user.boundary_policy, PolicyKind::kBoundary);
  }
  for (const model::Group& group : model.groups) {
    for (const model::PolicyDocument& doc : group.policies) v.Check(doc, PolicyKind::kIdentity);
  }
  for (const model::StandalonePolicy& policy : model.standalone_policies) {
    v.Check(policy.document, PolicyKind::kIdentity);
  }
  CheckAll(v, model.buckets);
  CheckAll(v, model.queues);
  CheckAll(v, model.topics);
  CheckAll(v, model.secrets);
  CheckAll(v, model.event_buses);
  for (const model::Key& key : model.keys) {
    if (key.has_key_policy) {
      v.Check(key.key_policy, PolicyKind::kResource);
    }
  }
  for (const model::Api& api : model.apis) {
    if (api.has_resource_policy) {
      v.Check(api.resource_policy, PolicyKind::kResource);
    }
  }
  return v.Take();
}

void ValidateModelPolicies(const model::Model& model, const Catalog& catalog,
                           util::DiagnosticSink* diags) {
  for (util::Diagnostic& d : ValidateModelPolicies(model, catalog)) diags->Add(std::move(d));
}

}  // namespace fnwarden::analysis::iam
