// Terraform resource instances into CloudFormation-shaped synthetic nodes
// (compile.h): the values made nodes, references made Ref and Fn::GetAtt,
// and the resources merged. What each type becomes is in the tables of
// types_compute.cc, types_data.cc and types_api.cc.

#include "load/terraform/compile.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "load/terraform/compile_internal.h"
#include "load/terraform/functions.h"
#include "util/strings.h"

namespace fnwarden::load::terraform::internal {

// Every type, from the three tables.
const TypeInfo* FindType(std::string_view tf_type) {
  static const std::map<std::string_view, const TypeInfo*> kByType = [] {
    std::map<std::string_view, const TypeInfo*> out;
    for (std::span<const TypeInfo> table : {ComputeTypes(), DataTypes(), ApiTypes()}) {
      for (const TypeInfo& t : table) out.emplace(t.tf_type, &t);
    }
    return out;
  }();
  auto it = kByType.find(tf_type);
  return it == kByType.end() ? nullptr : it->second;
}

// A field that is present and not null.
ValuePtr F(const Value* v, std::string_view name) {
  if (v == nullptr) return nullptr;
  ValuePtr f = v->FieldPtr(name);
  return f != nullptr && !f->is_null() ? f : nullptr;
}

// The first nested block `name` of an object, or nullptr.
const Value* Block(const Value* v, std::string_view name) {
  std::vector<ValuePtr> blocks = BlockList(F(v, name));
  return blocks.empty() ? nullptr : blocks.front().get();
}

std::vector<const Value*> Blocks(const Value* v, std::string_view name) {
  std::vector<const Value*> out;
  for (const ValuePtr& b : BlockList(F(v, name))) out.push_back(b.get());
  return out;
}

Props& Props::Copy(std::string_view cfn, std::string_view tf) { return Set(cfn, F(from_, tf)); }

Props& Props::Set(std::string_view cfn, const ValuePtr& v) {
  if (v == nullptr || v->is_null()) return *this;
  return SetNode(cfn, c_->ToNode(v));
}

Props& Props::SetNode(std::string_view cfn, const Node* n) {
  if (n == nullptr) return *this;
  entries_.push_back(c_->arena()->Entry(cfn, n, n->loc.known() ? n->loc : loc_));
  return *this;
}

Props& Props::SetText(std::string_view cfn, std::string_view text) {
  return SetNode(cfn, c_->Text(text, loc_));
}

const Node* Props::Build() const {
  if (entries_.empty()) return nullptr;
  return c_->arena()->Map(entries_, loc_);
}

const Node* Compiler::PartsNode(const std::vector<StrPart>& parts, util::Loc loc) {
  std::vector<const Node*> items;
  for (const StrPart& p : parts) {
    switch (p.type) {
      case StrPart::Type::kText:
        items.push_back(arena_->Scalar(p.text, loc));
        break;
      case StrPart::Type::kRef:
        items.push_back(RefNode(p.ref, loc));
        break;
      case StrPart::Type::kUnknown:
        items.push_back(arena_->Unknown(p.text, loc));
        break;
    }
  }
  if (items.size() == 1) return items.front();
  const Node* join = arena_->Seq({arena_->Scalar("", loc), arena_->Seq(items, loc)}, loc);
  return arena_->Map({arena_->Entry("Fn::Join", join, loc)}, loc);
}

const Node* Compiler::RefNode(const Ref& ref, util::Loc loc) {
  if (ref.address.empty())
    return arena_->Map({arena_->Entry("Ref", arena_->Scalar(ref.attribute, loc), loc)}, loc);
  auto it = compiled_.find(ref.address);
  auto unknown = [&] { return arena_->Unknown(ref.address + "." + ref.attribute, loc); };
  if (it == compiled_.end()) return unknown();
  const Compiled& target = it->second;
  const TypeInfo* type = FindType(target.tf_type);
  if (type == nullptr) return unknown();
  auto make_ref = [&] {
    return arena_->Map({arena_->Entry("Ref", arena_->Scalar(ref.address, loc), loc)}, loc);
  };
  auto get_att = [&](std::string_view attr) {
    const Node* args =
        arena_->Seq({arena_->Scalar(ref.address, loc), arena_->Scalar(attr, loc)}, loc);
    return arena_->Map({arena_->Entry("Fn::GetAtt", args, loc)}, loc);
  };
  auto join = [&](std::vector<const Node*> items) {
    const Node* j = arena_->Seq({arena_->Scalar("", loc), arena_->Seq(items, loc)}, loc);
    return arena_->Map({arena_->Entry("Fn::Join", j, loc)}, loc);
  };
  auto pseudo = [&](std::string_view name) {
    return arena_->Map({arena_->Entry("Ref", arena_->Scalar(name, loc), loc)}, loc);
  };
  // Attributes that are made of others.
  if (ref.attribute == "invoke_arn" && target.tf_type == "aws_lambda_function") {
    return join({arena_->Scalar("arn:", loc), pseudo("AWS::Partition"),
                 arena_->Scalar(":apigateway:", loc), pseudo("AWS::Region"),
                 arena_->Scalar(":lambda:path/2015-03-31/functions/", loc), get_att("Arn"),
                 arena_->Scalar("/invocations", loc)});
  }
  if (ref.attribute == "execution_arn" &&
      (target.tf_type == "aws_api_gateway_rest_api" || target.tf_type == "aws_apigatewayv2_api")) {
    return join({arena_->Scalar("arn:", loc), pseudo("AWS::Partition"),
                 arena_->Scalar(":execute-api:", loc), pseudo("AWS::Region"),
                 arena_->Scalar(":", loc), pseudo("AWS::AccountId"), arena_->Scalar(":", loc),
                 make_ref()});
  }
  if (ref.attribute == "arn" && target.tf_type == "aws_api_gateway_stage") {
    const Value* body = InstanceBody(ref.address);
    const Value* api = body != nullptr ? body->Field("rest_api_id") : nullptr;
    return join({arena_->Scalar("arn:", loc), pseudo("AWS::Partition"),
                 arena_->Scalar(":apigateway:", loc), pseudo("AWS::Region"),
                 arena_->Scalar("::/restapis/", loc),
                 api != nullptr ? ToNode(*api) : arena_->Unknown("rest_api_id", loc),
                 arena_->Scalar("/stages/", loc), make_ref()});
  }
  for (const AttrMap& a : type->attrs) {
    if (a.tf != ref.attribute) continue;
    return a.cfn.empty() ? make_ref() : get_att(a.cfn);
  }
  return unknown();
}

const Node* Compiler::ToNode(const ValuePtr& v) { return ToNode(*v); }

const Node* Compiler::ToNode(const Value& v) {
  // Values share their parts; the nodes made from them do not. A budget
  // keeps a module that reuses one large value everywhere linear.
  if (v.nodes > node_budget_) return arena_->Unknown("(too large to read)", v.loc);
  if (v.kind != Kind::kTuple && v.kind != Kind::kObject) node_budget_ -= 1;
  switch (v.kind) {
    case Kind::kNull:
      return arena_->Plain("null", v.loc);
    case Kind::kBool:
    case Kind::kNumber:
      return arena_->Plain(v.text, v.loc);
    case Kind::kString:
      if (v.parts.empty()) return arena_->Scalar(v.text, v.loc);
      return PartsNode(v.parts, v.loc);
    case Kind::kTuple: {
      std::vector<const Node*> items;
      items.reserve(v.items.size());
      for (const ValuePtr& i : v.items) items.push_back(ToNode(*i));
      return arena_->Seq(items, v.loc);
    }
    case Kind::kObject: {
      std::vector<MapEntry> entries;
      entries.reserve(v.fields.size());
      for (const auto& [k, f] : v.fields) {
        if (f->is_null()) continue;
        entries.push_back(arena_->Entry(k, ToNode(*f), f->loc.known() ? f->loc : v.loc));
      }
      return arena_->Map(entries, v.loc);
    }
    case Kind::kUnknown:
      return arena_->Unknown(v.text, v.loc);
    case Kind::kResource:
      return arena_->Unknown(v.resource != nullptr ? v.resource->address : "resource", v.loc);
  }
  return arena_->Unknown("", v.loc);
}

namespace {

// Private-use characters that stand for a string part that is not text
// while JSON with interpolations is decoded.
constexpr std::string_view kHoleOpen = "\xEE\x80\x80";   // U+E000
constexpr std::string_view kHoleClose = "\xEE\x80\x81";  // U+E001

// The string parts of `text`, its holes replaced by `holes`.
std::vector<StrPart> FillHoles(std::string_view text, const std::vector<StrPart>& holes, bool* ok) {
  std::vector<StrPart> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find(kHoleOpen, at);
    if (open == std::string_view::npos) break;
    size_t close = text.find(kHoleClose, open);
    if (close == std::string_view::npos) break;
    out.push_back({StrPart::Type::kText, std::string(text.substr(at, open - at)), {}});
    size_t index = 0;
    std::string_view digits = text.substr(open + kHoleOpen.size(), close - open - kHoleOpen.size());
    for (char c : digits) index = index * 10 + static_cast<size_t>(c - '0');
    if (index >= holes.size()) {
      *ok = false;
      return out;
    }
    out.push_back(holes[index]);
    at = close + kHoleClose.size();
  }
  out.push_back({StrPart::Type::kText, std::string(text.substr(at)), {}});
  return out;
}

ValuePtr Refill(const ValuePtr& v, const std::vector<StrPart>& holes, bool* ok) {
  switch (v->kind) {
    case Kind::kString: {
      if (v->text.find(kHoleOpen) == std::string::npos) return v;
      return StringParts(FillHoles(v->text, holes, ok), v->loc);
    }
    case Kind::kTuple: {
      std::vector<ValuePtr> items;
      for (const ValuePtr& i : v->items) items.push_back(Refill(i, holes, ok));
      return Tuple(std::move(items), v->loc);
    }
    case Kind::kObject: {
      std::map<std::string, ValuePtr> fields;
      for (const auto& [k, f] : v->fields) {
        if (k.find(kHoleOpen) != std::string::npos) *ok = false;
        fields[k] = Refill(f, holes, ok);
      }
      return Object(std::move(fields), v->loc);
    }
    default:
      return v;
  }
}

}  // namespace

namespace {

// Where a heredoc's text lies in its file: the line after its `<<EOT` or
// `<<-EOT` marker, and the indentation `<<-` removed.
struct HeredocOrigin {
  const util::SourceFile* file = nullptr;
  uint32_t first_line = 0;
  uint32_t indent = 0;
};

// Whether `loc` is a heredoc marker; `lines` is how many lines its text has.
bool FindHeredoc(util::Loc loc, size_t lines, HeredocOrigin* out) {
  if (!loc.known() || loc.col == 0) return false;
  std::string_view line = loc.file->Line(loc.line);
  if (loc.col - 1 >= line.size() || line.substr(loc.col - 1, 2) != "<<") return false;
  out->file = loc.file;
  out->first_line = loc.line + 1;
  out->indent = 0;
  if (line.substr(loc.col - 1, 3) != "<<-") return true;
  uint32_t indent = UINT32_MAX;
  for (uint32_t l = out->first_line; l < out->first_line + lines && l <= loc.file->line_count();
       ++l) {
    std::string_view text = loc.file->Line(l);
    size_t i = text.find_first_not_of(" \t");
    if (i == std::string_view::npos) continue;
    indent = std::min(indent, static_cast<uint32_t>(i));
  }
  out->indent = indent == UINT32_MAX ? 0 : indent;
  return true;
}

util::Loc FromHeredoc(util::Loc loc, const void* context) {
  const auto* origin = static_cast<const HeredocOrigin*>(context);
  return {origin->file, origin->first_line + loc.line - 1, loc.col + origin->indent};
}

// JSON text as a value. Text written as a heredoc is read with the
// position of each of its values in the `.tf` file (a statement's line);
// other text gives every value the string's position.
ValuePtr ReadJsonText(const std::string& text, util::Loc loc) {
  HeredocOrigin origin;
  // Its lines, not counting the terminator's (a heredoc's text ends with a
  // newline).
  size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) +
                 (text.ends_with('\n') ? 0 : 1);
  if (FindHeredoc(loc, lines, &origin)) {
    util::SourceFile source(std::string(loc.path()), text);
    util::DiagnosticSink quiet;
    std::unique_ptr<syntax::Document> doc = syntax::ParseJson(&source, {}, &quiet);
    if (doc != nullptr && doc->root() != nullptr && !quiet.has_errors()) {
      return FromNode(doc->root(), FromHeredoc, &origin);
    }
  }
  return DecodeJson(text, loc);
}

}  // namespace

const Node* Compiler::Policy(const ValuePtr& v) {
  if (v == nullptr) return nullptr;
  if (v->kind == Kind::kObject || v->kind == Kind::kTuple) return ToNode(v);
  if (v->kind != Kind::kString) return ToNode(v);
  if (v->parts.empty()) {
    ValuePtr decoded = ReadJsonText(v->text, v->loc);
    return decoded != nullptr ? ToNode(decoded) : arena_->Unknown("policy", v->loc);
  }
  // JSON with interpolations: decoded with the references held in holes.
  std::string text;
  std::vector<StrPart> holes;
  for (const StrPart& p : v->parts) {
    if (p.type == StrPart::Type::kText) {
      text += p.text;
      continue;
    }
    text += std::string(kHoleOpen) + std::to_string(holes.size()) + std::string(kHoleClose);
    holes.push_back(p);
  }
  ValuePtr decoded = ReadJsonText(text, v->loc);
  bool ok = decoded != nullptr;
  if (ok) decoded = Refill(decoded, holes, &ok);
  return ok ? ToNode(decoded) : arena_->Unknown("policy", v->loc);
}

Compiled* Compiler::Referenced(const ValuePtr& v) {
  if (v == nullptr || v->kind != Kind::kString || v->parts.size() != 1 ||
      v->parts[0].type != StrPart::Type::kRef) {
    return nullptr;
  }
  auto it = compiled_.find(v->parts[0].ref.address);
  return it == compiled_.end() ? nullptr : &it->second;
}

Compiled* Compiler::Target(const ValuePtr& v, std::string_view tf_type,
                           std::initializer_list<std::string_view> name_fields) {
  if (v == nullptr) return nullptr;
  if (Compiled* c = Referenced(v)) return c->tf_type == tf_type ? c : nullptr;
  std::string name;
  bool text = AsText(*v, &name);
  // A name built from what only the deployment knows ("${local.prefix}-
  // ${random_id.seed.hex}"): the same pieces name the same resource. Not
  // with pieces that are merely unknown (two modules' `var.name`).
  bool pieces = !text && v->kind == Kind::kString &&
                std::any_of(v->parts.begin(), v->parts.end(),
                            [](const StrPart& p) { return p.type == StrPart::Type::kRef; }) &&
                std::none_of(v->parts.begin(), v->parts.end(),
                             [](const StrPart& p) { return p.type == StrPart::Type::kUnknown; });
  if (!text && !pieces) return nullptr;
  if (text) {
    // Names as written, indexed once per type and field: a module of many
    // resources that name each other stays linear.
    size_t first = order_.size();
    for (std::string_view field : name_fields) {
      const std::unordered_map<std::string, size_t>& index = NameIndex(tf_type, field);
      if (auto it = index.find(name); it != index.end()) first = std::min(first, it->second);
    }
    return first == order_.size() ? nullptr : &compiled_.find(order_[first])->second;
  }
  for (const std::string& address : order_) {
    Compiled& c = compiled_.find(address)->second;
    if (c.tf_type != tf_type) continue;
    const Value* body = InstanceBody(address);
    for (std::string_view field : name_fields) {
      const Value* f = body != nullptr ? body->Field(field) : nullptr;
      if (f == nullptr) continue;
      std::string written;
      if (text ? AsText(*f, &written) && written == name
               : f->kind == Kind::kString && f->parts == v->parts) {
        return &c;
      }
    }
  }
  return nullptr;
}

const std::unordered_map<std::string, size_t>& Compiler::NameIndex(std::string_view tf_type,
                                                                   std::string_view field) {
  std::string key = std::string(tf_type) + '\0' + std::string(field);
  auto [it, added] = names_.try_emplace(std::move(key));
  if (!added) return it->second;
  for (size_t i = 0; i < order_.size(); ++i) {
    if (compiled_.find(order_[i])->second.tf_type != tf_type) continue;
    const Value* body = InstanceBody(order_[i]);
    const Value* f = body != nullptr ? body->Field(field) : nullptr;
    std::string written;
    if (f != nullptr && AsText(*f, &written)) it->second.try_emplace(std::move(written), i);
  }
  return it->second;
}

const Node* Compiler::Run() {
  for (size_t i = 0; i < instances_.size(); ++i) by_address_.emplace(instances_[i].address, i);
  // Resources of their own first, so that references and merges find them.
  for (const ResourceInstance& inst : instances_) {
    if (inst.block->data) continue;
    const TypeInfo* type = FindType(inst.block->type);
    if (type == nullptr || type->cfn_type.empty()) continue;
    Compiled c;
    c.address = inst.address;
    c.tf_type = std::string(inst.block->type);
    c.type = std::string(type->cfn_type);
    c.loc = inst.loc;
    compiled_.emplace(inst.address, std::move(c));
    order_.push_back(inst.address);
  }
  for (const ResourceInstance& inst : instances_) {
    if (inst.block->data) continue;
    const TypeInfo* type = FindType(inst.block->type);
    if (type == nullptr) continue;
    Compiled* self = nullptr;
    if (!type->cfn_type.empty()) self = &compiled_.find(inst.address)->second;
    Compiled scratch;
    Compiled* out = self != nullptr ? self : &scratch;
    if (!type->copies.empty()) {
      Props p(this, inst.body.get(), inst.loc);
      for (const PropCopy& copy : type->copies) p.Copy(copy.cfn, copy.tf);
      Finish(p, out);
    }
    if (type->compile != nullptr) type->compile(*this, inst, out);
  }
  std::vector<MapEntry> resources;
  for (const std::string& address : order_) {
    Compiled& c = compiled_.find(address)->second;
    std::vector<MapEntry> props = c.props;
    for (auto& [name, items] : c.lists) {
      const Node* existing = nullptr;
      for (MapEntry& e : props) {
        if (e.key->scalar == name) existing = e.value;
      }
      std::vector<const Node*> all;
      if (existing != nullptr && existing->is_seq()) {
        all.assign(existing->items.begin(), existing->items.end());
      }
      all.insert(all.end(), items.begin(), items.end());
      const Node* seq = arena_->Seq(all, c.loc);
      bool replaced = false;
      for (MapEntry& e : props) {
        if (e.key->scalar == name) {
          e.value = seq;
          replaced = true;
        }
      }
      if (!replaced) props.push_back(arena_->Entry(name, seq, c.loc));
    }
    std::vector<MapEntry> resource = {arena_->Entry("Type", arena_->Scalar(c.type, c.loc), c.loc)};
    if (!props.empty())
      resource.push_back(arena_->Entry("Properties", arena_->Map(props, c.loc), c.loc));
    resources.push_back(arena_->Entry(address, arena_->Map(resource, c.loc), c.loc));
  }
  util::Loc loc = instances_.empty() ? util::Loc{} : instances_.front().loc;
  return arena_->Map({arena_->Entry("Resources", arena_->Map(resources, loc), loc)}, loc);
}

void Finish(Props& p, Compiled* out) {
  std::vector<MapEntry> entries = p.Take();
  out->props.insert(out->props.end(), entries.begin(), entries.end());
}

}  // namespace fnwarden::load::terraform::internal

namespace fnwarden::load::terraform {

const syntax::Node* CompileInstances(const std::vector<ResourceInstance>& instances,
                                     syntax::NodeArena* arena) {
  return internal::Compiler(instances, arena).Run();
}

}  // namespace fnwarden::load::terraform
