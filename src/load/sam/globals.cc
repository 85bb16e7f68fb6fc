// The Globals section, merged into each AWS::Serverless::* resource the way
// the SAM transform's globals plugin does (samtranslator/plugins/globals):
//   - a scalar, an intrinsic function or a type mismatch: the resource's
//     value replaces the global one;
//   - maps merge recursively, the resource's keys winning (so
//     Environment.Variables combine);
//   - lists concatenate, globals first (so Layers add up).
// The merge works on syntax nodes: the merged tree is new, its leaves are
// the user's nodes, so every later Val points at what the user wrote.
#include <string>

#include "load/sam/internal.h"

namespace fnwarden::load::sam::internal {

using syntax::Node;

bool IsIntrinsic(const Node* n) {
  if (n == nullptr) return false;
  if (!n->tag.empty() && n->tag != "!!str" && n->tag != "!!map" && n->tag != "!!seq") return true;
  if (!n->is_map() || n->entries.size() != 1) return false;
  std::string_view key = n->entries[0].key->scalar;
  return key == "Ref" || key == "Condition" || key.substr(0, 4) == "Fn::";
}

namespace {

enum class Token { kPrimitive, kMap, kList };

Token TokenOf(const Node* n) {
  if (n->is_map() && !IsIntrinsic(n)) return Token::kMap;
  if (n->is_seq() && n->tag.empty()) return Token::kList;
  return Token::kPrimitive;
}

const Node* Merge(const Node* global, const Node* local, NodeArena* arena, int depth) {
  if (global == nullptr) return local;
  if (local == nullptr) return global;
  Token g = TokenOf(global);
  if (g != TokenOf(local) || g == Token::kPrimitive || depth > 64) return local;
  if (g == Token::kList) {
    std::vector<const Node*> items(global->items.begin(), global->items.end());
    items.insert(items.end(), local->items.begin(), local->items.end());
    return arena->Seq(items, local->loc);
  }
  std::vector<syntax::MapEntry> entries;
  for (const syntax::MapEntry& e : global->entries) {
    const Node* mine = local->Get(e.key->scalar);
    if (mine == nullptr) {
      entries.push_back(e);
    } else {
      entries.push_back({local->GetKey(e.key->scalar), Merge(e.value, mine, arena, depth + 1)});
    }
  }
  for (const syntax::MapEntry& e : local->entries) {
    if (global->Get(e.key->scalar) == nullptr) entries.push_back(e);
  }
  return arena->Map(entries, local->loc);
}

}  // namespace

const Node* MergeGlobals(const Node* global, const Node* local, NodeArena* arena) {
  return Merge(global, local, arena, 0);
}

GlobalSections ReadGlobals(const cfn::Template& t, util::DiagnosticSink* diags) {
  GlobalSections out;
  const Node* g = t.globals;
  if (g == nullptr || g->is_null()) return out;
  if (!g->is_map()) {
    if (diags != nullptr) diags->Error(g->loc, "Globals must be a map of sections such as Function and Api");
    return out;
  }
  static constexpr std::string_view kSections[] = {
      "Function", "Api", "HttpApi", "SimpleTable", "LayerVersion", "StateMachine", "WebSocketApi",
      "CapacityProvider"};
  for (const syntax::MapEntry& e : g->entries) {
    bool known = false;
    for (std::string_view s : kSections) known = known || e.key->scalar == s;
    if (!known) {
      if (diags != nullptr) diags->Warning(e.key->loc, "Globals section '" + std::string(e.key->scalar) +
                                     "' is not one SAM supports; the SAM transform rejects it");
      continue;
    }
    if (!e.value->is_map()) {
      if (diags != nullptr) diags->Warning(e.value->loc, "Globals." + std::string(e.key->scalar) + " must be a map");
      continue;
    }
    out["AWS::Serverless::" + std::string(e.key->scalar)] = e.value;
  }
  return out;
}

}  // namespace fnwarden::load::sam::internal
