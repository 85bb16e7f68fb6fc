// Taint summaries and weaknesses of a JavaScript, TypeScript or TSX file
// (js_internal.h, facts.h). Each def's function is walked once, in source
// order, by a recursive descent capped at kMaxDepth: statements update a
// table of what each local name carries (assignments overwrite), and each
// expression gives the labels of its value. The anonymous functions a def
// holds (callbacks) are walked as part of it; the functions that are defs
// of their own are skipped there and walked on their own. What lies outside
// every def (module code, class fields) is walked once more, for
// weaknesses only. So every node is visited at most once.
//
// Best effort, within the one function: names are not scoped (a callback's
// parameter shadows the name for the rest of the walk), a field assigned on
// an object taints the whole object, and the returns of callbacks are not
// the function's.
#include <tree_sitter/api.h>

#include <algorithm>
#include <cctype>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "load/code/facts.h"
#include "load/code/js_internal.h"
#include "load/code/secret_names.h"
#include "util/strings.h"
#include "load/code/syntax.h"

namespace fnwarden::load::code::js {
namespace {

using model::CodeWeakness;
using model::TaintSink;
using Labels = std::vector<TaintLabel>;

constexpr int kMaxDepth = 200;          // nesting walked; deeper code is skipped
constexpr size_t kMaxLabels = 8;        // labels of one value
constexpr int kMaxSegments = 8;         // path segments of one label
constexpr size_t kMaxLocalCalls = 256;  // per function
constexpr size_t kMaxWeaknesses = 256;  // per kind, per file
constexpr int kScanBudget = 64;         // nodes a syntactic scan (markup, `.stack`) reads

// The node types the walk tells apart; everything else is kOther.
enum class N : uint8_t {
  kOther,
  kComment,
  kProgram,
  kFunctionDecl,
  kFunctionExpr,
  kArrow,
  kMethod,
  kClass,
  kDeclaration,  // lexical_declaration, variable_declaration
  kDeclarator,
  kExpressionStatement,
  kBlock,
  kReturn,
  kIf,
  kForIn,
  kCatch,
  kAssign,
  kAugmented,
  kCall,
  kNew,
  kMember,
  kSubscript,
  kIdentifier,
  kThis,
  kString,
  kTemplate,
  kSubstitution,
  kStringFragment,
  kEscape,
  kNumber,
  kLiteral,  // true, false, null, undefined, regex
  kBinary,
  kUnary,
  kUpdate,
  kTernary,
  kWrapper,  // parentheses, await, as/satisfies/non-null, <T>x
  kObject,
  kArray,
  kPair,
  kShorthandProp,
  kSpread,
  kObjectPattern,
  kArrayPattern,
  kPairPattern,
  kShorthandPattern,
  kObjectAssignPattern,
  kAssignPattern,
  kRestPattern,
  kRequiredParam,
  kField,
  kArguments,
  kImport,
  kType,  // type annotations and declarations: nothing runs there
};

N KindOfName(std::string_view name) {
  static const std::unordered_map<std::string_view, N> kNames = {
      {"comment", N::kComment},
      {"program", N::kProgram},
      {"function_declaration", N::kFunctionDecl},
      {"generator_function_declaration", N::kFunctionDecl},
      {"function_expression", N::kFunctionExpr},
      {"function", N::kFunctionExpr},
      {"generator_function", N::kFunctionExpr},
      {"arrow_function", N::kArrow},
      {"method_definition", N::kMethod},
      {"class", N::kClass},
      {"class_declaration", N::kClass},
      {"abstract_class_declaration", N::kClass},
      {"lexical_declaration", N::kDeclaration},
      {"variable_declaration", N::kDeclaration},
      {"variable_declarator", N::kDeclarator},
      {"expression_statement", N::kExpressionStatement},
      {"statement_block", N::kBlock},
      {"return_statement", N::kReturn},
      {"if_statement", N::kIf},
      {"for_in_statement", N::kForIn},
      {"catch_clause", N::kCatch},
      {"assignment_expression", N::kAssign},
      {"augmented_assignment_expression", N::kAugmented},
      {"call_expression", N::kCall},
      {"new_expression", N::kNew},
      {"member_expression", N::kMember},
      {"subscript_expression", N::kSubscript},
      {"identifier", N::kIdentifier},
      {"this", N::kThis},
      {"string", N::kString},
      {"template_string", N::kTemplate},
      {"template_substitution", N::kSubstitution},
      {"string_fragment", N::kStringFragment},
      {"escape_sequence", N::kEscape},
      {"number", N::kNumber},
      {"true", N::kLiteral},
      {"false", N::kLiteral},
      {"null", N::kLiteral},
      {"undefined", N::kLiteral},
      {"regex", N::kLiteral},
      {"binary_expression", N::kBinary},
      {"unary_expression", N::kUnary},
      {"update_expression", N::kUpdate},
      {"ternary_expression", N::kTernary},
      {"parenthesized_expression", N::kWrapper},
      {"await_expression", N::kWrapper},
      {"as_expression", N::kWrapper},
      {"satisfies_expression", N::kWrapper},
      {"non_null_expression", N::kWrapper},
      {"type_assertion", N::kWrapper},
      {"object", N::kObject},
      {"array", N::kArray},
      {"pair", N::kPair},
      {"shorthand_property_identifier", N::kShorthandProp},
      {"spread_element", N::kSpread},
      {"object_pattern", N::kObjectPattern},
      {"array_pattern", N::kArrayPattern},
      {"pair_pattern", N::kPairPattern},
      {"shorthand_property_identifier_pattern", N::kShorthandPattern},
      {"object_assignment_pattern", N::kObjectAssignPattern},
      {"assignment_pattern", N::kAssignPattern},
      {"rest_pattern", N::kRestPattern},
      {"required_parameter", N::kRequiredParam},
      {"optional_parameter", N::kRequiredParam},
      {"field_definition", N::kField},
      {"public_field_definition", N::kField},
      {"arguments", N::kArguments},
      {"import_statement", N::kImport},
      {"type_annotation", N::kType},
      {"type_arguments", N::kType},
      {"type_parameters", N::kType},
      {"type_alias_declaration", N::kType},
      {"interface_declaration", N::kType},
      {"ambient_declaration", N::kType},
  };
  auto it = kNames.find(name);
  return it == kNames.end() ? N::kOther : it->second;
}

enum class Fd : uint8_t {
  kArguments,
  kBody,
  kConsequence,
  kAlternative,
  kCondition,
  kConstructor,
  kFunction,
  kIndex,
  kKey,
  kLeft,
  kName,
  kObject,
  kOperator,
  kParameter,
  kParameters,
  kPattern,
  kProperty,
  kRight,
  kValue,
  kArgument,
  kCount
};
constexpr const char* kFieldNames[] = {
    "arguments",  "body",    "consequence", "alternative", "condition", "constructor", "function",
    "index",      "key",     "left",        "name",        "object",    "operator",    "parameter",
    "parameters", "pattern", "property",    "right",       "value",     "argument"};
static_assert(std::size(kFieldNames) == static_cast<size_t>(Fd::kCount));

// What the walk needs of a grammar: symbol to N, and the field ids. Built
// once per thread and grammar, as js_facts.cc does for its kinds (field
// look-ups by name compare strings).
struct Grammar {
  std::vector<N> kinds;
  std::array<TSFieldId, static_cast<size_t>(Fd::kCount)> fields{};
};

const Grammar& GrammarOf(const TSLanguage* language) {
  thread_local std::array<std::pair<const TSLanguage*, Grammar>, 4> cache{};
  for (auto& [g, grammar] : cache) {
    if (g == language) return grammar;
    if (g != nullptr) continue;
    grammar.kinds.assign(ts_language_symbol_count(language), N::kOther);
    for (TSSymbol s = 0; s < grammar.kinds.size(); ++s) {
      const char* name = ts_language_symbol_name(language, s);
      if (name == nullptr || ts_language_symbol_type(language, s) != TSSymbolTypeRegular) continue;
      grammar.kinds[s] = KindOfName(name);
    }
    for (size_t i = 0; i < grammar.fields.size(); ++i) {
      grammar.fields[i] = ts_language_field_id_for_name(
          language, kFieldNames[i], static_cast<uint32_t>(std::strlen(kFieldNames[i])));
    }
    g = language;
    return grammar;
  }
  static const Grammar kEmpty;
  return kEmpty;
}

// ---------------------------------------------------------------------------
// Labels.

int Segments(std::string_view path) {
  int n = 0;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '[') {
      ++n;
    } else if (path[i] != '.' && path[i] != ']' && (i == 0 || path[i - 1] == '.')) {
      ++n;
    }
  }
  return n;
}

// A field name as a path segment: odd keys (empty, with a dot or a bracket)
// read as computed.
std::string_view Segment(std::string_view key) {
  if (key.empty() || key.find_first_of(".[]") != std::string_view::npos) return "*";
  return key;
}

void AddLabel(Labels* out, const TaintLabel& l) {
  for (const TaintLabel& o : *out) {
    if (o.kind == l.kind && o.index == l.index && o.path == l.path && o.cleared == l.cleared)
      return;
  }
  if (out->size() < kMaxLabels) out->push_back(l);
}

void AddLabels(Labels* out, const Labels& in) {
  for (const TaintLabel& l : in) AddLabel(out, l);
}

// The labels of a value read below `in`: `key` a field, "[]" an element.
Labels Below(const Labels& in, std::string_view key) {
  Labels out;
  for (TaintLabel l : in) {
    if (Segments(l.path) < kMaxSegments) {
      if (key == "[]") {
        l.path += "[]";
      } else {
        if (!l.path.empty()) l.path += '.';
        l.path += Segment(key);
      }
    }
    AddLabel(&out, l);
  }
  return out;
}

uint16_t Bit(TaintSink s) { return static_cast<uint16_t>(1u << static_cast<unsigned>(s)); }

// ---------------------------------------------------------------------------
// Names (secret_names.h judges secrets): loggers and log methods.

bool NamesLogger(std::string_view name) {
  for (const std::string& w : NameWords(name)) {
    if (w.starts_with("log")) return true;
  }
  return false;
}

bool IsLogMethod(std::string_view m) {
  static const std::unordered_set<std::string_view> kMethods = {
      "log",      "info",    "warn",  "warning", "error",     "debug", "trace", "fatal",
      "critical", "verbose", "silly", "notice",  "exception", "dir",   "table"};
  return kMethods.count(m) > 0;
}

bool LowerStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && util::EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// A module as the tables below name it: `node:fs` is "fs", `fs-extra` too.
std::string_view NormalModule(std::string_view spec) {
  if (spec.starts_with("node:")) spec.remove_prefix(5);
  if (spec == "fs-extra" || spec == "graceful-fs") return "fs";
  return spec;
}

bool IsRelative(std::string_view spec) {
  return spec.starts_with("./") || spec.starts_with("../") || spec.starts_with("/") ||
         spec == "." || spec == "..";
}

// ---------------------------------------------------------------------------

// What a local name holds, as the walk has seen so far.
struct Var {
  Labels labels;
  int32_t param = -1;  // a parameter read: its index, and the path below it
  std::string prefix;
  TSNode object{};        // the object literal it was bound to
  std::string_view hash;  // the algorithm of `crypto.createHash('md5')` it holds
  bool markup = false;    // a labelled value built with '<' in a string part
  bool caught = false;    // an error caught by `catch` or `.catch()`
};

// A call's function, as its module and member path say: `cp.exec` with cp
// from `require('child_process')` is {"child_process", "exec"}; a global or
// unknown name gives module "" and the dotted name ("console.log").
// Its views are of the source, the file's imports or its own storage: not
// copyable.
struct Callee {
  Callee() = default;
  Callee(const Callee&) = delete;
  Callee& operator=(const Callee&) = delete;

  std::string_view module;
  std::string_view path;
  std::string_view method;  // the last property, "" for a plain name
  TSNode receiver{};
  std::string_view written;                   // "db.put", "this.load"; "" when no plain chain
  std::string path_storage, written_storage;  // when they are not the source's text
};

struct ImportedName {
  std::string_view module;
  std::string_view imported;
};

class Flows {
 public:
  Flows(const Tree& tree, const std::vector<TSNode>& roots, const DispatchTargets& dispatch,
        FileFacts* facts);
  ~Flows();
  void Run();

 private:
  N Kind(TSNode n) const {
    if (ts_node_is_null(n)) return N::kOther;
    TSSymbol s = ts_node_symbol(n);
    return s < kinds_->size() ? (*kinds_)[s] : N::kOther;
  }
  TSNode Child(TSNode n, Fd f) const {
    if (ts_node_is_null(n)) return n;
    return ts_node_child_by_field_id(n, fields_[static_cast<size_t>(f)]);
  }
  std::string_view Text(TSNode n) const {
    return ts_node_is_null(n) ? std::string_view() : tree_.Text(n);
  }
  // Roots are functions, or the calls, `new`s and operators whose value a
  // def names (js_facts.cc's ExportValue).
  bool IsRoot(TSNode n) const {
    N k = Kind(n);
    bool may = IsFunction(k) || k == N::kCall || k == N::kNew || k == N::kWrapper ||
               k == N::kTernary || k == N::kBinary;
    return may && root_ids_.count(n.id) > 0;
  }
  static bool IsFunction(N k) {
    return k == N::kFunctionDecl || k == N::kFunctionExpr || k == N::kArrow || k == N::kMethod;
  }

  template <typename F>
  void ForEachNamed(TSNode n, F&& f);
  TSNode FirstNamed(TSNode n);
  TSNode Arg(TSNode args, uint32_t index);
  TSNode Unwrap(TSNode n);
  bool StringValue(TSNode n, std::string* out);
  bool RemovesSlashes(const Callee& c, TSNode args);
  std::string PropertyName(TSNode key);

  // Per def.
  void AnalyseDef(size_t def);
  void AnalyseFunction(TSNode fn, bool record_params);
  void BindParams(TSNode fn, bool record_params, const Labels* element);
  void BindPattern(TSNode pattern, const Labels& labels, int32_t param, const std::string& prefix,
                   int depth);
  void AliasDef(size_t def);

  // The walk.
  void Visit(TSNode n, int depth);
  void VisitChildren(TSNode n, int depth);
  void VisitBody(TSNode fn, int depth);
  void VisitDeclarator(TSNode n, int depth);
  void VisitIf(TSNode n, int depth);
  void VisitForIn(TSNode n, int depth);
  void VisitReturn(TSNode n, int depth);
  Labels Eval(TSNode n, int depth);
  Labels EvalIdentifier(TSNode n);
  Labels EvalMember(TSNode n, int depth);
  Labels EvalAssign(TSNode n, int depth);
  Labels EvalBinary(TSNode n, int depth);
  Labels EvalObject(TSNode n, int depth);
  Labels EvalCall(TSNode n, int depth, bool is_new);
  Labels EvalCallback(TSNode fn, const Labels& element, bool caught, int depth);
  bool EvalDispatch(TSNode n, const std::vector<Labels>& labels, Labels* result);
  void Assign(TSNode target, const Labels& labels, TSNode value, int depth);

  // Calls.
  void Describe(TSNode f, Callee* c);
  bool LocalCallee(std::string_view written, std::string* name) const;
  bool Sanitize(const Callee& c, const std::vector<Labels>& args, Labels* result) const;
  void CheckSinks(TSNode call, const Callee& c, bool is_new, TSNode args,
                  const std::vector<Labels>& labels);
  void CheckNoSql(TSNode call, TSNode args);
  void CheckCallWeaknesses(TSNode call, const Callee& c, TSNode args);
  void CheckResponse(TSNode value);
  void AddSink(TaintSink kind, TSNode at, std::string_view what, const Labels& labels);
  const Labels* Captured(TSNode object, std::string_view key) const;
  TSNode ObjectOf(TSNode n);
  bool HasShellTrue(TSNode args);
  bool OptionNamesFullSchema(TSNode args);
  bool AllowsNone(TSNode options);

  // Weaknesses and syntactic scans.
  void AddWeakness(CodeWeakness kind, TSNode at, std::string detail, std::string name = {},
                   std::string value = {});
  void CheckSecret(std::string_view name, TSNode value);
  void CheckCompare(TSNode n);
  std::vector<std::string> NameWordsOf(TSNode n);
  bool IsCleanLiteral(TSNode n);
  bool HasMarkup(TSNode n);
  TSNode StackRead(TSNode n);
  bool IsHtmlHeaders(TSNode headers);
  void ClearGuarded(TSNode cond, int depth);

  const Tree& tree_;
  const std::vector<TSNode>& roots_;
  const DispatchTargets& dispatch_;
  FileFacts& facts_;
  const std::vector<N>* kinds_ = nullptr;
  std::array<TSFieldId, static_cast<size_t>(Fd::kCount)> fields_{};
  std::unordered_set<const void*> root_ids_;
  std::unordered_map<std::string_view, size_t> def_index_;  // the first def of each name
  std::unordered_map<std::string_view, ImportedName> imports_;
  std::unordered_set<uint64_t> sdk_positions_;     // line << 32 | col of each SDK call
  std::unordered_set<uint64_t> dynamo_positions_;  // those of DynamoDB
  std::array<size_t, 8> weakness_counts_{};
  std::vector<TSTreeCursor> cursors_;  // free cursors, reset for each use

  // The def being walked.
  int32_t def_ = -1;
  std::string_view class_name_;
  std::unordered_set<std::string_view> callees_;
  // ".create" to "OrderService.create": the callees that are methods of a
  // class of the file, by method.
  std::unordered_map<std::string_view, std::string_view> instance_methods_;
  std::unordered_map<std::string_view, Var> env_;
  std::unordered_map<const void*, std::vector<std::pair<std::string, Labels>>> captured_;
  bool caught_ = false;     // some name holds a caught error: `.stack` is worth a look
  int callback_level_ = 0;  // > 0 inside a callback: its returns are not the def's
};

Flows::Flows(const Tree& tree, const std::vector<TSNode>& roots, const DispatchTargets& dispatch,
             FileFacts* facts)
    : tree_(tree), roots_(roots), dispatch_(dispatch), facts_(*facts) {}

Flows::~Flows() {
  for (TSTreeCursor& c : cursors_) ts_tree_cursor_delete(&c);
}

// Named children but comments; a pooled cursor for larger nodes: no
// allocation per node, and linear in the children.
template <typename F>
void Flows::ForEachNamed(TSNode n, F&& f) {
  if (ts_node_is_null(n)) return;
  uint32_t count = ts_node_child_count(n);
  if (count <= 4) {
    // Small nodes (most of them) without a cursor: ts_node_child is linear
    // in the index, which costs less than a cursor's moves for so few.
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_child(n, i);
      if (!ts_node_is_named(child) || Kind(child) == N::kComment) continue;
      if (!f(child)) return;
    }
    return;
  }
  TSTreeCursor c;
  if (cursors_.empty()) {
    c = ts_tree_cursor_new(n);
  } else {
    c = cursors_.back();
    cursors_.pop_back();
    ts_tree_cursor_reset(&c, n);
  }
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&c);
      if (!ts_node_is_named(child) || Kind(child) == N::kComment) continue;
      if (!f(child)) break;
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  cursors_.push_back(c);
}

TSNode Flows::FirstNamed(TSNode n) {
  TSNode first{};
  ForEachNamed(n, [&](TSNode child) {
    first = child;
    return false;
  });
  return first;
}

TSNode Flows::Arg(TSNode args, uint32_t index) {
  if (Kind(args) != N::kArguments) return TSNode{};
  TSNode found{};
  uint32_t seen = 0;
  ForEachNamed(args, [&](TSNode child) {
    if (seen++ == index) found = child;
    return seen <= index;
  });
  return found;
}

TSNode Flows::Unwrap(TSNode n) {
  for (int i = 0; i < 64 && Kind(n) == N::kWrapper; ++i) {
    TSNode inner{};
    ForEachNamed(n, [&](TSNode child) {
      inner = child;
      return Kind(child) == N::kType;  // `<T>x`: the type comes first
    });
    n = inner;
  }
  return n;
}

bool Flows::StringValue(TSNode n, std::string* out) {
  N k = Kind(n);
  if (k != N::kString && k != N::kTemplate) return false;
  out->clear();
  bool ok = true;
  ForEachNamed(n, [&](TSNode child) {
    N ck = Kind(child);
    if (ck == N::kSubstitution) {
      ok = false;
      return false;
    }
    if (ck == N::kEscape) {
      AppendEscape(Text(child), out);
    } else {
      out->append(Text(child));
    }
    return true;
  });
  return ok;
}

std::string Flows::PropertyName(TSNode key) {
  std::string s;
  if (StringValue(key, &s)) return s;
  if (ts_node_is_null(key) || Type(key) == "computed_property_name") return {};
  return std::string(Text(key));
}

// ---------------------------------------------------------------------------
// Defs.

void Flows::Run() {
  if (!tree_.ok()) return;
  const Grammar& grammar = GrammarOf(ts_tree_language(tree_.root().tree));
  kinds_ = &grammar.kinds;
  fields_ = grammar.fields;
  for (TSNode r : roots_) {
    if (!ts_node_is_null(r)) root_ids_.insert(r.id);
  }
  for (size_t i = 0; i < facts_.functions.size(); ++i) {
    def_index_.emplace(facts_.functions[i].name, i);
  }
  for (const Import& imp : facts_.imports) {
    for (const Import::Name& name : imp.names) {
      imports_.try_emplace(name.local, ImportedName{imp.specifier, name.imported});
    }
  }
  for (const SdkCall& call : facts_.calls) {
    uint64_t pos = (static_cast<uint64_t>(call.line) << 32) | call.col;
    sdk_positions_.insert(pos);
    if (call.service.find("DynamoDB") != std::string::npos ||
        call.service.find("dynamodb") != std::string::npos) {
      dynamo_positions_.insert(pos);
    }
  }
  for (size_t i = 0; i < facts_.functions.size() && i < roots_.size(); ++i) AnalyseDef(i);
  for (size_t i = 0; i < facts_.functions.size() && i < roots_.size(); ++i) AliasDef(i);
  // Module code: weaknesses only (no def to hold sinks).
  def_ = -1;
  class_name_ = {};
  env_.clear();
  captured_.clear();
  caught_ = false;
  VisitChildren(tree_.root(), 0);
  std::stable_sort(facts_.weaknesses.begin(), facts_.weaknesses.end(),
                   [](const Weakness& a, const Weakness& b) {
                     return a.line != b.line ? a.line < b.line : a.col < b.col;
                   });
}

void Flows::AnalyseDef(size_t def) {
  TSNode root = roots_[def];
  if (ts_node_is_null(root)) return;
  def_ = static_cast<int32_t>(def);
  const std::string& name = facts_.functions[def].name;
  size_t dot = name.rfind('.');
  class_name_ =
      dot == std::string::npos ? std::string_view() : std::string_view(name).substr(0, dot);
  callees_.clear();
  instance_methods_.clear();
  for (const std::string& c : facts_.functions[def].callees) {
    callees_.insert(c);
    size_t first = c.find('.');
    if (first != std::string::npos && c.find('.', first + 1) == std::string::npos &&
        def_index_.count(c) > 0) {
      instance_methods_.emplace(std::string_view(c).substr(first), c);
    }
  }
  env_.clear();
  captured_.clear();
  caught_ = false;
  callback_level_ = 0;
  if (IsFunction(Kind(root))) {
    AnalyseFunction(root, true);
    return;
  }
  // `middy(async (event) => ...).use(...)`: the function wrapped is the
  // def's body; the rest of the expression runs at module load.
  TSNode call = Unwrap(root);
  for (int i = 0; i < 16 && Kind(call) == N::kCall; ++i) {
    TSNode fn{};
    ForEachNamed(Child(call, Fd::kArguments), [&](TSNode arg) {
      TSNode a = Unwrap(arg);
      if (Kind(a) == N::kArrow || Kind(a) == N::kFunctionExpr) fn = a;
      return ts_node_is_null(fn);
    });
    if (!ts_node_is_null(fn)) {
      AnalyseFunction(fn, true);
      return;
    }
    TSNode f = Unwrap(Child(call, Fd::kFunction));
    call = Kind(f) == N::kMember ? Unwrap(Child(f, Fd::kObject)) : TSNode{};
  }
  Visit(root, 0);
}

void Flows::AnalyseFunction(TSNode fn, bool record_params) {
  BindParams(fn, record_params, nullptr);
  TSNode body = Child(fn, Fd::kBody);
  if (Kind(body) == N::kBlock) {
    VisitChildren(body, 1);
    return;
  }
  // An arrow's expression body is what it returns.
  Labels labels = Eval(body, 1);
  if (callback_level_ == 0 && def_ >= 0) AddLabels(&facts_.functions[def_].returns, labels);
  CheckResponse(body);
}

// Binds the parameters of `fn`: each one its own label (a def), or the
// element labels for parameter 0 and nothing for the others (a callback).
void Flows::BindParams(TSNode fn, bool record_params, const Labels* element) {
  std::vector<std::string>* names = record_params ? &facts_.functions[def_].params : nullptr;
  auto bind = [&](TSNode p, int32_t index) {
    TSNode target = p;
    N k = Kind(p);
    if (k == N::kRequiredParam) target = Child(p, Fd::kPattern);
    if (k == N::kAssignPattern) target = Child(p, Fd::kLeft);
    if (Kind(target) == N::kRestPattern) target = FirstNamed(target);
    if (Kind(target) == N::kThis) return false;  // `this: T` is no runtime parameter
    if (names != nullptr) {
      names->push_back(Kind(target) == N::kIdentifier ? std::string(Text(target)) : std::string());
    }
    Labels labels;
    if (element != nullptr && index == 0) labels = *element;
    BindPattern(target, labels, element == nullptr ? index : -1, std::string(), 0);
    return true;
  };
  TSNode single = Child(fn, Fd::kParameter);
  if (!ts_node_is_null(single)) {
    bind(single, 0);
    return;
  }
  int32_t index = 0;
  ForEachNamed(Child(fn, Fd::kParameters), [&](TSNode p) {
    if (bind(p, index)) ++index;
    return index < 64;
  });
}

// Binds the names of a parameter or declaration pattern: `{body: {name}}`
// reads "body.name" below what is destructured: below parameter `param`
// (then `prefix` is the path), or below a value carrying `labels`.
void Flows::BindPattern(TSNode pattern, const Labels& labels, int32_t param,
                        const std::string& prefix, int depth) {
  if (depth > 16) return;
  auto bind_below = [&](TSNode target, std::string_view key) {
    std::string p = prefix;
    if (param >= 0 && Segments(p) < kMaxSegments) {
      if (key == "[]") {
        p += "[]";
      } else {
        if (!p.empty()) p += '.';
        p += Segment(key);
      }
    }
    BindPattern(target, param >= 0 ? labels : Below(labels, key), param, p, depth + 1);
  };
  switch (Kind(pattern)) {
    case N::kIdentifier:
    case N::kShorthandPattern: {
      Var v;
      v.param = param;
      if (param >= 0) {
        v.prefix = prefix;
      } else {
        v.labels = labels;
      }
      env_[Text(pattern)] = std::move(v);
      return;
    }
    case N::kAssignPattern:
    case N::kObjectAssignPattern:
      BindPattern(Child(pattern, Fd::kLeft), labels, param, prefix, depth + 1);
      return;
    case N::kRestPattern:
      BindPattern(FirstNamed(pattern), labels, param, prefix, depth + 1);
      return;
    case N::kObjectPattern:
      ForEachNamed(pattern, [&](TSNode p) {
        switch (Kind(p)) {
          case N::kShorthandPattern:
            bind_below(p, Text(p));
            break;
          case N::kObjectAssignPattern:
            bind_below(Child(p, Fd::kLeft), Text(Child(p, Fd::kLeft)));
            break;
          case N::kRestPattern:
            BindPattern(p, labels, param, prefix, depth + 1);
            break;
          case N::kPairPattern:
            bind_below(Child(p, Fd::kValue), PropertyName(Child(p, Fd::kKey)));
            break;
          default:
            break;
        }
        return true;
      });
      return;
    case N::kArrayPattern:
      ForEachNamed(pattern, [&](TSNode p) {
        bind_below(p, "[]");
        return true;
      });
      return;
    default:
      return;
  }
}

// A def without a body of its own that names another def of the file
// (`exports.handler = main`, `export default main`, `middy(main)`): it
// passes its arguments through and returns what the other returns.
void Flows::AliasDef(size_t def) {
  FunctionDef& alias = facts_.functions[def];
  if (!alias.params.empty() || !alias.local_calls.empty()) return;
  TSNode root = roots_[def];
  if (!ts_node_is_null(root) && IsFunction(Kind(root))) return;
  for (const std::string& callee : alias.callees) {
    if (callee == alias.name) continue;
    auto found = def_index_.find(callee);
    if (found == def_index_.end() || found->second == def) continue;
    const FunctionDef* target = &facts_.functions[found->second];
    LocalCall call;
    call.callee = callee;
    call.line = alias.line;
    call.col = 1;
    std::vector<std::string> params = target->params;
    for (size_t i = 0; i < params.size(); ++i) {
      TaintLabel l;
      l.index = static_cast<uint32_t>(i);
      l.line = alias.line;
      l.col = 1;
      call.args.push_back({l});
    }
    alias.params = std::move(params);
    alias.local_calls.push_back(std::move(call));
    TaintLabel result;
    result.kind = TaintLabel::Kind::kCallResult;
    result.line = alias.line;
    result.col = 1;
    alias.returns.push_back(result);
    return;
  }
}

// ---------------------------------------------------------------------------
// Statements.

void Flows::VisitChildren(TSNode n, int depth) {
  ForEachNamed(n, [&](TSNode child) {
    Visit(child, depth + 1);
    return true;
  });
}

void Flows::Visit(TSNode n, int depth) {
  if (depth > kMaxDepth || ts_node_is_null(n)) return;
  if (IsRoot(n) && (def_ < 0 || n.id != roots_[def_].id)) return;  // walked as its own def
  switch (Kind(n)) {
    case N::kType:
    case N::kImport:
    case N::kComment:
      return;
    case N::kDeclarator:
      VisitDeclarator(n, depth);
      return;
    case N::kIf:
      VisitIf(n, depth);
      return;
    case N::kForIn:
      VisitForIn(n, depth);
      return;
    case N::kReturn:
      VisitReturn(n, depth);
      return;
    case N::kCatch: {
      TSNode param = Child(n, Fd::kParameter);
      if (Kind(param) == N::kIdentifier) {
        Var v;
        v.caught = true;
        caught_ = true;
        env_[Text(param)] = std::move(v);
      }
      Visit(Child(n, Fd::kBody), depth + 1);
      return;
    }
    case N::kField: {
      TSNode key = Child(n, Fd::kProperty);
      if (ts_node_is_null(key)) key = Child(n, Fd::kName);
      TSNode value = Child(n, Fd::kValue);
      CheckSecret(PropertyName(key), value);
      if (!ts_node_is_null(value)) Eval(value, depth + 1);
      return;
    }
    case N::kFunctionDecl:
    case N::kFunctionExpr:
    case N::kArrow:
    case N::kMethod:
      VisitBody(n, depth);
      return;
    case N::kProgram:
    case N::kDeclaration:
    case N::kBlock:
    case N::kOther:
    case N::kClass:
      VisitChildren(n, depth);
      return;
    default:
      Eval(n, depth);  // an expression, or a statement holding one
      return;
  }
}

// A function that is no def (a callback, a module-level arrow): walked as
// part of the code around it, its parameters bound to nothing.
void Flows::VisitBody(TSNode fn, int depth) { EvalCallback(fn, Labels(), false, depth); }

void Flows::VisitDeclarator(TSNode n, int depth) {
  TSNode name = Child(n, Fd::kName);
  TSNode value = Child(n, Fd::kValue);
  if (Kind(name) == N::kIdentifier) CheckSecret(Text(name), value);
  if (ts_node_is_null(value)) {
    if (Kind(name) == N::kIdentifier) env_[Text(name)] = Var{};
    return;
  }
  Labels labels = Eval(value, depth + 1);
  Assign(name, labels, value, depth);
}

// Binds `target` (a name, a pattern, a member) to a value.
void Flows::Assign(TSNode target, const Labels& labels, TSNode value, int depth) {
  target = Unwrap(target);
  N tk = Kind(target);
  if (tk == N::kIdentifier) {
    Var v;
    v.labels = labels;
    TSNode val = Unwrap(value);
    N vk = Kind(val);
    if (vk == N::kObject) v.object = val;
    if (vk == N::kIdentifier) {
      auto it = env_.find(Text(val));
      if (it != env_.end()) {
        v.object = it->second.object;
        v.hash = it->second.hash;
        v.markup = it->second.markup;
        v.caught = it->second.caught;
      }
    }
    if (!labels.empty() && !v.markup) v.markup = HasMarkup(val);
    if (vk == N::kCall) {
      TSNode f = Unwrap(Child(val, Fd::kFunction));
      std::string algo;
      if (Kind(f) == N::kMember && Text(Child(f, Fd::kProperty)) == "createHash" &&
          StringValue(Arg(Child(val, Fd::kArguments), 0), &algo)) {
        v.hash = algo == "md5" ? "md5" : algo == "sha1" ? "sha1" : "sha2";
      }
    }
    env_[Text(target)] = std::move(v);
    return;
  }
  if (tk == N::kObjectPattern || tk == N::kArrayPattern) {
    BindPattern(target, labels, -1, std::string(), depth);
    return;
  }
  if (tk == N::kMember || tk == N::kSubscript) {
    // `params.FilterExpression = x`: the object carries x; a field of an
    // object literal is kept for the checks that read it.
    TSNode object = Unwrap(Child(target, Fd::kObject));
    if (Kind(object) != N::kIdentifier || labels.empty()) return;
    auto it = env_.find(Text(object));
    if (it == env_.end()) return;
    AddLabels(&it->second.labels, labels);
    if (!ts_node_is_null(it->second.object) && tk == N::kMember) {
      captured_[it->second.object.id].emplace_back(std::string(Text(Child(target, Fd::kProperty))),
                                                   labels);
    }
  }
}

void Flows::VisitIf(TSNode n, int depth) {
  TSNode cond = Child(n, Fd::kCondition);
  Eval(cond, depth + 1);
  ClearGuarded(cond, 0);
  Visit(Child(n, Fd::kConsequence), depth + 1);
  Visit(Child(n, Fd::kAlternative), depth + 1);
}

// An allow-list check: `ALLOWED.includes(x)`, `SET.has(x)`, `x === 'a'`
// (also negated, and among && and ||): x carries nothing from there on.
void Flows::ClearGuarded(TSNode cond, int depth) {
  if (depth > 8) return;
  cond = Unwrap(cond);
  auto clear = [&](TSNode x) {
    x = Unwrap(x);
    if (Kind(x) != N::kIdentifier) return;
    auto it = env_.find(Text(x));
    if (it == env_.end()) return;
    it->second.labels.clear();
    it->second.param = -1;
  };
  switch (Kind(cond)) {
    case N::kUnary:
      ClearGuarded(Child(cond, Fd::kArgument), depth + 1);
      return;
    case N::kBinary: {
      std::string_view op = Text(Child(cond, Fd::kOperator));
      TSNode left = Child(cond, Fd::kLeft), right = Child(cond, Fd::kRight);
      if (op == "&&" || op == "||") {
        ClearGuarded(left, depth + 1);
        ClearGuarded(right, depth + 1);
      } else if (op == "===" || op == "==" || op == "!==" || op == "!=") {
        N lk = Kind(Unwrap(left)), rk = Kind(Unwrap(right));
        if (rk == N::kString) clear(left);
        if (lk == N::kString) clear(right);
      }
      return;
    }
    case N::kCall: {
      TSNode f = Unwrap(Child(cond, Fd::kFunction));
      if (Kind(f) != N::kMember) return;
      std::string_view method = Text(Child(f, Fd::kProperty));
      if (method != "includes" && method != "has") return;
      // The list is a constant: a literal, or a name (`ALLOWED`,
      // `config.allowed`) that carries nothing.
      TSNode list = Unwrap(Child(f, Fd::kObject));
      bool constant = Kind(list) == N::kArray || Kind(list) == N::kNew;
      TSNode root = list;
      for (int i = 0; i < 16 && Kind(root) == N::kMember; ++i)
        root = Unwrap(Child(root, Fd::kObject));
      if (Kind(root) == N::kIdentifier || Kind(root) == N::kThis) {
        auto it = env_.find(Text(root));
        constant = it == env_.end() || (it->second.labels.empty() && it->second.param < 0);
      }
      if (constant) clear(Arg(Child(cond, Fd::kArguments), 0));
      return;
    }
    default:
      return;
  }
}

void Flows::VisitForIn(TSNode n, int depth) {
  Labels right = Eval(Child(n, Fd::kRight), depth + 1);
  // `for...of` gives elements, `for...in` keys.
  bool of = Text(Child(n, Fd::kOperator)) == "of";
  Assign(Child(n, Fd::kLeft), Below(right, of ? "[]" : "*"), TSNode{}, depth);
  Visit(Child(n, Fd::kBody), depth + 1);
}

void Flows::VisitReturn(TSNode n, int depth) {
  TSNode value = FirstNamed(n);
  if (ts_node_is_null(value)) return;
  Labels labels = Eval(value, depth + 1);
  if (callback_level_ > 0) return;
  if (def_ >= 0) AddLabels(&facts_.functions[def_].returns, labels);
  CheckResponse(value);
}

// ---------------------------------------------------------------------------
// Expressions.

Labels Flows::Eval(TSNode n, int depth) {
  if (depth > kMaxDepth || ts_node_is_null(n)) return {};
  if (IsRoot(n) && (def_ < 0 || n.id != roots_[def_].id)) return {};
  switch (Kind(n)) {
    case N::kIdentifier:
      return EvalIdentifier(n);
    case N::kMember:
    case N::kSubscript:
      return EvalMember(n, depth);
    case N::kAssign:
      return EvalAssign(n, depth);
    case N::kAugmented: {
      Labels labels = Eval(Child(n, Fd::kRight), depth + 1);
      TSNode left = Unwrap(Child(n, Fd::kLeft));
      AddLabels(&labels, Eval(left, depth + 1));
      Assign(left, labels, TSNode{}, depth);
      return labels;
    }
    case N::kBinary:
      return EvalBinary(n, depth);
    case N::kUnary:
      // typeof, !, -, +, ~, void, delete give no payload.
      Eval(Child(n, Fd::kArgument), depth + 1);
      return {};
    case N::kUpdate:
      Eval(Child(n, Fd::kArgument), depth + 1);
      return {};
    case N::kTernary: {
      Eval(Child(n, Fd::kCondition), depth + 1);
      Labels labels = Eval(Child(n, Fd::kConsequence), depth + 1);
      AddLabels(&labels, Eval(Child(n, Fd::kAlternative), depth + 1));
      return labels;
    }
    case N::kCall:
      return EvalCall(n, depth, false);
    case N::kNew:
      return EvalCall(n, depth, true);
    case N::kObject:
      return EvalObject(n, depth);
    case N::kPair: {
      TSNode value = Child(n, Fd::kValue);
      CheckSecret(PropertyName(Child(n, Fd::kKey)), value);
      return Eval(value, depth + 1);
    }
    case N::kFunctionDecl:
    case N::kFunctionExpr:
    case N::kArrow:
    case N::kMethod:
      VisitBody(n, depth);
      return {};
    case N::kString:
    case N::kNumber:
    case N::kLiteral:
    case N::kThis:
    case N::kType:
    case N::kComment:
      return {};
    case N::kClass:
    case N::kDeclaration:
    case N::kIf:
    case N::kForIn:
    case N::kReturn:
    case N::kCatch:
    case N::kDeclarator:
    case N::kField:
    case N::kProgram:
    case N::kBlock:
      Visit(n, depth);
      return {};
    default: {
      // Templates, arrays, spreads, wrappers, sequences, statements holding
      // expressions: the union of the parts.
      Labels labels;
      ForEachNamed(n, [&](TSNode child) {
        if (Kind(child) == N::kBlock) {
          Visit(child, depth + 1);
        } else {
          AddLabels(&labels, Eval(child, depth + 1));
        }
        return true;
      });
      return labels;
    }
  }
}

Labels Flows::EvalIdentifier(TSNode n) {
  auto it = env_.find(Text(n));
  if (it == env_.end()) return {};
  const Var& v = it->second;
  if (v.param < 0) return v.labels;
  TaintLabel l;
  l.index = static_cast<uint32_t>(v.param);
  l.path = v.prefix;
  l.line = Line(n);
  l.col = Column(n);
  return {l};
}

Labels Flows::EvalMember(TSNode n, int depth) {
  Labels object = Eval(Child(n, Fd::kObject), depth + 1);
  if (Kind(n) == N::kMember) {
    if (object.empty()) return {};
    std::string_view prop = Text(Child(n, Fd::kProperty));
    return prop == "length" ? Labels() : Below(object, prop);
  }
  TSNode index = Child(n, Fd::kIndex);
  Eval(index, depth + 1);
  if (object.empty()) return {};
  std::string s;
  if (Kind(index) == N::kNumber) return Below(object, "[]");
  if (StringValue(index, &s)) return Below(object, s);
  return Below(object, "*");
}

Labels Flows::EvalAssign(TSNode n, int depth) {
  TSNode left = Unwrap(Child(n, Fd::kLeft));
  TSNode right = Child(n, Fd::kRight);
  if (Kind(left) == N::kIdentifier) CheckSecret(Text(left), right);
  if (Kind(left) == N::kMember) {
    std::string_view prop = Text(Child(left, Fd::kProperty));
    CheckSecret(prop, right);
    TSNode r = Unwrap(right);
    if (prop == "NODE_TLS_REJECT_UNAUTHORIZED" &&
        (Text(r) == "'0'" || Text(r) == "\"0\"" || Text(r) == "0")) {
      AddWeakness(CodeWeakness::kTlsOff, n, ShortCode(Text(n)));
    } else if ((prop == "rejectUnauthorized" || prop == "strictSSL") && Text(r) == "false") {
      AddWeakness(CodeWeakness::kTlsOff, n, ShortCode(Text(n)));
    }
  }
  if (Kind(left) == N::kSubscript) {
    std::string key;
    TSNode r = Unwrap(right);
    if (StringValue(Child(left, Fd::kIndex), &key) && key == "NODE_TLS_REJECT_UNAUTHORIZED" &&
        (Text(r) == "'0'" || Text(r) == "\"0\"" || Text(r) == "0")) {
      AddWeakness(CodeWeakness::kTlsOff, n, ShortCode(Text(n)));
    }
  }
  Labels labels = Eval(right, depth + 1);
  if (Kind(left) == N::kMember || Kind(left) == N::kSubscript) Eval(left, depth + 1);
  Assign(left, labels, right, depth);
  return labels;
}

Labels Flows::EvalBinary(TSNode n, int depth) {
  std::string_view op = Text(Child(n, Fd::kOperator));
  Labels labels = Eval(Child(n, Fd::kLeft), depth + 1);
  AddLabels(&labels, Eval(Child(n, Fd::kRight), depth + 1));
  if (op == "+" || op == "||" || op == "??" || op == "&&") return labels;
  if (op == "==" || op == "===" || op == "!=" || op == "!==") CheckCompare(n);
  return {};  // comparisons, arithmetic, `in`, `instanceof`: no payload
}

Labels Flows::EvalObject(TSNode n, int depth) {
  Labels labels;
  ForEachNamed(n, [&](TSNode p) {
    Labels part;
    std::string key;
    switch (Kind(p)) {
      case N::kPair: {
        key = PropertyName(Child(p, Fd::kKey));
        TSNode value = Child(p, Fd::kValue);
        CheckSecret(key, value);
        if ((key == "rejectUnauthorized" || key == "strictSSL") && Text(Unwrap(value)) == "false") {
          AddWeakness(CodeWeakness::kTlsOff, p, ShortCode(Text(p)));
        }
        part = Eval(value, depth + 1);
        break;
      }
      case N::kShorthandProp:
        key = std::string(Text(p));
        part = EvalIdentifier(p);
        break;
      case N::kSpread:
        part = Eval(FirstNamed(p), depth + 1);
        break;
      default:
        Eval(p, depth + 1);  // a method: walked as a callback
        break;
    }
    if (!part.empty()) {
      if (!key.empty()) captured_[n.id].emplace_back(key, part);
      AddLabels(&labels, part);
    }
    return true;
  });
  return labels;
}

// A function passed as an argument: walked in place, parameter 0 bound to
// `element` (the element of the array it iterates, when it does).
Labels Flows::EvalCallback(TSNode fn, const Labels& element, bool caught, int depth) {
  if (depth > kMaxDepth) return {};
  ++callback_level_;
  BindParams(fn, false, &element);
  if (caught) {
    TSNode p = Child(fn, Fd::kParameter);
    if (ts_node_is_null(p)) p = FirstNamed(Child(fn, Fd::kParameters));
    if (Kind(p) == N::kRequiredParam) p = Child(p, Fd::kPattern);
    if (Kind(p) == N::kIdentifier) env_[Text(p)].caught = caught_ = true;
  }
  TSNode body = Child(fn, Fd::kBody);
  Labels labels;
  if (Kind(body) == N::kBlock) {
    VisitChildren(body, depth + 1);
  } else {
    labels = Eval(body, depth + 1);
  }
  --callback_level_;
  return labels;
}

// ---------------------------------------------------------------------------
// Calls.

void Flows::Describe(TSNode f, Callee* out) {
  Callee& c = *out;
  // The member names from the last one in, then the imported name: at most
  // 16 members, the name and "promises", without a heap allocation.
  struct {
    std::array<std::string_view, 18> v;
    size_t n = 0;
    void push_back(std::string_view s) { v[n++] = s; }
    size_t size() const { return n; }
    std::string_view operator[](size_t i) const { return v[i]; }
  } parts;
  TSNode chain = Unwrap(f);
  TSNode n = chain;
  if (Kind(n) == N::kMember) {
    c.receiver = Child(n, Fd::kObject);
    c.method = Text(Child(n, Fd::kProperty));
  }
  std::string_view module;
  bool plain = false;  // `a.b.c` as the source writes it, `this` left alone
  for (int i = 0; i < 16; ++i) {
    N k = Kind(n);
    if (k == N::kMember) {
      parts.push_back(Text(Child(n, Fd::kProperty)));
      n = Unwrap(Child(n, Fd::kObject));
      continue;
    }
    if (k == N::kSubscript) {
      std::string key;
      if (!StringValue(Child(n, Fd::kIndex), &key)) return;
      parts.push_back(Text(Child(n, Fd::kIndex)).substr(1, key.size()));
      n = Unwrap(Child(n, Fd::kObject));
      continue;
    }
    if (k == N::kCall) {
      // `require('child_process').exec(x)`
      TSNode rf = Child(n, Fd::kFunction);
      std::string spec;
      if (Text(rf) == "require" && StringValue(Arg(Child(n, Fd::kArguments), 0), &spec)) {
        module = tree_.Text(Arg(Child(n, Fd::kArguments), 0));
        module = module.substr(1, module.size() >= 2 ? module.size() - 2 : 0);
        break;
      }
      return;
    }
    if (k != N::kIdentifier && k != N::kThis) return;
    std::string_view root = Text(n);
    bool rewrite = root == "this" && !class_name_.empty() && parts.size() == 1;
    std::string_view text = Text(chain);
    plain = !rewrite && std::all_of(text.begin(), text.end(), [](char ch) {
      return ch == '.' || ch == '_' || ch == '$' || (ch >= 'a' && ch <= 'z') ||
             (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    });
    if (plain) {
      c.written = text;
    } else {
      c.written_storage = rewrite ? class_name_ : root;
      for (size_t j = parts.size(); j-- > 0;) {
        c.written_storage += '.';
        c.written_storage += parts[j];
      }
      c.written = c.written_storage;
    }
    auto imp = env_.count(root) ? imports_.end() : imports_.find(root);
    if (imp != imports_.end()) {
      module = imp->second.module;
      plain = false;
      if (imp->second.imported != "*" && imp->second.imported != "default") {
        parts.push_back(imp->second.imported);
      }
    } else {
      parts.push_back(root);
    }
    break;
  }
  module = NormalModule(module);
  if (module == "fs/promises") {
    module = "fs";
    parts.push_back("promises");
  }
  c.module = module;
  if (plain && module.empty()) {
    c.path = c.written;  // the same names
    return;
  }
  for (size_t j = parts.size(); j-- > 0;) {
    c.path_storage += parts[j];
    if (j > 0) c.path_storage += '.';
  }
  c.path = c.path_storage;
}

// Whether the call is to a function of the code (of this file, or of a
// local module it imports), and under which name FunctionDef::callees has it.
bool Flows::LocalCallee(std::string_view written, std::string* name) const {
  if (written.empty()) return false;
  std::string_view candidate = written;
  if (callees_.count(candidate) == 0) {
    // `svc.create` on a module-level instance is listed as "Class.create".
    size_t dot = candidate.find('.');
    if (dot == std::string_view::npos) return false;
    auto renamed = instance_methods_.find(candidate.substr(dot));
    if (renamed == instance_methods_.end()) return false;
    candidate = renamed->second;
  }
  bool local = def_index_.count(candidate) > 0;
  if (!local) {
    std::string_view root = candidate.substr(0, candidate.find('.'));
    auto imp = imports_.find(root);
    local = imp != imports_.end() && IsRelative(imp->second.module) && env_.count(root) == 0;
  }
  if (local) *name = std::string(candidate);
  return local;
}

// The result of a sanitizer, or of a call whose result carries no payload
// (a number, a boolean, a digest); false for any other call.
bool Flows::Sanitize(const Callee& c, const std::vector<Labels>& args, Labels* result) const {
  std::string_view p = c.path, m = c.module, method = c.method;
  if (m.empty() && (p == "Number" || p == "parseInt" || p == "parseFloat" || p == "Boolean" ||
                    p == "isNaN" || p == "Number.parseInt" || p == "Number.parseFloat" ||
                    p == "Array.isArray" || p.starts_with("Math.") || p == "Date.now")) {
    return true;
  }
  if (method == "includes" || method == "startsWith" || method == "endsWith" || method == "has" ||
      method == "test" || method == "indexOf" || method == "lastIndexOf" || method == "digest" ||
      method == "localeCompare" || method == "timingSafeEqual" || method == "randomUUID" ||
      method == "compare" || method == "count") {
    return true;
  }
  uint16_t clear = 0;
  if (m.empty() && p == "encodeURIComponent") {
    clear = Bit(TaintSink::kHtml) | Bit(TaintSink::kPath) | Bit(TaintSink::kUrl);
  } else if (m == "path" && (p == "basename" || p == "posix.basename" || p == "win32.basename")) {
    clear = Bit(TaintSink::kPath);
  } else if ((m == "escape-html" && p.empty()) || (m == "he" && (p == "encode" || p == "escape")) ||
             (m == "validator" && p == "escape") || m == "validator/lib/escape" ||
             (m == "lodash" && p == "escape")) {
    clear = Bit(TaintSink::kHtml);
  } else if (m == "shell-quote" && p == "quote") {
    clear = Bit(TaintSink::kCommand);
  } else {
    return false;
  }
  for (const Labels& a : args) {
    for (TaintLabel l : a) {
      l.cleared |= clear;
      AddLabel(result, l);
    }
  }
  return true;
}

// `x.replaceAll('/', '')`, `x.replace(/\//g, '_')`: every '/' replaced by
// text without one.
bool Flows::RemovesSlashes(const Callee& c, TSNode args) {
  if (c.method != "replace" && c.method != "replaceAll") return false;
  TSNode from = Unwrap(Arg(args, 0));
  std::string with;
  if (!StringValue(Unwrap(Arg(args, 1)), &with) || with.find('/') != std::string::npos) return false;
  std::string literal;
  if (c.method == "replaceAll" && StringValue(from, &literal)) return literal == "/";
  std::string_view text = Text(from);
  return text.starts_with("/\\//") && text.substr(4).find('g') != std::string_view::npos &&
         text.size() <= 8;
}

Labels Flows::EvalCall(TSNode n, int depth, bool is_new) {
  TSNode f = Child(n, is_new ? Fd::kConstructor : Fd::kFunction);
  TSNode args = Child(n, Fd::kArguments);
  Callee c;
  Describe(f, &c);
  // The receiver, and each argument; callbacks of array methods get the
  // element.
  Labels receiver;
  TSNode fu = Unwrap(f);
  if (Kind(fu) == N::kMember || Kind(fu) == N::kSubscript) {
    receiver = Eval(Child(fu, Fd::kObject), depth + 1);
    if (Kind(fu) == N::kSubscript) Eval(Child(fu, Fd::kIndex), depth + 1);
  } else if (Kind(fu) != N::kIdentifier) {
    receiver = Eval(fu, depth + 1);
  }
  bool iterates = c.method == "forEach" || c.method == "map" || c.method == "filter" ||
                  c.method == "find" || c.method == "flatMap" || c.method == "some" ||
                  c.method == "every" || c.method == "findLast";
  std::vector<Labels> labels;
  if (Kind(args) == N::kArguments) {
    ForEachNamed(args, [&](TSNode a) {
      TSNode u = Unwrap(a);
      N ak = Kind(u);
      if ((ak == N::kArrow || ak == N::kFunctionExpr) && !IsRoot(u)) {
        Labels element;
        if (iterates) element = Below(receiver, "[]");
        // `.catch((err) => ...)`: its parameter is a caught error.
        labels.push_back(EvalCallback(u, element, c.method == "catch", depth + 1));
        if (!iterates) labels.back().clear();
      } else {
        labels.push_back(Eval(a, depth + 1));
      }
      return labels.size() < 64;
    });
  } else {
    Eval(args, depth + 1);  // a tagged template: a safe builder (sql``, html``)
  }
  CheckCallWeaknesses(n, c, args);
  if (def_ >= 0) {
    CheckSinks(n, c, is_new, args, labels);
    // `callback(null, response)` returns the response.
    auto cb = env_.find(c.path);
    if (c.module.empty() && c.method.empty() && cb != env_.end() && cb->second.param >= 0 &&
        (cb->second.param == 2 || c.path == "callback" || c.path == "cb" || c.path == "done") &&
        labels.size() >= 2 && callback_level_ == 0) {
      AddLabels(&facts_.functions[def_].returns, labels[1]);
      CheckResponse(Arg(args, 1));
    }
  }
  Labels result;
  if (Sanitize(c, labels, &result)) return result;
  std::string key;
  if (c.method == "get" && !receiver.empty() && labels.size() == 1 &&
      StringValue(Unwrap(Arg(args, 0)), &key)) {
    return Below(receiver, key);  // `params.get('id')` reads a field
  }
  if (RemovesSlashes(c, args)) {
    // `key.replaceAll('/', '')`: no separator is left to climb folders with.
    for (TaintLabel& l : receiver) l.cleared |= Bit(TaintSink::kPath);
    return receiver;
  }
  if (EvalDispatch(n, labels, &result)) return result;
  std::string local;
  std::string_view target = c.written;
  bool shifted = false;
  if (c.method == "call" && c.written.size() > 5) {
    // `main.call(this, event)` calls main with the arguments after `this`.
    target.remove_suffix(5);
    shifted = !labels.empty();
  }
  if (def_ >= 0 && LocalCallee(target, &local) &&
      facts_.functions[def_].local_calls.size() < kMaxLocalCalls) {
    std::vector<LocalCall>& calls = facts_.functions[def_].local_calls;
    LocalCall call;
    call.callee = std::move(local);
    call.line = Line(n);
    call.col = Column(n);
    call.args.assign(labels.begin() + (shifted ? 1 : 0), labels.end());
    calls.push_back(std::move(call));
    TaintLabel l;
    l.kind = TaintLabel::Kind::kCallResult;
    l.index = static_cast<uint32_t>(calls.size() - 1);
    l.line = Line(n);
    l.col = Column(n);
    return {l};
  }
  if (iterates && c.method != "map" && c.method != "filter" && c.method != "flatMap") {
    return c.method == "find" || c.method == "findLast" ? Below(receiver, "[]") : Labels();
  }
  result = std::move(receiver);
  for (const Labels& a : labels) AddLabels(&result, a);
  return result;
}

// A call through a dispatch table (js_internal.h): a local call of each
// function of the code it may run, with the call's arguments; its result is
// what they return, and the arguments for those of a library. False when the
// call goes through no table.
bool Flows::EvalDispatch(TSNode n, const std::vector<Labels>& labels, Labels* result) {
  auto found = dispatch_.find(n.id);
  if (def_ < 0 || found == dispatch_.end()) return false;
  std::vector<LocalCall>& calls = facts_.functions[def_].local_calls;
  bool library = false;
  for (const std::string& target : found->second) {
    std::string local;
    if (!LocalCallee(target, &local)) {
      library = true;
      continue;
    }
    if (calls.size() >= kMaxLocalCalls) break;
    LocalCall& call = calls.emplace_back();
    call.callee = std::move(local);
    call.line = Line(n);
    call.col = Column(n);
    call.args = labels;
    TaintLabel l;
    l.kind = TaintLabel::Kind::kCallResult;
    l.index = static_cast<uint32_t>(calls.size() - 1);
    l.line = call.line;
    l.col = call.col;
    AddLabel(result, l);
  }
  if (library) {
    for (const Labels& a : labels) AddLabels(result, a);
  }
  return true;
}

// ---------------------------------------------------------------------------
// Sinks.

void Flows::AddSink(TaintSink kind, TSNode at, std::string_view what, const Labels& labels) {
  if (def_ < 0) return;
  Sink sink;
  for (const TaintLabel& l : labels) {
    if ((l.cleared & Bit(kind)) == 0) AddLabel(&sink.labels, l);
  }
  if (sink.labels.empty()) return;
  sink.kind = kind;
  sink.what = ShortCode(what);
  sink.line = Line(at);
  sink.col = Column(at);
  facts_.functions[def_].sinks.push_back(std::move(sink));
}

const Labels* Flows::Captured(TSNode object, std::string_view key) const {
  if (ts_node_is_null(object)) return nullptr;
  auto it = captured_.find(object.id);
  if (it == captured_.end()) return nullptr;
  const Labels* found = nullptr;
  for (const auto& [k, labels] : it->second) {
    if (k == key) found = &labels;  // the last one written
  }
  return found;
}

// The object literal a value is, or the one a name was bound to.
TSNode Flows::ObjectOf(TSNode n) {
  n = Unwrap(n);
  if (Kind(n) == N::kObject) return n;
  if (Kind(n) == N::kIdentifier) {
    auto it = env_.find(Text(n));
    if (it != env_.end()) return it->second.object;
  }
  return TSNode{};
}

bool Flows::HasShellTrue(TSNode args) {
  bool shell = false;
  ForEachNamed(args, [&](TSNode a) {
    TSNode object = ObjectOf(a);
    ForEachNamed(object, [&](TSNode p) {
      if (Kind(p) == N::kPair && PropertyName(Child(p, Fd::kKey)) == "shell") {
        std::string_view v = Text(Unwrap(Child(p, Fd::kValue)));
        shell = v != "false" && v != "undefined" && v != "null" && v != "0";
      }
      return !shell;
    });
    return !shell;
  });
  return shell;
}

bool Flows::OptionNamesFullSchema(TSNode args) {
  TSNode options = ObjectOf(Arg(args, 1));
  bool full = false;
  ForEachNamed(options, [&](TSNode p) {
    if (Kind(p) == N::kPair && PropertyName(Child(p, Fd::kKey)) == "schema") {
      full = Text(Child(p, Fd::kValue)).find("DEFAULT_FULL_SCHEMA") != std::string_view::npos;
    }
    return !full;
  });
  return full;
}

void Flows::CheckSinks(TSNode call, const Callee& c, bool is_new, TSNode args,
                       const std::vector<Labels>& labels) {
  bool any = false;
  for (const Labels& l : labels) any = any || !l.empty();
  if (!any) return;
  std::string_view m = c.module, p = c.path;
  auto arg = [&](size_t i) -> const Labels& {
    static const Labels kNone;
    return i < labels.size() ? labels[i] : kNone;
  };
  auto all = [&] {
    Labels out;
    for (const Labels& l : labels) AddLabels(&out, l);
    return out;
  };
  std::string what(c.written.empty()
                       ? Text(Unwrap(Child(call, is_new ? Fd::kConstructor : Fd::kFunction)))
                       : std::string_view(c.written));
  if (is_new) what = "new " + what;
  // What a URL-taking call is given: arg 0, or the `url` of an options object.
  auto url_arg = [&]() -> Labels {
    TSNode object = ObjectOf(Arg(args, 0));
    if (ts_node_is_null(object)) return arg(0);
    Labels out;
    for (std::string_view key : {"url", "uri", "baseURL", "host", "hostname", "path"}) {
      if (const Labels* l = Captured(object, key)) AddLabels(&out, *l);
    }
    return out;
  };
  std::string_view fs_op = p.starts_with("promises.") ? p.substr(9) : p;
  static const std::unordered_set<std::string_view> kFsOps = {"readFile",
                                                              "readFileSync",
                                                              "writeFile",
                                                              "writeFileSync",
                                                              "appendFile",
                                                              "appendFileSync",
                                                              "createReadStream",
                                                              "createWriteStream",
                                                              "unlink",
                                                              "unlinkSync",
                                                              "rm",
                                                              "rmSync",
                                                              "readdir",
                                                              "readdirSync",
                                                              "open",
                                                              "openSync"};
  static const std::unordered_set<std::string_view> kHttpVerbs = {
      "get", "post", "put", "delete", "patch", "head", "options", "request"};
  if (m == "child_process") {
    if (p == "exec" || p == "execSync") AddSink(TaintSink::kCommand, call, what, arg(0));
    if ((p == "spawn" || p == "spawnSync" || p == "execFile" || p == "execFileSync") &&
        HasShellTrue(args)) {
      AddSink(TaintSink::kCommand, call, what, arg(0));
    }
  } else if (m.empty() && p == "eval") {
    AddSink(TaintSink::kCode, call, what, arg(0));
  } else if (m.empty() && p == "Function") {
    AddSink(TaintSink::kCode, call, what, all());
  } else if (m == "vm" && (p == "runInNewContext" || p == "runInThisContext" ||
                           p == "runInContext" || (is_new && p == "Script"))) {
    AddSink(TaintSink::kCode, call, what, arg(0));
  } else if (m.empty() && (p == "setTimeout" || p == "setInterval")) {
    N k = Kind(Unwrap(Arg(args, 0)));
    if (k != N::kArrow && k != N::kFunctionExpr) AddSink(TaintSink::kCode, call, what, arg(0));
  } else if ((m == "node-serialize" && p == "unserialize") ||
             (m == "funcster" && p == "deepDeserialize")) {
    AddSink(TaintSink::kDeserialize, call, what, arg(0));
  } else if (m == "js-yaml" && (p == "load" || p == "loadAll") && OptionNamesFullSchema(args)) {
    AddSink(TaintSink::kDeserialize, call, what, arg(0));
  } else if (m == "fs" && kFsOps.count(fs_op) > 0) {
    AddSink(TaintSink::kPath, call, what, arg(0));
  } else if ((m.empty() && (p == "fetch" || (is_new && p == "Request"))) ||
             (m == "node-fetch" && p.empty()) ||
             (m == "undici" && (p == "fetch" || p == "request"))) {
    AddSink(TaintSink::kUrl, call, what, url_arg());
  } else if ((m == "axios" || m == "got") && (p.empty() || kHttpVerbs.count(p) > 0)) {
    AddSink(TaintSink::kUrl, call, what, url_arg());
  } else if ((m == "http" || m == "https") && (p == "get" || p == "request")) {
    AddSink(TaintSink::kUrl, call, what, url_arg());
  } else if ((m == "needle" || m == "superagent") && kHttpVerbs.count(p) > 0) {
    AddSink(TaintSink::kUrl, call, what, arg(0));
  } else if (c.method == "sendFile") {
    AddSink(TaintSink::kPath, call, what, arg(0));
  } else if ((m.empty() && p.starts_with("console.") && IsLogMethod(c.method)) ||
             (IsLogMethod(c.method) && !ts_node_is_null(c.receiver) &&
              NamesLogger(Text(c.receiver)))) {
    AddSink(TaintSink::kLog, call, what, all());
  } else if ((c.method == "send" || c.method == "write" || c.method == "end") && !labels.empty() &&
             !arg(0).empty()) {
    // Express's `res.send(`<p>${name}</p>`)`.
    TSNode body = Unwrap(Arg(args, 0));
    N k = Kind(body);
    bool markup = (k == N::kTemplate || k == N::kBinary) && HasMarkup(body);
    if (k == N::kIdentifier) {
      auto it = env_.find(Text(body));
      markup = it != env_.end() && it->second.markup;
    }
    if (markup) AddSink(TaintSink::kHtml, call, what, arg(0));
  }
  static const std::unordered_set<std::string_view> kSqlMethods = {
      "query", "execute", "raw", "unsafe", "$queryRawUnsafe", "$executeRawUnsafe"};
  uint64_t pos = (static_cast<uint64_t>(Line(call)) << 32) | Column(call);
  if (!is_new && kSqlMethods.count(c.method) > 0 && sdk_positions_.count(pos) == 0 &&
      ts_node_is_null(ObjectOf(Arg(args, 0)))) {
    AddSink(TaintSink::kSql, call, what, arg(0));
  }
  if (dynamo_positions_.count(pos) > 0) CheckNoSql(call, args);
}

// A DynamoDB call the extractor recorded: the expressions of its input.
void Flows::CheckNoSql(TSNode call, TSNode args) {
  TSNode object = ObjectOf(Arg(args, 0));
  Labels labels;
  for (std::string_view key : {"KeyConditionExpression", "FilterExpression", "ConditionExpression",
                               "UpdateExpression", "ProjectionExpression", "Statement"}) {
    if (const Labels* l = Captured(object, key)) AddLabels(&labels, *l);
  }
  if (labels.empty()) return;
  TSNode f = Unwrap(Child(call, Kind(call) == N::kNew ? Fd::kConstructor : Fd::kFunction));
  std::string_view what = Kind(f) == N::kMember ? Text(Child(f, Fd::kProperty)) : Text(f);
  AddSink(TaintSink::kNoSql, call, what, labels);
}

// What a function returns as a Lambda response: an HTML body built from
// labelled data, a stack trace.
void Flows::CheckResponse(TSNode value) {
  TSNode object = ObjectOf(value);
  TSNode stack = caught_ ? StackRead(value) : TSNode{};
  if (!ts_node_is_null(stack)) {
    AddWeakness(CodeWeakness::kStackTrace, value, ShortCode(Text(stack)) + " in the response");
  }
  if (ts_node_is_null(object)) return;
  TSNode body{}, headers{};
  ForEachNamed(object, [&](TSNode p) {
    if (Kind(p) != N::kPair && Kind(p) != N::kShorthandProp) return true;
    std::string key = Kind(p) == N::kPair ? PropertyName(Child(p, Fd::kKey)) : std::string(Text(p));
    TSNode v = Kind(p) == N::kPair ? Child(p, Fd::kValue) : p;
    if (key == "body") body = v;
    if (key == "headers") headers = v;
    return true;
  });
  const Labels* labels = Captured(object, "body");
  if (labels == nullptr || ts_node_is_null(body)) return;
  bool markup = HasMarkup(body);
  if (!markup && Kind(Unwrap(body)) == N::kIdentifier) {
    auto it = env_.find(Text(Unwrap(body)));
    markup = it != env_.end() && it->second.markup;
  }
  if (markup || IsHtmlHeaders(headers)) AddSink(TaintSink::kHtml, body, "response body", *labels);
}

bool Flows::IsHtmlHeaders(TSNode headers) {
  TSNode object = ObjectOf(headers);
  bool html = false;
  ForEachNamed(object, [&](TSNode p) {
    std::string key = Kind(p) == N::kPair ? PropertyName(Child(p, Fd::kKey)) : std::string();
    std::string value;
    if (key.size() == 12 && LowerStartsWith(key, "content-type") &&
        StringValue(Unwrap(Child(p, Fd::kValue)), &value)) {
      html = LowerStartsWith(value, "text/html");
    }
    return !html;
  });
  return html;
}

// Whether a string part of an expression (a literal, a template's text)
// holds '<': a bounded look at the expression's own syntax.
bool Flows::HasMarkup(TSNode n) {
  std::vector<TSNode> stack = {n};
  for (int budget = kScanBudget; !stack.empty() && budget > 0; --budget) {
    TSNode x = stack.back();
    stack.pop_back();
    N k = Kind(x);
    if (k == N::kStringFragment && Text(x).find('<') != std::string_view::npos) return true;
    if (k == N::kString || k == N::kTemplate || k == N::kBinary || k == N::kWrapper ||
        k == N::kSubstitution || k == N::kCall || k == N::kArguments || k == N::kTernary) {
      ForEachNamed(x, [&](TSNode child) {
        stack.push_back(child);
        return stack.size() < 32;
      });
    }
  }
  return false;
}

// The `.stack` of a caught error an expression puts in what it gives, or
// a null node.
TSNode Flows::StackRead(TSNode n) {
  std::vector<TSNode> stack = {n};
  for (int budget = kScanBudget; !stack.empty() && budget > 0; --budget) {
    TSNode x = stack.back();
    stack.pop_back();
    N k = Kind(x);
    if (k == N::kMember && Text(Child(x, Fd::kProperty)) == "stack") {
      TSNode object = Unwrap(Child(x, Fd::kObject));
      auto it = env_.find(Text(object));
      if (Kind(object) == N::kIdentifier && it != env_.end() && it->second.caught) return x;
    }
    if (IsFunction(k)) continue;
    ForEachNamed(x, [&](TSNode child) {
      stack.push_back(child);
      return stack.size() < 32;
    });
  }
  return TSNode{};
}

// ---------------------------------------------------------------------------
// Weaknesses.

void Flows::AddWeakness(CodeWeakness kind, TSNode at, std::string detail, std::string name,
                        std::string value) {
  size_t& count = weakness_counts_[static_cast<size_t>(kind)];
  if (count >= kMaxWeaknesses) return;
  ++count;
  Weakness w;
  w.kind = kind;
  w.line = Line(at);
  w.col = Column(at);
  if (def_ >= 0) w.in_function = facts_.functions[def_].name;
  w.detail = std::move(detail);
  w.name = std::move(name);
  w.value = std::move(value);
  facts_.weaknesses.push_back(std::move(w));
}

void Flows::CheckSecret(std::string_view name, TSNode value) {
  TSNode v = Unwrap(value);
  N k = Kind(v);
  // Escapes only shorten a literal: one under 8 bytes with its quotes is too
  // short, without unescaping it.
  if (name.empty() || (k != N::kString && k != N::kTemplate) || Text(v).size() < 10) return;
  std::string text;
  if (!StringValue(v, &text) || text.size() < 8) return;
  std::string detail = ShortCode(name);
  detail += " = '...'";
  AddWeakness(CodeWeakness::kSecret, v, std::move(detail), std::string(name), std::move(text));
}

// The words an expression's name gives: `user.password` → password,
// `headers['x-api-key']` → x api key, `getToken()` → get token.
std::vector<std::string> Flows::NameWordsOf(TSNode n) {
  for (int i = 0; i < 8; ++i) {
    n = Unwrap(n);
    switch (Kind(n)) {
      case N::kIdentifier:
      case N::kShorthandProp:
        return NameWords(Text(n));
      case N::kMember:
        return NameWords(Text(Child(n, Fd::kProperty)));
      case N::kSubscript: {
        std::string key;
        if (StringValue(Child(n, Fd::kIndex), &key)) return NameWords(key);
        n = Child(n, Fd::kObject);
        continue;
      }
      case N::kCall: {
        // `password.trim()` and `Buffer.from(token)` by the value used, a
        // plain `getToken()` by its own name.
        TSNode f = Unwrap(Child(n, Fd::kFunction));
        if (Kind(f) != N::kMember) return NameWords(Text(f));
        TSNode object = Unwrap(Child(f, Fd::kObject));
        std::string_view o = Text(object);
        n = o == "Buffer" || o == "String" || o == "JSON" ? Arg(Child(n, Fd::kArguments), 0)
                                                          : object;
        continue;
      }
      default:
        return {};
    }
  }
  return {};
}

// A literal the compare rule ignores: null, undefined, numbers, booleans,
// short strings ('Bearer'), words such as a step or state name
// ('createSecret'), `typeof x`, `x.length`.
bool Flows::IsCleanLiteral(TSNode n) {
  n = Unwrap(n);
  N k = Kind(n);
  if (k == N::kLiteral || k == N::kNumber) return true;
  if (k == N::kIdentifier && Text(n) == "undefined") return true;
  std::string s;
  if (StringValue(n, &s)) {
    return s.size() < 8 || std::all_of(s.begin(), s.end(), [](char c) {
             return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' ';
           });
  }
  if (k == N::kUnary) return true;
  if (k == N::kMember) return Text(Child(n, Fd::kProperty)) == "length";
  return false;
}

void Flows::CheckCompare(TSNode n) {
  TSNode left = Child(n, Fd::kLeft), right = Child(n, Fd::kRight);
  if (IsCleanLiteral(left) || IsCleanLiteral(right)) return;
  if (NamesComparedSecret(NameWordsOf(left)) || NamesComparedSecret(NameWordsOf(right))) {
    AddWeakness(CodeWeakness::kTimingCompare, n, ShortCode(Text(n)));
  }
}

bool Flows::AllowsNone(TSNode options) {
  TSNode object = ObjectOf(options);
  bool none = false;
  ForEachNamed(object, [&](TSNode p) {
    if (Kind(p) != N::kPair || PropertyName(Child(p, Fd::kKey)) != "algorithms") return true;
    ForEachNamed(Unwrap(Child(p, Fd::kValue)), [&](TSNode item) {
      std::string s;
      none = StringValue(item, &s) && (s == "none" || s == "None" || s == "NONE");
      return !none;
    });
    return !none;
  });
  return none;
}

void Flows::CheckCallWeaknesses(TSNode call, const Callee& c, TSNode args) {
  std::string_view m = c.module, p = c.path;
  if ((m == "jsonwebtoken" && p == "decode") ||
      (m == "jose" && (p == "decodeJwt" || p == "UnsecuredJWT.decode"))) {
    std::string detail =
        std::string(c.written) + "(" + std::string(Text(Arg(args, 0))) + ") without verify";
    AddWeakness(CodeWeakness::kJwtNoVerify, call, ShortCode(detail));
  } else if (m == "jsonwebtoken" && p == "verify" && AllowsNone(Arg(args, 2))) {
    AddWeakness(CodeWeakness::kJwtNoVerify, call, ShortCode(Text(call)));
  }
  if (c.method == "update" && !ts_node_is_null(c.receiver)) {
    // `crypto.createHash('md5').update(x)`, or on a name holding the hash.
    std::string_view algo;
    TSNode r = Unwrap(c.receiver);
    std::string lit;
    if (Kind(r) == N::kCall) {
      TSNode rf = Unwrap(Child(r, Fd::kFunction));
      if (Text(Kind(rf) == N::kMember ? Child(rf, Fd::kProperty) : rf) == "createHash" &&
          StringValue(Arg(Child(r, Fd::kArguments), 0), &lit)) {
        algo = lit == "md5" ? "md5" : lit == "sha1" ? "sha1" : "sha2";
      }
    } else if (Kind(r) == N::kIdentifier) {
      auto it = env_.find(Text(r));
      if (it != env_.end()) algo = it->second.hash;
    }
    std::vector<std::string> words = NameWordsOf(Arg(args, 0));
    bool weak_for_token =
        (algo == "md5" || algo == "sha1") && HasWord(words, {"token", "secret", "otp"});
    if (!algo.empty() && (NamesPassword(words) || weak_for_token)) {
      AddWeakness(CodeWeakness::kWeakHash, call, ShortCode(Text(call)));
    }
  }
  if ((c.method == "send" || c.method == "json" || c.method == "end") &&
      !ts_node_is_null(c.receiver) && caught_) {
    TSNode stack = StackRead(Arg(args, 0));
    if (!ts_node_is_null(stack)) {
      AddWeakness(CodeWeakness::kStackTrace, call, ShortCode(Text(stack)) + " in the response");
    }
  }
  bool log =
      (m.empty() && p.starts_with("console.") && IsLogMethod(c.method)) ||
      (IsLogMethod(c.method) && !ts_node_is_null(c.receiver) && NamesLogger(Text(c.receiver)));
  if (!log) return;
  bool found = false;
  ForEachNamed(args, [&](TSNode a) {
    TSNode x = Unwrap(a);
    // `JSON.stringify(x)` logs x.
    if (Kind(x) == N::kCall && Text(Child(x, Fd::kFunction)) == "JSON.stringify") {
      x = Unwrap(Arg(Child(x, Fd::kArguments), 0));
    }
    N k = Kind(x);
    if (k == N::kTemplate) {
      ForEachNamed(x, [&](TSNode part) {
        if (Kind(part) == N::kSubstitution) {
          TSNode inner = Unwrap(FirstNamed(part));
          N ik = Kind(inner);
          found = (ik == N::kIdentifier || ik == N::kMember || ik == N::kSubscript) &&
                  NamesLoggedSecret(NameWordsOf(inner));
        }
        return !found;
      });
    } else if (k == N::kIdentifier || k == N::kMember || k == N::kSubscript ||
               k == N::kShorthandProp) {
      found = NamesLoggedSecret(NameWordsOf(x));
    } else if (k == N::kObject) {
      ForEachNamed(x, [&](TSNode prop) {
        N pk = Kind(prop);
        if (pk == N::kShorthandProp) found = NamesLoggedSecret(NameWords(Text(prop)));
        if (pk == N::kPair) {
          TSNode v = Unwrap(Child(prop, Fd::kValue));
          N vk = Kind(v);
          found = (vk == N::kIdentifier || vk == N::kMember || vk == N::kSubscript) &&
                  NamesLoggedSecret(NameWordsOf(v));
        }
        return !found;
      });
    }
    return !found;
  });
  if (found) AddWeakness(CodeWeakness::kLogsSecret, call, ShortCode(Text(call)));
}

}  // namespace

void ExtractFlows(const Tree& tree, const std::vector<TSNode>& roots,
                  const DispatchTargets& dispatch, FileFacts* facts) {
  Flows flows(tree, roots, dispatch, facts);
  flows.Run();
}

}  // namespace fnwarden::load::code::js
