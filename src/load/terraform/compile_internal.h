// The pieces of the Terraform compiler (compile.h) that its type tables
// share: the compiled resources, the property builder, the compiler's
// services, and the three tables of types (types_compute.cc: Lambda and
// IAM; types_data.cc: storage, messaging, monitoring, identity;
// types_api.cc: API Gateway).
#ifndef FNWARDEN_LOAD_TERRAFORM_COMPILE_INTERNAL_H_
#define FNWARDEN_LOAD_TERRAFORM_COMPILE_INTERNAL_H_

#include <cstdint>
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/syntax/node.h"
#include "load/syntax/synthetic.h"
#include "load/terraform/module.h"
#include "load/terraform/value.h"
#include "util/diagnostic.h"

namespace fnwarden::load::terraform::internal {

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

// A Terraform type and what it becomes: its CloudFormation type ("" when
// it is merged into another resource), a function for what is not a plain
// copy (may be null), which Terraform attributes are the resource's Ref or
// Fn::GetAtt, and the arguments copied as they are (`copies`, before the
// function runs).
struct PropCopy {
  std::string_view cfn;
  std::string_view tf;
};

struct TypeInfo {
  std::string_view tf_type;
  std::string_view cfn_type;
  void (*compile)(Compiler& c, const ResourceInstance& inst, Compiled* out);
  std::vector<AttrMap> attrs;
  std::vector<PropCopy> copies = {};
};

// A field that is present and not null.
ValuePtr F(const Value* v, std::string_view name);
// The first nested block `name` of an object, or nullptr.
const Value* Block(const Value* v, std::string_view name);
std::vector<const Value*> Blocks(const Value* v, std::string_view name);
// Adds what `p` built to the resource's properties.
void Finish(Props& p, Compiled* out);
inline const Value* Body(const ResourceInstance& inst) { return inst.body.get(); }

class Compiler {
 public:
  Compiler(const std::vector<ResourceInstance>& instances, syntax::NodeArena* arena)
      : instances_(instances), arena_(arena) {}

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
  // The compiled resources of type `tf_type` by the text of their field
  // `field`: the position in `order_` of the first with a name. Made on
  // first use, once every resource of its own is compiled.
  const std::unordered_map<std::string, size_t>& NameIndex(std::string_view tf_type,
                                                           std::string_view field);
  const Node* RefNode(const Ref& ref, util::Loc loc);
  const Node* PartsNode(const std::vector<StrPart>& parts, util::Loc loc);

  const std::vector<ResourceInstance>& instances_;
  syntax::NodeArena* arena_;
  std::map<std::string, size_t, std::less<>> by_address_;  // instances by address
  std::map<std::string, Compiled, std::less<>> compiled_;  // by address
  std::vector<std::string> order_;                         // compiled addresses in order
  std::map<std::string, std::unordered_map<std::string, size_t>> names_;  // NameIndex
  uint64_t node_budget_ = 8'000'000;                       // nodes ToNode may still make
};

// The type tables.
std::span<const TypeInfo> ComputeTypes();
std::span<const TypeInfo> DataTypes();
std::span<const TypeInfo> ApiTypes();
const TypeInfo* FindType(std::string_view tf_type);

}  // namespace fnwarden::load::terraform::internal

#endif  // FNWARDEN_LOAD_TERRAFORM_COMPILE_INTERNAL_H_
