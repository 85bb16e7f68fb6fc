// Compiles a resolved Serverless service into the CloudFormation template
// the framework deploys (see serverless.h). Names, defaults and generated
// statements follow the framework's AWS provider (v3, which v4 keeps). This
// file: the service, its functions, their execution role, log groups and
// versions, function URLs, destinations, layers, `resources` and
// `extensions`; events.cc and plugins.cc hold the rest (compiler.h).
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/serverless/compiler.h"

namespace fnwarden::load::serverless {
namespace internal {

bool IsUnknown(const Node* n) { return n != nullptr && n->tag == syntax::kUnknownTag; }

std::string_view Text(const Node* n) {
  return n != nullptr && n->is_scalar() && !IsUnknown(n) ? n->scalar : std::string_view();
}

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

std::string ExtraKey(const Node* value) {
  std::string_view text = Text(value);
  if (!text.empty() && !IsUnknown(value)) return std::string(text);
  return "@" + std::to_string(value->loc.line) + ":" + std::to_string(value->loc.col);
}

bool Truthy(const Node* n) {
  std::string_view t = Text(n);
  return t == "true" || t == "True" || t == "TRUE";
}

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

std::string Capitalized(std::string_view s) {
  std::string out = Lower(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Provider and function settings: the function's own wins.

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
  CompileCustomDomains();
  CompileApiCaching();
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

}  // namespace internal

std::string FunctionLogicalId(std::string_view key) {
  return internal::Normalize(key) + "LambdaFunction";
}

const syntax::Node* Compile(const syntax::Node* service, const std::string& stage,
                            syntax::NodeArena* arena, util::DiagnosticSink* diags,
                            std::set<std::string, std::less<>>* written) {
  internal::Compiler c(service, stage, arena, diags);
  const syntax::Node* out = c.Run();
  if (written != nullptr) *written = c.written();
  return out;
}

}  // namespace fnwarden::load::serverless
