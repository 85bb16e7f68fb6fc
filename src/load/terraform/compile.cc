// Terraform resource instances into CloudFormation-shaped synthetic nodes
// (compile.h). One function per Terraform resource type, in one table.

#include "load/terraform/compile.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/terraform/functions.h"
#include "util/strings.h"

namespace fnwarden::load::terraform {
namespace {

using syntax::MapEntry;
using syntax::Node;

// A compiled resource: its CloudFormation type and properties, which the
// resources merged into it extend.
struct Compiled {
  std::string address;
  std::string tf_type;
  std::string type;
  util::Loc loc;
  std::vector<MapEntry> props;
  // Properties that collect from several Terraform resources (a role's
  // ManagedPolicyArns, a rule's Targets, a stage's MethodSettings).
  std::map<std::string, std::vector<const Node*>> lists;
};

class Compiler;

// Builds one map of properties.
class Props {
 public:
  Props(Compiler* c, const Value* from, util::Loc loc) : c_(c), from_(from), loc_(loc) {}
  // Copies field `tf` of the source object as `cfn`; absent and null
  // fields are skipped.
  Props& Copy(std::string_view cfn, std::string_view tf);
  Props& Set(std::string_view cfn, const ValuePtr& v);
  Props& SetNode(std::string_view cfn, const Node* n);
  Props& SetText(std::string_view cfn, std::string_view text);
  bool empty() const { return entries_.empty(); }
  const Node* Build() const;
  std::vector<MapEntry> Take() { return std::move(entries_); }
  const Value* from() const { return from_; }

 private:
  Compiler* c_;
  const Value* from_;
  util::Loc loc_;
  std::vector<MapEntry> entries_;
};

// The CloudFormation attribute behind a Terraform attribute of a type:
// "" for Ref, a name for Fn::GetAtt.
struct AttrMap {
  std::string_view tf;
  std::string_view cfn;  // "" = Ref
};

struct TypeInfo {
  std::string_view tf_type;
  std::string_view cfn_type;  // "" when merged into another resource
  void (*compile)(Compiler& c, const ResourceInstance& inst, Compiled* out);
  std::vector<AttrMap> attrs;
};

const std::vector<TypeInfo>& Types();
const TypeInfo* FindType(std::string_view tf_type) {
  for (const TypeInfo& t : Types()) {
    if (t.tf_type == tf_type) return &t;
  }
  return nullptr;
}

// A field that is present and not null.
ValuePtr F(const Value* v, std::string_view name) {
  if (v == nullptr) return nullptr;
  ValuePtr f = v->FieldPtr(name);
  return f != nullptr && !f->is_null() ? f : nullptr;
}

// The first nested block `name` of an object, or nullptr.
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

class Compiler {
 public:
  Compiler(const std::vector<ResourceInstance>& instances, syntax::NodeArena* arena,
           util::DiagnosticSink* diags)
      : instances_(instances), arena_(arena) {
    (void)diags;  // nothing to report yet: unsupported types are skipped quietly
  }

  const Node* Run();

  syntax::NodeArena* arena() { return arena_; }

  // A value as nodes.
  const Node* ToNode(const ValuePtr& v);
  const Node* ToNode(const Value& v);
  // A policy (a jsonencode'd object, a policy document's json, a JSON
  // string or heredoc, references included) as a policy document node.
  const Node* Policy(const ValuePtr& v);
  const Node* Text(std::string_view text, util::Loc loc) { return arena_->Scalar(text, loc); }
  const Node* Seq(std::vector<const Node*> items, util::Loc loc) { return arena_->Seq(items, loc); }

  // The compiled resource a value names (a reference to it, or its name
  // as written), among those of type `tf_type`.
  Compiled* Target(const ValuePtr& v, std::string_view tf_type,
                   std::initializer_list<std::string_view> name_fields);
  // The resource a value refers to, whatever its type.
  Compiled* Referenced(const ValuePtr& v);
  // Appends to a list property of `target`.
  void Append(Compiled* target, std::string_view property, const Node* n) {
    target->lists[std::string(property)].push_back(n);
  }
  // Sets a property of `target`, replacing one it had.
  void SetProp(Compiled* target, std::string_view property, const Node* n, util::Loc loc) {
    for (MapEntry& e : target->props) {
      if (e.key->scalar == property) {
        e.value = n;
        return;
      }
    }
    target->props.push_back(arena_->Entry(property, n, loc));
  }
  // A resource that no Terraform resource declares on its own but one
  // implies (a function's published version), at `address`.
  Compiled* Synthetic(const std::string& address, std::string_view cfn_type, util::Loc loc) {
    auto [it, added] = compiled_.try_emplace(address);
    if (added) order_.push_back(address);
    it->second.address = address;
    it->second.type = std::string(cfn_type);
    it->second.loc = loc;
    return &it->second;
  }
  // The first compiled resource that `pred` accepts.
  template <typename Pred>
  Compiled* FindCompiled(Pred pred) {
    for (const std::string& address : order_) {
      Compiled& c = compiled_.find(address)->second;
      if (pred(c)) return &c;
    }
    return nullptr;
  }
  const Value* InstanceBody(std::string_view address) const {
    auto it = by_address_.find(address);
    return it == by_address_.end() ? nullptr : instances_[it->second].body.get();
  }

 private:
  const Node* RefNode(const Ref& ref, util::Loc loc);
  const Node* PartsNode(const std::vector<StrPart>& parts, util::Loc loc);

  const std::vector<ResourceInstance>& instances_;
  syntax::NodeArena* arena_;
  std::map<std::string, size_t, std::less<>> by_address_;  // instances by address
  std::map<std::string, Compiled, std::less<>> compiled_;  // by address
  std::vector<std::string> order_;                         // compiled addresses in order
  uint64_t node_budget_ = 8'000'000;                       // nodes ToNode may still make
};

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
  if (!AsText(*v, &name)) return nullptr;
  for (const std::string& address : order_) {
    Compiled& c = compiled_.find(address)->second;
    if (c.tf_type != tf_type) continue;
    const Value* body = InstanceBody(address);
    for (std::string_view field : name_fields) {
      std::string written;
      if (const Value* f = body != nullptr ? body->Field(field) : nullptr;
          f != nullptr && AsText(*f, &written) && written == name) {
        return &c;
      }
    }
  }
  return nullptr;
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
    type->compile(*this, inst, self != nullptr ? self : &scratch);
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

// ---------------------------------------------------------------------------
// The resource types.

void Finish(Props& p, Compiled* out) {
  std::vector<MapEntry> entries = p.Take();
  out->props.insert(out->props.end(), entries.begin(), entries.end());
}

const Value* Body(const ResourceInstance& inst) { return inst.body.get(); }

void LambdaFunction(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("FunctionName", "function_name")
      .Copy("Runtime", "runtime")
      .Copy("Handler", "handler")
      .Copy("Role", "role")
      .Copy("Timeout", "timeout")
      .Copy("MemorySize", "memory_size")
      .Copy("KmsKeyArn", "kms_key_arn")
      .Copy("Layers", "layers")
      .Copy("CodeSigningConfigArn", "code_signing_config_arn")
      .Copy("Architectures", "architectures")
      .Copy("PackageType", "package_type");
  if (ValuePtr rc = F(b, "reserved_concurrent_executions")) {
    double n = 0;
    if (!AsNumber(*rc, &n) || n >= 0) p.Set("ReservedConcurrentExecutions", rc);
  }
  if (const Value* env = Block(b, "environment")) {
    Props e(&c, env, env->loc);
    e.Copy("Variables", "variables");
    p.SetNode("Environment", e.Build());
  }
  if (const Value* t = Block(b, "tracing_config")) {
    p.SetNode("TracingConfig", Props(&c, t, t->loc).Copy("Mode", "mode").Build());
  }
  if (const Value* vpc = Block(b, "vpc_config")) {
    p.SetNode("VpcConfig", Props(&c, vpc, vpc->loc)
                               .Copy("SubnetIds", "subnet_ids")
                               .Copy("SecurityGroupIds", "security_group_ids")
                               .Build());
  }
  if (const Value* dlq = Block(b, "dead_letter_config")) {
    p.SetNode("DeadLetterConfig", Props(&c, dlq, dlq->loc).Copy("TargetArn", "target_arn").Build());
  }
  if (const Value* lc = Block(b, "logging_config")) {
    p.SetNode("LoggingConfig", Props(&c, lc, lc->loc)
                                   .Copy("LogGroup", "log_group")
                                   .Copy("LogFormat", "log_format")
                                   .Copy("ApplicationLogLevel", "application_log_level")
                                   .Copy("SystemLogLevel", "system_log_level")
                                   .Build());
  }
  // publish = true publishes a version on every change, which
  // CloudFormation says with an AWS::Lambda::Version.
  if (ValuePtr publish = F(b, "publish")) {
    bool known = false;
    if (AsBool(*publish, &known) && known) {
      Compiled* version =
          c.Synthetic(inst.address + ".version", "AWS::Lambda::Version", publish->loc);
      const Node* fn = c.arena()->Map(
          {c.arena()->Entry("Ref", c.Text(inst.address, publish->loc), publish->loc)},
          publish->loc);
      version->props = {c.arena()->Entry("FunctionName", fn, publish->loc)};
    }
  }
  Props code(&c, b, inst.loc);
  code.Copy("S3Bucket", "s3_bucket").Copy("S3Key", "s3_key").Copy("ImageUri", "image_uri");
  if (!code.empty()) p.SetNode("Code", code.Build());
  Finish(p, out);
}

void LambdaPermission(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("Action", "action")
      .Copy("FunctionName", "function_name")
      .Copy("Principal", "principal")
      .Copy("SourceArn", "source_arn")
      .Copy("SourceAccount", "source_account")
      .Copy("PrincipalOrgID", "principal_org_id")
      .Copy("FunctionUrlAuthType", "function_url_auth_type")
      .Copy("EventSourceToken", "event_source_token");
  Finish(p, out);
}

void LambdaUrl(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("TargetFunctionArn", "function_name")
      .Copy("AuthType", "authorization_type")
      .Copy("Qualifier", "qualifier")
      .Copy("InvokeMode", "invoke_mode");
  if (const Value* cors = Block(b, "cors")) {
    p.SetNode("Cors", Props(&c, cors, cors->loc)
                          .Copy("AllowOrigins", "allow_origins")
                          .Copy("AllowMethods", "allow_methods")
                          .Copy("AllowHeaders", "allow_headers")
                          .Copy("AllowCredentials", "allow_credentials")
                          .Build());
  }
  Finish(p, out);
}

const Node* Destination(Compiler& c, const Value* dc) {
  if (dc == nullptr) return nullptr;
  Props d(&c, dc, dc->loc);
  if (const Value* f = Block(dc, "on_failure")) {
    d.SetNode("OnFailure", Props(&c, f, f->loc).Copy("Destination", "destination").Build());
  }
  if (const Value* s = Block(dc, "on_success")) {
    d.SetNode("OnSuccess", Props(&c, s, s->loc).Copy("Destination", "destination").Build());
  }
  return d.Build();
}

void EventSourceMapping(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("EventSourceArn", "event_source_arn")
      .Copy("FunctionName", "function_name")
      .Copy("Enabled", "enabled")
      .Copy("BatchSize", "batch_size")
      .Copy("StartingPosition", "starting_position")
      .Copy("MaximumRetryAttempts", "maximum_retry_attempts")
      .Copy("BisectBatchOnFunctionError", "bisect_batch_on_function_error");
  if (const Value* dc = Block(b, "destination_config")) {
    Props d(&c, dc, dc->loc);
    if (const Value* f = Block(dc, "on_failure")) {
      d.SetNode("OnFailure", Props(&c, f, f->loc).Copy("Destination", "destination_arn").Build());
    }
    p.SetNode("DestinationConfig", d.Build());
  }
  Finish(p, out);
}

void EventInvokeConfig(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("FunctionName", "function_name")
      .Copy("MaximumRetryAttempts", "maximum_retry_attempts")
      .Copy("MaximumEventAgeInSeconds", "maximum_event_age_in_seconds");
  if (F(b, "qualifier") != nullptr) {
    p.Copy("Qualifier", "qualifier");
  } else {
    p.SetText("Qualifier", "$LATEST");
  }
  if (const Value* dc = Block(b, "destination_config")) {
    p.SetNode("DestinationConfig", Destination(c, dc));
  }
  Finish(p, out);
}

void LayerVersion(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("LayerName", "layer_name").Copy("CompatibleRuntimes", "compatible_runtimes");
  Finish(p, out);
}

void LayerVersionPermission(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("LayerVersionArn", "layer_name")
      .Copy("Action", "action")
      .Copy("Principal", "principal")
      .Copy("OrganizationId", "organization_id");
  Finish(p, out);
}

void LambdaAlias(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("FunctionName", "function_name")
      .Copy("FunctionVersion", "function_version")
      .Copy("Name", "name");
  Finish(p, out);
}

void IamRole(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("RoleName", "name")
      .Copy("Path", "path")
      .Copy("PermissionsBoundary", "permissions_boundary");
  if (ValuePtr trust = F(b, "assume_role_policy"))
    p.SetNode("AssumeRolePolicyDocument", c.Policy(trust));
  p.Copy("ManagedPolicyArns", "managed_policy_arns");
  std::vector<const Node*> policies;
  for (const Value* inline_policy : Blocks(b, "inline_policy")) {
    ValuePtr doc = F(inline_policy, "policy");
    if (doc == nullptr) continue;
    Props ip(&c, inline_policy, inline_policy->loc);
    ip.Copy("PolicyName", "name").SetNode("PolicyDocument", c.Policy(doc));
    policies.push_back(ip.Build());
  }
  if (!policies.empty()) p.SetNode("Policies", c.Seq(policies, inst.loc));
  Finish(p, out);
}

void IamPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("ManagedPolicyName", "name").Copy("Path", "path");
  if (ValuePtr doc = F(b, "policy")) p.SetNode("PolicyDocument", c.Policy(doc));
  Finish(p, out);
}

// aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy: an
// inline policy of one principal.
void InlinePolicy(Compiler& c, const ResourceInstance& inst, Compiled* out, std::string_view field,
                  std::string_view property) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  if (F(b, "name") != nullptr) {
    p.Copy("PolicyName", "name");
  } else {
    p.SetText("PolicyName", inst.address);
  }
  if (ValuePtr doc = F(b, "policy")) p.SetNode("PolicyDocument", c.Policy(doc));
  if (ValuePtr who = F(b, field)) p.SetNode(property, c.Seq({c.ToNode(who)}, who->loc));
  Finish(p, out);
}

void RolePolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  InlinePolicy(c, inst, out, "role", "Roles");
}
void UserPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  InlinePolicy(c, inst, out, "user", "Users");
}
void GroupPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  InlinePolicy(c, inst, out, "group", "Groups");
}

// A managed policy attached to a role, user or group: added to its
// ManagedPolicyArns. An attachment to a principal this unit does not
// declare changes nothing fnwarden sees.
void Attach(Compiler& c, const ValuePtr& who, std::string_view tf_type, const ValuePtr& arn) {
  if (arn == nullptr) return;
  Compiled* target = c.Target(who, tf_type, {"name"});
  if (target != nullptr) c.Append(target, "ManagedPolicyArns", c.ToNode(arn));
}

void RoleAttachment(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Attach(c, F(Body(inst), "role"), "aws_iam_role", F(Body(inst), "policy_arn"));
}
void UserAttachment(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Attach(c, F(Body(inst), "user"), "aws_iam_user", F(Body(inst), "policy_arn"));
}
void GroupAttachment(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Attach(c, F(Body(inst), "group"), "aws_iam_group", F(Body(inst), "policy_arn"));
}
void PolicyAttachment(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  ValuePtr arn = F(b, "policy_arn");
  for (auto [field, type] : {std::pair{"roles", "aws_iam_role"}, std::pair{"users", "aws_iam_user"},
                             std::pair{"groups", "aws_iam_group"}}) {
    ValuePtr list = F(b, field);
    if (list == nullptr || list->kind != Kind::kTuple) continue;
    for (const ValuePtr& who : list->items) Attach(c, who, type, arn);
  }
}
// Role policy attachments written as one exclusive list.
void RolePolicyAttachmentsExclusive(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  ValuePtr arns = F(b, "policy_arns");
  if (arns == nullptr || arns->kind != Kind::kTuple) return;
  for (const ValuePtr& arn : arns->items) Attach(c, F(b, "role_name"), "aws_iam_role", arn);
}
void Nothing(Compiler&, const ResourceInstance&, Compiled*) {}

void IamUser(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("UserName", "name")
      .Copy("Path", "path")
      .Copy("PermissionsBoundary", "permissions_boundary");
  Finish(p, out);
}
void IamGroup(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("GroupName", "name").Copy("Path", "path");
  Finish(p, out);
}

// S3.
const Node* BucketEncryption(Compiler& c, const Value* config) {
  std::vector<const Node*> rules;
  for (const Value* rule : Blocks(config, "rule")) {
    Props r(&c, rule, rule->loc);
    if (const Value* d = Block(rule, "apply_server_side_encryption_by_default")) {
      r.SetNode("ServerSideEncryptionByDefault", Props(&c, d, d->loc)
                                                     .Copy("SSEAlgorithm", "sse_algorithm")
                                                     .Copy("KMSMasterKeyID", "kms_master_key_id")
                                                     .Build());
    }
    r.Copy("BucketKeyEnabled", "bucket_key_enabled");
    if (!r.empty()) rules.push_back(r.Build());
  }
  if (rules.empty()) return nullptr;
  return Props(&c, config, config->loc)
      .SetNode("ServerSideEncryptionConfiguration", c.Seq(rules, config->loc))
      .Build();
}

std::string_view CannedAcl(std::string_view acl) {
  static const std::pair<std::string_view, std::string_view> kAcls[] = {
      {"private", "Private"},
      {"public-read", "PublicRead"},
      {"public-read-write", "PublicReadWrite"},
      {"authenticated-read", "AuthenticatedRead"},
      {"log-delivery-write", "LogDeliveryWrite"},
      {"bucket-owner-read", "BucketOwnerRead"},
      {"bucket-owner-full-control", "BucketOwnerFullControl"},
      {"aws-exec-read", "AwsExecRead"},
  };
  for (auto [tf, cfn] : kAcls) {
    if (tf == acl) return cfn;
  }
  return "";
}

void SetAcl(Compiler& c, Compiled* target, const ValuePtr& acl) {
  if (acl == nullptr) return;
  std::string text;
  if (!AsText(*acl, &text) || CannedAcl(text).empty()) return;
  c.SetProp(target, "AccessControl", c.Text(CannedAcl(text), acl->loc), acl->loc);
}

const Node* Versioning(Compiler& c, const Value* v) {
  ValuePtr enabled = F(v, "enabled");
  if (ValuePtr status = F(v, "status")) {
    return Props(&c, v, v->loc).Set("Status", status).Build();
  }
  if (enabled == nullptr) return nullptr;
  bool known = false;
  bool on = AsBool(*enabled, &known);
  if (!known) return Props(&c, v, v->loc).Set("Status", enabled).Build();
  return Props(&c, v, v->loc)
      .SetNode("Status", c.Text(on ? "Enabled" : "Suspended", enabled->loc))
      .Build();
}

void Bucket(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("BucketName", "bucket");
  // Provider 3 arguments, still read by later providers.
  if (const Value* sse = Block(b, "server_side_encryption_configuration")) {
    p.SetNode("BucketEncryption", BucketEncryption(c, sse));
  }
  if (const Value* v = Block(b, "versioning"))
    p.SetNode("VersioningConfiguration", Versioning(c, v));
  if (const Value* l = Block(b, "logging")) {
    p.SetNode("LoggingConfiguration", Props(&c, l, l->loc)
                                          .Copy("DestinationBucketName", "target_bucket")
                                          .Copy("LogFilePrefix", "target_prefix")
                                          .Build());
  }
  Finish(p, out);
  SetAcl(c, out, F(b, "acl"));
}

Compiled* BucketOf(Compiler& c, const ResourceInstance& inst) {
  return c.Target(F(Body(inst), "bucket"), "aws_s3_bucket", {"bucket"});
}

void BucketSse(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  if (bucket == nullptr) return;
  if (const Node* n = BucketEncryption(c, Body(inst)))
    c.SetProp(bucket, "BucketEncryption", n, inst.loc);
}
void BucketPublicAccessBlock(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  if (bucket == nullptr) return;
  const Node* n = Props(&c, Body(inst), inst.loc)
                      .Copy("BlockPublicAcls", "block_public_acls")
                      .Copy("BlockPublicPolicy", "block_public_policy")
                      .Copy("IgnorePublicAcls", "ignore_public_acls")
                      .Copy("RestrictPublicBuckets", "restrict_public_buckets")
                      .Build();
  if (n != nullptr) c.SetProp(bucket, "PublicAccessBlockConfiguration", n, inst.loc);
}
void BucketVersioning(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  const Value* v = Block(Body(inst), "versioning_configuration");
  if (bucket == nullptr || v == nullptr) return;
  if (const Node* n = Versioning(c, v)) c.SetProp(bucket, "VersioningConfiguration", n, inst.loc);
}
void BucketLogging(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  if (bucket == nullptr) return;
  const Node* n = Props(&c, Body(inst), inst.loc)
                      .Copy("DestinationBucketName", "target_bucket")
                      .Copy("LogFilePrefix", "target_prefix")
                      .Build();
  if (n != nullptr) c.SetProp(bucket, "LoggingConfiguration", n, inst.loc);
}
void BucketAcl(Compiler& c, const ResourceInstance& inst, Compiled*) {
  if (Compiled* bucket = BucketOf(c, inst)) SetAcl(c, bucket, F(Body(inst), "acl"));
}
void BucketOwnership(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* bucket = BucketOf(c, inst);
  if (bucket == nullptr) return;
  std::vector<const Node*> rules;
  for (const Value* rule : Blocks(Body(inst), "rule")) {
    rules.push_back(Props(&c, rule, rule->loc).Copy("ObjectOwnership", "object_ownership").Build());
  }
  rules.erase(std::remove(rules.begin(), rules.end(), nullptr), rules.end());
  if (rules.empty()) return;
  c.SetProp(bucket, "OwnershipControls",
            Props(&c, Body(inst), inst.loc).SetNode("Rules", c.Seq(rules, inst.loc)).Build(),
            inst.loc);
}
void BucketPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Bucket", "bucket");
  if (ValuePtr doc = F(b, "policy")) p.SetNode("PolicyDocument", c.Policy(doc));
  Finish(p, out);
}

// Data stores.
void DynamoTable(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("TableName", "name")
      .Copy("BillingMode", "billing_mode")
      .Copy("DeletionProtectionEnabled", "deletion_protection_enabled");
  if (const Value* sse = Block(b, "server_side_encryption")) {
    Props s(&c, sse, sse->loc);
    s.Copy("SSEEnabled", "enabled").Copy("KMSMasterKeyId", "kms_key_arn");
    ValuePtr enabled = F(sse, "enabled");
    bool known = false;
    if (enabled != nullptr && AsBool(*enabled, &known) && known) s.SetText("SSEType", "KMS");
    p.SetNode("SSESpecification", s.Build());
  }
  if (const Value* pitr = Block(b, "point_in_time_recovery")) {
    p.SetNode("PointInTimeRecoverySpecification",
              Props(&c, pitr, pitr->loc).Copy("PointInTimeRecoveryEnabled", "enabled").Build());
  }
  if (ValuePtr stream = F(b, "stream_enabled")) {
    bool known = false;
    if (AsBool(*stream, &known) && known) {
      p.SetNode("StreamSpecification",
                Props(&c, b, stream->loc).Copy("StreamViewType", "stream_view_type").Build());
    }
  }
  Finish(p, out);
}

void SqsQueue(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("QueueName", "name")
      .Copy("KmsMasterKeyId", "kms_master_key_id")
      .Copy("SqsManagedSseEnabled", "sqs_managed_sse_enabled")
      .Copy("VisibilityTimeout", "visibility_timeout_seconds")
      .Copy("MessageRetentionPeriod", "message_retention_seconds")
      .Copy("FifoQueue", "fifo_queue");
  if (ValuePtr redrive = F(b, "redrive_policy")) p.SetNode("RedrivePolicy", c.Policy(redrive));
  Finish(p, out);
}

void SqsQueuePolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  if (ValuePtr url = F(b, "queue_url")) p.SetNode("Queues", c.Seq({c.ToNode(url)}, url->loc));
  if (ValuePtr doc = F(b, "policy")) p.SetNode("PolicyDocument", c.Policy(doc));
  Finish(p, out);
}

void SnsTopic(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("TopicName", "name").Copy("KmsMasterKeyId", "kms_master_key_id");
  Finish(p, out);
}

void SnsTopicPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  if (ValuePtr arn = F(b, "arn")) p.SetNode("Topics", c.Seq({c.ToNode(arn)}, arn->loc));
  if (ValuePtr doc = F(b, "policy")) p.SetNode("PolicyDocument", c.Policy(doc));
  Finish(p, out);
}

void SnsSubscription(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("TopicArn", "topic_arn").Copy("Protocol", "protocol").Copy("Endpoint", "endpoint");
  Finish(p, out);
}

void KmsKey(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Description", "description")
      .Copy("EnableKeyRotation", "enable_key_rotation")
      .Copy("KeySpec", "customer_master_key_spec")
      .Copy("KeyUsage", "key_usage");
  if (ValuePtr doc = F(b, "policy")) p.SetNode("KeyPolicy", c.Policy(doc));
  Finish(p, out);
}

void KmsKeyPolicy(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* key = c.Referenced(F(Body(inst), "key_id"));
  ValuePtr doc = F(Body(inst), "policy");
  if (key != nullptr && key->tf_type == "aws_kms_key" && doc != nullptr) {
    c.SetProp(key, "KeyPolicy", c.Policy(doc), inst.loc);
  }
}

void KmsAlias(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("AliasName", "name").Copy("TargetKeyId", "target_key_id");
  Finish(p, out);
}

void Secret(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("Name", "name").Copy("KmsKeyId", "kms_key_id").Copy("Description", "description");
  Finish(p, out);
}

void SecretPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("SecretId", "secret_arn");
  if (ValuePtr doc = F(b, "policy")) p.SetNode("ResourcePolicy", c.Policy(doc));
  Finish(p, out);
}

void SecretRotation(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("SecretId", "secret_id").Copy("RotationLambdaARN", "rotation_lambda_arn");
  if (const Value* r = Block(b, "rotation_rules")) {
    p.SetNode("RotationRules", Props(&c, r, r->loc)
                                   .Copy("AutomaticallyAfterDays", "automatically_after_days")
                                   .Copy("ScheduleExpression", "schedule_expression")
                                   .Build());
  }
  Finish(p, out);
}

void SsmParameter(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("Name", "name").Copy("Type", "type").Copy("Value", "value");
  Finish(p, out);
}

// Monitoring.
void LogGroup(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("LogGroupName", "name").Copy("KmsKeyId", "kms_key_id");
  if (ValuePtr days = F(b, "retention_in_days")) {
    double n = 0;
    // 0 is "never expire", which CloudFormation says by leaving it out.
    if (!AsNumber(*days, &n) || n != 0) p.Set("RetentionInDays", days);
  }
  Finish(p, out);
}

void MetricAlarm(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("AlarmName", "alarm_name")
      .Copy("MetricName", "metric_name")
      .Copy("Namespace", "namespace")
      .Copy("Statistic", "statistic")
      .Copy("Period", "period")
      .Copy("EvaluationPeriods", "evaluation_periods")
      .Copy("Threshold", "threshold")
      .Copy("ComparisonOperator", "comparison_operator")
      .Copy("AlarmActions", "alarm_actions")
      .Copy("ActionsEnabled", "actions_enabled");
  if (ValuePtr dims = F(b, "dimensions"); dims != nullptr && dims->kind == Kind::kObject) {
    std::vector<const Node*> list;
    for (const auto& [name, value] : dims->fields) {
      list.push_back(
          Props(&c, nullptr, value->loc).SetText("Name", name).Set("Value", value).Build());
    }
    p.SetNode("Dimensions", c.Seq(list, dims->loc));
  }
  Finish(p, out);
}

void StateMachine(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("StateMachineName", "name").Copy("RoleArn", "role_arn").Copy("StateMachineType", "type");
  if (ValuePtr def = F(b, "definition")) p.SetNode("Definition", c.Policy(def));
  if (const Value* lc = Block(b, "logging_configuration")) {
    Props l(&c, lc, lc->loc);
    l.Copy("Level", "level").Copy("IncludeExecutionData", "include_execution_data");
    if (ValuePtr dest = F(lc, "log_destination")) {
      const Node* group = Props(&c, lc, dest->loc).Set("LogGroupArn", dest).Build();
      const Node* d = Props(&c, lc, dest->loc).SetNode("CloudWatchLogsLogGroup", group).Build();
      l.SetNode("Destinations", c.Seq({d}, dest->loc));
    }
    p.SetNode("LoggingConfiguration", l.Build());
  }
  if (const Value* tc = Block(b, "tracing_configuration")) {
    p.SetNode("TracingConfiguration", Props(&c, tc, tc->loc).Copy("Enabled", "enabled").Build());
  }
  Finish(p, out);
}

void EventRule(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Name", "name")
      .Copy("ScheduleExpression", "schedule_expression")
      .Copy("EventBusName", "event_bus_name")
      .Copy("State", "state");
  if (ValuePtr pattern = F(b, "event_pattern")) p.SetNode("EventPattern", c.Policy(pattern));
  Finish(p, out);
}

void EventTarget(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  Compiled* rule = c.Target(F(b, "rule"), "aws_cloudwatch_event_rule", {"name"});
  if (rule == nullptr) return;
  Props t(&c, b, inst.loc);
  if (F(b, "target_id") != nullptr) {
    t.Copy("Id", "target_id");
  } else {
    t.SetText("Id", inst.address);
  }
  t.Copy("Arn", "arn").Copy("RoleArn", "role_arn");
  if (const Value* dlq = Block(b, "dead_letter_config")) {
    t.SetNode("DeadLetterConfig", Props(&c, dlq, dlq->loc).Copy("Arn", "arn").Build());
  }
  if (const Value* rp = Block(b, "retry_policy")) {
    t.SetNode("RetryPolicy", Props(&c, rp, rp->loc)
                                 .Copy("MaximumRetryAttempts", "maximum_retry_attempts")
                                 .Copy("MaximumEventAgeInSeconds", "maximum_event_age_in_seconds")
                                 .Build());
  }
  c.Append(rule, "Targets", t.Build());
}

// The policy's statements, as CloudFormation's Statement property holds them.
void EventBusPolicy(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("EventBusName", "event_bus_name");
  if (F(b, "event_bus_name") == nullptr) p.SetText("EventBusName", "default");
  if (ValuePtr doc = F(b, "policy")) {
    const Node* policy = c.Policy(doc);
    const Node* statement = policy != nullptr ? policy->Get("Statement") : nullptr;
    p.SetNode("Statement", statement != nullptr ? statement : policy);
  }
  Finish(p, out);
}

void EventBus(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("Name", "name");
  Finish(p, out);
}

// Cognito.
void UserPool(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("UserPoolName", "name").Copy("MfaConfiguration", "mfa_configuration");
  if (const Value* pp = Block(b, "password_policy")) {
    const Node* policy =
        Props(&c, pp, pp->loc)
            .Copy("MinimumLength", "minimum_length")
            .Copy("RequireLowercase", "require_lowercase")
            .Copy("RequireUppercase", "require_uppercase")
            .Copy("RequireNumbers", "require_numbers")
            .Copy("RequireSymbols", "require_symbols")
            .Copy("TemporaryPasswordValidityDays", "temporary_password_validity_days")
            .Build();
    if (policy != nullptr) {
      p.SetNode("Policies", Props(&c, pp, pp->loc).SetNode("PasswordPolicy", policy).Build());
    }
  }
  if (const Value* admin = Block(b, "admin_create_user_config")) {
    p.SetNode("AdminCreateUserConfig",
              Props(&c, admin, admin->loc)
                  .Copy("AllowAdminCreateUserOnly", "allow_admin_create_user_only")
                  .Build());
  }
  std::vector<const Node*> schema;
  for (const Value* a : Blocks(b, "schema")) {
    schema.push_back(Props(&c, a, a->loc)
                         .Copy("Name", "name")
                         .Copy("AttributeDataType", "attribute_data_type")
                         .Copy("Mutable", "mutable")
                         .Copy("Required", "required")
                         .Copy("DeveloperOnlyAttribute", "developer_only_attribute")
                         .Build());
  }
  schema.erase(std::remove(schema.begin(), schema.end(), nullptr), schema.end());
  if (!schema.empty()) p.SetNode("Schema", c.Seq(schema, inst.loc));
  if (const Value* addons = Block(b, "user_pool_add_ons")) {
    p.SetNode("UserPoolAddOns", Props(&c, addons, addons->loc)
                                    .Copy("AdvancedSecurityMode", "advanced_security_mode")
                                    .Build());
  }
  Finish(p, out);
}

void UserPoolClient(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("UserPoolId", "user_pool_id")
      .Copy("ClientName", "name")
      .Copy("GenerateSecret", "generate_secret")
      .Copy("ExplicitAuthFlows", "explicit_auth_flows")
      .Copy("AllowedOAuthFlows", "allowed_oauth_flows")
      .Copy("ReadAttributes", "read_attributes")
      .Copy("WriteAttributes", "write_attributes");
  Finish(p, out);
}

void IdentityPool(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("IdentityPoolName", "identity_pool_name")
      .Copy("AllowUnauthenticatedIdentities", "allow_unauthenticated_identities");
  std::vector<const Node*> providers;
  for (const Value* cip : Blocks(b, "cognito_identity_providers")) {
    providers.push_back(Props(&c, cip, cip->loc)
                            .Copy("ClientId", "client_id")
                            .Copy("ProviderName", "provider_name")
                            .Build());
  }
  providers.erase(std::remove(providers.begin(), providers.end(), nullptr), providers.end());
  if (!providers.empty()) p.SetNode("CognitoIdentityProviders", c.Seq(providers, inst.loc));
  Finish(p, out);
}

void IdentityPoolRoles(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("IdentityPoolId", "identity_pool_id").Copy("Roles", "roles");
  Finish(p, out);
}

void Trail(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("TrailName", "name")
      .Copy("S3BucketName", "s3_bucket_name")
      .Copy("IsMultiRegionTrail", "is_multi_region_trail")
      .Copy("EnableLogFileValidation", "enable_log_file_validation")
      .Copy("KMSKeyId", "kms_key_id")
      .Copy("CloudWatchLogsLogGroupArn", "cloud_watch_logs_group_arn");
  if (ValuePtr logging = F(b, "enable_logging")) {
    p.Set("IsLogging", logging);
  } else {
    p.SetNode("IsLogging", c.arena()->Plain("true", inst.loc));
  }
  std::vector<const Node*> selectors;
  for (const Value* s : Blocks(b, "event_selector")) {
    Props sel(&c, s, s->loc);
    sel.Copy("ReadWriteType", "read_write_type")
        .Copy("IncludeManagementEvents", "include_management_events");
    std::vector<const Node*> data;
    for (const Value* d : Blocks(s, "data_resource")) {
      data.push_back(Props(&c, d, d->loc).Copy("Type", "type").Copy("Values", "values").Build());
    }
    data.erase(std::remove(data.begin(), data.end(), nullptr), data.end());
    if (!data.empty()) sel.SetNode("DataResources", c.Seq(data, s->loc));
    if (!sel.empty()) selectors.push_back(sel.Build());
  }
  if (!selectors.empty()) p.SetNode("EventSelectors", c.Seq(selectors, inst.loc));
  std::vector<const Node*> advanced;
  for (const Value* s : Blocks(b, "advanced_event_selector")) {
    Props sel(&c, s, s->loc);
    sel.Copy("Name", "name");
    std::vector<const Node*> fields;
    for (const Value* f : Blocks(s, "field_selector")) {
      fields.push_back(Props(&c, f, f->loc)
                           .Copy("Field", "field")
                           .Copy("Equals", "equals")
                           .Copy("NotEquals", "not_equals")
                           .Copy("StartsWith", "starts_with")
                           .Copy("NotStartsWith", "not_starts_with")
                           .Copy("EndsWith", "ends_with")
                           .Copy("NotEndsWith", "not_ends_with")
                           .Build());
    }
    fields.erase(std::remove(fields.begin(), fields.end(), nullptr), fields.end());
    if (!fields.empty()) sel.SetNode("FieldSelectors", c.Seq(fields, s->loc));
    advanced.push_back(sel.Build());
  }
  advanced.erase(std::remove(advanced.begin(), advanced.end(), nullptr), advanced.end());
  if (!advanced.empty()) p.SetNode("AdvancedEventSelectors", c.Seq(advanced, inst.loc));
  Finish(p, out);
}

// WAF.
void WebAcl(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("Name", "name").Copy("Scope", "scope");
  Finish(p, out);
}
void WebAclAssociation(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("ResourceArn", "resource_arn").Copy("WebACLArn", "web_acl_arn");
  Finish(p, out);
}
void WebAclLogging(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("ResourceArn", "resource_arn").Copy("LogDestinationConfigs", "log_destination_configs");
  Finish(p, out);
}

// API Gateway (REST).
void RestApi(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Name", "name").Copy("DisableExecuteApiEndpoint", "disable_execute_api_endpoint");
  if (ValuePtr policy = F(b, "policy")) p.SetNode("Policy", c.Policy(policy));
  if (ValuePtr body = F(b, "body")) p.SetNode("Body", c.Policy(body));
  if (const Value* ec = Block(b, "endpoint_configuration")) {
    p.SetNode("EndpointConfiguration", Props(&c, ec, ec->loc).Copy("Types", "types").Build());
  }
  Finish(p, out);
}
void RestApiPolicy(Compiler& c, const ResourceInstance& inst, Compiled*) {
  Compiled* api = c.Target(F(Body(inst), "rest_api_id"), "aws_api_gateway_rest_api", {});
  ValuePtr policy = F(Body(inst), "policy");
  if (api != nullptr && policy != nullptr) c.SetProp(api, "Policy", c.Policy(policy), inst.loc);
}
void ApiResource(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("RestApiId", "rest_api_id").Copy("ParentId", "parent_id").Copy("PathPart", "path_part");
  Finish(p, out);
}
void ApiMethod(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("RestApiId", "rest_api_id")
      .Copy("ResourceId", "resource_id")
      .Copy("HttpMethod", "http_method")
      .Copy("AuthorizationType", "authorization")
      .Copy("AuthorizerId", "authorizer_id")
      .Copy("ApiKeyRequired", "api_key_required");
  Finish(p, out);
}
// An integration joins the method of the same API, resource and verb.
void ApiIntegration(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  const Node* integration = Props(&c, b, inst.loc)
                                .Copy("Type", "type")
                                .Copy("Uri", "uri")
                                .Copy("IntegrationHttpMethod", "integration_http_method")
                                .Build();
  if (integration == nullptr) return;
  auto same = [](const Value* x, const Value* y, std::string_view field) {
    const Value* a = x != nullptr ? x->Field(field) : nullptr;
    const Value* d = y != nullptr ? y->Field(field) : nullptr;
    if (a == nullptr || d == nullptr) return false;
    if (a->kind == Kind::kString && d->kind == Kind::kString) {
      return a->text == d->text && a->parts == d->parts;
    }
    return false;
  };
  Compiled* method = c.FindCompiled([&](const Compiled& m) {
    if (m.tf_type != "aws_api_gateway_method") return false;
    const Value* mb = c.InstanceBody(m.address);
    return same(mb, b, "rest_api_id") && same(mb, b, "resource_id") && same(mb, b, "http_method");
  });
  if (method != nullptr) c.SetProp(method, "Integration", integration, inst.loc);
}
void ApiAuthorizer(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("RestApiId", "rest_api_id")
      .Copy("Name", "name")
      .Copy("AuthorizerUri", "authorizer_uri")
      .Copy("ProviderARNs", "provider_arns")
      .Copy("IdentitySource", "identity_source");
  if (F(b, "type") != nullptr) {
    p.Copy("Type", "type");
  } else {
    p.SetText("Type", "TOKEN");
  }
  Finish(p, out);
}
void ApiDeployment(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  // stage_name (deprecated in provider 5) makes a stage, as in CloudFormation.
  p.Copy("RestApiId", "rest_api_id").Copy("StageName", "stage_name");
  Finish(p, out);
}
void ApiStage(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("RestApiId", "rest_api_id")
      .Copy("StageName", "stage_name")
      .Copy("DeploymentId", "deployment_id")
      .Copy("TracingEnabled", "xray_tracing_enabled")
      .Copy("CacheClusterEnabled", "cache_cluster_enabled")
      .Copy("ClientCertificateId", "client_certificate_id");
  if (const Value* al = Block(b, "access_log_settings")) {
    p.SetNode("AccessLogSetting", Props(&c, al, al->loc)
                                      .Copy("DestinationArn", "destination_arn")
                                      .Copy("Format", "format")
                                      .Build());
  }
  Finish(p, out);
}
void ApiMethodSettings(Compiler& c, const ResourceInstance& inst, Compiled*) {
  const Value* b = Body(inst);
  ValuePtr api = F(b, "rest_api_id");
  ValuePtr stage_name = F(b, "stage_name");
  Compiled* stage = c.FindCompiled([&](const Compiled& s) {
    if (s.tf_type != "aws_api_gateway_stage") return false;
    const Value* sb = c.InstanceBody(s.address);
    const Value* sa = sb != nullptr ? sb->Field("rest_api_id") : nullptr;
    const Value* sn = sb != nullptr ? sb->Field("stage_name") : nullptr;
    if (sa == nullptr || sn == nullptr || api == nullptr || stage_name == nullptr) return false;
    bool same_api = sa->kind == Kind::kString && api->kind == Kind::kString &&
                    sa->text == api->text && sa->parts == api->parts;
    std::string a, d;
    // The stage named by reference (aws_api_gateway_stage.x.stage_name)
    // evaluates to the stage's own name.
    return same_api && AsText(*sn, &a) && AsText(*stage_name, &d) && a == d;
  });
  const Value* settings = Block(b, "settings");
  if (stage == nullptr || settings == nullptr) return;
  std::string path;
  ValuePtr method_path = F(b, "method_path");
  std::string resource_path = "/*", verb = "*";
  if (method_path != nullptr && AsText(*method_path, &path) && path != "*/*") {
    size_t slash = path.rfind('/');
    if (slash != std::string::npos) {
      resource_path = "/" + path.substr(0, slash);
      verb = path.substr(slash + 1);
    }
  }
  util::Loc loc = method_path != nullptr ? method_path->loc : inst.loc;
  Props s(&c, settings, settings->loc);
  s.SetNode("ResourcePath", c.Text(resource_path, loc))
      .SetNode("HttpMethod", c.Text(verb, loc))
      .Copy("MetricsEnabled", "metrics_enabled")
      .Copy("LoggingLevel", "logging_level")
      .Copy("DataTraceEnabled", "data_trace_enabled")
      .Copy("ThrottlingBurstLimit", "throttling_burst_limit")
      .Copy("ThrottlingRateLimit", "throttling_rate_limit")
      .Copy("CachingEnabled", "caching_enabled")
      .Copy("CacheDataEncrypted", "cache_data_encrypted");
  c.Append(stage, "MethodSettings", s.Build());
}
void UsagePlan(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("UsagePlanName", "name");
  std::vector<const Node*> stages;
  for (const Value* s : Blocks(b, "api_stages")) {
    stages.push_back(Props(&c, s, s->loc).Copy("ApiId", "api_id").Copy("Stage", "stage").Build());
  }
  stages.erase(std::remove(stages.begin(), stages.end(), nullptr), stages.end());
  if (!stages.empty()) p.SetNode("ApiStages", c.Seq(stages, inst.loc));
  if (const Value* t = Block(b, "throttle_settings")) {
    p.SetNode("Throttle", Props(&c, t, t->loc)
                              .Copy("BurstLimit", "burst_limit")
                              .Copy("RateLimit", "rate_limit")
                              .Build());
  }
  if (const Value* q = Block(b, "quota_settings")) {
    p.SetNode("Quota",
              Props(&c, q, q->loc).Copy("Limit", "limit").Copy("Period", "period").Build());
  }
  Finish(p, out);
}
void ApiKey(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("Name", "name").Copy("Enabled", "enabled");
  Finish(p, out);
}
void UsagePlanKey(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("KeyId", "key_id").Copy("KeyType", "key_type").Copy("UsagePlanId", "usage_plan_id");
  Finish(p, out);
}
void ApiDomain(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("DomainName", "domain_name")
      .Copy("SecurityPolicy", "security_policy")
      .Copy("CertificateArn", "certificate_arn")
      .Copy("RegionalCertificateArn", "regional_certificate_arn");
  if (const Value* ec = Block(b, "endpoint_configuration")) {
    p.SetNode("EndpointConfiguration", Props(&c, ec, ec->loc).Copy("Types", "types").Build());
  }
  Finish(p, out);
}

// A Ref to a compiled resource.
const Node* RefTo(Compiler& c, const Compiled& target, util::Loc loc) {
  return c.arena()->Map({c.arena()->Entry("Ref", c.Text(target.address, loc), loc)}, loc);
}

// A mapping's domain: the domain resource its name (often evaluated from
// the domain's own domain_name) names, else the name as written.
void MappedDomain(Compiler& c, const ResourceInstance& inst, std::string_view tf_type, Props* p) {
  ValuePtr name = F(Body(inst), "domain_name");
  if (name == nullptr) return;
  if (Compiled* domain = c.Target(name, tf_type, {"domain_name"})) {
    p->SetNode("DomainName", RefTo(c, *domain, name->loc));
  } else {
    p->Set("DomainName", name);
  }
}

void BasePathMapping(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  MappedDomain(c, inst, "aws_api_gateway_domain_name", &p);
  p.Copy("RestApiId", "api_id").Copy("Stage", "stage_name").Copy("BasePath", "base_path");
  Finish(p, out);
}

// API Gateway v2 (HTTP and WebSocket).
void HttpApi(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("Name", "name")
      .Copy("ProtocolType", "protocol_type")
      .Copy("DisableExecuteApiEndpoint", "disable_execute_api_endpoint")
      .Copy("RouteSelectionExpression", "route_selection_expression")
      .Copy("Target", "target")
      .Copy("RouteKey", "route_key");
  if (const Value* cors = Block(b, "cors_configuration")) {
    p.SetNode("CorsConfiguration", Props(&c, cors, cors->loc)
                                       .Copy("AllowOrigins", "allow_origins")
                                       .Copy("AllowMethods", "allow_methods")
                                       .Copy("AllowHeaders", "allow_headers")
                                       .Copy("AllowCredentials", "allow_credentials")
                                       .Build());
  }
  Finish(p, out);
}
void HttpRoute(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("ApiId", "api_id")
      .Copy("RouteKey", "route_key")
      .Copy("AuthorizationType", "authorization_type")
      .Copy("AuthorizerId", "authorizer_id")
      .Copy("Target", "target")
      .Copy("ApiKeyRequired", "api_key_required");
  Finish(p, out);
}
void HttpIntegration(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  p.Copy("ApiId", "api_id")
      .Copy("IntegrationType", "integration_type")
      .Copy("IntegrationUri", "integration_uri")
      .Copy("IntegrationMethod", "integration_method")
      .Copy("PayloadFormatVersion", "payload_format_version");
  Finish(p, out);
}
void HttpAuthorizer(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("ApiId", "api_id")
      .Copy("AuthorizerType", "authorizer_type")
      .Copy("Name", "name")
      .Copy("AuthorizerUri", "authorizer_uri")
      .Copy("IdentitySource", "identity_sources");
  if (const Value* jwt = Block(b, "jwt_configuration")) {
    p.SetNode(
        "JwtConfiguration",
        Props(&c, jwt, jwt->loc).Copy("Audience", "audience").Copy("Issuer", "issuer").Build());
  }
  Finish(p, out);
}
void HttpStage(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("ApiId", "api_id").Copy("StageName", "name").Copy("AutoDeploy", "auto_deploy");
  if (const Value* al = Block(b, "access_log_settings")) {
    p.SetNode("AccessLogSettings", Props(&c, al, al->loc)
                                       .Copy("DestinationArn", "destination_arn")
                                       .Copy("Format", "format")
                                       .Build());
  }
  if (const Value* rs = Block(b, "default_route_settings")) {
    p.SetNode("DefaultRouteSettings",
              Props(&c, rs, rs->loc)
                  .Copy("ThrottlingBurstLimit", "throttling_burst_limit")
                  .Copy("ThrottlingRateLimit", "throttling_rate_limit")
                  .Copy("DetailedMetricsEnabled", "detailed_metrics_enabled")
                  .Copy("LoggingLevel", "logging_level")
                  .Copy("DataTraceEnabled", "data_trace_enabled")
                  .Build());
  }
  Finish(p, out);
}
void HttpDomain(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  const Value* b = Body(inst);
  Props p(&c, b, inst.loc);
  p.Copy("DomainName", "domain_name");
  std::vector<const Node*> configs;
  for (const Value* dc : Blocks(b, "domain_name_configuration")) {
    configs.push_back(Props(&c, dc, dc->loc)
                          .Copy("SecurityPolicy", "security_policy")
                          .Copy("EndpointType", "endpoint_type")
                          .Copy("CertificateArn", "certificate_arn")
                          .Build());
  }
  configs.erase(std::remove(configs.begin(), configs.end(), nullptr), configs.end());
  if (!configs.empty()) p.SetNode("DomainNameConfigurations", c.Seq(configs, inst.loc));
  Finish(p, out);
}

void HttpApiMapping(Compiler& c, const ResourceInstance& inst, Compiled* out) {
  Props p(&c, Body(inst), inst.loc);
  MappedDomain(c, inst, "aws_apigatewayv2_domain_name", &p);
  p.Copy("ApiId", "api_id").Copy("Stage", "stage").Copy("ApiMappingKey", "api_mapping_key");
  Finish(p, out);
}

const std::vector<TypeInfo>& Types() {
  static const std::vector<TypeInfo> kTypes = {
      {"aws_lambda_function",
       "AWS::Lambda::Function",
       LambdaFunction,
       {{"arn", "Arn"}, {"function_name", ""}, {"id", ""}}},
      {"aws_lambda_permission", "AWS::Lambda::Permission", LambdaPermission, {{"id", ""}}},
      {"aws_lambda_function_url",
       "AWS::Lambda::Url",
       LambdaUrl,
       {{"function_url", "FunctionUrl"}, {"function_arn", "FunctionArn"}}},
      {"aws_lambda_event_source_mapping",
       "AWS::Lambda::EventSourceMapping",
       EventSourceMapping,
       {{"id", ""}, {"uuid", ""}}},
      {"aws_lambda_function_event_invoke_config",
       "AWS::Lambda::EventInvokeConfig",
       EventInvokeConfig,
       {}},
      {"aws_lambda_layer_version",
       "AWS::Lambda::LayerVersion",
       LayerVersion,
       {{"arn", ""}, {"id", ""}}},
      {"aws_lambda_layer_version_permission",
       "AWS::Lambda::LayerVersionPermission",
       LayerVersionPermission,
       {}},
      {"aws_lambda_alias", "AWS::Lambda::Alias", LambdaAlias, {{"arn", ""}}},
      {"aws_iam_role",
       "AWS::IAM::Role",
       IamRole,
       {{"arn", "Arn"}, {"name", ""}, {"id", ""}, {"unique_id", "RoleId"}}},
      {"aws_iam_policy", "AWS::IAM::ManagedPolicy", IamPolicy, {{"arn", ""}, {"id", ""}}},
      {"aws_iam_role_policy", "AWS::IAM::Policy", RolePolicy, {}},
      {"aws_iam_user_policy", "AWS::IAM::Policy", UserPolicy, {}},
      {"aws_iam_group_policy", "AWS::IAM::Policy", GroupPolicy, {}},
      {"aws_iam_role_policy_attachment", "", RoleAttachment, {}},
      {"aws_iam_user_policy_attachment", "", UserAttachment, {}},
      {"aws_iam_group_policy_attachment", "", GroupAttachment, {}},
      {"aws_iam_policy_attachment", "", PolicyAttachment, {}},
      {"aws_iam_role_policy_attachments_exclusive", "", RolePolicyAttachmentsExclusive, {}},
      {"aws_iam_role_policies_exclusive", "", Nothing, {}},
      {"aws_iam_user", "AWS::IAM::User", IamUser, {{"arn", "Arn"}, {"name", ""}, {"id", ""}}},
      {"aws_iam_group", "AWS::IAM::Group", IamGroup, {{"arn", "Arn"}, {"name", ""}, {"id", ""}}},
      {"aws_s3_bucket",
       "AWS::S3::Bucket",
       Bucket,
       {{"arn", "Arn"},
        {"id", ""},
        {"bucket", ""},
        {"bucket_domain_name", "DomainName"},
        {"bucket_regional_domain_name", "RegionalDomainName"}}},
      {"aws_s3_bucket_server_side_encryption_configuration", "", BucketSse, {}},
      {"aws_s3_bucket_public_access_block", "", BucketPublicAccessBlock, {}},
      {"aws_s3_bucket_versioning", "", BucketVersioning, {}},
      {"aws_s3_bucket_logging", "", BucketLogging, {}},
      {"aws_s3_bucket_acl", "", BucketAcl, {}},
      {"aws_s3_bucket_ownership_controls", "", BucketOwnership, {}},
      {"aws_s3_bucket_policy", "AWS::S3::BucketPolicy", BucketPolicy, {}},
      {"aws_dynamodb_table",
       "AWS::DynamoDB::Table",
       DynamoTable,
       {{"arn", "Arn"}, {"id", ""}, {"name", ""}, {"stream_arn", "StreamArn"}}},
      {"aws_sqs_queue",
       "AWS::SQS::Queue",
       SqsQueue,
       {{"arn", "Arn"}, {"id", ""}, {"url", ""}, {"name", "QueueName"}}},
      {"aws_sqs_queue_policy", "AWS::SQS::QueuePolicy", SqsQueuePolicy, {}},
      {"aws_sns_topic",
       "AWS::SNS::Topic",
       SnsTopic,
       {{"arn", ""}, {"id", ""}, {"name", "TopicName"}}},
      {"aws_sns_topic_policy", "AWS::SNS::TopicPolicy", SnsTopicPolicy, {}},
      {"aws_sns_topic_subscription", "AWS::SNS::Subscription", SnsSubscription, {{"arn", ""}}},
      {"aws_kms_key", "AWS::KMS::Key", KmsKey, {{"arn", "Arn"}, {"id", ""}, {"key_id", ""}}},
      {"aws_kms_key_policy", "", KmsKeyPolicy, {}},
      {"aws_kms_alias", "AWS::KMS::Alias", KmsAlias, {{"id", ""}, {"name", ""}}},
      {"aws_secretsmanager_secret",
       "AWS::SecretsManager::Secret",
       Secret,
       {{"arn", ""}, {"id", ""}}},
      {"aws_secretsmanager_secret_policy", "AWS::SecretsManager::ResourcePolicy", SecretPolicy, {}},
      {"aws_secretsmanager_secret_rotation",
       "AWS::SecretsManager::RotationSchedule",
       SecretRotation,
       {}},
      {"aws_ssm_parameter", "AWS::SSM::Parameter", SsmParameter, {{"id", ""}, {"name", ""}}},
      {"aws_cloudwatch_log_group",
       "AWS::Logs::LogGroup",
       LogGroup,
       {{"arn", "Arn"}, {"id", ""}, {"name", ""}}},
      {"aws_cloudwatch_metric_alarm",
       "AWS::CloudWatch::Alarm",
       MetricAlarm,
       {{"arn", "Arn"}, {"id", ""}}},
      {"aws_sfn_state_machine",
       "AWS::StepFunctions::StateMachine",
       StateMachine,
       {{"arn", ""}, {"id", ""}, {"name", "Name"}}},
      {"aws_cloudwatch_event_rule",
       "AWS::Events::Rule",
       EventRule,
       {{"arn", "Arn"}, {"id", ""}, {"name", ""}}},
      {"aws_cloudwatch_event_target", "", EventTarget, {}},
      {"aws_cloudwatch_event_bus_policy", "AWS::Events::EventBusPolicy", EventBusPolicy, {}},
      {"aws_cloudwatch_event_bus",
       "AWS::Events::EventBus",
       EventBus,
       {{"arn", "Arn"}, {"id", ""}, {"name", ""}}},
      {"aws_cognito_user_pool", "AWS::Cognito::UserPool", UserPool, {{"arn", "Arn"}, {"id", ""}}},
      {"aws_cognito_user_pool_client",
       "AWS::Cognito::UserPoolClient",
       UserPoolClient,
       {{"id", ""}}},
      {"aws_cognito_identity_pool", "AWS::Cognito::IdentityPool", IdentityPool, {{"id", ""}}},
      {"aws_cognito_identity_pool_roles_attachment",
       "AWS::Cognito::IdentityPoolRoleAttachment",
       IdentityPoolRoles,
       {}},
      {"aws_cloudtrail", "AWS::CloudTrail::Trail", Trail, {{"arn", "Arn"}, {"id", ""}}},
      {"aws_wafv2_web_acl", "AWS::WAFv2::WebACL", WebAcl, {{"arn", "Arn"}, {"id", "Id"}}},
      {"aws_wafv2_web_acl_association", "AWS::WAFv2::WebACLAssociation", WebAclAssociation, {}},
      {"aws_wafv2_web_acl_logging_configuration",
       "AWS::WAFv2::LoggingConfiguration",
       WebAclLogging,
       {}},
      {"aws_api_gateway_rest_api",
       "AWS::ApiGateway::RestApi",
       RestApi,
       {{"id", ""}, {"root_resource_id", "RootResourceId"}}},
      {"aws_api_gateway_rest_api_policy", "", RestApiPolicy, {}},
      {"aws_api_gateway_resource", "AWS::ApiGateway::Resource", ApiResource, {{"id", ""}}},
      {"aws_api_gateway_method", "AWS::ApiGateway::Method", ApiMethod, {}},
      {"aws_api_gateway_integration", "", ApiIntegration, {}},
      {"aws_api_gateway_authorizer", "AWS::ApiGateway::Authorizer", ApiAuthorizer, {{"id", ""}}},
      {"aws_api_gateway_deployment", "AWS::ApiGateway::Deployment", ApiDeployment, {{"id", ""}}},
      {"aws_api_gateway_stage", "AWS::ApiGateway::Stage", ApiStage, {{"id", ""}}},
      {"aws_api_gateway_method_settings", "", ApiMethodSettings, {}},
      {"aws_api_gateway_usage_plan", "AWS::ApiGateway::UsagePlan", UsagePlan, {{"id", ""}}},
      {"aws_api_gateway_api_key", "AWS::ApiGateway::ApiKey", ApiKey, {{"id", ""}}},
      {"aws_api_gateway_usage_plan_key", "AWS::ApiGateway::UsagePlanKey", UsagePlanKey, {}},
      {"aws_api_gateway_domain_name",
       "AWS::ApiGateway::DomainName",
       ApiDomain,
       {{"id", ""}, {"domain_name", ""}}},
      {"aws_api_gateway_base_path_mapping",
       "AWS::ApiGateway::BasePathMapping",
       BasePathMapping,
       {}},
      {"aws_apigatewayv2_api",
       "AWS::ApiGatewayV2::Api",
       HttpApi,
       {{"id", ""}, {"api_endpoint", "ApiEndpoint"}}},
      {"aws_apigatewayv2_route", "AWS::ApiGatewayV2::Route", HttpRoute, {{"id", ""}}},
      {"aws_apigatewayv2_integration",
       "AWS::ApiGatewayV2::Integration",
       HttpIntegration,
       {{"id", ""}}},
      {"aws_apigatewayv2_authorizer",
       "AWS::ApiGatewayV2::Authorizer",
       HttpAuthorizer,
       {{"id", ""}}},
      {"aws_apigatewayv2_stage", "AWS::ApiGatewayV2::Stage", HttpStage, {{"id", ""}}},
      {"aws_apigatewayv2_domain_name",
       "AWS::ApiGatewayV2::DomainName",
       HttpDomain,
       {{"id", ""}, {"domain_name", ""}}},
      {"aws_apigatewayv2_api_mapping",
       "AWS::ApiGatewayV2::ApiMapping",
       HttpApiMapping,
       {{"id", ""}}},
  };
  return kTypes;
}

}  // namespace

const Node* CompileInstances(const std::vector<ResourceInstance>& instances,
                             syntax::NodeArena* arena, util::DiagnosticSink* diags) {
  return Compiler(instances, arena, diags).Run();
}

bool IsSupportedType(std::string_view type) { return FindType(type) != nullptr; }

}  // namespace fnwarden::load::terraform
