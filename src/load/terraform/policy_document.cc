#include "load/terraform/policy_document.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "load/terraform/functions.h"

namespace fnwarden::load::terraform {
namespace {

// principals { type = "AWS" identifiers = [...] } blocks as a Principal
// value: {"AWS": [...], "Service": [...]} or "*".
ValuePtr Principals(const Value& blocks, util::Loc loc) {
  std::map<std::string, std::vector<ValuePtr>> by_type;
  util::Loc first = blocks.loc;
  for (const ValuePtr& b : blocks.items) {
    const Value* type = b->Field("type");
    ValuePtr ids = b->FieldPtr("identifiers");
    std::string t;
    if (type == nullptr || ids == nullptr || !AsText(*type, &t)) {
      return Unknown("principals", b->loc);
    }
    if (t == "*") {
      // type "*" with identifiers ["*"] is everyone.
      return String("*", b->loc);
    }
    if (ids->kind == Kind::kTuple) {
      for (const ValuePtr& id : ids->items) by_type[t].push_back(id);
    } else {
      by_type[t].push_back(ids);
    }
  }
  std::map<std::string, ValuePtr> fields;
  for (auto& [t, ids] : by_type) fields[t] = Tuple(std::move(ids), first);
  return Object(std::move(fields), loc);
}

// condition { test variable values } blocks as a Condition value.
ValuePtr Conditions(const Value& blocks) {
  std::map<std::string, std::map<std::string, ValuePtr>> by_test;
  for (const ValuePtr& b : blocks.items) {
    std::string test, variable;
    const Value* t = b->Field("test");
    const Value* v = b->Field("variable");
    ValuePtr values = b->FieldPtr("values");
    if (t == nullptr || v == nullptr || values == nullptr || !AsText(*t, &test) ||
        !AsText(*v, &variable)) {
      return Unknown("condition", b->loc);
    }
    // Two conditions on one test and key merge their values, as the
    // provider does.
    ValuePtr& slot = by_test[test][variable];
    if (slot == nullptr || slot->kind != Kind::kTuple || values->kind != Kind::kTuple) {
      slot = values;
    } else {
      std::vector<ValuePtr> merged = slot->items;
      merged.insert(merged.end(), values->items.begin(), values->items.end());
      slot = Tuple(std::move(merged), slot->loc);
    }
  }
  std::map<std::string, ValuePtr> fields;
  for (auto& [test, vars] : by_test) {
    util::Loc loc = vars.begin()->second->loc;
    fields[test] = Object(std::move(vars), loc);
  }
  return Object(std::move(fields), blocks.loc);
}

ValuePtr Statement(const Value& s) {
  std::map<std::string, ValuePtr> out;
  auto copy = [&](std::string_view from, const char* to) {
    if (ValuePtr v = s.FieldPtr(from); v != nullptr && !v->is_null()) out[to] = v;
  };
  copy("sid", "Sid");
  if (ValuePtr effect = s.FieldPtr("effect"); effect != nullptr && !effect->is_null()) {
    out["Effect"] = effect;
  } else {
    out["Effect"] = String("Allow", s.loc);
  }
  copy("actions", "Action");
  copy("not_actions", "NotAction");
  copy("resources", "Resource");
  copy("not_resources", "NotResource");
  // Blocks as the native syntax writes them (tuples), or one object (JSON).
  auto blocks = [&](std::string_view field) -> ValuePtr {
    ValuePtr f = s.FieldPtr(field);
    if (f == nullptr || f->is_null()) return nullptr;
    std::vector<ValuePtr> list = BlockList(f);
    return list.empty() && f->kind != Kind::kTuple ? nullptr : Tuple(std::move(list), f->loc);
  };
  if (ValuePtr p = blocks("principals")) out["Principal"] = Principals(*p, p->loc);
  if (ValuePtr p = blocks("not_principals")) out["NotPrincipal"] = Principals(*p, p->loc);
  if (ValuePtr c = blocks("condition")) out["Condition"] = Conditions(*c);
  return Object(std::move(out), s.loc);
}

// The statements of another document (a source or override document).
bool DocumentStatements(const ValuePtr& doc, std::vector<ValuePtr>* out) {
  ValuePtr d = doc;
  if (d->kind == Kind::kString) {
    std::string text;
    if (!AsText(*d, &text)) return false;
    d = DecodeJson(text, doc->loc);
    if (d == nullptr) return false;
  }
  if (d->kind != Kind::kObject) return false;
  ValuePtr statements = d->FieldPtr("Statement");
  if (statements == nullptr) return true;
  if (statements->kind == Kind::kTuple) {
    out->insert(out->end(), statements->items.begin(), statements->items.end());
  } else if (statements->kind == Kind::kObject) {
    out->push_back(statements);
  } else {
    return false;
  }
  return true;
}

std::string SidOf(const Value& statement) {
  std::string sid;
  if (const Value* s = statement.Field("Sid")) AsText(*s, &sid);
  return sid;
}

}  // namespace

ValuePtr PolicyDocumentValue(const ValuePtr& body, util::Loc loc) {
  if (body == nullptr || body->kind != Kind::kObject) return Unknown("policy document", loc);
  std::vector<ValuePtr> statements;
  auto documents = [&](std::string_view field, std::vector<ValuePtr>* into) {
    ValuePtr docs = body->FieldPtr(field);
    if (docs == nullptr || docs->is_null()) return true;
    if (docs->kind != Kind::kTuple) return false;
    for (const ValuePtr& d : docs->items) {
      if (!DocumentStatements(d, into)) return false;
    }
    return true;
  };
  if (!documents("source_policy_documents", &statements) ||
      !documents("source_json", &statements)) {
    return Unknown("policy document", loc);
  }
  if (ValuePtr own = body->FieldPtr("statement"); own != nullptr && !own->is_null()) {
    std::vector<ValuePtr> list = BlockList(own);
    if (list.empty() && own->kind != Kind::kTuple) return Unknown("policy document", loc);
    for (const ValuePtr& s : list) {
      ValuePtr st = Statement(*s);
      // A statement whose Sid a source document uses replaces it.
      std::string sid = SidOf(*st);
      bool replaced = false;
      if (!sid.empty()) {
        for (ValuePtr& existing : statements) {
          if (SidOf(*existing) == sid) {
            existing = st;
            replaced = true;
          }
        }
      }
      if (!replaced) statements.push_back(std::move(st));
    }
  }
  std::vector<ValuePtr> overrides;
  if (!documents("override_policy_documents", &overrides) ||
      !documents("override_json", &overrides)) {
    return Unknown("policy document", loc);
  }
  for (ValuePtr& o : overrides) {
    std::string sid = SidOf(*o);
    bool replaced = false;
    if (!sid.empty()) {
      for (ValuePtr& existing : statements) {
        if (SidOf(*existing) == sid) {
          existing = o;
          replaced = true;
        }
      }
    }
    if (!replaced) statements.push_back(o);
  }
  std::map<std::string, ValuePtr> fields;
  ValuePtr version = body->FieldPtr("version");
  fields["Version"] =
      version != nullptr && !version->is_null() ? version : String("2012-10-17", loc);
  if (ValuePtr id = body->FieldPtr("policy_id"); id != nullptr && !id->is_null()) {
    fields["Id"] = id;
  }
  fields["Statement"] = Tuple(std::move(statements), loc);
  auto doc = std::make_shared<Value>(*Object(std::move(fields), loc));
  doc->json = true;
  return doc;
}

}  // namespace fnwarden::load::terraform
