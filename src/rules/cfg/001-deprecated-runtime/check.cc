// FNW-CFG-001: a function uses a Lambda runtime that AWS has deprecated.
#include <array>
#include <string>
#include <string_view>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

struct DeprecatedRuntime {
  std::string_view id;
  std::string_view date;         // the date AWS stopped applying security patches
  std::string_view replacement;  // a supported runtime of the same language
};

// From the "Deprecated runtimes" table of the AWS Lambda Developer Guide.
// Only runtimes whose deprecation date has passed; java8.al2 and
// provided.al2 are different runtimes from java8 and provided.
constexpr std::array<DeprecatedRuntime, 27> kDeprecated = {{
    {"python2.7", "2021-07-15", "python3.13"},     {"python3.6", "2022-07-18", "python3.13"},
    {"python3.7", "2023-12-04", "python3.13"},     {"python3.8", "2024-10-14", "python3.13"},
    {"python3.9", "2025-12-15", "python3.13"},     {"nodejs", "2016-10-31", "nodejs22.x"},
    {"nodejs4.3", "2020-03-05", "nodejs22.x"},     {"nodejs4.3-edge", "2019-04-30", "nodejs22.x"},
    {"nodejs6.10", "2019-08-12", "nodejs22.x"},    {"nodejs8.10", "2020-03-06", "nodejs22.x"},
    {"nodejs10.x", "2021-07-30", "nodejs22.x"},    {"nodejs12.x", "2023-03-31", "nodejs22.x"},
    {"nodejs14.x", "2023-12-04", "nodejs22.x"},    {"nodejs16.x", "2024-06-12", "nodejs22.x"},
    {"nodejs18.x", "2025-09-01", "nodejs22.x"},    {"java8", "2024-01-08", "java21"},
    {"dotnetcore1.0", "2019-07-30", "dotnet8"},    {"dotnetcore2.0", "2019-05-30", "dotnet8"},
    {"dotnetcore2.1", "2022-01-05", "dotnet8"},    {"dotnetcore3.1", "2023-04-03", "dotnet8"},
    {"dotnet5.0", "2022-05-10", "dotnet8"},        {"dotnet6", "2024-12-20", "dotnet8"},
    {"dotnet7", "2024-05-14", "dotnet8"},          {"ruby2.5", "2021-07-30", "ruby3.3"},
    {"ruby2.7", "2023-12-07", "ruby3.3"},          {"go1.x", "2024-01-08", "provided.al2023"},
    {"provided", "2024-01-08", "provided.al2023"},
}};

const DeprecatedRuntime* FindDeprecated(std::string_view runtime) {
  for (const DeprecatedRuntime& r : kDeprecated) {
    if (r.id == runtime) return &r;
  }
  return nullptr;
}

void Check(Context& ctx) {
  for (const auto& fn : ctx.model.functions) {
    if (!fn.runtime.known()) continue;
    const DeprecatedRuntime* d = FindDeprecated(fn.runtime.value);
    if (d == nullptr) continue;
    ctx.Report(fn, fn.runtime.loc, "Runtime",
               "function " + fn.id + " uses runtime " + std::string(d->id) + ", deprecated since " +
                   std::string(d->date) +
                   ": it no longer receives security patches, and AWS blocks creating and then "
                   "updating functions that use it",
               "Move " + fn.id + " to " + std::string(d->replacement) +
                   " (or another supported runtime) and test it.");
  }
}

}  // namespace

extern const RuleDef kRuleCfg001;
const RuleDef kRuleCfg001 = {
    .title = "Function uses a deprecated runtime",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kSecureConfiguration,
    .check = &Check,
};

}  // namespace fnwarden::rules
