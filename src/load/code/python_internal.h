// What python_facts.cc and python_flows.cc share: the node kinds and fields
// of tree-sitter-python, looked up once, the few helpers that walk them, and
// the flow analysis's entry point. Internal to the Python extractor.
#ifndef FNWARDEN_LOAD_CODE_PYTHON_INTERNAL_H_
#define FNWARDEN_LOAD_CODE_PYTHON_INTERNAL_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "load/code/facts.h"
#include "load/code/syntax.h"

namespace fnwarden::load::code::python {

// The node types the extractors look at.
enum class K : uint8_t {
  kOther,
  kComment,
  kIdentifier,
  kAttribute,
  kCall,
  kSubscript,
  kString,
  kConcatenatedString,
  kStringStart,
  kStringEnd,
  kInterpolation,
  kParenthesized,
  kConditional,
  kBooleanOperator,
  kAwait,
  kNone,
  kDictionary,
  kPair,
  kList,
  kTuple,
  kExpressionList,
  kPatternList,
  kTuplePattern,
  kListPattern,
  kListSplat,
  kListSplatPattern,
  kDictionarySplat,
  kDictionarySplatPattern,
  kParenthesizedListSplat,
  kNamedExpression,
  kAssignment,
  kAugmentedAssignment,
  kDeleteStatement,
  kFunctionDefinition,
  kClassDefinition,
  kDecoratedDefinition,
  kDecorator,
  kLambda,
  kComprehension,
  kForStatement,
  kForInClause,
  kAsPattern,
  kAsPatternTarget,
  kExceptClause,
  kImportStatement,
  kImportFromStatement,
  kGlobalStatement,
  kNonlocalStatement,
  kReturnStatement,
  kYield,
  kParameters,
  kLambdaParameters,
  kArgumentList,
  kKeywordArgument,
  kGeneratorExpression,
  kDottedName,
  kAliasedImport,
  kRelativeImport,
  kImportPrefix,
  kWildcardImport,
  kDefaultParameter,
  kTypedParameter,
  kTypedDefaultParameter,
  kKeywordSeparator,
  kPositionalSeparator,
  // Statements, operators and literals the flow analysis reads.
  kBlock,
  kExpressionStatement,
  kIfStatement,
  kElifClause,
  kElseClause,
  kWhileStatement,
  kTryStatement,
  kFinallyClause,
  kWithStatement,
  kComparisonOperator,
  kBinaryOperator,
  kNotOperator,
  kSet,
  kSlice,
  kInteger,
  kFloat,
  kTrue,
  kFalse,
};

// Node kinds by grammar symbol, and the field ids, looked up once.
struct Grammar {
  std::vector<K> kinds;
  TSFieldId name = 0, value = 0, left = 0, right = 0, function = 0, arguments = 0, object = 0,
            attribute = 0, parameters = 0, superclasses = 0, definition = 0, alias = 0,
            module_name = 0, subscript = 0, key = 0, op = 0, body = 0, condition = 0,
            consequence = 0, alternative = 0, operators = 0, expression = 0;
};

const Grammar& Python();

inline K KindOf(TSNode node) {
  if (ts_node_is_null(node)) return K::kOther;
  TSSymbol symbol = ts_node_symbol(node);
  const std::vector<K>& kinds = Python().kinds;
  return symbol < kinds.size() ? kinds[symbol] : K::kOther;
}

inline TSNode FieldOf(TSNode node, TSFieldId field) {
  if (ts_node_is_null(node) || field == 0) return TSNode{};
  return ts_node_child_by_field_id(node, field);
}

// Calls f(child, field id) for each child of `node`, in order. A cursor
// keeps this linear in the number of children (ts_node_child(i) is not).
template <typename F>
void ForEachChild(TSNode node, F&& f) {
  if (ts_node_is_null(node)) return;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      f(ts_tree_cursor_current_node(&cursor), ts_tree_cursor_current_field_id(&cursor));
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
}

// The named children of `node` but comments.
std::vector<TSNode> NamedChildren(TSNode node);
TSNode FirstNamedChild(TSNode node);

// Appends the value of a string literal (implicitly concatenated parts
// too), unescaped, to `out`. False for f-strings with substitutions and
// bytes.
bool StringLiteral(const Tree& tree, TSNode node, std::string* out);

// What the facts pass gives the flow analysis.
struct FlowInput {
  // Parallel to FileFacts::functions: each def's function_definition node,
  // and whether its first parameter is `self`/`cls` (left out of params).
  struct Function {
    TSNode node;
    bool method = false;
  };
  std::vector<Function> functions;
  // By call node (CallKey): the callee as in FunctionDef::callees, and the
  // index in FileFacts::calls of the SDK call it is.
  std::unordered_map<uint64_t, std::string> callees;
  // By call node: the functions a call through a dispatch table may reach
  // (`ROUTES[action](event)`, `ROUTES.get(action)(event)`), each as in
  // FunctionDef::callees. A call is in `callees` or here, not both.
  std::unordered_map<uint64_t, std::vector<std::string>> dispatch;
  std::unordered_map<uint64_t, uint32_t> sdk_calls;
};

inline uint64_t CallKey(TSNode call) {
  return static_cast<uint64_t>(ts_node_start_byte(call)) << 32 | ts_node_end_byte(call);
}

// Fills FunctionDef::params, local_calls, returns and sinks, and
// FileFacts::weaknesses (python_flows.cc).
void ExtractFlows(const Tree& tree, const FlowInput& input, FileFacts* facts);

}  // namespace fnwarden::load::code::python

#endif  // FNWARDEN_LOAD_CODE_PYTHON_INTERNAL_H_
