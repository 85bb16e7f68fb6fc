// Private to the CloudFormation resource adapters (resources*.cc, outputs.cc).
//
// AdaptResources works in two passes over the template's resources:
//  1. every resource of a modelled type is evaluated once and becomes a model
//     struct (Function, Role, Bucket, ...);
//  2. resources that only modify others (IAM::Policy, BucketPolicy,
//     EventSourceMapping, ApiGateway::Method, WAF associations, ...) are
//     applied to the structs of pass 1, and to those the SAM expansion added
//     before. The model has no struct for them, so they cannot wait for Link.
//     Resources that name a function (Permission, Url, UsagePlan's API) are
//     built here too, once every function and API of the template exists.
#ifndef FNWARDEN_LOAD_CFN_RESOURCES_INTERNAL_H_
#define FNWARDEN_LOAD_CFN_RESOURCES_INTERNAL_H_

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/cfn/template.h"
#include "load/cfn/val.h"
#include "load/link.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::load::cfn::internal {

// Declarations or resources a job takes at a time when a large template's
// are worked on side by side.
inline constexpr size_t kRun = 1024;

// The runs of kRun that `n` items are cut into on `jobs`; 0 when one pass
// on this thread is better (one job, or too few to pay for threads).
size_t Runs(size_t n, unsigned jobs);

// One resource of the template with its properties evaluated.
struct Decl {
  const ResourceDecl* decl = nullptr;
  Val props;             // the evaluated Properties (kNull when there are none)
  model::Resource base;  // id, type, loc, condition, ignores
};

// Creators (pass 1) of a large template run side by side, each on a run of
// declarations with a context of its own whose `model` is the run's: a
// creator reads its declaration, `decls` and `template_dir`, and only
// appends to `model`'s lists. Attachers (pass 2) run one after the other,
// except the staged ones (below), which build side by side and add in order.
struct AdaptContext {
  const Template& t;
  Evaluator& ev;
  util::DiagnosticSink* diags;
  model::Model* model;
  std::string template_dir;  // display folder of the template ("" for the current one)
  std::span<const Decl> decls;  // every resource of the template, in source order
  // Position in `decls` by logical ID, made when `decls` is complete.
  const std::unordered_map<std::string_view, size_t>* decl_index = nullptr;

  const Decl* Find(std::string_view id) const;
  // The declared type of a logical ID of this template, "" if undeclared.
  std::string_view TypeOf(std::string_view id) const;

  // Load balancer listeners and listener rules by the target group they
  // forward to (resources_triggers.cc), made on first use.
  struct Forward {
    const Decl* listener = nullptr;  // the listener, nullptr when not of this template
    bool authenticates = false;      // an authenticate-cognito or -oidc action comes first
  };
  std::unordered_map<std::string, std::vector<Forward>> forwards;
  bool forwards_indexed = false;
};

// A model struct of kind T carrying the common fields of `d`.
template <class T>
T Make(const Decl& d) {
  T out;
  static_cast<model::Resource&>(out) = d.base;
  return out;
}

// Field access on an evaluated map: absent values are located at the map.
const Val* Field(const Val* map, std::string_view key);
const Val* FieldPath(const Val* map, std::initializer_list<std::string_view> path);
model::String Str(const Val& map, std::string_view key);
model::Int IntOf(const Val& map, std::string_view key);
model::Bool BoolOf(const Val& map, std::string_view key);
model::Value<double> DoubleOf(const Val& map, std::string_view key);
std::vector<model::String> StrList(const Val& map, std::string_view key);
// Items of a list Val without AWS::NoValue entries; empty when not a list.
std::vector<const Val*> Items(const Val* list);

// Joins a folder and a relative path the way users write them ("./src/"):
// "" when `path` is empty, absolute or a URI.
std::string JoinLocalPath(std::string_view dir, std::string_view path);

// ---- resolution of references (load/link.h, shared with Link) ----

using load::ResolveAny;
using load::ResolveFunction;
using load::ResolveRole;

// ResolveFunction that also follows a Lambda Version or Alias of the template
// to the function it belongs to.
std::string ResolveFunctionVal(const AdaptContext& ctx, const Val* v);

// ---- adapters: pass 1 (create model structs) ----

using AdaptFn = void (*)(const Decl& d, AdaptContext& ctx);

void AdaptLambdaFunction(const Decl& d, AdaptContext& ctx);
void AdaptLayerVersion(const Decl& d, AdaptContext& ctx);
void AdaptRole(const Decl& d, AdaptContext& ctx);
void AdaptRestApi(const Decl& d, AdaptContext& ctx);
void AdaptHttpApi(const Decl& d, AdaptContext& ctx);
void AdaptBucket(const Decl& d, AdaptContext& ctx);
void AdaptTable(const Decl& d, AdaptContext& ctx);
void AdaptQueue(const Decl& d, AdaptContext& ctx);
void AdaptTopic(const Decl& d, AdaptContext& ctx);
void AdaptSecret(const Decl& d, AdaptContext& ctx);
void AdaptSsmParameter(const Decl& d, AdaptContext& ctx);
void AdaptKey(const Decl& d, AdaptContext& ctx);
void AdaptLogGroup(const Decl& d, AdaptContext& ctx);
void AdaptLogRetention(const Decl& d, AdaptContext& ctx);
void AdaptStateMachine(const Decl& d, AdaptContext& ctx);
void AdaptEventBus(const Decl& d, AdaptContext& ctx);
void AdaptUserPool(const Decl& d, AdaptContext& ctx);
void AdaptIdentityPool(const Decl& d, AdaptContext& ctx);
void AdaptTrail(const Decl& d, AdaptContext& ctx);
void AdaptWebAcl(const Decl& d, AdaptContext& ctx);
void AdaptAlarm(const Decl& d, AdaptContext& ctx);
void AdaptNestedStack(const Decl& d, AdaptContext& ctx);
void AdaptUser(const Decl& d, AdaptContext& ctx);
void AdaptGroup(const Decl& d, AdaptContext& ctx);

// ---- the template's Parameters and Outputs (outputs.cc) ----

// Appends the template's parameters to `model->inputs` and the outputs that
// may be created to `model->outputs`.
void AdaptInputsAndOutputs(AdaptContext& ctx);

// ---- adapters: pass 2 (modify the structs of pass 1 and of SAM) ----

void AttachLambdaUrl(const Decl& d, AdaptContext& ctx);
void AttachEventInvokeConfig(const Decl& d, AdaptContext& ctx);
void AttachVersionOrAlias(const Decl& d, AdaptContext& ctx);
void AttachEventRule(const Decl& d, AdaptContext& ctx);
void AttachSnsSubscription(const Decl& d, AdaptContext& ctx);
void AttachTopicSubscriptions(const Decl& d, AdaptContext& ctx);
void AttachBucketNotifications(const Decl& d, AdaptContext& ctx);
void AttachTargetGroup(const Decl& d, AdaptContext& ctx);
void AttachIamPolicy(const Decl& d, AdaptContext& ctx);
void AttachHttpApiQuickCreate(const Decl& d, AdaptContext& ctx);
void AttachUsagePlan(const Decl& d, AdaptContext& ctx);
void AttachApiStage(const Decl& d, AdaptContext& ctx);
void AttachApiDeployment(const Decl& d, AdaptContext& ctx);
void AttachApiAuthorizer(const Decl& d, AdaptContext& ctx);
void AttachApiDomain(const Decl& d, AdaptContext& ctx);
void AttachHttpApiRoute(const Decl& d, AdaptContext& ctx);
void AttachHttpApiStage(const Decl& d, AdaptContext& ctx);
void AttachHttpApiAuthorizer(const Decl& d, AdaptContext& ctx);
void AttachBucketPolicy(const Decl& d, AdaptContext& ctx);
void AttachQueuePolicy(const Decl& d, AdaptContext& ctx);
void AttachTopicPolicy(const Decl& d, AdaptContext& ctx);
void AttachSecretPolicy(const Decl& d, AdaptContext& ctx);
void AttachSecretRotation(const Decl& d, AdaptContext& ctx);
void AttachEventBusPolicy(const Decl& d, AdaptContext& ctx);
void AttachUserPoolClient(const Decl& d, AdaptContext& ctx);
void AttachWebAclAssociation(const Decl& d, AdaptContext& ctx);
void AttachWebAclLogging(const Decl& d, AdaptContext& ctx);
void AttachAlarmFunctions(const Decl& d, AdaptContext& ctx);
void AttachUserGroups(const Decl& d, AdaptContext& ctx);
void AttachUserToGroup(const Decl& d, AdaptContext& ctx);
// Role::used_by from the property of another service's resource that names
// the role it uses (resources_iam.cc has the table).
void AttachRoleUse(const Decl& d, AdaptContext& ctx);

// ---- pass 2, staged: attachers in two steps ----
//
// Build reads the declaration, the template and the model, and writes
// nothing; Add puts what Build made into a list that no attacher reads. A
// large template's declarations of one type are built side by side and
// added in source order, which gives the model of one Build + Add per
// declaration.

model::Permission BuildLambdaPermission(const Decl& d, const AdaptContext& ctx);
void AddLambdaPermission(model::Permission&& perm, AdaptContext& ctx);
model::Trigger BuildEventSourceMapping(const Decl& d, const AdaptContext& ctx);
void AddEventSourceMapping(model::Trigger&& trigger, AdaptContext& ctx);
// An ApiGateway::Method as a route of the API it belongs to (null when that
// API is not one of the model's).
struct MethodRoute {
  model::Api* api = nullptr;
  model::Route route;
};
MethodRoute BuildApiResourceMethod(const Decl& d, const AdaptContext& ctx);
void AddApiResourceMethod(MethodRoute&& method, AdaptContext& ctx);

}  // namespace fnwarden::load::cfn::internal

#endif  // FNWARDEN_LOAD_CFN_RESOURCES_INTERNAL_H_
