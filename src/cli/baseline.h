// Baseline files: the fingerprints of accepted findings.
//
// `fnwarden scan --write-baseline FILE` writes one; `--baseline FILE` reads
// it, and also accepts the output of `fnwarden scan --format json` (the
// fingerprints of its `findings[]`, and of `suppressed[]` entries that a
// baseline suppressed).
#ifndef FNWARDEN_CLI_BASELINE_H_
#define FNWARDEN_CLI_BASELINE_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace fnwarden::cli {

// Reads the fingerprints of a baseline document; false with `err` when it
// is not JSON or not a baseline.
bool ParseBaseline(std::string_view json, std::set<std::string>* fingerprints, std::string* err);

// The baseline of a scan: its findings plus the ones the previous baseline
// suppressed (so rewriting a baseline keeps what it accepted).
std::string RenderBaseline(const report::ScanReport& r);

}  // namespace fnwarden::cli

#endif  // FNWARDEN_CLI_BASELINE_H_
