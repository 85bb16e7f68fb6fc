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
