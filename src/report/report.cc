#include "report/report.h"

namespace fnwarden::report {

void CountFindings(ScanReport* r) {
  r->summary.by_severity = {};
  for (const model::Finding& f : r->findings) {
    ++r->summary.by_severity[static_cast<size_t>(f.severity)];
  }
  r->summary.findings = r->findings.size();
  r->summary.suppressed = r->suppressed.size();
  r->summary.rules = r->rules.size();
}

}  // namespace fnwarden::report
