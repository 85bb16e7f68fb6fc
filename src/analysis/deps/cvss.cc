#include "analysis/deps/cvss.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace fnwarden::analysis::deps {
namespace {

// One metric of a vector: its abbreviated name, the values it may take
// (comma-separated, as the specification spells them), and whether the base
// score needs it.
struct Metric {
  std::string_view name;
  std::string_view values;
  bool base;
};

// CVSS v3.1 specification, section 6 (v3.0 has the same metrics).
constexpr std::array<Metric, 22> kV3Metrics = {{
    {"AV", "N,A,L,P", true},    {"AC", "L,H", true},       {"PR", "N,L,H", true},
    {"UI", "N,R", true},        {"S", "U,C", true},        {"C", "H,L,N", true},
    {"I", "H,L,N", true},       {"A", "H,L,N", true},      {"E", "X,U,P,F,H", false},
    {"RL", "X,O,T,W,U", false}, {"RC", "X,U,R,C", false},  {"CR", "X,L,M,H", false},
    {"IR", "X,L,M,H", false},   {"AR", "X,L,M,H", false},  {"MAV", "X,N,A,L,P", false},
    {"MAC", "X,L,H", false},    {"MPR", "X,N,L,H", false}, {"MUI", "X,N,R", false},
    {"MS", "X,U,C", false},     {"MC", "X,N,L,H", false},  {"MI", "X,N,L,H", false},
    {"MA", "X,N,L,H", false},
}};

// CVSS v2 guide, section 2.4.
constexpr std::array<Metric, 14> kV2Metrics = {{
    {"AV", "L,A,N", true},
    {"AC", "H,M,L", true},
    {"Au", "M,S,N", true},
    {"C", "N,P,C", true},
    {"I", "N,P,C", true},
    {"A", "N,P,C", true},
    {"E", "U,POC,F,H,ND", false},
    {"RL", "OF,TF,W,U,ND", false},
    {"RC", "UC,UR,C,ND", false},
    {"CDP", "N,L,LM,MH,H,ND", false},
    {"TD", "N,L,M,H,ND", false},
    {"CR", "L,M,H,ND", false},
    {"IR", "L,M,H,ND", false},
    {"AR", "L,M,H,ND", false},
}};

// Calls fn(part) for each `sep`-separated part of `text`, without
// allocating (advisories are scored by the hundred thousand).
template <class Fn>
bool ForEachPart(std::string_view text, char sep, const Fn& fn) {
  while (true) {
    size_t end = text.find(sep);
    if (!fn(text.substr(0, end))) return false;
    if (end == std::string_view::npos) return true;
    text.remove_prefix(end + 1);
  }
}

bool IsAllowed(std::string_view values, std::string_view value) {
  return !ForEachPart(values, ',', [&](std::string_view allowed) { return allowed != value; });
}

// Splits "K:V/K:V/…" into the metrics of `table`, each at most once, with a
// known value, every base metric present. `out[i]` is the value of
// table[i] ("" when absent).
template <size_t N>
bool ParseMetrics(std::string_view text, const std::array<Metric, N>& table,
                  std::array<std::string_view, N>* out) {
  out->fill({});
  if (text.empty()) return false;
  bool ok = ForEachPart(text, '/', [&](std::string_view part) {
    size_t colon = part.find(':');
    if (colon == std::string_view::npos) return false;
    std::string_view name = part.substr(0, colon);
    std::string_view value = part.substr(colon + 1);
    auto it =
        std::find_if(table.begin(), table.end(), [&](const Metric& m) { return m.name == name; });
    if (it == table.end()) return false;
    size_t index = static_cast<size_t>(it - table.begin());
    if (!(*out)[index].empty() || !IsAllowed(it->values, value)) return false;
    (*out)[index] = value;
    return true;
  });
  if (!ok) return false;
  for (size_t i = 0; i < N; ++i) {
    if (table[i].base && (*out)[i].empty()) return false;
  }
  return true;
}

// CVSS v3.1 Appendix A: the smallest one-decimal number >= `input`,
// computed on integers so that 4.000000000000001 rounds to 4.0, not 4.1.
double Roundup(double input) {
  int64_t scaled = std::llround(input * 100000);
  if (scaled % 10000 == 0) return static_cast<double>(scaled) / 100000.0;
  return static_cast<double>(scaled / 10000 + 1) / 10.0;
}

double ImpactWeightV3(std::string_view v) { return v == "H" ? 0.56 : v == "L" ? 0.22 : 0.0; }

double ScoreV3(const std::array<std::string_view, kV3Metrics.size()>& m) {
  std::string_view av = m[0], ac = m[1], pr = m[2], ui = m[3];
  bool changed = m[4] == "C";
  double w_av = av == "N" ? 0.85 : av == "A" ? 0.62 : av == "L" ? 0.55 : 0.2;
  double w_ac = ac == "L" ? 0.77 : 0.44;
  double w_pr = pr == "N" ? 0.85 : pr == "L" ? (changed ? 0.68 : 0.62) : (changed ? 0.5 : 0.27);
  double w_ui = ui == "N" ? 0.85 : 0.62;
  double iss =
      1 - (1 - ImpactWeightV3(m[5])) * (1 - ImpactWeightV3(m[6])) * (1 - ImpactWeightV3(m[7]));
  double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  double exploitability = 8.22 * w_av * w_ac * w_pr * w_ui;
  if (impact <= 0) return 0;
  double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
  return Roundup(std::min(sum, 10.0));
}

double ImpactWeightV2(std::string_view v) { return v == "C" ? 0.660 : v == "P" ? 0.275 : 0.0; }

double ScoreV2(const std::array<std::string_view, kV2Metrics.size()>& m) {
  std::string_view av = m[0], ac = m[1], au = m[2];
  double w_av = av == "N" ? 1.0 : av == "A" ? 0.646 : 0.395;
  double w_ac = ac == "L" ? 0.71 : ac == "M" ? 0.61 : 0.35;
  double w_au = au == "N" ? 0.704 : au == "S" ? 0.56 : 0.45;
  double impact = 10.41 * (1 - (1 - ImpactWeightV2(m[3])) * (1 - ImpactWeightV2(m[4])) *
                                   (1 - ImpactWeightV2(m[5])));
  double exploitability = 20 * w_av * w_ac * w_au;
  double f = impact == 0 ? 0 : 1.176;
  double base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f;
  // round_to_1_decimal; the small bias keeps x.x5 computed as x.x4999… from
  // rounding down.
  return std::max(0.0, std::round(base * 10 + 1e-9) / 10);
}

}  // namespace

std::optional<CvssScore> ScoreCvss(std::string_view vector) {
  if (vector.size() > 512) return std::nullopt;
  if (vector.starts_with("CVSS:")) {
    CvssVersion version;
    if (vector.starts_with("CVSS:3.1/")) {
      version = CvssVersion::kV3_1;
    } else if (vector.starts_with("CVSS:3.0/")) {
      version = CvssVersion::kV3_0;
    } else {
      return std::nullopt;  // CVSS:4.0 and anything else
    }
    std::array<std::string_view, kV3Metrics.size()> metrics;
    if (!ParseMetrics(vector.substr(9), kV3Metrics, &metrics)) return std::nullopt;
    return CvssScore{version, ScoreV3(metrics)};
  }
  if (vector.size() >= 2 && vector.front() == '(' && vector.back() == ')') {
    vector = vector.substr(1, vector.size() - 2);
  }
  std::array<std::string_view, kV2Metrics.size()> metrics;
  if (!ParseMetrics(vector, kV2Metrics, &metrics)) return std::nullopt;
  return CvssScore{CvssVersion::kV2, ScoreV2(metrics)};
}

std::string_view SeverityOfScore(const CvssScore& score) {
  double s = score.base;
  if (score.version != CvssVersion::kV2 && s >= 9.0) return "critical";
  if (s >= 7.0) return "high";
  if (s >= 4.0) return "medium";
  if (s > 0) return "low";
  return "";
}

}  // namespace fnwarden::analysis::deps
