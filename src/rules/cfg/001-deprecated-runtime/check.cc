// FNW-CFG-001: a function uses a Lambda runtime that AWS has deprecated, or
// deprecates within 180 days of the scan.
#include <string>

#include "analysis/runtimes.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// " AWS blocks creating functions with it from 2027-07-29 and updating them
// from 2027-08-31." in the tense the scan date calls for.
std::string BlockDates(const analysis::RuntimeDates& r, std::chrono::sys_days today) {
  auto when = [&](const std::optional<std::chrono::year_month_day>& d) {
    std::string date = analysis::FormatDate(*d);
    return (std::chrono::sys_days{*d} <= today ? " since " : " from ") + date;
  };
  if (r.block_create && r.block_update) {
    return "; AWS blocks creating functions with it" + when(r.block_create) + " and updating them" +
           when(r.block_update);
  }
  if (r.block_update) return "; AWS blocks updating functions that use it" + when(r.block_update);
  return "";
}

void Check(Context& ctx) {
  for (const auto& fn : ctx.model.functions) {
    if (!fn.runtime.known()) continue;
    const analysis::RuntimeDates* r = analysis::FindRuntime(fn.runtime.value);
    if (r == nullptr) continue;
    std::string deprecated = analysis::FormatDate(r->deprecated);
    std::string message;
    switch (analysis::StatusOn(*r, ctx.today)) {
      case analysis::RuntimeStatus::kSupported:
        continue;
      case analysis::RuntimeStatus::kDeprecatedSoon: {
        auto days = (std::chrono::sys_days{r->deprecated} - ctx.today).count();
        ctx.RaiseSeverity(model::Severity::kMedium);
        message = "function " + model::ShownName(fn) + " uses runtime " + std::string(r->id) +
                  ", which AWS deprecates on " + deprecated + " (in " + std::to_string(days) +
                  (days == 1 ? " day" : " days") +
                  "): from then on it receives no security patches" + BlockDates(*r, ctx.today);
        break;
      }
      case analysis::RuntimeStatus::kDeprecated:
        message = "function " + model::ShownName(fn) + " uses runtime " + std::string(r->id) +
                  ", deprecated since " + deprecated + ": it no longer receives security patches" +
                  BlockDates(*r, ctx.today);
        break;
    }
    std::string target =
        r->successor == r->id
            ? "the next runtime of the same language AWS releases"
            : std::string(r->successor) + " (or another supported runtime of the same language)";
    ctx.Report(fn, fn.runtime.loc, "runtime", message,
               ctx.Fix("Move " + fn.id + " to " + target + " and test it.",
                       "Move function " + model::ShownName(fn) + " to runtime: " + target +
                           " and test it."));
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
