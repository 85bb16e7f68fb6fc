// Fuzz target for the baseline file (cli::ParseBaseline), which a scanned
// repository may carry: any bytes give a set of fingerprints or an error,
// and a baseline written from the fingerprints read (cli::RenderBaseline)
// reads back as the same set.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "cli/baseline.h"
#include "model/finding.h"
#include "report/report.h"

using namespace fnwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  std::set<std::string> fingerprints;
  std::string err;
  if (!cli::ParseBaseline(json, &fingerprints, &err)) {
    if (err.empty()) std::abort();  // false always comes with a reason
    return 0;
  }

  report::ScanReport report;
  report.tool_version = "fuzz";
  for (const std::string& fingerprint : fingerprints) {
    model::Finding& f = report.findings.emplace_back();
    f.fingerprint = fingerprint;
    f.resource = fingerprint;  // any text a finding may carry
  }
  std::set<std::string> again;
  if (!cli::ParseBaseline(cli::RenderBaseline(report), &again, &err) || again != fingerprints) {
    std::abort();
  }
  return 0;
}
