// The facts of a JavaScript, TypeScript or TSX file (facts.h), read from its
// tree-sitter tree in two steps: one walk records the file's names (imports,
// declarations, parameters, assignments, class fields), its definitions and
// every call and `new`; then each recorded call is resolved against those
// names. Both steps are linear: the walk uses a cursor (no recursion), and a
// resolution follows at most kMaxResolveDepth links and kSiteBudget steps,
// with each name resolved once. Then js_flows.cc adds the taint summaries of
// the functions and the file's weaknesses (js_internal.h).
//
// What is followed, best effort and within the one file:
//  - the SDK as `require`d or imported (default, namespace, named,
//    destructured, `require('m').X`, `await import('m')`), also through
//    X-Ray's and Powertools' `captureAWS*` wrappers;
//  - clients and commands held in consts, lets and vars of any scope
//    (the first SDK value among the declaration and later assignments), in
//    class fields (`this.s3 = ...` anywhere in the class, field
//    initialisers, TypeScript parameter properties), returned by a local
//    function (`getClient()`, also the lazy `if (!c) c = new S3(); return
//    c` pattern), passed to a local function as an argument (the first of
//    its first call sites that gives an SDK value), or declared by a
//    TypeScript type annotation (`client: S3Client`, `s3: AWS.S3`);
//  - commands passed to `send` directly, through a variable (each SDK
//    command assigned to it), or through a parameter of a local helper (each
//    call site of the helper, reported where the command is built);
//  - request parameters in an object literal, a variable holding one, spread
//    objects, and `config.table`-style members of local object literals; a
//    value is a literal or an environment variable when the code says so
//    through at most kMaxResolveDepth names;
//  - calls through a dispatch table: an object literal (or `new Map([[k,
//    f], ...])`) bound to a const, let or var of any scope and never
//    reassigned or written to, called with a key not known (each function
//    it holds) or a literal key (that entry), directly, through a name
//    bound once to the entry, or through `?? fallback` (js_internal.h).
// Not followed: values across files, method calls on `this` that return
// clients, containers (arrays, maps) of clients, and reassignments after a
// use (the first SDK value of a name is taken for every use).
#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "load/code/facts.h"
#include "load/code/js_internal.h"
#include "load/code/syntax.h"
#include "util/encoding.h"

namespace fnwarden::load::code {
namespace {

constexpr int kMaxResolveDepth = 24;     // names, members and calls followed for one value
constexpr int kSiteBudget = 4096;        // resolution steps for one call site
constexpr int kMaxUnwrap = 64;           // parentheses, `await`, `as`, `!` skipped around a value
constexpr int kMaxScopeWalk = 64;        // enclosing scopes searched before the module scope
constexpr size_t kMaxObjectProps = 256;  // properties of one object literal read
constexpr size_t kMaxCallSites = 16;     // call sites of one local function kept
constexpr size_t kMaxAssigned = 8;       // assignments kept for one name
constexpr size_t kMaxCalleeParts = 16;   // `a.b.c` components of a callee name
constexpr size_t kMaxDispatchTargets = 32;  // functions one call through a table reaches
constexpr int kMaxDispatchDepth = 4;        // names and nested tables followed to a table
constexpr uint32_t kNoScope = UINT32_MAX;

constexpr std::string_view kLibDynamoDb = "@aws-sdk/lib-dynamodb";
constexpr std::string_view kLibStorage = "@aws-sdk/lib-storage";
constexpr std::string_view kPresigner = "@aws-sdk/s3-request-presigner";
constexpr std::string_view kClientPrefix = "@aws-sdk/client-";

// The node types the extractor looks at; everything else is kOther.
enum class K : uint8_t {
  kNone,
  kOther,
  kComment,
  kFunctionDecl,
  kFunctionExpr,
  kArrow,
  kMethod,
  kClass,
  kClassBody,
  kField,
  kDeclarator,
  kAssign,
  kImport,
  kExport,
  kCall,
  kNew,
  kPair,
  kObject,
  kIdentifier,
  kMember,
  kSubscript,
  kString,
  kTemplate,
  kWrapper,  // parenthesized_expression, as/satisfies/non-null, <T>x
  kAwait,
  kBinary,
  kTernary,
  kObjectPattern,
  kPairPattern,
  kShorthandPattern,
  kObjectAssignPattern,
  kShorthandProp,
  kSpread,
  kRequiredParam,
  kAssignPattern,
  kThis,
  kImportKw,  // `import` of `import('m')`
  kReturn,
  kTypeIdentifier,
  kNestedTypeIdentifier,
  kGenericType,
  kStringFragment,
  kEscape,
  kSubstitution,
  kImportClause,
  kNamedImports,
  kNamespaceImport,
  kImportSpecifier,
  kImportRequireClause,
  kExportClause,
  kExportSpecifier,
  kNamespaceExport,
  kArguments,
  kAccessibility,
  kDefaultKw,   // anonymous `default`
  kReadonlyKw,  // anonymous `readonly`
  kArray,
  kAugmented,  // `a.b += x`
  kUnary,
  kNumber,
};

// The grammar fields the extractor reads, looked up once per grammar (by
// id rather than by name on every node).
enum class Fd : uint8_t {
  kAlias,
  kAlternative,
  kArgument,
  kArguments,
  kBody,
  kConsequence,
  kConstructor,
  kDeclaration,
  kFunction,
  kIndex,
  kKey,
  kLeft,
  kModule,
  kName,
  kObject,
  kOperator,
  kParameter,
  kParameters,
  kPattern,
  kProperty,
  kRight,
  kSource,
  kType,
  kValue,
  kCount
};
constexpr const char* kFieldNames[] = {
    "alias",       "alternative", "argument", "arguments", "body",      "consequence",
    "constructor", "declaration", "function", "index",     "key",       "left",
    "module",      "name",        "object",   "operator",  "parameter", "parameters",
    "pattern",     "property",    "right",    "source",    "type",      "value"};
static_assert(std::size(kFieldNames) == static_cast<size_t>(Fd::kCount));

bool IsFunctionKind(K k) {
  return k == K::kFunctionDecl || k == K::kFunctionExpr || k == K::kArrow || k == K::kMethod;
}

K KindOfName(std::string_view name, bool named) {
  if (!named) {
    if (name == "default") return K::kDefaultKw;
    if (name == "readonly") return K::kReadonlyKw;
    return K::kOther;
  }
  static const std::unordered_map<std::string_view, K> kNames = {
      {"comment", K::kComment},
      {"function_declaration", K::kFunctionDecl},
      {"generator_function_declaration", K::kFunctionDecl},
      {"function_expression", K::kFunctionExpr},
      {"function", K::kFunctionExpr},
      {"generator_function", K::kFunctionExpr},
      {"arrow_function", K::kArrow},
      {"method_definition", K::kMethod},
      {"class", K::kClass},
      {"class_declaration", K::kClass},
      {"abstract_class_declaration", K::kClass},
      {"class_body", K::kClassBody},
      {"field_definition", K::kField},
      {"public_field_definition", K::kField},
      {"variable_declarator", K::kDeclarator},
      {"assignment_expression", K::kAssign},
      {"import_statement", K::kImport},
      {"export_statement", K::kExport},
      {"call_expression", K::kCall},
      {"new_expression", K::kNew},
      {"pair", K::kPair},
      {"object", K::kObject},
      {"identifier", K::kIdentifier},
      {"member_expression", K::kMember},
      {"subscript_expression", K::kSubscript},
      {"string", K::kString},
      {"template_string", K::kTemplate},
      {"parenthesized_expression", K::kWrapper},
      {"as_expression", K::kWrapper},
      {"satisfies_expression", K::kWrapper},
      {"non_null_expression", K::kWrapper},
      {"type_assertion", K::kWrapper},
      {"await_expression", K::kAwait},
      {"binary_expression", K::kBinary},
      {"ternary_expression", K::kTernary},
      {"object_pattern", K::kObjectPattern},
      {"pair_pattern", K::kPairPattern},
      {"shorthand_property_identifier_pattern", K::kShorthandPattern},
      {"object_assignment_pattern", K::kObjectAssignPattern},
      {"shorthand_property_identifier", K::kShorthandProp},
      {"spread_element", K::kSpread},
      {"required_parameter", K::kRequiredParam},
      {"optional_parameter", K::kRequiredParam},
      {"assignment_pattern", K::kAssignPattern},
      {"this", K::kThis},
      {"import", K::kImportKw},
      {"return_statement", K::kReturn},
      {"type_identifier", K::kTypeIdentifier},
      {"nested_type_identifier", K::kNestedTypeIdentifier},
      {"generic_type", K::kGenericType},
      {"string_fragment", K::kStringFragment},
      {"escape_sequence", K::kEscape},
      {"template_substitution", K::kSubstitution},
      {"import_clause", K::kImportClause},
      {"named_imports", K::kNamedImports},
      {"namespace_import", K::kNamespaceImport},
      {"import_specifier", K::kImportSpecifier},
      {"import_require_clause", K::kImportRequireClause},
      {"export_clause", K::kExportClause},
      {"export_specifier", K::kExportSpecifier},
      {"namespace_export", K::kNamespaceExport},
      {"arguments", K::kArguments},
      {"accessibility_modifier", K::kAccessibility},
      {"array", K::kArray},
      {"augmented_assignment_expression", K::kAugmented},
      {"unary_expression", K::kUnary},
      {"number", K::kNumber},
  };
  auto it = kNames.find(name);
  return it == kNames.end() ? K::kOther : it->second;
}

// One table per grammar from symbol to K, aliases included, so that a
// node's kind is an array look-up rather than string comparisons. Built once
// per thread and grammar (four grammars at most).
const std::vector<K>& KindTable(const TSLanguage* grammar) {
  thread_local std::array<std::pair<const TSLanguage*, std::vector<K>>, 4> cache{};
  for (auto& [g, table] : cache) {
    if (g == grammar) return table;
    if (g != nullptr) continue;
    table.assign(ts_language_symbol_count(grammar), K::kOther);
    for (TSSymbol s = 0; s < table.size(); ++s) {
      const char* name = ts_language_symbol_name(grammar, s);
      TSSymbolType type = ts_language_symbol_type(grammar, s);
      if (name == nullptr || type == TSSymbolTypeAuxiliary) continue;
      table[s] = KindOfName(name, type == TSSymbolTypeRegular);
    }
    g = grammar;
    return table;
  }
  static const std::vector<K> kEmpty;
  return kEmpty;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// The parameter names that name resources, as the SDK spells them.
bool IsResourceParam(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {
      "Bucket",       "Key",  "TableName",       "QueueUrl",   "TopicArn",           "FunctionName",
      "SecretId",     "Name", "StateMachineArn", "StreamName", "DeliveryStreamName", "LogGroupName",
      "EventBusName", "Arn",  "ResourceArn",     "KeyId",      "IndexName",          "QueueName"};
  return kNames.count(name) > 0;
}

bool IsExecuteStatement(std::string_view op) {
  return op == "ExecuteStatementCommand" || op == "executeStatement";
}

// The class of `aws-sdk/clients/<module>`: the module is the class's name in
// lower case. The common services are listed; for the others the name the
// file gives the import is taken when it matches (see ResolveBinding).
std::string_view V2ClassOfModule(std::string_view module) {
  constexpr std::string_view kClasses =
      "ACM APIGateway ApiGatewayManagementApi ApiGatewayV2 AppConfig AppConfigData AppSync "
      "Athena AutoScaling Backup Batch Bedrock BedrockAgent BedrockAgentRuntime "
      "BedrockRuntime CloudFormation CloudFront CloudTrail CloudWatch CloudWatchEvents "
      "CloudWatchLogs CodeBuild CodeCommit CodeDeploy CodePipeline CognitoIdentity "
      "CognitoIdentityServiceProvider Comprehend ComprehendMedical ConfigService Connect "
      "CostExplorer DataSync DocDB DynamoDB DynamoDBStreams EC2 ECR ECS EFS EKS "
      "ElastiCache ELB ELBv2 EMR ES EventBridge Firehose Glue GuardDuty IAM Iot IotData "
      "Kafka Kendra Kinesis KinesisVideo KMS Lambda LexRuntime LexRuntimeV2 Location "
      "Macie2 MediaConvert MQ Neptune OpenSearch Organizations Personalize "
      "PersonalizeEvents PersonalizeRuntime Pinpoint Polly RDS RDSDataService Redshift "
      "RedshiftData Rekognition ResourceGroupsTaggingAPI Route53 S3 S3Control SageMaker "
      "SageMakerRuntime Scheduler SecretsManager SecurityHub ServiceDiscovery SES SESV2 "
      "SNS SQS SSM SSO StepFunctions STS Textract TimestreamQuery TimestreamWrite "
      "TranscribeService Transfer Translate WAFV2 XRay";
  for (size_t start = 0; start < kClasses.size();) {
    size_t end = std::min(kClasses.find(' ', start), kClasses.size());
    std::string_view cls = kClasses.substr(start, end - start);
    if (EqualsIgnoreCase(cls, module)) return cls;
    start = end + 1;
  }
  return {};
}

// Members of the `AWS` namespace that are classes but not service clients.
bool IsV2ServiceClass(std::string_view name) {
  if (name.empty() || !IsUpper(name[0]) || EndsWith(name, "Credentials")) return false;
  static const std::unordered_set<std::string_view> kNotServices = {
      "Config",         "Endpoint",        "HttpRequest",
      "HttpResponse",   "Request",         "Response",
      "Service",        "MetadataService", "CredentialProviderChain",
      "Signers",        "EventListeners",  "SequentialExecutor",
      "ParamValidator", "Token",           "ResourceWaiter"};
  return kNotServices.count(name) == 0;
}

// Methods of v2 clients that are no API operation.
bool IsV2NonOperation(std::string_view method) {
  return method == "createSet" || method == "on" || method == "setupRequestListeners" ||
         method == "defineService" || method == "promise";
}

// v2 methods whose first argument names the operation.
bool IsV2OperationByName(std::string_view method) {
  return method == "getSignedUrl" || method == "getSignedUrlPromise" || method == "makeRequest" ||
         method == "makeUnauthenticatedRequest";
}

// Packages whose `*Command` classes are API operations.
bool IsCommandPackage(std::string_view pkg) {
  return StartsWith(pkg, kClientPrefix) || pkg == kLibDynamoDb;
}

// A code point an escape names, as UTF-8; U+FFFD for one that is not a
// character (beyond U+10FFFF, or a lone surrogate).
void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  util::AppendUtf8(static_cast<char32_t>(cp), out);
}

bool HexValue(std::string_view digits, uint32_t* value) {
  if (digits.empty() || digits.size() > 6) return false;
  uint32_t v = 0;
  for (char c : digits) {
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return false;
    v = v * 16 + static_cast<uint32_t>(d);
  }
  *value = v;
  return true;
}

using js::AppendEscape;

// A value as far as the extractor can tell.
enum class VK : uint8_t {
  kUnknown,       // nothing known: a parameter, an import of another module...
  kOther,         // known not to be an SDK object (a number, `new Foo()`...)
  kAwsNamespace,  // require('aws-sdk')
  kV2Class,       // AWS.S3 (service "" when picked by a computed name)
  kV2Client,      // new AWS.S3()
  kV3Package,     // import * as m from '@aws-sdk/client-s3'
  kV3Export,      // a named export of a v3 package (name "" when computed)
  kV3Client,      // new S3Client(), DynamoDBDocumentClient.from(), new S3() (aggregated)
  kV3Command,     // new GetObjectCommand(...) (node is the `new`)
  kProcess,       // process
  kProcessEnv,    // process.env
  kEnvVar,        // process.env.X (name)
  kLiteral,       // a string (name holds it)
  kObject,        // an object literal (node, scope)
  kFunction,      // a function of this file (node)
};

// Values are copied freely: their texts view the source or the extractor's
// pool of strings (Extractor::Intern), never owned copies.
struct Value {
  VK kind = VK::kUnknown;
  bool aggregated = false;
  std::string_view service;  // v2 class, v3 package
  std::string_view name;     // v3 export, environment variable, literal
  TSNode node{};
  uint32_t scope = 0;
};

bool IsSdk(const Value& v) { return v.kind >= VK::kAwsNamespace && v.kind <= VK::kV3Command; }
// Whether a value says something useful (beyond "not an SDK object").
bool IsInformative(const Value& v) { return v.kind != VK::kUnknown && v.kind != VK::kOther; }

struct ScopeKey {
  uint32_t scope;
  std::string_view name;
  bool operator==(const ScopeKey& o) const { return scope == o.scope && name == o.name; }
};
struct ScopeKeyHash {
  size_t operator()(const ScopeKey& k) const {
    return std::hash<std::string_view>()(k.name) ^
           (static_cast<size_t>(k.scope) * 0x9E3779B97F4A7C15ULL);
  }
};

struct Binding {
  enum class Kind : uint8_t { kValue, kDestructure, kFunction, kClass, kImport, kParam };
  Kind kind = Kind::kValue;
  std::string_view name;
  TSNode node{};  // the value, destructured object, function, class, or a parameter's default
  uint32_t scope = 0;
  std::string key;  // kDestructure: the property taken
  std::vector<std::pair<TSNode, uint32_t>> assigned;
  TSNode fn{};           // kParam: the function
  TSNode type{};         // kParam: the TypeScript type annotation
  uint32_t index = 0;    // kParam: the position; kImport: the import
  std::string imported;  // kImport
  uint8_t state = 0;     // 0 unresolved, 1 resolving, 2 resolved
  Value memo;
};

struct Scope {
  uint32_t parent = kNoScope;
  int32_t cls = -1;
};

struct Ctx {
  uint32_t depth = 0;
  uint32_t scope = 0;
  int32_t def = -1;
  int32_t cls = -1;
  bool expression_def = false;  // a def for an exported non-function value
};

struct Site {
  TSNode node;
  uint32_t scope;
  int32_t def;
  bool is_new;
};

struct CallSite {
  TSNode args;
  uint32_t scope;
};

struct FnInfo {
  uint32_t scope = 0;
  std::string_view call_name;  // the name callers use, when it has one
  uint8_t state = 0;
  Value returns;
};

struct ObjectOwner {
  std::string prefix;    // "Name" of `const Name = {...}`
  bool exports = false;  // module.exports = {...}: its keys are defs
};

// One property of an object literal: `key: value`, `key` (shorthand),
// `key() {}`, `...value`.
struct Prop {
  K kind = K::kOther;
  std::string key;
  TSNode node{};
  TSNode value{};
};

// What an object literal gives as request parameters.
struct Params {
  std::vector<SdkCall::Arg> args;
  std::string statement;  // the literal `Statement`, for PartiQL calls
};

// A call that may go through a dispatch table: `fn` is its function, and
// its def had `position` callees when the walk reached it.
struct DispatchSite {
  TSNode call;
  TSNode fn;
  uint32_t scope;
  int32_t def;
  size_t position;
};

// A dispatch table: an object literal, or the `new Map(...)` of a map.
struct Table {
  TSNode node{};
  uint32_t scope = 0;
  bool map = false;
};

// One entry of a table: its key ("" when computed, or for a spread) and its
// value, or a method of an object literal.
struct Entry {
  K kind = K::kOther;  // kPair (also a map's entry), kShorthandProp, kMethod, kSpread
  std::string key;
  TSNode node{};
  TSNode value{};
};

// A command found for a `send`, and where it is attributed.
struct Command {
  Value value;
  int32_t def;
};

class Extractor {
 public:
  Extractor(const Tree& tree, Language language) : tree_(tree) { facts_.language = language; }

  FileFacts Run();

 private:
  K Kind(TSNode n) const {
    if (ts_node_is_null(n)) return K::kNone;
    TSSymbol s = ts_node_symbol(n);
    return s < kinds_->size() ? (*kinds_)[s] : K::kOther;
  }
  // Null-safe, unlike the tree-sitter calls: recovered trees lack children.
  TSNode Child(TSNode n, Fd field) const {
    if (ts_node_is_null(n)) return n;
    return ts_node_child_by_field_id(n, field_ids_[static_cast<size_t>(field)]);
  }
  static std::string_view TypeOf(TSNode n) {
    return ts_node_is_null(n) ? std::string_view() : Type(n);
  }
  std::string_view Text(TSNode n) const {
    return ts_node_is_null(n) ? std::string_view() : tree_.Text(n);
  }
  static const void* Id(TSNode n) { return n.id; }
  // A lasting view of `s` (the pool's nodes never move).
  std::string_view Intern(std::string_view s) const { return *pool_.emplace(s).first; }

  template <typename F>
  void ForEachChild(TSNode n, bool named_only, F&& f) const;
  TSNode Arg(TSNode args, uint32_t index) const;
  TSNode Unwrap(TSNode n, bool through_await) const;
  bool StringValue(TSNode n, std::string* out) const;
  std::string PropertyName(TSNode key) const;

  // The walk.
  void Walk();
  void Enter(TSNode n, K k, uint32_t depth);
  void EnterFunction(TSNode n, K k, uint32_t depth);
  void DeclareParams(TSNode fn, uint32_t scope, int32_t cls);
  void EnterClass(TSNode n, uint32_t depth);
  void EnterField(TSNode n);
  void EnterDeclarator(TSNode n);
  void EnterAssign(TSNode n);
  void EnterImport(TSNode n);
  void EnterExport(TSNode n);
  void EnterPair(TSNode n, uint32_t depth);
  void EnterCall(TSNode n);
  void ExportValue(std::string name, TSNode value);
  bool WrapsFunction(TSNode call) const;
  void RecordRequire(TSNode value, std::vector<Import::Name> names);
  bool RequireSpecifier(TSNode call, std::string* spec, bool* literal) const;

  // `root`: the function or expression that defines it (null for a name
  // given to another def), for js_flows.cc.
  int32_t NewDef(std::string name, uint32_t line, TSNode root = TSNode{});
  void AddCallee(int32_t def, std::string name);
  std::string CalleeName(TSNode f, int32_t cls) const;
  uint32_t NewScope(uint32_t parent, int32_t cls);
  void Declare(uint32_t scope, std::string_view name, Binding b);
  void DeclareField(int32_t cls, std::string_view name, TSNode value, uint32_t scope);
  std::string Qualified(int32_t cls, std::string_view name) const;
  void NameInstanceMethods();

  // Resolution.
  int64_t Lookup(std::string_view name, uint32_t scope) const;
  Value Resolve(TSNode n, uint32_t scope, int depth);
  Value ResolveBinding(size_t index, int depth);
  Value ResolveParam(const Binding& b, int depth);
  Value ResolveCall(TSNode n, uint32_t scope, int depth);
  Value ResolveNew(TSNode n, uint32_t scope, int depth);
  Value Member(const Value& v, std::string_view prop, int depth);
  Value FunctionReturn(TSNode fn, int depth);
  Value TypeValue(TSNode annotation, uint32_t scope, int depth);
  Value ModuleValue(std::string_view spec) const;
  Value Instance(const Value& cls, TSNode node, uint32_t scope) const;
  bool CalledFunctionIs(std::string_view name, uint32_t scope, TSNode fn) const;

  // The calls.
  void ProcessCall(const Site& site);
  void ProcessNew(const Site& site);

  // Dispatch tables.
  void MarkWritten(TSNode target);
  void ResolveDispatch();
  void DispatchTargets(TSNode fn, uint32_t scope, int depth, std::vector<std::string>* out);
  bool FindTable(TSNode n, uint32_t scope, int depth, Table* table);
  const std::vector<Entry>& Entries(const Table& table);
  bool LiteralEntry(const Table& table, std::string_view key, Entry* entry);
  bool IndexKey(TSNode index, std::string* key) const;
  std::string EntryTarget(const Entry& entry, uint32_t scope);
  std::string FunctionTarget(TSNode n, uint32_t scope, int depth);
  bool IsImportName(const Binding& b) const;
  const std::vector<std::string>& EveryTarget(const Table& table);
  void MethodCall(const Site& site, const Value& client, std::string_view op, TSNode args);
  void HandleSend(const Site& site, const Value& client, TSNode command);
  void CollectCommands(TSNode n, const Site& site, std::vector<Command>* out);
  void Emit(Sdk sdk, std::string_view service, std::string_view op, TSNode at, int32_t def,
            TSNode params, uint32_t scope);
  void EmitWithObject(Sdk sdk, std::string_view service, std::string_view op, TSNode at,
                      int32_t def, const Value& params);
  const std::vector<Prop>& Props(TSNode object);
  const Params& ScanParams(const Value& object, int depth);
  void Dynamic(Sdk sdk, std::string_view service, TSNode at);

  const Tree& tree_;
  const std::vector<K>* kinds_ = nullptr;
  std::array<TSFieldId, static_cast<size_t>(Fd::kCount)> field_ids_{};
  FileFacts facts_;

  std::vector<Scope> scopes_;
  std::vector<std::string> classes_;
  std::vector<Binding> bindings_;
  std::unordered_map<ScopeKey, uint32_t, ScopeKeyHash> names_;
  std::unordered_map<ScopeKey, uint32_t, ScopeKeyHash> fields_;  // scope is the class
  std::unordered_map<const void*, FnInfo> fns_;
  std::unordered_map<std::string_view, std::vector<CallSite>> call_sites_;
  std::unordered_map<const void*, int32_t> new_def_;
  std::unordered_map<const void*, std::string> pending_names_;
  std::unordered_map<const void*, std::string> pending_classes_;
  std::unordered_map<const void*, ObjectOwner> objects_;
  std::unordered_set<const void*> handled_requires_;
  struct PendingAssign {
    std::string_view name;
    TSNode value;
    uint32_t scope;
  };
  std::vector<PendingAssign> assigns_;
  std::vector<Site> sites_;
  std::vector<std::unordered_set<std::string>> callee_sets_;
  std::vector<TSNode> roots_;  // by def, see NewDef
  std::vector<Ctx> ctx_;
  std::vector<TSNode> path_;
  std::unordered_set<std::string> dynamic_seen_;
  std::unordered_map<const void*, std::vector<Prop>> props_;
  std::unordered_map<const void*, Params> params_;
  std::vector<DispatchSite> dispatch_sites_;
  std::unordered_set<std::string_view> written_;        // names whose object is written to
  std::unordered_map<const void*, int32_t> root_defs_;  // by root node: the first def
  std::unordered_set<std::string_view> import_names_;
  std::unordered_map<const void*, std::vector<Entry>> entries_;  // by table
  std::unordered_map<const void*, std::vector<std::string>> table_targets_;
  js::DispatchTargets dispatch_;
  mutable std::unordered_set<std::string> pool_;
  int budget_ = 0;
};

template <typename F>
void Extractor::ForEachChild(TSNode n, bool named_only, F&& f) const {
  if (ts_node_is_null(n)) return;
  uint32_t count = ts_node_child_count(n);
  if (count <= 4) {
    // Small nodes (strings, wrappers, parameters) without a cursor's
    // allocation; ts_node_child is linear in the index.
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_child(n, i);
      if (named_only && (!ts_node_is_named(child) || Kind(child) == K::kComment)) continue;
      if (!f(child)) return;
    }
    return;
  }
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&c);
      if (named_only && (!ts_node_is_named(child) || Kind(child) == K::kComment)) continue;
      if (!f(child)) break;
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
}

// The index-th argument of a call (comments skipped); null when none.
TSNode Extractor::Arg(TSNode args, uint32_t index) const {
  if (Kind(args) != K::kArguments) return TSNode{};
  uint32_t count = ts_node_named_child_count(args);
  uint32_t seen = 0;
  for (uint32_t i = 0; i < count && i <= index + 8; ++i) {
    TSNode child = ts_node_named_child(args, i);
    if (Kind(child) == K::kComment) continue;
    if (seen++ == index) return child;
  }
  return TSNode{};
}

// Skips parentheses and TypeScript's `as`, `satisfies`, `!` and `<T>x`, and
// `await` when asked.
TSNode Extractor::Unwrap(TSNode n, bool through_await) const {
  for (int i = 0; i < kMaxUnwrap; ++i) {
    K k = Kind(n);
    if (k != K::kWrapper && !(through_await && k == K::kAwait)) return n;
    TSNode inner{};
    // The expression is the first named child but for `<T>x`, whose type
    // comes first.
    ForEachChild(n, true, [&](TSNode child) {
      inner = child;
      return Kind(child) == K::kOther && TypeOf(child) == "type_arguments";
    });
    if (ts_node_is_null(inner)) return inner;
    n = inner;
  }
  return TSNode{};
}

// The text of a string literal, or of a template without substitutions.
bool Extractor::StringValue(TSNode n, std::string* out) const {
  K k = Kind(n);
  if (k != K::kString && k != K::kTemplate) return false;
  out->clear();
  bool ok = true;
  ForEachChild(n, true, [&](TSNode child) {
    switch (Kind(child)) {
      case K::kEscape:
        AppendEscape(Text(child), out);
        break;
      case K::kSubstitution:
        ok = false;
        return false;
      default:
        out->append(Text(child));
        break;
    }
    return true;
  });
  return ok;
}

std::string Extractor::PropertyName(TSNode key) const {
  std::string s;
  if (StringValue(key, &s)) return s;
  K k = Kind(key);
  if (k == K::kNone || TypeOf(key) == "computed_property_name") return {};
  return std::string(Text(key));
}

uint32_t Extractor::NewScope(uint32_t parent, int32_t cls) {
  scopes_.push_back(Scope{parent, cls});
  return static_cast<uint32_t>(scopes_.size() - 1);
}

int32_t Extractor::NewDef(std::string name, uint32_t line, TSNode root) {
  FunctionDef def;
  def.name = std::move(name);
  def.line = line;
  facts_.functions.push_back(std::move(def));
  callee_sets_.emplace_back();
  roots_.push_back(root);
  return static_cast<int32_t>(facts_.functions.size() - 1);
}

void Extractor::AddCallee(int32_t def, std::string name) {
  if (def < 0 || name.empty()) return;
  if (callee_sets_[def].insert(name).second)
    facts_.functions[def].callees.push_back(std::move(name));
}

std::string Extractor::Qualified(int32_t cls, std::string_view name) const {
  if (cls < 0 || classes_[cls].empty()) return std::string(name);
  return classes_[cls] + "." + std::string(name);
}

void Extractor::Declare(uint32_t scope, std::string_view name, Binding b) {
  if (name.empty()) return;
  auto [it, inserted] =
      names_.try_emplace(ScopeKey{scope, name}, static_cast<uint32_t>(bindings_.size()));
  if (!inserted) {
    // A redeclaration (`var`, overloads): another value of the same name.
    Binding& first = bindings_[it->second];
    if (!ts_node_is_null(b.node) && first.assigned.size() < kMaxAssigned)
      first.assigned.emplace_back(b.node, b.scope);
    return;
  }
  b.name = name;
  bindings_.push_back(std::move(b));
}

void Extractor::DeclareField(int32_t cls, std::string_view name, TSNode value, uint32_t scope) {
  if (cls < 0 || name.empty() || ts_node_is_null(value)) return;
  ScopeKey key{static_cast<uint32_t>(cls), name};
  auto it = fields_.find(key);
  if (it == fields_.end()) {
    Binding b;
    b.name = name;
    b.node = value;
    b.scope = scope;
    fields_.emplace(key, static_cast<uint32_t>(bindings_.size()));
    bindings_.push_back(std::move(b));
  } else if (bindings_[it->second].assigned.size() < kMaxAssigned) {
    bindings_[it->second].assigned.emplace_back(value, scope);
  }
}

// "save", "db.put", "Class.load" for `this.load` in a class; "" for a callee
// that is no plain name (`f()()`, `a[b]()`).
std::string Extractor::CalleeName(TSNode f, int32_t cls) const {
  std::vector<std::string_view> parts;
  TSNode n = f;
  for (size_t i = 0; i < kMaxCalleeParts; ++i) {
    n = Unwrap(n, i == 0);
    K k = Kind(n);
    if (k == K::kMember) {
      TSNode prop = Child(n, Fd::kProperty);
      if (ts_node_is_null(prop)) return {};
      parts.push_back(Text(prop));
      n = Child(n, Fd::kObject);
      continue;
    }
    if (k == K::kIdentifier || k == K::kThis || TypeOf(n) == "super") {
      parts.push_back(Text(n));
      // `main.call(this, e)`, `h.handler.bind(h)`: the function called is
      // `main`, `h.handler`.
      if (parts.size() > 1 && (parts[0] == "bind" || parts[0] == "call" || parts[0] == "apply")) {
        parts.erase(parts.begin());
      }
      std::string out;
      if (k == K::kThis && parts.size() == 2 && cls >= 0 && !classes_[cls].empty()) {
        parts.back() = classes_[cls];
      }
      for (size_t j = parts.size(); j-- > 0;) {
        out.append(parts[j]);
        if (j > 0) out.push_back('.');
      }
      return out;
    }
    return {};
  }
  return {};
}

FileFacts Extractor::Run() {
  if (!tree_.ok()) return std::move(facts_);
  const TSLanguage* grammar = ts_tree_language(tree_.root().tree);
  kinds_ = &KindTable(grammar);
  for (size_t i = 0; i < field_ids_.size(); ++i) {
    field_ids_[i] = ts_language_field_id_for_name(
        grammar, kFieldNames[i], static_cast<uint32_t>(std::strlen(kFieldNames[i])));
  }
  uint32_t line = 0, col = 0;
  std::string what;
  if (FirstSyntaxError(tree_, &line, &col, &what)) {
    facts_.error_line = line;
    facts_.error_col = col;
    facts_.error = std::move(what);
  }
  Walk();
  // Assignments to plain names, now that every declaration is known.
  for (const PendingAssign& a : assigns_) {
    int64_t index = Lookup(a.name, a.scope);
    if (index < 0) {
      Binding b;  // an implicit global
      b.node = a.value;
      b.scope = a.scope;
      Declare(0, a.name, std::move(b));
      continue;
    }
    Binding& b = bindings_[index];
    if (ts_node_is_null(b.node) && b.kind == Binding::Kind::kValue) {
      b.node = a.value;
      b.scope = a.scope;
    } else if (b.assigned.size() < kMaxAssigned) {
      b.assigned.emplace_back(a.value, a.scope);
    }
  }
  ResolveDispatch();
  NameInstanceMethods();
  for (const Site& site : sites_) {
    budget_ = kSiteBudget;
    if (site.is_new) {
      ProcessNew(site);
    } else {
      ProcessCall(site);
    }
  }
  std::stable_sort(facts_.calls.begin(), facts_.calls.end(),
                   [](const SdkCall& a, const SdkCall& b) {
                     return std::tie(a.line, a.col) < std::tie(b.line, b.col);
                   });
  std::stable_sort(facts_.dynamic.begin(), facts_.dynamic.end(),
                   [](const DynamicUse& a, const DynamicUse& b) { return a.line < b.line; });
  js::ExtractFlows(tree_, roots_, dispatch_, &facts_);
  return std::move(facts_);
}

// `svc.create` where the module holds `const svc = new OrderService()` of a
// class of this file is the method "OrderService.create".
void Extractor::NameInstanceMethods() {
  for (FunctionDef& def : facts_.functions) {
    bool renamed = false;
    for (std::string& callee : def.callees) {
      size_t dot = callee.find('.');
      if (dot == std::string::npos || callee.find('.', dot + 1) != std::string::npos) continue;
      auto object = names_.find(ScopeKey{0, std::string_view(callee).substr(0, dot)});
      if (object == names_.end()) continue;
      TSNode value = Unwrap(bindings_[object->second].node, true);
      if (Kind(value) != K::kNew) continue;
      TSNode ctor = Unwrap(Child(value, Fd::kConstructor), false);
      if (Kind(ctor) != K::kIdentifier) continue;
      auto cls = names_.find(ScopeKey{0, Text(ctor)});
      if (cls == names_.end() || bindings_[cls->second].kind != Binding::Kind::kClass) continue;
      callee = std::string(Text(ctor)) + callee.substr(dot);
      renamed = true;
    }
    if (!renamed) continue;
    std::unordered_set<std::string> seen;
    std::vector<std::string> unique;
    for (std::string& callee : def.callees) {
      if (seen.insert(callee).second) unique.push_back(std::move(callee));
    }
    def.callees = std::move(unique);
  }
}

// ---------------------------------------------------------------------------
// The walk: a cursor over the whole tree, with a stack of contexts (scope,
// def, class) popped by depth.

void Extractor::Walk() {
  TSNode root = tree_.root();
  scopes_.push_back(Scope{});
  ctx_.push_back(Ctx{});
  TSTreeCursor c = ts_tree_cursor_new(root);
  uint32_t depth = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    while (ctx_.size() > 1 && ctx_.back().depth >= depth) ctx_.pop_back();
    if (path_.size() <= depth) path_.resize(depth + 1);
    path_[depth] = n;
    if (ts_node_is_named(n)) Enter(n, Kind(n), depth);
    if (ts_tree_cursor_goto_first_child(&c)) {
      ++depth;
      continue;
    }
    bool done = false;
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) {
        done = true;
        break;
      }
      --depth;
    }
    if (done) break;
  }
  ts_tree_cursor_delete(&c);
}

void Extractor::Enter(TSNode n, K k, uint32_t depth) {
  if (!IsFunctionKind(k) && k != K::kClass && !pending_names_.empty()) {
    auto it = pending_names_.find(Id(n));
    if (it != pending_names_.end()) {
      const Ctx& ctx = ctx_.back();
      int32_t def = NewDef(std::move(it->second), Line(n), n);
      pending_names_.erase(it);
      ctx_.push_back(Ctx{depth, ctx.scope, def, ctx.cls, true});
    }
  }
  switch (k) {
    case K::kFunctionDecl:
    case K::kFunctionExpr:
    case K::kArrow:
    case K::kMethod:
      EnterFunction(n, k, depth);
      break;
    case K::kClass:
      EnterClass(n, depth);
      break;
    case K::kField:
      EnterField(n);
      break;
    case K::kDeclarator:
      EnterDeclarator(n);
      break;
    case K::kAssign:
      EnterAssign(n);
      break;
    case K::kAugmented:
      MarkWritten(Child(n, Fd::kLeft));
      break;
    case K::kUnary:
      if (Text(Child(n, Fd::kOperator)) == "delete") MarkWritten(Child(n, Fd::kArgument));
      break;
    case K::kImport:
      EnterImport(n);
      break;
    case K::kExport:
      EnterExport(n);
      break;
    case K::kPair:
      EnterPair(n, depth);
      break;
    case K::kCall:
      EnterCall(n);
      break;
    case K::kNew: {
      const Ctx& ctx = ctx_.back();
      sites_.push_back(Site{n, ctx.scope, ctx.def, true});
      new_def_[Id(n)] = ctx.def;
      break;
    }
    default:
      break;
  }
}

void Extractor::EnterFunction(TSNode n, K k, uint32_t depth) {
  const Ctx ctx = ctx_.back();
  std::string name;
  auto it = pending_names_.find(Id(n));
  if (it != pending_names_.end()) {
    name = std::move(it->second);
    pending_names_.erase(it);
  } else if (k == K::kFunctionDecl) {
    name = std::string(Text(Child(n, Fd::kName)));
  } else if (k == K::kMethod && depth > 0) {
    TSNode parent = path_[depth - 1];
    std::string method = PropertyName(Child(n, Fd::kName));
    if (!method.empty() && Kind(parent) == K::kClassBody) {
      name = Qualified(ctx.cls, method);
    } else if (!method.empty() && Kind(parent) == K::kObject) {
      auto owner = objects_.find(Id(parent));
      if (owner != objects_.end()) {
        name = owner->second.exports ? method : owner->second.prefix + "." + method;
      }
    }
  }
  if (k == K::kFunctionDecl) {
    std::string_view own = Text(Child(n, Fd::kName));
    Binding b;
    b.kind = Binding::Kind::kFunction;
    b.node = n;
    b.scope = ctx.scope;
    Declare(ctx.scope, own, std::move(b));
    fns_[Id(n)].call_name = own;
  }
  int32_t def = name.empty() ? ctx.def : NewDef(std::move(name), Line(n), n);
  uint32_t scope = NewScope(ctx.scope, ctx.cls);
  fns_[Id(n)].scope = scope;
  DeclareParams(n, scope, ctx.cls);
  ctx_.push_back(Ctx{depth, scope, def, ctx.cls, false});
}

void Extractor::DeclareParams(TSNode fn, uint32_t scope, int32_t cls) {
  TSNode params = Child(fn, Fd::kParameters);
  if (ts_node_is_null(params)) {
    TSNode single = Child(fn, Fd::kParameter);
    if (Kind(single) == K::kIdentifier) {
      Binding b;
      b.kind = Binding::Kind::kParam;
      b.fn = fn;
      b.scope = scope;
      Declare(scope, Text(single), std::move(b));
    }
    return;
  }
  uint32_t index = 0;
  ForEachChild(params, true, [&](TSNode p) {
    TSNode name{}, type{}, value{};
    bool property = false;
    switch (Kind(p)) {
      case K::kIdentifier:
        name = p;
        break;
      case K::kAssignPattern:
        name = Child(p, Fd::kLeft);
        value = Child(p, Fd::kRight);
        break;
      case K::kRequiredParam: {
        TSNode pattern = Child(p, Fd::kPattern);
        if (Kind(pattern) == K::kThis) return true;  // `this: T` is no runtime parameter
        name = pattern;
        type = Child(p, Fd::kType);
        value = Child(p, Fd::kValue);
        ForEachChild(p, false, [&](TSNode child) {
          K ck = Kind(child);
          property = property || ck == K::kAccessibility || ck == K::kReadonlyKw;
          return !property;
        });
        break;
      }
      default:
        break;
    }
    if (Kind(name) == K::kIdentifier) {
      Binding b;
      b.kind = Binding::Kind::kParam;
      b.fn = fn;
      b.index = index;
      b.type = type;
      b.node = value;
      b.scope = scope;
      if (property && cls >= 0) {
        // A parameter property: `this.name` is the parameter.
        ScopeKey key{static_cast<uint32_t>(cls), Text(name)};
        if (fields_.find(key) == fields_.end()) {
          Binding field = b;
          field.name = key.name;
          fields_.emplace(key, static_cast<uint32_t>(bindings_.size()));
          bindings_.push_back(std::move(field));
        }
      }
      Declare(scope, Text(name), std::move(b));
    }
    ++index;
    return true;
  });
}

void Extractor::EnterClass(TSNode n, uint32_t depth) {
  const Ctx ctx = ctx_.back();
  std::string name(Text(Child(n, Fd::kName)));
  auto it = pending_classes_.find(Id(n));
  if (it != pending_classes_.end()) {
    if (name.empty()) name = std::move(it->second);
    pending_classes_.erase(it);
  }
  if (TypeOf(n) != "class") {
    Binding b;
    b.kind = Binding::Kind::kClass;
    b.node = n;
    b.scope = ctx.scope;
    Declare(ctx.scope, Text(Child(n, Fd::kName)), std::move(b));
  }
  classes_.push_back(std::move(name));
  ctx_.push_back(Ctx{depth, ctx.scope, ctx.def, static_cast<int32_t>(classes_.size() - 1),
                     ctx.expression_def});
}

void Extractor::EnterField(TSNode n) {
  const Ctx& ctx = ctx_.back();
  TSNode key = Child(n, Fd::kProperty);
  if (ts_node_is_null(key)) key = Child(n, Fd::kName);
  std::string_view name = Text(key);
  TSNode value = Child(n, Fd::kValue);
  if (ts_node_is_null(value) || name.empty()) return;
  TSNode v = Unwrap(value, false);
  if (IsFunctionKind(Kind(v))) {
    pending_names_[Id(v)] = Qualified(ctx.cls, name);
  } else {
    DeclareField(ctx.cls, name, value, ctx.scope);
  }
}

// The specifier of `require('m')` or `import('m')`; `literal` false when the
// argument is computed.
bool Extractor::RequireSpecifier(TSNode call, std::string* spec, bool* literal) const {
  if (Kind(call) != K::kCall) return false;
  TSNode f = Child(call, Fd::kFunction);
  K fk = Kind(f);
  if (!(fk == K::kImportKw || (fk == K::kIdentifier && Text(f) == "require"))) return false;
  TSNode arg = Arg(Child(call, Fd::kArguments), 0);
  if (ts_node_is_null(arg)) return false;
  *literal = StringValue(arg, spec);
  return true;
}

// Records `const x = require('m')`, `require('m').y`, `await import('m')`
// with the names the declaration binds.
void Extractor::RecordRequire(TSNode value, std::vector<Import::Name> names) {
  TSNode v = Unwrap(value, true);
  if (Kind(v) == K::kMember) {
    TSNode object = Unwrap(Child(v, Fd::kObject), true);
    std::string spec;
    bool literal = false;
    if (!RequireSpecifier(object, &spec, &literal)) return;
    std::string_view prop = Text(Child(v, Fd::kProperty));
    // `const x = require('m').y` binds x to y; a pattern takes its names from y.
    if (names.size() == 1 && names[0].imported == "*") names[0].imported = std::string(prop);
    v = object;
  }
  std::string spec;
  bool literal = false;
  if (!RequireSpecifier(v, &spec, &literal)) return;
  handled_requires_.insert(Id(v));
  Import imp;
  imp.line = Line(v);
  if (literal) {
    imp.specifier = std::move(spec);
    imp.names = std::move(names);
  } else {
    imp.dynamic = true;
  }
  facts_.imports.push_back(std::move(imp));
}

void Extractor::EnterDeclarator(TSNode n) {
  const Ctx& ctx = ctx_.back();
  TSNode name = Child(n, Fd::kName);
  TSNode value = Child(n, Fd::kValue);
  K nk = Kind(name);
  if (nk == K::kIdentifier) {
    std::string_view nm = Text(name);
    Binding b;
    b.node = value;
    b.scope = ctx.scope;
    Declare(ctx.scope, nm, std::move(b));
    if (ts_node_is_null(value)) return;
    TSNode v = Unwrap(value, false);
    K vk = Kind(v);
    if (IsFunctionKind(vk)) {
      pending_names_[Id(v)] = std::string(nm);
      fns_[Id(v)].call_name = nm;
    } else if (vk == K::kClass) {
      pending_classes_[Id(v)] = std::string(nm);
    } else if (vk == K::kObject) {
      objects_[Id(v)] = ObjectOwner{std::string(nm), false};
    } else if (vk == K::kCall && ctx.scope == 0 && WrapsFunction(v)) {
      // `const handler = middy(main)`: the module offers the wrapped function.
      pending_names_[Id(v)] = std::string(nm);
    }
    RecordRequire(value, {Import::Name{std::string(nm), "*"}});
    return;
  }
  if (nk != K::kObjectPattern) return;
  std::vector<Import::Name> names;
  ForEachChild(name, true, [&](TSNode p) {
    TSNode local{};
    std::string key;
    switch (Kind(p)) {
      case K::kShorthandPattern:
        local = p;
        key = std::string(Text(p));
        break;
      case K::kObjectAssignPattern: {
        TSNode left = Child(p, Fd::kLeft);
        if (Kind(left) == K::kShorthandPattern) {
          local = left;
          key = std::string(Text(left));
        }
        break;
      }
      case K::kPairPattern: {
        key = PropertyName(Child(p, Fd::kKey));
        TSNode target = Child(p, Fd::kValue);
        if (Kind(target) == K::kAssignPattern) target = Child(target, Fd::kLeft);
        if (Kind(target) == K::kIdentifier) local = target;
        break;
      }
      default:
        break;
    }
    if (ts_node_is_null(local) || key.empty()) return true;
    Binding b;
    b.kind = Binding::Kind::kDestructure;
    b.node = value;
    b.scope = ctx.scope;
    b.key = key;
    Declare(ctx.scope, Text(local), std::move(b));
    names.push_back(Import::Name{std::string(Text(local)), key});
    return true;
  });
  if (!ts_node_is_null(value)) RecordRequire(value, std::move(names));
}

// Whether a call, or a call it chains on, is passed a function or a name
// (`middy(main).use(cors())`, `wrap(async () => ...)`), as handler wrappers
// are.
bool Extractor::WrapsFunction(TSNode call) const {
  bool found = false;
  for (size_t i = 0; i < kMaxCalleeParts && !found && Kind(call) == K::kCall; ++i) {
    ForEachChild(Child(call, Fd::kArguments), true, [&](TSNode arg) {
      K k = Kind(arg);
      found = k == K::kIdentifier || k == K::kArrow || k == K::kFunctionExpr;
      return !found;
    });
    TSNode f = Unwrap(Child(call, Fd::kFunction), true);
    call = Kind(f) == K::kMember ? Unwrap(Child(f, Fd::kObject), true) : TSNode{};
  }
  return found;
}

// `exports.name = value`, `module.exports = {name}`, `export default value`:
// a def of that name.
void Extractor::ExportValue(std::string name, TSNode value) {
  TSNode v = Unwrap(value, false);
  K k = Kind(v);
  if (IsFunctionKind(k)) {
    pending_names_[Id(v)] = std::move(name);
  } else if (k == K::kClass) {
    pending_classes_[Id(v)] = std::move(name);
  } else if (k == K::kIdentifier || k == K::kMember) {
    std::string callee = CalleeName(v, ctx_.back().cls);
    if (!callee.empty() && callee != name) {
      int32_t def = NewDef(std::move(name), Line(v));
      AddCallee(def, std::move(callee));
    }
  } else if (k == K::kCall || k == K::kNew || k == K::kAwait || k == K::kTernary ||
             k == K::kBinary) {
    pending_names_[Id(v)] = std::move(name);
  }
}

void Extractor::EnterAssign(TSNode n) {
  const Ctx& ctx = ctx_.back();
  TSNode left = Unwrap(Child(n, Fd::kLeft), false);
  TSNode right = Child(n, Fd::kRight);
  if (ts_node_is_null(right)) return;
  K lk = Kind(left);
  if (lk == K::kIdentifier) {
    assigns_.push_back(PendingAssign{Text(left), right, ctx.scope});
    return;
  }
  MarkWritten(left);
  if (lk != K::kMember) return;
  TSNode object = Unwrap(Child(left, Fd::kObject), false);
  std::string_view prop = Text(Child(left, Fd::kProperty));
  K ok = Kind(object);
  if (ok == K::kThis) {
    DeclareField(ctx.cls, prop, right, ctx.scope);
    return;
  }
  bool module_exports = ok == K::kMember && Text(Child(object, Fd::kProperty)) == "exports" &&
                        Text(Child(object, Fd::kObject)) == "module";
  if ((ok == K::kIdentifier && Text(object) == "exports") || module_exports) {
    ExportValue(std::string(prop), right);
    return;
  }
  if (ok == K::kIdentifier && Text(object) == "module" && prop == "exports") {
    TSNode v = Unwrap(right, false);
    if (Kind(v) == K::kObject) {
      objects_[Id(v)] = ObjectOwner{"", true};
    } else {
      ExportValue("default", right);
    }
  }
}

void Extractor::EnterImport(TSNode n) {
  const Ctx& ctx = ctx_.back();
  Import imp;
  imp.line = Line(n);
  StringValue(Child(n, Fd::kSource), &imp.specifier);
  auto bind = [&](TSNode local, std::string imported) {
    if (Kind(local) != K::kIdentifier) return;
    Binding b;
    b.kind = Binding::Kind::kImport;
    b.index = static_cast<uint32_t>(facts_.imports.size());
    b.imported = imported;
    Declare(ctx.scope, Text(local), std::move(b));
    imp.names.push_back(Import::Name{std::string(Text(local)), std::move(imported)});
  };
  ForEachChild(n, true, [&](TSNode clause) {
    K ck = Kind(clause);
    if (ck == K::kImportRequireClause) {
      StringValue(Child(clause, Fd::kSource), &imp.specifier);
      ForEachChild(clause, true, [&](TSNode id) {
        if (Kind(id) == K::kIdentifier) bind(id, "*");
        return true;
      });
    }
    if (ck != K::kImportClause) return true;
    ForEachChild(clause, true, [&](TSNode part) {
      switch (Kind(part)) {
        case K::kIdentifier:
          bind(part, "default");
          break;
        case K::kNamespaceImport:
          ForEachChild(part, true, [&](TSNode id) {
            bind(id, "*");
            return true;
          });
          break;
        case K::kNamedImports:
          ForEachChild(part, true, [&](TSNode spec) {
            if (Kind(spec) != K::kImportSpecifier) return true;
            TSNode name = Child(spec, Fd::kName);
            TSNode alias = Child(spec, Fd::kAlias);
            std::string imported = PropertyName(name);
            bind(ts_node_is_null(alias) ? name : alias, imported);
            return true;
          });
          break;
        default:
          break;
      }
      return true;
    });
    return true;
  });
  facts_.imports.push_back(std::move(imp));
}

void Extractor::EnterExport(TSNode n) {
  TSNode source = Child(n, Fd::kSource);
  if (!ts_node_is_null(source)) {
    Import imp;
    imp.line = Line(n);
    StringValue(source, &imp.specifier);
    ForEachChild(n, true, [&](TSNode child) {
      K k = Kind(child);
      if (k == K::kNamespaceExport) {
        ForEachChild(child, true, [&](TSNode id) {
          imp.names.push_back(Import::Name{PropertyName(id), "*"});
          return false;
        });
      } else if (k == K::kExportClause) {
        ForEachChild(child, true, [&](TSNode spec) {
          if (Kind(spec) != K::kExportSpecifier) return true;
          std::string name = PropertyName(Child(spec, Fd::kName));
          TSNode alias = Child(spec, Fd::kAlias);
          std::string local = ts_node_is_null(alias) ? name : PropertyName(alias);
          imp.names.push_back(Import::Name{std::move(local), std::move(name)});
          return true;
        });
      }
      return true;
    });
    facts_.imports.push_back(std::move(imp));
    return;
  }
  bool is_default = false;
  TSNode bare{};  // TypeScript `export = value`
  ForEachChild(n, false, [&](TSNode child) {
    K k = Kind(child);
    if (k == K::kDefaultKw) is_default = true;
    if (ts_node_is_named(child) && k != K::kComment && k != K::kExportClause &&
        TypeOf(child) != "decorator" && ts_node_is_null(bare)) {
      bare = child;
    }
    return true;
  });
  TSNode declaration = Child(n, Fd::kDeclaration);
  TSNode value = Child(n, Fd::kValue);
  if (is_default) {
    if (!ts_node_is_null(declaration)) {
      std::string_view own = Text(Child(declaration, Fd::kName));
      if (own.empty()) {
        ExportValue("default", declaration);
      } else {
        AddCallee(NewDef("default", Line(n)), std::string(own));
      }
    } else if (!ts_node_is_null(value)) {
      TSNode v = Unwrap(value, false);
      if (Kind(v) == K::kObject) {
        objects_[Id(v)] = ObjectOwner{"default", false};
      } else {
        ExportValue("default", value);
      }
    }
    return;
  }
  if (ts_node_is_null(declaration) && ts_node_is_null(value) && !ts_node_is_null(bare) &&
      Kind(bare) != K::kExportClause && TypeOf(bare) != "namespace_export") {
    // `export = value` (TypeScript's module.exports).
    TSNode v = Unwrap(bare, false);
    if (Kind(v) == K::kObject) {
      objects_[Id(v)] = ObjectOwner{"", true};
    } else {
      ExportValue("default", bare);
    }
    return;
  }
  ForEachChild(n, true, [&](TSNode child) {
    if (Kind(child) != K::kExportClause) return true;
    ForEachChild(child, true, [&](TSNode spec) {
      if (Kind(spec) != K::kExportSpecifier) return true;
      TSNode alias = Child(spec, Fd::kAlias);
      if (ts_node_is_null(alias)) return true;
      std::string name = PropertyName(Child(spec, Fd::kName));
      std::string exported = PropertyName(alias);
      if (!name.empty() && !exported.empty() && name != exported) {
        AddCallee(NewDef(std::move(exported), Line(spec)), std::move(name));
      }
      return true;
    });
    return true;
  });
}

void Extractor::EnterPair(TSNode n, uint32_t depth) {
  if (depth == 0) return;
  auto owner = objects_.find(Id(path_[depth - 1]));
  if (owner == objects_.end()) return;
  std::string key = PropertyName(Child(n, Fd::kKey));
  TSNode value = Child(n, Fd::kValue);
  if (key.empty() || ts_node_is_null(value)) return;
  if (owner->second.exports) {
    ExportValue(std::move(key), value);
    return;
  }
  TSNode v = Unwrap(value, false);
  if (IsFunctionKind(Kind(v))) pending_names_[Id(v)] = owner->second.prefix + "." + key;
}

void Extractor::EnterCall(TSNode n) {
  const Ctx& ctx = ctx_.back();
  TSNode f = Child(n, Fd::kFunction);
  TSNode args = Child(n, Fd::kArguments);
  std::string spec;
  bool literal = false;
  if (RequireSpecifier(n, &spec, &literal) && handled_requires_.count(Id(n)) == 0) {
    Import imp;
    imp.line = Line(n);
    imp.dynamic = !literal;
    if (literal) imp.specifier = std::move(spec);
    facts_.imports.push_back(std::move(imp));
  }
  sites_.push_back(Site{n, ctx.scope, ctx.def, false});
  if (ctx.def >= 0) AddCallee(ctx.def, CalleeName(f, ctx.cls));
  TSNode plain = Unwrap(f, true);
  K pk = Kind(plain);
  if (pk == K::kMember) {
    // `Object.assign(routes, extra)`, `handlers.set(k, f)`: the table is
    // not what its literal says.
    std::string_view method = Text(Child(plain, Fd::kProperty));
    std::string_view object = Text(Child(plain, Fd::kObject));
    if ((object == "Object" || object == "Reflect") &&
        (method == "assign" || method == "defineProperty" || method == "defineProperties" ||
         method == "setPrototypeOf" || method == "set" || method == "deleteProperty")) {
      MarkWritten(Arg(args, 0));
    } else if (method == "set" || method == "delete" || method == "clear") {
      MarkWritten(plain);
    }
  }
  if (ctx.def >= 0 && (pk == K::kMember || pk == K::kSubscript || pk == K::kIdentifier ||
                       pk == K::kCall || pk == K::kBinary)) {
    dispatch_sites_.push_back(
        DispatchSite{n, plain, ctx.scope, ctx.def, facts_.functions[ctx.def].callees.size()});
  }
  if (Kind(plain) == K::kIdentifier && Kind(args) == K::kArguments) {
    std::vector<CallSite>& calls = call_sites_[Text(plain)];
    if (calls.size() < kMaxCallSites) calls.push_back(CallSite{args, ctx.scope});
  }
  if (ctx.expression_def && ctx.def >= 0) {
    // `middy(main)`, `wrapHandler(main)`: the wrapped function is reached.
    ForEachChild(args, true, [&](TSNode arg) {
      if (Kind(arg) == K::kIdentifier) AddCallee(ctx.def, std::string(Text(arg)));
      return true;
    });
  }
}

// ---------------------------------------------------------------------------
// Resolution.

int64_t Extractor::Lookup(std::string_view name, uint32_t scope) const {
  uint32_t s = scope;
  for (int i = 0; i < kMaxScopeWalk && s != kNoScope; ++i) {
    auto it = names_.find(ScopeKey{s, name});
    if (it != names_.end()) return it->second;
    s = scopes_[s].parent;
  }
  if (s != kNoScope) {
    auto it = names_.find(ScopeKey{0, name});
    if (it != names_.end()) return it->second;
  }
  return -1;
}

Value Extractor::ModuleValue(std::string_view spec) const {
  Value v;
  if (spec == "aws-sdk") {
    v.kind = VK::kAwsNamespace;
  } else if (StartsWith(spec, "aws-sdk/clients/")) {
    std::string_view module = spec.substr(16);
    if (EndsWith(module, ".js")) module.remove_suffix(3);
    v.kind = VK::kV2Class;
    std::string_view cls = V2ClassOfModule(module);
    v.service = cls.empty() ? Intern(module) : cls;
  } else if (spec == "aws-sdk/lib/dynamodb/document_client") {
    v.kind = VK::kV2Class;
    v.service = "DynamoDB.DocumentClient";
  } else if (StartsWith(spec, "@aws-sdk/")) {
    v.kind = VK::kV3Package;
    v.service = Intern(spec);
  }
  return v;
}

// What `new cls()` (or a value typed `cls`) is.
Value Extractor::Instance(const Value& cls, TSNode node, uint32_t scope) const {
  Value v;
  v.kind = VK::kOther;
  if (cls.kind == VK::kV2Class) {
    v.kind = VK::kV2Client;
    v.service = cls.service;
    return v;
  }
  if (cls.kind != VK::kV3Export || cls.name.empty()) return v;
  std::string_view pkg = cls.service;
  std::string_view name = cls.name;
  bool client_package = StartsWith(pkg, kClientPrefix) || pkg == kLibDynamoDb;
  v.service = pkg;
  if (IsCommandPackage(pkg) && EndsWith(name, "Command")) {
    v.kind = VK::kV3Command;
    v.name = name;
    v.node = node;
    v.scope = scope;
  } else if (client_package && EndsWith(name, "Client")) {
    v.kind = VK::kV3Client;
  } else if ((pkg == kLibDynamoDb && name == "DynamoDBDocument") ||
             (StartsWith(pkg, kClientPrefix) && IsUpper(name[0]) && !EndsWith(name, "Exception") &&
              !EndsWith(name, "Error"))) {
    v.kind = VK::kV3Client;
    v.aggregated = true;
  } else {
    v.kind = VK::kOther;
  }
  return v;
}

Value Extractor::Member(const Value& v, std::string_view prop, int depth) {
  Value out;
  switch (v.kind) {
    case VK::kAwsNamespace:
      if (IsV2ServiceClass(prop)) {
        out.kind = VK::kV2Class;
        out.service = Intern(prop);
      }
      break;
    case VK::kV2Class:
      if (!v.service.empty() && !prop.empty() && IsUpper(prop[0])) {
        out.kind = VK::kV2Class;
        out.service = Intern(std::string(v.service) + "." + std::string(prop));
      }
      break;
    case VK::kV3Package:
      out.kind = VK::kV3Export;
      out.service = v.service;
      out.name = Intern(prop);
      break;
    case VK::kProcess:
      if (prop == "env") out.kind = VK::kProcessEnv;
      break;
    case VK::kProcessEnv:
      out.kind = VK::kEnvVar;
      out.name = Intern(prop);
      break;
    case VK::kObject: {
      // The last property of that name wins, as in JavaScript.
      const std::vector<Prop>& props = Props(v.node);
      for (size_t i = props.size(); i-- > 0;) {
        const Prop& p = props[i];
        if (p.kind == K::kSpread || p.key != prop) continue;
        if (p.kind == K::kMethod) {
          out.kind = VK::kFunction;
          out.node = p.node;
        } else {
          out = Resolve(p.value, v.scope, depth + 1);
        }
        break;
      }
      break;
    }
    default:
      break;
  }
  return out;
}

Value Extractor::Resolve(TSNode n, uint32_t scope, int depth) {
  Value v;
  if (depth > kMaxResolveDepth || --budget_ < 0) return v;
  n = Unwrap(n, true);
  switch (Kind(n)) {
    case K::kIdentifier:
    case K::kShorthandProp: {
      std::string_view name = Text(n);
      int64_t index = Lookup(name, scope);
      if (index >= 0) return ResolveBinding(static_cast<size_t>(index), depth + 1);
      if (name == "process") v.kind = VK::kProcess;
      return v;
    }
    case K::kString:
    case K::kTemplate: {
      std::string text;
      if (StringValue(n, &text)) {
        v.kind = VK::kLiteral;
        v.name = Intern(std::move(text));
        return v;
      }
      // `${process.env.X}` alone is the variable.
      TSNode only{};
      int parts = 0;
      ForEachChild(n, true, [&](TSNode child) {
        only = child;
        return ++parts < 2;
      });
      if (parts == 1 && Kind(only) == K::kSubstitution) {
        TSNode inner{};
        ForEachChild(only, true, [&](TSNode child) {
          inner = child;
          return false;
        });
        Value sub = Resolve(inner, scope, depth + 1);
        if (sub.kind == VK::kEnvVar || sub.kind == VK::kLiteral) return sub;
      }
      v.kind = VK::kOther;
      return v;
    }
    case K::kMember: {
      TSNode object = Unwrap(Child(n, Fd::kObject), false);
      std::string_view prop = Text(Child(n, Fd::kProperty));
      if (Kind(object) == K::kThis) {
        int32_t cls = scopes_[scope].cls;
        if (cls < 0) return v;
        auto it = fields_.find(ScopeKey{static_cast<uint32_t>(cls), prop});
        if (it != fields_.end()) return ResolveBinding(it->second, depth + 1);
        return v;
      }
      return Member(Resolve(object, scope, depth + 1), prop, depth);
    }
    case K::kSubscript: {
      TSNode index = Child(n, Fd::kIndex);
      std::string key;
      Value object = Resolve(Child(n, Fd::kObject), scope, depth + 1);
      if (StringValue(index, &key)) return Member(object, key, depth);
      if (object.kind == VK::kAwsNamespace) {
        v.kind = VK::kV2Class;  // AWS[name]: a service not known
      } else if (object.kind == VK::kV3Package) {
        v.kind = VK::kV3Export;
        v.service = object.service;
      }
      return v;
    }
    case K::kBinary: {
      std::string_view op = Text(Child(n, Fd::kOperator));
      if (op != "||" && op != "??") {
        v.kind = VK::kOther;
        return v;
      }
      Value left = Resolve(Child(n, Fd::kLeft), scope, depth + 1);
      if (IsInformative(left)) return left;
      return Resolve(Child(n, Fd::kRight), scope, depth + 1);
    }
    case K::kTernary: {
      Value a = Resolve(Child(n, Fd::kConsequence), scope, depth + 1);
      Value b = Resolve(Child(n, Fd::kAlternative), scope, depth + 1);
      if (a.kind == b.kind && a.service == b.service && a.name == b.name) return a;
      if (IsSdk(a) && !IsSdk(b)) return a;
      if (IsSdk(b) && !IsSdk(a)) return b;
      return v;
    }
    case K::kAssign:
      return Resolve(Child(n, Fd::kRight), scope, depth + 1);
    case K::kCall:
      return ResolveCall(n, scope, depth);
    case K::kNew:
      return ResolveNew(n, scope, depth);
    case K::kObject:
      v.kind = VK::kObject;
      v.node = n;
      v.scope = scope;
      return v;
    case K::kFunctionExpr:
    case K::kArrow:
    case K::kFunctionDecl:
      v.kind = VK::kFunction;
      v.node = n;
      return v;
    case K::kNone:
    case K::kThis:
      return v;
    default:
      v.kind = VK::kOther;
      return v;
  }
}

Value Extractor::ResolveBinding(size_t index, int depth) {
  if (depth > kMaxResolveDepth) return {};
  Binding& b = bindings_[index];
  if (b.state == 2) return b.memo;
  if (b.state == 1) return {};
  b.state = 1;
  Value v;
  switch (b.kind) {
    case Binding::Kind::kFunction:
      v.kind = VK::kFunction;
      v.node = b.node;
      break;
    case Binding::Kind::kClass:
      v.kind = VK::kOther;
      break;
    case Binding::Kind::kImport: {
      const Import& imp = facts_.imports[b.index];
      v = ModuleValue(imp.specifier);
      if (b.imported != "*" && b.imported != "default") v = Member(v, b.imported, depth);
      break;
    }
    case Binding::Kind::kParam:
      v = ResolveParam(b, depth);
      break;
    case Binding::Kind::kValue:
    case Binding::Kind::kDestructure: {
      // The first value that says something, among the declaration and the
      // later assignments (`let s3; ... s3 = new AWS.S3()`).
      Value first_known;
      auto consider = [&](TSNode node, uint32_t scope) {
        Value c = Resolve(node, scope, depth + 1);
        if (b.kind == Binding::Kind::kDestructure) c = Member(c, b.key, depth);
        if (IsInformative(c)) {
          v = std::move(c);
          return true;
        }
        if (first_known.kind == VK::kUnknown) first_known = std::move(c);
        return false;
      };
      bool found = !ts_node_is_null(b.node) && consider(b.node, b.scope);
      for (size_t i = 0; !found && i < b.assigned.size(); ++i) {
        found = consider(b.assigned[i].first, b.assigned[i].second);
      }
      if (!found) v = std::move(first_known);
      break;
    }
  }
  // `const s3 = require('aws-sdk/clients/s3')` for a service missing from
  // the table: the name the file gives the class, when it matches.
  if (v.kind == VK::kV2Class && !v.service.empty() && !IsUpper(v.service[0]) &&
      EqualsIgnoreCase(v.service, b.name)) {
    v.service = b.name;
  }
  Binding& done = bindings_[index];
  done.state = 2;
  done.memo = v;
  return v;
}

bool Extractor::CalledFunctionIs(std::string_view name, uint32_t scope, TSNode fn) const {
  int64_t index = Lookup(name, scope);
  if (index < 0) return false;
  const Binding& b = bindings_[index];
  TSNode target = b.kind == Binding::Kind::kFunction ? b.node : Unwrap(b.node, false);
  return !ts_node_is_null(target) && Id(target) == Id(fn);
}

Value Extractor::ResolveParam(const Binding& b, int depth) {
  if (!ts_node_is_null(b.type)) {
    Value t = TypeValue(b.type, b.scope, depth + 1);
    if (IsSdk(t)) return t;
  }
  if (!ts_node_is_null(b.node)) {
    Value d = Resolve(b.node, b.scope, depth + 1);
    if (IsSdk(d)) return d;
  }
  // The arguments of the function's call sites in this file.
  auto fn = fns_.find(Id(b.fn));
  if (fn == fns_.end() || fn->second.call_name.empty()) return {};
  std::string_view name = fn->second.call_name;
  auto sites = call_sites_.find(name);
  if (sites == call_sites_.end()) return {};
  TSNode fn_node = b.fn;
  uint32_t index = b.index;
  for (const CallSite& call : sites->second) {
    if (!CalledFunctionIs(name, call.scope, fn_node)) continue;
    Value a = Resolve(Arg(call.args, index), call.scope, depth + 1);
    if (IsSdk(a)) return a;
  }
  return {};
}

// The SDK client a TypeScript annotation names: `S3Client`, `AWS.S3`,
// `DynamoDB.DocumentClient`.
Value Extractor::TypeValue(TSNode annotation, uint32_t scope, int depth) {
  TSNode type{};
  ForEachChild(annotation, true, [&](TSNode child) {
    type = child;
    return false;
  });
  if (Kind(type) == K::kGenericType) type = Child(type, Fd::kName);
  Value cls;
  if (Kind(type) == K::kTypeIdentifier) {
    int64_t index = Lookup(Text(type), scope);
    if (index >= 0) cls = ResolveBinding(static_cast<size_t>(index), depth + 1);
  } else if (Kind(type) == K::kNestedTypeIdentifier) {
    TSNode module = Child(type, Fd::kModule);
    if (Kind(module) != K::kIdentifier) return {};
    int64_t index = Lookup(Text(module), scope);
    if (index < 0) return {};
    cls = Member(ResolveBinding(static_cast<size_t>(index), depth + 1),
                 Text(Child(type, Fd::kName)), depth);
  }
  if (cls.kind != VK::kV2Class && cls.kind != VK::kV3Export) return {};
  Value v = Instance(cls, TSNode{}, scope);
  return v.kind == VK::kV3Command ? Value{} : v;
}

Value Extractor::ResolveCall(TSNode n, uint32_t scope, int depth) {
  Value v;
  TSNode f = Unwrap(Child(n, Fd::kFunction), true);
  TSNode args = Child(n, Fd::kArguments);
  std::string spec;
  bool literal = false;
  if (RequireSpecifier(n, &spec, &literal)) return literal ? ModuleValue(spec) : v;
  K fk = Kind(f);
  std::string_view callee;
  if (fk == K::kIdentifier) callee = Text(f);
  if (fk == K::kMember) callee = Text(Child(f, Fd::kProperty));
  // X-Ray's and Powertools' wrappers give back what they are passed.
  if (StartsWith(callee, "captureAWS")) return Resolve(Arg(args, 0), scope, depth + 1);
  if (fk == K::kMember && callee == "from") {
    Value cls = Resolve(Child(f, Fd::kObject), scope, depth + 1);
    if (cls.kind == VK::kV3Export && cls.service == kLibDynamoDb &&
        (cls.name == "DynamoDBDocumentClient" || cls.name == "DynamoDBDocument")) {
      v.kind = VK::kV3Client;
      v.service = cls.service;
      v.aggregated = cls.name == "DynamoDBDocument";
    }
    return v;
  }
  if (fk == K::kIdentifier) {
    Value fn = Resolve(f, scope, depth + 1);
    if (fn.kind == VK::kFunction) return FunctionReturn(fn.node, depth + 1);
  }
  return v;
}

// What a local function returns: its expression body, or the first return
// that says something. Each function is read once.
Value Extractor::FunctionReturn(TSNode fn, int depth) {
  auto it = fns_.find(Id(fn));
  if (it == fns_.end() || depth > kMaxResolveDepth) return {};
  if (it->second.state == 2) return it->second.returns;
  if (it->second.state == 1) return {};
  it->second.state = 1;
  uint32_t scope = it->second.scope;
  Value result;
  TSNode body = Child(fn, Fd::kBody);
  if (!ts_node_is_null(body) && TypeOf(body) != "statement_block") {
    result = Resolve(body, scope, depth + 1);
  } else if (!ts_node_is_null(body)) {
    std::vector<TSNode> returns;
    // The returns of this function, not of the functions it nests.
    TSTreeCursor c = ts_tree_cursor_new(body);
    uint32_t level = 0;
    for (;;) {
      TSNode node = ts_tree_cursor_current_node(&c);
      K k = Kind(node);
      if (k == K::kReturn) returns.push_back(node);
      bool nested = level > 0 && (IsFunctionKind(k) || k == K::kClass);
      if (returns.size() < 16 && !nested && k != K::kReturn &&
          ts_tree_cursor_goto_first_child(&c)) {
        ++level;
        continue;
      }
      bool done = returns.size() >= 16;
      while (!done && !ts_tree_cursor_goto_next_sibling(&c)) {
        if (level == 0 || !ts_tree_cursor_goto_parent(&c)) {
          done = true;
          break;
        }
        --level;
      }
      if (done || level == 0) break;
    }
    ts_tree_cursor_delete(&c);
    for (TSNode r : returns) {
      TSNode expr{};
      ForEachChild(r, true, [&](TSNode child) {
        expr = child;
        return false;
      });
      Value rv = Resolve(expr, scope, depth + 1);
      if (IsInformative(rv)) {
        result = std::move(rv);
        break;
      }
    }
  }
  auto& info = fns_[Id(fn)];
  info.state = 2;
  info.returns = result;
  return result;
}

Value Extractor::ResolveNew(TSNode n, uint32_t scope, int depth) {
  Value cls = Resolve(Child(n, Fd::kConstructor), scope, depth + 1);
  if (cls.kind != VK::kV2Class && cls.kind != VK::kV3Export) {
    Value v;
    v.kind = VK::kOther;
    return v;
  }
  return Instance(cls, n, scope);
}

// ---------------------------------------------------------------------------
// The calls.

void Extractor::Dynamic(Sdk sdk, std::string_view service, TSNode at) {
  DynamicUse use;
  use.sdk = sdk;
  use.service = std::string(service);
  use.line = Line(at);
  std::string key =
      std::to_string(static_cast<int>(sdk)) + ":" + use.service + ":" + std::to_string(use.line);
  if (!dynamic_seen_.insert(std::move(key)).second) return;
  facts_.dynamic.push_back(std::move(use));
}

void Extractor::Emit(Sdk sdk, std::string_view service, std::string_view op, TSNode at, int32_t def,
                     TSNode params, uint32_t scope) {
  Value object;
  if (!ts_node_is_null(params)) object = Resolve(params, scope, 0);
  EmitWithObject(sdk, service, op, at, def, object);
}

void Extractor::EmitWithObject(Sdk sdk, std::string_view service, std::string_view op, TSNode at,
                               int32_t def, const Value& params) {
  SdkCall call;
  call.sdk = sdk;
  call.service = std::string(service);
  call.operation = std::string(op);
  call.line = Line(at);
  call.col = Column(at);
  if (def >= 0) call.in_function = facts_.functions[def].name;
  if (params.kind == VK::kObject) {
    const Params& scanned = ScanParams(params, 0);
    call.args = scanned.args;
    if (IsExecuteStatement(op)) call.statement = scanned.statement;
  }
  facts_.calls.push_back(std::move(call));
}

// The properties of an object literal, read once.
const std::vector<Prop>& Extractor::Props(TSNode object) {
  auto [it, added] = props_.try_emplace(Id(object));
  if (!added) return it->second;
  std::vector<Prop> props;
  ForEachChild(object, true, [&](TSNode p) {
    if (props.size() >= kMaxObjectProps) return false;
    Prop prop;
    prop.kind = Kind(p);
    prop.node = p;
    switch (prop.kind) {
      case K::kPair:
        prop.key = PropertyName(Child(p, Fd::kKey));
        prop.value = Child(p, Fd::kValue);
        break;
      case K::kShorthandProp:
        prop.key = std::string(Text(p));
        prop.value = p;  // resolves as the identifier it names
        break;
      case K::kMethod:
        prop.key = PropertyName(Child(p, Fd::kName));
        break;
      case K::kSpread:
        ForEachChild(p, true, [&](TSNode child) {
          prop.value = child;
          return false;
        });
        break;
      default:
        return true;
    }
    props.push_back(std::move(prop));
    return true;
  });
  auto& slot = props_[Id(object)];
  slot = std::move(props);
  return slot;
}

// The resource parameters an object literal gives, spread objects included;
// each object is read once whatever the number of calls it serves.
const Params& Extractor::ScanParams(const Value& object, int depth) {
  auto found = params_.find(Id(object.node));
  if (found != params_.end()) return found->second;
  Params out;
  params_.emplace(Id(object.node), Params{});  // an object spread into itself
  auto set = [&](std::string name, ArgValue value) {
    for (SdkCall::Arg& existing : out.args) {
      if (existing.name == name) {
        existing.value = std::move(value);  // a later property wins, as in JavaScript
        return;
      }
    }
    out.args.push_back(SdkCall::Arg{std::move(name), std::move(value)});
  };
  // Each property resolves on a budget of its own: the object is read once
  // (cached), so the total stays linear whatever the calls that share it.
  std::vector<Prop> props = Props(object.node);
  for (const Prop& p : props) {
    if (p.kind == K::kSpread) {
      if (depth >= 4) continue;
      budget_ = std::max(budget_, kSiteBudget / 4);
      Value spread = Resolve(p.value, object.scope, 0);
      if (spread.kind != VK::kObject) continue;
      Params inner = ScanParams(spread, depth + 1);
      for (SdkCall::Arg& arg : inner.args) set(std::move(arg.name), std::move(arg.value));
      if (!inner.statement.empty()) out.statement = std::move(inner.statement);
      continue;
    }
    bool statement = p.key == "Statement";
    if (p.kind == K::kMethod || (!statement && !IsResourceParam(p.key))) continue;
    budget_ = std::max(budget_, kSiteBudget / 4);
    Value v = Resolve(p.value, object.scope, 0);
    if (statement) {
      out.statement = v.kind == VK::kLiteral ? std::string(v.name) : std::string();
      continue;
    }
    ArgValue arg;
    if (v.kind == VK::kLiteral) {
      arg.kind = ArgValue::Kind::kLiteral;
      arg.text = std::string(v.name);
    } else if (v.kind == VK::kEnvVar) {
      arg.kind = ArgValue::Kind::kEnvVar;
      arg.text = std::string(v.name);
    }
    set(p.key, std::move(arg));
  }
  auto& slot = params_[Id(object.node)];
  slot = std::move(out);
  return slot;
}

void Extractor::MethodCall(const Site& site, const Value& client, std::string_view op,
                           TSNode args) {
  if (client.kind == VK::kV2Client) {
    if (client.service.empty()) {
      Dynamic(Sdk::kJsV2, "", site.node);
      return;
    }
    if (IsV2NonOperation(op)) return;
    if (IsV2OperationByName(op)) {
      std::string named;
      if (StringValue(Arg(args, 0), &named)) {
        Emit(Sdk::kJsV2, client.service, named, site.node, site.def, Arg(args, 1), site.scope);
      } else {
        Dynamic(Sdk::kJsV2, client.service, site.node);
      }
      return;
    }
    Emit(Sdk::kJsV2, client.service, op, site.node, site.def, Arg(args, 0), site.scope);
  } else if (client.kind == VK::kV3Client && client.aggregated && op != "destroy") {
    Emit(Sdk::kJsV3, client.service, op, site.node, site.def, Arg(args, 0), site.scope);
  }
}

void Extractor::CollectCommands(TSNode n, const Site& site, std::vector<Command>* out) {
  TSNode x = Unwrap(n, true);
  if (Kind(x) == K::kIdentifier) {
    int64_t index = Lookup(Text(x), site.scope);
    if (index >= 0 && bindings_[index].kind == Binding::Kind::kParam) {
      // A helper's parameter: the command of each call site, attributed
      // where it is built.
      const Binding& b = bindings_[index];
      auto fn = fns_.find(Id(b.fn));
      if (fn == fns_.end() || fn->second.call_name.empty()) return;
      std::string_view name = fn->second.call_name;
      TSNode fn_node = b.fn;
      uint32_t param = b.index;
      auto sites = call_sites_.find(name);
      if (sites == call_sites_.end()) return;
      for (const CallSite& call : sites->second) {
        if (!CalledFunctionIs(name, call.scope, fn_node)) continue;
        Value v = Resolve(Arg(call.args, param), call.scope, 1);
        if (v.kind != VK::kV3Command) continue;
        auto def = new_def_.find(Id(v.node));
        out->push_back(Command{std::move(v), def == new_def_.end() ? -1 : def->second});
      }
      return;
    }
    if (index >= 0 && bindings_[index].kind == Binding::Kind::kValue) {
      // Each command assigned to the variable.
      const Binding& b = bindings_[index];
      std::vector<std::pair<TSNode, uint32_t>> values;
      if (!ts_node_is_null(b.node)) values.emplace_back(b.node, b.scope);
      values.insert(values.end(), b.assigned.begin(), b.assigned.end());
      for (const auto& [node, scope] : values) {
        Value v = Resolve(node, scope, 1);
        if (v.kind == VK::kV3Command) out->push_back(Command{std::move(v), site.def});
      }
      return;
    }
  }
  Value v = Resolve(x, site.scope, 0);
  if (v.kind == VK::kV3Command) out->push_back(Command{std::move(v), site.def});
}

void Extractor::HandleSend(const Site& site, const Value& client, TSNode command) {
  // A `send` on a value known not to be a v3 client (a socket, an object
  // literal, a v2 client) is no SDK call; on an unknown value (a client
  // imported from another module, an injected one) it is when the command
  // is an SDK command.
  if (client.kind != VK::kV3Client && client.kind != VK::kUnknown) return;
  std::vector<Command> commands;
  if (!ts_node_is_null(command)) CollectCommands(command, site, &commands);
  for (const Command& c : commands) {
    TSNode input = Arg(Child(c.value.node, Fd::kArguments), 0);
    Value params;
    if (!ts_node_is_null(input)) params = Resolve(input, c.value.scope, 0);
    EmitWithObject(Sdk::kJsV3, c.value.service, c.value.name, c.value.node, c.def, params);
  }
  if (commands.empty() && client.kind == VK::kV3Client)
    Dynamic(Sdk::kJsV3, client.service, site.node);
}

void Extractor::ProcessCall(const Site& site) {
  // TypeScript parses `await a.send<T>(x)` as a call of `await a.send`.
  TSNode f = Unwrap(Child(site.node, Fd::kFunction), true);
  TSNode args = Child(site.node, Fd::kArguments);
  K fk = Kind(f);
  if (fk == K::kMember) {
    std::string_view op = Text(Child(f, Fd::kProperty));
    Value client = Resolve(Child(f, Fd::kObject), site.scope, 0);
    if (op == "send") {
      HandleSend(site, client, Arg(args, 0));
    } else {
      MethodCall(site, client, op, args);
    }
  } else if (fk == K::kSubscript) {
    Value client = Resolve(Child(f, Fd::kObject), site.scope, 0);
    std::string op;
    if (StringValue(Child(f, Fd::kIndex), &op)) {
      if (op == "send") {
        HandleSend(site, client, Arg(args, 0));
      } else {
        MethodCall(site, client, op, args);
      }
    } else if (client.kind == VK::kV2Client) {
      Dynamic(Sdk::kJsV2, client.service, site.node);
    } else if (client.kind == VK::kV3Client) {
      Dynamic(Sdk::kJsV3, client.service, site.node);
    }
  } else if (fk == K::kIdentifier) {
    Value fn = Resolve(f, site.scope, 0);
    if (fn.kind != VK::kV3Export) return;
    if (fn.service == kPresigner && fn.name == "getSignedUrl") {
      // A presigned URL is the command, run later with the signer's rights.
      HandleSend(site, Resolve(Arg(args, 0), site.scope, 0), Arg(args, 1));
    } else if (StartsWith(fn.service, kClientPrefix) &&
               (StartsWith(fn.name, "paginate") || StartsWith(fn.name, "waitUntil") ||
                StartsWith(fn.name, "waitFor"))) {
      Emit(Sdk::kJsV3, fn.service, fn.name, site.node, site.def, Arg(args, 1), site.scope);
    }
  }
}

void Extractor::ProcessNew(const Site& site) {
  TSNode ctor = Unwrap(Child(site.node, Fd::kConstructor), false);
  if (Kind(ctor) == K::kSubscript) {
    std::string key;
    if (!StringValue(Child(ctor, Fd::kIndex), &key)) {
      Value object = Resolve(Child(ctor, Fd::kObject), site.scope, 0);
      if (object.kind == VK::kAwsNamespace) Dynamic(Sdk::kJsV2, "", site.node);
      if (object.kind == VK::kV3Package) Dynamic(Sdk::kJsV3, object.service, site.node);
      return;
    }
  }
  Value cls = Resolve(ctor, site.scope, 0);
  if (cls.kind == VK::kV3Export && cls.service == kLibStorage && cls.name == "Upload") {
    // `new Upload({client, params: {Bucket, Key}})`; its `done()` is the
    // same call.
    Value options = Resolve(Arg(Child(site.node, Fd::kArguments), 0), site.scope, 0);
    Value params = Member(options, "params", 0);
    EmitWithObject(Sdk::kJsV3, kLibStorage, "Upload", site.node, site.def, params);
  }
}

// ---------------------------------------------------------------------------
// Dispatch tables.

// `routes.x = f`, `delete routes[k]`, `Object.assign(routes, more)`,
// `handlers.set(k, f)`: the name at the root of the target no longer holds
// what its literal says. By name, whatever the scope: conservative.
void Extractor::MarkWritten(TSNode target) {
  TSNode n = Unwrap(target, false);
  for (size_t i = 0; i < kMaxCalleeParts; ++i) {
    K k = Kind(n);
    if (k == K::kIdentifier) {
      written_.insert(Text(n));
      return;
    }
    if (k != K::kMember && k != K::kSubscript) return;
    n = Unwrap(Child(n, Fd::kObject), false);
  }
}

// The callees each call through a table may reach, inserted among its def's
// callees where the call is, and the same by call for js_flows.cc.
void Extractor::ResolveDispatch() {
  if (dispatch_sites_.empty()) return;
  for (size_t i = 0; i < roots_.size(); ++i) {
    if (IsFunctionKind(Kind(roots_[i]))) root_defs_.try_emplace(Id(roots_[i]), i);
  }
  for (const Import& imp : facts_.imports) {
    for (const Import::Name& name : imp.names) import_names_.insert(name.local);
  }
  // By def: where each call's targets go among its callees.
  std::unordered_map<int32_t, std::vector<std::pair<size_t, const std::vector<std::string>*>>>
      inserts;
  for (const DispatchSite& site : dispatch_sites_) {
    std::vector<std::string> targets;
    DispatchTargets(site.fn, site.scope, 0, &targets);
    if (targets.empty()) continue;
    auto [it, added] = dispatch_.try_emplace(Id(site.call), std::move(targets));
    if (added) inserts[site.def].emplace_back(site.position, &it->second);
  }
  for (auto& [def, at] : inserts) {
    std::vector<std::string>& callees = facts_.functions[def].callees;
    std::unordered_set<std::string>& seen = callee_sets_[def];
    std::vector<std::string> merged;
    seen.clear();
    auto add = [&](const std::string& name) {
      if (seen.insert(name).second) merged.push_back(name);
    };
    size_t next = 0;  // sites are in walk order: their positions never decrease
    for (size_t i = 0; i <= callees.size(); ++i) {
      for (; next < at.size() && at[next].first <= i; ++next) {
        for (const std::string& target : *at[next].second) add(target);
      }
      if (i < callees.size()) add(callees[i]);
    }
    callees = std::move(merged);
  }
}

// The functions a call's function `fn` may be when it reads a table:
// `routes[key]` (every function of the table; one entry for a literal key),
// `routes.create`, `handlers.get(key)` on a map, `routes[key] ?? fallback`,
// or a name bound once to one of those.
void Extractor::DispatchTargets(TSNode fn, uint32_t scope, int depth,
                                std::vector<std::string>* out) {
  if (depth > kMaxDispatchDepth) return;
  auto add = [&](std::string target) {
    if (target.empty() || out->size() >= kMaxDispatchTargets) return;
    if (std::find(out->begin(), out->end(), target) == out->end())
      out->push_back(std::move(target));
  };
  auto read = [&](const Table& table, bool literal, std::string_view key) {
    if (!literal) {
      for (const std::string& target : EveryTarget(table)) add(target);
      return;
    }
    Entry entry;
    if (LiteralEntry(table, key, &entry)) add(EntryTarget(entry, table.scope));
  };
  fn = Unwrap(fn, false);
  switch (Kind(fn)) {
    case K::kMember:
    case K::kSubscript: {
      Table table;
      if (!FindTable(Child(fn, Fd::kObject), scope, 0, &table) || table.map) return;
      std::string key;
      bool literal = true;
      if (Kind(fn) == K::kMember) {
        key = std::string(Text(Child(fn, Fd::kProperty)));
      } else {
        literal = IndexKey(Child(fn, Fd::kIndex), &key);
      }
      read(table, literal, key);
      return;
    }
    case K::kCall: {
      TSNode get = Unwrap(Child(fn, Fd::kFunction), false);
      Table table;
      if (Kind(get) != K::kMember || Text(Child(get, Fd::kProperty)) != "get" ||
          !FindTable(Child(get, Fd::kObject), scope, 0, &table) || !table.map) {
        return;
      }
      std::string key;
      bool literal = StringValue(Arg(Child(fn, Fd::kArguments), 0), &key);
      read(table, literal, key);
      return;
    }
    case K::kIdentifier: {
      int64_t index = Lookup(Text(fn), scope);
      if (index < 0) return;
      const Binding& b = bindings_[index];
      if (b.kind != Binding::Kind::kValue || !b.assigned.empty() || ts_node_is_null(b.node)) return;
      DispatchTargets(b.node, b.scope, depth + 1, out);
      return;
    }
    case K::kBinary: {
      std::string_view op = Text(Child(fn, Fd::kOperator));
      if (op != "??" && op != "||") return;
      size_t before = out->size();
      DispatchTargets(Child(fn, Fd::kLeft), scope, depth + 1, out);
      if (out->size() > before) add(FunctionTarget(Child(fn, Fd::kRight), scope, 0));
      return;
    }
    default:
      return;
  }
}

// The table `n` is: an object literal, a `new Map([...])` of entries, a name
// bound once to a table (a const, let or var never reassigned, written to
// nor given to Object.assign), or the entry of a table a literal key names.
bool Extractor::FindTable(TSNode n, uint32_t scope, int depth, Table* table) {
  if (depth > kMaxDispatchDepth) return false;
  n = Unwrap(n, false);
  switch (Kind(n)) {
    case K::kObject:
      *table = Table{n, scope, false};
      return true;
    case K::kNew: {
      // The global Map, given an array literal or nothing.
      TSNode ctor = Unwrap(Child(n, Fd::kConstructor), false);
      TSNode args = Child(n, Fd::kArguments);
      TSNode first = Arg(args, 0);
      if (Kind(ctor) != K::kIdentifier || Text(ctor) != "Map" || Lookup("Map", scope) >= 0 ||
          !ts_node_is_null(Arg(args, 1)) ||
          !(ts_node_is_null(first) || Kind(Unwrap(first, false)) == K::kArray)) {
        return false;
      }
      *table = Table{n, scope, true};
      return true;
    }
    case K::kIdentifier: {
      int64_t index = Lookup(Text(n), scope);
      if (index < 0) return false;
      const Binding& b = bindings_[index];
      if (b.kind != Binding::Kind::kValue || !b.assigned.empty() || ts_node_is_null(b.node) ||
          written_.count(b.name) > 0) {
        return false;
      }
      return FindTable(b.node, b.scope, depth + 1, table);
    }
    case K::kMember:
    case K::kSubscript: {
      std::string key;
      if (Kind(n) == K::kMember) {
        key = std::string(Text(Child(n, Fd::kProperty)));
      } else if (!IndexKey(Child(n, Fd::kIndex), &key)) {
        return false;
      }
      Table outer;
      Entry entry;
      if (!FindTable(Child(n, Fd::kObject), scope, depth + 1, &outer) || outer.map ||
          !LiteralEntry(outer, key, &entry) ||
          (entry.kind != K::kPair && entry.kind != K::kShorthandProp)) {
        return false;
      }
      return FindTable(entry.value, outer.scope, depth + 1, table);
    }
    default:
      return false;
  }
}

// The entries of a table, at most kMaxObjectProps, read once. A map's entry
// that is no `[key, value]` array literal reads as a spread: entries not
// known.
const std::vector<Entry>& Extractor::Entries(const Table& table) {
  auto found = entries_.find(Id(table.node));
  if (found != entries_.end()) return found->second;
  std::vector<Entry>& out = entries_[Id(table.node)];
  if (!table.map) {
    for (const Prop& p : Props(table.node)) {
      Entry e{p.kind, p.key, p.node, p.value};
      if (p.kind == K::kMethod) {
        // A getter or setter is no function of the table.
        ForEachChild(p.node, false, [&](TSNode child) {
          std::string_view word = ts_node_is_named(child) ? std::string_view() : Text(child);
          if (word == "get" || word == "set") e.kind = K::kOther;
          return e.kind == K::kMethod;
        });
      }
      out.push_back(std::move(e));
    }
    return out;
  }
  TSNode array = Unwrap(Arg(Child(table.node, Fd::kArguments), 0), false);
  ForEachChild(array, true, [&](TSNode element) {
    Entry& e = out.emplace_back();
    e.kind = K::kSpread;
    e.node = element;
    TSNode pair = Unwrap(element, false);
    if (Kind(pair) == K::kArray && ts_node_named_child_count(pair) == 2) {
      TSNode key = ts_node_named_child(pair, 0);
      TSNode value = ts_node_named_child(pair, 1);
      if (Kind(key) != K::kComment && Kind(value) != K::kComment && Kind(key) != K::kSpread &&
          Kind(value) != K::kSpread) {
        e.kind = K::kPair;
        e.value = value;
        if (!StringValue(Unwrap(key, false), &e.key)) e.key.clear();
      }
    }
    return out.size() < kMaxObjectProps;
  });
  return out;
}

// The entry a literal key names: the last one of that key, as in
// JavaScript. False when there is none, or when a later spread or computed
// key may stand in its place.
bool Extractor::LiteralEntry(const Table& table, std::string_view key, Entry* entry) {
  const std::vector<Entry>& entries = Entries(table);
  for (size_t i = entries.size(); i-- > 0;) {
    const Entry& e = entries[i];
    if (e.kind == K::kSpread || e.key.empty()) return false;
    if (e.key == key) {
      *entry = e;
      return true;
    }
  }
  return false;
}

// A subscript's key when the code writes it: a string, or a number.
bool Extractor::IndexKey(TSNode index, std::string* key) const {
  index = Unwrap(index, false);
  if (StringValue(index, key)) return true;
  if (Kind(index) != K::kNumber) return false;
  *key = std::string(Text(index));
  return true;
}

// The callee name of the function an entry holds, "" when it holds none.
std::string Extractor::EntryTarget(const Entry& entry, uint32_t scope) {
  switch (entry.kind) {
    case K::kMethod: {
      auto def = root_defs_.find(Id(entry.node));
      return def == root_defs_.end() ? std::string() : facts_.functions[def->second].name;
    }
    case K::kPair:
    case K::kShorthandProp:
      return FunctionTarget(entry.value, scope, 0);
    default:
      return {};
  }
}

// The callee name of the function `n` is: a function that is a def of the
// file (by its def's name: `createOrder`, `routes.create` for an inline
// one), a name bound once to one, an imported name (`createOrder`), or a
// member of an imported module (`orders.create`). "" for anything else.
std::string Extractor::FunctionTarget(TSNode n, uint32_t scope, int depth) {
  if (depth > kMaxDispatchDepth) return {};
  n = Unwrap(n, false);
  auto def = root_defs_.find(Id(n));
  if (def != root_defs_.end()) return facts_.functions[def->second].name;
  K k = Kind(n);
  if (k == K::kIdentifier || k == K::kShorthandProp) {
    int64_t index = Lookup(Text(n), scope);
    if (index < 0) return {};
    const Binding& b = bindings_[index];
    if (IsImportName(b)) return std::string(b.name);
    if (b.kind == Binding::Kind::kFunction) return FunctionTarget(b.node, b.scope, depth + 1);
    if (b.kind != Binding::Kind::kValue || !b.assigned.empty()) return {};
    return FunctionTarget(b.node, b.scope, depth + 1);
  }
  if (k == K::kMember) {
    TSNode object = Unwrap(Child(n, Fd::kObject), false);
    if (Kind(object) != K::kIdentifier) return {};
    int64_t index = Lookup(Text(object), scope);
    if (index < 0 || !IsImportName(bindings_[index])) return {};
    return std::string(Text(object)) + "." + std::string(Text(Child(n, Fd::kProperty)));
  }
  return {};
}

// Whether a binding is a name an import gives the file (`import {a}`,
// `const a = require('./m')`, `const {a} = require('./m')`).
bool Extractor::IsImportName(const Binding& b) const {
  if (b.kind == Binding::Kind::kImport) return true;
  return (b.kind == Binding::Kind::kValue || b.kind == Binding::Kind::kDestructure) &&
         b.scope == 0 && b.assigned.empty() && import_names_.count(b.name) > 0;
}

// Every function a table holds, read once per table.
const std::vector<std::string>& Extractor::EveryTarget(const Table& table) {
  auto found = table_targets_.find(Id(table.node));
  if (found != table_targets_.end()) return found->second;
  std::vector<std::string> targets;
  for (const Entry& e : Entries(table)) {
    if (targets.size() >= kMaxDispatchTargets) break;
    std::string target = EntryTarget(e, table.scope);
    if (!target.empty() && std::find(targets.begin(), targets.end(), target) == targets.end()) {
      targets.push_back(std::move(target));
    }
  }
  return table_targets_[Id(table.node)] = std::move(targets);
}

}  // namespace

namespace js {

void AppendEscape(std::string_view esc, std::string* out) {
  if (esc.size() < 2 || esc[0] != '\\') {
    out->append(esc);
    return;
  }
  char c = esc[1];
  uint32_t cp = 0;
  switch (c) {
    case 'n':
      out->push_back('\n');
      return;
    case 't':
      out->push_back('\t');
      return;
    case 'r':
      out->push_back('\r');
      return;
    case 'b':
      out->push_back('\b');
      return;
    case 'f':
      out->push_back('\f');
      return;
    case 'v':
      out->push_back('\v');
      return;
    case '0':
      if (esc.size() == 2) {
        out->push_back('\0');
        return;
      }
      break;
    case '\r':
    case '\n':
      return;  // a line continuation
    case 'x':
      if (HexValue(esc.substr(2), &cp)) {
        AppendUtf8(cp, out);
        return;
      }
      break;
    case 'u':
      if (esc.size() > 3 && esc[2] == '{' && esc.back() == '}'
              ? HexValue(esc.substr(3, esc.size() - 4), &cp)
              : HexValue(esc.substr(2), &cp)) {
        AppendUtf8(cp, out);
        return;
      }
      break;
    default:
      break;
  }
  out->append(esc.substr(1));
}

}  // namespace js

FileFacts ExtractJavaScript(const Tree& tree, Language language) {
  Extractor extractor(tree, language);
  return extractor.Run();
}

}  // namespace fnwarden::load::code
