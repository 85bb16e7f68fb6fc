// FNW-ENC-006: a symmetric KMS key without automatic rotation.
#include <string>

#include "analysis/store_query.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace fnwarden::rules {
namespace {

// Automatic rotation exists only for symmetric encryption keys: asymmetric
// and HMAC keys cannot rotate.
bool SymmetricEncryptionKey(const model::Key& k) {
  bool symmetric = k.key_spec.absent() ||
                   k.key_spec.Always([](const std::string& s) { return s == "SYMMETRIC_DEFAULT"; });
  bool encryption = k.key_usage.absent() ||
                    k.key_usage.Always([](const std::string& u) { return u == "ENCRYPT_DECRYPT"; });
  return symmetric && encryption;
}

void Check(Context& ctx) {
  for (const auto& k : ctx.model.keys) {
    if (!SymmetricEncryptionKey(k)) continue;
    if (!analysis::NotTrue(k.enable_rotation)) continue;
    ctx.Report(k, analysis::WrittenAt(k.enable_rotation), "key_rotation",
               "KMS key " + k.id +
                   " does not rotate its key material: data keeps being encrypted with the same "
                   "material for as long as the key exists",
               "Set EnableKeyRotation: true on " + k.id + ".");
  }
}

}  // namespace

extern const RuleDef kRuleEnc006;
const RuleDef kRuleEnc006 = {
    .title = "KMS key without automatic rotation",
    .severity = model::Severity::kMedium,
    .tier = model::Tier::kHardening,
    .practice = model::Practice::kDataEncryption,
    .check = &Check,
};

}  // namespace fnwarden::rules
