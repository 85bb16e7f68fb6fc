#include "rules/code_findings.h"

#include <map>
#include <set>
#include <tuple>

#include "analysis/event_sources.h"
#include "model/names.h"

namespace fnwarden::rules {
namespace {

model::Severity Shift(model::Severity s, int by) {
  int v = static_cast<int>(s) + by;
  v = std::max(v, static_cast<int>(model::Severity::kLow));
  v = std::min(v, static_cast<int>(model::Severity::kCritical));
  return static_cast<model::Severity>(v);
}

std::string_view ExposureText(analysis::SourceExposure e) {
  switch (e) {
    case analysis::SourceExposure::kAnonymous:
      return " (anyone on the internet can send it)";
    case analysis::SourceExposure::kAuthenticated:
      return "";
    case analysis::SourceExposure::kInternal:
      return " (only AWS-signed callers or AWS services send it)";
  }
  return "";
}

}  // namespace

bool IsPythonCode(const util::Loc& loc) { return loc.path().ends_with(".py"); }

std::string CodeWhere(const util::Loc& loc) {
  return std::string(loc.path()) + ":" + std::to_string(loc.line);
}

void ReportFlows(Context& ctx, const FlowRule& rule) {
  using Where = std::tuple<const util::SourceFile*, uint32_t, uint32_t>;
  for (const model::Function& fn : ctx.model.functions) {
    if (rule.http_only && !analysis::ServesHttp(ctx.facts, fn)) continue;
    // One finding per sink, about its most exposed flow; sinks in the order
    // the code reaches them.
    std::vector<Where> order;
    std::map<Where, std::pair<const model::CodeFlow*, analysis::EventSource>> worst;
    for (const model::CodeFlow& flow : fn.code.flows) {
      if (flow.sink != rule.sink || flow.steps.empty()) continue;
      std::optional<analysis::EventSource> source =
          analysis::ControlledSource(ctx.facts, fn, flow.source);
      if (!source) continue;
      const util::Loc& at = flow.steps.back().loc;
      Where where{at.file, at.line, at.col};
      auto [it, fresh] = worst.try_emplace(where, &flow, *source);
      if (fresh) {
        order.push_back(where);
      } else if (source->exposure < it->second.second.exposure) {
        it->second = {&flow, std::move(*source)};
      }
    }
    for (const Where& where : order) {
      const auto& [flow, source] = worst.at(where);
      const util::Loc& at = flow->steps.back().loc;
      int shift = source.exposure == analysis::SourceExposure::kAnonymous  ? 1
                  : source.exposure == analysis::SourceExposure::kInternal ? -1
                                                                           : 0;
      if (shift != 0) ctx.RaiseSeverity(Shift(ctx.rule().severity, shift));
      ctx.SetFlow(flow->steps);
      std::string sink =
          flow->sink == model::TaintSink::kHtml ? "the " + flow->sink_call : flow->sink_call + "()";
      ctx.Report(fn, at, "code." + flow->sink_call + "." + flow->source,
                 source.trigger + " → " + model::ShownName(fn) + ": " + source.part + " reaches " +
                     sink + " at " + CodeWhere(at) + std::string(ExposureText(source.exposure)) +
                     ", so " + std::string(rule.impact),
                 ctx.Fix(rule.fix(*flow)));
    }
  }
}

void ForEachCodeIssue(
    Context& ctx, model::CodeWeakness kind,
    const std::function<void(const model::Function&, const model::CodeIssue&)>& report) {
  for (const model::Function& fn : ctx.model.functions) {
    std::set<std::tuple<const util::SourceFile*, uint32_t, uint32_t>> seen;
    for (const model::CodeIssue& issue : fn.code.issues) {
      if (issue.kind != kind) continue;
      if (!seen.emplace(issue.loc.file, issue.loc.line, issue.loc.col).second) continue;
      report(fn, issue);
    }
  }
}

}  // namespace fnwarden::rules
