// Private to the SAM transform (src/load/sam/*.cc): the state of one
// Expand() call and the helpers its parts share.
//
// Strategy. SAM's own transform works on the template's dictionaries; here
// the work is split the same way:
//   - Globals are merged on syntax nodes (globals.cc), before anything is
//     evaluated, into synthetic nodes that point back at the user's nodes, so
//     every evaluated Val keeps the position the user wrote;
//   - each AWS::Serverless::* resource is then evaluated once (Context::Props)
//     and read through the cfn::Val accessors and To* conversions;
//   - generated resources carry Resource::generated_from and the position of
//     the property that caused them (the event key, the `Policies` entry,
//     `FunctionUrlConfig`), so findings land on the line to change.
#ifndef FNWARDEN_LOAD_SAM_INTERNAL_H_
#define FNWARDEN_LOAD_SAM_INTERNAL_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/cfn/template.h"
#include "load/cfn/val.h"
#include "load/syntax/node.h"
#include "load/syntax/synthetic.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::load::sam::internal {

// Synthetic syntax nodes (merged Globals, policy template definitions).
using syntax::NodeArena;

// ---------------------------------------------------------------- globals.cc

// The Globals sections by SAM type ("AWS::Serverless::Function" -> its map).
using GlobalSections = std::map<std::string, const syntax::Node*, std::less<>>;
// `diags` may be null (no reports).
GlobalSections ReadGlobals(const cfn::Template& t, util::DiagnosticSink* diags);

// SAM's merge: maps merge recursively (the resource's keys win), lists
// concatenate (globals first), anything else (scalars, intrinsic functions,
// a type mismatch) takes the resource's value. Either side may be null.
const syntax::Node* MergeGlobals(const syntax::Node* global, const syntax::Node* local,
                                 NodeArena* arena);

// True for `!Ref x`, `{Ref: x}`, `{"Fn::...": ...}` and `{Condition: x}`.
bool IsIntrinsic(const syntax::Node* n);

// ---------------------------------------------------------------- context

// One AWS::Serverless::* resource after the Globals merge.
struct SamResource {
  const cfn::ResourceDecl* decl = nullptr;
  const syntax::Node* props = nullptr;  // merged Properties (may be null)
  cfn::Val val;                         // props evaluated
};

struct Context {
  Context(const cfn::Template& tmpl, cfn::Evaluator& evaluator, util::DiagnosticSink* d,
          model::Model* m)
      : t(tmpl), ev(evaluator), diags(d), model(m) {}

  const cfn::Template& t;
  cfn::Evaluator& ev;
  util::DiagnosticSink* diags;
  model::Model* model;
  std::string template_dir;
  NodeArena arena;
  GlobalSections globals;
  std::vector<SamResource> resources;  // every AWS::Serverless::* resource, in source order

  // Index into model->apis of the APIs this transform created, by id.
  std::map<std::string, size_t, std::less<>> api_index;
  // Auth.ApiKeyRequired of each REST API: the default of its event routes.
  std::map<std::string, model::Bool, std::less<>> api_key_required;
  // The routes of each API with a known method and path, by "METHOD path",
  // and how many of its routes are indexed (routes are only appended), so
  // that an event on a path the definition already has finds its route in
  // constant time.
  struct RouteIndex {
    std::unordered_map<std::string, size_t> by_key;
    size_t indexed = 0;
  };
  std::map<std::string, RouteIndex, std::less<>> route_index;

  // The declared type of a logical ID in this template ("" if none).
  std::string_view TypeOf(std::string_view id) const;
  bool IsFunction(std::string_view id) const;  // Serverless or Lambda function
  // The first of `refs` that names a function of this template, or "".
  std::string FunctionIn(const std::vector<std::string>& refs) const;
  model::Api* FindApi(std::string_view id);
  // A pseudo parameter's value as the evaluator knows it ("AWS::AccountId").
  cfn::Val Pseudo(std::string_view name, util::Loc at);
  void Warn(util::Loc at, std::string message) {
    if (ev.MayReport()) diags->Warning(at, std::move(message));
  }
};

// Base fields of a model resource made from `from` (the resource itself or
// one the transform generates from it): id, type, position, condition,
// generated_from and the resource's fnwarden ignores.
void InitResource(Context& ctx, model::Resource* r, std::string id, std::string type,
                  util::Loc loc, const cfn::ResourceDecl& from);

// ---------------------------------------------------------------- values

// The known text of a scalar Val, "" otherwise.
std::string Text(const cfn::Val* v);
// A string the transform computes, such as a generated ARN: resolved when it
// names nothing unknown, otherwise unknown with `display` as its text and
// `refs` naming the resources it comes from.
model::String Synthesized(std::string display, util::Loc at, std::vector<std::string> refs,
                          bool known = false);
// "${Id.Arn}" with refs {Id}: the ARN of a resource of this template.
model::String ArnOf(std::string_view id, util::Loc at);

// ---------------------------------------------------------------- IAM

model::Statement AllowStatement(const std::vector<std::string>& actions,
                                std::vector<model::String> resources, util::Loc at);
// A document the transform writes (marked `generated`).
model::PolicyDocument Document(std::string name, model::PolicySource source, util::Loc at,
                               std::vector<model::Statement> statements);
// A trust policy for `service` ("lambda.amazonaws.com").
model::PolicyDocument ServiceTrust(std::string_view service, util::Loc at);
// An AWS managed policy by name or ARN ("service-role/AWSLambdaBasicExecutionRole"
// or a full ARN); kUnresolved and known=false when not in the catalog.
model::PolicyDocument Managed(std::string_view name_or_arn, util::Loc at);

// Reads the `Policies` property of `r` (function or state machine) into
// `role`: managed names/ARNs, inline documents, SAM policy templates, Fn::If
// entries (a decided condition picks its branch; an undecided one keeps
// both). The inline policies are named "<role id>Policy<index>".
void ReadPolicies(Context& ctx, const SamResource& r, model::Role* role);

// ---------------------------------------------------------------- policy_templates.cc

// Expands SAM policy template `name` with its parameters taken from
// `params` (a map node of the user's template, or null for none). Returns
// false when `name` is not a policy template. Missing parameters are
// reported to diags and the template is skipped (SAM rejects it too).
bool ExpandPolicyTemplate(Context& ctx, std::string_view name, const syntax::Node* params,
                          util::Loc at, model::Role* role);

// ---------------------------------------------------------------- parts

// An AWS::Serverless::Function in two steps. BuildFunction reads its
// properties: the function without its events and URL, and the execution
// role SAM generates for it with the policies it asks for. It touches
// nothing but `r`, ctx.t, ctx.template_dir, ctx.ev, ctx.arena and
// ctx.Warn, so the functions of a large template are built side by side
// (Expand). AddFunction then adds the events and the URL, and the function
// and its role join the model.
struct FunctionParts {
  model::Function fn;
  std::optional<model::Role> role;  // the generated execution role, if any
};
void BuildFunction(Context& ctx, const SamResource& r, FunctionParts* out);
void AddFunction(Context& ctx, const SamResource& r, FunctionParts* parts);
void ExpandEvents(Context& ctx, const SamResource& r, model::Function* fn, model::Role* role);
// An AWS::Serverless::Api (`http` false) or HttpApi.
void ExpandApi(Context& ctx, const SamResource& r, bool http);
// ServerlessRestApi / ServerlessHttpApi, configured by the Globals Api /
// HttpApi section, created for the events of `first` (its position is the
// first such event's key).
void ExpandImplicitApi(Context& ctx, bool http, const cfn::ResourceDecl& first, util::Loc at);
void ExpandSimpleTable(Context& ctx, const SamResource& r);
void ExpandLayerVersion(Context& ctx, const SamResource& r);
// `dir` + `rel` with "." and ".." folded, as CodeUri and ContentUri resolve.
std::string JoinCodePath(const std::string& dir, const std::string& rel);
void ExpandStateMachine(Context& ctx, const SamResource& r);
void ExpandApplication(Context& ctx, const SamResource& r);
void ExpandConnector(Context& ctx, const SamResource& r);
// Embedded `Connectors:` on any resource of the template (the resource is
// the source).
void ExpandEmbeddedConnectors(Context& ctx, const cfn::ResourceDecl& d);

// A route onto API `api_id` from a function's or state machine's event,
// with the event's Auth and the API's defaults applied.
struct EventRoute {
  std::string api_id;
  bool http = false;
  util::Loc loc;             // the event's key
  model::String method;
  model::String path;
  const cfn::Val* auth = nullptr;  // the event's Auth map, if any
  std::string function_id;
  std::string source_id;
};
void AddEventRoute(Context& ctx, const EventRoute& er);

// The route authorization type ("NONE", "AWS_IAM", "CUSTOM",
// "COGNITO_USER_POOLS", "JWT") of authorizer `name` of `api`; "" if unknown.
std::string AuthorizationType(const model::Api& api, const std::string& name);

// Routes and authorizers of an inline OpenAPI (or Swagger 2) DefinitionBody:
// each operation's `security` (or the document's), the security schemes'
// x-amazon-apigateway-authtype / x-amazon-apigateway-authorizer, API keys,
// and the function named by x-amazon-apigateway-integration's uri.
void ReadOpenApi(Context& ctx, const cfn::Val& body, model::Api* api);

// Names the implicit APIs.
inline constexpr std::string_view kImplicitRestApi = "ServerlessRestApi";
inline constexpr std::string_view kImplicitHttpApi = "ServerlessHttpApi";

}  // namespace fnwarden::load::sam::internal

#endif  // FNWARDEN_LOAD_SAM_INTERNAL_H_
