// SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "report/json_writer.h"
#include "report/report.h"

namespace fnwarden::report {
namespace {

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSrcRoot = "%SRCROOT%";

// A finding's level: hardening findings are notes whatever their severity,
// so that code scanning shows risk as errors and warnings.
const char* Level(model::Severity s, model::Tier tier) {
  if (tier == model::Tier::kHardening) return "note";
  switch (s) {
    case model::Severity::kCritical:
    case model::Severity::kHigh: return "error";
    case model::Severity::kMedium: return "warning";
    case model::Severity::kLow:
    case model::Severity::kInfo: return "note";
  }
  return "warning";
}

// GitHub's security-severity: a CVSS-like score as a string. Risk rules only.
const char* SecuritySeverity(model::Severity s) {
  switch (s) {
    case model::Severity::kCritical: return "9.5";
    case model::Severity::kHigh: return "8.0";
    case model::Severity::kMedium: return "5.5";
    case model::Severity::kLow: return "3.0";
    case model::Severity::kInfo: return "0.0";
  }
  return "5.5";
}

// Percent-encodes everything but RFC 3986 unreserved characters and '/'.
std::string EncodeUriPath(std::string_view path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

// SARIF columns count UTF-16 code units by default; ours count bytes.
uint32_t Utf16Column(const util::Loc& loc) {
  std::string_view line = loc.file->Line(loc.line);
  uint32_t units = 1;
  for (size_t i = 0; i + 1 < loc.col && i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

void WriteArtifactLocation(std::string_view path, JsonWriter* w) {
  w->Key("artifactLocation");
  w->BeginObject();
  if (!path.empty() && path.front() == '/') {
    w->Field("uri", "file://" + EncodeUriPath(path));
  } else {
    w->Field("uri", EncodeUriPath(path));
    w->Field("uriBaseId", kSrcRoot);
  }
  w->EndObject();
}

void WritePhysicalLocation(std::string_view path, const util::Loc& loc, JsonWriter* w) {
  w->Key("physicalLocation");
  w->BeginObject();
  WriteArtifactLocation(path, w);
  if (loc.known()) {
    w->Key("region");
    w->BeginObject();
    w->Field("startLine", loc.line);
    w->Field("startColumn", Utf16Column(loc));
    w->EndObject();
  }
  w->EndObject();
}

void WriteRule(const model::RuleInfo& rule, JsonWriter* w) {
  w->BeginObject();
  w->Field("id", rule.id);
  w->Field("name", rule.name.empty() ? rule.id : rule.name);
  w->Key("shortDescription");
  w->BeginObject();
  w->Field("text", rule.title);
  w->EndObject();
  w->Key("fullDescription");
  w->BeginObject();
  w->Field("text", rule.explanation.empty() ? rule.title : rule.explanation);
  w->EndObject();
  w->Key("help");
  w->BeginObject();
  w->Field("text", std::string(rule.explanation) + "\n\nFix:\n" + std::string(rule.fix));
  w->Field("markdown",
           "## Why\n\n" + std::string(rule.explanation) + "\n\n## Fix\n\n" + std::string(rule.fix));
  w->EndObject();
  w->Field("helpUri", RulePageUri(rule.id));
  w->Key("defaultConfiguration");
  w->BeginObject();
  w->Field("level", Level(rule.severity, rule.tier));
  w->EndObject();
  w->Key("properties");
  w->BeginObject();
  // GitHub shows a rule with a security-severity as a security alert of
  // that severity; hardening rules are advice (level note), not alerts.
  if (rule.severity != model::Severity::kInfo && rule.tier != model::Tier::kHardening) {
    w->Field("security-severity", SecuritySeverity(rule.severity));
  }
  w->Key("tags");
  w->BeginArray();
  w->String("security");
  w->String(model::PracticeSlug(rule.practice));
  if (rule.tier != model::Tier::kUnset) w->String(model::TierName(rule.tier));
  w->EndArray();
  w->Field("precision", "high");
  w->Field("problem.severity", rule.severity >= model::Severity::kHigh     ? "error"
                               : rule.severity == model::Severity::kMedium ? "warning"
                                                                           : "recommendation");
  w->EndObject();
  w->EndObject();
}

// SARIF's suppression kind: written in the scanned files, or kept outside
// them (the configuration file, a baseline).
const char* SuppressionKind(rules::SuppressionKind kind) {
  switch (kind) {
    case rules::SuppressionKind::kInline:
    case rules::SuppressionKind::kResource: return "inSource";
    case rules::SuppressionKind::kConfig:
    case rules::SuppressionKind::kBaseline: return "external";
  }
  return "external";
}

void WriteSuppression(const rules::Suppressed& s, JsonWriter* w) {
  w->Key("suppressions");
  w->BeginArray();
  w->BeginObject();
  w->Field("kind", SuppressionKind(s.kind));
  w->Field("status", "accepted");
  if (!s.reason.empty()) w->Field("justification", s.reason);
  if (s.loc.known()) {
    w->Key("location");
    w->BeginObject();
    WritePhysicalLocation(s.loc.path(), s.loc, w);
    w->EndObject();
  }
  w->Key("properties");
  w->BeginObject();
  w->Field("fnwarden/kind", rules::SuppressionKindName(s.kind));
  w->EndObject();
  w->EndObject();
  w->EndArray();
}

// A data flow as one thread flow: the source first, the sink last.
void WriteCodeFlow(const std::vector<model::FlowStep>& flow, JsonWriter* w) {
  w->Key("codeFlows");
  w->BeginArray();
  w->BeginObject();
  w->Key("threadFlows");
  w->BeginArray();
  w->BeginObject();
  w->Key("locations");
  w->BeginArray();
  for (const model::FlowStep& step : flow) {
    w->BeginObject();
    w->Key("location");
    w->BeginObject();
    WritePhysicalLocation(step.loc.path(), step.loc, w);
    w->Key("message");
    w->BeginObject();
    w->Field("text", step.what);
    w->EndObject();
    w->EndObject();
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
  w->EndArray();
  w->EndObject();
  w->EndArray();
}

// About what WriteResult writes for `f`: its strings' bytes, and the keys,
// numbers and indentation around them (a little more than measured).
size_t ResultSizeHint(const model::Finding& f) {
  size_t n = 900 + f.rule->id.size() + f.message.size() + f.fix.size() + f.loc.path().size() +
             f.project.size() + f.resource.size() + f.fingerprint.size() + f.attribute.size();
  for (const model::FlowStep& step : f.flow) n += 256 + step.loc.path().size() + step.what.size();
  return n;
}

// One result; `suppressed` adds its suppressions[].
void WriteResult(const model::Finding& f, size_t rule_index, const rules::Suppressed* suppressed,
                 JsonWriter* w) {
  w->BeginObject();
  w->Field("ruleId", f.rule->id);
  w->Field("ruleIndex", static_cast<uint64_t>(rule_index));
  w->Field("level", Level(f.severity, f.rule->tier));
  w->Key("message");
  w->BeginObject();
  w->Field("text", f.fix.empty() ? f.message : f.message + ". " + f.fix);
  w->EndObject();
  w->Key("locations");
  w->BeginArray();
  w->BeginObject();
  std::string_view path = f.loc.path().empty() ? std::string_view(f.project) : f.loc.path();
  WritePhysicalLocation(path, f.loc, w);
  if (!f.resource.empty()) {
    w->Key("logicalLocations");
    w->BeginArray();
    w->BeginObject();
    w->Field("name", f.resource);
    w->Field("kind", "resource");
    w->EndObject();
    w->EndArray();
  }
  w->EndObject();
  w->EndArray();
  if (!f.flow.empty()) WriteCodeFlow(f.flow, w);
  w->Key("partialFingerprints");
  w->BeginObject();
  w->Field("fnwarden/v1", f.fingerprint);
  w->EndObject();
  if (suppressed != nullptr) WriteSuppression(*suppressed, w);
  w->Key("properties");
  w->BeginObject();
  w->Field("severity", model::SeverityName(f.severity));
  w->Field("tier", IsHardening(f) ? "hardening" : "risk");
  if (!f.attribute.empty()) w->Field("attribute", f.attribute);
  w->EndObject();
  w->EndObject();
}

void WriteNotification(const util::Diagnostic& d, JsonWriter* w) {
  w->BeginObject();
  w->Field("level", d.level == util::DiagLevel::kError ? "error" : "warning");
  w->Key("message");
  w->BeginObject();
  w->Field("text", d.message);
  w->EndObject();
  if (!d.path.empty()) {
    w->Key("locations");
    w->BeginArray();
    w->BeginObject();
    WritePhysicalLocation(d.path, d.loc, w);
    w->EndObject();
    w->EndArray();
  }
  w->EndObject();
}

}  // namespace

std::string RenderSarif(const ScanReport& r) { return JoinPieces(RenderSarifPieces(r)); }

std::vector<std::string> RenderSarifPieces(const ScanReport& r) {
  std::vector<std::string> pieces;
  // driver.rules: the rules that ran, plus any rule a finding names that is
  // not among them, so every result has a ruleIndex.
  std::vector<const model::RuleInfo*> rules = r.rules;
  std::map<std::string_view, size_t> index;
  for (size_t i = 0; i < rules.size(); ++i) index.emplace(rules[i]->id, i);
  auto add_rule = [&](const model::Finding& f) {
    if (f.rule && index.emplace(f.rule->id, rules.size()).second) rules.push_back(f.rule);
  };
  for (const model::Finding& f : r.findings) add_rule(f);
  for (const rules::Suppressed& s : r.suppressed) add_rule(s.finding);
  // Some inputs could not be read: the results are partial.
  bool successful = std::none_of(r.diagnostics.begin(), r.diagnostics.end(), [](const auto& d) {
    return d.level == util::DiagLevel::kError;
  });

  JsonWriter w;
  w.BeginObject();
  w.Field("$schema", kSchema);
  w.Field("version", "2.1.0");
  w.Key("runs");
  w.BeginArray();
  w.BeginObject();

  w.Key("tool");
  w.BeginObject();
  w.Key("driver");
  w.BeginObject();
  w.Field("name", "fnwarden");
  w.Field("version", r.tool_version);
  w.Field("semanticVersion", r.tool_version);
  w.Field("informationUri", kInformationUri);
  w.Key("rules");
  w.BeginArray();
  for (const model::RuleInfo* rule : rules) WriteRule(*rule, &w);
  w.EndArray();
  w.EndObject();
  w.EndObject();

  w.Key("invocations");
  w.BeginArray();
  w.BeginObject();
  w.Field("executionSuccessful", successful);
  w.Key("toolExecutionNotifications");
  w.BeginArray();
  for (const util::Diagnostic& d : r.diagnostics) WriteNotification(d, &w);
  w.EndArray();
  w.EndObject();
  w.EndArray();

  if (!r.source_root.empty()) {
    w.Key("originalUriBaseIds");
    w.BeginObject();
    w.Key(kSrcRoot);
    w.BeginObject();
    w.Field("uri", "file://" + EncodeUriPath(r.source_root));
    w.EndObject();
    w.EndObject();
  }

  // Side by side, each run of results a piece of the document.
  w.Key("results");
  w.BeginArray();
  std::vector<std::pair<const model::Finding*, size_t>> results;  // with their rule's index
  results.reserve(r.findings.size());
  for (const model::Finding& f : r.findings) {
    if (f.rule) results.emplace_back(&f, index[f.rule->id]);
  }
  w.ElementsInPieces(
      results.size(), 4, r.jobs, [&](size_t i) { return ResultSizeHint(*results[i].first); },
      [&](size_t i, JsonWriter* fw) {
        WriteResult(*results[i].first, results[i].second, nullptr, fw);
      },
      &pieces);
  for (const rules::Suppressed& s : r.suppressed) {
    if (s.finding.rule) WriteResult(s.finding, index[s.finding.rule->id], &s, &w);
  }
  w.EndArray();
  w.Field("columnKind", "utf16CodeUnits");
  w.EndObject();
  w.EndArray();
  w.EndObject();
  w.TakeLastPiece(&pieces);
  return pieces;
}

}  // namespace fnwarden::report
