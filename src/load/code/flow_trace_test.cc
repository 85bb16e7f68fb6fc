#include "load/code/flow_trace.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace fnwarden::load::code {
namespace {

using model::TaintSink;

TaintLabel Param(uint32_t index, std::string path, uint32_t line, uint16_t cleared = 0) {
  TaintLabel l;
  l.kind = TaintLabel::Kind::kParam;
  l.index = index;
  l.path = std::move(path);
  l.line = line;
  l.col = 1;
  l.cleared = cleared;
  return l;
}

TaintLabel Result(uint32_t index, std::string path = "") {
  TaintLabel l;
  l.kind = TaintLabel::Kind::kCallResult;
  l.index = index;
  l.path = std::move(path);
  return l;
}

Sink MakeSink(TaintSink kind, std::string what, uint32_t line, std::vector<TaintLabel> labels) {
  Sink s;
  s.kind = kind;
  s.what = std::move(what);
  s.line = line;
  s.col = 5;
  s.labels = std::move(labels);
  return s;
}

LocalCall Call(std::string callee, uint32_t line, std::vector<std::vector<TaintLabel>> args) {
  LocalCall c;
  c.callee = std::move(callee);
  c.line = line;
  c.col = 3;
  c.args = std::move(args);
  return c;
}

// Two files: the handler's and a helper module; callees resolve by name
// across both, and every position is in a file of its own.
class FakeCode : public FlowResolver {
 public:
  FakeCode() : handler_file_("app.py", ""), helper_file_("helpers.py", "") {
    handler_.language = Language::kPython;
    helpers_.language = Language::kPython;
  }

  FunctionDef& Define(bool in_helpers, std::string name, std::vector<std::string> params) {
    FileFacts& f = in_helpers ? helpers_ : handler_;
    FunctionDef& d = f.functions.emplace_back();
    d.name = std::move(name);
    d.params = std::move(params);
    return d;
  }

  std::vector<model::CodeFlow> Trace() {
    for (const FunctionDef& d : handler_.functions) {
      if (d.name == "handler") return TraceFlows({&handler_file_, &handler_, &d}, *this);
    }
    return {};
  }

  std::vector<TracedFunction> Callees(const TracedFunction&, const std::string& callee) override {
    std::vector<TracedFunction> out;
    for (auto [file, facts] :
         {std::pair{&handler_file_, &handler_}, std::pair{&helper_file_, &helpers_}}) {
      for (const FunctionDef& d : facts->functions) {
        if (d.name == callee) out.push_back({file, facts, &d});
      }
    }
    return out;
  }

  util::Loc Where(const TracedFunction& in, uint32_t line, uint32_t col) override {
    return {static_cast<const util::SourceFile*>(in.file), line, col};
  }

 private:
  util::SourceFile handler_file_;
  util::SourceFile helper_file_;
  FileFacts handler_;
  FileFacts helpers_;
};

std::vector<std::string> Shown(const model::CodeFlow& flow) {
  std::vector<std::string> out;
  for (const model::FlowStep& s : flow.steps) {
    out.push_back(std::string(s.loc.path()) + ":" + std::to_string(s.loc.line) + " " + s.what);
  }
  return out;
}

TEST(FlowTraceTest, AFieldOfTheEventReachesASinkInTheHandler) {
  FakeCode code;
  FunctionDef& h = code.Define(false, "handler", {"event", "context"});
  h.sinks.push_back(MakeSink(TaintSink::kCommand, "os.system", 7, {Param(0, "body.cmd", 4)}));
  std::vector<model::CodeFlow> flows = code.Trace();
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].sink, TaintSink::kCommand);
  EXPECT_EQ(flows[0].sink_call, "os.system");
  EXPECT_EQ(flows[0].source, "body.cmd");
  EXPECT_EQ(Shown(flows[0]), (std::vector<std::string>{"app.py:4 reads event.body.cmd",
                                                       "app.py:7 reaches os.system()"}));
}

TEST(FlowTraceTest, TheContextParameterIsNoSource) {
  FakeCode code;
  FunctionDef& h = code.Define(false, "handler", {"event", "context"});
  h.sinks.push_back(MakeSink(TaintSink::kCode, "eval", 3, {Param(1, "function_name", 2)}));
  EXPECT_TRUE(code.Trace().empty());
}

TEST(FlowTraceTest, AHelperInAnotherFileIsJudgedWithItsArguments) {
  FakeCode code;
  FunctionDef& h = code.Define(false, "handler", {"event"});
  // run(event['Records'][0]['s3']['object']['key'], 'fixed')
  h.local_calls.push_back(Call("run", 5, {{Param(0, "Records[].s3.object.key", 4)}, {}}));
  // run('ls', event['body']): the second argument goes nowhere dangerous.
  h.local_calls.push_back(Call("run", 6, {{}, {Param(0, "body", 6)}}));
  FunctionDef& run = code.Define(true, "run", {"name", "mode"});
  run.sinks.push_back(MakeSink(TaintSink::kPath, "open", 12, {Param(0, "", 11)}));
  std::vector<model::CodeFlow> flows = code.Trace();
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].source, "Records[].s3.object.key");
  EXPECT_EQ(Shown(flows[0]), (std::vector<std::string>{
                                 "app.py:4 reads event.Records[].s3.object.key",
                                 "app.py:5 passes it to run()", "helpers.py:12 reaches open()"}));
}

TEST(FlowTraceTest, AHelperThatReceivesTheWholeEventReadsItsPath) {
  FakeCode code;
  FunctionDef& h = code.Define(false, "handler", {"event"});
  h.local_calls.push_back(Call("parse", 3, {{Param(0, "", 3)}}));
  // url = parse(event)['url']; fetch(url)
  h.sinks.push_back(MakeSink(TaintSink::kUrl, "requests.get", 4, {Result(0, "url")}));
  FunctionDef& parse = code.Define(true, "parse", {"e"});
  parse.returns.push_back(Param(0, "body", 20));  // return json.loads(e['body'])
  std::vector<model::CodeFlow> flows = code.Trace();
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].source, "body.url");
  EXPECT_EQ(Shown(flows[0]), (std::vector<std::string>{"app.py:3 passes it to parse()",
                                                       "helpers.py:20 reads event.body",
                                                       "app.py:4 reaches requests.get()"}));
}

TEST(FlowTraceTest, ALibraryCallCarriesItsArguments) {
  FakeCode code;
  FunctionDef& h = code.Define(false, "handler", {"event"});
  h.local_calls.push_back(Call("render", 3, {{Param(0, "queryStringParameters.name", 3)}}));
  h.sinks.push_back(MakeSink(TaintSink::kHtml, "response body", 4, {Result(0)}));
  std::vector<model::CodeFlow> flows = code.Trace();
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].source, "queryStringParameters.name");
  EXPECT_EQ(flows[0].steps.back().what, "reaches response body");
}

TEST(FlowTraceTest, ASanitizerClearsOnlyItsSinkKind) {
  FakeCode code;
  FunctionDef& h = code.Define(false, "handler", {"event"});
  uint16_t quoted = 1u << static_cast<unsigned>(TaintSink::kCommand);
  h.sinks.push_back(MakeSink(TaintSink::kCommand, "os.system", 5, {Param(0, "body", 4, quoted)}));
  h.sinks.push_back(MakeSink(TaintSink::kLog, "print", 6, {Param(0, "body", 4, quoted)}));
  std::vector<model::CodeFlow> flows = code.Trace();
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].sink, TaintSink::kLog);
}

TEST(FlowTraceTest, ARecursiveHelperEnds) {
  FakeCode code;
  FunctionDef& h = code.Define(false, "handler", {"event"});
  h.local_calls.push_back(Call("walk", 2, {{Param(0, "detail", 2)}}));
  FunctionDef& walk = code.Define(true, "walk", {"node"});
  walk.local_calls.push_back(Call("walk", 9, {{Param(0, "children[]", 9)}}));
  walk.sinks.push_back(MakeSink(TaintSink::kCode, "eval", 10, {Param(0, "expr", 10)}));
  std::vector<model::CodeFlow> flows = code.Trace();
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].source, "detail.expr");
}

TEST(FlowTraceTest, PathsKeepEightSegments) {
  FakeCode code;
  FunctionDef& h = code.Define(false, "handler", {"event"});
  h.local_calls.push_back(Call("deep", 2, {{Param(0, "a.b.c.d.e", 2)}}));
  FunctionDef& deep = code.Define(true, "deep", {"x"});
  deep.sinks.push_back(MakeSink(TaintSink::kSql, "cur.execute", 5, {Param(0, "f.g.h.i.j", 5)}));
  std::vector<model::CodeFlow> flows = code.Trace();
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].source, "a.b.c.d.e.f.g.h");
}

TEST(FlowTraceTest, EventPathsReadAsCode) {
  EXPECT_EQ(EventPathText(""), "event");
  EXPECT_EQ(EventPathText("body.url"), "event.body.url");
  EXPECT_EQ(EventPathText("[].body"), "event[].body");
}

}  // namespace
}  // namespace fnwarden::load::code
