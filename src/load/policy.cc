#include "load/policy.h"

#include <utility>

#include "load/cfn/val.h"

namespace fnwarden::load {
namespace {

// A node as the value it is, with no function evaluated.
cfn::Val LiteralVal(const syntax::Node* n) {
  cfn::Val v;
  if (n == nullptr) return v;
  v.loc = n->loc;
  if (!n->tag.empty() && n->tag != "!!str") {
    v.kind = cfn::Val::Kind::kUnknown;
    v.state = model::ValueState::kUnknown;
    v.text = std::string(n->tag) + (n->is_scalar() ? " " + std::string(n->scalar) : "");
    return v;
  }
  switch (n->kind) {
    case syntax::NodeKind::kNull:
      break;
    case syntax::NodeKind::kScalar:
      v.text = std::string(n->scalar);
      switch (n->Type()) {
        case syntax::ScalarType::kBool:
          v.kind = cfn::Val::Kind::kBool;
          v.flag = v.text == "true" || v.text == "True" || v.text == "TRUE";
          v.text = v.flag ? "true" : "false";
          break;
        case syntax::ScalarType::kInt:
        case syntax::ScalarType::kFloat:
          v.kind = cfn::Val::Kind::kNumber;
          break;
        case syntax::ScalarType::kNull:
          v.kind = cfn::Val::Kind::kNull;
          break;
        default:
          v.kind = cfn::Val::Kind::kString;
          break;
      }
      break;
    case syntax::NodeKind::kMap:
      v.kind = cfn::Val::Kind::kMap;
      v.fields.reserve(n->entries.size());
      for (const syntax::MapEntry& e : n->entries) {
        v.fields.emplace_back(std::string(e.key->scalar), LiteralVal(e.value), e.key->loc);
      }
      break;
    case syntax::NodeKind::kSeq:
      v.kind = cfn::Val::Kind::kList;
      v.items.reserve(n->items.size());
      for (const syntax::Node* item : n->items) v.items.push_back(LiteralVal(item));
      break;
  }
  return v;
}

}  // namespace

model::PolicyDocument ReadPolicyDocument(const syntax::Node* node, model::PolicySource source,
                                         std::string name) {
  cfn::Val value = LiteralVal(node);
  return cfn::ToPolicyDocument(&value, source, std::move(name),
                               node != nullptr ? node->loc : util::Loc{});
}

bool ReadPolicyFile(const syntax::Document& doc, std::string name, model::PolicyDocument* out,
                    util::DiagnosticSink* diags) {
  const syntax::Node* root = doc.root();
  const syntax::Node* policy = root;
  if (root != nullptr && root->is_map()) {
    if (const syntax::Node* p = root->Get("PolicyDocument")) policy = p;
    if (const syntax::Node* v = root->Get("PolicyVersion"); v != nullptr && v->is_map()) {
      if (const syntax::Node* d = v->Get("Document")) policy = d;
    }
  }
  if (policy == nullptr || !policy->is_map() || policy->Get("Statement") == nullptr) {
    util::Loc at = policy != nullptr ? policy->loc : util::Loc{doc.file(), 1, 1};
    diags->Error(at, "not an IAM policy document: expected a map with a Statement");
    return false;
  }
  *out = ReadPolicyDocument(policy, model::PolicySource::kInline, std::move(name));
  return true;
}

}  // namespace fnwarden::load
