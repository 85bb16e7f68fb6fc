// The normalized model of one deployable unit (a template, a CDK assembly
// stack, later a Serverless service or Terraform root module).
//
// Rules see only this: no YAML, no intrinsic functions, no framework syntax.
// Loaders build a Model; once built it is immutable and read by analyses and
// rules from many threads through `const Model&`.
//
// Resources refer to each other by logical ID (`Resource::id`), scoped to the
// model. A reference that could not be resolved to a resource of the model
// stays a Value with its `refs` empty.
#ifndef FNWARDEN_MODEL_MODEL_H_
#define FNWARDEN_MODEL_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/framework.h"
#include "model/value.h"
#include "util/source.h"
#include "util/strings.h"

namespace fnwarden::model {

// A resource-level suppression from `Metadata: fnwarden: ignore: [{id, reason}]`.
struct ResourceIgnore {
  std::string rule_id;
  std::string reason;  // empty reason: the engine reports a diagnostic and ignores it
  util::Loc loc;
};

// What every resource has.
struct Resource {
  std::string id;         // logical ID, e.g. "OrdersFunction" (generated ones: "OrdersFunctionRole")
  std::string type;       // the type as written, e.g. "AWS::Serverless::Function"
  util::Loc loc;          // the logical ID's key in the source
  std::string generated_from;  // for resources the SAM transform creates: the source resource's id
  // The name its author wrote when a framework derived the logical ID from it
  // (a Serverless function `api` is `ApiLambdaFunction`); "" otherwise.
  // Configuration ignores match either name.
  std::string source_name;
  // The resource as deployed, from its adapter: its ARN and name, known
  // when written, otherwise unknown with `pieces` (a bucket without a
  // BucketName has an unknown name, and an ARN made of the partition and
  // that name). Absent for kinds no policy can name. `ref_attribute` is
  // what a plain reference to it yields in its framework (CloudFormation's
  // Ref: a queue's URL, a topic's ARN, a bucket's name).
  String deployed_arn;
  String deployed_name;
  Attribute ref_attribute = Attribute::kName;
  std::string condition;       // the resource's Condition name, if any
  bool condition_known_false = false;  // its condition is decided false: it will not be created
  std::vector<ResourceIgnore> ignores;
};

// ---------------------------------------------------------------- IAM

enum class Effect : uint8_t { kAllow, kDeny };

struct Principal {
  std::string kind;  // "*" (the bare string form), "AWS", "Service", "Federated", "CanonicalUser"
  String id;         // "*", an account ID, an ARN, "lambda.amazonaws.com", ...
};

struct Condition {
  std::string op;    // e.g. "StringEquals", "ArnLike", "ForAnyValue:StringLike", "BoolIfExists"
  std::string key;   // e.g. "aws:SourceArn"
  std::vector<String> values;
  util::Loc loc;
};

struct Statement {
  util::Loc loc;
  String sid;
  Value<Effect> effect;
  bool not_action = false;
  std::vector<String> actions;   // Action or NotAction entries
  bool not_resource = false;
  bool has_resource = false;     // false in trust and most resource-based policies
  std::vector<String> resources;
  bool has_principal = false;
  bool not_principal = false;
  std::vector<Principal> principals;
  std::vector<Condition> conditions;
  bool known = true;             // false when the statement itself is an unresolved value
};

enum class PolicySource : uint8_t {
  kInline,        // written in the template (Policies, PolicyDocument, inline statements)
  kManaged,       // an AWS managed policy resolved from the pinned catalog
  kCustomerManaged,  // an AWS::IAM::ManagedPolicy of this model
  kSamTemplate,   // a SAM policy template (e.g. DynamoDBCrudPolicy) expanded
  kConnector,     // a SAM Connector expanded
  kUnresolved,    // a managed policy ARN or document fnwarden could not resolve
};

struct PolicyDocument {
  std::string name;          // policy name, managed policy name or SAM template name
  PolicySource source = PolicySource::kInline;
  util::Loc loc;             // where it is attached or written
  String arn;                // managed policy ARN as written, if any
  String version;
  std::vector<Statement> statements;
  bool known = true;         // false when the document could not be resolved
  bool generated = false;    // written by a transform (SAM's event, DLQ and destination
                             // policies), not by the template's author
};

// What uses a role: the kind of consumer, the resource of this model that
// uses it, and the service principal that assumes the role for it.
enum class RoleUseKind : uint8_t {
  kFunction,                     // a Lambda function's execution role
  kStateMachine,                 // a state machine's role
  kBuildProject,                 // a CodeBuild project's service role
  kEventTarget,                  // an EventBridge rule's target (or cross-bus) role
  kSchedule,                     // an EventBridge Scheduler schedule's target role
  kPipe,                         // an EventBridge pipe's role
  kApiLogging,                   // API Gateway's account-wide CloudWatch Logs role
  kApiIntegration,               // the credentials of an API Gateway integration
  kContainerTask,                // an ECS task role
  kContainerExecution,           // an ECS task execution role
  kInstanceProfile,              // EC2 instances, through an instance profile
  kIdentityPoolAuthenticated,    // signed-in users of a Cognito identity pool
  kIdentityPoolUnauthenticated,  // guests of a Cognito identity pool: anyone
  kGraphQlDataSource,            // an AppSync data source's service role
  kUserPoolSms,                  // a Cognito user pool sending SMS through SNS
};
const char* RoleUseKindName(RoleUseKind kind);  // "function", "state machine", ...

struct RoleUse {
  RoleUseKind kind = RoleUseKind::kFunction;
  std::string resource_id;  // the resource of this model that uses the role; "" for the account
  std::string service;      // "states.amazonaws.com"
  bool operator==(const RoleUse&) const = default;
};

struct Role : Resource {
  String role_name;
  PolicyDocument trust;                   // AssumeRolePolicyDocument
  std::vector<PolicyDocument> policies;   // inline, managed (resolved), templates, connectors
  String permissions_boundary;
  std::vector<std::string> functions;     // ids of functions that assume this role (filled by loaders)
  std::vector<RoleUse> used_by;           // every known consumer, functions included (loaders)
  // The boundary's document when a loader resolved it (an AWS managed policy
  // or a ManagedPolicy of this model); otherwise a set boundary is unknown.
  bool has_boundary_policy = false;
  PolicyDocument boundary_policy;
};

// An IAM user: its own policies, and those of its groups (through `groups`).
struct User : Resource {
  String user_name;
  std::vector<PolicyDocument> policies;  // inline and managed
  std::vector<std::string> groups;       // ids of the Groups of this model it belongs to
  String permissions_boundary;
  bool has_boundary_policy = false;  // as for Role
  PolicyDocument boundary_policy;
};

struct Group : Resource {
  String group_name;
  std::vector<PolicyDocument> policies;  // inline and managed
};

// An identity policy written as a resource of its own (a managed policy, or
// a policy resource) that no role, user or group of this model holds: it is
// attached to principals outside the model, or to none yet.
struct StandalonePolicy : Resource {
  PolicyDocument document;
  std::vector<String> attached_to;  // the roles, users and groups it names, as written
};

// ---------------------------------------------------------------- Lambda

struct EnvVar {
  std::string name;
  util::Loc loc;  // the variable's key
  String value;
};

struct Function : Resource {
  String function_name;   // the physical name if set
  String runtime;         // e.g. "python3.12"; absent for container images
  String package_type;    // "Zip" or "Image"
  String handler;
  String code_uri;        // local path or s3:// URI as written (CodeUri / Code)
  std::string code_dir;   // resolved local folder of the code, relative to the scan root; "" if none
  bool inline_code = false;
  Int timeout;            // seconds (Lambda default 3 is recorded with kDefaulted)
  Int memory_size;
  std::vector<EnvVar> environment;
  util::Loc environment_loc;
  String role;            // role ARN or reference as written
  std::string role_id;    // id of the Role resource of this model it resolves to ("" if external)
  String kms_key_arn;     // environment encryption key
  String tracing;         // "Active" or "PassThrough"
  Int reserved_concurrency;
  String dead_letter_target;        // DeadLetterQueue / DeadLetterConfig target ARN
  String on_failure_destination;    // EventInvokeConfig / DestinationConfig OnFailure
  String code_signing_config;
  std::vector<String> layers;
  bool in_vpc = false;
  util::Loc vpc_loc;
  String log_group;       // LoggingConfig.LogGroup as written
  bool has_version_or_alias = false;  // AutoPublishAlias, or a Version/Alias resource for it
  std::vector<String> architectures;
};

// A statement of a Lambda function's resource-based policy
// (AWS::Lambda::Permission, or one SAM generates for an event or URL).
struct Permission : Resource {
  String function;          // FunctionName as written; refs name the function
  std::string function_id;  // resolved function of this model, "" if external
  String action;            // "lambda:InvokeFunction", "lambda:InvokeFunctionUrl", ...
  String principal;         // "*", an account, an ARN or a service principal
  String source_arn;
  String source_account;
  String principal_org_id;
  String function_url_auth_type;  // "NONE" / "AWS_IAM" when set
};

struct FunctionUrl : Resource {
  std::string function_id;
  String auth_type;                      // "NONE" or "AWS_IAM"
  std::vector<String> cors_allow_origins;
  Bool cors_allow_credentials;
  String invoke_mode;
};

enum class TriggerKind : uint8_t {
  kApi, kHttpApi, kWebSocket, kS3, kSqs, kSns, kSchedule, kEventBridge, kDynamoDb, kKinesis,
  kMsk, kMq, kDocumentDb, kSelfManagedKafka, kCognito, kIot, kAlexa, kCloudWatchLogs,
  kFunctionUrl, kStepFunctions, kOther
};

// Something that invokes a function: an event source or an integration.
struct Trigger {
  std::string function_id;
  TriggerKind kind = TriggerKind::kOther;
  std::string name;          // the SAM event name or the mapping's id
  util::Loc loc;
  String source;             // queue/stream/topic/bucket ARN or reference as written
  std::string source_id;     // the resource of this model it comes from, if resolved
  String on_failure_destination;  // event source mapping DestinationConfig.OnFailure
  bool asynchronous = false;      // invoked with InvocationType Event (S3, SNS, EventBridge...)
};

// ---------------------------------------------------------------- APIs

enum class ApiKind : uint8_t { kRest, kHttp, kWebSocket };

struct Cors {
  bool present = false;
  util::Loc loc;
  std::vector<String> allow_origins;
  Bool allow_credentials;
};

struct Authorizer {
  std::string name;
  util::Loc loc;
  String type;               // "TOKEN", "REQUEST", "COGNITO_USER_POOLS", "JWT", "AWS_IAM"
  std::string function_id;   // Lambda authorizers
};

struct Route {
  util::Loc loc;
  String method;             // "GET", "ANY", ...
  String path;               // "/orders/{id}", "$default"
  String authorization_type; // "NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS", "JWT"
  String authorizer;         // authorizer name or id when one applies
  Bool api_key_required;
  std::string function_id;   // the integration's target function, if any
  std::string source_id;     // the resource it was written on (a Method, a Route, a function's event)
};

struct Stage {
  std::string id;            // the Stage resource (or the API id for SAM's implicit stage)
  util::Loc loc;
  String stage_name;
  String access_log_destination;
  Bool tracing_enabled;      // REST only
  String logging_level;      // default method setting: "OFF", "ERROR", "INFO"
  Value<double> throttling_rate_limit;
  Int throttling_burst_limit;
  Bool cache_enabled;
  Bool cache_encrypted;
  String client_certificate;
  std::vector<std::string> web_acls;  // WebAcl ids associated with this stage
};

struct Domain {
  std::string id;
  util::Loc loc;
  String domain_name;
  String security_policy;    // "TLS_1_0", "TLS_1_2"
  String endpoint_type;
};

struct Api : Resource {
  ApiKind kind = ApiKind::kRest;
  bool implicit = false;     // SAM's ServerlessRestApi / ServerlessHttpApi
  String name;
  String endpoint_type;      // "EDGE", "REGIONAL", "PRIVATE"
  Bool disable_execute_api_endpoint;
  bool has_resource_policy = false;
  PolicyDocument resource_policy;
  Cors cors;
  String default_authorizer;
  std::vector<Authorizer> authorizers;
  std::vector<Route> routes;
  std::vector<Stage> stages;
  std::vector<Domain> domains;
  bool definition_opaque = false;  // routes are in an external OpenAPI file fnwarden did not read
};

struct UsagePlan : Resource {
  struct ApiStage {
    std::string api_id;
    String stage;
  };
  std::vector<ApiStage> api_stages;
  Value<double> throttle_rate_limit;
  Int throttle_burst_limit;
  Int quota_limit;
};

// ---------------------------------------------------------------- Data stores

struct Bucket : Resource {
  String bucket_name;
  String sse_algorithm;       // "AES256", "aws:kms", "aws:kms:dsse"
  String kms_key;
  String versioning;          // "Enabled", "Suspended"
  Bool block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets;
  bool has_public_access_block = false;
  bool has_logging = false;
  String access_control;      // canned ACL, e.g. "PublicRead"
  std::vector<PolicyDocument> policies;  // from BucketPolicy resources
};

// One region's copy of a global table.
struct TableReplica {
  util::Loc loc;  // the replica's entry
  String region;
  Bool point_in_time_recovery;
};

struct Table : Resource {
  String table_name;
  Bool sse_enabled;
  String kms_key;
  Bool point_in_time_recovery;  // a single-region table's; see `replicas` for a global one
  Bool deletion_protection;
  bool simple_table = false;  // SAM's simple table
  // A global table keeps point-in-time recovery per replica. `replicas_known`
  // is false when the replica list could not be read.
  bool global = false;
  bool replicas_known = true;
  std::vector<TableReplica> replicas;
};

struct Queue : Resource {
  String queue_name;
  Int visibility_timeout;     // seconds; SQS default 30 recorded with kDefaulted
  String kms_key;
  Bool sqs_managed_sse;
  String dead_letter_target;  // RedrivePolicy.deadLetterTargetArn
  bool fifo = false;
  std::vector<PolicyDocument> policies;  // from QueuePolicy resources
};

struct Topic : Resource {
  String topic_name;
  String kms_key;
  std::vector<PolicyDocument> policies;  // from TopicPolicy resources
};

enum class StoreKind : uint8_t { kBucket, kQueue, kTopic };

// A bucket, queue or topic policy that names no store of this model for
// certain: the store is created elsewhere, or the name written cannot be
// compared with the names of this model's stores. Policies that name a store
// of the model (by reference or by the same name) are in that store's
// `policies` instead. Its statements are still the application's and are
// judged; `may_be` lists the stores of this model it may apply to, so that a
// rule stays quiet about what it cannot decide for them.
struct StorePolicy : Resource {
  StoreKind store_kind = StoreKind::kBucket;
  std::vector<String> targets;      // bucket names, queue URLs or topic ARNs as written
  std::vector<std::string> may_be;  // ids of this model's stores of that kind it may name
  PolicyDocument policy;
};

struct Secret : Resource {
  String kms_key;
  bool has_rotation = false;  // a RotationSchedule targets it
  std::vector<PolicyDocument> policies;  // from ResourcePolicy resources
};

struct Parameter : Resource {
  String name;
  String type;                // "String", "StringList"
  String value;
};

struct Key : Resource {
  String key_spec;            // "SYMMETRIC_DEFAULT" by default
  String key_usage;
  Bool enable_rotation;
  PolicyDocument key_policy;
  bool has_key_policy = false;
};

struct LogGroup : Resource {
  String log_group_name;
  Int retention_days;
  String kms_key;
  // Only the retention of a log group that the service creates is set here
  // (a retention setter such as CDK's `logRetention`); the group's other
  // settings are the service's, not the template's.
  bool retention_only = false;
};

struct StateMachine : Resource {
  String logging_level;       // "ALL", "ERROR", "FATAL", "OFF"
  bool has_log_destination = false;
  Bool tracing_enabled;
  String role;
  std::string role_id;
  String type;                // "STANDARD", "EXPRESS"
};

struct EventBus : Resource {
  String name;
  std::vector<PolicyDocument> policies;
};

// A custom attribute of a user pool's schema.
struct UserAttribute {
  std::string name;     // as declared, without the "custom:" prefix users and clients see
  util::Loc loc;        // its schema entry
  Bool is_mutable;      // users may change it after sign-up (false by default once declared)
  Bool developer_only;  // only administrators' credentials can write it
};

struct UserPool : Resource {
  String mfa_configuration;   // "OFF", "ON", "OPTIONAL"
  String advanced_security_mode;
  // The password policy. With none written, Cognito's default applies and
  // every field below is absent. Within a written policy an omitted
  // requirement is false and an omitted validity is 7 days (kDefaulted).
  bool has_password_policy = false;
  util::Loc password_policy_loc;
  Int password_minimum_length;
  Bool password_requires_lowercase;
  Bool password_requires_uppercase;
  Bool password_requires_numbers;
  Bool password_requires_symbols;
  Int temporary_password_validity_days;
  Bool admin_create_user_only;  // users cannot sign themselves up (false by default)
  bool schema_known = true;     // false when the schema could not be read
  std::vector<UserAttribute> custom_attributes;
};

// An app client of a user pool: what its users' tokens may do.
struct UserPoolClient : Resource {
  String user_pool;          // as written
  std::string user_pool_id;  // the UserPool of this model it belongs to, "" if external
  // The attributes its users may write ("custom:tier", "email"...). Without
  // a list, the client has Cognito's default write access.
  bool has_write_attributes = false;
  bool write_attributes_known = true;  // false when the list could not be read
  util::Loc write_attributes_loc;
  std::vector<String> write_attributes;
};

struct IdentityPool : Resource {
  Bool allow_unauthenticated;
};

struct Trail : Resource {
  Bool is_logging;
  Bool log_file_validation;
  Bool multi_region;
  String kms_key;
  bool lambda_data_events = false;
  bool s3_data_events = false;
};

struct WebAcl : Resource {
  String scope;               // "REGIONAL", "CLOUDFRONT"
  bool has_logging = false;   // a LoggingConfiguration targets it
  std::vector<String> associated_resources;  // ResourceArn of WebACLAssociations
};

struct Alarm : Resource {
  Bool actions_enabled;
  std::vector<String> alarm_actions;
  String metric_name;
  String namespace_;
  std::vector<std::string> function_ids;  // functions named in its dimensions
};

// A nested stack or SAM application fnwarden does not open.
struct NestedStack : Resource {
  String location;
};

// ---------------------------------------------------------------- Inputs and outputs

// A value the deployer supplies (a CloudFormation parameter).
struct Input {
  std::string name;
  util::Loc loc;           // the input's key
  bool free_text = false;  // a plain string (not a number, a list, or a typed AWS reference)
  bool masked = false;     // hidden in the deployment's descriptions and events (NoEcho)
  String default_value;    // absent when there is none
};

// A value the unit publishes for people and other stacks (a stack output),
// kept only when it may be created.
struct Output {
  std::string name;
  util::Loc loc;  // the output's key
  String value;
  // The secret attribute of a resource that the value carries, if any.
  std::string secret_of;    // that resource's logical ID
  std::string secret_kind;  // what it is, e.g. "the secret access key of access key DeployKey"
};

// ---------------------------------------------------------------- The model

struct Model;

// Where each logical ID of a model is: the position of the first resource
// with that ID in each list (lists numbered in ForEachResourceList's
// order), and how long each list was. Positions, not pointers, so that a
// copied model's table stays right; what was appended to a list since is
// scanned.
class IdTable {
 public:
  void Build(const Model& model);
  // The position in list `list` of the first resource with ID `id` when
  // the table was built; nullptr when there was none.
  const uint32_t* Find(uint32_t list, std::string_view id) const {
    auto it = places_.find(KeyView{list, id});
    return it == places_.end() ? nullptr : &it->second;
  }
  // How many resources of list `list` the table covers (0 before Build).
  size_t Covered(uint32_t list) const { return list < sizes_.size() ? sizes_[list] : 0; }
  // The first resource with ID `id` in list order when the table was
  // built: one lookup for Model::FindResource instead of one per list.
  struct Place {
    uint32_t list;
    uint32_t pos;
  };
  const Place* FindFirst(std::string_view id) const {
    auto it = first_.find(id);
    return it == first_.end() ? nullptr : &it->second;
  }

 private:
  struct Key {
    uint32_t list;
    std::string id;
  };
  struct KeyView {
    uint32_t list;
    std::string_view id;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(KeyView k) const { return std::hash<std::string_view>()(k.id) * 31 + k.list; }
    size_t operator()(const Key& k) const { return (*this)(KeyView{k.list, k.id}); }
  };
  struct Equal {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return a.list == b.list && std::string_view(a.id) == std::string_view(b.id);
    }
  };
  std::unordered_map<Key, uint32_t, Hash, Equal> places_;
  std::unordered_map<std::string, Place, util::StringViewHash, std::equal_to<>> first_;
  std::vector<size_t> sizes_;
};

struct Model {
  std::string root;            // display path of the project's main file (or cdk.out folder)
  Framework framework = Framework::kCloudFormation;
  std::map<std::string, std::string> parameters;  // resolved parameter values, for reports

  std::vector<Function> functions;
  std::vector<Role> roles;
  std::vector<User> users;
  std::vector<Group> groups;
  std::vector<StandalonePolicy> standalone_policies;
  std::vector<Permission> permissions;
  std::vector<FunctionUrl> function_urls;
  std::vector<Trigger> triggers;
  std::vector<Api> apis;
  std::vector<UsagePlan> usage_plans;
  std::vector<Bucket> buckets;
  std::vector<Table> tables;
  std::vector<Queue> queues;
  std::vector<Topic> topics;
  std::vector<StorePolicy> store_policies;
  std::vector<Secret> secrets;
  std::vector<Parameter> ssm_parameters;
  std::vector<Key> keys;
  std::vector<LogGroup> log_groups;
  std::vector<StateMachine> state_machines;
  std::vector<EventBus> event_buses;
  std::vector<UserPool> user_pools;
  std::vector<UserPoolClient> user_pool_clients;
  std::vector<IdentityPool> identity_pools;
  std::vector<Trail> trails;
  std::vector<WebAcl> web_acls;
  std::vector<Alarm> alarms;
  std::vector<NestedStack> nested_stacks;
  std::vector<Input> inputs;
  std::vector<Output> outputs;

  // Look-ups by logical ID; nullptr when absent. After IndexIds(), in
  // constant time plus a scan of what was appended since.
  const Function* FindFunction(std::string_view id) const;
  const Role* FindRole(std::string_view id) const;
  const Group* FindGroup(std::string_view id) const;
  const Queue* FindQueue(std::string_view id) const;
  const LogGroup* FindLogGroup(std::string_view id) const;
  const Resource* FindResource(std::string_view id) const;  // any kind

  // Indexes every resource by logical ID for the look-ups above. Loaders
  // call it when the lists are complete, and again after erasing from a list
  // or changing an id (appending needs nothing); it must not run while
  // another thread looks up.
  void IndexIds() { ids.Build(*this); }
  IdTable ids;
};

const char* TriggerKindName(TriggerKind kind);

// Calls `fn(list)` for each list of resources of `model` (functions, roles,
// users, ... nested stacks), in declaration order. `M` is Model or const Model.
template <class M, class Fn>
void ForEachResourceList(M& model, Fn&& fn) {
  fn(model.functions); fn(model.roles); fn(model.permissions); fn(model.function_urls);
  fn(model.apis); fn(model.usage_plans); fn(model.buckets); fn(model.tables); fn(model.queues);
  fn(model.topics); fn(model.store_policies); fn(model.secrets); fn(model.ssm_parameters);
  fn(model.keys); fn(model.log_groups); fn(model.state_machines); fn(model.event_buses);
  fn(model.user_pools); fn(model.user_pool_clients); fn(model.identity_pools); fn(model.trails);
  fn(model.web_acls); fn(model.alarms); fn(model.nested_stacks);
  fn(model.users); fn(model.groups); fn(model.standalone_policies);
}

// The place of `items`, one of the lists of `m`, in ForEachResourceList's
// order.
template <class List>
uint32_t ListNumber(const Model& m, const List& items) {
  uint32_t n = 0, found = UINT32_MAX;
  ForEachResourceList(m, [&](const auto& list) {
    if (static_cast<const void*>(&list) == static_cast<const void*>(&items)) found = n;
    ++n;
  });
  return found;
}

// The resource of `items`, list number `list` of `m`, with logical ID `id`;
// nullptr when absent: from m's IdTable, scanning only what was appended to
// `items` since it was built. `List` is std::vector<T> or const
// std::vector<T>.
template <class List>
auto FindInList(const Model& m, uint32_t list, List& items, std::string_view id)
    -> decltype(&items[0]) {
  size_t covered = m.ids.Covered(list);
  size_t from = 0;  // where the scan starts
  if (covered <= items.size()) {
    const uint32_t* pos = m.ids.Find(list, id);
    if (pos == nullptr) {
      from = covered;  // not among the resources the table covers
    } else if (*pos < items.size() && items[*pos].id == id) {
      return &items[*pos];
    }
  }
  for (size_t i = from; i < items.size(); ++i) {
    if (items[i].id == id) return &items[i];
  }
  return nullptr;
}

// FindInList for `items`, one of the lists of `m`.
template <class List>
auto FindIn(const Model& m, List& items, std::string_view id) -> decltype(&items[0]) {
  return FindInList(m, ListNumber(m, items), items, id);
}

// Calls `fn(resource)` for every resource of every kind in `model`.
template <class Fn>
void ForEachResource(const Model& model, Fn&& fn) {
  ForEachResourceList(model, [&](const auto& list) {
    for (const auto& r : list) fn(static_cast<const Resource&>(r));
  });
}

// Removes every resource whose Condition is decided false (it will not be
// created), and what hangs on the functions and roles removed: their
// triggers, routes, URLs, permissions, and references to them. Loaders call
// it once, after linking, so that no analysis or rule ever sees a resource
// that is not deployed.
void RemoveUndeployed(Model* model);

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_MODEL_H_
