// AWS::IAM::Role, User, Group, Policy, ManagedPolicy and UserToGroupAddition,
// and the resources of other services that name the role they use
// (Role::used_by).
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "load/cfn/boundary.h"
#include "load/cfn/managed_policies.h"
#include "load/cfn/resources_internal.h"
#include "util/strings.h"

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
      return std::move(*managed);
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

// Policies and ManagedPolicyArns of a role, user or group.
void ReadPolicies(const Val& p, const AdaptContext& ctx,
                  std::vector<model::PolicyDocument>* policies) {
  for (const Val* policy : Items(p.Get("Policies"))) {
    model::String name = Str(*policy, "PolicyName");
    policies->push_back(
        ToPolicyDocument(policy->Get("PolicyDocument"), model::PolicySource::kInline,
                         name.known() ? name.value : "", policy->KeyLoc("PolicyDocument")));
  }
  if (const Val* unresolved = p.Get("Policies"); unresolved != nullptr && !unresolved->is_list()) {
    model::PolicyDocument doc;
    doc.loc = p.KeyLoc("Policies");
    doc.known = false;
    policies->push_back(std::move(doc));
  }
  for (const model::String& entry : StrList(p, "ManagedPolicyArns")) {
    policies->push_back(ManagedPolicyFor(ctx, entry));
  }
}

bool NamesPolicy(const model::PolicyDocument& doc, const std::string& policy_id) {
  return doc.source == model::PolicySource::kCustomerManaged &&
         std::find(doc.arn.refs.begin(), doc.arn.refs.end(), policy_id) != doc.arn.refs.end();
}

bool HasPolicyFrom(const std::vector<model::PolicyDocument>& policies,
                   const std::string& policy_id) {
  return std::any_of(policies.begin(), policies.end(),
                     [&](const model::PolicyDocument& doc) { return NamesPolicy(doc, policy_id); });
}

// "arn:aws:iam::123456789012:user/path/deploy-bot" -> "deploy-bot" for
// `kind` "user"; a plain name is returned as it is.
std::string_view IamNameOf(std::string_view text, std::string_view kind) {
  if (!text.starts_with("arn:")) return text;
  std::string marker = ":" + std::string(kind) + "/";
  if (text.find(marker) == std::string_view::npos) return {};
  return text.substr(text.rfind('/') + 1);
}

// The resource of `items` a value names: a reference to its logical ID, or
// its name (`name_of`) written literally, also inside an ARN of `kind`.
template <class T, class NameOf>
T* ResolveIam(const model::Model& m, std::vector<T>& items, const model::String& v,
              std::string_view kind, const NameOf& name_of) {
  for (const std::string& ref : v.refs) {
    if (T* found = model::FindIn(m, items, ref)) return found;
  }
  if (!v.known() || v.value.empty()) return nullptr;
  std::string name(IamNameOf(v.value, kind));
  if (name.empty()) return nullptr;
  for (T& item : items) {
    if (name_of(item).Is(name)) return &item;
  }
  return nullptr;
}

model::User* ResolveUser(model::Model& m, const model::String& v) {
  return ResolveIam(m, m.users, v, "user", [](const model::User& u) { return u.user_name; });
}

model::Group* ResolveGroup(model::Model& m, const model::String& v) {
  return ResolveIam(m, m.groups, v, "group", [](const model::Group& g) { return g.group_name; });
}

void AddGroup(model::User* user, const model::Group& group) {
  if (std::find(user->groups.begin(), user->groups.end(), group.id) == user->groups.end()) {
    user->groups.push_back(group.id);
  }
}

// A property of another service's resource that names the role it uses.
struct RoleUseSpec {
  std::string_view type;
  std::string_view path;  // dotted; "*" stands for every item of a list or map
  model::RoleUseKind kind;
  std::string_view service;
  // The property that names the resource using the role, when it is not the
  // declaring resource itself (an identity pool, an API).
  std::string_view owner = {};
};

using K = model::RoleUseKind;
constexpr RoleUseSpec kRoleUses[] = {
    {"AWS::CodeBuild::Project", "ServiceRole", K::kBuildProject, "codebuild.amazonaws.com"},
    {"AWS::Events::Rule", "Targets.*.RoleArn", K::kEventTarget, "events.amazonaws.com"},
    {"AWS::Events::Rule", "RoleArn", K::kEventTarget, "events.amazonaws.com"},
    {"AWS::Scheduler::Schedule", "Target.RoleArn", K::kSchedule, "scheduler.amazonaws.com"},
    {"AWS::Pipes::Pipe", "RoleArn", K::kPipe, "pipes.amazonaws.com"},
    {"AWS::ApiGateway::Account", "CloudWatchRoleArn", K::kApiLogging, "apigateway.amazonaws.com"},
    {"AWS::ApiGateway::Method", "Integration.Credentials", K::kApiIntegration,
     "apigateway.amazonaws.com", "RestApiId"},
    {"AWS::ApiGatewayV2::Integration", "CredentialsArn", K::kApiIntegration,
     "apigateway.amazonaws.com", "ApiId"},
    {"AWS::ECS::TaskDefinition", "TaskRoleArn", K::kContainerTask, "ecs-tasks.amazonaws.com"},
    {"AWS::ECS::TaskDefinition", "ExecutionRoleArn", K::kContainerExecution,
     "ecs-tasks.amazonaws.com"},
    {"AWS::IAM::InstanceProfile", "Roles.*", K::kInstanceProfile, "ec2.amazonaws.com"},
    {"AWS::Cognito::IdentityPoolRoleAttachment", "Roles.authenticated",
     K::kIdentityPoolAuthenticated, "cognito-identity.amazonaws.com", "IdentityPoolId"},
    {"AWS::Cognito::IdentityPoolRoleAttachment", "Roles.unauthenticated",
     K::kIdentityPoolUnauthenticated, "cognito-identity.amazonaws.com", "IdentityPoolId"},
    {"AWS::Cognito::IdentityPoolRoleAttachment",
     "RoleMappings.*.RulesConfiguration.Rules.*.RoleARN", K::kIdentityPoolAuthenticated,
     "cognito-identity.amazonaws.com", "IdentityPoolId"},
    {"AWS::AppSync::DataSource", "ServiceRoleArn", K::kGraphQlDataSource, "appsync.amazonaws.com",
     "ApiId"},
    {"AWS::Cognito::UserPool", "SmsConfiguration.SnsCallerArn", K::kUserPoolSms,
     "cognito-idp.amazonaws.com"},
};

// The values at a dotted path of `v`.
void Collect(const Val* v, std::string_view path, std::vector<const Val*>* out) {
  if (v == nullptr || v->is_novalue()) return;
  if (path.empty()) {
    out->push_back(v);
    return;
  }
  size_t dot = path.find('.');
  std::string_view key = path.substr(0, dot);
  std::string_view rest = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (key != "*") {
    Collect(v->Get(key), rest, out);
  } else if (v->is_list()) {
    for (const Val& item : v->items) Collect(&item, rest, out);
  } else if (v->is_map()) {
    for (const Val::Field& f : v->fields) Collect(&f.value, rest, out);
  }
}

}  // namespace

void AdaptRole(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::Role role = Make<model::Role>(d);
  role.role_name = Str(p, "RoleName");
  role.trust = ToPolicyDocument(p.Get("AssumeRolePolicyDocument"), model::PolicySource::kInline,
                                "AssumeRolePolicyDocument", p.KeyLoc("AssumeRolePolicyDocument"));
  ReadPolicies(p, ctx, &role.policies);
  role.permissions_boundary = Str(p, "PermissionsBoundary");
  // A boundary that names a ManagedPolicy of the template is resolved by
  // AttachIamPolicy, in the second pass, for every role of the model.
  ResolveManagedBoundary(&role);
  ctx.model->roles.push_back(std::move(role));
}

void AdaptUser(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  model::User user = Make<model::User>(d);
  user.user_name = Str(p, "UserName");
  ReadPolicies(p, ctx, &user.policies);
  user.permissions_boundary = Str(p, "PermissionsBoundary");
  if (std::optional<model::PolicyDocument> b = ManagedBoundary(user.permissions_boundary)) {
    user.has_boundary_policy = true;
    user.boundary_policy = std::move(*b);
  }
  ctx.model->users.push_back(std::move(user));
}

void AdaptGroup(const Decl& d, AdaptContext& ctx) {
  model::Group group = Make<model::Group>(d);
  group.group_name = Str(d.props, "GroupName");
  ReadPolicies(d.props, ctx, &group.policies);
  ctx.model->groups.push_back(std::move(group));
}

void AttachUserGroups(const Decl& d, AdaptContext& ctx) {
  model::User* user = model::FindIn(*ctx.model, ctx.model->users, d.base.id);
  if (user == nullptr) return;
  for (const model::String& entry : StrList(d.props, "Groups")) {
    if (const model::Group* group = ResolveGroup(*ctx.model, entry)) AddGroup(user, *group);
  }
}

void AttachUserToGroup(const Decl& d, AdaptContext& ctx) {
  const model::Group* group = ResolveGroup(*ctx.model, Str(d.props, "GroupName"));
  if (group == nullptr) return;
  for (const model::String& entry : StrList(d.props, "Users")) {
    if (model::User* user = ResolveUser(*ctx.model, entry)) AddGroup(user, *group);
  }
}

void AttachIamPolicy(const Decl& d, AdaptContext& ctx) {
  const Val& p = d.props;
  const std::string& id = d.base.id;
  bool managed = d.decl->type == "AWS::IAM::ManagedPolicy";
  model::PolicyDocument doc;
  if (managed) {
    doc = CustomerManaged(d, p.KeyLoc("PolicyDocument"));
  } else {
    model::String name = Str(p, "PolicyName");
    doc = ToPolicyDocument(p.Get("PolicyDocument"), model::PolicySource::kInline,
                           name.known() ? name.value : id, p.KeyLoc("PolicyDocument"));
  }
  bool held = false;  // by a principal of the model
  std::vector<model::String> outside;
  auto attach = [&](std::vector<model::PolicyDocument>* policies, const model::String& entry) {
    held = true;
    if (managed) {
      if (HasPolicyFrom(*policies, id)) return;  // also listed in its ManagedPolicyArns
      doc.arn = model::String::Unknown(entry.loc);
      doc.arn.refs.push_back(id);
    }
    policies->push_back(doc);
  };
  model::Model& m = *ctx.model;
  for (const model::String& entry : StrList(p, "Roles")) {
    if (model::Role* role = model::FindIn(m, m.roles, ResolveRole(m, entry))) {
      attach(&role->policies, entry);
    } else {
      outside.push_back(entry);
    }
  }
  for (const model::String& entry : StrList(p, "Users")) {
    if (model::User* user = ResolveUser(m, entry)) {
      attach(&user->policies, entry);
    } else {
      outside.push_back(entry);
    }
  }
  for (const model::String& entry : StrList(p, "Groups")) {
    if (model::Group* group = ResolveGroup(m, entry)) {
      attach(&group->policies, entry);
    } else {
      outside.push_back(entry);
    }
  }
  if (managed) {
    // Principals that name it elsewhere (ManagedPolicyArns, SAM Policies);
    // those SAM could not read get its document.
    auto fill = [&](std::vector<model::PolicyDocument>* policies) {
      for (model::PolicyDocument& held_doc : *policies) {
        if (!NamesPolicy(held_doc, id)) continue;
        held = true;
        if (held_doc.known) continue;
        model::PolicyDocument resolved = CustomerManaged(d, held_doc.loc);
        resolved.arn = std::move(held_doc.arn);
        held_doc = std::move(resolved);
      }
    };
    for (model::Role& role : m.roles) fill(&role.policies);
    for (model::User& user : m.users) fill(&user.policies);
    for (model::Group& group : m.groups) fill(&group.policies);
    // Roles (of this template or generated by SAM) whose boundary is this policy.
    for (model::Role& role : m.roles) {
      if (role.has_boundary_policy || !BoundaryNames(role.permissions_boundary, id)) continue;
      role.boundary_policy = CustomerManaged(d, role.permissions_boundary.loc);
      role.boundary_policy.arn = role.permissions_boundary;
      role.has_boundary_policy = true;
    }
    for (model::User& user : m.users) {
      if (user.has_boundary_policy || !BoundaryNames(user.permissions_boundary, id)) continue;
      user.boundary_policy = CustomerManaged(d, user.permissions_boundary.loc);
      user.boundary_policy.arn = user.permissions_boundary;
      user.has_boundary_policy = true;
    }
  }
  if (held) return;
  model::StandalonePolicy standalone = Make<model::StandalonePolicy>(d);
  standalone.document = std::move(doc);
  standalone.attached_to = std::move(outside);
  m.standalone_policies.push_back(std::move(standalone));
}

void AttachRoleUse(const Decl& d, AdaptContext& ctx) {
  for (const RoleUseSpec& spec : kRoleUses) {
    if (spec.type != d.decl->type) continue;
    std::vector<const Val*> values;
    Collect(&d.props, spec.path, &values);
    if (values.empty()) continue;
    std::string owner = d.base.id;
    if (!spec.owner.empty()) {
      const Val* named = d.props.Get(spec.owner);
      if (named != nullptr && !named->refs().empty() && ctx.Find(named->refs().front())) {
        owner = named->refs().front();
      }
    }
    for (const Val* v : values) {
      model::Role* role = model::FindIn(*ctx.model, ctx.model->roles, ResolveRole(*ctx.model, ToString(v)));
      if (role == nullptr) continue;
      model::RoleUse use{spec.kind, owner, std::string(spec.service)};
      if (std::find(role->used_by.begin(), role->used_by.end(), use) == role->used_by.end()) {
        role->used_by.push_back(std::move(use));
      }
    }
  }
}

}  // namespace fnwarden::load::cfn::internal
