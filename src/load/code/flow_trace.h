// Traces the event of a handler through the code: from the handler
// function's first parameter, through the calls its taint summary records
// (FunctionDef::local_calls) into the functions of the code they name, to
// every sink the event's data reaches. The extractors summarise each
// function alone (facts.h); this joins the summaries, top-down from the
// handler, so that a helper called twice with different arguments is
// judged per call.
//
// Bounded: calls are followed 8 deep, a function already on the call chain
// is not re-entered (recursion), at most 8 origins are kept per value and
// 4,096 function visits per handler; past that the rest is not traced
// (fewer flows, never invented ones).
#ifndef FNWARDEN_LOAD_CODE_FLOW_TRACE_H_
#define FNWARDEN_LOAD_CODE_FLOW_TRACE_H_

#include <string>
#include <vector>

#include "load/code/facts.h"
#include "model/model.h"
#include "util/source.h"

namespace fnwarden::load::code {

// A function of the code: a definition in a file's facts. `file` is an
// opaque handle the resolver understands.
struct TracedFunction {
  const void* file = nullptr;
  const FileFacts* facts = nullptr;
  const FunctionDef* def = nullptr;
};

// What the tracer asks of the code around it.
class FlowResolver {
 public:
  virtual ~FlowResolver() = default;
  // The functions `callee` (as written in from.def's callees) may be: in
  // the same file, or in a local module the file imports. Empty for a
  // library function.
  virtual std::vector<TracedFunction> Callees(const TracedFunction& from,
                                              const std::string& callee) = 0;
  // Where a position of `in`'s file is, for findings.
  virtual util::Loc Where(const TracedFunction& in, uint32_t line, uint32_t col) = 0;
};

// The flows from `handler`'s first parameter (the event) to sinks, in the
// order found, one per (sink, event path).
std::vector<model::CodeFlow> TraceFlows(const TracedFunction& handler, FlowResolver& resolver);

// `path` of the event as code writes it: "event.body.url",
// "event.Records[].s3.object.key", "event" for "".
std::string EventPathText(const std::string& path);

}  // namespace fnwarden::load::code

#endif  // FNWARDEN_LOAD_CODE_FLOW_TRACE_H_
