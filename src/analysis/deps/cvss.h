// CVSS base scores of the severity vectors that advisories carry, computed
// from the vector with FIRST's formulas (no table, no network), and the
// qualitative rating of a score.
#ifndef FNWARDEN_ANALYSIS_DEPS_CVSS_H_
#define FNWARDEN_ANALYSIS_DEPS_CVSS_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace fnwarden::analysis::deps {

enum class CvssVersion : uint8_t { kV2, kV3_0, kV3_1 };

struct CvssScore {
  CvssVersion version = CvssVersion::kV3_1;
  double base = 0;  // 0.0 to 10.0, rounded to one decimal as the specification says
};

// The base score of a CVSS vector:
// - v3.0 and v3.1, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H": the
//   CVSS v3.1 base equations with their Roundup (v3.0 has the same base
//   equations); temporal and environmental metrics may follow and are
//   checked but do not change the base score.
// - v2, "AV:N/AC:L/Au:N/C:P/I:P/A:P" (also in parentheses, as NVD wrote
//   them): the CVSS v2 base equation.
// nullopt when the vector is none of these (CVSS v4.0 is not scored), when a
// base metric is missing, when a metric appears twice, or when a metric's
// name or value is unknown. Never reads past `vector`; any bytes are safe.
std::optional<CvssScore> ScoreCvss(std::string_view vector);

// The qualitative rating of a base score, in fnwarden's lower-case words:
// v3 (FIRST's scale): "critical" >= 9.0, "high" >= 7.0, "medium" >= 4.0,
// "low" > 0, "" for 0. v2 (NVD's scale, which has no critical): "high" >=
// 7.0, "medium" >= 4.0, "low" > 0, "" for 0.
std::string_view SeverityOfScore(const CvssScore& score);

}  // namespace fnwarden::analysis::deps

#endif  // FNWARDEN_ANALYSIS_DEPS_CVSS_H_
