// FNW-ENC-008: a REST API stage caches responses unencrypted.
#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

void Check(Context& ctx) {
  for (const auto& api : ctx.model.apis) {
    if (api.kind != model::ApiKind::kRest) continue;
    for (const auto& stage : api.stages) {
      if (!stage.cache_enabled.Always([](bool on) { return on; })) continue;
      if (!analysis::NotTrue(stage.cache_encrypted)) continue;
      // Where encryption is written, else where caching is turned on.
      util::Loc at = analysis::WrittenAt(stage.cache_encrypted);
      if (!at.known()) at = analysis::WrittenAt(stage.cache_enabled);
      ctx.Report(stage.id, stage.loc, at, "stage.cache_encryption",
                 "stage " + analysis::StageName(stage) + " of " + analysis::ApiLabel(api) +
                     " caches responses without encrypting the cache",
                 ctx.Fix(analysis::ImplicitApiSettings(api).empty()
                             ? "Set CacheDataEncrypted: true in the stage's MethodSettings."
                             : "Set CacheDataEncrypted: true in the MethodSettings of " +
                                   analysis::ImplicitApiSettings(api) + ".",
                         "Set dataEncrypted: true in custom.apiGatewayCaching, or in the "
                         "caching settings of each cached http event."));
    }
  }
}

}  // namespace

extern const RuleDef kRuleEnc008;
const RuleDef kRuleEnc008 = {
    .title = "API cache not encrypted",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
