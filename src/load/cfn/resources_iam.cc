// AWS::IAM::Role, AWS::IAM::Policy and AWS::IAM::ManagedPolicy.
#include <optional>
#include <string>

#include "load/cfn/managed_policies.h"
#include "load/cfn/resources_internal.h"

namespace fnwarden::load::cfn::internal {
namespace {

// The document of an AWS::IAM::ManagedPolicy of the template.
model::PolicyDocument CustomerManaged(const Decl& policy, util::Loc at) {
  model::String name = Str(policy.props, "ManagedPolicyName");
  model::PolicyDocument doc =
      ToPolicyDocument(policy.props.Get("PolicyDocument"), model::PolicySource::kCustomerManaged,
                       name.known() ? name.value : policy.base.id, at);
  return doc;
}

// One entry of ManagedPolicyArns: a policy of the template, an AWS managed
// policy of the catalog, or an unresolved document.
model::PolicyDocument ManagedPolicyFor(const AdaptContext& ctx, const model::String& entry) {
  for (const std::string& ref : entry.refs) {
    const Decl* policy = ctx.Find(ref);
    if (policy != nullptr && policy->decl->type == "AWS::IAM::ManagedPolicy") {
      model::PolicyDocument doc = CustomerManaged(*policy, entry.loc);
      doc.arn = entry;
      return doc;
    }
  }
  // Unknown values keep a display form: "arn:${AWS::Partition}:iam::aws:policy/X".
  if (!entry.absent() && !entry.value.empty()) {
    std::optional<model::PolicyDocument> managed = FindManagedPolicy(entry.value, entry.loc);
    if (managed) {
      managed->arn = entry;
      return *managed;
    }
  }
  model::PolicyDocument doc;
  doc.name = entry.value;
  doc.source = model::PolicySource::kUnresolved;
  doc.loc = entry.loc;
  doc.arn = entry;
  doc.known = false;
  return doc;
}

bool HasPolicyFrom(const model::Role& role, const std::string& policy_id) {
  for (const model::PolicyDocument& doc : role.policies) {
    if (doc.source != model::PolicySource::kCustomerManaged) continue;
    for (const std::string& ref : doc.arn.refs) {
      if (ref == policy_id) return true;
    }
  }
  return false;
}

}  // namespace

void AdaptRole(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Role role = Make<model::Role>(d);
  role.role_name = Str(p, "RoleName");
  role.trust = ToPolicyDocument(p.Get("AssumeRolePolicyDocument"), model::PolicySource::kInline,
                                "AssumeRolePolicyDocument", p.KeyLoc("AssumeRolePolicyDocument"));
  for (const Val* policy : Items(p.Get("Policies"))) {
    model::String name = Str(*policy, "PolicyName");
    role.policies.push_back(
        ToPolicyDocument(policy->Get("PolicyDocument"), model::PolicySource::kInline,
                         name.known() ? name.value : "", policy->KeyLoc("PolicyDocument")));
  }
  if (const Val* unresolved = p.Get("Policies"); unresolved != nullptr && !unresolved->is_list()) {
    model::PolicyDocument doc;
    doc.loc = p.KeyLoc("Policies");
    doc.known = false;
    role.policies.push_back(std::move(doc));
  }
  for (const model::String& entry : StrList(p, "ManagedPolicyArns")) {
    role.policies.push_back(ManagedPolicyFor(ctx, entry));
  }
  role.permissions_boundary = Str(p, "PermissionsBoundary");
  ctx.model->roles.push_back(std::move(role));
}

void AttachIamPolicy(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  bool managed = d.decl->type == "AWS::IAM::ManagedPolicy";
  model::PolicyDocument doc;
  if (managed) {
    doc = CustomerManaged(d, p.KeyLoc("PolicyDocument"));
  } else {
    model::String name = Str(p, "PolicyName");
    doc = ToPolicyDocument(p.Get("PolicyDocument"), model::PolicySource::kInline,
                           name.known() ? name.value : d.base.id, p.KeyLoc("PolicyDocument"));
  }
  for (const model::String& entry : StrList(p, "Roles")) {
    model::Role* role = FindById(ctx.model->roles, ResolveRole(*ctx.model, entry));
    if (role == nullptr) continue;
    if (managed) {
      if (HasPolicyFrom(*role, d.base.id)) continue;  // also listed in its ManagedPolicyArns
      doc.arn = model::String::Unknown(entry.loc);
      doc.arn.refs.push_back(d.base.id);
    }
    role->policies.push_back(doc);
  }
}

}  // namespace fnwarden::load::cfn::internal
