#include "report/report.h"

namespace fnwarden::report {

bool IsHardening(const model::Finding& f) {
  return f.rule != nullptr && f.rule->tier == model::Tier::kHardening;
}

void CountFindings(ScanReport* r) {
  Summary& s = r->summary;
  s.by_severity = {};
  s.risk_by_severity = {};
  s.hardening_by_severity = {};
  for (const model::Finding& f : r->findings) {
    auto severity = static_cast<size_t>(f.severity);
    ++s.by_severity[severity];
    ++(IsHardening(f) ? s.hardening_by_severity : s.risk_by_severity)[severity];
  }
  r->summary.findings = r->findings.size();
  r->summary.suppressed = r->suppressed.size();
  r->summary.rules = r->rules.size();
}

}  // namespace fnwarden::report
