// The facts of one Python file (facts.h), read from its tree-sitter tree in
// three passes:
//  1. One walk of the tree with a TSTreeCursor (no recursion, whatever the
//     nesting) records the scopes (module, classes, functions, lambdas,
//     comprehensions) and every way each name is bound in them: assignments,
//     parameters, imports, defs and classes, loop and `with`/`except`
//     targets, `global`/`nonlocal`. It also records `self.x = ...`
//     attributes, `X['k'] = ...` items, each def's return expressions, and
//     every call.
//  2. The calls of the file's own functions, methods and classes are
//     indexed, so that a parameter can be followed to what its callers pass.
//  3. Each call is interpreted in the order calls run (the innermost of
//     `a.b().c()` first): SDK calls and dynamic uses are emitted, dynamic
//     imports recorded, callees listed.
//  4. python_flows.cc walks each def's body for its taint summary and the
//     file's weaknesses, given each def's node, each call's callee and the
//     SDK calls found here (python_internal.h holds what the two share).
//
// Functions are named by where they are defined: "handler", "Class.method",
// "outer.inner" for a nested def; a callee of the file is given by that name
// (`self.load()` is "Class.load", `inner()` is "outer.inner", `Repo(...)`
// is "Repo.__init__"), an imported one as written ("db.put").
//
// Values are followed flow-insensitively: a name stands for every value it is
// ever bound to in its scope, and is known only when all of them agree
// (`None` is ignored, so `s3 = None` ... `s3 = boto3.client('s3')` is the
// client). What is followed:
//  - boto3 clients and resources from `boto3.client/resource`, a Session
//    (`boto3.Session()`, `boto3.session.Session()`, imported names), kept in
//    module globals (also assigned under `global`), locals, `self.x`
//    attributes of the class or a base class in the file, class attributes,
//    `@property` getters, dict literals and `X['k'] = ...` items, returned by
//    the file's functions and methods (factories), and passed as arguments to
//    the file's functions, methods and constructors: a parameter is the
//    merge of the arguments of every call site the file shows (`f(...)`,
//    `self.m(...)`, `cls.m(...)`, `C.m(...)`, `C(...)` for `__init__`,
//    `x.m(...)` when `x = C(...)`), or its default when it has no call site.
//  - resource objects (`Table`, `Bucket`, `Object`, `Queue`, `Topic`...),
//    their collections (`bucket.objects.filter`) and `meta.client`.
//  - resource-naming arguments: string literals, environment variables, and
//    names bound to either.
// Not followed: values through containers other than dicts, loops,
// `with ... as`, lambdas (as factories or through their parameters),
// instance attributes set from outside the class, call sites whose
// arguments are splatted (the parameter is then unknown), calls the file
// does not show (a function passed as a callback keeps only its direct call
// sites). A client whose service is not a literal gives a DynamicUse, and
// the calls made on it give no SdkCall. Names and calls are memoised, and
// every evaluation is bounded in depth and by a step budget proportional to
// the file's size: time and memory stay linear.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "load/code/facts.h"
#include "load/code/python_internal.h"
#include "util/encoding.h"

extern "C" const TSLanguage* tree_sitter_python();

namespace fnwarden::load::code::python {

const Grammar& Python() {
  static const Grammar grammar = [] {
    static constexpr std::pair<std::string_view, K> kNames[] = {
        {"comment", K::kComment},
        {"identifier", K::kIdentifier},
        {"attribute", K::kAttribute},
        {"call", K::kCall},
        {"subscript", K::kSubscript},
        {"string", K::kString},
        {"concatenated_string", K::kConcatenatedString},
        {"string_start", K::kStringStart},
        {"string_end", K::kStringEnd},
        {"interpolation", K::kInterpolation},
        {"parenthesized_expression", K::kParenthesized},
        {"conditional_expression", K::kConditional},
        {"boolean_operator", K::kBooleanOperator},
        {"await", K::kAwait},
        {"none", K::kNone},
        {"dictionary", K::kDictionary},
        {"pair", K::kPair},
        {"list", K::kList},
        {"tuple", K::kTuple},
        {"expression_list", K::kExpressionList},
        {"pattern_list", K::kPatternList},
        {"tuple_pattern", K::kTuplePattern},
        {"list_pattern", K::kListPattern},
        {"list_splat", K::kListSplat},
        {"list_splat_pattern", K::kListSplatPattern},
        {"dictionary_splat", K::kDictionarySplat},
        {"dictionary_splat_pattern", K::kDictionarySplatPattern},
        {"parenthesized_list_splat", K::kParenthesizedListSplat},
        {"named_expression", K::kNamedExpression},
        {"assignment", K::kAssignment},
        {"augmented_assignment", K::kAugmentedAssignment},
        {"delete_statement", K::kDeleteStatement},
        {"function_definition", K::kFunctionDefinition},
        {"class_definition", K::kClassDefinition},
        {"decorated_definition", K::kDecoratedDefinition},
        {"decorator", K::kDecorator},
        {"lambda", K::kLambda},
        {"list_comprehension", K::kComprehension},
        {"set_comprehension", K::kComprehension},
        {"dictionary_comprehension", K::kComprehension},
        {"generator_expression", K::kGeneratorExpression},
        {"for_statement", K::kForStatement},
        {"for_in_clause", K::kForInClause},
        {"as_pattern", K::kAsPattern},
        {"as_pattern_target", K::kAsPatternTarget},
        {"except_clause", K::kExceptClause},
        {"import_statement", K::kImportStatement},
        {"import_from_statement", K::kImportFromStatement},
        {"global_statement", K::kGlobalStatement},
        {"nonlocal_statement", K::kNonlocalStatement},
        {"return_statement", K::kReturnStatement},
        {"yield", K::kYield},
        {"parameters", K::kParameters},
        {"lambda_parameters", K::kLambdaParameters},
        {"argument_list", K::kArgumentList},
        {"keyword_argument", K::kKeywordArgument},
        {"dotted_name", K::kDottedName},
        {"aliased_import", K::kAliasedImport},
        {"relative_import", K::kRelativeImport},
        {"import_prefix", K::kImportPrefix},
        {"wildcard_import", K::kWildcardImport},
        {"default_parameter", K::kDefaultParameter},
        {"typed_parameter", K::kTypedParameter},
        {"typed_default_parameter", K::kTypedDefaultParameter},
        {"keyword_separator", K::kKeywordSeparator},
        {"positional_separator", K::kPositionalSeparator},
        {"block", K::kBlock},
        {"expression_statement", K::kExpressionStatement},
        {"if_statement", K::kIfStatement},
        {"elif_clause", K::kElifClause},
        {"else_clause", K::kElseClause},
        {"while_statement", K::kWhileStatement},
        {"try_statement", K::kTryStatement},
        {"finally_clause", K::kFinallyClause},
        {"with_statement", K::kWithStatement},
        {"comparison_operator", K::kComparisonOperator},
        {"binary_operator", K::kBinaryOperator},
        {"not_operator", K::kNotOperator},
        {"set", K::kSet},
        {"slice", K::kSlice},
        {"integer", K::kInteger},
        {"float", K::kFloat},
        {"true", K::kTrue},
        {"false", K::kFalse}};
    Grammar g;
    const TSLanguage* lang = tree_sitter_python();
    uint32_t count = ts_language_symbol_count(lang);
    g.kinds.assign(count, K::kOther);
    for (uint32_t i = 0; i < count; ++i) {
      auto symbol = static_cast<TSSymbol>(i);
      if (ts_language_symbol_type(lang, symbol) != TSSymbolTypeRegular) continue;
      std::string_view name = ts_language_symbol_name(lang, symbol);
      for (const auto& [n, k] : kNames) {
        if (n == name) g.kinds[i] = k;
      }
    }
    auto field = [&](std::string_view f) {
      return ts_language_field_id_for_name(lang, f.data(), static_cast<uint32_t>(f.size()));
    };
    g.name = field("name");
    g.value = field("value");
    g.left = field("left");
    g.right = field("right");
    g.function = field("function");
    g.arguments = field("arguments");
    g.object = field("object");
    g.attribute = field("attribute");
    g.parameters = field("parameters");
    g.superclasses = field("superclasses");
    g.definition = field("definition");
    g.alias = field("alias");
    g.module_name = field("module_name");
    g.subscript = field("subscript");
    g.key = field("key");
    g.op = field("operator");
    g.body = field("body");
    g.condition = field("condition");
    g.consequence = field("consequence");
    g.alternative = field("alternative");
    g.operators = field("operators");
    g.expression = field("expression");
    return g;
  }();
  return grammar;
}

// The named children of `node` but comments.
std::vector<TSNode> NamedChildren(TSNode node) {
  std::vector<TSNode> out;
  ForEachChild(node, [&](TSNode c, TSFieldId) {
    if (ts_node_is_named(c) && KindOf(c) != K::kComment) out.push_back(c);
  });
  return out;
}

TSNode FirstNamedChild(TSNode node) {
  TSNode out{};
  bool found = false;
  ForEachChild(node, [&](TSNode c, TSFieldId) {
    if (!found && ts_node_is_named(c) && KindOf(c) != K::kComment) {
      out = c;
      found = true;
    }
  });
  return out;
}

namespace {

// character (beyond U+10FFFF, or a lone surrogate).
void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  util::AppendUtf8(static_cast<char32_t>(cp), out);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Python's escape sequences in a (non-raw) string; `{{` and `}}` in an
// f-string. An escape Python does not know keeps its backslash.
void Unescape(std::string_view s, bool fstring, std::string* out) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (fstring && (c == '{' || c == '}') && i + 1 < s.size() && s[i + 1] == c) {
      out->push_back(c);
      ++i;
      continue;
    }
    if (c != '\\' || i + 1 >= s.size()) {
      out->push_back(c);
      continue;
    }
    char e = s[++i];
    switch (e) {
      case '\n':
        break;
      case '\\':
        out->push_back('\\');
        break;
      case '\'':
        out->push_back('\'');
        break;
      case '"':
        out->push_back('"');
        break;
      case 'a':
        out->push_back('\a');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'v':
        out->push_back('\v');
        break;
      case 'x':
      case 'u':
      case 'U': {
        size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        size_t n = 0;
        while (n < digits && i + 1 + n < s.size() && HexDigit(s[i + 1 + n]) >= 0) {
          cp = cp * 16 + static_cast<uint32_t>(HexDigit(s[i + 1 + n]));
          ++n;
        }
        if (n != digits) {
          out->push_back('\\');
          out->push_back(e);
          break;
        }
        i += n;
        AppendUtf8(cp, out);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          uint32_t cp = static_cast<uint32_t>(e - '0');
          for (int n = 0; n < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++n) {
            cp = cp * 8 + static_cast<uint32_t>(s[++i] - '0');
          }
          AppendUtf8(cp, out);
        } else {
          out->push_back('\\');
          out->push_back(e);
        }
    }
  }
}

}  // namespace

bool StringLiteral(const Tree& tree, TSNode node, std::string* out) {
  if (KindOf(node) == K::kConcatenatedString) {
    bool ok = true;
    ForEachChild(node, [&](TSNode c, TSFieldId) {
      if (ok && KindOf(c) == K::kString) ok = StringLiteral(tree, c, out);
    });
    return ok;
  }
  if (KindOf(node) != K::kString) return false;
  TSNode start{}, end{};
  bool interpolated = false;
  ForEachChild(node, [&](TSNode c, TSFieldId) {
    K k = KindOf(c);
    if (k == K::kStringStart) start = c;
    if (k == K::kStringEnd) end = c;
    if (k == K::kInterpolation) interpolated = true;
  });
  if (interpolated || ts_node_is_null(start)) return false;
  std::string prefix;
  for (char c : tree.Text(start)) {
    if (c != '"' && c != '\'') prefix += static_cast<char>(c | 0x20);
  }
  if (prefix.find('b') != std::string::npos) return false;
  uint32_t from = ts_node_end_byte(start);
  uint32_t to = ts_node_is_null(end) ? ts_node_end_byte(node) : ts_node_start_byte(end);
  if (to < from || to > tree.text().size()) return false;
  std::string_view content = tree.text().substr(from, to - from);
  if (prefix.find('r') != std::string::npos) {
    out->append(content);
  } else {
    Unescape(content, prefix.find('f') != std::string::npos, out);
  }
  return true;
}

}  // namespace fnwarden::load::code::python

namespace fnwarden::load::code {
namespace {

constexpr uint32_t kNoId = UINT32_MAX;
// Python itself refuses code nested much deeper than this.
constexpr uint32_t kMaxScopeDepth = 100;
// Bounds the C++ recursion of one evaluation (names, calls, factories,
// parameters, attribute chains).
constexpr int kMaxEvalDepth = 96;
// Base classes searched for a method or an attribute.
constexpr size_t kMaxBaseClasses = 16;
// Components of a callee name (`a.b.c.d`).
constexpr size_t kMaxCalleeParts = 32;
// A call through a dispatch table reaches at most this many functions, and
// names bound to a table's entry are followed this many times.
constexpr size_t kMaxDispatchTargets = 32;
constexpr int kMaxDispatchDepth = 4;

using python::FieldOf;
using python::FirstNamedChild;
using python::ForEachChild;
using python::K;
using python::KindOf;
using python::NamedChildren;
using python::Python;
using Grammar = python::Grammar;

bool IsSequence(K k) {
  return k == K::kPatternList || k == K::kTuplePattern || k == K::kListPattern || k == K::kTuple ||
         k == K::kList || k == K::kExpressionList;
}

bool IsSplat(K k) {
  return k == K::kListSplat || k == K::kListSplatPattern || k == K::kDictionarySplat ||
         k == K::kDictionarySplatPattern || k == K::kParenthesizedListSplat;
}

// A code point an escape names, as UTF-8; U+FFFD for one that is not a

// The methods of a resource collection (`bucket.objects.filter(...)`).
bool IsCollectionMethod(std::string_view m) {
  return m == "all" || m == "filter" || m == "limit" || m == "page_size" || m == "delete" ||
         m == "pages";
}

// Resource classes: the identifiers their constructor takes, in order, and
// the constructor's keyword names for them.
struct ResourceClass {
  std::string_view name;
  std::vector<std::string_view> identifiers;
};

const std::vector<ResourceClass>& ResourceClasses() {
  static const std::vector<ResourceClass> classes = {
      {"Table", {"TableName"}},
      {"Bucket", {"Bucket"}},
      {"Object", {"Bucket", "Key"}},
      {"ObjectSummary", {"Bucket", "Key"}},
      {"Queue", {"QueueUrl"}},
      {"Topic", {"TopicArn"}},
      {"BucketPolicy", {"Bucket"}},
      {"MultipartUpload", {"Bucket", "Key", "UploadId"}},
      {"Subscription", {"SubscriptionArn"}},
  };
  return classes;
}

std::string_view ConstructorKeyword(std::string_view keyword,
                                    const std::vector<std::string_view>& identifiers) {
  if (keyword == "name" && identifiers.size() == 1) return identifiers[0];
  if (keyword == "bucket_name") return "Bucket";
  if (keyword == "key") return "Key";
  if (keyword == "url") return "QueueUrl";
  if (keyword == "arn" && identifiers.size() == 1) return identifiers[0];
  return {};
}

// The keyword arguments of SDK calls that name resources.
bool IsResourceArg(std::string_view name, std::string_view service) {
  static constexpr std::string_view kArgs[] = {
      "Bucket",          "TableName",    "QueueUrl",           "QueueName",
      "TopicArn",        "FunctionName", "SecretId",           "Name",
      "StateMachineArn", "StreamName",   "DeliveryStreamName", "LogGroupName",
      "EventBusName",    "Arn",          "ResourceArn",        "KeyId",
      "IndexName",       "RoleArn",
  };
  // DynamoDB's `Key` is an item's key, not a resource.
  if (name == "Key") return service == "s3";
  return std::find(std::begin(kArgs), std::end(kArgs), name) != std::end(kArgs);
}

// The positional parameters of managed transfers that name resources:
// `s3.upload_file(Filename, Bucket, Key)`, `bucket.upload_file(Filename, Key)`.
std::vector<std::string_view> PositionalArgs(std::string_view prefix, std::string_view method) {
  bool up = method == "upload_file" || method == "upload_fileobj" || method == "copy";
  bool down = method == "download_file" || method == "download_fileobj";
  if (prefix.empty()) {
    if (up) return {{}, "Bucket", "Key"};
    if (down) return {"Bucket", "Key"};
  } else if (prefix == "Bucket") {
    if (up) return {{}, "Key"};
    if (down) return {"Key"};
  }
  return {};
}

// What an expression is, as far as the extractor follows it.
struct Value {
  enum class Kind : uint8_t {
    kUnknown,
    kPending,  // a value whose evaluation is in progress (a cycle): ignored by Join
    kNone,
    kLiteral,     // text: the string
    kEnvVar,      // text: the variable
    kSymbol,      // text: a dotted path of an imported name ("boto3.client", "os.environ")
    kSession,     // a boto3 Session
    kClient,      // service
    kResource,    // service; text: the class ("ServiceResource", "Table"); args
    kCollection,  // service; text: "Bucket.objects"; args
    kMeta,        // service: `resource.meta`
    kMember,      // an attribute of `base`: service, text (its prefix), member, args
    kFunction,    // index: the def
    kClass,       // index: the class
    kInstance,    // index: the class
    kDict,        // node: the dictionary literal; index: its scope
  };
  Kind kind = Kind::kUnknown;
  Kind base = Kind::kUnknown;
  std::string service;
  std::string text;
  std::string member;
  uint32_t index = 0;
  TSNode node{};
  std::vector<SdkCall::Arg> args;

  static Value Of(Kind kind) {
    Value v;
    v.kind = kind;
    return v;
  }
  static Value Text(Kind kind, std::string text) {
    Value v = Of(kind);
    v.text = std::move(text);
    return v;
  }
  static Value Index(Kind kind, uint32_t index) {
    Value v = Of(kind);
    v.index = index;
    return v;
  }
  bool SameObject(const Value& o) const {
    return kind == o.kind && base == o.base && service == o.service && text == o.text &&
           member == o.member && index == o.index &&
           (kind != Kind::kDict || ts_node_eq(node, o.node));
  }
};

bool SameArgs(const std::vector<SdkCall::Arg>& a, const std::vector<SdkCall::Arg>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].value.kind != b[i].value.kind ||
        a[i].value.text != b[i].value.text) {
      return false;
    }
  }
  return true;
}

// Adds `v` to the values a name (or a parameter, a return...) may have.
// False once the result is unknown: the remaining candidates need no look.
bool Join(Value* acc, Value v) {
  using VK = Value::Kind;
  switch (v.kind) {
    case VK::kUnknown:
      *acc = Value{};
      return false;
    case VK::kPending:
      return true;
    case VK::kNone:
      if (acc->kind == VK::kPending) acc->kind = VK::kNone;
      return true;
    default:
      break;
  }
  if (acc->kind == VK::kPending || acc->kind == VK::kNone) {
    *acc = std::move(v);
    return true;
  }
  if (!acc->SameObject(v)) {
    *acc = Value{};
    return false;
  }
  if (!SameArgs(acc->args, v.args)) acc->args.clear();
  return true;
}

// The ways a name may be bound.
struct Candidate {
  enum class Kind : uint8_t { kValue, kUnknown, kImport, kDef, kClass, kParam, kSelf, kClsRef };
  Kind kind = Kind::kUnknown;
  uint32_t id = kNoId;  // kValue: the scope of node; kDef, kParam: the def; else the class
  uint32_t slot = 0;    // kParam: the parameter
  TSNode node{};        // kValue: the expression
  std::string symbol;   // kImport: the dotted path it imports
};

enum class ScopeKind : uint8_t { kModule, kClass, kFunction, kLambda, kComprehension };

struct Scope {
  ScopeKind kind = ScopeKind::kModule;
  uint32_t parent = kNoId;
  uint32_t depth = 0;
  uint32_t def = kNoId;  // kFunction
  uint32_t cls = kNoId;  // kClass
  std::string qualname;  // kFunction, kClass: the prefix of what they define
};

struct Param {
  std::string_view name;
  int32_t position = -1;  // -1: keyword-only or a splat
  TSNode default_value{};
  bool splat = false;
};

struct CallSite {
  TSNode call;
  uint32_t scope;
  uint32_t offset;  // the arguments the call passes implicitly (self)
};

struct Def {
  uint32_t fact = kNoId;  // FileFacts::functions
  uint32_t scope = 0;
  uint32_t outer = 0;
  uint32_t cls = kNoId;  // the class it is a method of
  bool is_static = false, is_classmethod = false, is_property = false, has_yield = false;
  std::vector<Param> params;
  std::vector<TSNode> returns;  // a null node for a bare `return`
  std::vector<CallSite> sites;
};

struct Class {
  std::string qualname;
  uint32_t scope = 0;
  uint32_t outer = 0;
  TSNode superclasses{};
  std::vector<uint32_t> bases;
};

// The key of bindings and memoised values.
enum class Tag : uint8_t {
  kName,
  kGlobal,
  kNonlocal,
  kAttr,
  kResolve,
  kCall,
  kParam,
  kReturn,
  kClassAttr,
  kInstanceAttr,
  kSubscript
};
struct Key {
  Tag tag;
  uint32_t a;
  uint32_t b;
  std::string_view s;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  size_t operator()(const Key& k) const {
    uint64_t h = std::hash<std::string_view>{}(k.s);
    h ^= (static_cast<uint64_t>(k.a) << 8 | static_cast<uint64_t>(k.tag)) * 0x9E3779B97F4A7C15ull;
    h ^= static_cast<uint64_t>(k.b) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

// Where a node sits: its scope and the def whose body holds it, and those of
// the definition being entered (parameter defaults and base classes are
// evaluated there).
struct Context {
  uint32_t scope = 0;
  uint32_t def = kNoId;
  uint32_t outer_scope = 0;
  uint32_t outer_def = kNoId;
};

struct CallRecord {
  TSNode node;
  uint32_t scope;
  uint32_t def;
};

struct Args {
  std::vector<TSNode> positional;
  std::vector<std::pair<std::string_view, TSNode>> keywords;
  bool list_splat = false;
  bool dict_splat = false;
  TSNode Keyword(std::string_view name) const {
    for (const auto& [k, v] : keywords) {
      if (k == name) return v;
    }
    return TSNode{};
  }
};

bool IsBuiltin(std::string_view name) {
  static const std::unordered_set<std::string_view> kBuiltins = {
      "abs",        "all",     "any",      "ascii",     "bin",          "bool",       "breakpoint",
      "bytearray",  "bytes",   "callable", "chr",       "classmethod",  "compile",    "complex",
      "delattr",    "dict",    "dir",      "divmod",    "enumerate",    "eval",       "exec",
      "filter",     "float",   "format",   "frozenset", "getattr",      "globals",    "hasattr",
      "hash",       "help",    "hex",      "id",        "input",        "int",        "isinstance",
      "issubclass", "iter",    "len",      "list",      "locals",       "map",        "max",
      "memoryview", "min",     "next",     "object",    "oct",          "open",       "ord",
      "pow",        "print",   "property", "range",     "repr",         "reversed",   "round",
      "set",        "setattr", "slice",    "sorted",    "staticmethod", "str",        "sum",
      "super",      "tuple",   "type",     "vars",      "zip",          "__import__",
  };
  return kBuiltins.count(name) != 0;
}

class Extractor {
 public:
  explicit Extractor(const Tree& tree) : tree_(tree), g_(Python()) {}

  FileFacts Run() {
    facts_.language = Language::kPython;
    scopes_.push_back(Scope{});
    Walk();
    budget_ = 64 * nodes_ + 100'000;
    IndexCalls();
    for (const CallRecord& r : calls_) {
      current_ = &r;
      (void)Apply(r.node, r.scope, 0, /*emit=*/true);
      if (r.def != kNoId && defs_[r.def].fact != kNoId) AddCallee(r);
    }
    current_ = nullptr;
    python::ExtractFlows(tree_, flow_, &facts_);
    FirstSyntaxError(tree_, &facts_.error_line, &facts_.error_col, &facts_.error);
    return std::move(facts_);
  }

 private:
  // ---- Pass 1: scopes, bindings, calls -----------------------------------

  std::string_view Text(TSNode node) const {
    return ts_node_is_null(node) ? std::string_view() : tree_.Text(node);
  }

  void Walk() {
    TSTreeCursor cursor = ts_tree_cursor_new(tree_.root());
    // The nodes on the path from the root, and the context of their children.
    struct OnPath {
      TSNode node;
      K kind;
    };
    std::vector<OnPath> path{{tree_.root(), KindOf(tree_.root())}};
    std::vector<Context> children{Visit(tree_.root(), path.back().kind, Context{}, nullptr)};
    // Calls are recorded as they are left: in the order they run, the
    // innermost of `a.b().c()` first.
    auto leave = [&] {
      if (path.back().kind == K::kCall && children.size() >= 2) {
        const Context& ctx = children[children.size() - 2];
        calls_.push_back(CallRecord{path.back().node, ctx.scope, ctx.def});
      }
      path.pop_back();
      children.pop_back();
    };
    for (;;) {
      if (!ts_tree_cursor_goto_first_child(&cursor)) {
        leave();
        bool done = false;
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
          if (!ts_tree_cursor_goto_parent(&cursor)) {
            done = true;
            break;
          }
          leave();
        }
        if (done) break;
      }
      TSNode node = ts_tree_cursor_current_node(&cursor);
      K kind = KindOf(node);
      children.push_back(Visit(node, kind, children.back(), &cursor));
      path.push_back(OnPath{node, kind});
    }
    ts_tree_cursor_delete(&cursor);
  }

  // Records what `node` (of kind `kind`, where `cursor` is) binds or defines;
  // returns the context of its children.
  Context Visit(TSNode node, K kind, const Context& ctx, const TSTreeCursor* cursor) {
    ++nodes_;
    Context child = ctx;
    switch (kind) {
      case K::kParameters:
      case K::kLambdaParameters:
        child.scope = ctx.outer_scope;
        child.def = ctx.outer_def;
        break;
      case K::kArgumentList:
        if (cursor != nullptr && ts_tree_cursor_current_field_id(cursor) == g_.superclasses) {
          child.scope = ctx.outer_scope;
          child.def = ctx.outer_def;
        }
        break;
      case K::kDecoratedDefinition:
        NoteDecorators(node);
        break;
      case K::kFunctionDefinition:
        child = EnterDef(node, ctx);
        break;
      case K::kClassDefinition:
        child = EnterClass(node, ctx);
        break;
      case K::kLambda:
        child = EnterLambda(node, ctx);
        break;
      case K::kComprehension:
      case K::kGeneratorExpression:
        child.scope = NewScope(ScopeKind::kComprehension, ctx.scope, kNoId, kNoId, {});
        child.outer_scope = ctx.scope;
        child.outer_def = ctx.def;
        break;
      case K::kForStatement:
      case K::kForInClause:
      case K::kAugmentedAssignment:
        BindTarget(FieldOf(node, g_.left), TSNode{}, ctx);
        break;
      case K::kAssignment: {
        TSNode right = FieldOf(node, g_.right);
        for (int hops = 0; KindOf(right) == K::kAssignment && hops < 1000; ++hops) {
          right = FieldOf(right, g_.right);
        }
        if (!ts_node_is_null(right)) BindTarget(FieldOf(node, g_.left), right, ctx);
        break;
      }
      case K::kNamedExpression:
        BindTarget(FieldOf(node, g_.name), FieldOf(node, g_.value), ctx);
        break;
      case K::kDeleteStatement:
        // `del ROUTES[k]`: the dict is no longer what its literal says.
        ForEachChild(node, [&](TSNode target, TSFieldId) {
          for (TSNode t : KindOf(target) == K::kExpressionList ? NamedChildren(target)
                                                               : std::vector<TSNode>{target}) {
            if (KindOf(t) == K::kSubscript) NoteWrittenTable(FieldOf(t, g_.value));
          }
        });
        break;
      case K::kAsPattern:
      case K::kExceptClause:
        BindTarget(FieldOf(node, g_.alias), TSNode{}, ctx);
        break;
      case K::kImportStatement:
        ImportStatement(node, ctx);
        break;
      case K::kImportFromStatement:
        ImportFrom(node, ctx);
        break;
      case K::kGlobalStatement:
      case K::kNonlocalStatement: {
        Tag tag = kind == K::kGlobalStatement ? Tag::kGlobal : Tag::kNonlocal;
        ForEachChild(node, [&](TSNode c, TSFieldId) {
          if (KindOf(c) == K::kIdentifier) declared_.insert(Key{tag, ctx.scope, 0, Text(c)});
        });
        break;
      }
      case K::kReturnStatement:
        if (ctx.def != kNoId) defs_[ctx.def].returns.push_back(FirstNamedChild(node));
        break;
      case K::kYield:
        if (ctx.def != kNoId) defs_[ctx.def].has_yield = true;
        break;
      default:
        break;
    }
    return child;
  }

  uint32_t NewScope(ScopeKind kind, uint32_t parent, uint32_t def, uint32_t cls,
                    std::string qualname) {
    if (scopes_[parent].depth >= kMaxScopeDepth) return parent;
    Scope s;
    s.kind = kind;
    s.parent = parent;
    s.depth = scopes_[parent].depth + 1;
    s.def = def;
    s.cls = cls;
    s.qualname = std::move(qualname);
    scopes_.push_back(std::move(s));
    return static_cast<uint32_t>(scopes_.size() - 1);
  }

  // "Class.method", "outer.inner": the name prefixed by the nearest
  // enclosing function or class.
  std::string Qualify(uint32_t scope, std::string_view name) const {
    for (uint32_t s = scope; s != kNoId; s = scopes_[s].parent) {
      const Scope& sc = scopes_[s];
      if (sc.kind == ScopeKind::kFunction || sc.kind == ScopeKind::kClass) {
        return sc.qualname.empty() ? std::string(name) : sc.qualname + "." + std::string(name);
      }
    }
    return std::string(name);
  }

  void AddBinding(uint32_t scope, std::string_view name, Candidate c) {
    if (name.empty()) return;
    if (declared_.count(Key{Tag::kGlobal, scope, 0, name}) != 0) {
      scope = 0;
    } else if (declared_.count(Key{Tag::kNonlocal, scope, 0, name}) != 0) {
      // The nearest enclosing function that binds it (or the nearest one).
      uint32_t target = kNoId;
      for (uint32_t s = scopes_[scope].parent; s != kNoId && s != 0; s = scopes_[s].parent) {
        if (scopes_[s].kind == ScopeKind::kClass) continue;
        if (target == kNoId) target = s;
        if (bindings_.count(Key{Tag::kName, s, 0, name}) != 0) {
          target = s;
          break;
        }
      }
      if (target != kNoId) scope = target;
    }
    bindings_[Key{Tag::kName, scope, 0, name}].push_back(std::move(c));
  }

  static Candidate ValueOf(TSNode value, uint32_t scope) {
    Candidate c;
    if (!ts_node_is_null(value)) {
      c.kind = Candidate::Kind::kValue;
      c.node = value;
      c.id = scope;
    }
    return c;
  }

  // Binds the names of an assignment target to the parts of `value` they
  // receive (an unknown value when it is null or cannot be paired).
  void BindTarget(TSNode target, TSNode value, const Context& ctx) {
    std::vector<std::pair<TSNode, TSNode>> stack{{target, value}};
    while (!stack.empty()) {
      auto [t, v] = stack.back();
      stack.pop_back();
      switch (KindOf(t)) {
        case K::kIdentifier:
          AddBinding(ctx.scope, Text(t), ValueOf(v, ctx.scope));
          break;
        case K::kAttribute:
          BindAttribute(t, v, ctx);
          break;
        case K::kSubscript:
          BindItem(t, v, ctx);
          break;
        case K::kParenthesized:
        case K::kAsPatternTarget: {
          std::vector<TSNode> inner = NamedChildren(t);
          for (TSNode i : inner) stack.emplace_back(i, inner.size() == 1 ? v : TSNode{});
          break;
        }
        case K::kListSplat:
        case K::kListSplatPattern:
          for (TSNode i : NamedChildren(t)) stack.emplace_back(i, TSNode{});
          break;
        default:
          if (IsSequence(KindOf(t))) {
            std::vector<TSNode> targets = NamedChildren(t);
            std::vector<TSNode> values;
            if (IsSequence(KindOf(v))) values = NamedChildren(v);
            bool paired = values.size() == targets.size();
            for (size_t i = 0; paired && i < targets.size(); ++i) {
              paired = !IsSplat(KindOf(targets[i])) && !IsSplat(KindOf(values[i]));
            }
            for (size_t i = 0; i < targets.size(); ++i) {
              stack.emplace_back(targets[i], paired ? values[i] : TSNode{});
            }
          }
          break;
      }
    }
  }

  // The class whose instance `name` is in `scope`: the first parameter of a
  // method (through lambdas and comprehensions, not nested defs).
  uint32_t SelfClass(uint32_t scope, std::string_view name) const {
    for (uint32_t s = scope; s != kNoId; s = scopes_[s].parent) {
      const Scope& sc = scopes_[s];
      if (sc.kind == ScopeKind::kFunction) {
        const Def& d = defs_[sc.def];
        if (d.cls == kNoId || d.is_static || d.params.empty() || d.params[0].position != 0 ||
            d.params[0].name != name) {
          return kNoId;
        }
        return d.cls;
      }
      if (sc.kind != ScopeKind::kLambda && sc.kind != ScopeKind::kComprehension) return kNoId;
    }
    return kNoId;
  }

  // `self.x = value` in a method: an attribute of the class's instances.
  void BindAttribute(TSNode target, TSNode value, const Context& ctx) {
    TSNode object = FieldOf(target, g_.object);
    if (KindOf(object) != K::kIdentifier) return;
    uint32_t cls = SelfClass(ctx.scope, Text(object));
    if (cls == kNoId) return;
    std::string_view attr = Text(FieldOf(target, g_.attribute));
    if (!attr.empty()) attrs_[Key{Tag::kAttr, cls, 0, attr}].push_back(ValueOf(value, ctx.scope));
  }

  struct PendingItem {
    uint32_t scope;
    std::string_view name;
    std::string key;
    Candidate value;
  };

  // A dict whose items the code sets or deletes after it is made: calls
  // through it are not taken to reach the entries of its literal.
  void NoteWrittenTable(TSNode object) {
    if (KindOf(object) == K::kIdentifier) written_tables_.insert(Text(object));
  }

  // `X['k'] = value`: an item of the dict X is bound to.
  void BindItem(TSNode target, TSNode value, const Context& ctx) {
    TSNode object = FieldOf(target, g_.value);
    NoteWrittenTable(object);
    std::string key;
    if (KindOf(object) != K::kIdentifier || !StringLiteral(FieldOf(target, g_.subscript), &key)) {
      return;
    }
    pending_items_.push_back(
        PendingItem{ctx.scope, Text(object), std::move(key), ValueOf(value, ctx.scope)});
  }

  void NoteDecorators(TSNode node) {
    decorated_ = FieldOf(node, g_.definition);
    decorators_ = {};
    ForEachChild(node, [&](TSNode c, TSFieldId) {
      if (KindOf(c) != K::kDecorator) return;
      TSNode e = FirstNamedChild(c);
      if (KindOf(e) == K::kCall) e = FieldOf(e, g_.function);
      std::string_view text = Text(e);
      std::string_view last = text.substr(text.rfind('.') + 1);
      if (last == "staticmethod") decorators_.is_static = true;
      if (last == "classmethod") decorators_.is_classmethod = true;
      if (last == "property" || last == "cached_property") decorators_.is_property = true;
      if (last == "setter" || last == "deleter") decorators_.is_accessor = true;
    });
  }

  Context EnterDef(TSNode node, const Context& ctx) {
    Decorators flags;
    if (!ts_node_is_null(decorated_) && ts_node_eq(decorated_, node)) flags = decorators_;
    std::string_view name = Text(FieldOf(node, g_.name));
    auto def_id = static_cast<uint32_t>(defs_.size());
    Def d;
    d.outer = ctx.scope;
    d.is_static = flags.is_static;
    d.is_classmethod = flags.is_classmethod;
    d.is_property = flags.is_property;
    if (scopes_[ctx.scope].kind == ScopeKind::kClass) d.cls = scopes_[ctx.scope].cls;
    std::string qualname = name.empty() ? std::string() : Qualify(ctx.scope, name);
    if (!name.empty()) {
      d.fact = static_cast<uint32_t>(facts_.functions.size());
      facts_.functions.push_back(FunctionDef{qualname, Line(node), {}});
      flow_.functions.push_back({node, d.cls != kNoId && !flags.is_static});
      if (!flags.is_accessor) {
        Candidate c;
        c.kind = Candidate::Kind::kDef;
        c.id = def_id;
        AddBinding(ctx.scope, name, std::move(c));
      }
    }
    d.scope = NewScope(ScopeKind::kFunction, ctx.scope, def_id, kNoId, std::move(qualname));
    defs_.push_back(std::move(d));
    BindParameters(def_id, FieldOf(node, g_.parameters));
    return Context{defs_[def_id].scope, def_id, ctx.scope, ctx.def};
  }

  void BindParameters(uint32_t def_id, TSNode params) {
    int32_t position = 0;
    bool keyword_only = false;
    ForEachChild(params, [&](TSNode p, TSFieldId) {
      Param param;
      switch (KindOf(p)) {
        case K::kIdentifier:
          param.name = Text(p);
          break;
        case K::kDefaultParameter:
        case K::kTypedDefaultParameter: {
          TSNode n = FieldOf(p, g_.name);
          if (KindOf(n) == K::kIdentifier) param.name = Text(n);
          param.default_value = FieldOf(p, g_.value);
          break;
        }
        case K::kTypedParameter: {
          TSNode n = FirstNamedChild(p);
          if (KindOf(n) == K::kIdentifier) {
            param.name = Text(n);
          } else {
            param.splat = true;
            param.name = Text(FirstNamedChild(n));
            if (KindOf(n) == K::kListSplatPattern) keyword_only = true;
          }
          break;
        }
        case K::kListSplatPattern:
          param.splat = true;
          param.name = Text(FirstNamedChild(p));
          keyword_only = true;
          break;
        case K::kDictionarySplatPattern:
          param.splat = true;
          param.name = Text(FirstNamedChild(p));
          break;
        case K::kKeywordSeparator:
          keyword_only = true;
          return;
        default:
          return;
      }
      if (param.name.empty()) return;
      if (!param.splat && !keyword_only) param.position = position++;
      Def& d = defs_[def_id];
      Candidate c;
      if (param.position == 0 && d.cls != kNoId && !d.is_static) {
        c.kind = d.is_classmethod ? Candidate::Kind::kClsRef : Candidate::Kind::kSelf;
        c.id = d.cls;
      } else if (!param.splat) {
        c.kind = Candidate::Kind::kParam;
        c.id = def_id;
        c.slot = static_cast<uint32_t>(d.params.size());
      }
      d.params.push_back(param);
      AddBinding(d.scope, param.name, std::move(c));
    });
  }

  Context EnterClass(TSNode node, const Context& ctx) {
    std::string_view name = Text(FieldOf(node, g_.name));
    auto cls_id = static_cast<uint32_t>(classes_.size());
    Class c;
    c.qualname = Qualify(ctx.scope, name);
    c.outer = ctx.scope;
    c.superclasses = FieldOf(node, g_.superclasses);
    Candidate binding;
    binding.kind = Candidate::Kind::kClass;
    binding.id = cls_id;
    AddBinding(ctx.scope, name, std::move(binding));
    c.scope = NewScope(ScopeKind::kClass, ctx.scope, kNoId, cls_id, c.qualname);
    classes_.push_back(std::move(c));
    return Context{classes_[cls_id].scope, ctx.def, ctx.scope, ctx.def};
  }

  Context EnterLambda(TSNode node, const Context& ctx) {
    uint32_t scope = NewScope(ScopeKind::kLambda, ctx.scope, kNoId, kNoId, {});
    ForEachChild(FieldOf(node, g_.parameters), [&](TSNode p, TSFieldId) {
      TSNode n = p;
      if (KindOf(p) == K::kDefaultParameter || KindOf(p) == K::kTypedDefaultParameter) {
        n = FieldOf(p, g_.name);
      } else if (KindOf(p) == K::kListSplatPattern || KindOf(p) == K::kDictionarySplatPattern) {
        n = FirstNamedChild(p);
      }
      if (KindOf(n) == K::kIdentifier) AddBinding(scope, Text(n), Candidate{});
    });
    return Context{scope, ctx.def, ctx.scope, ctx.def};
  }

  // "a.b.c" of a dotted_name, whatever blanks or comments the code puts
  // between its parts.
  std::string Dotted(TSNode node) const {
    if (KindOf(node) == K::kIdentifier) return std::string(Text(node));
    std::string out;
    ForEachChild(node, [&](TSNode c, TSFieldId) {
      if (KindOf(c) != K::kIdentifier) return;
      if (!out.empty()) out += '.';
      out += Text(c);
    });
    return out;
  }

  TSNode FirstIdentifier(TSNode node) const {
    if (KindOf(node) == K::kIdentifier) return node;
    TSNode out{};
    ForEachChild(node, [&](TSNode c, TSFieldId) {
      if (ts_node_is_null(out) && KindOf(c) == K::kIdentifier) out = c;
    });
    return out;
  }

  static Candidate ImportOf(std::string symbol) {
    Candidate c;
    c.kind = Candidate::Kind::kImport;
    c.symbol = std::move(symbol);
    return c;
  }

  void ImportStatement(TSNode node, const Context& ctx) {
    ForEachChild(node, [&](TSNode c, TSFieldId field) {
      if (field != g_.name) return;
      Import import;
      import.line = Line(node);
      if (KindOf(c) == K::kAliasedImport) {
        import.specifier = Dotted(FieldOf(c, g_.name));
        std::string_view alias = Text(FieldOf(c, g_.alias));
        if (import.specifier.empty() || alias.empty()) return;
        import.names.push_back({std::string(alias), ""});
        AddBinding(ctx.scope, alias, ImportOf(import.specifier));
      } else {
        import.specifier = Dotted(c);
        TSNode first = FirstIdentifier(c);
        if (import.specifier.empty() || ts_node_is_null(first)) return;
        import.names.push_back({std::string(Text(first)), ""});
        AddBinding(ctx.scope, Text(first), ImportOf(std::string(Text(first))));
      }
      facts_.imports.push_back(std::move(import));
    });
  }

  void ImportFrom(TSNode node, const Context& ctx) {
    Import import;
    import.line = Line(node);
    TSNode module = FieldOf(node, g_.module_name);
    if (KindOf(module) == K::kRelativeImport) {
      ForEachChild(module, [&](TSNode c, TSFieldId) {
        if (KindOf(c) == K::kImportPrefix) {
          std::string_view dots = Text(c);
          import.level = static_cast<uint32_t>(std::count(dots.begin(), dots.end(), '.'));
        } else if (KindOf(c) == K::kDottedName) {
          import.specifier = Dotted(c);
        }
      });
    } else {
      import.specifier = Dotted(module);
    }
    std::string prefix = std::string(import.level, '.') + import.specifier;
    if (!import.specifier.empty()) prefix += '.';
    ForEachChild(node, [&](TSNode c, TSFieldId field) {
      if (KindOf(c) == K::kWildcardImport) {
        import.names.push_back({"*", "*"});
        if (import.level == 0 && !import.specifier.empty()) stars_.push_back(import.specifier);
        return;
      }
      if (field != g_.name) return;
      std::string imported;
      std::string_view local;
      if (KindOf(c) == K::kAliasedImport) {
        imported = Dotted(FieldOf(c, g_.name));
        local = Text(FieldOf(c, g_.alias));
      } else {
        imported = Dotted(c);
        local = Text(FirstIdentifier(c));
      }
      if (imported.empty() || local.empty()) return;
      import.names.push_back({std::string(local), imported});
      AddBinding(ctx.scope, local, ImportOf(prefix + imported));
    });
    if (import.specifier.empty() && import.level == 0) return;
    facts_.imports.push_back(std::move(import));
  }

  // ---- Pass 2: call sites of the file's functions ------------------------

  const std::vector<Candidate>* BindingsIn(uint32_t scope, std::string_view name) const {
    auto it = bindings_.find(Key{Tag::kName, scope, 0, name});
    return it == bindings_.end() ? nullptr : &it->second;
  }

  // The scope whose binding of `name` a use in `scope` sees (Python's rules:
  // locals, enclosing functions, the module; a class body is seen only from
  // itself). kNoId when the name is bound nowhere (a builtin).
  uint32_t Resolve(uint32_t scope, std::string_view name) {
    Key key{Tag::kResolve, scope, 0, name};
    if (auto it = resolved_.find(key); it != resolved_.end()) return it->second;
    uint32_t found = kNoId;
    bool first = true;
    for (uint32_t s = scope; s != kNoId; s = scopes_[s].parent, first = false) {
      if (scopes_[s].kind == ScopeKind::kClass && !first) continue;
      if (declared_.count(Key{Tag::kGlobal, s, 0, name}) != 0) {
        if (BindingsIn(0, name) != nullptr) found = 0;
        break;
      }
      if (declared_.count(Key{Tag::kNonlocal, s, 0, name}) != 0) continue;
      if (BindingsIn(s, name) != nullptr) {
        found = s;
        break;
      }
    }
    resolved_.emplace(key, found);
    return found;
  }

  const Candidate* Single(uint32_t scope, std::string_view name) {
    uint32_t s = Resolve(scope, name);
    if (s == kNoId) return nullptr;
    const std::vector<Candidate>* c = BindingsIn(s, name);
    return c->size() == 1 ? &c->front() : nullptr;
  }

  // The def of method `name` in class `cls` or its bases in the file.
  uint32_t FindMethod(uint32_t cls, std::string_view name) const {
    std::vector<uint32_t> queue{cls};
    for (size_t i = 0; i < queue.size() && i < kMaxBaseClasses; ++i) {
      const Class& c = classes_[queue[i]];
      if (const std::vector<Candidate>* b = BindingsIn(c.scope, name)) {
        if (b->size() == 1 && b->front().kind == Candidate::Kind::kDef) return b->front().id;
        return kNoId;
      }
      queue.insert(queue.end(), c.bases.begin(), c.bases.end());
    }
    return kNoId;
  }

  // The class `obj` is an instance of when the file shows it plainly:
  // `x = C(...)` or `C(...)` itself.
  uint32_t InstanceClass(TSNode obj, uint32_t scope) {
    if (KindOf(obj) == K::kIdentifier) {
      const Candidate* c = Single(scope, Text(obj));
      if (c == nullptr || c->kind != Candidate::Kind::kValue) return kNoId;
      obj = c->node;
      scope = c->id;
    }
    if (KindOf(obj) != K::kCall) return kNoId;
    TSNode fn = FieldOf(obj, g_.function);
    if (KindOf(fn) != K::kIdentifier) return kNoId;
    const Candidate* c = Single(scope, Text(fn));
    return c != nullptr && c->kind == Candidate::Kind::kClass ? c->id : kNoId;
  }

  void IndexCalls() {
    for (PendingItem& item : pending_items_) {
      uint32_t s = Resolve(item.scope, item.name);
      if (s == kNoId) continue;
      items_[ItemKey(s, item.name, item.key)].push_back(std::move(item.value));
    }
    for (Class& c : classes_) {
      ForEachChild(c.superclasses, [&](TSNode b, TSFieldId) {
        if (KindOf(b) != K::kIdentifier) return;
        const Candidate* cand = Single(c.outer, Text(b));
        if (cand != nullptr && cand->kind == Candidate::Kind::kClass) c.bases.push_back(cand->id);
      });
    }
    for (const CallRecord& r : calls_) {
      TSNode fn = FieldOf(r.node, g_.function);
      uint32_t def = kNoId, offset = 0;
      if (KindOf(fn) == K::kIdentifier) {
        const Candidate* c = Single(r.scope, Text(fn));
        if (c != nullptr && c->kind == Candidate::Kind::kDef) {
          def = c->id;
        } else if (c != nullptr && c->kind == Candidate::Kind::kClass) {
          def = FindMethod(c->id, "__init__");
          offset = 1;
        }
      } else if (KindOf(fn) == K::kAttribute) {
        TSNode obj = FieldOf(fn, g_.object);
        std::string_view method = Text(FieldOf(fn, g_.attribute));
        const Candidate* c = KindOf(obj) == K::kIdentifier ? Single(r.scope, Text(obj)) : nullptr;
        if (c != nullptr &&
            (c->kind == Candidate::Kind::kSelf || c->kind == Candidate::Kind::kClsRef ||
             c->kind == Candidate::Kind::kClass)) {
          def = FindMethod(c->id, method);
          if (def != kNoId) {
            offset = c->kind == Candidate::Kind::kClass ? (defs_[def].is_classmethod ? 1 : 0)
                                                        : (defs_[def].is_static ? 0 : 1);
          }
        } else if (uint32_t cls = InstanceClass(obj, r.scope); cls != kNoId) {
          def = FindMethod(cls, method);
          if (def != kNoId) offset = defs_[def].is_static ? 0 : 1;
        }
      }
      if (def != kNoId) defs_[def].sites.push_back(CallSite{r.node, r.scope, offset});
    }
  }

  static std::string ItemKey(uint32_t scope, std::string_view name, std::string_view key) {
    std::string out = std::to_string(scope);
    out += '\0';
    out += name;
    out += '\0';
    out += key;
    return out;
  }

  // ---- Pass 3: values ----------------------------------------------------

  bool Step() { return ++steps_ <= budget_; }

  // Memoises compute() under `key`; a key met again while it is computed is
  // a cycle, which gives kPending (ignored by Join). Values computed under a
  // cycle still open are not kept: they may miss what the cycle adds.
  template <typename F>
  Value Memoized(const Key& key, F&& compute) {
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (auto it = active_.find(key); it != active_.end()) {
      low_ = std::min(low_, it->second);
      return Value::Of(Value::Kind::kPending);
    }
    auto position = static_cast<uint32_t>(active_.size());
    active_.emplace(key, position);
    Value v = compute();
    active_.erase(key);
    if (low_ >= position) {
      if (low_ == position) low_ = kNoId;
      if (v.kind == Value::Kind::kPending) v = Value{};
      memo_.emplace(key, v);
    }
    return v;
  }

  bool StringLiteral(TSNode node, std::string* out) const {
    return python::StringLiteral(tree_, node, out);
  }

  Value Eval(TSNode n, uint32_t scope, int depth) {
    using VK = Value::Kind;
    if (ts_node_is_null(n) || depth > kMaxEvalDepth || !Step()) return {};
    switch (KindOf(n)) {
      case K::kIdentifier:
        return EvalName(scope, Text(n), depth + 1);
      case K::kNone:
        return Value::Of(VK::kNone);
      case K::kString:
      case K::kConcatenatedString: {
        std::string s;
        if (!StringLiteral(n, &s)) return {};
        return Value::Text(VK::kLiteral, std::move(s));
      }
      case K::kParenthesized:
      case K::kAwait:
        return Eval(FirstNamedChild(n), scope, depth + 1);
      case K::kNamedExpression:
        return Eval(FieldOf(n, g_.value), scope, depth + 1);
      case K::kAttribute:
        return Attribute(Eval(FieldOf(n, g_.object), scope, depth + 1),
                         Text(FieldOf(n, g_.attribute)), depth + 1);
      case K::kSubscript:
        return Subscript(n, scope, depth + 1);
      case K::kCall:
        return Memoized(Key{Tag::kCall, ts_node_start_byte(n), ts_node_end_byte(n), {}},
                        [&] { return Apply(n, scope, depth + 1, false); });
      case K::kConditional: {
        std::vector<TSNode> parts = NamedChildren(n);
        if (parts.size() != 3) return {};
        Value acc = Value::Of(VK::kPending);
        if (Join(&acc, Eval(parts[0], scope, depth + 1))) {
          Join(&acc, Eval(parts[2], scope, depth + 1));
        }
        return acc;
      }
      case K::kBooleanOperator: {
        if (Text(FieldOf(n, g_.op)) != "or") return {};
        Value left = Eval(FieldOf(n, g_.left), scope, depth + 1);
        // `os.environ.get('T') or 'orders'`: the variable names the resource.
        if (left.kind == VK::kEnvVar) return left;
        Value acc = Value::Of(VK::kPending);
        if (Join(&acc, std::move(left))) Join(&acc, Eval(FieldOf(n, g_.right), scope, depth + 1));
        return acc;
      }
      case K::kDictionary: {
        Value v = Value::Index(VK::kDict, scope);
        v.node = n;
        return v;
      }
      default:
        return {};
    }
  }

  Value EvalName(uint32_t scope, std::string_view name, int depth) {
    uint32_t s = Resolve(scope, name);
    if (s == kNoId) {
      if (name == "getattr" || name == "__import__") {
        return Value::Text(Value::Kind::kSymbol, "builtins." + std::string(name));
      }
      // `from boto3 import *`: an unbound name may be the module's.
      if (stars_.size() == 1 && !IsBuiltin(name)) {
        return Value::Text(Value::Kind::kSymbol, stars_[0] + "." + std::string(name));
      }
      return {};
    }
    return Memoized(Key{Tag::kName, s, 0, name},
                    [&] { return JoinCandidates(*BindingsIn(s, name), depth, false); });
  }

  Value JoinCandidates(const std::vector<Candidate>& candidates, int depth, bool attribute) {
    Value acc = Value::Of(Value::Kind::kPending);
    for (const Candidate& c : candidates) {
      if (!Step() || !Join(&acc, EvalCandidate(c, depth, attribute))) return {};
    }
    return acc;
  }

  Value EvalCandidate(const Candidate& c, int depth, bool attribute) {
    using VK = Value::Kind;
    switch (c.kind) {
      case Candidate::Kind::kValue:
        return Eval(c.node, c.id, depth + 1);
      case Candidate::Kind::kUnknown:
        return {};
      case Candidate::Kind::kImport:
        return Value::Text(VK::kSymbol, c.symbol);
      case Candidate::Kind::kDef:
        // A property read through an instance is what its getter returns.
        if (attribute && defs_[c.id].is_property) return Returned(c.id, depth + 1);
        return Value::Index(VK::kFunction, c.id);
      case Candidate::Kind::kClass:
        return Value::Index(VK::kClass, c.id);
      case Candidate::Kind::kParam:
        return Parameter(c.id, c.slot, depth + 1);
      case Candidate::Kind::kSelf:
        return Value::Index(VK::kInstance, c.id);
      case Candidate::Kind::kClsRef:
        return Value::Index(VK::kClass, c.id);
    }
    return {};
  }

  Args ParseArgs(TSNode list) {
    Args a;
    if (KindOf(list) == K::kGeneratorExpression) {
      a.positional.push_back(list);
      return a;
    }
    ForEachChild(list, [&](TSNode c, TSFieldId) {
      ++steps_;
      if (!ts_node_is_named(c)) return;
      switch (KindOf(c)) {
        case K::kComment:
          break;
        case K::kKeywordArgument:
          a.keywords.emplace_back(Text(FieldOf(c, g_.name)), FieldOf(c, g_.value));
          break;
        case K::kListSplat:
        case K::kParenthesizedListSplat:
          a.list_splat = true;
          break;
        case K::kDictionarySplat:
          a.dict_splat = true;
          break;
        default:
          a.positional.push_back(c);
          break;
      }
    });
    return a;
  }

  // What a parameter receives from the call sites of its def.
  Value Parameter(uint32_t def, uint32_t slot, int depth) {
    return Memoized(Key{Tag::kParam, def, slot, {}}, [&]() -> Value {
      const Def& d = defs_[def];
      const Param& p = d.params[slot];
      if (d.sites.empty()) {
        return ts_node_is_null(p.default_value) ? Value{}
                                                : Eval(p.default_value, d.outer, depth + 1);
      }
      Value acc = Value::Of(Value::Kind::kPending);
      for (const CallSite& site : d.sites) {
        if (!Step()) return {};
        Args a = ParseArgs(FieldOf(site.call, g_.arguments));
        TSNode arg{};
        uint32_t arg_scope = site.scope;
        if (p.position >= 0 && static_cast<uint32_t>(p.position) >= site.offset &&
            p.position - site.offset < a.positional.size()) {
          if (a.list_splat) return {};
          arg = a.positional[p.position - site.offset];
        }
        if (ts_node_is_null(arg)) arg = a.Keyword(p.name);
        if (ts_node_is_null(arg)) {
          if (a.list_splat || a.dict_splat) return {};
          arg = p.default_value;
          arg_scope = d.outer;
        }
        if (ts_node_is_null(arg) || !Join(&acc, Eval(arg, arg_scope, depth + 1))) return {};
      }
      return acc;
    });
  }

  // What a def returns (a factory of clients); unknown for generators.
  Value Returned(uint32_t def, int depth) {
    return Memoized(Key{Tag::kReturn, def, 0, {}}, [&]() -> Value {
      const Def& d = defs_[def];
      if (d.has_yield) return {};
      Value acc = Value::Of(Value::Kind::kNone);
      for (TSNode r : d.returns) {
        Value v = ts_node_is_null(r) ? Value::Of(Value::Kind::kNone) : Eval(r, d.scope, depth + 1);
        if (!Join(&acc, std::move(v))) return {};
      }
      return acc;
    });
  }

  // An attribute of a class or of its instances, in the class or its bases.
  Value ClassAttribute(uint32_t cls, std::string_view attr, bool instance, int depth) {
    Tag tag = instance ? Tag::kInstanceAttr : Tag::kClassAttr;
    return Memoized(Key{tag, cls, 0, attr}, [&]() -> Value {
      std::vector<uint32_t> queue{cls};
      for (size_t i = 0; i < queue.size() && i < kMaxBaseClasses; ++i) {
        const Class& c = classes_[queue[i]];
        std::vector<Candidate> candidates;
        if (const std::vector<Candidate>* b = BindingsIn(c.scope, attr)) candidates = *b;
        if (instance) {
          auto it = attrs_.find(Key{Tag::kAttr, queue[i], 0, attr});
          if (it != attrs_.end()) {
            candidates.insert(candidates.end(), it->second.begin(), it->second.end());
          }
        }
        if (!candidates.empty()) return JoinCandidates(candidates, depth, instance);
        queue.insert(queue.end(), c.bases.begin(), c.bases.end());
      }
      return {};
    });
  }

  Value Attribute(const Value& obj, std::string_view attr, int depth) {
    using VK = Value::Kind;
    if (attr.empty()) return {};
    auto member = [&](VK base, std::string text) {
      Value v = Value::Text(VK::kMember, std::move(text));
      v.base = base;
      v.service = obj.service;
      v.member = std::string(attr);
      v.args = obj.args;
      return v;
    };
    switch (obj.kind) {
      case VK::kSymbol:
        return Value::Text(VK::kSymbol, obj.text + "." + std::string(attr));
      case VK::kSession:
        if (attr == "client" || attr == "resource") return member(VK::kSession, {});
        return {};
      case VK::kClient:
        return member(VK::kClient, {});
      case VK::kResource: {
        if (attr != "meta") return member(VK::kResource, obj.text);
        Value v = Value::Of(VK::kMeta);
        v.service = obj.service;
        return v;
      }
      case VK::kMeta: {
        if (attr != "client") return {};
        Value v = Value::Of(VK::kClient);
        v.service = obj.service;
        return v;
      }
      case VK::kMember:
        // `bucket.objects` then `.all`: a collection's method.
        if (obj.base == VK::kResource && !obj.member.empty() && obj.member[0] >= 'a' &&
            obj.member[0] <= 'z') {
          Value v = member(VK::kCollection, obj.text + "." + obj.member);
          return v;
        }
        return {};
      case VK::kCollection:
        return member(VK::kCollection, obj.text);
      case VK::kInstance:
        return ClassAttribute(obj.index, attr, true, depth + 1);
      case VK::kClass:
        return ClassAttribute(obj.index, attr, false, depth + 1);
      case VK::kDict:
        if (attr == "get") {
          Value v = member(VK::kDict, {});
          v.node = obj.node;
          v.index = obj.index;
          return v;
        }
        return {};
      default:
        return {};
    }
  }

  // The value of key `key` in a dict literal (indexed once per dict).
  Value DictItem(TSNode dict, uint32_t scope, const std::string& key, int depth) {
    auto [it, added] = dict_index_.try_emplace(ts_node_start_byte(dict));
    std::unordered_map<std::string, TSNode>& index = it->second;
    if (added) {
      ForEachChild(dict, [&](TSNode pair, TSFieldId) {
        ++steps_;
        std::string k;
        if (KindOf(pair) == K::kPair && StringLiteral(FieldOf(pair, g_.key), &k)) {
          index.try_emplace(std::move(k), FieldOf(pair, g_.value));
        }
      });
    }
    auto found = index.find(key);
    if (found == index.end()) return Value::Of(Value::Kind::kPending);
    return Eval(found->second, scope, depth + 1);
  }

  Value Subscript(TSNode n, uint32_t scope, int depth) {
    using VK = Value::Kind;
    TSNode object = FieldOf(n, g_.value);
    std::string key;
    if (!StringLiteral(FieldOf(n, g_.subscript), &key)) return {};
    Value base = Eval(object, scope, depth + 1);
    if (base.kind == VK::kSymbol && base.text == "os.environ") {
      return Value::Text(VK::kEnvVar, std::move(key));
    }
    Value acc = Value::Of(VK::kPending);
    if (KindOf(object) == K::kIdentifier) {
      uint32_t s = Resolve(scope, Text(object));
      auto it = s == kNoId ? items_.end() : items_.find(ItemKey(s, Text(object), key));
      if (it != items_.end() && !Join(&acc, JoinCandidates(it->second, depth + 1, false))) {
        return {};
      }
    }
    if (base.kind == VK::kDict) Join(&acc, DictItem(base.node, base.index, key, depth + 1));
    return acc.kind == VK::kPending ? Value{} : acc;
  }

  // ---- Calls -------------------------------------------------------------

  ArgValue ArgOf(TSNode node, uint32_t scope, int depth) {
    Value v = Eval(node, scope, depth + 1);
    ArgValue a;
    if (v.kind == Value::Kind::kLiteral) {
      a.kind = ArgValue::Kind::kLiteral;
      a.text = std::move(v.text);
    } else if (v.kind == Value::Kind::kEnvVar) {
      a.kind = ArgValue::Kind::kEnvVar;
      a.text = std::move(v.text);
    }
    return a;
  }

  void EmitDynamic(Sdk sdk, std::string service, TSNode call) {
    facts_.dynamic.push_back(DynamicUse{sdk, std::move(service), Line(call)});
  }

  // boto3.client(...), session.resource(...): the object, or a dynamic use
  // when the service is not a literal.
  Value SdkObject(bool resource, const Args& a, TSNode call, uint32_t scope, int depth, bool emit) {
    TSNode service = a.positional.empty() ? a.Keyword("service_name") : a.positional[0];
    Value s = Eval(service, scope, depth + 1);
    Value v = Value::Of(resource ? Value::Kind::kResource : Value::Kind::kClient);
    if (resource) v.text = "ServiceResource";
    if (s.kind == Value::Kind::kLiteral && !s.text.empty()) {
      v.service = std::move(s.text);
    } else if (emit) {
      EmitDynamic(resource ? Sdk::kBoto3Resource : Sdk::kBoto3Client, "", call);
    }
    return v;
  }

  void EmitCall(Sdk sdk, const Value& f, std::string operation, const Args& a, uint32_t scope,
                int depth) {
    SdkCall call;
    call.sdk = sdk;
    call.service = f.service;
    call.operation = std::move(operation);
    call.line = Line(current_->node);
    call.col = Column(current_->node);
    if (current_->def != kNoId && defs_[current_->def].fact != kNoId) {
      call.in_function = facts_.functions[defs_[current_->def].fact].name;
    }
    call.args = f.args;
    for (const auto& [name, value] : a.keywords) {
      if (IsResourceArg(name, f.service)) {
        call.args.push_back({std::string(name), ArgOf(value, scope, depth)});
      } else if (name == "Statement") {
        Value s = Eval(value, scope, depth + 1);
        if (s.kind == Value::Kind::kLiteral) call.statement = std::move(s.text);
      } else if (name == "Entries" && KindOf(value) == K::kList) {
        // put_events(Entries=[{'EventBusName': ...}, ...])
        for (TSNode entry : NamedChildren(value)) {
          if (KindOf(entry) != K::kDictionary) continue;
          ForEachChild(entry, [&](TSNode pair, TSFieldId) {
            std::string k;
            if (KindOf(pair) == K::kPair && StringLiteral(FieldOf(pair, g_.key), &k) &&
                k == "EventBusName") {
              call.args.push_back({k, ArgOf(FieldOf(pair, g_.value), scope, depth)});
            }
          });
        }
      }
    }
    std::vector<std::string_view> positional = PositionalArgs(
        sdk == Sdk::kBoto3Client ? std::string_view() : std::string_view(f.text), f.member);
    for (size_t i = 0; i < positional.size() && i < a.positional.size(); ++i) {
      if (!positional[i].empty()) {
        call.args.push_back({std::string(positional[i]), ArgOf(a.positional[i], scope, depth)});
      }
    }
    flow_.sdk_calls.emplace(python::CallKey(current_->node),
                            static_cast<uint32_t>(facts_.calls.size()));
    facts_.calls.push_back(std::move(call));
  }

  // `table = dynamodb.Table('orders')`: the sub-resource and its identifiers.
  Value SubResource(const Value& f, const Args& a, uint32_t scope, int depth) {
    Value r = Value::Text(Value::Kind::kResource, f.member);
    r.service = f.service;
    r.args = f.args;
    for (const ResourceClass& rc : ResourceClasses()) {
      if (rc.name != f.member) continue;
      std::vector<std::string_view> slots;
      for (std::string_view id : rc.identifiers) {
        bool given = std::any_of(r.args.begin(), r.args.end(),
                                 [&](const SdkCall::Arg& arg) { return arg.name == id; });
        if (!given) slots.push_back(id);
      }
      for (size_t i = 0; i < slots.size() && i < a.positional.size(); ++i) {
        r.args.push_back({std::string(slots[i]), ArgOf(a.positional[i], scope, depth)});
      }
      for (const auto& [name, value] : a.keywords) {
        std::string_view id = ConstructorKeyword(name, rc.identifiers);
        if (!id.empty()) r.args.push_back({std::string(id), ArgOf(value, scope, depth)});
      }
    }
    return r;
  }

  Value ApplyMember(const Value& f, const Args& a, TSNode call, uint32_t scope, int depth,
                    bool emit) {
    using VK = Value::Kind;
    switch (f.base) {
      case VK::kSession:
        return SdkObject(f.member == "resource", a, call, scope, depth, emit);
      case VK::kDict: {
        std::string key;
        if (a.positional.empty() || !StringLiteral(a.positional[0], &key)) return {};
        Value v = DictItem(f.node, f.index, key, depth + 1);
        return v.kind == VK::kPending ? Value{} : v;
      }
      case VK::kClient: {
        if (f.service.empty()) return {};
        std::string op = f.member;
        if (op == "get_paginator" || op == "get_waiter") {
          TSNode name = a.positional.empty()
                            ? a.Keyword(op == "get_waiter" ? "waiter_name" : "operation_name")
                            : a.positional[0];
          Value n = Eval(name, scope, depth + 1);
          if (n.kind != VK::kLiteral) {
            if (emit) EmitDynamic(Sdk::kBoto3Client, f.service, call);
            return {};
          }
          op += ":" + n.text;
        }
        if (emit) EmitCall(Sdk::kBoto3Client, f, std::move(op), a, scope, depth);
        return {};
      }
      case VK::kResource: {
        if (f.service.empty() || f.member.empty()) return {};
        if (f.member[0] >= 'A' && f.member[0] <= 'Z') return SubResource(f, a, scope, depth);
        if (emit) EmitCall(Sdk::kBoto3Resource, f, f.text + "." + f.member, a, scope, depth);
        if (f.text != "ServiceResource") return {};
        // The service resource's actions that return a resource.
        std::string_view cls;
        if (f.member == "get_queue_by_name" || f.member == "create_queue") cls = "Queue";
        if (f.member == "create_table") cls = "Table";
        if (f.member == "create_bucket") cls = "Bucket";
        if (f.member == "create_topic") cls = "Topic";
        if (cls.empty()) return {};
        Value r = Value::Text(VK::kResource, std::string(cls));
        r.service = f.service;
        for (const auto& [name, value] : a.keywords) {
          if (IsResourceArg(name, f.service)) {
            r.args.push_back({std::string(name), ArgOf(value, scope, depth)});
          }
        }
        return r;
      }
      case VK::kCollection: {
        // A data attribute (`table.name.upper()`) is no collection.
        if (f.service.empty() || !IsCollectionMethod(f.member)) return {};
        if (emit) EmitCall(Sdk::kBoto3Resource, f, f.text + "." + f.member, a, scope, depth);
        if (f.member != "all" && f.member != "filter" && f.member != "limit" &&
            f.member != "page_size") {
          return {};
        }
        Value c = Value::Text(VK::kCollection, f.text);
        c.service = f.service;
        c.args = f.args;
        return c;
      }
      default:
        return {};
    }
  }

  void RecordImportCall(const Args& a, TSNode call, uint32_t scope, int depth) {
    TSNode name = a.positional.empty() ? a.Keyword("name") : a.positional[0];
    Value v = Eval(name, scope, depth + 1);
    Import import;
    import.line = Line(call);
    if (v.kind == Value::Kind::kLiteral) {
      size_t dots = v.text.find_first_not_of('.');
      if (dots == std::string::npos) dots = v.text.size();
      import.level = static_cast<uint32_t>(dots);
      import.specifier = v.text.substr(dots);
    } else {
      import.dynamic = true;
    }
    facts_.imports.push_back(std::move(import));
  }

  bool IsSdkObject(const Value& v, Sdk* sdk) const {
    using VK = Value::Kind;
    VK k = v.kind == VK::kMember ? v.base : v.kind;
    if (k == VK::kClient || k == VK::kMeta) {
      *sdk = Sdk::kBoto3Client;
      return true;
    }
    if (k == VK::kResource || k == VK::kCollection) {
      *sdk = Sdk::kBoto3Resource;
      return true;
    }
    return false;
  }

  // The value of a call; with `emit`, also what the call says (SDK calls,
  // dynamic uses, imports): only for the call being interpreted, never for
  // the calls its evaluation passes through.
  Value Apply(TSNode call, uint32_t scope, int depth, bool emit) {
    using VK = Value::Kind;
    if (depth > kMaxEvalDepth || !Step()) return {};
    Value f = Eval(FieldOf(call, g_.function), scope, depth + 1);
    switch (f.kind) {
      case VK::kSymbol: {
        const std::string& path = f.text;
        if (path == "boto3.client" || path == "boto3.resource") {
          return SdkObject(path == "boto3.resource", ParseArgs(FieldOf(call, g_.arguments)), call,
                           scope, depth, emit);
        }
        if (path == "boto3.Session" || path == "boto3.session.Session") {
          return Value::Of(VK::kSession);
        }
        if (path == "os.getenv" || path == "os.environ.get") {
          Args a = ParseArgs(FieldOf(call, g_.arguments));
          std::string name;
          if (a.positional.empty() || !StringLiteral(a.positional[0], &name)) return {};
          return Value::Text(VK::kEnvVar, std::move(name));
        }
        if (path == "importlib.import_module" || path == "builtins.__import__") {
          if (emit) RecordImportCall(ParseArgs(FieldOf(call, g_.arguments)), call, scope, depth);
          return {};
        }
        if (path == "builtins.getattr") {
          Args a = ParseArgs(FieldOf(call, g_.arguments));
          if (a.positional.size() < 2) return {};
          Value obj = Eval(a.positional[0], scope, depth + 1);
          Value name = Eval(a.positional[1], scope, depth + 1);
          if (name.kind == VK::kLiteral) return Attribute(obj, name.text, depth + 1);
          Sdk sdk{};
          if (emit && IsSdkObject(obj, &sdk) && !obj.service.empty()) {
            EmitDynamic(sdk, obj.service, call);
          }
          return {};
        }
        return {};
      }
      case VK::kMember:
        return ApplyMember(f, ParseArgs(FieldOf(call, g_.arguments)), call, scope, depth, emit);
      case VK::kFunction:
        return Returned(f.index, depth + 1);
      case VK::kClass:
        return Value::Index(VK::kInstance, f.index);
      default:
        return {};
    }
  }

  // ---- Callees -----------------------------------------------------------

  std::string DefName(uint32_t def) const {
    if (def == kNoId || defs_[def].fact == kNoId) return {};
    return facts_.functions[defs_[def].fact].name;
  }

  static bool AllImports(const std::vector<Candidate>& candidates) {
    return std::all_of(candidates.begin(), candidates.end(),
                       [](const Candidate& c) { return c.kind == Candidate::Kind::kImport; });
  }

  // The callee as written: a function of the file by the name it defines
  // ("save", "outer.inner", "Class.load" for `self.load`), or a dotted name
  // whose head is imported ("db.put").
  std::string CalleeName(const CallRecord& r) {
    TSNode fn = FieldOf(r.node, g_.function);
    std::vector<std::string_view> parts;
    while (KindOf(fn) == K::kAttribute && parts.size() < kMaxCalleeParts) {
      parts.push_back(Text(FieldOf(fn, g_.attribute)));
      fn = FieldOf(fn, g_.object);
    }
    if (KindOf(fn) != K::kIdentifier || parts.size() >= kMaxCalleeParts) return {};
    std::reverse(parts.begin(), parts.end());
    std::string_view head = Text(fn);
    auto dotted = [&] {
      std::string out(head);
      for (std::string_view p : parts) {
        out += '.';
        out += p;
      }
      return out;
    };
    uint32_t s = Resolve(r.scope, head);
    if (s == kNoId) return !stars_.empty() && !IsBuiltin(head) ? dotted() : std::string();
    const std::vector<Candidate>& candidates = *BindingsIn(s, head);
    if (AllImports(candidates)) return dotted();
    if (candidates.size() != 1 || parts.size() > 1) return {};
    const Candidate& c = candidates.front();
    if (parts.empty()) {
      if (c.kind == Candidate::Kind::kDef) return DefName(c.id);
      if (c.kind == Candidate::Kind::kClass) {
        uint32_t init = FindMethod(c.id, "__init__");
        return init != kNoId ? DefName(init) : classes_[c.id].qualname;
      }
      return {};
    }
    uint32_t cls = kNoId;
    if (c.kind == Candidate::Kind::kSelf || c.kind == Candidate::Kind::kClsRef ||
        c.kind == Candidate::Kind::kClass) {
      cls = c.id;
    } else if (c.kind == Candidate::Kind::kValue) {
      Value v = EvalName(r.scope, head, 0);
      if (v.kind == Value::Kind::kInstance) cls = v.index;
    }
    return cls == kNoId ? std::string() : DefName(FindMethod(cls, parts[0]));
  }

  // Whether `object` names a dict the code changes after it is made: items
  // set or deleted (pass 1), or a method that changes it called on it.
  bool Written(TSNode object) {
    if (KindOf(object) != K::kIdentifier) return false;
    if (!written_calls_seen_) {
      written_calls_seen_ = true;
      for (const CallRecord& r : calls_) {
        TSNode f = FieldOf(r.node, g_.function);
        if (KindOf(f) != K::kAttribute) continue;
        std::string_view method = Text(FieldOf(f, g_.attribute));
        if (method == "update" || method == "pop" || method == "popitem" ||
            method == "setdefault" || method == "clear" || method == "__setitem__" ||
            method == "__delitem__") {
          NoteWrittenTable(FieldOf(f, g_.object));
        }
      }
    }
    return written_tables_.count(Text(object)) != 0;
  }

  // The functions a dispatch table's entries name, when `fn` (the callee
  // expression of a call, or the value a name bound to one) reads a dict
  // literal of this file: `ROUTES[key]` with a key not known (every entry
  // that is a function), `ROUTES["create"]` (that entry), `ROUTES.get(key)`
  // and `ROUTES.get(key, fallback)`. A name bound once to such an
  // expression (`fn = ROUTES[key]`) is followed, `depth` times at most.
  // Empty when `fn` is none of these.
  std::vector<uint32_t> DispatchDefs(TSNode fn, uint32_t scope, int depth) {
    std::vector<uint32_t> out;
    if (depth > kMaxDispatchDepth || !Step()) return out;
    auto add_def = [](std::vector<uint32_t>* to, uint32_t def) {
      if (to->size() < kMaxDispatchTargets && std::find(to->begin(), to->end(), def) == to->end()) {
        to->push_back(def);
      }
    };
    auto add = [&](TSNode value, uint32_t value_scope, std::vector<uint32_t>* to) {
      if (to->size() >= kMaxDispatchTargets) return;
      Value v = Eval(value, value_scope, 0);
      if (v.kind == Value::Kind::kFunction) add_def(to, v.index);
    };
    // The functions of a table, found once per table: a file that calls
    // through one table from many places reads its entries once.
    auto every_entry = [&](const Value& table) {
      auto inserted = table_defs_.try_emplace(ts_node_start_byte(table.node));
      std::vector<uint32_t>& defs = inserted.first->second;
      if (inserted.second) {
        ForEachChild(table.node, [&](TSNode pair, TSFieldId) {
          ++steps_;
          if (KindOf(pair) == K::kPair) add(FieldOf(pair, g_.value), table.index, &defs);
        });
      }
      for (uint32_t def : defs) add_def(&out, def);
    };
    switch (KindOf(fn)) {
      case K::kSubscript: {
        if (Written(FieldOf(fn, g_.value))) return out;
        Value table = Eval(FieldOf(fn, g_.value), scope, 0);
        if (table.kind != Value::Kind::kDict) return out;
        std::string key;
        if (StringLiteral(FieldOf(fn, g_.subscript), &key)) {
          add(fn, scope, &out);
        } else {
          every_entry(table);
        }
        return out;
      }
      case K::kCall: {
        TSNode get = FieldOf(fn, g_.function);
        if (KindOf(get) != K::kAttribute || Text(FieldOf(get, g_.attribute)) != "get") return out;
        if (Written(FieldOf(get, g_.object))) return out;
        Value table = Eval(FieldOf(get, g_.object), scope, 0);
        if (table.kind != Value::Kind::kDict) return out;
        Args a = ParseArgs(FieldOf(fn, g_.arguments));
        std::string key;
        if (!a.positional.empty() && StringLiteral(a.positional[0], &key)) {
          add(fn, scope, &out);
        } else {
          every_entry(table);
        }
        if (a.positional.size() > 1) add(a.positional[1], scope, &out);
        return out;
      }
      case K::kIdentifier: {
        uint32_t s = Resolve(scope, Text(fn));
        if (s == kNoId) return out;
        const std::vector<Candidate>& candidates = *BindingsIn(s, Text(fn));
        if (candidates.size() != 1 || candidates[0].kind != Candidate::Kind::kValue) return out;
        return DispatchDefs(candidates[0].node, candidates[0].id, depth + 1);
      }
      case K::kParenthesized:
        return DispatchDefs(FirstNamedChild(fn), scope, depth + 1);
      default:
        return out;
    }
  }

  void AddCallee(const CallRecord& r) {
    std::vector<std::string>& callees = facts_.functions[defs_[r.def].fact].callees;
    auto list = [&](std::string name) {
      if (seen_callees_.insert(std::to_string(r.def) + '\0' + name).second) {
        callees.push_back(std::move(name));
      }
    };
    std::string name = CalleeName(r);
    if (!name.empty()) {
      flow_.callees.emplace(python::CallKey(r.node), name);
      list(std::move(name));
      return;
    }
    std::vector<std::string> targets;
    for (uint32_t def : DispatchDefs(FieldOf(r.node, g_.function), r.scope, 0)) {
      std::string target = DefName(def);
      if (!target.empty()) targets.push_back(std::move(target));
    }
    if (targets.empty()) return;
    for (const std::string& target : targets) list(target);
    flow_.dispatch.emplace(python::CallKey(r.node), std::move(targets));
  }

  struct Decorators {
    bool is_static = false, is_classmethod = false, is_property = false, is_accessor = false;
  };

  const Tree& tree_;
  const Grammar& g_;
  FileFacts facts_;
  python::FlowInput flow_;
  std::vector<Scope> scopes_;
  std::vector<Def> defs_;
  std::vector<Class> classes_;
  std::vector<CallRecord> calls_;
  std::vector<std::string> stars_;
  std::vector<PendingItem> pending_items_;
  std::unordered_map<Key, std::vector<Candidate>, KeyHash> bindings_;
  std::unordered_map<Key, std::vector<Candidate>, KeyHash> attrs_;
  std::unordered_map<std::string, std::vector<Candidate>> items_;
  std::unordered_set<Key, KeyHash> declared_;
  std::unordered_map<Key, uint32_t, KeyHash> resolved_;
  std::unordered_map<Key, Value, KeyHash> memo_;
  std::unordered_map<Key, uint32_t, KeyHash> active_;
  std::unordered_map<uint32_t, std::unordered_map<std::string, TSNode>> dict_index_;
  std::unordered_set<std::string> seen_callees_;
  // By dict literal (start byte): the functions its entries hold (DispatchDefs).
  std::unordered_map<uint32_t, std::vector<uint32_t>> table_defs_;
  // Names of dicts the code changes (Written), by name whatever the scope.
  std::unordered_set<std::string_view> written_tables_;
  bool written_calls_seen_ = false;
  TSNode decorated_{};
  Decorators decorators_;
  const CallRecord* current_ = nullptr;
  uint32_t low_ = kNoId;
  uint64_t nodes_ = 0;
  uint64_t steps_ = 0;
  uint64_t budget_ = 0;
};

}  // namespace

FileFacts ExtractPython(const Tree& tree) {
  if (!tree.ok()) {
    FileFacts facts;
    facts.language = Language::kPython;
    return facts;
  }
  return Extractor(tree).Run();
}

}  // namespace fnwarden::load::code
