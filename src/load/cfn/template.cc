// Reading the sections of a CloudFormation template from its syntax tree.
// Nothing is evaluated here: the Evaluator does that lazily.
#include "load/cfn/template.h"

#include <string_view>
#include <unordered_set>

namespace fnwarden::load::cfn {

namespace {

using syntax::Node;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool IsTrue(const Node* n) {
  if (n == nullptr || !n->is_scalar()) return false;
  return n->scalar == "true" || n->scalar == "True" || n->scalar == "TRUE";
}

void ReadTransforms(const Node* n, std::vector<std::string>* out) {
  if (n == nullptr) return;
  if (n->is_scalar()) {
    out->emplace_back(n->scalar);
  } else if (n->is_seq()) {
    for (const Node* item : n->items) ReadTransforms(item, out);
  } else if (n->is_map()) {  // {Name: AWS::Include, Parameters: {...}}
    const Node* name = n->Get("Name");
    if (name != nullptr && name->is_scalar()) out->emplace_back(name->scalar);
  }
}

void ReadParameters(const Node* n, Template* out, util::DiagnosticSink* diags) {
  if (n == nullptr || n->is_null()) return;
  if (!n->is_map()) {
    diags->Error(n->loc, "Parameters must be a map of parameter declarations");
    return;
  }
  out->parameters.reserve(n->entries.size());
  for (const syntax::MapEntry& e : n->entries) {
    ParameterDecl p;
    p.name = std::string(e.key->scalar);
    p.loc = e.key->loc;
    const Node* decl = e.value;
    if (decl != nullptr && decl->is_map()) {
      if (const Node* type = decl->Get("Type"); type != nullptr && type->is_scalar()) {
        p.type = std::string(type->scalar);
      }
      p.default_value = decl->Get("Default");
      p.no_echo = IsTrue(decl->Get("NoEcho"));
      if (const Node* allowed = decl->Get("AllowedValues"); allowed != nullptr) {
        if (allowed->is_seq()) {
          for (const Node* v : allowed->items) {
            if (v->is_scalar()) p.allowed_values.emplace_back(v->scalar);
          }
        } else if (allowed->is_scalar()) {
          p.allowed_values.emplace_back(allowed->scalar);
        }
      }
    } else {
      diags->Error(e.key->loc, "parameter '" + p.name + "' must be a map with a Type");
    }
    out->parameters.push_back(std::move(p));
  }
}

const Node* MapSection(const Node* root, std::string_view name) {
  const Node* n = root->Get(name);
  return n != nullptr && n->is_map() ? n : nullptr;
}

void ReadResources(const Node* root, Template* out, util::DiagnosticSink* diags) {
  const Node* n = root->Get("Resources");
  if (n == nullptr || n->is_null()) return;
  if (!n->is_map()) {
    diags->Error(n->loc, "Resources must be a map of logical IDs to resources");
    return;
  }
  // Resources are checked against the Conditions section's keys in one
  // look-up each (the last of duplicate keys counts, as in Node::Get).
  std::unordered_set<std::string_view> conditions;
  if (const Node* section = MapSection(root, "Conditions"); section != nullptr) {
    for (const syntax::MapEntry& c : section->entries) conditions.insert(c.key->scalar);
  }
  out->resources.reserve(n->entries.size());
  for (const syntax::MapEntry& e : n->entries) {
    std::string_view id = e.key->scalar;
    // AWS::LanguageExtensions loops generate resources we do not expand.
    if (StartsWith(id, "Fn::ForEach")) continue;
    const Node* r = e.value;
    if (r == nullptr || !r->is_map()) {
      diags->Error(e.key->loc, "resource '" + std::string(id) + "' must be a map with a Type");
      continue;
    }
    const Node* type = r->Get("Type");
    if (type == nullptr || !type->is_scalar() || type->scalar.empty()) {
      diags->Error(e.key->loc, "resource '" + std::string(id) + "' has no Type");
      continue;
    }
    ResourceDecl d;
    d.id = std::string(id);
    d.type = std::string(type->scalar);
    d.loc = e.key->loc;
    d.node = r;
    d.properties = r->Get("Properties");
    d.metadata = r->Get("Metadata");
    if (const Node* c = r->Get("Condition"); c != nullptr && c->is_scalar()) {
      d.condition = std::string(c->scalar);
      if (conditions.count(c->scalar) == 0) {
        diags->Error(c->loc,
                     "resource '" + d.id + "' has undeclared condition '" + d.condition + "'");
      }
    }
    out->resource_index.emplace(id, out->resources.size());
    out->resources.push_back(std::move(d));
  }
  out->indexed_resources = out->resources.size();
}

}  // namespace

bool Template::is_sam() const {
  for (const std::string& t : transforms) {
    if (StartsWith(t, "AWS::Serverless")) return true;
  }
  // SAM resources without the transform: the author meant SAM (sam::Expand
  // warns about the missing transform).
  for (const ResourceDecl& r : resources) {
    if (StartsWith(r.type, "AWS::Serverless::")) return true;
  }
  return false;
}

const ResourceDecl* Template::FindResource(std::string_view id) const {
  if (indexed_resources == resources.size()) {
    auto it = resource_index.find(id);
    return it == resource_index.end() ? nullptr : &resources[it->second];
  }
  for (const ResourceDecl& r : resources) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

bool LooksLikeTemplate(const Node* root) {
  if (root == nullptr || !root->is_map()) return false;
  if (root->Get("AWSTemplateFormatVersion") != nullptr) return true;
  const Node* resources = root->Get("Resources");
  if (resources == nullptr || !resources->is_map()) return false;
  for (const syntax::MapEntry& e : resources->entries) {
    const Node* type = e.value != nullptr ? e.value->Get("Type") : nullptr;
    if (type != nullptr && type->is_scalar() &&
        (StartsWith(type->scalar, "AWS::") || StartsWith(type->scalar, "Custom::"))) {
      return true;
    }
  }
  return false;
}

bool ReadTemplate(const syntax::Document& doc, Template* out, util::DiagnosticSink* diags) {
  const Node* root = doc.root();
  if (!LooksLikeTemplate(root)) return false;
  out->doc = &doc;
  out->file = doc.file();
  out->has_format_version = root->Get("AWSTemplateFormatVersion") != nullptr;
  ReadTransforms(root->Get("Transform"), &out->transforms);
  ReadParameters(root->Get("Parameters"), out, diags);
  out->mappings = MapSection(root, "Mappings");
  out->conditions = MapSection(root, "Conditions");
  out->globals = MapSection(root, "Globals");
  ReadResources(root, out, diags);
  return true;
}

}  // namespace fnwarden::load::cfn
