// Terraform plan JSON (`terraform show -json plan.out`, and the state form
// `terraform show -json`): a second input form, with values as Terraform
// planned them. `planned_values` (or a state's `values`) gives every
// resource instance's known arguments; what only the apply knows (an ARN)
// is absent there, and `configuration` says what the expression referred
// to, which becomes a reference as in HCL; `resource_changes` says which
// other absent arguments the apply will set (`after_unknown`), which stay
// unknown rather than read as unset. Findings point into the plan.

#include "load/terraform/plan.h"

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "load/terraform/terraform.h"
#include "util/strings.h"

namespace fnwarden::load::terraform {
namespace {

using syntax::Node;

// The reference an expression of the configuration makes to a resource's
// attribute ("aws_iam_role.exec.arn"), as a Ref of the module `prefix`.
bool ReferenceOf(const Node* expression, const std::string& prefix, Ref* out) {
  const Node* refs = expression != nullptr ? expression->Get("references") : nullptr;
  if (refs == nullptr || !refs->is_seq()) return false;
  for (const Node* r : refs->items) {
    if (!r->is_scalar()) continue;
    std::string_view text = r->scalar;
    if (text.starts_with("var.") || text.starts_with("local.") || text.starts_with("module.") ||
        text.starts_with("data.") || text.starts_with("each.") || text.starts_with("count.")) {
      continue;
    }
    // type.name[key].attr or type.name.attr
    size_t first = text.find('.');
    if (first == std::string_view::npos) continue;
    size_t name_end = text.find_first_of(".[", first + 1);
    if (name_end == std::string_view::npos) continue;
    size_t attr_dot = name_end;
    if (text[name_end] == '[') {
      size_t close = text.find(']', name_end);
      if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != '.') {
        continue;
      }
      attr_dot = close + 1;
    }
    out->address = prefix + std::string(text.substr(0, attr_dot));
    out->attribute = std::string(text.substr(attr_dot + 1));
    if (out->attribute.find('.') != std::string::npos) continue;
    return true;
  }
  return false;
}

struct Reader {
  std::deque<ResourceBlock> blocks;
  std::deque<std::string> names;
  std::vector<ResourceInstance> instances;
  // configuration: module address prefix ("" or "module.api.") and
  // resource config address ("aws_iam_role.exec") -> its expressions.
  std::map<std::string, const Node*> expressions;
  // resource_changes: each instance's `after_unknown` (attribute -> true).
  std::map<std::string, const Node*> unknown_after;

  void IndexChanges(const Node* changes) {
    if (changes == nullptr || !changes->is_seq()) return;
    for (const Node* c : changes->items) {
      const Node* address = c->Get("address");
      const Node* change = c->Get("change");
      const Node* after = change != nullptr ? change->Get("after_unknown") : nullptr;
      if (address != nullptr && address->is_scalar() && after != nullptr && after->is_map()) {
        unknown_after[std::string(address->scalar)] = after;
      }
    }
  }

  void IndexConfiguration(const Node* module, const std::string& prefix, int depth) {
    if (module == nullptr || !module->is_map() || depth > 32) return;
    if (const Node* resources = module->Get("resources");
        resources != nullptr && resources->is_seq()) {
      for (const Node* r : resources->items) {
        const Node* address = r->Get("address");
        const Node* expr = r->Get("expressions");
        if (address != nullptr && address->is_scalar() && expr != nullptr) {
          expressions[prefix + std::string(address->scalar)] = expr;
        }
      }
    }
    if (const Node* calls = module->Get("module_calls"); calls != nullptr && calls->is_map()) {
      for (const syntax::MapEntry& e : calls->entries) {
        IndexConfiguration(e.value->Get("module"),
                           prefix + "module." + std::string(e.key->scalar) + ".", depth + 1);
      }
    }
  }

  // The configuration address of an instance: without instance keys.
  static std::string ConfigAddress(std::string_view address) {
    std::string out;
    int depth = 0;
    bool quoted = false;
    for (size_t i = 0; i < address.size(); ++i) {
      char c = address[i];
      if (depth > 0) {
        if (c == '"' && (i == 0 || address[i - 1] != '\\')) quoted = !quoted;
        if (!quoted && c == ']') --depth;
        continue;
      }
      if (c == '[') {
        ++depth;
        continue;
      }
      out += c;
    }
    return out;
  }

  void ReadModule(const Node* module, int depth) {
    if (module == nullptr || !module->is_map() || depth > 32) return;
    if (const Node* resources = module->Get("resources");
        resources != nullptr && resources->is_seq()) {
      for (const Node* r : resources->items) ReadResource(r);
    }
    if (const Node* children = module->Get("child_modules");
        children != nullptr && children->is_seq()) {
      for (const Node* c : children->items) ReadModule(c, depth + 1);
    }
  }

  void ReadResource(const Node* r) {
    const Node* address = r->Get("address");
    const Node* mode = r->Get("mode");
    const Node* type = r->Get("type");
    const Node* name = r->Get("name");
    if (address == nullptr || type == nullptr || !address->is_scalar() || !type->is_scalar())
      return;
    ResourceBlock& b = blocks.emplace_back();
    b.data = mode != nullptr && mode->is_scalar() && mode->scalar == "data";
    b.type = names.emplace_back(type->scalar);
    b.name = names.emplace_back(name != nullptr && name->is_scalar() ? name->scalar : "");
    std::string full(address->scalar);
    b.address = full;
    std::string module_path;
    if (full.starts_with("module.")) {
      // module.a.module.b[0].aws_x.y -> module path is up to the last module call.
      size_t at = 0;
      size_t last_end = 0;
      while (full.compare(at, 7, "module.") == 0) {
        size_t dot = full.find('.', at + 7);
        size_t bracket = full.find('[', at + 7);
        size_t end = std::min(dot, bracket);
        if (end == std::string::npos) break;
        if (full[end] == '[') end = full.find(']', end) + 1;
        last_end = end;
        at = end + 1;
      }
      module_path = full.substr(0, last_end);
    }
    std::string prefix = module_path.empty() ? "" : ConfigAddress(module_path) + ".";
    const Node* values = r->Get("values");
    ValuePtr body = values != nullptr && values->is_map() ? FromNode(values) : Object({}, r->loc);
    // What only the apply knows is absent (or null) among the values: the
    // configuration says what it refers to.
    auto config = expressions.find(ConfigAddress(full));
    if (config != expressions.end() && config->second->is_map()) {
      std::map<std::string, ValuePtr> fields = body->fields;
      for (const syntax::MapEntry& e : config->second->entries) {
        std::string attr(e.key->scalar);
        auto known = fields.find(attr);
        if (known != fields.end() && !known->second->is_null()) continue;
        Ref ref;
        if (ReferenceOf(e.value, prefix, &ref)) fields[attr] = Reference(ref, e.key->loc);
      }
      body = Object(std::move(fields), body->loc);
    }
    // What the plan says only the apply will know, and the configuration
    // did not name: unknown, not absent (an absent setting is a default).
    if (auto change = unknown_after.find(full); change != unknown_after.end()) {
      std::map<std::string, ValuePtr> fields = body->fields;
      for (const syntax::MapEntry& e : change->second->entries) {
        if (!e.value->is_scalar() || e.value->scalar != "true") continue;
        std::string attr(e.key->scalar);
        auto known = fields.find(attr);
        if (known != fields.end() && !known->second->is_null()) continue;
        fields[attr] = Unknown(full + "." + attr, r->loc);
      }
      body = Object(std::move(fields), body->loc);
    }
    ResourceInstance inst;
    inst.block = &b;
    inst.address = full;
    inst.module_path = module_path;
    inst.loc = r->loc;
    inst.body = body;
    instances.push_back(std::move(inst));
  }
};

}  // namespace

bool PlanMayClaim(std::string_view, std::string_view text) {
  return text.find("\"format_version\"") != std::string_view::npos &&
         (text.find("\"planned_values\"") != std::string_view::npos ||
          text.find("\"terraform_version\"") != std::string_view::npos);
}

bool PlanClaims(std::string_view, const syntax::Node* root) {
  if (root == nullptr || !root->is_map() || root->Get("format_version") == nullptr) return false;
  const Node* values = root->Get("planned_values");
  if (values == nullptr && root->Get("terraform_version") != nullptr) values = root->Get("values");
  return values != nullptr && values->is_map();
}

bool BuildPlan(const syntax::Document& doc, const UnitContext& ctx, util::DiagnosticSink* diags,
               model::Model* out) {
  const Node* root = doc.root();
  if (!PlanClaims("", root)) return false;
  (void)diags;
  Reader reader;
  if (const Node* config = root->Get("configuration")) {
    reader.IndexConfiguration(config->Get("root_module"), "", 0);
  }
  reader.IndexChanges(root->Get("resource_changes"));
  const Node* values = root->Get("planned_values");
  if (values == nullptr) values = root->Get("values");
  reader.ReadModule(values->Get("root_module"), 0);
  return BuildFromInstances(reader.instances, doc.file()->path(), doc.file(), *ctx.options, out);
}

}  // namespace fnwarden::load::terraform
