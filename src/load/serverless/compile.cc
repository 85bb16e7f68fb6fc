// Compiles a resolved Serverless service into the CloudFormation template
// the framework deploys (see serverless.h). Names, defaults and generated
// statements follow the framework's AWS provider (v3, which v4 keeps):
// functions, their execution role, log groups and versions, function URLs,
// destinations, and every event type.
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/serverless/serverless.h"

namespace fnwarden::load::serverless {
namespace {

using syntax::MapEntry;
using syntax::Node;
using syntax::NodeArena;

bool IsUnknown(const Node* n) { return n != nullptr && n->tag == syntax::kUnknownTag; }

// The scalar text of `n`, or "" when it is not a known scalar.
std::string_view Text(const Node* n) {
  return n != nullptr && n->is_scalar() && !IsUnknown(n) ? n->scalar : std::string_view();
}

// The major version a `frameworkVersion` constraint pins: 3 for "3",
// "^3", "~3.2", "3.28.1"; 0 when it allows more than one ("*", ">=3").
int PinnedMajor(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '^' || v.front() == '~' ||
                        v.front() == '=' || v.front() == 'v')) {
    v.remove_prefix(1);
  }
  int major = 0;
  size_t i = 0;
  for (; i < v.size() && i < 3 && v[i] >= '0' && v[i] <= '9'; ++i) major = major * 10 + (v[i] - '0');
  if (i == 0) return 0;
  // "3 || 4", "3 - 4" and the like allow more than one.
  if (v.find('|') != std::string_view::npos || v.find(" - ") != std::string_view::npos) return 0;
  return major;
}

// What makes two statements of RoleExtra the same: the value's text, or
// for a value fnwarden cannot know, where it was written.
std::string ExtraKey(const Node* value) {
  std::string_view text = Text(value);
  if (!text.empty() && !IsUnknown(value)) return std::string(text);
  return "@" + std::to_string(value->loc.line) + ":" + std::to_string(value->loc.col);
}

bool Truthy(const Node* n) {
  std::string_view t = Text(n);
  return t == "true" || t == "True" || t == "TRUE";
}

// The framework's normalisation of names into logical IDs: the first letter
// upper case, `-` as "Dash" and `_` as "Underscore"
// (`getNormalizedFunctionName`).
std::string Normalize(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-') {
      out += "Dash";
    } else if (c == '_') {
      out += "Underscore";
    } else {
      out += c;
    }
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// Letters and digits only, the first upper case: how the framework makes
// bucket, topic, pool and path names part of logical IDs
// (`normalizeNameToAlphaNumericOnly`): "site-assets" gives "Siteassets".
std::string Alnum(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

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
  std::map<std::string, std::string> custom_names_;    // key -> `name` when written
  std::set<std::string> no_logs_;                      // keys of the functions with disableLogs
  // What functions' settings add to the shared execution role when the
  // framework creates it (kms:Decrypt on a kmsKeyArn, X-Ray for tracing,
  // sns:Publish on an onError target, EFS mounts), once each.
  std::vector<const Node*> role_extras_;
  std::set<std::string> role_extra_keys_;
  void RoleExtra(const std::string& key, std::vector<std::string_view> actions, const Node* resource,
                 util::Loc at);
  std::map<std::string, std::string> function_ids_;    // key -> logical ID
  std::map<std::string, std::string> rest_resources_;  // path -> logical ID
  bool rest_api_ = false, http_api_ = false, websocket_api_ = false;
  size_t schedule_count_ = 0;
};

const Node* Compiler::Run() {
  ReadProvider();
  const Node* functions = svc_->Get("functions");
  if (functions != nullptr && functions->is_map()) {
    for (const MapEntry& fn : functions->entries) {
      function_keys_.insert(std::string(fn.key->scalar));
      std::string_view name = fn.value != nullptr && fn.value->is_map()
                                  ? Text(fn.value->Get("name"))
                                  : std::string_view();
      if (!name.empty()) custom_names_[std::string(fn.key->scalar)] = std::string(name);
      if (fn.value != nullptr && fn.value->is_map() &&
          Truthy(Setting(fn.value, provider_, "disableLogs"))) {
        no_logs_.insert(std::string(fn.key->scalar));
      }
      function_ids_[std::string(fn.key->scalar)] = FunctionLogicalId(fn.key->scalar);
    }
    for (const MapEntry& fn : functions->entries) CompileFunction(fn);
  } else if (functions != nullptr && !functions->is_null() && !IsUnknown(functions)) {
    Warn(functions->loc, "`functions` is not a mapping of function names; no function is read");
  }
  CompileLayers();
  CompileStateMachines();
  CompileRole();
  CompileDeploymentBucket();
  // A service may add methods to the REST API the framework would make
  // without having an http event itself.
  if (!rest_api_ && ResourcesMention("ApiGatewayRestApi")) RestApi(svc_->loc);
  MergeResources();
  ApplyExtensions();

  util::Loc at = svc_->loc;
  std::vector<MapEntry> res;
  for (const Generated& g : resources_) res.push_back(a_.Entry(g.id, g.node, g.loc));
  std::vector<MapEntry> root = {
      a_.Entry("AWSTemplateFormatVersion", S("2010-09-09", at), at),
      a_.Entry("Resources", a_.Map(res, at), at),
  };
  if (!outputs_.empty()) root.push_back(a_.Entry("Outputs", a_.Map(outputs_, at), at));
  if (!conditions_.empty()) root.push_back(a_.Entry("Conditions", a_.Map(conditions_, at), at));
  if (!parameters_.empty()) root.push_back(a_.Entry("Parameters", a_.Map(parameters_, at), at));
  return a_.Map(root, at);
}

void Compiler::ReadProvider() {
  const Node* name = svc_->Get("service");
  if (name != nullptr && name->is_map()) name = name->Get("name");  // v1's `service: {name}`
  service_name_ = std::string(Text(name));
  if (service_name_.empty()) {
    // `service: ${env:NAME}`: what the framework names after the service
    // (functions, log groups) is unknown too.
    service_known_ = false;
    service_name_ = "service";
  }
  provider_ = svc_->Get("provider");
  if (provider_ != nullptr && !provider_->is_map()) provider_ = nullptr;
  provider_loc_ = svc_->GetKey("provider") ? svc_->GetKey("provider")->loc : svc_->loc;
  iam_ = provider_ != nullptr ? provider_->Get("iam") : nullptr;
  const Node* role = iam_ != nullptr && iam_->is_map() ? iam_->Get("role") : nullptr;
  if (role == nullptr && provider_ != nullptr) role = provider_->Get("role");  // legacy
  role_external_ = role != nullptr && !role->is_map() && !role->is_null();
}

const Node* Setting(const Node* fn, const Node* provider, std::string_view key) {
  const Node* v = fn != nullptr && fn->is_map() ? fn->Get(key) : nullptr;
  if (v == nullptr && provider != nullptr) v = provider->Get(key);
  return v;
}

void Compiler::CompileFunction(const MapEntry& entry) {
  std::string key(entry.key->scalar);
  util::Loc at = entry.key->loc;
  const Node* fn = entry.value;
  if (fn == nullptr || !fn->is_map()) {
    if (!IsUnknown(fn)) Warn(at, "function " + key + " is not a mapping; skipped");
    return;
  }
  std::string norm = Normalize(key);
  std::string id = FunctionLogicalId(key);
  const Node* p = provider_;

  std::vector<MapEntry> props;
  auto put = [&](std::string_view k, const Node* v) {
    if (v != nullptr) props.push_back(a_.Entry(k, v, v->loc.known() ? v->loc : at));
  };
  const Node* image = fn->Get("image");
  if (image != nullptr) {
    const Node* uri = image->is_map() ? Or(image->Get("uri"), image->Get("name")) : image;
    put("PackageType", S("Image", image->loc));
    put("Code", M({{"ImageUri", uri}}, image->loc));
  } else {
    put("Handler", fn->Get("handler"));
    // Without a runtime, the framework's default applies, and it changed
    // between releases: unknown, never guessed.
    put("Runtime",
        Or(Setting(fn, p, "runtime"), a_.Unknown("the framework's default runtime", at)));
    // The service folder (or the function's own package): where the
    // framework packages the handler from.
    const Node* package = fn->Get("package");
    const Node* artifact =
        package != nullptr && package->is_map() ? package->Get("artifact") : nullptr;
    put("Code", Or(artifact, S(".", at)));
  }
  put("FunctionName",
      Or(fn->Get("name"), service_known_ ? S(service_name_ + "-" + stage_ + "-" + key, at)
                                         : a_.Unknown("${service}-${stage}-" + key, at)));
  put("MemorySize", Or(Setting(fn, p, "memorySize"), a_.Plain("1024", at)));
  put("Timeout", Or(Setting(fn, p, "timeout"), a_.Plain("6", at)));

  // Environment: the provider's, then the function's.
  {
    std::vector<MapEntry> vars;
    std::map<std::string, size_t> at_index;
    for (const Node* env :
         {p != nullptr ? p->Get("environment") : nullptr, fn->Get("environment")}) {
      if (env == nullptr || !env->is_map()) continue;
      for (const MapEntry& v : env->entries) {
        std::string name(v.key->scalar);
        if (auto it = at_index.find(name); it != at_index.end()) {
          vars[it->second] = v;
        } else {
          at_index[name] = vars.size();
          vars.push_back(v);
        }
      }
    }
    if (!vars.empty()) put("Environment", M({{"Variables", a_.Map(vars, at)}}, at));
  }

  // Events first: those that poll a queue or a stream add to the role.
  EventArns arns;
  event_arns_ = &arns;
  const Node* events = fn->Get("events");
  if (events != nullptr && events->is_seq()) {
    for (size_t i = 0; i < events->items.size(); ++i) CompileEvent(id, norm, events->items[i], i);
  } else if (events != nullptr && !events->is_null() && !IsUnknown(events)) {
    Warn(events->loc, "function " + key + ": `events` is not a list; no event is read");
  }
  event_arns_ = nullptr;

  // The role: the function's own, the provider's, the per-function role of
  // serverless-iam-roles-per-function, or the shared generated one.
  const Node* role = fn->Get("role");
  const Node* provider_role = nullptr;
  if (iam_ != nullptr && iam_->is_map() && role_external_) provider_role = iam_->Get("role");
  if (provider_role == nullptr && p != nullptr && role_external_) provider_role = p->Get("role");
  const Node* own_statements = fn->Get("iamRoleStatements");
  auto role_ref = [&](const Node* r) -> const Node* {
    std::string_view name = Text(r);
    if (r->is_map() || IsUnknown(r) || name.starts_with("arn:")) return r;
    return Arn(name, r->loc);
  };
  if (role != nullptr) {
    put("Role", role_ref(role));
  } else if (own_statements != nullptr) {
    std::string role_id = norm + "IamRoleLambdaExecution";
    std::vector<const Node*> statements = {LogStatements({key}, own_statements->loc)};
    std::vector<const Node*> list;
    if (const Node* ls = statements[0]; ls != nullptr) {
      for (const Node* s : ls->items) list.push_back(s);
    }
    for (const Node* s :
         own_statements->is_seq() ? own_statements->items : std::span<const Node* const>()) {
      list.push_back(s);
    }
    AppendEventStatements(arns, own_statements->loc, &list);
    // The function's own setting wins over the plugin's default.
    const Node* plugin = svc_->Get("custom") != nullptr
                             ? svc_->Get("custom")->Get("serverless-iam-roles-per-function")
                             : nullptr;
    const Node* inherit_setting = fn->Get("iamRoleStatementsInherit");
    bool inherit = inherit_setting != nullptr
                       ? Truthy(inherit_setting)
                       : plugin != nullptr && Truthy(plugin->Get("defaultInherit"));
    if (inherit) {
      const Node* r = iam_ != nullptr && iam_->is_map() ? iam_->Get("role") : nullptr;
      const Node* st = r != nullptr && r->is_map() ? r->Get("statements") : nullptr;
      if (st == nullptr && p != nullptr) st = p->Get("iamRoleStatements");
      if (st != nullptr && st->is_seq()) {
        for (const Node* s : st->items) list.push_back(s);
      }
    }
    util::Loc rl = own_statements->loc;
    const Node* trust = LambdaTrust(rl);
    Add(role_id, "AWS::IAM::Role",
        M({{"AssumeRolePolicyDocument", trust},
           {"Policies",
            L({M({{"PolicyName", S(service_name_ + "-" + stage_ + "-" + key, rl)},
                  {"PolicyDocument",
                   M({{"Version", S("2012-10-17", rl)}, {"Statement", a_.Seq(list, rl)}}, rl)}},
                 rl)},
              rl)},
           {"ManagedPolicyArns", fn->Get("iamManagedPolicies")},
           {"PermissionsBoundary", Or(fn->Get("iamPermissionsBoundary"), ProviderBoundary())}},
          rl),
        rl, id);
    put("Role", Arn(role_id, rl));
  } else if (provider_role != nullptr) {
    put("Role", role_ref(provider_role));
  } else {
    role_functions_.push_back(key);
    for (auto [from, to] : {std::pair{&arns.sqs, &shared_role_arns_.sqs},
                            std::pair{&arns.dynamodb, &shared_role_arns_.dynamodb},
                            std::pair{&arns.kinesis, &shared_role_arns_.kinesis}}) {
      to->insert(to->end(), from->begin(), from->end());
    }
    role_in_vpc_ = role_in_vpc_ || fn->Get("vpc") != nullptr;
    put("Role", Arn("IamRoleLambdaExecution", at));
  }

  if (const Node* kms = Setting(fn, p, "kmsKeyArn")) {
    put("KmsKeyArn", kms);
    if (kms->is_scalar()) RoleExtra("kms " + ExtraKey(kms), {"kms:Decrypt"}, kms, kms->loc);
  }
  {
    // `fn.tracing || provider.tracing.lambda`: false falls back too.
    const Node* tracing = fn->Get("tracing");
    if ((tracing == nullptr || Text(tracing) == "false") && p != nullptr) {
      const Node* pt = p->Get("tracing");
      const Node* provider_tracing = pt != nullptr && pt->is_map() ? pt->Get("lambda") : nullptr;
      if (provider_tracing != nullptr) tracing = provider_tracing;
    }
    if (tracing != nullptr) {
      std::string_view t = Text(tracing);
      const Node* mode = t == "true" || t == "Active" || t == "active" ? S("Active", tracing->loc)
                         : t == "PassThrough" || t == "false" ? S("PassThrough", tracing->loc)
                                                              : tracing;
      put("TracingConfig", M({{"Mode", mode}}, tracing->loc));
      if (t != "false") {
        RoleExtra("xray", {"xray:PutTraceSegments", "xray:PutTelemetryRecords"},
                  S("*", tracing->loc), tracing->loc);
      }
    }
  }
  if (const Node* vpc = Setting(fn, p, "vpc"); vpc != nullptr && vpc->is_map()) {
    put("VpcConfig", M({{"SecurityGroupIds", vpc->Get("securityGroupIds")},
                        {"SubnetIds", vpc->Get("subnetIds")}},
                       vpc->loc));
  }
  put("ReservedConcurrentExecutions", Or(fn->Get("reservedConcurrency"), fn->Get("concurrency")));
  if (const Node* layers = Setting(fn, p, "layers")) put("Layers", AsList(layers));
  if (const Node* arch = Setting(fn, p, "architecture")) put("Architectures", AsList(arch));
  if (const Node* on_error = fn->Get("onError")) {
    put("DeadLetterConfig", M({{"TargetArn", on_error}}, on_error->loc));
    if (on_error->is_scalar()) {
      RoleExtra("sns " + ExtraKey(on_error), {"sns:Publish"}, on_error, on_error->loc);
    }
  }
  if (const Node* efs = fn->Get("fileSystemConfig"); efs != nullptr && efs->is_map()) {
    if (const Node* arn = efs->Get("arn")) {
      RoleExtra("efs " + ExtraKey(arn),
                {"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"}, arn, efs->loc);
    }
  }
  Add(id, "AWS::Lambda::Function", a_.Map(props, at), at);

  // The log group the framework creates for the function.
  bool logs = !Truthy(Setting(fn, p, "disableLogs"));
  if (logs) {
    const Node* name = nullptr;
    for (const MapEntry& e : props) {
      if (e.key->scalar == "FunctionName") name = e.value;
    }
    std::string fn_name(Text(name));
    const Node* group_name = fn_name.empty() ? a_.Unknown("/aws/lambda/${function name}", at)
                                             : S("/aws/lambda/" + fn_name, at);
    Add(norm + "LogGroup", "AWS::Logs::LogGroup",
        M({{"LogGroupName", group_name}, {"RetentionInDays", Setting(fn, p, "logRetentionInDays")}},
          at),
        at, id);
  }
  // Versions, unless the service turns them off.
  const Node* versions = p != nullptr ? p->Get("versionFunctions") : nullptr;
  const Node* own = fn->Get("versionFunction");
  bool versioned = own != nullptr ? Text(own) != "false" : Text(versions) != "false";
  if (versioned || fn->Get("provisionedConcurrency") != nullptr) {
    Add(norm + "LambdaVersion", "AWS::Lambda::Version", M({{"FunctionName", Ref(id, at)}}, at), at,
        id);
  }
  if (const Node* pc = fn->Get("provisionedConcurrency")) {
    Add(norm + "ProvConcLambdaAlias", "AWS::Lambda::Alias",
        M({{"FunctionName", Ref(id, pc->loc)},
           {"FunctionVersion", a_.Tagged("!GetAtt", norm + "LambdaVersion.Version", pc->loc)},
           {"Name", S("provisioned", pc->loc)}},
          pc->loc),
        pc->loc, id);
  }

  // Function URL.
  if (const Node* url = fn->Get("url"); url != nullptr && Text(url) != "false") {
    util::Loc ul = url->loc;
    bool iam = url->is_map() && Lower(Text(url->Get("authorizer"))) == "aws_iam";
    std::string auth = iam ? "AWS_IAM" : "NONE";
    const Node* cors = nullptr;
    if (url->is_map()) {
      if (const Node* c = url->Get("cors")) {
        cors = c->is_map() ? M({{"AllowOrigins", AsList(c->Get("allowedOrigins"))},
                                {"AllowCredentials", c->Get("allowCredentials")}},
                               c->loc)
                           : M({{"AllowOrigins", L({S("*", c->loc)}, c->loc)}}, c->loc);
      }
    }
    Add(norm + "LambdaFunctionUrl", "AWS::Lambda::Url",
        M({{"AuthType", S(auth, ul)}, {"TargetFunctionArn", Arn(id, ul)}, {"Cors", cors}}, ul), ul,
        id);
    if (!iam) {
      Add(norm + "LambdaPermissionFnUrl", "AWS::Lambda::Permission",
          M({{"FunctionName", Arn(id, ul)},
             {"Action", S("lambda:InvokeFunctionUrl", ul)},
             {"Principal", S("*", ul)},
             {"FunctionUrlAuthType", S("NONE", ul)}},
            ul),
          ul, id);
    }
  }

  // Destinations.
  if (const Node* dest = fn->Get("destinations"); dest != nullptr && dest->is_map()) {
    auto target = [&](const Node* d) -> const Node* {
      if (d == nullptr) return nullptr;
      const Node* arn = d->is_map() ? d->Get("arn") : d;
      std::string_view name = Text(arn);
      if (function_keys_.count(std::string(name)) != 0) {
        return Arn(function_ids_[std::string(name)], arn->loc);
      }
      return arn;
    };
    const Node* ok = target(dest->Get("onSuccess"));
    const Node* fail = target(dest->Get("onFailure"));
    Add(norm + "LambdaEvConf", "AWS::Lambda::EventInvokeConfig",
        M({{"FunctionName", Ref(id, dest->loc)},
           {"Qualifier", S("$LATEST", dest->loc)},
           {"DestinationConfig",
            M({{"OnSuccess", ok ? M({{"Destination", ok}}, ok->loc) : nullptr},
               {"OnFailure", fail ? M({{"Destination", fail}}, fail->loc) : nullptr}},
              dest->loc)}},
          dest->loc),
        dest->loc, id);
  }
}

// The statements the framework gives every execution role: its functions
// may write their own log groups. One prefix covers every function named
// `<service>-<stage>-<key>` (the default); a function named otherwise gets
// an entry of its own, unless its logs are disabled. When the prefix is
// granted, a function under it with `disableLogs` is denied
// logs:PutLogEvents on its group. `functions` are the function keys.
const Node* Compiler::LogStatements(const std::vector<std::string>& functions, util::Loc at) {
  const std::string prefix = service_name_ + "-" + stage_;
  const std::string base =
      "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
      "/aws/lambda/";
  std::vector<const Node*> groups, streams, silenced;
  bool prefixed = false;  // a function under the prefix writes logs
  for (const std::string& key : functions) {
    auto it = custom_names_.find(key);
    bool canonical = it == custom_names_.end() || it->second.starts_with(prefix);
    bool logs = !no_logs_.contains(key);
    if (canonical) {
      prefixed = prefixed || logs;
      if (!logs) {
        silenced.push_back(
            Sub(base + (it == custom_names_.end() ? prefix + "-" + key : it->second) + ":*", at));
      }
    } else if (logs) {
      groups.push_back(Sub(base + it->second + ":*", at));
      streams.push_back(Sub(base + it->second + ":*:*", at));
    }
  }
  if (prefixed) {
    groups.insert(groups.begin(), Sub(base + prefix + "*:*", at));
    streams.insert(streams.begin(), Sub(base + prefix + "*:*:*", at));
  }
  std::vector<const Node*> out;
  if (prefixed && !silenced.empty()) {
    out.push_back(M({{"Effect", S("Deny", at)},
                     {"Action", S("logs:PutLogEvents", at)},
                     {"Resource", a_.Seq(silenced, at)}},
                    at));
  }
  if (!groups.empty()) {
    out.push_back(M({{"Effect", S("Allow", at)},
                     {"Action", L({S("logs:CreateLogStream", at), S("logs:CreateLogGroup", at),
                                   S("logs:TagResource", at)},
                                  at)},
                     {"Resource", a_.Seq(groups, at)}},
                    at));
    out.push_back(M({{"Effect", S("Allow", at)},
                     {"Action", L({S("logs:PutLogEvents", at)}, at)},
                     {"Resource", a_.Seq(streams, at)}},
                    at));
  }
  return a_.Seq(out, at);
}

// The permissions boundary of the service's roles: provider.iam.role's (or
// the legacy rolePermissionsBoundary), else the plugin's global one. The
// per-function roles of serverless-iam-roles-per-function copy it.
// The bucket framework v3 and earlier create in the stack for the
// service's artifacts, with its AES256 encryption and the policy that
// denies requests without TLS. Framework v4 deploys to a bucket outside
// the stack, and an unpinned frameworkVersion leaves it unknown which
// deploys: then nothing is made. So is it when provider.deploymentBucket
// names an existing bucket.
void Compiler::CompileDeploymentBucket() {
  const Node* version = svc_->Get("frameworkVersion");
  int major = PinnedMajor(Text(version));
  if (major == 0 || major > 3) return;
  const Node* db = provider_ != nullptr ? provider_->Get("deploymentBucket") : nullptr;
  if (db != nullptr && (db->is_scalar() || (db->is_map() && db->Get("name") != nullptr))) return;
  const Node* config = db != nullptr && db->is_map() ? db : nullptr;
  const Node* key = provider_ != nullptr ? provider_->GetKey("deploymentBucket") : nullptr;
  util::Loc at = key != nullptr ? key->loc : provider_loc_;
  const Node* sse = config != nullptr ? config->Get("serverSideEncryption") : nullptr;
  const Node* kms = config != nullptr ? config->Get("sseKMSKeyId") : nullptr;
  const Node* block = config != nullptr ? config->Get("blockPublicAccess") : nullptr;
  const Node* versioning = config != nullptr ? config->Get("versioning") : nullptr;
  const Node* all_true = Truthy(block) ? P("true", block->loc) : nullptr;
  Add("ServerlessDeploymentBucket", "AWS::S3::Bucket",
      M({{"BucketEncryption",
          M({{"ServerSideEncryptionConfiguration",
              L({M({{"ServerSideEncryptionByDefault",
                     M({{"SSEAlgorithm", sse != nullptr ? sse : S("AES256", at)},
                        {"KMSMasterKeyID", kms}},
                       at)}},
                   at)},
                at)}},
            at)},
         {"PublicAccessBlockConfiguration",
          all_true != nullptr ? M({{"BlockPublicAcls", all_true},
                                   {"BlockPublicPolicy", all_true},
                                   {"IgnorePublicAcls", all_true},
                                   {"RestrictPublicBuckets", all_true}},
                                  block->loc)
                              : nullptr},
         {"VersioningConfiguration",
          Truthy(versioning) ? M({{"Status", S("Enabled", versioning->loc)}}, versioning->loc)
                             : nullptr}},
        at),
      at);
  if (config != nullptr && Truthy(config->Get("skipPolicySetup"))) return;
  Add("ServerlessDeploymentBucketPolicy", "AWS::S3::BucketPolicy",
      M({{"Bucket", Ref("ServerlessDeploymentBucket", at)},
         {"PolicyDocument",
          M({{"Statement",
              L({M({{"Action", S("s3:*", at)},
                    {"Effect", S("Deny", at)},
                    {"Principal", S("*", at)},
                    {"Resource",
                     L({Sub("arn:${AWS::Partition}:s3:::${ServerlessDeploymentBucket}/*", at),
                        Sub("arn:${AWS::Partition}:s3:::${ServerlessDeploymentBucket}", at)},
                       at)},
                    {"Condition",
                     M({{"Bool", M({{"aws:SecureTransport", P("false", at)}}, at)}}, at)}},
                   at)},
                at)}},
            at)}},
        at),
      at);
}

// The role serverless-step-functions creates for a state machine without
// `role` (<Machine>Role): trusted by states.<region>.amazonaws.com, and
// allowed what the definition's Task states call, as the plugin derives it
// (Lambda, SQS, SNS and DynamoDB tasks; any other task makes the policy
// one fnwarden cannot read). No task at all: the plugin denies everything.
const Node* Compiler::StateMachineRole(const std::string& machine_id, const Node* machine,
                                       util::Loc at) {
  std::vector<const Node*> statements;
  bool unknown = false;
  const Node* definition = machine->Get("definition");
  if (definition != nullptr && definition->is_map()) {
    TaskStatements(definition->Get("States"), &statements, &unknown, 0);
  } else {
    unknown = true;  // a file, a variable: not read
  }
  if (machine->Get("loggingConfig") != nullptr) {
    std::vector<const Node*> actions;
    for (std::string_view a : {"logs:CreateLogDelivery", "logs:GetLogDelivery",
                               "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
                               "logs:ListLogDeliveries", "logs:PutResourcePolicy",
                               "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"}) {
      actions.push_back(S(a, at));
    }
    statements.push_back(M({{"Effect", S("Allow", at)},
                            {"Action", a_.Seq(actions, at)},
                            {"Resource", S("*", at)}},
                           at));
  }
  if (unknown) statements.push_back(a_.Unknown("a statement for a task fnwarden does not read", at));
  if (statements.empty()) {
    statements.push_back(
        M({{"Effect", S("Deny", at)}, {"Action", S("*", at)}, {"Resource", S("*", at)}}, at));
  }
  std::string role_id = machine_id + "Role";
  Add(role_id, "AWS::IAM::Role",
      M({{"AssumeRolePolicyDocument",
          M({{"Statement",
              L({M({{"Effect", S("Allow", at)},
                    {"Principal", M({{"Service", Sub("states.${AWS::Region}.amazonaws.com", at)}}, at)},
                    {"Action", S("sts:AssumeRole", at)}},
                   at)},
                at)}},
            at)},
         {"Policies",
          L({M({{"PolicyName", S(stage_ + "-" + service_name_ + "-statemachine", at)},
                {"PolicyDocument",
                 M({{"Version", S("2012-10-17", at)}, {"Statement", a_.Seq(statements, at)}}, at)}},
               at)},
            at)}},
        at),
      at);
  return Arn(role_id, at);
}

// The statements of the Task states in `states` (Parallel branches and Map
// iterators included).
void Compiler::TaskStatements(const Node* states, std::vector<const Node*>* out, bool* unknown,
                              int depth) {
  if (states == nullptr || !states->is_map() || depth > 16) {
    if (states != nullptr) *unknown = true;
    return;
  }
  auto allow = [&](std::string_view action, std::vector<const Node*> resources, util::Loc at) {
    out->push_back(M({{"Effect", S("Allow", at)},
                      {"Action", S(action, at)},
                      {"Resource", L(std::move(resources), at)}},
                     at));
  };
  for (const MapEntry& e : states->entries) {
    const Node* state = e.value;
    if (state == nullptr || !state->is_map()) continue;
    std::string_view type = Text(state->Get("Type"));
    util::Loc at = state->loc;
    if (type == "Parallel") {
      const Node* branches = state->Get("Branches");
      if (branches == nullptr || !branches->is_seq()) continue;
      for (const Node* b : branches->items) {
        if (b != nullptr && b->is_map()) TaskStatements(b->Get("States"), out, unknown, depth + 1);
      }
      continue;
    }
    if (type == "Map") {
      const Node* inner = Or(state->Get("ItemProcessor"), state->Get("Iterator"));
      if (inner != nullptr && inner->is_map()) {
        TaskStatements(inner->Get("States"), out, unknown, depth + 1);
      }
      continue;
    }
    if (type != "Task") continue;
    const Node* resource = state->Get("Resource");
    const Node* params = state->Get("Parameters");
    if (params != nullptr && !params->is_map()) params = nullptr;
    std::string_view r = Text(resource);
    auto param = [&](std::string_view key) { return params != nullptr ? params->Get(key) : nullptr; };
    auto dynamic = [&](std::string_view key) {
      return params != nullptr && params->Get(std::string(key) + ".$") != nullptr;
    };
    // A reference to a resource of the service stands for its ARN.
    auto arn_of_ref = [&](const Node* v) -> const Node* {
      if (v != nullptr && v->is_map() && v->Get("Ref") != nullptr && v->Get("Ref")->is_scalar()) {
        return Arn(v->Get("Ref")->scalar, v->loc);
      }
      return nullptr;
    };
    if (r.starts_with("arn:aws:states:::lambda:invoke")) {
      const Node* fn = param("FunctionName");
      std::string_view name = Text(fn);
      if (fn == nullptr || dynamic("FunctionName")) {
        allow("lambda:InvokeFunction", {S("*", at)}, at);
      } else if (name.starts_with("arn:")) {
        allow("lambda:InvokeFunction", {fn, S(std::string(name) + ":*", at)}, at);
      } else if (!name.empty()) {
        std::string base = "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:" +
                           std::string(name);
        allow("lambda:InvokeFunction", {Sub(base, at), Sub(base + ":*", at)}, at);
      } else {
        allow("lambda:InvokeFunction", {fn}, at);
      }
    } else if (r.starts_with("arn:aws:states:::sqs:sendMessage")) {
      const Node* arn = dynamic("QueueUrl") ? S("*", at) : Or(arn_of_ref(param("QueueUrl")), nullptr);
      if (arn == nullptr) {
        std::string_view url = Text(param("QueueUrl"));
        // https://sqs.<region>.amazonaws.com/<account>/<name>
        size_t host = url.find("sqs.");
        size_t slash = url.find('/', host == std::string_view::npos ? 0 : host);
        size_t last = url.rfind('/');
        if (host != std::string_view::npos && slash != std::string_view::npos && last > slash) {
          std::string_view region = url.substr(host + 4, url.find(".amazonaws.com") - host - 4);
          arn = S("arn:aws:sqs:" + std::string(region) + ":" +
                      std::string(url.substr(slash + 1, last - slash - 1)) + ":" +
                      std::string(url.substr(last + 1)),
                  at);
        } else {
          arn = S("*", at);
        }
      }
      allow("sqs:SendMessage", {arn}, at);
    } else if (r.starts_with("arn:aws:states:::sns:publish")) {
      allow("sns:Publish", {dynamic("TopicArn") ? S("*", at) : Or(param("TopicArn"), S("*", at))}, at);
    } else if (r.starts_with("arn:aws:states:::dynamodb:")) {
      std::string_view op = r.substr(std::string_view("arn:aws:states:::dynamodb:").size());
      std::string action = op == "updateItem" ? "dynamodb:UpdateItem"
                           : op == "putItem"  ? "dynamodb:PutItem"
                           : op == "getItem"  ? "dynamodb:GetItem"
                           : op == "deleteItem" ? "dynamodb:DeleteItem"
                                                : "";
      if (action.empty()) {
        *unknown = true;
        continue;
      }
      const Node* table = param("TableName");
      const Node* arn = dynamic("TableName") ? S("*", at) : arn_of_ref(table);
      if (arn == nullptr && !Text(table).empty()) {
        arn = Sub("arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/" +
                      std::string(Text(table)),
                  at);
      }
      allow(action, {arn != nullptr ? arn : S("*", at)}, at);
    } else if (resource != nullptr && (resource->is_map() || r.starts_with("arn:aws:lambda"))) {
      // A Lambda function as the task's resource: the plugin turns a
      // function key's Fn::GetAtt into its logical ID.
      const Node* fn = resource;
      if (const Node* get = resource->is_map() ? resource->Get("Fn::GetAtt") : nullptr;
          get != nullptr && get->is_seq() && !get->items.empty() &&
          function_ids_.contains(std::string(Text(get->items[0])))) {
        fn = Arn(function_ids_.at(std::string(Text(get->items[0]))), resource->loc);
      }
      allow("lambda:InvokeFunction", {fn}, at);
    } else {
      *unknown = true;
    }
  }
}

void Compiler::RoleExtra(const std::string& key, std::vector<std::string_view> actions,
                         const Node* resource, util::Loc at) {
  if (!role_extra_keys_.insert(key).second) return;
  std::vector<const Node*> listed;
  for (std::string_view a : actions) listed.push_back(S(a, at));
  role_extras_.push_back(M({{"Effect", S("Allow", at)},
                            {"Action", a_.Seq(listed, at)},
                            {"Resource", L({resource}, at)}},
                           at));
}

const Node* Compiler::ProviderBoundary() {
  const Node* role = iam_ != nullptr && iam_->is_map() ? iam_->Get("role") : nullptr;
  const Node* boundary =
      role != nullptr && role->is_map() ? role->Get("permissionsBoundary") : nullptr;
  if (boundary == nullptr && provider_ != nullptr) {
    boundary = provider_->Get("rolePermissionsBoundary");
  }
  const Node* custom = svc_->Get("custom");
  const Node* plugin =
      custom != nullptr ? custom->Get("serverless-iam-roles-per-function") : nullptr;
  if (boundary == nullptr && plugin != nullptr) {
    boundary = plugin->Get("iamGlobalPermissionsBoundary");
  }
  return boundary;
}

void Compiler::CompileRole() {
  if (role_functions_.empty()) return;
  util::Loc at = provider_loc_;
  const Node* role = iam_ != nullptr && iam_->is_map() ? iam_->Get("role") : nullptr;
  if (role != nullptr && !role->is_map()) role = nullptr;
  if (role != nullptr) at = role->loc;
  std::vector<const Node*> statements;
  for (const Node* s : LogStatements(role_functions_, at)->items) statements.push_back(s);
  const Node* user = role != nullptr ? role->Get("statements") : nullptr;
  if (user == nullptr && provider_ != nullptr) user = provider_->Get("iamRoleStatements");
  if (user != nullptr && user->is_seq()) {
    for (const Node* s : user->items) statements.push_back(s);
  } else if (user != nullptr && !user->is_null()) {
    statements.push_back(user);  // unknown: the adapter reads it as an unknown statement
  }
  AppendEventStatements(shared_role_arns_, at, &statements);
  statements.insert(statements.end(), role_extras_.begin(), role_extras_.end());

  const Node* managed = role != nullptr ? role->Get("managedPolicies") : nullptr;
  if (managed == nullptr && provider_ != nullptr) managed = provider_->Get("iamManagedPolicies");
  std::vector<const Node*> managed_list;
  if (managed != nullptr && managed->is_seq()) {
    for (const Node* m : managed->items) managed_list.push_back(m);
  } else if (managed != nullptr) {
    managed_list.push_back(managed);
  }
  // Functions in a VPC need to manage their network interfaces.
  if (role_in_vpc_ || (provider_ != nullptr && provider_->Get("vpc") != nullptr)) {
    managed_list.push_back(Sub(
        "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole", at));
  }
  const Node* boundary = ProviderBoundary();
  const Node* trust = LambdaTrust(at);
  Add("IamRoleLambdaExecution", "AWS::IAM::Role",
      M({{"AssumeRolePolicyDocument", trust},
         {"Policies",
          L({M({{"PolicyName", S(service_name_ + "-" + stage_ + "-lambda", at)},
                {"PolicyDocument",
                 M({{"Version", S("2012-10-17", at)}, {"Statement", a_.Seq(statements, at)}}, at)}},
               at)},
            at)},
         {"ManagedPolicyArns", managed_list.empty() ? nullptr : a_.Seq(managed_list, at)},
         {"PermissionsBoundary", boundary},
         {"RoleName", role != nullptr ? role->Get("name") : nullptr},
         {"Path", S("/", at)}},
        at),
      at);
}

// The access log settings of an API whose `provider.logs.<key>` is on: the
// log group the framework creates for them (`/aws/<group>/<service>-<stage>`,
// ApiGatewayLogGroup, HttpApiLogGroup or WebsocketsLogGroup, with
// provider.logRetentionInDays) and its default format; nullptr when off.
const Node* Compiler::AccessLogs(std::string_view key, std::string_view group,
                                 std::string_view format) {
  const Node* logs = provider_ != nullptr ? provider_->Get("logs") : nullptr;
  const Node* on = logs != nullptr && logs->is_map() ? logs->Get(key) : nullptr;
  if (on == nullptr || Text(on) == "false") return nullptr;
  if (on->is_map() && Text(on->Get("accessLogging")) == "false") return nullptr;
  util::Loc at = on->loc;
  std::string_view group_id = key == "restApi"   ? "ApiGatewayLogGroup"
                              : key == "httpApi" ? "HttpApiLogGroup"
                                                 : "WebsocketsLogGroup";
  Add(std::string(group_id), "AWS::Logs::LogGroup",
      M({{"LogGroupName", S("/aws/" + std::string(group) + "/" + service_name_ + "-" + stage_, at)},
         {"RetentionInDays", provider_->Get("logRetentionInDays")}},
        at),
      at);
  return M({{"DestinationArn",
             Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/" +
                     std::string(group) + "/" + service_name_ + "-" + stage_,
                 at)},
            {"Format", S(format, at)}},
           at);
}

// The invocation URI of a Lambda authorizer.
const Node* Compiler::LambdaUri(const Node* fn_arn, util::Loc at) {
  const Node* parts =
      L({S("arn:aws:apigateway:", at), Ref("AWS::Region", at),
         S(":lambda:path/2015-03-31/functions/", at), fn_arn, S("/invocations", at)},
        at);
  return a_.Map({a_.Entry("Fn::Join", L({S("", at), parts}, at), at)}, at);
}

// A route's target: `integrations/<integration>`.
const Node* Compiler::IntegrationTarget(const std::string& integration, util::Loc at) {
  const Node* parts = L({S("integrations", at), Ref(integration, at)}, at);
  return a_.Map({a_.Entry("Fn::Join", L({S("/", at), parts}, at), at)}, at);
}

// The statements the framework adds to a role for the queues and streams its
// functions poll: one per kind, naming every source.
void Compiler::AppendEventStatements(const EventArns& arns, util::Loc at,
                                     std::vector<const Node*>* statements) {
  auto add = [&](const std::vector<const Node*>& sources,
                 std::initializer_list<std::string_view> actions) {
    if (sources.empty()) return;
    std::vector<const Node*> action_nodes;
    for (std::string_view a : actions) action_nodes.push_back(S(a, at));
    statements->push_back(M({{"Effect", S("Allow", at)},
                             {"Action", a_.Seq(action_nodes, at)},
                             {"Resource", a_.Seq(sources, at)}},
                            at));
  };
  add(arns.sqs, {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"});
  add(arns.dynamodb, {"dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream",
                      "dynamodb:ListStreams"});
  add(arns.kinesis, {"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream",
                     "kinesis:ListStreams"});
}

void Compiler::Permission(const std::string& id, const std::string& fn_id,
                          std::string_view principal, const Node* source_arn, util::Loc at) {
  Add(id, "AWS::Lambda::Permission",
      M({{"FunctionName", Arn(fn_id, at)},
         {"Action", S("lambda:InvokeFunction", at)},
         {"Principal", S(principal, at)},
         {"SourceArn", source_arn}},
        at),
      at, fn_id);
}

void Compiler::CompileEvent(const std::string& fn_id, const std::string& norm, const Node* event,
                            size_t index) {
  if (event == nullptr || !event->is_map() || event->entries.empty()) return;
  const MapEntry& e = event->entries[0];
  std::string_view type = e.key->scalar;
  const Node* v = e.value;
  util::Loc at = e.key->loc;
  std::string n = std::to_string(index + 1);
  auto arn_of = [&](const Node* x) { return x != nullptr && x->is_map() ? x->Get("arn") : x; };

  if (type == "http") {
    HttpEvent(fn_id, norm, v, at);
  } else if (type == "httpApi") {
    HttpApiEvent(fn_id, norm, v, at);
  } else if (type == "websocket") {
    WebsocketEvent(fn_id, norm, v, at);
  } else if (type == "sqs" || type == "stream" || type == "msk" || type == "kafka" ||
             type == "activemq" || type == "rabbitmq") {
    const Node* arn = arn_of(v);
    std::string kind = type == "sqs" ? "SQS" : type == "msk" ? "MSK" : "";
    if (type == "stream") {
      std::string_view t = v != nullptr && v->is_map() ? Text(v->Get("type")) : "";
      std::string_view a = Text(arn);
      bool dynamo = t == "dynamodb" || a.find(":dynamodb:") != std::string_view::npos;
      kind = dynamo ? "Dynamodb" : "Kinesis";
      if (arn != nullptr) (dynamo ? event_arns_->dynamodb : event_arns_->kinesis).push_back(arn);
    } else if (type == "sqs" && arn != nullptr) {
      event_arns_->sqs.push_back(arn);
    }
    const Node* on_failure = nullptr;
    if (v != nullptr && v->is_map()) {
      if (const Node* dest = v->Get("destinations"); dest != nullptr && dest->is_map()) {
        if (const Node* f = dest->Get("onFailure")) {
          on_failure = M({{"OnFailure", M({{"Destination", arn_of(f)}}, f->loc)}}, f->loc);
        }
      }
    }
    const Node* self_managed = nullptr;
    const Node* queues = nullptr;
    if (type == "kafka" && v != nullptr && v->is_map()) {
      self_managed =
          M({{"Endpoints", M({{"KafkaBootstrapServers", v->Get("bootstrapServers")}}, at)}}, at);
    }
    if ((type == "activemq" || type == "rabbitmq") && v != nullptr && v->is_map()) {
      queues = AsList(v->Get("queue"));
      if (queues == nullptr) queues = L({S("queue", at)}, at);
    }
    const Node* topics = v != nullptr && v->is_map() ? AsList(v->Get("topic")) : nullptr;
    std::string id =
        norm + "EventSourceMapping" + kind +
        Alnum(Text(arn).substr(
            Text(arn).rfind(':') == std::string_view::npos ? 0 : Text(arn).rfind(':') + 1)) +
        n;
    Add(id, "AWS::Lambda::EventSourceMapping",
        M({{"EventSourceArn", type == "kafka" ? nullptr : arn},
           {"FunctionName", Arn(fn_id, at)},
           {"BatchSize", v != nullptr && v->is_map() ? v->Get("batchSize") : nullptr},
           {"StartingPosition", v != nullptr && v->is_map() ? v->Get("startingPosition") : nullptr},
           {"DestinationConfig", on_failure},
           {"SelfManagedEventSource", self_managed},
           {"Queues", queues},
           {"Topics", topics}},
          at),
        at, fn_id);
  } else if (type == "sns") {
    const Node* arn = arn_of(v);
    std::string_view name = v != nullptr && v->is_map() ? Text(v->Get("topicName")) : Text(v);
    const Node* topic = nullptr;
    std::string label;
    if (v != nullptr && v->is_map() && v->Get("arn") != nullptr) {
      topic = v->Get("arn");
      label = Alnum(name.empty() ? Text(topic).substr(Text(topic).rfind(':') + 1) : name);
    } else if (Text(arn).starts_with("arn:")) {
      topic = arn;
      label = Alnum(Text(arn).substr(Text(arn).rfind(':') + 1));
    } else if (!name.empty()) {
      label = Alnum(name);
      std::string topic_id = "SNSTopic" + label;
      Add(topic_id, "AWS::SNS::Topic", M({{"TopicName", S(name, at)}}, at), at, fn_id);
      topic = Ref(topic_id, at);
    } else {
      topic = arn;
    }
    Add(norm + "SnsSubscription" + label, "AWS::SNS::Subscription",
        M({{"TopicArn", topic}, {"Protocol", S("lambda", at)}, {"Endpoint", Arn(fn_id, at)}}, at),
        at, fn_id);
    Permission(norm + "LambdaPermission" + label + "SNS", fn_id, "sns.amazonaws.com", topic, at);
  } else if (type == "s3") {
    std::string_view bucket = v != nullptr && v->is_map() ? Text(v->Get("bucket")) : Text(v);
    bool existing = v != nullptr && v->is_map() && Truthy(v->Get("existing"));
    const Node* ev = v != nullptr && v->is_map() ? v->Get("event") : nullptr;
    std::string label = Alnum(bucket);
    if (!existing && !bucket.empty()) {
      // provider.s3.<bucket> gives the bucket its name and properties, in
      // CloudFormation's words with the first letter lower case.
      const Node* s3 = provider_ != nullptr ? provider_->Get("s3") : nullptr;
      const Node* config = s3 != nullptr && s3->is_map() ? s3->Get(bucket) : nullptr;
      std::vector<MapEntry> props;
      const Node* name = config != nullptr && config->is_map() ? config->Get("name") : nullptr;
      props.push_back(a_.Entry("BucketName", name != nullptr ? name : S(bucket, at), at));
      if (config != nullptr && config->is_map()) {
        for (const MapEntry& setting : config->entries) {
          std::string key(setting.key->scalar);
          if (key == "name" || key.empty() || setting.value == nullptr) continue;
          key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
          props.push_back(a_.Entry(key, setting.value, setting.key->loc));
        }
      }
      props.push_back(a_.Entry(
          "NotificationConfiguration",
          M({{"LambdaConfigurations", L({M({{"Event", Or(ev, S("s3:ObjectCreated:*", at))},
                                            {"Function", Arn(fn_id, at)}},
                                           at)},
                                        at)}},
            at),
          at));
      Add("S3Bucket" + label, "AWS::S3::Bucket", a_.Map(props, at), at, fn_id);
    }
    Add(norm + "LambdaPermission" + label + "S3", "AWS::Lambda::Permission",
        M({{"FunctionName", Arn(fn_id, at)},
           {"Action", S("lambda:InvokeFunction", at)},
           {"Principal", S("s3.amazonaws.com", at)},
           {"SourceArn", Sub("arn:${AWS::Partition}:s3:::" + std::string(bucket), at)},
           {"SourceAccount", Ref("AWS::AccountId", at)}},
          at),
        at, fn_id);
  } else if (type == "schedule" || type == "eventBridge" || type == "cloudwatchEvent") {
    std::string rule_id = norm + (type == "schedule" ? "EventsRuleSchedule" : "EventBridgeRule") +
                          std::to_string(++schedule_count_);
    const Node* schedule = type == "schedule"
                               ? (v != nullptr && v->is_map() ? v->Get("rate") : v)
                               : (v != nullptr && v->is_map() ? v->Get("schedule") : nullptr);
    if (schedule != nullptr && schedule->is_seq() && !schedule->items.empty()) {
      schedule = schedule->items[0];
    }
    const Node* pattern =
        v != nullptr && v->is_map() ? Or(v->Get("pattern"), v->Get("event")) : nullptr;
    const Node* bus = v != nullptr && v->is_map() ? v->Get("eventBus") : nullptr;
    if (bus != nullptr && !Text(bus).empty() && !Text(bus).starts_with("arn:") &&
        Text(bus) != "default") {
      Add(Normalize(Text(bus)) + "EventBridgeEventBus", "AWS::Events::EventBus",
          M({{"Name", bus}}, bus->loc), bus->loc);
    }
    const Node* enabled = v != nullptr && v->is_map() ? v->Get("enabled") : nullptr;
    Add(rule_id, "AWS::Events::Rule",
        M({{"ScheduleExpression", schedule},
           {"EventPattern", pattern},
           {"EventBusName", bus},
           {"State", S(Text(enabled) == "false" ? "DISABLED" : "ENABLED", at)},
           {"Targets",
            L({M({{"Arn", Arn(fn_id, at)}, {"Id", S(rule_id + "Target", at)}}, at)}, at)}},
          at),
        at, fn_id);
    Permission(norm + "LambdaPermission" + rule_id, fn_id, "events.amazonaws.com", Arn(rule_id, at),
               at);
  } else if (type == "cognitoUserPool") {
    std::string_view pool = v != nullptr && v->is_map() ? Text(v->Get("pool")) : "";
    std::string_view trigger = v != nullptr && v->is_map() ? Text(v->Get("trigger")) : "";
    bool existing = v != nullptr && v->is_map() && Truthy(v->Get("existing"));
    std::string pool_id = "CognitoUserPool" + Alnum(pool);
    if (!existing && !pool.empty()) {
      Add(pool_id, "AWS::Cognito::UserPool",
          M({{"UserPoolName", S(pool, at)},
             {"LambdaConfig", M({{trigger.empty() ? "PreSignUp" : trigger, Arn(fn_id, at)}}, at)}},
            at),
          at, fn_id);
    }
    // An existing pool is wired by a custom resource, outside the template.
    if (!existing) {
      Permission(norm + "LambdaPermission" + pool_id + Alnum(trigger), fn_id,
                 "cognito-idp.amazonaws.com", Arn(pool_id, at), at);
    }
  } else if (type == "alb") {
    Permission(norm + "LambdaPermissionRegisterTarget", fn_id, "elasticloadbalancing.amazonaws.com",
               nullptr, at);
  } else if (type == "iot") {
    std::string rule_id = norm + "IotTopicRule" + n;
    const Node* sql = v != nullptr && v->is_map() ? v->Get("sql") : nullptr;
    Add(rule_id, "AWS::IoT::TopicRule",
        M({{"TopicRulePayload",
            M({{"Sql", sql},
               {"Actions", L({M({{"Lambda", M({{"FunctionArn", Arn(fn_id, at)}}, at)}}, at)}, at)}},
              at)}},
          at),
        at, fn_id);
    Permission(norm + "LambdaPermissionIotTopicRule" + n, fn_id, "iot.amazonaws.com",
               Arn(rule_id, at), at);
  } else if (type == "cloudwatchLog") {
    const Node* group = v != nullptr && v->is_map() ? v->Get("logGroup") : v;
    std::string filter_id = norm + "LogsSubscriptionFilterCloudWatchLog" + n;
    Add(filter_id, "AWS::Logs::SubscriptionFilter",
        M({{"LogGroupName", group},
           {"DestinationArn", Arn(fn_id, at)},
           {"FilterPattern",
            Or(v != nullptr && v->is_map() ? v->Get("filter") : nullptr, S("", at))}},
          at),
        at, fn_id);
    std::string_view group_name = Text(group);
    Permission(norm + "LambdaPermissionLogsSubscriptionFilterCloudWatchLog", fn_id,
               "logs.amazonaws.com",
               group_name.empty() ? nullptr
                                  : Sub("arn:${AWS::Partition}:logs:${AWS::Region}:"
                                        "${AWS::AccountId}:log-group:" +
                                            std::string(group_name) + ":*",
                                        at),
               at);
  } else if (type == "iotFleetProvisioning") {
    Add(norm + "IotProvisioningTemplate", "AWS::IoT::ProvisioningTemplate",
        M({{"TemplateBody", v != nullptr && v->is_map() ? v->Get("templateBody") : nullptr},
           {"ProvisioningRoleArn",
            v != nullptr && v->is_map() ? v->Get("provisioningRoleArn") : nullptr},
           {"PreProvisioningHook", M({{"TargetArn", Arn(fn_id, at)}}, at)}},
          at),
        at, fn_id);
    Permission(norm + "LambdaPermissionIotFleetProvisioning", fn_id, "iot.amazonaws.com", nullptr,
               at);
  } else if (type == "alexaSkill" || type == "alexaSmartHome") {
    Permission(norm + "LambdaPermissionAlexaSkill" + n, fn_id, "alexa-appkit.amazon.com", nullptr,
               at);
  }
}

// `GET /users/{id}` or {method, path}.
void SplitRoute(const Node* e, std::string* method, std::string* path) {
  if (e == nullptr) return;
  if (e->is_map()) {
    *method = std::string(Text(e->Get("method")));
    *path = std::string(Text(e->Get("path")));
    return;
  }
  std::string_view s = Text(e);
  size_t space = s.find(' ');
  if (space == std::string_view::npos) {
    *path = std::string(s);
    return;
  }
  *method = std::string(s.substr(0, space));
  std::string_view rest = s.substr(space);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  *path = std::string(rest);
}

std::string Capitalized(std::string_view s) {
  std::string out = Lower(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// An API Gateway resource for each segment of `path`; the ID of the last,
// or "" for the root.
std::string Compiler::RestResource(std::string_view path, util::Loc at) {
  std::string id, so_far;
  const Node* parent = a_.Tagged("!GetAtt", "ApiGatewayRestApi.RootResourceId", at);
  while (!path.empty()) {
    while (path.starts_with("/")) path.remove_prefix(1);
    if (path.empty()) break;
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    so_far += "/" + std::string(part);
    std::string norm;
    for (char c : part) {
      if (c != '{' && c != '}' && c != '+') norm += c;
    }
    std::string segment = Alnum(norm) + (part.starts_with("{") ? "Var" : "");
    id = id.empty() ? "ApiGatewayResource" + segment : id + segment;
    auto [it, fresh] = rest_resources_.try_emplace(so_far, id);
    if (fresh) {
      Add(id, "AWS::ApiGateway::Resource",
          M({{"ParentId", parent},
             {"PathPart", S(part, at)},
             {"RestApiId", Ref("ApiGatewayRestApi", at)}},
            at),
          at);
    }
    parent = Ref(it->second, at);
  }
  return id;
}

// A REST API event's authorizer: the Authorizer resource it refers to, or
// nullptr; `type` gets the method's AuthorizationType.
const Node* Compiler::RestAuthorizer(const Node* auth, util::Loc at, std::string* type) {
  *type = "NONE";
  if (auth == nullptr) return nullptr;
  std::string_view name = auth->is_map() ? Text(auth->Get("name")) : Text(auth);
  std::string_view arn = auth->is_map() ? Text(auth->Get("arn")) : "";
  std::string_view kind = auth->is_map() ? Text(auth->Get("type")) : "";
  if (Lower(name) == "aws_iam" || Lower(kind) == "aws_iam") {
    *type = "AWS_IAM";
    return nullptr;
  }
  if (auth->is_map() && auth->Get("authorizerId") != nullptr) {
    *type = Upper(kind) == "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
    return auth->Get("authorizerId");
  }
  if (name.starts_with("arn:")) {
    arn = name;
    name = "";
  }
  bool cognito =
      arn.find("cognito-idp") != std::string_view::npos || Upper(kind) == "COGNITO_USER_POOLS";
  std::string label = Alnum(name.empty() ? arn.substr(arn.rfind(':') + 1) : name);
  std::string id = label + "ApiGatewayAuthorizer";
  const Node* uri = nullptr;
  if (!cognito) {
    const Node* fn_arn = nullptr;
    if (function_keys_.count(std::string(name)) != 0) {
      fn_arn = Arn(function_ids_[std::string(name)], at);
      *type = "CUSTOM";
    } else if (!arn.empty()) {
      fn_arn = S(arn, at);
    }
    if (fn_arn != nullptr) {
      uri = LambdaUri(fn_arn, at);
    }
  }
  *type = cognito ? "COGNITO_USER_POOLS" : "CUSTOM";
  std::string auth_type = cognito                    ? "COGNITO_USER_POOLS"
                          : Lower(kind) == "request" ? "REQUEST"
                                                     : "TOKEN";
  Add(id, "AWS::ApiGateway::Authorizer",
      M({{"Name", S(label, at)},
         {"Type", S(auth_type, at)},
         {"AuthorizerUri", uri},
         {"ProviderARNs", cognito ? L({S(arn, at)}, at) : nullptr},
         {"RestApiId", Ref("ApiGatewayRestApi", at)}},
        at),
      at);
  return Ref(id, at);
}

void Compiler::HttpEvent(const std::string& fn_id, const std::string& norm, const Node* e,
                         util::Loc at) {
  std::string method, path;
  SplitRoute(e, &method, &path);
  if (method.empty()) method = "ANY";
  RestApi(at);
  std::string resource = RestResource(path, at);
  std::string auth_type;
  const Node* authorizer =
      RestAuthorizer(e != nullptr && e->is_map() ? e->Get("authorizer") : nullptr, at, &auth_type);
  bool private_ = e != nullptr && e->is_map() && Truthy(e->Get("private"));
  std::string path_norm =
      resource.empty() ? "" : resource.substr(std::string("ApiGatewayResource").size());
  std::string method_upper = Upper(method);
  Add("ApiGatewayMethod" + path_norm + Capitalized(method), "AWS::ApiGateway::Method",
      M({{"HttpMethod", S(method_upper, at)},
         {"RequestParameters", nullptr},
         {"ResourceId", resource.empty()
                            ? a_.Tagged("!GetAtt", "ApiGatewayRestApi.RootResourceId", at)
                            : Ref(resource, at)},
         {"RestApiId", Ref("ApiGatewayRestApi", at)},
         {"ApiKeyRequired", P(private_ ? "true" : "false", at)},
         {"AuthorizationType", S(auth_type, at)},
         {"AuthorizerId", authorizer},
         {"Integration",
          M({{"IntegrationHttpMethod", S("POST", at)},
             {"Type", S("AWS_PROXY", at)},
             {"Uri", Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/"
                         "functions/${" +
                             fn_id + ".Arn}/invocations",
                         at)}},
            at)}},
        at),
      at, fn_id);
  Permission(norm + "LambdaPermissionApiGateway", fn_id, "apigateway.amazonaws.com",
             Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:"
                 "${ApiGatewayRestApi}/*/*",
                 at),
             at);
}

// The REST API of the service's http events, its deployment and stage, and
// its API keys and usage plan; once.
void Compiler::RestApi(util::Loc at) {
  const Node* api_gw = provider_ != nullptr ? provider_->Get("apiGateway") : nullptr;
  if (!rest_api_) {
    rest_api_ = true;
    const Node* policy =
        api_gw != nullptr && api_gw->is_map() ? api_gw->Get("resourcePolicy") : nullptr;
    if (policy == nullptr && provider_ != nullptr) policy = provider_->Get("resourcePolicy");
    const Node* endpoint = provider_ != nullptr ? provider_->Get("endpointType") : nullptr;
    Add("ApiGatewayRestApi", "AWS::ApiGateway::RestApi",
        M({{"Name", Or(provider_ != nullptr ? provider_->Get("apiName") : nullptr,
                       S(stage_ + "-" + service_name_, at))},
           {"EndpointConfiguration",
            M({{"Types", L({endpoint != nullptr ? a_.Scalar(Upper(Text(endpoint)), endpoint->loc)
                                                : S("EDGE", at)},
                           at)}},
              at)},
           {"Policy",
            policy != nullptr
                ? M({{"Version", S("2012-10-17", policy->loc)}, {"Statement", policy}}, policy->loc)
                : nullptr}},
          at),
        at);
    // The stage: its own resource when logs or tracing are set.
    const Node* logs = provider_ != nullptr ? provider_->Get("logs") : nullptr;
    const Node* rest_logs = logs != nullptr && logs->is_map() ? logs->Get("restApi") : nullptr;
    const Node* tracing = provider_ != nullptr ? provider_->Get("tracing") : nullptr;
    const Node* trace =
        tracing != nullptr && tracing->is_map() ? tracing->Get("apiGateway") : nullptr;
    if (rest_logs != nullptr || trace != nullptr) {
      Add("ApiGatewayDeployment", "AWS::ApiGateway::Deployment",
          M({{"RestApiId", Ref("ApiGatewayRestApi", at)}}, at), at);
      const Node* access = nullptr;
      const Node* level = nullptr;
      if (rest_logs != nullptr && Text(rest_logs) != "false") {
        util::Loc ll = rest_logs->loc;
        const Node* format = rest_logs->is_map() ? rest_logs->Get("format") : nullptr;
        access = AccessLogs("restApi", "api-gateway", "requestId: $context.requestId");
        if (format != nullptr && access != nullptr) {
          access = M({{"DestinationArn", access->Get("DestinationArn")}, {"Format", format}}, ll);
        }
        bool execution =
            !rest_logs->is_map() || Text(rest_logs->Get("executionLogging")) != "false";
        const Node* lvl = rest_logs->is_map() ? rest_logs->Get("level") : nullptr;
        level = execution ? Or(lvl, S("INFO", ll)) : S("OFF", ll);
      }
      Add("ApiGatewayStage", "AWS::ApiGateway::Stage",
          M({{"RestApiId", Ref("ApiGatewayRestApi", at)},
             {"DeploymentId", Ref("ApiGatewayDeployment", at)},
             {"StageName", S(stage_, at)},
             {"TracingEnabled",
              trace != nullptr ? P(Truthy(trace) ? "true" : "false", trace->loc) : nullptr},
             {"AccessLogSetting", access},
             {"MethodSettings", level != nullptr ? L({M({{"ResourcePath", S("/*", at)},
                                                         {"HttpMethod", S("*", at)},
                                                         {"LoggingLevel", level}},
                                                        at)},
                                                     at)
                                                 : nullptr}},
            at),
          at);
    } else {
      Add("ApiGatewayDeployment", "AWS::ApiGateway::Deployment",
          M({{"RestApiId", Ref("ApiGatewayRestApi", at)}, {"StageName", S(stage_, at)}}, at), at);
    }
    // API keys and the usage plan.
    const Node* keys = api_gw != nullptr && api_gw->is_map() ? api_gw->Get("apiKeys") : nullptr;
    if (keys == nullptr && provider_ != nullptr) keys = provider_->Get("apiKeys");
    const Node* plan = api_gw != nullptr && api_gw->is_map() ? api_gw->Get("usagePlan") : nullptr;
    if (plan == nullptr && provider_ != nullptr) plan = provider_->Get("usagePlan");
    // One plan, or a list of named plans ({free: {quota, throttle}}), each
    // ApiGatewayUsagePlan<Name>.
    auto usage_plan = [&](const std::string& id, const Node* config, util::Loc pl) {
      const Node* throttle = config != nullptr && config->is_map() ? config->Get("throttle") : nullptr;
      const Node* quota = config != nullptr && config->is_map() ? config->Get("quota") : nullptr;
      Add(id, "AWS::ApiGateway::UsagePlan",
          M({{"ApiStages",
              L({M({{"ApiId", Ref("ApiGatewayRestApi", pl)}, {"Stage", S(stage_, pl)}}, pl)}, pl)},
             {"Throttle", throttle != nullptr && throttle->is_map()
                              ? M({{"BurstLimit", throttle->Get("burstLimit")},
                                   {"RateLimit", throttle->Get("rateLimit")}},
                                  throttle->loc)
                              : nullptr},
             {"Quota", quota != nullptr && quota->is_map()
                           ? M({{"Limit", quota->Get("limit")}, {"Period", quota->Get("period")}},
                               quota->loc)
                           : nullptr}},
            pl),
          pl);
    };
    if (plan != nullptr && plan->is_seq()) {
      for (const Node* item : plan->items) {
        if (item == nullptr || !item->is_map() || item->entries.empty()) continue;
        const MapEntry& named = item->entries.front();
        usage_plan("ApiGatewayUsagePlan" + Alnum(named.key->scalar), named.value, named.key->loc);
      }
    } else if (keys != nullptr || plan != nullptr) {
      usage_plan("ApiGatewayUsagePlan", plan, plan != nullptr ? plan->loc : keys->loc);
    }
  }
}

void Compiler::HttpApiEvent(const std::string& fn_id, const std::string& norm, const Node* e,
                            util::Loc at) {
  std::string method, path;
  SplitRoute(e, &method, &path);
  const Node* config = provider_ != nullptr ? provider_->Get("httpApi") : nullptr;
  if (config != nullptr && !config->is_map()) config = nullptr;
  if (!http_api_) {
    http_api_ = true;
    const Node* cors = config != nullptr ? config->Get("cors") : nullptr;
    const Node* cors_config = nullptr;
    if (cors != nullptr && Text(cors) != "false") {
      util::Loc cl = cors->loc;
      cors_config = cors->is_map() ? M({{"AllowOrigins", AsList(cors->Get("allowedOrigins"))},
                                        {"AllowCredentials", cors->Get("allowCredentials")}},
                                       cl)
                                   : M({{"AllowOrigins", L({S("*", cl)}, cl)}}, cl);
    }
    Add("HttpApi", "AWS::ApiGatewayV2::Api",
        M({{"Name", Or(config != nullptr ? config->Get("name") : nullptr,
                       S(stage_ + "-" + service_name_, at))},
           {"ProtocolType", S("HTTP", at)},
           {"DisableExecuteApiEndpoint",
            config != nullptr ? config->Get("disableDefaultEndpoint") : nullptr},
           {"CorsConfiguration", cors_config}},
          at),
        at);
    const Node* access =
        AccessLogs("httpApi", "http-api", "{\"requestId\":\"$context.requestId\"}");
    Add("HttpApiStage", "AWS::ApiGatewayV2::Stage",
        M({{"ApiId", Ref("HttpApi", at)},
           {"StageName", S("$default", at)},
           {"AutoDeploy", P("true", at)},
           {"AccessLogSettings", access}},
          at),
        at);
  }
  std::string integration = "HttpApiIntegration" + norm;
  Add(integration, "AWS::ApiGatewayV2::Integration",
      M({{"ApiId", Ref("HttpApi", at)},
         {"IntegrationType", S("AWS_PROXY", at)},
         {"IntegrationUri", Arn(fn_id, at)},
         {"PayloadFormatVersion", S("2.0", at)}},
        at),
      at, fn_id);
  std::string route_key =
      path == "*" || (method.empty() && path.empty())
          ? "$default"
          : (method.empty() || method == "*" ? "ANY" : Upper(method)) + " " + path;
  // The authorizer.
  std::string auth_type = "NONE";
  const Node* authorizer_id = nullptr;
  const Node* auth = e != nullptr && e->is_map() ? e->Get("authorizer") : nullptr;
  if (auth != nullptr) {
    std::string_view name = auth->is_map() ? Text(auth->Get("name")) : Text(auth);
    std::string_view type = auth->is_map() ? Text(auth->Get("type")) : "";
    if (Lower(type) == "aws_iam" || Lower(name) == "aws_iam") {
      auth_type = "AWS_IAM";
    } else if (auth->is_map() && auth->Get("id") != nullptr) {
      auth_type = "JWT";
      authorizer_id = auth->Get("id");
    } else if (!name.empty()) {
      const Node* defs = config != nullptr ? config->Get("authorizers") : nullptr;
      const Node* def = defs != nullptr && defs->is_map() ? defs->Get(name) : nullptr;
      std::string_view def_type = def != nullptr && def->is_map() ? Text(def->Get("type")) : "jwt";
      bool lambda = Lower(def_type) == "request";
      auth_type = lambda ? "CUSTOM" : "JWT";
      std::string id = "HttpApiAuthorizer" + Alnum(name);
      util::Loc dl = def != nullptr ? def->loc : at;
      const Node* uri = nullptr;
      if (lambda && def != nullptr && def->is_map()) {
        std::string_view fn = Text(def->Get("functionName"));
        const Node* fn_arn = function_keys_.count(std::string(fn)) != 0
                                 ? Arn(function_ids_[std::string(fn)], dl)
                                 : def->Get("functionArn");
        if (fn_arn != nullptr) {
          uri = LambdaUri(fn_arn, dl);
        }
      }
      Add(id, "AWS::ApiGatewayV2::Authorizer",
          M({{"ApiId", Ref("HttpApi", dl)},
             {"Name", S(name, dl)},
             {"AuthorizerType", S(lambda ? "REQUEST" : "JWT", dl)},
             {"AuthorizerUri", uri},
             {"JwtConfiguration", !lambda && def != nullptr && def->is_map()
                                      ? M({{"Issuer", def->Get("issuerUrl")},
                                           {"Audience", AsList(def->Get("audience"))}},
                                          dl)
                                      : nullptr}},
            dl),
          dl);
      authorizer_id = Ref(id, at);
    }
  }
  Add("HttpApiRoute" + Alnum(route_key == "$default" ? "Default" : route_key),
      "AWS::ApiGatewayV2::Route",
      M({{"ApiId", Ref("HttpApi", at)},
         {"RouteKey", S(route_key, at)},
         {"Target", IntegrationTarget(integration, at)},
         {"AuthorizationType", S(auth_type, at)},
         {"AuthorizerId", authorizer_id}},
        at),
      at, fn_id);
  Permission(
      norm + "LambdaPermissionHttpApi", fn_id, "apigateway.amazonaws.com",
      Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/*", at),
      at);
}

void Compiler::WebsocketEvent(const std::string& fn_id, const std::string& norm, const Node* e,
                              util::Loc at) {
  std::string_view route = e != nullptr && e->is_map() ? Text(e->Get("route")) : Text(e);
  if (!websocket_api_) {
    websocket_api_ = true;
    Add("WebsocketsApi", "AWS::ApiGatewayV2::Api",
        M({{"Name", S(stage_ + "-" + service_name_ + "-websockets", at)},
           {"ProtocolType", S("WEBSOCKET", at)},
           {"RouteSelectionExpression", S("$request.body.action", at)}},
          at),
        at);
    const Node* access = AccessLogs("websocket", "websocket", "$context.requestId");
    Add("WebsocketsDeploymentStage", "AWS::ApiGatewayV2::Stage",
        M({{"ApiId", Ref("WebsocketsApi", at)},
           {"StageName", S(stage_, at)},
           {"AccessLogSettings", access}},
          at),
        at);
  }
  std::string integration = norm + "WebsocketsIntegration";
  Add(integration, "AWS::ApiGatewayV2::Integration",
      M({{"ApiId", Ref("WebsocketsApi", at)},
         {"IntegrationType", S("AWS_PROXY", at)},
         {"IntegrationUri", Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/"
                                "2015-03-31/functions/${" +
                                    fn_id + ".Arn}/invocations",
                                at)}},
        at),
      at, fn_id);
  // A Lambda authorizer on $connect: the framework adds the Authorizer and
  // lets API Gateway invoke its function, with no SourceArn.
  const Node* auth = e != nullptr && e->is_map() ? e->Get("authorizer") : nullptr;
  const Node* authorizer_id = nullptr;
  if (auth != nullptr && route == "$connect") {
    util::Loc al = e->GetKey("authorizer")->loc;
    std::string_view name = auth->is_map() ? Text(auth->Get("name")) : Text(auth);
    std::string_view arn = auth->is_map() ? Text(auth->Get("arn")) : "";
    if (name.starts_with("arn:")) arn = name;
    const Node* fn_arn = nullptr;
    std::string label = Alnum(name.starts_with("arn:") ? arn.substr(arn.rfind(':') + 1) : name);
    if (function_keys_.count(std::string(name)) != 0) {
      const std::string& auth_fn = function_ids_[std::string(name)];
      fn_arn = Arn(auth_fn, al);
      Permission(Normalize(name) + "LambdaPermissionWebsockets", auth_fn,
                 "apigateway.amazonaws.com", nullptr, al);
    } else if (!arn.empty()) {
      fn_arn = S(arn, al);
    }
    std::string id = label + "WebsocketsAuthorizer";
    Add(id, "AWS::ApiGatewayV2::Authorizer",
        M({{"ApiId", Ref("WebsocketsApi", al)},
           {"Name", S(label, al)},
           {"AuthorizerType", S("REQUEST", al)},
           {"AuthorizerUri", fn_arn != nullptr ? LambdaUri(fn_arn, al) : nullptr},
           {"IdentitySource", auth->is_map() ? AsList(auth->Get("identitySource")) : nullptr}},
          al),
        al);
    authorizer_id = Ref(id, al);
  }
  Add(Alnum(route) + "WebsocketsRoute", "AWS::ApiGatewayV2::Route",
      M({{"ApiId", Ref("WebsocketsApi", at)},
         {"RouteKey", S(route, at)},
         {"AuthorizationType", S(authorizer_id != nullptr ? "CUSTOM" : "NONE", at)},
         {"AuthorizerId", authorizer_id},
         {"Target", IntegrationTarget(integration, at)}},
        at),
      at, fn_id);
  Permission(norm + "LambdaPermissionWebsockets", fn_id, "apigateway.amazonaws.com", nullptr, at);
}

// Top-level `layers`: a LayerVersion each, `<Name>LambdaLayer`.
void Compiler::CompileLayers() {
  const Node* layers = svc_->Get("layers");
  if (layers == nullptr || !layers->is_map()) return;
  for (const MapEntry& e : layers->entries) {
    const Node* l = e.value;
    util::Loc at = e.key->loc;
    if (l == nullptr || !l->is_map()) continue;
    Add(Normalize(e.key->scalar) + "LambdaLayer", "AWS::Lambda::LayerVersion",
        M({{"LayerName", Or(l->Get("name"), S(e.key->scalar, at))},
           {"Content", S(Text(l->Get("path")).empty() ? "." : Text(l->Get("path")), at)},
           {"CompatibleRuntimes", l->Get("compatibleRuntimes")}},
          at),
        at);
  }
}

// The state machines of the serverless-step-functions plugin
// (`stepFunctions.stateMachines`), with the plugin's logical IDs: the `id`
// or `name` given, else `<Key>StepFunctionsStateMachine`.
void Compiler::CompileStateMachines() {
  const Node* sf = svc_->Get("stepFunctions");
  const Node* machines = sf != nullptr && sf->is_map() ? sf->Get("stateMachines") : nullptr;
  if (machines == nullptr || !machines->is_map()) return;
  for (const MapEntry& e : machines->entries) {
    const Node* m = e.value;
    util::Loc at = e.key->loc;
    if (m == nullptr || !m->is_map()) continue;
    std::string_view custom = Text(Or(m->Get("id"), m->Get("name")));
    std::string id = !custom.empty() ? Normalize(custom)
                                     : Normalize(e.key->scalar) + "StepFunctionsStateMachine";
    const Node* logging = m->Get("loggingConfig");
    const Node* log_config = nullptr;
    if (logging != nullptr && logging->is_map()) {
      std::vector<const Node*> destinations;
      if (const Node* d = logging->Get("destinations"); d != nullptr && d->is_seq()) {
        for (const Node* x : d->items) {
          destinations.push_back(
              M({{"CloudWatchLogsLogGroup", M({{"LogGroupArn", x}}, x->loc)}}, x->loc));
        }
      }
      log_config = M({{"Level", logging->Get("level")},
                      {"IncludeExecutionData", logging->Get("includeExecutionData")},
                      {"Destinations", destinations.empty() ? nullptr : a_.Seq(destinations, at)}},
                     logging->loc);
    }
    const Node* tracing = m->Get("tracingConfig");
    const Node* role = m->Get("role");
    if (role == nullptr) role = StateMachineRole(id, m, at);
    Add(id, "AWS::StepFunctions::StateMachine",
        M({{"StateMachineName", m->Get("name")},
           {"StateMachineType", m->Get("type")},
           {"RoleArn", role},
           {"LoggingConfiguration", log_config},
           {"TracingConfiguration", tracing != nullptr && tracing->is_map()
                                        ? M({{"Enabled", tracing->Get("enabled")}}, tracing->loc)
                                        : nullptr},
           {"DefinitionString", S("{}", at)}},
          at),
        at);
  }
}

// Whether `resources` names the logical ID `id` (a Ref, a GetAtt or a
// DependsOn), looked for to a bounded depth.
bool Compiler::ResourcesMention(std::string_view id) const {
  const Node* res = svc_->Get("resources");
  if (res == nullptr) return false;
  std::vector<std::pair<const Node*, int>> stack = {{res, 0}};
  size_t visited = 0;
  while (!stack.empty() && ++visited < 200'000) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (n == nullptr || depth > 64) continue;
    if (n->is_scalar()) {
      std::string_view t = n->scalar;
      if (t == id || (t.starts_with(id) && t.size() > id.size() && t[id.size()] == '.')) {
        return true;
      }
    }
    for (const MapEntry& e : n->entries) stack.push_back({e.value, depth + 1});
    for (const Node* i : n->items) stack.push_back({i, depth + 1});
  }
  return false;
}

// `resources`: raw CloudFormation, a map or a list of maps (files included
// one by one), merged into the generated template; a resource with the name
// of a generated one is merged into it, property by property.
void Compiler::MergeResources() {
  const Node* res = svc_->Get("resources");
  if (res == nullptr || res->is_null() || IsUnknown(res)) return;
  std::vector<const Node*> parts;
  if (res->is_seq()) {
    for (const Node* p : res->items) parts.push_back(p);
  } else {
    parts.push_back(res);
  }
  for (const Node* part : parts) {
    if (part == nullptr || IsUnknown(part)) continue;
    if (!part->is_map()) {
      Warn(part->loc, "`resources` is not a mapping (Resources, Outputs, Conditions); skipped");
      continue;
    }
    if (const Node* r = part->Get("Resources"); r != nullptr && r->is_map()) {
      for (const MapEntry& e : r->entries) {
        std::string id(e.key->scalar);
        written_.insert(id);
        auto it = index_.find(id);
        if (it == index_.end()) {
          index_[id] = resources_.size();
          resources_.push_back({id, e.value, e.key->loc});
          continue;
        }
        // Overrides a generated resource: its keys win, Properties merged.
        Generated& g = resources_[it->second];
        if (e.value == nullptr || !e.value->is_map() || !g.node->is_map()) {
          g.node = e.value;
          continue;
        }
        g.node = Merge(g.node, e.value, e.value->loc);
        g.loc = e.key->loc;
      }
    } else if (r != nullptr && !r->is_null() && !IsUnknown(r)) {
      Warn(r->loc, "`resources.Resources` is not a mapping; skipped");
    }
    for (auto [section, into] :
         {std::pair{"Outputs", &outputs_}, std::pair{"Conditions", &conditions_},
          std::pair{"Parameters", &parameters_}}) {
      const Node* s = part->Get(section);
      if (s == nullptr || !s->is_map()) continue;
      into->insert(into->end(), s->entries.begin(), s->entries.end());
    }
  }
}

// A resource with `over`'s keys merged in, as the framework merges
// `resources` and `extensions` into what it generated: maps one level deep
// (Properties key by key), anything else replaced.
const Node* Compiler::Merge(const Node* resource, const Node* over, util::Loc at) {
  std::vector<MapEntry> merged;
  for (const MapEntry& ge : resource->entries) {
    const Node* o = over->Get(ge.key->scalar);
    if (o == nullptr) {
      merged.push_back(ge);
    } else if (o->is_map() && ge.value != nullptr && ge.value->is_map()) {
      std::vector<MapEntry> props;
      for (const MapEntry& pe : ge.value->entries) {
        if (o->Get(pe.key->scalar) == nullptr) props.push_back(pe);
      }
      for (const MapEntry& pe : o->entries) props.push_back(pe);
      merged.push_back({ge.key, a_.Map(props, o->loc)});
    } else {
      merged.push_back({ge.key, o});
    }
  }
  for (const MapEntry& oe : over->entries) {
    if (resource->Get(oe.key->scalar) == nullptr) merged.push_back(oe);
  }
  return a_.Map(merged, at);
}

// `extensions`: changes to generated resources, merged the same way.
void Compiler::ApplyExtensions() {
  const Node* ext = svc_->Get("resources");
  ext = ext != nullptr && ext->is_map() ? ext->Get("extensions") : nullptr;
  if (ext == nullptr) ext = svc_->Get("extensions");
  if (ext == nullptr || !ext->is_map()) return;
  for (const MapEntry& e : ext->entries) {
    auto it = index_.find(std::string(e.key->scalar));
    if (it == index_.end()) {
      Warn(e.key->loc, "extension of " + std::string(e.key->scalar) +
                           ": the service generates no resource of that name; ignored");
      continue;
    }
    if (e.value == nullptr || !e.value->is_map()) continue;
    Generated& g = resources_[it->second];
    if (!g.node->is_map()) continue;
    g.node = Merge(g.node, e.value, g.loc);
  }
}

}  // namespace

std::string FunctionLogicalId(std::string_view key) { return Normalize(key) + "LambdaFunction"; }

const syntax::Node* Compile(const syntax::Node* service, const std::string& stage,
                            syntax::NodeArena* arena, util::DiagnosticSink* diags,
                            std::set<std::string, std::less<>>* written) {
  Compiler c(service, stage, arena, diags);
  const syntax::Node* out = c.Run();
  if (written != nullptr) *written = c.written();
  return out;
}

}  // namespace fnwarden::load::serverless
