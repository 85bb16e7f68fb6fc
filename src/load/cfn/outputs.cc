// A template's Parameters and Outputs as the model's inputs and outputs.
#include <optional>
#include <string>
#include <string_view>

#include "load/cfn/resources_internal.h"

namespace fnwarden::load::cfn::internal {
namespace {

using syntax::Node;

// Attributes that hand out a resource's secret to whoever reads them.
struct SecretAttribute {
  std::string_view type;
  std::string_view attribute;
  std::string_view what;  // "the secret access key of access key <id>"
  std::string_view kind;
};
constexpr SecretAttribute kSecretAttributes[] = {
    {"AWS::IAM::AccessKey", "SecretAccessKey", "the secret access key", "access key"},
    {"AWS::Cognito::UserPoolClient", "ClientSecret", "the client secret", "app client"},
};

// How deep the search for a secret attribute goes inside an output's value.
constexpr int kMaxDepth = 32;

const SecretAttribute* SecretOf(const AdaptContext& ctx, std::string_view id,
                                std::string_view attribute) {
  std::string_view type = ctx.TypeOf(id);
  for (const SecretAttribute& s : kSecretAttributes) {
    if (s.type == type && s.attribute == attribute) return &s;
  }
  return nullptr;
}

// "Id.Attr" as written in !GetAtt or in a ${} of !Sub.
const SecretAttribute* SecretOfDotted(const AdaptContext& ctx, std::string_view dotted,
                                      std::string* id) {
  size_t dot = dotted.find('.');
  if (dot == std::string_view::npos) return nullptr;
  const SecretAttribute* s = SecretOf(ctx, dotted.substr(0, dot), dotted.substr(dot + 1));
  if (s != nullptr) *id = std::string(dotted.substr(0, dot));
  return s;
}

// The ${Id.Attr} references of a Fn::Sub format string (${!...} is literal).
const SecretAttribute* SecretInSub(const AdaptContext& ctx, std::string_view format,
                                   std::string* id) {
  for (size_t open = format.find("${"); open != std::string_view::npos;
       open = format.find("${", open + 2)) {
    size_t close = format.find('}', open);
    if (close == std::string_view::npos) return nullptr;
    std::string_view inside = format.substr(open + 2, close - open - 2);
    if (inside.starts_with('!')) continue;
    if (const SecretAttribute* s = SecretOfDotted(ctx, inside, id)) return s;
  }
  return nullptr;
}

// The function a node calls, in its short (`!GetAtt`) or long
// (`Fn::GetAtt:`) form, and its argument; "" when it calls none.
std::string_view CallOf(const Node* n, const Node** arg) {
  if (n->tag.starts_with('!') && !n->tag.starts_with("!!")) {
    *arg = n;
    return n->tag.substr(1);
  }
  if (n->is_map() && n->entries.size() == 1) {
    std::string_view key = n->entries[0].key->scalar;
    if (key.starts_with("Fn::")) {
      *arg = n->entries[0].value;
      return key.substr(4);
    }
  }
  return "";
}

// A secret attribute that `n` (an output's Value) reads anywhere inside it:
// !GetAtt Key.SecretAccessKey, a ${Key.SecretAccessKey} in !Sub, or either
// inside !Join, !If and the like.
const SecretAttribute* FindSecretAttribute(const AdaptContext& ctx, const Node* n, std::string* id,
                                           int depth = 0) {
  if (n == nullptr || depth > kMaxDepth) return nullptr;
  const Node* arg = nullptr;
  std::string_view fn = CallOf(n, &arg);
  if (fn == "GetAtt" && arg != nullptr) {
    if (arg->is_scalar()) return SecretOfDotted(ctx, arg->scalar, id);
    if (arg->is_seq() && arg->items.size() == 2 && arg->items[0]->is_scalar() &&
        arg->items[1]->is_scalar()) {
      const SecretAttribute* s = SecretOf(ctx, arg->items[0]->scalar, arg->items[1]->scalar);
      if (s != nullptr) *id = std::string(arg->items[0]->scalar);
      return s;
    }
    return nullptr;
  }
  if (fn == "Sub" && arg != nullptr) {
    const Node* format = arg->is_seq() && !arg->items.empty() ? arg->items[0] : arg;
    if (format->is_scalar()) {
      if (const SecretAttribute* s = SecretInSub(ctx, format->scalar, id)) return s;
    }
  }
  if (n->is_map()) {
    for (const syntax::MapEntry& e : n->entries) {
      if (const SecretAttribute* s = FindSecretAttribute(ctx, e.value, id, depth + 1)) return s;
    }
  }
  if (n->is_seq()) {
    for (const Node* item : n->items) {
      if (const SecretAttribute* s = FindSecretAttribute(ctx, item, id, depth + 1)) return s;
    }
  }
  return nullptr;
}

bool IsFreeText(const ParameterDecl& p) {
  // A choice among AllowedValues is not typed freely, and typed parameters
  // (numbers, lists, SSM parameter names, AWS ids) hold no free text.
  return (p.type == "String" || p.type.empty()) && p.allowed_values.empty();
}

void AdaptInputs(AdaptContext& ctx) {
  for (const ParameterDecl& p : ctx.t.parameters) {
    model::Input in;
    in.name = p.name;
    in.loc = p.loc;
    in.free_text = IsFreeText(p);
    in.masked = p.no_echo;
    if (p.default_value != nullptr) {
      Val v = ctx.ev.Eval(p.default_value);
      in.default_value = ToString(&v, p.loc);
    }
    ctx.model->inputs.push_back(std::move(in));
  }
}

void AdaptOutputs(AdaptContext& ctx) {
  if (ctx.t.doc == nullptr || ctx.t.doc->root() == nullptr) return;
  const Node* outputs = ctx.t.doc->root()->Get("Outputs");
  if (outputs == nullptr || !outputs->is_map()) return;
  for (const syntax::MapEntry& e : outputs->entries) {
    const Node* decl = e.value;
    if (decl == nullptr || !decl->is_map()) continue;
    // An output whose condition is false is not created.
    if (const Node* condition = decl->Get("Condition");
        condition != nullptr && condition->is_scalar()) {
      std::optional<bool> holds = ctx.ev.Condition(condition->scalar);
      if (holds.has_value() && !*holds) continue;
    }
    model::Output out;
    out.name = std::string(e.key->scalar);
    out.loc = e.key->loc;
    const Node* value = decl->Get("Value");
    Val v = ctx.ev.Eval(value);
    out.value = ToString(&v, e.key->loc);
    std::string id;
    if (const SecretAttribute* s = FindSecretAttribute(ctx, value, &id)) {
      out.secret_of = id;
      out.secret_kind = std::string(s->what) + " of " + std::string(s->kind) + " " + id;
    }
    ctx.model->outputs.push_back(std::move(out));
  }
}

}  // namespace

void AdaptInputsAndOutputs(AdaptContext& ctx) {
  AdaptInputs(ctx);
  AdaptOutputs(ctx);
}

}  // namespace fnwarden::load::cfn::internal
