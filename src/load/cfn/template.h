// A CloudFormation (or SAM) template read from a syntax tree, and the
// evaluator of its intrinsic functions.
//
// Flow for one template:
//   Template t;  ReadTemplate(doc, &t, diags);          // sections, no evaluation
//   Evaluator ev(t, options, diags);                    // parameters, conditions
//   model::Model m;  sam::Expand(t, ev, ..., &m);       // SAM resources, if Transform
//                    AdaptResources(t, ev, ..., &m);    // plain CloudFormation resources
//                    load::Link(&m);                    // cross-resource references (load/link.h)
#ifndef FNWARDEN_LOAD_CFN_TEMPLATE_H_
#define FNWARDEN_LOAD_CFN_TEMPLATE_H_

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/cfn/val.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace fnwarden::load::cfn {

struct ParameterDecl {
  std::string name;
  util::Loc loc;
  std::string type;                  // "String", "Number", "AWS::SSM::Parameter::Value<String>", ...
  const syntax::Node* default_value = nullptr;
  bool no_echo = false;
  std::vector<std::string> allowed_values;
};

struct ResourceDecl {
  std::string id;
  std::string type;
  util::Loc loc;                        // the logical ID key
  const syntax::Node* node = nullptr;   // the resource's map
  const syntax::Node* properties = nullptr;
  const syntax::Node* metadata = nullptr;
  std::string condition;
};

struct Template {
  const syntax::Document* doc = nullptr;
  const util::SourceFile* file = nullptr;
  bool has_format_version = false;
  std::vector<std::string> transforms;  // e.g. "AWS::Serverless-2016-10-31"
  // The SAM transform is declared, or AWS::Serverless::* resources are.
  bool is_sam() const;
  std::vector<ParameterDecl> parameters;
  const syntax::Node* mappings = nullptr;
  const syntax::Node* conditions = nullptr;
  const syntax::Node* globals = nullptr;  // SAM Globals
  std::vector<ResourceDecl> resources;    // in source order
  // The first resource declared with logical ID `id`; nullptr when none.
  // Constant time on what ReadTemplate read; a scan once `resources` has
  // changed size since.
  const ResourceDecl* FindResource(std::string_view id) const;

  // Set by ReadTemplate: each logical ID's first position in `resources`
  // (keys point into the syntax tree), and the size of `resources` then.
  std::unordered_map<std::string_view, size_t> resource_index;
  size_t indexed_resources = 0;
};

// True when `root` looks like a CloudFormation template: it has
// AWSTemplateFormatVersion, or a Resources map whose entries have AWS:: types
// (a template.yaml without the version line is still a template).
bool LooksLikeTemplate(const syntax::Node* root);

// Reads the sections of a template. Reports structural problems (Resources
// not a map, a resource without Type) to `diags` and skips those parts.
// Returns false when `doc` is not a template at all.
bool ReadTemplate(const syntax::Document& doc, Template* out, util::DiagnosticSink* diags);

struct EvalOptions {
  // --param Name=Value overrides; also pseudo parameters such as
  // "AWS::Region" or "AWS::AccountId" when the user supplies them.
  std::map<std::string, std::string> parameters;
  // For a nested template: the values its parent stack passes to its
  // parameters. They take the place of --param and of the defaults; an
  // unknown one keeps its references to the parent's resources.
  const std::map<std::string, model::String>* inputs = nullptr;
  // For a parent template: the outputs of the nested stacks it reads
  // locally, by the stack's logical ID and then the output's name.
  // `!GetAtt Stack.Outputs.Name` takes that value (with its references and
  // pieces) instead of staying unknown.
  const std::map<std::string, std::map<std::string, model::String>>* stack_outputs = nullptr;
};

// Evaluates intrinsic functions: Ref, Fn::GetAtt, Fn::Sub (both forms),
// Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::If, Fn::Equals, Fn::And,
// Fn::Or, Fn::Not, Condition, Fn::Base64, Fn::GetAZs, Fn::ImportValue,
// Fn::Cidr, Fn::Length, Fn::ToJsonString, AWS::NoValue and the pseudo
// parameters. Not thread-safe (it caches); use one per template.
class Evaluator {
 public:
  Evaluator(const Template& t, EvalOptions options, util::DiagnosticSink* diags);

  // Evaluates a node; nullptr gives a kNull Val.
  Val Eval(const syntax::Node* node);
  // A named condition: true/false when decidable, nullopt otherwise.
  std::optional<bool> Condition(std::string_view name);
  // Logical IDs that exist although the template does not declare them (the
  // ones the SAM transform generates: "ServerlessRestApi", "<Fn>Role", ...),
  // so references to them are not reported as dangling.
  void AddImplicitResource(std::string id);
  // The resolved parameter values, for reports.
  std::map<std::string, std::string> ParameterValues() const;

  // Calls fn(i, ev) for every i in [0, n) and leaves this evaluator as
  // calling them in order on it would. For large n, on up to `jobs` threads
  // (0: every hardware thread): each works on a copy of this evaluator
  // through `ev`, and what the copies evaluated and cached joins this one.
  // When a call on a copy would report a problem, reach a cap or exceed the
  // copy budget, or throws, every call is made again, in order, on this
  // evaluator, so `fn` must write only what belongs to `i` and overwrite
  // it. Results and diagnostics are the same whatever `jobs` is.
  void SideBySide(size_t n, unsigned jobs, const std::function<void(size_t, Evaluator&)>& fn);
  // For code run through SideBySide that reports problems of its own: true
  // when it may report them. False on a copy, which then counts as having
  // reported, so that every call is made again in order on this evaluator.
  bool MayReport();

 private:
  struct Impl;
  explicit Evaluator(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

// Builds model resources for the plain CloudFormation types of the model
// (Lambda, IAM, API Gateway v1/v2, S3, DynamoDB, SQS, SNS, KMS, Secrets
// Manager, SSM, Logs, Step Functions, EventBridge, Cognito, CloudTrail,
// WAFv2, CloudWatch) and appends them to `model`, with the template's
// Parameters and Outputs as the model's inputs and outputs. Resource types it
// does not model are skipped silently. Last, every resource of `model`, SAM's
// included, gets its deployed ARN and name (NameResources). A large
// template's structs are made on up to `jobs` threads (0: every hardware
// thread); the model is the same whatever `jobs` is.
void AdaptResources(const Template& t, Evaluator& ev, util::DiagnosticSink* diags,
                    model::Model* model, unsigned jobs = 1);

// A REST API stage's per-method settings (MethodSettings entries other than
// the stage-wide "/*" + "*", which the caller reads): when the stage-wide
// default does not cache in the clear, the first method that caches without
// encrypting its cache sets the stage's cache_enabled and cache_encrypted,
// so that FNW-ENC-008 sees responses cached unencrypted and points at that
// entry. Shared by the CloudFormation and SAM adapters.
void ReadMethodCaching(const Val* settings, model::Stage* stage);

// The resource-level suppressions in a resource's Metadata:
// `fnwarden: {ignore: [{id: FNW-..., reason: ...}]}`.
std::vector<model::ResourceIgnore> ReadIgnores(const ResourceDecl& r, Evaluator& ev);

}  // namespace fnwarden::load::cfn

#endif  // FNWARDEN_LOAD_CFN_TEMPLATE_H_
