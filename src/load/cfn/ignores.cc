// Resource-level suppressions:
// `Metadata: {fnwarden: {ignore: [{id: FNW-..., reason: ...}]}}`.
#include "load/cfn/template.h"

namespace fnwarden::load::cfn {

namespace {

void ReadIgnore(const Val& entry, std::vector<model::ResourceIgnore>* out) {
  model::ResourceIgnore ignore;
  ignore.loc = entry.loc;
  if (entry.known_scalar()) {  // a bare rule ID: no reason given
    ignore.rule_id = entry.text;
  } else if (entry.is_map()) {
    model::String id = ToString(entry.Get("id"), entry.loc);
    if (!id.known()) return;
    ignore.rule_id = id.value;
    model::String reason = ToString(entry.Get("reason"), entry.loc);
    if (reason.known()) ignore.reason = reason.value;
  } else {
    return;
  }
  out->push_back(std::move(ignore));
}

}  // namespace

std::vector<model::ResourceIgnore> ReadIgnores(const ResourceDecl& r, Evaluator& ev) {
  std::vector<model::ResourceIgnore> out;
  if (r.metadata == nullptr) return out;
  const syntax::Node* fnwarden = r.metadata->Get("fnwarden");
  if (fnwarden == nullptr) return out;
  Val ignores = ev.Eval(fnwarden->Get("ignore"));
  if (ignores.is_list()) {
    for (const Val& entry : ignores.items) ReadIgnore(entry, &out);
  } else {
    ReadIgnore(ignores, &out);
  }
  return out;
}

}  // namespace fnwarden::load::cfn
