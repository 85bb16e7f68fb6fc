#include "load/terraform/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "util/strings.h"

namespace fnwarden::load::terraform {

bool Value::wholly_known() const {
  switch (kind) {
    case Kind::kUnknown:
    case Kind::kResource:
      return false;
    case Kind::kString:
      return parts.empty();
    case Kind::kTuple:
      for (const ValuePtr& i : items) {
        if (!i->wholly_known()) return false;
      }
      return true;
    case Kind::kObject:
      for (const auto& [k, f] : fields) {
        if (!f->wholly_known()) return false;
      }
      return true;
    default:
      return true;
  }
}

const Value* Value::Field(std::string_view name) const {
  if (kind != Kind::kObject) return nullptr;
  auto it = fields.find(std::string(name));
  return it == fields.end() ? nullptr : it->second.get();
}

ValuePtr Value::FieldPtr(std::string_view name) const {
  if (kind != Kind::kObject) return nullptr;
  auto it = fields.find(std::string(name));
  return it == fields.end() ? nullptr : it->second;
}

namespace {

std::shared_ptr<Value> Make(Kind kind, util::Loc loc) {
  auto v = std::make_shared<Value>();
  v->kind = kind;
  v->loc = loc;
  return v;
}

ValuePtr TooLarge(util::Loc loc) {
  auto v = Make(Kind::kUnknown, loc);
  v->text = "(a value of more than " + std::to_string(kMaxValueNodes) + " elements)";
  return v;
}

}  // namespace

ValuePtr Null(util::Loc loc) { return Make(Kind::kNull, loc); }

ValuePtr Bool(bool b, util::Loc loc) {
  auto v = Make(Kind::kBool, loc);
  v->text = b ? "true" : "false";
  return v;
}

std::string NumberToText(double n) {
  if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 1e17) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", n);
    return buf == std::string_view("-0") ? "0" : buf;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", n);
  // The shortest text that reads back the same.
  for (int precision = 1; precision < 17; ++precision) {
    char shorter[40];
    std::snprintf(shorter, sizeof shorter, "%.*g", precision, n);
    if (std::strtod(shorter, nullptr) == n) return shorter;
  }
  return buf;
}

ValuePtr Number(double n, util::Loc loc) {
  auto v = Make(Kind::kNumber, loc);
  v->number = n;
  v->text = NumberToText(n);
  return v;
}

ValuePtr NumberText(std::string_view text, util::Loc loc) {
  double n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(n)) {
    return Unknown(std::string(text), loc);
  }
  return Number(n, loc);
}

ValuePtr String(std::string text, util::Loc loc) {
  auto v = Make(Kind::kString, loc);
  v->text = std::move(text);
  return v;
}

ValuePtr StringParts(std::vector<StrPart> parts, util::Loc loc) {
  std::vector<StrPart> merged;
  bool all_text = true;
  for (StrPart& p : parts) {
    if (p.type == StrPart::Type::kText) {
      if (p.text.empty()) continue;
      if (!merged.empty() && merged.back().type == StrPart::Type::kText) {
        merged.back().text += p.text;
        continue;
      }
    } else {
      all_text = false;
    }
    merged.push_back(std::move(p));
  }
  if (all_text) return String(merged.empty() ? std::string() : std::move(merged.front().text), loc);
  auto v = Make(Kind::kString, loc);
  v->parts = std::move(merged);
  return v;
}

ValuePtr Tuple(std::vector<ValuePtr> items, util::Loc loc) {
  uint64_t nodes = 1;
  for (const ValuePtr& i : items) nodes += i->nodes;
  if (nodes > kMaxValueNodes) return TooLarge(loc);
  auto v = Make(Kind::kTuple, loc);
  v->nodes = nodes;
  v->items = std::move(items);
  return v;
}

ValuePtr Object(std::map<std::string, ValuePtr> fields, util::Loc loc) {
  uint64_t nodes = 1;
  for (const auto& [k, f] : fields) nodes += f->nodes;
  if (nodes > kMaxValueNodes) return TooLarge(loc);
  auto v = Make(Kind::kObject, loc);
  v->nodes = nodes;
  v->fields = std::move(fields);
  return v;
}

ValuePtr Unknown(std::string shown, util::Loc loc) {
  auto v = Make(Kind::kUnknown, loc);
  v->text = std::move(shown);
  return v;
}

ValuePtr Error(std::string shown, util::Loc loc) {
  auto v = Make(Kind::kUnknown, loc);
  v->text = std::move(shown);
  v->error = true;
  return v;
}

ValuePtr Reference(Ref ref, util::Loc loc) {
  StrPart p;
  p.type = StrPart::Type::kRef;
  p.ref = std::move(ref);
  auto v = Make(Kind::kString, loc);
  v->parts.push_back(std::move(p));
  return v;
}

ValuePtr At(const ValuePtr& v, util::Loc loc) {
  if (!loc.known() ||
      (v->loc.file == loc.file && v->loc.line == loc.line && v->loc.col == loc.col)) {
    return v;
  }
  auto copy = std::make_shared<Value>(*v);
  copy->loc = loc;
  return copy;
}

bool AsText(const Value& v, std::string* out) {
  switch (v.kind) {
    case Kind::kString:
      if (!v.parts.empty()) return false;
      *out = v.text;
      return true;
    case Kind::kBool:
    case Kind::kNumber:
      *out = v.text;
      return true;
    case Kind::kTuple:
    case Kind::kObject:
      return v.json && ToJson(v, out);
    default:
      return false;
  }
}

bool AsParts(const Value& v, std::vector<StrPart>* out) {
  out->clear();
  switch (v.kind) {
    case Kind::kString:
      if (v.parts.empty()) {
        out->push_back({StrPart::Type::kText, v.text, {}});
      } else {
        *out = v.parts;
      }
      return true;
    case Kind::kBool:
    case Kind::kNumber:
      out->push_back({StrPart::Type::kText, v.text, {}});
      return true;
    default: {
      std::string json;
      if ((v.kind == Kind::kTuple || v.kind == Kind::kObject) && v.json && ToJson(v, &json)) {
        out->push_back({StrPart::Type::kText, std::move(json), {}});
        return true;
      }
      return false;
    }
  }
}

bool AsBool(const Value& v, bool* known) {
  *known = true;
  if (v.kind == Kind::kBool) return v.text == "true";
  if (v.kind == Kind::kString && v.parts.empty()) {
    if (v.text == "true") return true;
    if (v.text == "false") return false;
  }
  *known = false;
  return false;
}

bool AsNumber(const Value& v, double* out) {
  if (v.kind == Kind::kNumber) {
    *out = v.number;
    return true;
  }
  if (v.kind == Kind::kString && v.parts.empty() && !v.text.empty()) {
    auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), *out);
    return ec == std::errc() && end == v.text.data() + v.text.size() && std::isfinite(*out);
  }
  return false;
}

bool Equal(const Value& a, const Value& b, bool* known) {
  *known = true;
  if (!a.wholly_known() || !b.wholly_known()) {
    *known = false;
    return false;
  }
  if (a.kind != b.kind) {
    // Terraform compares values of different types as unequal, except
    // that a number and a string do not convert for ==.
    return false;
  }
  switch (a.kind) {
    case Kind::kNull:
      return true;
    case Kind::kNumber:
      return a.number == b.number;
    case Kind::kBool:
    case Kind::kString:
      return a.text == b.text;
    case Kind::kTuple:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!Equal(*a.items[i], *b.items[i], known)) return false;
      }
      return true;
    case Kind::kObject: {
      if (a.fields.size() != b.fields.size()) return false;
      auto i = a.fields.begin();
      auto j = b.fields.begin();
      for (; i != a.fields.end(); ++i, ++j) {
        if (i->first != j->first || !Equal(*i->second, *j->second, known)) return false;
      }
      return true;
    }
    default:
      *known = false;
      return false;
  }
}

bool ToJson(const Value& v, std::string* out) {
  switch (v.kind) {
    case Kind::kNull:
      *out += "null";
      return true;
    case Kind::kBool:
    case Kind::kNumber:
      *out += v.text;
      return true;
    case Kind::kString:
      if (!v.parts.empty()) return false;
      util::AppendJsonString(v.text, out);
      return true;
    case Kind::kTuple: {
      *out += '[';
      bool first = true;
      for (const ValuePtr& i : v.items) {
        if (!first) *out += ',';
        first = false;
        if (!ToJson(*i, out)) return false;
      }
      *out += ']';
      return true;
    }
    case Kind::kObject: {
      *out += '{';
      bool first = true;
      for (const auto& [k, f] : v.fields) {
        if (!first) *out += ',';
        first = false;
        util::AppendJsonString(k, out);
        *out += ':';
        if (!ToJson(*f, out)) return false;
      }
      *out += '}';
      return true;
    }
    default:
      return false;
  }
}

ValuePtr FromNode(const syntax::Node* n, util::Loc (*relocate)(util::Loc, const void*),
                  const void* context) {
  util::Loc loc = n != nullptr ? n->loc : util::Loc{};
  if (relocate != nullptr) loc = relocate(loc, context);
  if (n == nullptr || n->is_null()) return Null(loc);
  if (n->is_map()) {
    std::map<std::string, ValuePtr> fields;
    for (const syntax::MapEntry& e : n->entries) {
      fields[std::string(e.key->scalar)] = FromNode(e.value, relocate, context);
    }
    return Object(std::move(fields), loc);
  }
  if (n->is_seq()) {
    std::vector<ValuePtr> items;
    items.reserve(n->items.size());
    for (const syntax::Node* i : n->items) items.push_back(FromNode(i, relocate, context));
    return Tuple(std::move(items), loc);
  }
  if (n->style == syntax::ScalarStyle::kPlain) {
    switch (n->Type()) {
      case syntax::ScalarType::kBool:
        return Bool(n->scalar == "true", loc);
      case syntax::ScalarType::kInt:
      case syntax::ScalarType::kFloat:
        return NumberText(n->scalar, loc);
      default:
        break;
    }
  }
  return String(std::string(n->scalar), loc);
}

std::vector<ValuePtr> BlockList(const ValuePtr& field) {
  std::vector<ValuePtr> out;
  if (field == nullptr) return out;
  if (field->kind == Kind::kObject && !field->json) {
    out.push_back(field);
  } else if (field->kind == Kind::kTuple) {
    for (const ValuePtr& i : field->items) {
      if (i->kind == Kind::kObject) out.push_back(i);
    }
  }
  return out;
}

std::string Show(const Value& v) {
  switch (v.kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
    case Kind::kNumber:
      return v.text;
    case Kind::kString: {
      if (v.parts.empty()) return "\"" + v.text + "\"";
      std::string s = "\"";
      for (const StrPart& p : v.parts) {
        switch (p.type) {
          case StrPart::Type::kText:
            s += p.text;
            break;
          case StrPart::Type::kRef:
            s += "${" + p.ref.address + "." + p.ref.attribute + "}";
            break;
          case StrPart::Type::kUnknown:
            s += "${(unknown: " + p.text + ")}";
            break;
        }
      }
      return s + "\"";
    }
    case Kind::kTuple: {
      std::string s = v.json ? "json[" : "[";
      for (size_t i = 0; i < v.items.size(); ++i) s += (i ? ", " : "") + Show(*v.items[i]);
      return s + "]";
    }
    case Kind::kObject: {
      std::string s = v.json ? "json{" : "{";
      bool first = true;
      for (const auto& [k, f] : v.fields) {
        s += (first ? "" : ", ") + k + " = " + Show(*f);
        first = false;
      }
      return s + "}";
    }
    case Kind::kUnknown:
      return "(unknown: " + v.text + ")";
    case Kind::kResource:
      return "(resource)";
  }
  return "";
}

}  // namespace fnwarden::load::terraform
