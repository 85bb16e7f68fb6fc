#include "model/finding.h"

#include "util/strings.h"

namespace fnwarden::model {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "medium";
}

std::optional<Severity> ParseSeverity(std::string_view s) {
  std::string lower = util::ToLower(s);
  for (Severity v : {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh,
                     Severity::kCritical}) {
    if (lower == SeverityName(v)) return v;
  }
  return std::nullopt;
}

const char* TierName(Tier t) {
  switch (t) {
    case Tier::kRisk: return "risk";
    case Tier::kHardening: return "hardening";
    case Tier::kUnset: return "";
  }
  return "";
}

std::optional<Tier> ParseTier(std::string_view s) {
  std::string lower = util::ToLower(s);
  for (Tier t : {Tier::kRisk, Tier::kHardening}) {
    if (lower == TierName(t)) return t;
  }
  return std::nullopt;
}

const char* PracticeName(Practice p) {
  switch (p) {
    case Practice::kLeastPrivilege: return "Least privilege";
    case Practice::kSecureConfiguration: return "Secure configuration";
    case Practice::kDataEncryption: return "Data encryption";
    case Practice::kApiAuthentication: return "API authentication";
    case Practice::kCodeSecurity: return "Security testing of the code";
    case Practice::kDependencies: return "Secure dependencies";
    case Practice::kIsolation: return "Function isolation";
    case Practice::kMonitoring: return "Monitoring and logging";
    case Practice::kAwareness: return "Security awareness";
    case Practice::kIncidentResponse: return "Incident response";
  }
  return "";
}

const char* PracticeSlug(Practice p) {
  switch (p) {
    case Practice::kLeastPrivilege: return "least-privilege";
    case Practice::kSecureConfiguration: return "secure-configuration";
    case Practice::kDataEncryption: return "data-encryption";
    case Practice::kApiAuthentication: return "api-authentication";
    case Practice::kCodeSecurity: return "code-security";
    case Practice::kDependencies: return "secure-dependencies";
    case Practice::kIsolation: return "function-isolation";
    case Practice::kMonitoring: return "monitoring-and-logging";
    case Practice::kAwareness: return "security-awareness";
    case Practice::kIncidentResponse: return "incident-response";
  }
  return "";
}

const char* AreaOfPractice(Practice p) {
  switch (p) {
    case Practice::kLeastPrivilege: return "IAM";
    case Practice::kSecureConfiguration: return "CFG";
    case Practice::kDataEncryption: return "ENC";
    case Practice::kApiAuthentication: return "API";
    case Practice::kCodeSecurity: return "CODE";
    case Practice::kDependencies: return "DEP";
    case Practice::kIsolation: return "ISO";
    case Practice::kMonitoring: return "LOG";
    case Practice::kAwareness: return "";
    case Practice::kIncidentResponse: return "IR";
  }
  return "";
}

std::string Fingerprint(std::string_view rule_id, std::string_view file,
                        std::string_view resource, std::string_view attribute) {
  std::string key;
  key.reserve(rule_id.size() + file.size() + resource.size() + attribute.size() + 3);
  key.append(rule_id).append("\x1f").append(file).append("\x1f").append(resource).append("\x1f")
      .append(attribute);
  return util::StableHash(key);
}

}  // namespace fnwarden::model

namespace fnwarden::model {

const char* FrameworkName(Framework f) {
  switch (f) {
    case Framework::kCloudFormation: return "CloudFormation";
    case Framework::kSam: return "SAM";
    case Framework::kCdk: return "CDK";
    case Framework::kServerless: return "Serverless";
    case Framework::kTerraform: return "Terraform";
  }
  return "CloudFormation";
}

std::optional<Framework> ParseFrameworkName(std::string_view name) {
  for (size_t i = 0; i < kFrameworkCount; ++i) {
    auto f = static_cast<Framework>(i);
    if (util::EqualsIgnoreCase(name, FrameworkName(f))) return f;
  }
  return std::nullopt;
}

namespace {

std::string_view TrimBlank(std::string_view s) {
  while (!s.empty() && (s.front() == '\n' || s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::array<std::string, kFrameworkCount> SplitFix(std::string_view fix,
                                                  std::array<int, kFrameworkCount>* named,
                                                  std::vector<std::string>* unknown_names) {
  struct Section {
    std::vector<Framework> frameworks;
    size_t begin = 0;  // of the body, in `fix`
    size_t end = 0;
  };
  std::vector<Section> sections;
  size_t common_end = fix.size();
  bool in_code = false;
  for (size_t at = 0; at < fix.size();) {
    size_t eol = fix.find('\n', at);
    if (eol == std::string_view::npos) eol = fix.size();
    std::string_view line = fix.substr(at, eol - at);
    if (line.starts_with("```")) {
      in_code = !in_code;
    } else if (!in_code && line.starts_with("### ")) {
      if (sections.empty()) common_end = at;
      if (!sections.empty()) sections.back().end = at;
      Section s;
      for (std::string_view name : util::Split(line.substr(4), ',')) {
        std::string_view trimmed = TrimBlank(name);
        if (std::optional<Framework> f = ParseFrameworkName(trimmed)) {
          s.frameworks.push_back(*f);
          if (named != nullptr) ++(*named)[static_cast<size_t>(*f)];
        } else if (unknown_names != nullptr) {
          unknown_names->emplace_back(trimmed);
        }
      }
      s.begin = eol;
      sections.push_back(std::move(s));
    }
    at = eol + 1;
  }
  if (!sections.empty()) sections.back().end = fix.size();

  std::array<std::string, kFrameworkCount> out;
  std::string_view common = TrimBlank(fix.substr(0, common_end));
  for (size_t i = 0; i < kFrameworkCount; ++i) out[i] = std::string(TrimBlank(fix));
  for (const Section& s : sections) {
    std::string_view body = TrimBlank(fix.substr(s.begin, s.end - s.begin));
    for (Framework f : s.frameworks) {
      std::string& entry = out[static_cast<size_t>(f)];
      entry = std::string(common);
      if (!entry.empty() && !body.empty()) entry += "\n\n";
      entry += body;
    }
  }
  return out;
}

}  // namespace fnwarden::model
