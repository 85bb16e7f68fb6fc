// The evaluation of Terraform modules (module.h).

#include <algorithm>
#include <cmath>
#include <utility>

#include "load/cfn/managed_policies.h"
#include "load/terraform/module.h"
#include "load/terraform/policy_document.h"
#include "util/strings.h"

namespace fnwarden::load::terraform {

void ModuleConfig::Index(util::DiagnosticSink* diags) {
  auto duplicate = [&](util::Loc loc, const std::string& what) {
    if (diags != nullptr) {
      diags->Warning(loc, "duplicate " + what +
                              "; Terraform refuses this folder, and the first "
                              "definition is the one read");
    }
  };
  for (const hcl::File* file : files) {
    for (const hcl::BodyItem& item : file->body()->items) {
      const hcl::Block* b = item.block;
      if (b == nullptr) continue;
      auto label = [&](size_t i) -> std::string_view {
        return b->labels.size() > i ? b->labels[i].text : std::string_view();
      };
      if (b->type == "variable" && b->labels.size() == 1) {
        if (!variables.emplace(std::string(label(0)), b).second) {
          duplicate(b->loc, "variable \"" + std::string(label(0)) + "\"");
        }
      } else if (b->type == "output" && b->labels.size() == 1) {
        if (!outputs.emplace(std::string(label(0)), b).second) {
          duplicate(b->loc, "output \"" + std::string(label(0)) + "\"");
        }
      } else if (b->type == "module" && b->labels.size() == 1) {
        if (!module_calls.emplace(std::string(label(0)), b).second) {
          duplicate(b->loc, "module \"" + std::string(label(0)) + "\"");
        }
      } else if (b->type == "locals" && b->labels.empty()) {
        for (const hcl::BodyItem& local : b->body->items) {
          if (local.attribute == nullptr) continue;
          if (!locals.emplace(std::string(local.attribute->name), local.attribute).second) {
            duplicate(local.attribute->loc,
                      "local value \"" + std::string(local.attribute->name) + "\"");
          }
        }
      } else if ((b->type == "resource" || b->type == "data") && b->labels.size() == 2) {
        ResourceBlock r;
        r.data = b->type == "data";
        r.type = label(0);
        r.name = label(1);
        r.block = b;
        r.address = (r.data ? "data." : "") + std::string(r.type) + "." + std::string(r.name);
        if (by_address.contains(r.address)) {
          duplicate(b->loc, std::string(r.data ? "data source " : "resource ") + "\"" +
                                std::string(r.type) + "\" \"" + std::string(r.name) + "\"");
          continue;
        }
        by_address.emplace(r.address, resources.size());
        resources.push_back(std::move(r));
      }
    }
  }
}

const ResourceBlock* ModuleConfig::FindResource(std::string_view address) const {
  auto it = by_address.find(address);
  return it == by_address.end() ? nullptr : &resources[it->second];
}

namespace {

// Names bound while evaluating: count, each, the variables of `for`
// expressions and dynamic blocks, a splat's current element, a template's
// variables. A linked list on the stack.
struct Scope {
  const Scope* parent = nullptr;
  std::string_view name;
  ValuePtr value;

  const Value* Find(std::string_view n, ValuePtr* out) const {
    for (const Scope* s = this; s != nullptr; s = s->parent) {
      if (s->name == n) {
        *out = s->value;
        return s->value.get();
      }
    }
    return nullptr;
  }
};

constexpr std::string_view kSplatName = "\x01splat";

// The text of an expression as written, for unknown values.
std::string SourceText(const hcl::Expr* e) {
  if (e == nullptr || e->loc.file == nullptr) return "";
  std::string_view text = e->loc.file->text();
  if (e->end > text.size() || e->begin >= e->end) return "";
  std::string_view s = text.substr(e->begin, e->end - e->begin);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  if (s.size() > 120) return std::string(s.substr(0, 117)) + "...";
  return std::string(s);
}

bool IsMetaArgument(std::string_view name) {
  return name == "count" || name == "for_each" || name == "depends_on" || name == "provider" ||
         name == "lifecycle" || name == "provisioner" || name == "connection";
}

// The instance key's text in an address: [0] or ["key"].
std::string KeyText(const Value& key) {
  if (key.kind == Kind::kNumber) return "[" + key.text + "]";
  std::string quoted;
  util::AppendJsonString(key.text, &quoted);
  return "[" + quoted + "]";
}

}  // namespace

// How a resource, data or module block expands: its instances' keys and
// what `count` or `each` is in each.
struct Expansion {
  bool multiple = false;             // it has count or for_each
  std::vector<std::string> keys;     // "" (single), "[0]", "[\"a\"]"
  std::vector<ValuePtr> key_values;  // the key as a value (null for a single instance)
  std::vector<ValuePtr> bindings;    // count: {index}, each: {key, value}; null when neither
  std::string_view binding_name;     // "count", "each" or ""
};

class ModuleInstance {
 public:
  ModuleInstance(Evaluator* ev, const ModuleConfig* config, std::string path,
                 const ModuleInstance* caller, const hcl::Block* call, ValuePtr call_binding,
                 std::string_view call_binding_name, int depth)
      : ev_(ev),
        config_(config),
        path_(std::move(path)),
        caller_(caller),
        call_(call),
        call_binding_(std::move(call_binding)),
        call_binding_name_(call_binding_name),
        depth_(depth) {}

  std::map<std::string, ValuePtr> given;  // the root module's variable values

  const ModuleConfig& config() const { return *config_; }
  // The key .terraform/modules/modules.json gives the module call `name` of
  // this instance: the calls' names joined by dots ("api.nested").
  std::string ModuleKey(std::string_view name) const {
    std::string key;
    std::string_view p = path_;
    while (p.starts_with("module.")) {
      p.remove_prefix(7);
      size_t end = p.find_first_of(".[");
      key += std::string(p.substr(0, end)) + ".";
      if (end == std::string_view::npos) break;
      p.remove_prefix(end);
      if (p.starts_with("[")) p.remove_prefix(std::min(p.size(), p.find(']') + 1));
      if (p.starts_with(".")) p.remove_prefix(1);
    }
    return key + std::string(name);
  }
  const std::string& path() const { return path_; }
  std::string Prefix() const { return path_.empty() ? "" : path_ + "."; }

  ValuePtr Eval(const hcl::Expr* e, const Scope* s) const;
  ValuePtr Var(std::string_view name, util::Loc at) const;
  ValuePtr Local(std::string_view name, util::Loc at) const;
  ValuePtr OutputValue(std::string_view name, util::Loc at) const;
  const Expansion& Expand(const ResourceBlock& rb) const;
  ValuePtr ResourceAttr(const ResourceBlock& rb, const std::string& key, std::string_view attr,
                        util::Loc at) const;
  // The instances of module call `name`, made on first use.
  const std::vector<std::unique_ptr<ModuleInstance>>& Children(std::string_view name) const;
  ValuePtr ModuleValue(std::string_view name, util::Loc at) const;
  ValuePtr EvalBody(const hcl::Body* body, const Scope* s, util::Loc loc, bool top) const;
  void CollectInstances(std::vector<ResourceInstance>* out) const;

 private:
  void Diag(util::Loc at, std::string message) const {
    if (ev_->env_.diags != nullptr && ev_->quiet_ == 0) {
      ev_->env_.diags->Warning(at, std::move(message));
    }
  }
  ValuePtr EvalTemplate(const hcl::Expr* e, const Scope* s) const;
  void AppendTemplate(const hcl::Expr* e, const Scope* s, std::vector<StrPart>* parts,
                      bool* unknown) const;
  ValuePtr EvalGetAttr(const hcl::Expr* e, const Scope* s) const;
  ValuePtr GetAttr(const ValuePtr& base, std::string_view name, util::Loc at) const;
  ValuePtr Index(const ValuePtr& base, const ValuePtr& key, util::Loc at) const;
  ValuePtr EvalSplat(const hcl::Expr* e, const Scope* s) const;
  ValuePtr EvalCall(const hcl::Expr* e, const Scope* s) const;
  ValuePtr EvalTryOrCan(const hcl::Expr* e, const Scope* s) const;
  ValuePtr EvalFor(const hcl::Expr* e, const Scope* s) const;
  ValuePtr EvalBinary(const hcl::Expr* e, const Scope* s) const;
  ValuePtr ResourceValue(const ResourceBlock& rb, util::Loc at) const;
  ValuePtr InstanceList(const ValuePtr& resource, util::Loc at) const;
  ValuePtr DataAttr(const ResourceBlock& rb, const Scope* scope, std::string_view attr,
                    util::Loc at) const;
  ValuePtr RenderTemplate(std::string_view text, const ValuePtr& vars, util::Loc at) const;
  const Scope* InstanceScope(const ResourceBlock& rb, const std::string& key, Scope* storage) const;
  Expansion ExpandBlock(const hcl::Body* body, const ModuleInstance& where, const Scope* scope,
                        util::Loc loc, std::string_view what) const;
  // Memoised evaluation with cycle detection: `key` names what is
  // evaluated ("local.a"), `what` says it in messages.
  template <typename F>
  ValuePtr Memo(const std::string& key, util::Loc at, std::string_view what, F compute) const {
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (!busy_.insert(key).second) {
      Diag(at, std::string(what) + " refers to itself (a cycle); its value is unknown");
      return Unknown(std::string(what), at);
    }
    ValuePtr v = compute();
    busy_.erase(key);
    memo_.emplace(key, v);
    return v;
  }

  Evaluator* ev_;
  const ModuleConfig* config_;
  std::string path_;
  const ModuleInstance* caller_;
  const hcl::Block* call_;
  ValuePtr call_binding_;
  std::string_view call_binding_name_;
  int depth_;
  mutable std::map<std::string, ValuePtr> memo_;
  mutable std::set<std::string> busy_;
  mutable std::map<std::string, Expansion, std::less<>> expansions_;
  mutable std::map<std::string, std::vector<std::unique_ptr<ModuleInstance>>, std::less<>>
      children_;
};

namespace {

// Counts evaluation depth; past the cap, evaluation gives up.
class DepthGuard {
 public:
  explicit DepthGuard(int* depth) : depth_(depth) { ++*depth_; }
  ~DepthGuard() { --*depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  int* depth_;
};

}  // namespace

ValuePtr ModuleInstance::Eval(const hcl::Expr* e, const Scope* s) const {
  if (e == nullptr) return Null({});
  DepthGuard guard(&ev_->depth_);
  if (ev_->depth_ > ev_->env_.max_eval_depth) {
    if (ev_->depth_ == ev_->env_.max_eval_depth + 1) {
      Diag(e->loc, "expression nested deeper than " + std::to_string(ev_->env_.max_eval_depth) +
                       " levels; its value is unknown");
    }
    return Unknown(SourceText(e), e->loc);
  }
  switch (e->kind) {
    case hcl::ExprKind::kNumber:
      return NumberText(e->text, e->loc);
    case hcl::ExprKind::kBool:
      return Bool(e->text == "true", e->loc);
    case hcl::ExprKind::kNull:
      return Null(e->loc);
    case hcl::ExprKind::kString:
      return String(std::string(e->text), e->loc);
    case hcl::ExprKind::kTemplate:
      return EvalTemplate(e, s);
    case hcl::ExprKind::kVariable: {
      ValuePtr bound;
      if (s != nullptr && s->Find(e->text, &bound) != nullptr) return At(bound, e->loc);
      return Error(SourceText(e), e->loc);
    }
    case hcl::ExprKind::kSplatItem: {
      ValuePtr bound;
      if (s != nullptr && s->Find(kSplatName, &bound) != nullptr) return bound;
      return Unknown(SourceText(e), e->loc);
    }
    case hcl::ExprKind::kGetAttr:
      return EvalGetAttr(e, s);
    case hcl::ExprKind::kIndex:
      return Index(Eval(e->a, s), Eval(e->b, s), e->loc);
    case hcl::ExprKind::kSplat:
      return EvalSplat(e, s);
    case hcl::ExprKind::kCall:
      return EvalCall(e, s);
    case hcl::ExprKind::kTuple: {
      std::vector<ValuePtr> items;
      items.reserve(e->items.size());
      for (const hcl::Expr* i : e->items) items.push_back(Eval(i, s));
      return Tuple(std::move(items), e->loc);
    }
    case hcl::ExprKind::kObject: {
      std::map<std::string, ValuePtr> fields;
      for (size_t i = 0; i + 1 < e->items.size(); i += 2) {
        const hcl::Expr* k = e->items[i];
        std::string key;
        if (k->kind == hcl::ExprKind::kVariable || k->kind == hcl::ExprKind::kString) {
          key = std::string(k->text);
        } else {
          ValuePtr kv = Eval(k, s);
          if (!AsText(*kv, &key)) return Unknown(SourceText(e), e->loc);
        }
        fields[key] = Eval(e->items[i + 1], s);
      }
      return Object(std::move(fields), e->loc);
    }
    case hcl::ExprKind::kFor:
      return EvalFor(e, s);
    case hcl::ExprKind::kConditional: {
      ValuePtr cond = Eval(e->a, s);
      bool known = false;
      bool b = AsBool(*cond, &known);
      if (known) return Eval(b ? e->b : e->c, s);
      ValuePtr x = Eval(e->b, s);
      ValuePtr y = Eval(e->c, s);
      bool same_known = false;
      if (Equal(*x, *y, &same_known) && same_known) return x;
      return Unknown(SourceText(e), e->loc);
    }
    case hcl::ExprKind::kBinary:
      return EvalBinary(e, s);
    case hcl::ExprKind::kUnary: {
      ValuePtr v = Eval(e->a, s);
      if (e->text == "!") {
        bool known = false;
        bool b = AsBool(*v, &known);
        return known ? Bool(!b, e->loc) : Unknown(SourceText(e), e->loc);
      }
      double n = 0;
      return AsNumber(*v, &n) ? Number(-n, e->loc) : Unknown(SourceText(e), e->loc);
    }
    case hcl::ExprKind::kParens:
      return Eval(e->a, s);
    case hcl::ExprKind::kTemplateIf:
    case hcl::ExprKind::kTemplateFor:
      return EvalTemplate(e, s);
  }
  return Unknown(SourceText(e), e->loc);
}

void ModuleInstance::AppendTemplate(const hcl::Expr* e, const Scope* s, std::vector<StrPart>* parts,
                                    bool* unknown) const {
  switch (e->kind) {
    case hcl::ExprKind::kString:
      parts->push_back({StrPart::Type::kText, std::string(e->text), {}});
      return;
    case hcl::ExprKind::kTemplate:
      for (const hcl::Expr* i : e->items) AppendTemplate(i, s, parts, unknown);
      return;
    case hcl::ExprKind::kTemplateIf: {
      ValuePtr cond = Eval(e->a, s);
      bool known = false;
      bool b = AsBool(*cond, &known);
      if (!known) {
        *unknown = true;
        return;
      }
      if (b && e->b != nullptr) AppendTemplate(e->b, s, parts, unknown);
      if (!b && e->c != nullptr) AppendTemplate(e->c, s, parts, unknown);
      return;
    }
    case hcl::ExprKind::kTemplateFor: {
      ValuePtr coll = Eval(e->a, s);
      if (coll->kind == Kind::kTuple) {
        for (size_t i = 0; i < coll->items.size(); ++i) {
          Scope k{s, e->key_var, Number(static_cast<double>(i), e->loc)};
          Scope v{e->key_var.empty() ? s : &k, e->value_var, coll->items[i]};
          AppendTemplate(e->b, &v, parts, unknown);
        }
      } else if (coll->kind == Kind::kObject) {
        for (const auto& [key, value] : coll->fields) {
          Scope k{s, e->key_var, String(key, e->loc)};
          Scope v{e->key_var.empty() ? s : &k, e->value_var, value};
          AppendTemplate(e->b, &v, parts, unknown);
        }
      } else {
        *unknown = true;
      }
      return;
    }
    default: {
      ValuePtr v = Eval(e, s);
      std::vector<StrPart> more;
      if (v->kind == Kind::kUnknown || !AsParts(*v, &more)) {
        parts->push_back({StrPart::Type::kUnknown, SourceText(e), {}});
        return;
      }
      parts->insert(parts->end(), more.begin(), more.end());
    }
  }
}

ValuePtr ModuleInstance::EvalTemplate(const hcl::Expr* e, const Scope* s) const {
  // "${x}" alone is x itself, whatever its type.
  if (e->kind == hcl::ExprKind::kTemplate && e->items.size() == 1 &&
      e->items[0]->kind != hcl::ExprKind::kString &&
      e->items[0]->kind != hcl::ExprKind::kTemplateIf &&
      e->items[0]->kind != hcl::ExprKind::kTemplateFor) {
    return At(Eval(e->items[0], s), e->loc);
  }
  std::vector<StrPart> parts;
  bool unknown = false;
  AppendTemplate(e, s, &parts, &unknown);
  if (unknown) return Unknown(SourceText(e), e->loc);
  size_t bytes = 0;
  for (const StrPart& p : parts) bytes += p.text.size();
  if (bytes > (1u << 20)) {
    Diag(e->loc, "template result longer than 1 MiB; its value is unknown");
    return Unknown(SourceText(e), e->loc);
  }
  return StringParts(std::move(parts), e->loc);
}

ValuePtr ModuleInstance::EvalGetAttr(const hcl::Expr* e, const Scope* s) const {
  const hcl::Expr* base = e->a;
  if (base->kind == hcl::ExprKind::kVariable) {
    ValuePtr bound;
    std::string_view root = base->text;
    if (s == nullptr || s->Find(root, &bound) == nullptr) {
      // A variable or local is shown where it is used: a finding on a
      // resource points into that resource, whichever default, tfvars
      // line or module argument gave the value.
      if (root == "var") return At(Var(e->text, e->loc), e->loc);
      if (root == "local") return At(Local(e->text, e->loc), e->loc);
      if (root == "module") return ModuleValue(e->text, e->loc);
      if (root == "path") {
        if (e->text == "module" || e->text == "cwd") return String(config_->dir, e->loc);
        if (e->text == "root") return String(ev_->root_->config().dir, e->loc);
        return Error(SourceText(e), e->loc);
      }
      if (root == "terraform") {
        if (e->text == "workspace") return String("default", e->loc);
        return Unknown(SourceText(e), e->loc);
      }
      if (root == "data" || root == "self" || root == "count" || root == "each") {
        return Error(SourceText(e), e->loc);  // data.TYPE needs its name; the others a scope
      }
      std::string address = std::string(root) + "." + std::string(e->text);
      if (const ResourceBlock* rb = config_->FindResource(address))
        return ResourceValue(*rb, e->loc);
      return Error(SourceText(e), e->loc);
    }
  }
  // module.NAME.OUTPUT reads that one output: the others may depend on
  // what refers to this one.
  if (base->kind == hcl::ExprKind::kGetAttr && base->a->kind == hcl::ExprKind::kVariable &&
      base->a->text == "module") {
    ValuePtr bound;
    auto decl = config_->module_calls.find(base->text);
    if ((s == nullptr || s->Find("module", &bound) == nullptr) &&
        decl != config_->module_calls.end() && decl->second->body->Get("count") == nullptr &&
        decl->second->body->Get("for_each") == nullptr) {
      const auto& instances = Children(base->text);
      if (instances.empty()) return Unknown(SourceText(e), e->loc);
      return At(instances.front()->OutputValue(e->text, e->loc), e->loc);
    }
  }
  if (base->kind == hcl::ExprKind::kGetAttr && base->a->kind == hcl::ExprKind::kVariable &&
      base->a->text == "data") {
    ValuePtr bound;
    if (s == nullptr || s->Find("data", &bound) == nullptr) {
      std::string address = "data." + std::string(base->text) + "." + std::string(e->text);
      if (const ResourceBlock* rb = config_->FindResource(address))
        return ResourceValue(*rb, e->loc);
      return Error(SourceText(e), e->loc);
    }
  }
  return GetAttr(Eval(base, s), e->text, e->loc);
}

ValuePtr ModuleInstance::ResourceValue(const ResourceBlock& rb, util::Loc at) const {
  auto v = std::make_shared<Value>();
  v->kind = Kind::kResource;
  v->loc = at;
  v->resource = &rb;
  v->module = this;
  const Expansion& x = Expand(rb);
  if (!x.multiple) {
    v->has_instance_key = true;  // the one instance
  }
  return v;
}

// A resource block with count or for_each as the tuple (count) or object
// (for_each) of its instances.
ValuePtr ModuleInstance::InstanceList(const ValuePtr& resource, util::Loc at) const {
  const Expansion& x = Expand(*resource->resource);
  if (!x.multiple || (x.keys.size() == 1 && x.key_values[0] == nullptr)) {
    return Unknown(resource->resource->address, at);
  }
  std::vector<ValuePtr> items;
  std::map<std::string, ValuePtr> fields;
  bool counted = x.binding_name == "count";
  for (size_t i = 0; i < x.keys.size(); ++i) {
    auto v = std::make_shared<Value>(*resource);
    v->instance_key = x.keys[i];
    v->has_instance_key = true;
    if (counted) {
      items.push_back(v);
    } else {
      std::string key;
      AsText(*x.key_values[i], &key);
      fields[key] = v;
    }
  }
  return counted ? Tuple(std::move(items), at) : Object(std::move(fields), at);
}

ValuePtr ModuleInstance::GetAttr(const ValuePtr& base, std::string_view name, util::Loc at) const {
  switch (base->kind) {
    case Kind::kObject: {
      if (ValuePtr f = base->FieldPtr(name)) return f;
      return Error(std::string(name), at);
    }
    case Kind::kResource: {
      const ModuleInstance* owner = base->module != nullptr ? base->module : this;
      if (!base->has_instance_key) {
        return Error(base->resource->address + "." + std::string(name), at);
      }
      return owner->ResourceAttr(*base->resource, base->instance_key, name, at);
    }
    case Kind::kUnknown:
      return Unknown(base->text + "." + std::string(name), at);
    case Kind::kString:
      if (!base->parts.empty()) return Unknown(std::string(name), at);
      return Error(std::string(name), at);
    default:
      return Error(std::string(name), at);
  }
}

ValuePtr ModuleInstance::Index(const ValuePtr& base, const ValuePtr& key, util::Loc at) const {
  if (base->kind == Kind::kResource) {
    if (base->has_instance_key) return Error(base->resource->address, at);
    return Index(InstanceList(base, at), key, at);
  }
  if (base->kind == Kind::kTuple) {
    double n = 0;
    if (!AsNumber(*key, &n)) {
      return key->wholly_known() ? Error("index", at) : Unknown("index", at);
    }
    if (n < 0 || n != std::floor(n) || n >= static_cast<double>(base->items.size())) {
      return Error("index", at);
    }
    return base->items[static_cast<size_t>(n)];
  }
  if (base->kind == Kind::kObject) {
    std::string k;
    if (!AsText(*key, &k)) return Unknown("key", at);
    if (ValuePtr f = base->FieldPtr(k)) return f;
    return Error(k, at);
  }
  if (base->kind == Kind::kUnknown) return Unknown(base->text, at);
  return Error("index", at);
}

ValuePtr ModuleInstance::EvalSplat(const hcl::Expr* e, const Scope* s) const {
  ValuePtr base = Eval(e->a, s);
  if (base->kind == Kind::kResource && !base->has_instance_key) {
    base = InstanceList(base, e->loc);
    if (base->kind == Kind::kObject) return Unknown(SourceText(e), e->loc);  // for_each: no splat
  }
  if (base->kind == Kind::kUnknown) return Unknown(SourceText(e), e->loc);
  if (base->kind == Kind::kNull) return Tuple({}, e->loc);
  std::vector<ValuePtr> each;
  if (base->kind == Kind::kTuple) {
    each = base->items;
  } else {
    each.push_back(base);
  }
  std::vector<ValuePtr> out;
  out.reserve(each.size());
  for (const ValuePtr& item : each) {
    Scope bound{s, kSplatName, item};
    out.push_back(e->b != nullptr ? Eval(e->b, &bound) : item);
  }
  return Tuple(std::move(out), e->loc);
}

ValuePtr ModuleInstance::EvalTryOrCan(const hcl::Expr* e, const Scope* s) const {
  if (e->text == "can") {
    if (e->items.size() != 1) return Error(SourceText(e), e->loc);
    ValuePtr v = Eval(e->items[0], s);
    if (v->kind == Kind::kUnknown) {
      return v->error ? Bool(false, e->loc) : Unknown(SourceText(e), e->loc);
    }
    return Bool(true, e->loc);
  }
  for (const hcl::Expr* arg : e->items) {
    ValuePtr v = Eval(arg, s);
    if (v->kind == Kind::kUnknown && v->error) continue;
    if (v->kind == Kind::kUnknown) return Unknown(SourceText(e), e->loc);
    return v;
  }
  return Error(SourceText(e), e->loc);
}

ValuePtr ModuleInstance::EvalCall(const hcl::Expr* e, const Scope* s) const {
  std::string_view name = e->text;
  if (name == "try" || name == "can") {
    // Errors are what try and can are for: they are not reported.
    ++ev_->quiet_;
    ValuePtr v = EvalTryOrCan(e, s);
    --ev_->quiet_;
    return v;
  }
  std::vector<ValuePtr> args;
  args.reserve(e->items.size());
  for (size_t i = 0; i < e->items.size(); ++i) {
    ValuePtr v = Eval(e->items[i], s);
    if (e->expand && i + 1 == e->items.size()) {
      if (v->kind != Kind::kTuple) return Unknown(SourceText(e), e->loc);
      args.insert(args.end(), v->items.begin(), v->items.end());
    } else {
      args.push_back(std::move(v));
    }
  }
  for (const ValuePtr& a : args) {
    if (a->kind == Kind::kResource) return Unknown(SourceText(e), e->loc);
  }
  FunctionContext ctx;
  ctx.diags = ev_->quiet_ == 0 ? ev_->env_.diags : nullptr;
  if (ev_->env_.read_file) {
    const ModuleConfig* config = config_;
    const EvalEnvironment* env = &ev_->env_;
    ctx.read_file = [config, env](std::string_view path, util::Loc at, std::string* text) {
      return env->read_file(*config, path, at, text);
    };
  }
  ctx.render = [this](std::string_view text, const ValuePtr& vars, util::Loc at) {
    return RenderTemplate(text, vars, at);
  };
  ValuePtr v = CallFunction(name, args, e->loc, ctx);
  if (v->kind == Kind::kUnknown && v->text.empty()) return Unknown(SourceText(e), e->loc);
  return v;
}

// A template file's text (templatefile), evaluated with `vars` as its only
// names. Its positions are those of the call.
ValuePtr ModuleInstance::RenderTemplate(std::string_view text, const ValuePtr& vars,
                                        util::Loc at) const {
  if (vars == nullptr || vars->kind != Kind::kObject) return Unknown("templatefile(...)", at);
  static constexpr std::string_view kEnd = "FNWARDEN_TEMPLATE_END";
  if (text.find(kEnd) != std::string_view::npos) return Unknown("templatefile(...)", at);
  std::string wrapped = "t = <<" + std::string(kEnd) + "\n" + std::string(text);
  if (!wrapped.ends_with('\n')) wrapped += '\n';
  wrapped += std::string(kEnd) + "\n";
  util::SourceFile source(at.path().empty() ? "template" : std::string(at.path()),
                          std::move(wrapped));
  util::DiagnosticSink quiet;
  std::unique_ptr<hcl::File> file = hcl::ParseHcl(&source, {}, &quiet);
  if (file == nullptr || file->body()->Get("t") == nullptr) return Unknown("templatefile(...)", at);
  std::vector<Scope> scopes;
  scopes.reserve(vars->fields.size());
  const Scope* s = nullptr;
  for (const auto& [name, value] : vars->fields) {
    scopes.push_back({s, name, value});
    s = &scopes.back();
  }
  ValuePtr v = Eval(file->body()->Get("t")->value, s);
  // Nothing may keep a position in `source`, which is gone after this.
  std::vector<StrPart> parts;
  if (!AsParts(*v, &parts)) return Unknown("templatefile(...)", at);
  for (StrPart& p : parts) {
    if (p.type == StrPart::Type::kUnknown) p.text = "templatefile(...)";
  }
  return StringParts(std::move(parts), at);
}

ValuePtr ModuleInstance::EvalFor(const hcl::Expr* e, const Scope* s) const {
  ValuePtr coll = Eval(e->a, s);
  if (coll->kind == Kind::kResource && !coll->has_instance_key) coll = InstanceList(coll, e->loc);
  if (coll->kind != Kind::kTuple && coll->kind != Kind::kObject) {
    return Unknown(SourceText(e), e->loc);
  }
  size_t n = coll->kind == Kind::kTuple ? coll->items.size() : coll->fields.size();
  if (n > ev_->env_.max_instances * 10) {
    Diag(e->loc, "for expression over " + std::to_string(n) + " elements; its value is unknown");
    return Unknown(SourceText(e), e->loc);
  }
  std::vector<ValuePtr> items;
  std::map<std::string, ValuePtr> fields;
  std::map<std::string, std::vector<ValuePtr>> groups;
  auto each = [&](ValuePtr key, ValuePtr value) -> bool {
    Scope k{s, e->key_var, std::move(key)};
    Scope v{e->key_var.empty() ? s : &k, e->value_var, std::move(value)};
    if (e->d != nullptr) {
      bool known = false;
      bool keep = AsBool(*Eval(e->d, &v), &known);
      if (!known) return false;
      if (!keep) return true;
    }
    if (!e->object_for) {
      items.push_back(Eval(e->b, &v));
      return true;
    }
    std::string out_key;
    if (!AsText(*Eval(e->c, &v), &out_key)) return false;
    ValuePtr out_value = Eval(e->b, &v);
    if (e->expand) {
      groups[out_key].push_back(std::move(out_value));
    } else {
      fields[out_key] = std::move(out_value);
    }
    return true;
  };
  if (coll->kind == Kind::kTuple) {
    for (size_t i = 0; i < coll->items.size(); ++i) {
      if (!each(Number(static_cast<double>(i), e->loc), coll->items[i])) {
        return Unknown(SourceText(e), e->loc);
      }
    }
  } else {
    for (const auto& [key, value] : coll->fields) {
      if (!each(String(key, e->loc), value)) return Unknown(SourceText(e), e->loc);
    }
  }
  if (!e->object_for) return Tuple(std::move(items), e->loc);
  for (auto& [key, group] : groups) fields[key] = Tuple(std::move(group), e->loc);
  return Object(std::move(fields), e->loc);
}

ValuePtr ModuleInstance::EvalBinary(const hcl::Expr* e, const Scope* s) const {
  std::string_view op = e->text;
  ValuePtr a = Eval(e->a, s);
  if (op == "&&" || op == "||") {
    bool ka = false;
    bool va = AsBool(*a, &ka);
    if (ka && op == "&&" && !va) return Bool(false, e->loc);
    if (ka && op == "||" && va) return Bool(true, e->loc);
    bool kb = false;
    bool vb = AsBool(*Eval(e->b, s), &kb);
    if (kb && op == "&&" && !vb) return Bool(false, e->loc);
    if (kb && op == "||" && vb) return Bool(true, e->loc);
    if (!ka || !kb) return Unknown(SourceText(e), e->loc);
    return Bool(op == "&&" ? va && vb : va || vb, e->loc);
  }
  ValuePtr b = Eval(e->b, s);
  if (op == "==" || op == "!=") {
    bool known = false;
    bool eq = Equal(*a, *b, &known);
    if (!known) return Unknown(SourceText(e), e->loc);
    return Bool(op == "==" ? eq : !eq, e->loc);
  }
  double x = 0, y = 0;
  if (!AsNumber(*a, &x) || !AsNumber(*b, &y)) return Unknown(SourceText(e), e->loc);
  if (op == "<") return Bool(x < y, e->loc);
  if (op == ">") return Bool(x > y, e->loc);
  if (op == "<=") return Bool(x <= y, e->loc);
  if (op == ">=") return Bool(x >= y, e->loc);
  if (op == "+") return Number(x + y, e->loc);
  if (op == "-") return Number(x - y, e->loc);
  if (op == "*") return Number(x * y, e->loc);
  if (op == "/") return y == 0 ? Error(SourceText(e), e->loc) : Number(x / y, e->loc);
  if (op == "%") return y == 0 ? Error(SourceText(e), e->loc) : Number(std::fmod(x, y), e->loc);
  return Unknown(SourceText(e), e->loc);
}

ValuePtr ModuleInstance::Var(std::string_view name, util::Loc at) const {
  auto decl = config_->variables.find(name);
  if (decl == config_->variables.end()) {
    return Error("var." + std::string(name), at);
  }
  return Memo("var." + std::string(name), at, "variable " + std::string(name), [&]() -> ValuePtr {
    const hcl::Body* body = decl->second->body;
    if (caller_ == nullptr) {
      if (auto g = given.find(std::string(name)); g != given.end()) return g->second;
    } else if (const hcl::Attribute* arg = call_->body->Get(name)) {
      Scope binding{nullptr, call_binding_name_, call_binding_};
      ValuePtr v = caller_->Eval(arg->value, call_binding_ ? &binding : nullptr);
      if (!v->is_null()) return v;
    }
    if (const hcl::Attribute* def = body->Get("default")) return Eval(def->value, nullptr);
    return Unknown("var." + std::string(name), decl->second->loc);
  });
}

ValuePtr ModuleInstance::Local(std::string_view name, util::Loc at) const {
  auto decl = config_->locals.find(name);
  if (decl == config_->locals.end()) return Error("local." + std::string(name), at);
  return Memo("local." + std::string(name), at, "local value " + std::string(name),
              [&] { return Eval(decl->second->value, nullptr); });
}

ValuePtr ModuleInstance::OutputValue(std::string_view name, util::Loc at) const {
  auto decl = config_->outputs.find(name);
  if (decl == config_->outputs.end()) return Error("output " + std::string(name), at);
  return Memo("output." + std::string(name), at, "output " + std::string(name), [&]() -> ValuePtr {
    const hcl::Attribute* value = decl->second->body->Get("value");
    return value != nullptr ? Eval(value->value, nullptr) : Null(decl->second->loc);
  });
}

Expansion ModuleInstance::ExpandBlock(const hcl::Body* body, const ModuleInstance& where,
                                      const Scope* scope, util::Loc loc,
                                      std::string_view what) const {
  Expansion x;
  const hcl::Attribute* count = body->Get("count");
  const hcl::Attribute* for_each = body->Get("for_each");
  auto single_unknown = [&](std::string_view binding) {
    x.keys = {""};
    x.key_values = {nullptr};
    if (binding == "count") {
      x.bindings = {Object({{"index", Unknown("count.index", loc)}}, loc)};
    } else {
      x.bindings = {
          Object({{"key", Unknown("each.key", loc)}, {"value", Unknown("each.value", loc)}}, loc)};
    }
    x.binding_name = binding;
  };
  if (count == nullptr && for_each == nullptr) {
    x.keys = {""};
    x.key_values = {nullptr};
    x.bindings = {nullptr};
    return x;
  }
  x.multiple = true;
  size_t cap = ev_->env_.max_instances;
  if (count != nullptr) {
    ValuePtr n = where.Eval(count->value, scope);
    double c = 0;
    if (!AsNumber(*n, &c) || c < 0 || c != std::floor(c)) {
      single_unknown("count");
      return x;
    }
    if (c > static_cast<double>(cap)) {
      Diag(count->loc, std::string(what) + ": count of " + NumberToText(c) + " is more than the " +
                           std::to_string(cap) + " instances fnwarden reads; the first " +
                           std::to_string(cap) + " are scanned");
      c = static_cast<double>(cap);
    }
    x.binding_name = "count";
    for (size_t i = 0; i < static_cast<size_t>(c); ++i) {
      ValuePtr key = Number(static_cast<double>(i), loc);
      x.keys.push_back(KeyText(*key));
      x.bindings.push_back(Object({{"index", key}}, loc));
      x.key_values.push_back(std::move(key));
    }
    return x;
  }
  ValuePtr coll = where.Eval(for_each->value, scope);
  x.binding_name = "each";
  std::vector<std::pair<std::string, ValuePtr>> entries;
  if (coll->kind == Kind::kObject) {
    for (const auto& [k, v] : coll->fields) entries.emplace_back(k, v);
  } else if (coll->kind == Kind::kTuple) {
    for (const ValuePtr& item : coll->items) {
      std::string k;
      if (!item->is_known_string() || !AsText(*item, &k)) {
        single_unknown("each");
        return x;
      }
      entries.emplace_back(k, item);
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const auto& a, const auto& b) { return a.first == b.first; }),
                  entries.end());
  } else {
    single_unknown("each");
    return x;
  }
  if (entries.size() > cap) {
    Diag(for_each->loc, std::string(what) + ": for_each over " + std::to_string(entries.size()) +
                            " elements is more than the " + std::to_string(cap) +
                            " instances fnwarden reads; the first " + std::to_string(cap) +
                            " are scanned");
    entries.resize(cap);
  }
  for (auto& [k, v] : entries) {
    ValuePtr key = String(k, loc);
    x.keys.push_back(KeyText(*key));
    x.bindings.push_back(Object({{"key", key}, {"value", v}}, loc));
    x.key_values.push_back(std::move(key));
  }
  return x;
}

const Expansion& ModuleInstance::Expand(const ResourceBlock& rb) const {
  if (auto it = expansions_.find(rb.address); it != expansions_.end()) return it->second;
  // A count that refers to its own resource is a cycle: the placeholder
  // (one unknown instance) answers meanwhile.
  Expansion& slot = expansions_[rb.address];
  slot.keys = {""};
  slot.key_values = {nullptr};
  slot.bindings = {nullptr};
  Expansion x = ExpandBlock(rb.block->body, *this, nullptr, rb.block->loc, rb.address);
  Expansion& done = expansions_[rb.address];
  done = std::move(x);
  return done;
}

const Scope* ModuleInstance::InstanceScope(const ResourceBlock& rb, const std::string& key,
                                           Scope* storage) const {
  const Expansion& x = Expand(rb);
  for (size_t i = 0; i < x.keys.size(); ++i) {
    if (x.keys[i] != key) continue;
    if (x.bindings[i] == nullptr) return nullptr;
    *storage = Scope{nullptr, x.binding_name, x.bindings[i]};
    return storage;
  }
  return nullptr;
}

ValuePtr ModuleInstance::ResourceAttr(const ResourceBlock& rb, const std::string& key,
                                      std::string_view attr, util::Loc at) const {
  const Expansion& x = Expand(rb);
  if (x.multiple && std::find(x.keys.begin(), x.keys.end(), key) == x.keys.end()) {
    return Error(rb.address + key + "." + std::string(attr), at);
  }
  std::string address = Prefix() + rb.address + key;
  std::string memo_key = address + "." + std::string(attr);
  // What the configuration writes keeps its position; what only the
  // deployment knows (an ARN, an ID) is a reference shown where it is used.
  bool written = !rb.data && rb.block->body->Get(attr) != nullptr && !IsMetaArgument(attr);
  ValuePtr v = Memo(memo_key, at, memo_key, [&]() -> ValuePtr {
    Scope storage;
    const Scope* scope = InstanceScope(rb, key, &storage);
    if (rb.data) return DataAttr(rb, scope, attr, at);
    if (const hcl::Attribute* a = rb.block->body->Get(attr);
        a != nullptr && !IsMetaArgument(attr)) {
      return Eval(a->value, scope);
    }
    bool nested = false;
    for (const hcl::BodyItem& item : rb.block->body->items) {
      if (item.block != nullptr && item.block->type == attr) nested = true;
    }
    if (nested) {
      ValuePtr body = EvalBody(rb.block->body, scope, rb.block->loc, /*top=*/true);
      if (ValuePtr f = body->FieldPtr(attr)) return f;
    }
    return Reference({address, std::string(attr)}, at);
  });
  return written ? v : At(v, at);
}

ValuePtr ModuleInstance::DataAttr(const ResourceBlock& rb, const Scope* scope,
                                  std::string_view attr, util::Loc at) const {
  const hcl::Body* body = rb.block->body;
  std::string shown = Prefix() + rb.address + "." + std::string(attr);
  if (rb.type == "aws_iam_policy_document") {
    if (attr != "json" && attr != "minified_json") return Unknown(shown, at);
    return PolicyDocumentValue(EvalBody(body, scope, rb.block->loc, /*top=*/true), rb.block->loc);
  }
  if (const hcl::Attribute* a = body->Get(attr)) return Eval(a->value, scope);
  auto pseudo = [&](std::string_view name) { return Reference({"", std::string(name)}, at); };
  if (rb.type == "aws_caller_identity" && attr == "account_id") return pseudo("AWS::AccountId");
  if (rb.type == "aws_region" && (attr == "name" || attr == "id" || attr == "region")) {
    return pseudo("AWS::Region");
  }
  if (rb.type == "aws_partition") {
    if (attr == "partition" || attr == "id") return pseudo("AWS::Partition");
    if (attr == "dns_suffix") return pseudo("AWS::URLSuffix");
  }
  if (rb.type == "aws_iam_policy" && (attr == "arn" || attr == "id")) {
    if (const hcl::Attribute* name = body->Get("name")) {
      std::string text;
      if (AsText(*Eval(name->value, scope), &text)) {
        if (std::optional<std::string> arn = cfn::ManagedPolicyArn(text)) return String(*arn, at);
      }
    }
  }
  return Unknown(shown, at);
}

const std::vector<std::unique_ptr<ModuleInstance>>& ModuleInstance::Children(
    std::string_view name) const {
  if (auto it = children_.find(name); it != children_.end()) return it->second;
  std::vector<std::unique_ptr<ModuleInstance>>& list = children_[std::string(name)];
  auto decl = config_->module_calls.find(name);
  if (decl == config_->module_calls.end()) return list;
  const hcl::Block* call = decl->second;
  const hcl::Attribute* source_attr = call->body->Get("source");
  std::string source;
  if (source_attr == nullptr || !AsText(*Eval(source_attr->value, nullptr), &source)) {
    Diag(call->loc, "module " + std::string(name) +
                        ": its source is not a literal string; its "
                        "resources are not scanned");
    return list;
  }
  util::Loc source_loc = source_attr->value->loc;
  const ModuleConfig* child =
      ev_->env_.find_module ? ev_->env_.find_module(*config_, source, ModuleKey(name), source_loc)
                            : nullptr;
  if (child == nullptr) return list;
  for (const ModuleInstance* m = this; m != nullptr; m = m->caller_) {
    if (m->config_ == child) {
      Diag(source_loc, "module " + std::string(name) + ": source " + source +
                           " is this module or one that calls it (a cycle); not read");
      return list;
    }
  }
  if (depth_ + 1 > ev_->env_.max_module_depth) {
    Diag(source_loc, "module " + std::string(name) + ": modules nested deeper than " +
                         std::to_string(ev_->env_.max_module_depth) + " levels are not read");
    return list;
  }
  std::string base = Prefix() + "module." + std::string(name);
  Expansion x = ExpandBlock(call->body, *this, nullptr, call->loc, base);
  for (size_t i = 0; i < x.keys.size(); ++i) {
    list.push_back(std::make_unique<ModuleInstance>(ev_, child, base + x.keys[i], this, call,
                                                    x.bindings[i], x.binding_name, depth_ + 1));
  }
  return list;
}

ValuePtr ModuleInstance::ModuleValue(std::string_view name, util::Loc at) const {
  auto decl = config_->module_calls.find(name);
  if (decl == config_->module_calls.end()) return Error("module." + std::string(name), at);
  const auto& instances = Children(name);
  if (instances.empty()) return Unknown("module." + std::string(name), at);
  auto outputs = [&](const ModuleInstance& m) {
    std::map<std::string, ValuePtr> fields;
    for (const auto& [out, block] : m.config().outputs) fields[out] = m.OutputValue(out, at);
    return Object(std::move(fields), at);
  };
  bool multiple =
      decl->second->body->Get("count") != nullptr || decl->second->body->Get("for_each") != nullptr;
  if (!multiple) return outputs(*instances.front());
  if (decl->second->body->Get("count") != nullptr) {
    std::vector<ValuePtr> items;
    for (const auto& m : instances) items.push_back(outputs(*m));
    return Tuple(std::move(items), at);
  }
  std::map<std::string, ValuePtr> fields;
  for (const auto& m : instances) {
    // The instance key is the end of its path: module.x["key"].
    std::string key = m->path().substr(m->path().rfind("[\"") + 2);
    key.resize(key.size() - 2);
    fields[key] = outputs(*m);
  }
  return Object(std::move(fields), at);
}

ValuePtr ModuleInstance::EvalBody(const hcl::Body* body, const Scope* s, util::Loc loc,
                                  bool top) const {
  std::map<std::string, ValuePtr> fields;
  std::map<std::string, std::vector<ValuePtr>> blocks;
  for (const hcl::BodyItem& item : body->items) {
    if (const hcl::Attribute* a = item.attribute) {
      if (top && IsMetaArgument(a->name)) continue;
      fields[std::string(a->name)] = Eval(a->value, s);
      continue;
    }
    const hcl::Block* b = item.block;
    if (top && IsMetaArgument(b->type)) continue;
    if (b->type == "dynamic" && b->labels.size() == 1) {
      std::string label(b->labels[0].text);
      std::string_view iterator = b->labels[0].text;
      if (const hcl::Attribute* it = b->body->Get("iterator");
          it != nullptr && it->value->kind == hcl::ExprKind::kVariable) {
        iterator = it->value->text;
      }
      const hcl::Block* content = nullptr;
      for (const hcl::Block* c : b->body->Blocks("content")) content = c;
      const hcl::Attribute* for_each = b->body->Get("for_each");
      if (content == nullptr || for_each == nullptr) continue;
      ValuePtr coll = Eval(for_each->value, s);
      std::vector<std::pair<ValuePtr, ValuePtr>> entries;
      if (coll->kind == Kind::kTuple) {
        for (size_t i = 0; i < coll->items.size(); ++i) {
          entries.emplace_back(Number(static_cast<double>(i), b->loc), coll->items[i]);
        }
      } else if (coll->kind == Kind::kObject) {
        for (const auto& [k, v] : coll->fields) entries.emplace_back(String(k, b->loc), v);
      } else {
        fields[label] = Unknown(SourceText(for_each->value), for_each->value->loc);
        continue;
      }
      if (entries.size() > ev_->env_.max_instances) {
        Diag(for_each->loc, "dynamic \"" + label + "\": for_each over " +
                                std::to_string(entries.size()) + " elements is more than the " +
                                std::to_string(ev_->env_.max_instances) + " read");
        entries.resize(ev_->env_.max_instances);
      }
      for (auto& [k, v] : entries) {
        Scope bound{s, iterator, Object({{"key", k}, {"value", v}}, b->loc)};
        blocks[label].push_back(EvalBody(content->body, &bound, content->loc, false));
      }
      continue;
    }
    blocks[std::string(b->type)].push_back(EvalBody(b->body, s, b->loc, false));
  }
  for (auto& [type, list] : blocks) {
    util::Loc first = list.front()->loc;
    fields[type] = Tuple(std::move(list), first);
  }
  return Object(std::move(fields), loc);
}

void ModuleInstance::CollectInstances(std::vector<ResourceInstance>* out) const {
  for (const ResourceBlock& rb : config_->resources) {
    const Expansion& x = Expand(rb);
    for (size_t i = 0; i < x.keys.size(); ++i) {
      ResourceInstance inst;
      inst.block = &rb;
      inst.address = Prefix() + rb.address + x.keys[i];
      inst.module_path = path_;
      inst.loc = rb.block->loc;
      Scope storage;
      const Scope* scope = nullptr;
      if (x.bindings[i] != nullptr) {
        storage = Scope{nullptr, x.binding_name, x.bindings[i]};
        scope = &storage;
      }
      inst.body = EvalBody(rb.block->body, scope, rb.block->loc, /*top=*/true);
      out->push_back(std::move(inst));
    }
  }
  for (const auto& [name, call] : config_->module_calls) {
    for (const auto& child : Children(name)) child->CollectInstances(out);
  }
}

Evaluator::Evaluator(const ModuleConfig& root, std::map<std::string, ValuePtr> variables,
                     EvalEnvironment env)
    : env_(std::move(env)) {
  root_ = std::make_unique<ModuleInstance>(this, &root, "", nullptr, nullptr, nullptr, "", 0);
  root_->given = std::move(variables);
}

Evaluator::~Evaluator() = default;

std::vector<ResourceInstance> Evaluator::Instances() {
  std::vector<ResourceInstance> out;
  root_->CollectInstances(&out);
  return out;
}

ValuePtr Evaluator::EvalInRoot(const hcl::Expr* expr) { return root_->Eval(expr, nullptr); }

ValuePtr Evaluator::Output(std::string_view name) {
  if (!root_->config().outputs.contains(name)) return nullptr;
  return root_->OutputValue(name, {});
}

}  // namespace fnwarden::load::terraform
