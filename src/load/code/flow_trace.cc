#include "load/code/flow_trace.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

namespace fnwarden::load::code {
namespace {

constexpr int kMaxDepth = 8;
constexpr size_t kMaxOrigins = 8;
constexpr size_t kMaxVisits = 4096;
constexpr size_t kMaxSegments = 8;
constexpr size_t kMaxTargets = 4;
constexpr size_t kMaxSteps = 16;

// A part of the event a value may hold, and how it got there.
struct Origin {
  std::string path;  // below the event
  uint16_t cleared = 0;
  std::vector<model::FlowStep> steps;
};

using Origins = std::vector<Origin>;
using Bindings = std::vector<Origins>;

// `below` read under `path`: "Records" and "[].body" is "Records[].body".
std::string Join(const std::string& path, const std::string& below) {
  if (path.empty()) return below;
  if (below.empty()) return path;
  std::string out = path;
  if (below.front() != '[') out += '.';
  out += below;
  size_t segments = 1;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '.' && ++segments > kMaxSegments) return out.substr(0, i);
  }
  return out;
}

void Add(Origins* to, Origin o) {
  if (to->size() >= kMaxOrigins) return;
  for (const Origin& have : *to) {
    if (have.path == o.path && have.cleared == o.cleared) return;
  }
  to->push_back(std::move(o));
}

void Step(Origin* o, util::Loc at, std::string what) {
  if (o->steps.size() < kMaxSteps) o->steps.push_back({at, std::move(what)});
}

class Tracer {
 public:
  explicit Tracer(FlowResolver& resolver) : resolver_(resolver) {}

  std::vector<model::CodeFlow> Run(const TracedFunction& handler) {
    Bindings event(1);
    event[0].push_back(Origin{});
    Visit(handler, event, 0);
    return std::move(flows_);
  }

 private:
  // One visit of a function with its parameters bound.
  struct Frame {
    TracedFunction fn;
    const Bindings& bindings;
    int depth;
    std::vector<std::optional<Origins>> results;  // per local call
  };

  Origins Visit(const TracedFunction& fn, const Bindings& bindings, int depth) {
    if (depth > kMaxDepth || visits_ >= kMaxVisits) return {};
    if (std::find(chain_.begin(), chain_.end(), fn.def) != chain_.end()) return {};
    ++visits_;
    chain_.push_back(fn.def);
    Frame frame{fn, bindings, depth, {}};
    frame.results.resize(fn.def->local_calls.size());
    for (size_t k = 0; k < fn.def->local_calls.size(); ++k) Result(frame, k);
    for (const Sink& sink : fn.def->sinks) {
      for (const TaintLabel& label : sink.labels) {
        for (Origin& o : Resolve(frame, label)) {
          if ((o.cleared & (1u << static_cast<unsigned>(sink.kind))) != 0) continue;
          AddFlow(fn, sink, std::move(o));
        }
      }
    }
    Origins out;
    for (const TaintLabel& label : fn.def->returns) {
      for (Origin& o : Resolve(frame, label)) Add(&out, std::move(o));
    }
    chain_.pop_back();
    return out;
  }

  Origins Resolve(Frame& frame, const TaintLabel& label) {
    Origins out;
    const Origins* from = nullptr;
    if (label.kind == TaintLabel::Kind::kParam) {
      if (label.index < frame.bindings.size()) from = &frame.bindings[label.index];
    } else if (label.index < frame.results.size()) {
      from = &Result(frame, label.index);
    }
    if (from == nullptr) return out;
    for (const Origin& o : *from) {
      Origin n = o;
      n.path = Join(o.path, label.path);
      n.cleared = o.cleared | label.cleared;
      // A field read is a step; passing the whole value on is the call's.
      if (label.kind == TaintLabel::Kind::kParam && !label.path.empty()) {
        Step(&n, resolver_.Where(frame.fn, label.line, label.col),
             "reads " + EventPathText(n.path));
      }
      Add(&out, std::move(n));
    }
    return out;
  }

  // What local call `k` of the frame returns, following it into the code.
  const Origins& Result(Frame& frame, size_t k) {
    std::optional<Origins>& slot = frame.results[k];
    if (slot) return *slot;
    slot.emplace();
    const LocalCall& call = frame.fn.def->local_calls[k];
    Bindings args;
    bool any = false;
    for (const std::vector<TaintLabel>& arg : call.args) {
      Origins& a = args.emplace_back();
      for (const TaintLabel& label : arg) {
        for (Origin& o : Resolve(frame, label)) Add(&a, std::move(o));
      }
      any = any || !a.empty();
    }
    // Only parameters carry the event: a call given none of it returns none.
    if (!any) return *slot;
    std::vector<TracedFunction> targets = resolver_.Callees(frame.fn, call.callee);
    Origins out;
    if (targets.empty()) {
      // A library function: its result is taken to carry its arguments.
      for (Origins& a : args) {
        for (Origin& o : a) Add(&out, std::move(o));
      }
    } else {
      util::Loc at = resolver_.Where(frame.fn, call.line, call.col);
      for (Origins& a : args) {
        for (Origin& o : a) Step(&o, at, "passes it to " + call.callee + "()");
      }
      if (targets.size() > kMaxTargets) targets.resize(kMaxTargets);
      for (const TracedFunction& t : targets) {
        for (Origin& o : Visit(t, args, frame.depth + 1)) Add(&out, std::move(o));
      }
    }
    *slot = std::move(out);  // `results` never grows: the reference holds
    return *slot;
  }

  void AddFlow(const TracedFunction& fn, const Sink& sink, Origin o) {
    util::Loc at = resolver_.Where(fn, sink.line, sink.col);
    auto key = std::make_tuple(at.file, at.line, at.col, o.path, static_cast<int>(sink.kind));
    if (!seen_.insert(key).second) return;
    model::CodeFlow& flow = flows_.emplace_back();
    flow.sink = sink.kind;
    flow.sink_call = sink.what;
    flow.source = std::move(o.path);
    flow.steps = std::move(o.steps);
    flow.steps.push_back(
        {at, "reaches " + (sink.kind == model::TaintSink::kHtml ? sink.what : sink.what + "()")});
  }

  FlowResolver& resolver_;
  std::vector<const FunctionDef*> chain_;
  size_t visits_ = 0;
  std::vector<model::CodeFlow> flows_;
  std::set<std::tuple<const util::SourceFile*, uint32_t, uint32_t, std::string, int>> seen_;
};

}  // namespace

std::vector<model::CodeFlow> TraceFlows(const TracedFunction& handler, FlowResolver& resolver) {
  if (handler.def == nullptr || handler.def->params.empty()) return {};
  return Tracer(resolver).Run(handler);
}

std::string EventPathText(const std::string& path) {
  if (path.empty()) return "event";
  return path.front() == '[' ? "event" + path : "event." + path;
}

}  // namespace fnwarden::load::code
