// The JSON report; its schema is documented in docs/json-schema.md. Fields
// are only ever added within a schema version.
#include "report/json_writer.h"
#include "report/report.h"

namespace fnwarden::report {
namespace {

// About what WriteFindingFields writes for `f` besides its strings' bytes:
// the keys, the numbers and the indentation (a little more than measured).
constexpr size_t kFindingOverhead = 512;

size_t FindingSizeHint(const model::Finding& f) {
  size_t n = kFindingOverhead + f.project.size() + f.resource.size() + f.attribute.size() +
             f.loc.path().size() + f.message.size() + f.fix.size() + f.fingerprint.size();
  for (const model::FlowStep& step : f.flow) n += 96 + step.loc.path().size() + step.what.size();
  if (f.rule) n += f.rule->id.size() + f.rule->title.size() + f.rule->FixFor(f.framework).size();
  return n;
}

void WriteFindingFields(const model::Finding& f, JsonWriter* w) {
  std::string_view file = f.loc.path().empty() ? std::string_view(f.project) : f.loc.path();
  w->Field("rule_id", f.rule ? f.rule->id : "");
  w->Field("title", f.rule ? f.rule->title : "");
  w->Field("severity", model::SeverityName(f.severity));
  w->Field("tier", IsHardening(f) ? "hardening" : "risk");
  w->Field("practice", f.rule ? model::PracticeSlug(f.rule->practice) : "");
  w->Field("project", f.project);
  w->Field("resource", f.resource);
  w->Field("attribute", f.attribute);
  w->Field("file", file);
  w->Field("line", f.loc.known() ? f.loc.line : 0u);
  w->Field("column", f.loc.known() ? f.loc.col : 0u);
  w->Field("message", f.message);
  w->Field("fix", !f.fix.empty() ? std::string_view(f.fix)
                                 : (f.rule ? f.rule->FixFor(f.framework) : std::string_view()));
  w->Field("fingerprint", f.fingerprint);
  if (f.flow.empty()) return;
  w->Key("flow");
  w->BeginArray();
  for (const model::FlowStep& step : f.flow) {
    w->BeginObject();
    w->Field("file", step.loc.path());
    w->Field("line", step.loc.line);
    w->Field("column", step.loc.col);
    w->Field("step", step.what);
    w->EndObject();
  }
  w->EndArray();
}

// {"critical": n, "high": n, ...}, most severe first.
void WriteSeverityCounts(const std::array<size_t, 5>& counts, JsonWriter* w) {
  w->BeginObject();
  for (int sev = 4; sev >= 0; --sev) {
    w->Field(model::SeverityName(static_cast<model::Severity>(sev)),
             counts[static_cast<size_t>(sev)]);
  }
  w->EndObject();
}

}  // namespace

std::string RenderJson(const ScanReport& r) { return JoinPieces(RenderJsonPieces(r)); }

std::vector<std::string> RenderJsonPieces(const ScanReport& r) {
  std::vector<std::string> pieces;
  JsonWriter w;
  w.BeginObject();
  w.Field("schema_version", kJsonSchemaVersion);
  w.Key("tool");
  w.BeginObject();
  w.Field("name", "fnwarden");
  w.Field("version", r.tool_version);
  w.EndObject();

  // Side by side, each run of findings a piece of the document: a report
  // of 100,000 findings is never copied into one string.
  w.Key("findings");
  w.BeginArray();
  w.ElementsInPieces(
      r.findings.size(), 2, r.jobs, [&](size_t i) { return FindingSizeHint(r.findings[i]); },
      [&](size_t i, JsonWriter* fw) {
        fw->BeginObject();
        WriteFindingFields(r.findings[i], fw);
        fw->EndObject();
      },
      &pieces);
  w.EndArray();

  w.Key("suppressed");
  w.BeginArray();
  for (const rules::Suppressed& s : r.suppressed) {
    w.BeginObject();
    WriteFindingFields(s.finding, &w);
    w.Key("suppression");
    w.BeginObject();
    w.Field("kind", rules::SuppressionKindName(s.kind));
    w.Field("reason", s.reason);
    w.Field("file", s.loc.path());
    w.Field("line", s.loc.known() ? s.loc.line : 0u);
    w.Field("column", s.loc.known() ? s.loc.col : 0u);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();

  w.Key("diagnostics");
  w.BeginArray();
  for (const util::Diagnostic& d : r.diagnostics) {
    w.BeginObject();
    w.Field("level", d.level == util::DiagLevel::kError ? "error" : "warning");
    w.Field("file", d.path);
    w.Field("line", d.loc.known() ? d.loc.line : 0u);
    w.Field("column", d.loc.known() ? d.loc.col : 0u);
    w.Field("message", d.message);
    w.EndObject();
  }
  w.EndArray();

  const Summary& s = r.summary;
  w.Key("summary");
  w.BeginObject();
  w.Field("findings", s.findings);
  w.Field("suppressed", s.suppressed);
  w.Key("by_severity");
  WriteSeverityCounts(s.by_severity, &w);
  w.Key("by_tier");
  w.BeginObject();
  w.Key("risk");
  WriteSeverityCounts(s.risk_by_severity, &w);
  w.Key("hardening");
  WriteSeverityCounts(s.hardening_by_severity, &w);
  w.EndObject();
  w.Field("files", s.files);
  w.Field("projects", s.projects);
  w.Field("rules", s.rules);
  w.Field("errors", [&] {
    size_t n = 0;
    for (const auto& d : r.diagnostics) n += d.level == util::DiagLevel::kError;
    return n;
  }());
  w.EndObject();
  w.EndObject();
  w.TakeLastPiece(&pieces);
  return pieces;
}

}  // namespace fnwarden::report
