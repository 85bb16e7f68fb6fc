// Internal to the JavaScript-family extractor: what js_facts.cc (imports,
// definitions, SDK calls) hands js_flows.cc (taint summaries and
// weaknesses). Not for use outside those two files.
#ifndef FNWARDEN_LOAD_CODE_JS_INTERNAL_H_
#define FNWARDEN_LOAD_CODE_JS_INTERNAL_H_

#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/code/facts.h"
#include "load/code/syntax.h"

namespace fnwarden::load::code::js {

// Appends what one escape sequence of a string literal (`\n`, `\x41`,
// `\u{1F600}`, `\<newline>`) stands for, as UTF-8.
void AppendEscape(std::string_view esc, std::string* out);

// By call node (TSNode::id): the functions a call through a dispatch table
// may run (`routes[event.action](event)`, `const fn = routes.create;
// fn(event)`, `handlers.get(action)?.(event)`), each named as in
// FunctionDef::callees, at most 32 per call. A call absent from the map
// goes through no table js_facts.cc could follow.
using DispatchTargets = std::unordered_map<const void*, std::vector<std::string>>;

// Fills FunctionDef::params, local_calls, returns and sinks of every
// function of `facts`, and facts->weaknesses, from the tree (facts.h, and
// /work/notes/taint-spec.md for what each fact covers). `roots[i]` is the
// node that defines facts->functions[i]: its function, the expression of a
// def that names a value (`export const h = middy(async (e) => ...)`), or a
// null node for a def that only names another (`exports.a = b`). Imports and
// SDK calls must already be in `facts`, and the targets of `dispatch` among
// the callees of the def each call is in: each target is a local call of its
// own, with the call's arguments. Bounded: at most one visit of each node,
// recursion capped in depth.
void ExtractFlows(const Tree& tree, const std::vector<TSNode>& roots,
                  const DispatchTargets& dispatch, FileFacts* facts);

}  // namespace fnwarden::load::code::js

#endif  // FNWARDEN_LOAD_CODE_JS_INTERNAL_H_
