// Findings and the rule metadata reporters need. These live in the model so
// that reporters never depend on rule code.
#ifndef FNWARDEN_MODEL_FINDING_H_
#define FNWARDEN_MODEL_FINDING_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/framework.h"
#include "util/source.h"

namespace fnwarden::model {

enum class Severity : uint8_t { kInfo, kLow, kMedium, kHigh, kCritical };

// The ten serverless security practices, numbered as in the design.
enum class Practice : uint8_t {
  kLeastPrivilege = 1,
  kSecureConfiguration = 2,
  kDataEncryption = 3,
  kApiAuthentication = 4,
  kCodeSecurity = 5,
  kDependencies = 6,
  kIsolation = 7,
  kMonitoring = 8,
  kAwareness = 9,
  kIncidentResponse = 10,
};

// What kind of problem a rule reports. Reports lead with risk, most severe
// first; hardening is summarised unless asked for and fails a run only when
// asked. kUnset exists only so that a rule that forgets to declare its tier
// is caught by the registry and the catalog test.
enum class Tier : uint8_t {
  kUnset,
  kRisk,       // a way in, a privilege, exposed data, a wider blast radius
  kHardening,  // defence in depth and operational readiness
};

const char* SeverityName(Severity s);            // "critical", "high", ...
std::optional<Severity> ParseSeverity(std::string_view s);
const char* TierName(Tier t);                    // "risk", "hardening" ("" when unset)
std::optional<Tier> ParseTier(std::string_view s);  // case-insensitive
const char* PracticeName(Practice p);            // "Least privilege", ...
const char* PracticeSlug(Practice p);            // "least-privilege", ...
const char* AreaOfPractice(Practice p);          // "IAM", "CFG", ... ("" for awareness)

struct RuleInfo {
  std::string_view id;           // "FNW-CFG-003"
  // Pascal case of the rule folder's slug: "PublicFunctionUrl" for
  // cfg/003-public-function-url (SARIF's rule name; stable as the folder is).
  std::string_view name;
  std::string_view title;        // one line, sentence case, no period
  Severity severity = Severity::kMedium;
  Tier tier = Tier::kUnset;
  Practice practice = Practice::kSecureConfiguration;
  std::string_view explanation;  // Markdown: why it matters
  std::string_view fix;          // Markdown: how to fix it, with a snippet
  std::vector<std::string_view> aliases;  // retired IDs that map to this rule
  // The fix as a user of each framework reads it: the common part of `fix`
  // and the `### <Framework>` section for it (see SplitFix). Empty when not
  // set: FixFor then answers `fix`.
  std::array<std::string, kFrameworkCount> fix_for;
  std::string_view FixFor(Framework f) const {
    const std::string& s = fix_for[static_cast<size_t>(f)];
    return s.empty() ? fix : std::string_view(s);
  }
  // "CFG" of "FNW-CFG-003", "IR" of "FNW-IR-001".
  std::string_view area() const {
    if (id.size() < 5) return "";
    size_t end = id.find('-', 4);
    return end == std::string_view::npos ? "" : id.substr(4, end - 4);
  }
};

// One step of a data flow a finding shows (SARIF codeFlows): where the
// data is read, each call it passes through, the sink.
struct FlowStep {
  util::Loc loc;
  std::string what;  // "reads event.body", "passes it to render()", "reaches os.system()"
};

struct Finding {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::kMedium;  // the rule's, unless the rule raises or lowers it
  std::string project;        // display path of the model's root
  std::string resource;       // logical ID the finding is about
  util::Loc loc;              // the value users must change (or the resource)
  std::string attribute;      // neutral attribute path, e.g. "environment.TOKEN"
  std::string message;        // names this application's function/route/resource
  std::string fix;            // specific advice; the rule's generic fix is in RuleInfo
  std::string fingerprint;    // stable: rule + file + resource + attribute, never a line
  Framework framework = Framework::kCloudFormation;  // of the unit: picks the rule's fix
  std::vector<FlowStep> flow;  // the data flow behind it, source first; empty for most rules
};

// A rule's `## Fix` text split by framework. The text is a common part,
// then sections headed `### <Name>[, <Name>...]` (names of FrameworkName).
// Each entry is the common part followed by the section that names that
// framework; the whole text for a framework no section names (and for
// every framework when the text has no sections). Headings inside fenced
// code blocks are code. `named` (optional) counts the sections naming each
// framework, for the catalog test; `unknown_names` (optional) collects
// heading names that are no framework.
std::array<std::string, kFrameworkCount> SplitFix(std::string_view fix,
                                                  std::array<int, kFrameworkCount>* named = nullptr,
                                                  std::vector<std::string>* unknown_names = nullptr);

// The fingerprint of a finding as the design defines it.
std::string Fingerprint(std::string_view rule_id, std::string_view file,
                        std::string_view resource, std::string_view attribute);

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_FINDING_H_
