// The rule catalog (`fnwarden rules`) and one rule's explanation
// (`fnwarden explain`).
#include <algorithm>
#include <string>

#include "report/json_writer.h"
#include "report/report.h"

namespace fnwarden::report {
namespace {

std::string Pad(std::string_view s, size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string Bold(bool color, std::string_view s) {
  return color ? "\x1b[1m" + std::string(s) + "\x1b[0m" : std::string(s);
}

}  // namespace

std::string RenderCatalogText(const std::vector<const model::RuleInfo*>& rules, bool color) {
  size_t practice_width = 8;
  for (const model::RuleInfo* r : rules) {
    practice_width =
        std::max(practice_width, std::string_view(model::PracticeName(r->practice)).size());
  }
  std::string out = Bold(color, Pad("ID", 13) + Pad("SEVERITY", 10) + Pad("TIER", 11) +
                                    Pad("PRACTICE", practice_width + 2) + "TITLE") +
                    "\n";
  for (const model::RuleInfo* r : rules) {
    out += Pad(r->id, 13) + Pad(model::SeverityName(r->severity), 10) +
           Pad(model::TierName(r->tier), 11) +
           Pad(model::PracticeName(r->practice), practice_width + 2) + std::string(r->title) + "\n";
  }
  out += std::to_string(rules.size()) + (rules.size() == 1 ? " rule" : " rules") +
         "; `fnwarden explain ID` tells why each matters and how to fix it\n";
  return out;
}

std::string RenderCatalogJson(const std::vector<const model::RuleInfo*>& rules,
                              std::string_view tool_version) {
  JsonWriter w;
  w.BeginObject();
  w.Field("schema_version", kJsonSchemaVersion);
  w.Key("tool");
  w.BeginObject();
  w.Field("name", "fnwarden");
  w.Field("version", tool_version);
  w.EndObject();
  w.Key("rules");
  w.BeginArray();
  for (const model::RuleInfo* r : rules) {
    w.BeginObject();
    w.Field("id", r->id);
    w.Field("title", r->title);
    w.Field("severity", model::SeverityName(r->severity));
    w.Field("tier", model::TierName(r->tier));
    w.Field("practice", model::PracticeSlug(r->practice));
    w.Field("practice_name", model::PracticeName(r->practice));
    w.Key("aliases");
    w.BeginArray();
    for (std::string_view a : r->aliases) w.String(a);
    w.EndArray();
    w.Field("explanation", r->explanation);
    w.Field("fix", r->fix);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderExplain(const model::RuleInfo& rule, bool color) {
  std::string out = Bold(color, std::string(rule.id) + ": " + std::string(rule.title)) + "\n";
  out += "severity: " + std::string(model::SeverityName(rule.severity)) + "\n";
  out += "tier: " + std::string(model::TierName(rule.tier)) + "\n";
  out += "practice: " + std::string(model::PracticeName(rule.practice)) + "\n";
  if (!rule.aliases.empty()) {
    out += "aliases:";
    for (std::string_view a : rule.aliases) out += " " + std::string(a);
    out += "\n";
  }
  out += "\n" + Bold(color, "Why") + "\n\n" + std::string(rule.explanation) + "\n\n";
  out += Bold(color, "Fix") + "\n\n" + std::string(rule.fix) + "\n";
  return out;
}

}  // namespace fnwarden::report
