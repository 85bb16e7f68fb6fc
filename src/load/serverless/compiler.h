// The compiler of a resolved Serverless service into the template the
// framework deploys, shared by its parts: compile.cc (the service, its
// functions and role, `resources` and `extensions`), events.cc (every event
// type and the APIs they make) and plugins.cc (what the plugins fnwarden
// reads add). Internal to load/serverless.
#ifndef FNWARDEN_LOAD_SERVERLESS_COMPILER_H_
#define FNWARDEN_LOAD_SERVERLESS_COMPILER_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/serverless/serverless.h"

namespace fnwarden::load::serverless::internal {

using syntax::MapEntry;
using syntax::Node;
using syntax::NodeArena;

bool IsUnknown(const Node* n);
// The scalar text of `n`, or "" when it is not a known scalar.
std::string_view Text(const Node* n);
// The major version a `frameworkVersion` constraint pins: 3 for "3",
// "^3", "~3.2", "3.28.1"; 0 when it allows more than one ("*", ">=3").
int PinnedMajor(std::string_view v);
// What makes two statements of RoleExtra the same: the value's text, or
// for a value fnwarden cannot know, where it was written.
std::string ExtraKey(const Node* value);
bool Truthy(const Node* n);
// The framework's normalisation of names into logical IDs: the first letter
// upper case, `-` as "Dash" and `_` as "Underscore"
// (`getNormalizedFunctionName`).
std::string Normalize(std::string_view name);
// Letters and digits only, the first upper case: how the framework makes
// bucket, topic, pool and path names part of logical IDs
// (`normalizeNameToAlphaNumericOnly`): "site-assets" gives "Siteassets".
std::string Alnum(std::string_view s);
std::string Lower(std::string_view s);
std::string Upper(std::string_view s);
std::string Capitalized(std::string_view s);  // "GET" -> "Get"
// Provider and function settings: the function's own wins.
const Node* Setting(const Node* fn, const Node* provider, std::string_view key);

class Compiler {
 public:
  Compiler(const Node* service, std::string stage, NodeArena* arena, util::DiagnosticSink* diags)
      : svc_(service), stage_(std::move(stage)), a_(*arena), diags_(diags) {}

  const Node* Run();
  // The logical IDs the service's `resources` declares (its author's).
  const std::set<std::string, std::less<>>& written() const { return written_; }

 private:
  // ---------------------------------------------------------- node helpers
  const Node* S(std::string_view text, util::Loc at) { return a_.Scalar(text, at); }
  const Node* P(std::string_view text, util::Loc at) { return a_.Plain(text, at); }
  const Node* Ref(std::string_view id, util::Loc at) { return a_.Tagged("!Ref", id, at); }
  const Node* Arn(std::string_view id, util::Loc at) {
    return a_.Tagged("!GetAtt", std::string(id) + ".Arn", at);
  }
  const Node* Sub(std::string_view text, util::Loc at) { return a_.Tagged("!Sub", text, at); }
  const Node* M(std::initializer_list<std::pair<std::string_view, const Node*>> kv, util::Loc at) {
    std::vector<MapEntry> entries;
    for (const auto& [k, v] : kv) {
      if (v != nullptr) entries.push_back(a_.Entry(k, v, at));
    }
    return a_.Map(entries, at);
  }
  const Node* L(std::vector<const Node*> items, util::Loc at) {
    std::erase(items, nullptr);
    return a_.Seq(items, at);
  }
  // A value as written, or an alternative when absent.
  static const Node* Or(const Node* a, const Node* b) { return a != nullptr ? a : b; }
  // A value that may be a list, as a list.
  const Node* AsList(const Node* n) {
    if (n == nullptr || n->is_seq()) return n;
    return a_.Seq({n}, n->loc);
  }

  void Warn(util::Loc at, std::string message) {
    diags_->Add({util::DiagLevel::kWarning, at, std::string(at.path()), std::move(message)});
  }

  // Adds a generated resource: {Type, Properties} at `at`. `from` names
  // the function it is generated for ("" for the service); the model does
  // not record a resource's origin yet.
  void Add(const std::string& id, std::string_view type, const Node* props, util::Loc at,
           const std::string& from = "") {
    (void)from;
    if (index_.count(id) != 0) return;  // the framework makes one per name
    index_[id] = resources_.size();
    resources_.push_back({id, M({{"Type", S(type, at)}, {"Properties", props}}, at), at});
  }

  // ---------------------------------------------------------- parts
  void ReadProvider();
  void CompileFunction(const MapEntry& fn);
  void CompileRole();
  void CompileDeploymentBucket();
  const Node* StateMachineRole(const std::string& machine_id, const Node* machine, util::Loc at);
  void TaskStatements(const Node* states, std::vector<const Node*>* out, bool* unknown, int depth);
  const Node* ProviderBoundary();
  // The trust policy of an execution role: Lambda may assume it.
  const Node* LambdaTrust(util::Loc at) {
    const Node* statement =
        M({{"Effect", S("Allow", at)},
           {"Principal", M({{"Service", L({S("lambda.amazonaws.com", at)}, at)}}, at)},
           {"Action", L({S("sts:AssumeRole", at)}, at)}},
          at);
    return M({{"Version", S("2012-10-17", at)}, {"Statement", L({statement}, at)}}, at);
  }
  void CompileEvent(const std::string& fn_id, const std::string& fn_norm, const Node* event,
                    size_t index);
  void HttpEvent(const std::string& fn_id, const std::string& norm, const Node* e, util::Loc at);
  void HttpApiEvent(const std::string& fn_id, const std::string& norm, const Node* e, util::Loc at);
  void WebsocketEvent(const std::string& fn_id, const std::string& norm, const Node* e,
                      util::Loc at);
  const Node* RestAuthorizer(const Node* authorizer, util::Loc at, std::string* type);
  std::string RestResource(std::string_view path, util::Loc at);
  const Node* AccessLogs(std::string_view key, std::string_view group, std::string_view format);
  const Node* LambdaUri(const Node* fn_arn, util::Loc at);
  const Node* IntegrationTarget(const std::string& integration, util::Loc at);
  void Permission(const std::string& id, const std::string& fn_id, std::string_view principal,
                  const Node* source_arn, util::Loc at);
  void CompileLayers();
  void CompileStateMachines();
  // Plugins (plugins.cc): whether `plugins` lists `name`; the custom
  // domains of serverless-domain-manager; the cache settings of
  // serverless-api-gateway-caching, noted per http event and then written
  // into the REST API's stage.
  bool HasPlugin(std::string_view name) const;
  void CompileCustomDomains();
  const Node* CachingSettings() const;
  void NoteCaching(const Node* event, std::string_view path, const std::string& method,
                   util::Loc at);
  void CompileApiCaching();
  void RestApi(util::Loc at);
  bool ResourcesMention(std::string_view id) const;
  void MergeResources();
  void ApplyExtensions();
  const Node* Merge(const Node* resource, const Node* over, util::Loc at);
  const Node* LogStatements(const std::vector<std::string>& function_names, util::Loc at);

  // ---------------------------------------------------------- state
  const Node* svc_;
  std::string stage_;
  NodeArena& a_;
  util::DiagnosticSink* diags_;

  const Node* provider_ = nullptr;
  const Node* iam_ = nullptr;  // provider.iam
  std::string service_name_;
  bool service_known_ = true;  // the service's name is known (names derived from it are)
  util::Loc provider_loc_;

  struct Generated {
    std::string id;
    const Node* node;
    util::Loc loc;
  };
  std::vector<Generated> resources_;
  std::map<std::string, size_t> index_;
  std::set<std::string, std::less<>> written_;
  std::vector<MapEntry> outputs_, conditions_, parameters_;

  // The shared execution role: the functions that use it, and the
  // statements events add to it.
  std::vector<std::string> role_functions_;
  // What the event sources of functions poll, for the statements the
  // framework adds to their role: of the function being compiled, and of
  // every function of the shared role.
  struct EventArns {
    std::vector<const Node*> sqs, dynamodb, kinesis;
  };
  EventArns* event_arns_ = nullptr;
  EventArns shared_role_arns_;
  void AppendEventStatements(const EventArns& arns, util::Loc at,
                             std::vector<const Node*>* statements);
  bool role_in_vpc_ = false;    // one of its functions is in a VPC
  bool role_external_ = false;  // provider.iam.role is an ARN or a name
  std::set<std::string> function_keys_;
  std::map<std::string, std::string> custom_names_;  // key -> `name` when written
  std::set<std::string> no_logs_;                    // keys of the functions with disableLogs
  // What functions' settings add to the shared execution role when the
  // framework creates it (kms:Decrypt on a kmsKeyArn, X-Ray for tracing,
  // sns:Publish on an onError target, EFS mounts), once each.
  std::vector<const Node*> role_extras_;
  std::set<std::string> role_extra_keys_;
  void RoleExtra(const std::string& key, std::vector<std::string_view> actions,
                 const Node* resource, util::Loc at);
  std::map<std::string, std::string> function_ids_;    // key -> logical ID
  std::map<std::string, std::string> rest_resources_;  // path -> logical ID
  bool rest_api_ = false, http_api_ = false, websocket_api_ = false;
  size_t schedule_count_ = 0;
  struct CachedMethod {
    std::string resource_path;  // "/~1orders~1{id}", as MethodSettings writes it
    std::string method;
    const Node* enabled;
    const Node* encrypted;  // null: the plugin's default, unencrypted
    util::Loc at;
  };
  std::vector<CachedMethod> cached_methods_;
};

}  // namespace fnwarden::load::serverless::internal

#endif  // FNWARDEN_LOAD_SERVERLESS_COMPILER_H_
