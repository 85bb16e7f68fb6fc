// Terraform values as fnwarden evaluates them: what `terraform plan` would
// know of an expression from the configuration alone.
//
// A value is null, a bool, a number, a string, a tuple (lists, sets and
// tuples alike), an object (maps and objects alike, keys sorted as Terraform
// iterates them), unknown, or a resource instance on its way to one of its
// attributes. A string that holds what only the deployment knows (a
// resource's ARN, an unknown variable) keeps it as typed parts: literal
// text, references to a resource instance's attribute, and unknown pieces.
// Nothing is ever guessed: an expression fnwarden cannot evaluate is
// unknown, and comparisons on unknowns stay unknown.
//
// Values are immutable and shared (ValuePtr); each keeps the position of
// the expression that produced it, so that a finding on a value points at
// the line that wrote it.
#ifndef FNWARDEN_LOAD_TERRAFORM_VALUE_H_
#define FNWARDEN_LOAD_TERRAFORM_VALUE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "load/syntax/node.h"
#include "util/source.h"

namespace fnwarden::load::terraform {

struct Value;
using ValuePtr = std::shared_ptr<const Value>;

enum class Kind : uint8_t {
  kNull,
  kBool,
  kNumber,
  kString,
  kTuple,
  kObject,
  kUnknown,
  kResource,  // a resource or data block (or one of its instances) before `.attribute`
};

// An attribute of a resource instance that only the deployment knows:
// a Ref with an empty address is a pseudo value of the deployment: its
// attribute is "AWS::AccountId", "AWS::Region", "AWS::Partition" or
// "AWS::URLSuffix" (from data.aws_caller_identity, aws_region,
// aws_partition).
//
// `aws_iam_role.exec.arn` is {"aws_iam_role.exec", "arn"}; in a module
// instance the address is "module.api.aws_iam_role.exec", and an instance of
// a counted resource is "aws_iam_role.exec[0]".
struct Ref {
  std::string address;
  std::string attribute;
  bool operator==(const Ref&) const = default;
};

// One piece of a string: literal text, a reference, or an unknown piece
// (then `text` is the expression as written, for display).
struct StrPart {
  enum class Type : uint8_t { kText, kRef, kUnknown };
  Type type = Type::kText;
  std::string text;
  Ref ref;
  bool operator==(const StrPart&) const = default;
};

class ModuleInstance;
struct ResourceBlock;

struct Value {
  Kind kind = Kind::kNull;
  util::Loc loc;
  // kBool: "true" or "false"; kNumber: its shortest decimal text; kString
  // without parts: the string; kUnknown: the expression as written.
  std::string text;
  double number = 0;
  // kString: non-empty when the string holds references or unknown pieces
  // (and `text` is then empty). Adjacent text parts are merged.
  std::vector<StrPart> parts;
  // kUnknown: the expression is an error Terraform would refuse (a missing
  // attribute, an index out of range), which `try` skips and `can` is
  // false for.
  bool error = false;
  // How many values this one is made of, itself included (saturating):
  // values share their parts, so a chain of `[x, x]` doubles at each step
  // while memory does not; walks and conversions are bounded by this.
  uint64_t nodes = 1;
  std::vector<ValuePtr> items;             // kTuple
  std::map<std::string, ValuePtr> fields;  // kObject
  // kTuple or kObject that is really a string: the JSON text of this value
  // (`jsonencode(...)`, a policy document's `json`). Kept structured, so
  // that a policy written either way reads the same.
  bool json = false;
  // kResource: the block, and the instance key (`[0]`, `["k"]`) once one is
  // chosen; a block with count or for_each and no key is all of them.
  const ResourceBlock* resource = nullptr;
  const ModuleInstance* module = nullptr;  // the module instance the block belongs to
  std::string instance_key;
  bool has_instance_key = false;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_unknown() const { return kind == Kind::kUnknown; }
  // A string whose whole text is known.
  bool is_known_string() const { return kind == Kind::kString && parts.empty(); }
  // A value with nothing unknown and no reference anywhere inside.
  bool wholly_known() const;
  // The value of a field of an object, or nullptr.
  const Value* Field(std::string_view name) const;
  ValuePtr FieldPtr(std::string_view name) const;
};

// The most values one tuple or object may be made of (Value::nodes);
// Tuple and Object give an unknown value past it.
inline constexpr uint64_t kMaxValueNodes = 1 << 20;

// Constructors. `loc` is where the value was written.
ValuePtr Null(util::Loc loc);
ValuePtr Bool(bool b, util::Loc loc);
ValuePtr Number(double n, util::Loc loc);
// A number as written ("1", "1.5e3"); a text that is not a number gives
// an unknown value.
ValuePtr NumberText(std::string_view text, util::Loc loc);
ValuePtr String(std::string text, util::Loc loc);
// A string from parts; merges adjacent text and gives a plain string when
// every part is text.
ValuePtr StringParts(std::vector<StrPart> parts, util::Loc loc);
ValuePtr Tuple(std::vector<ValuePtr> items, util::Loc loc);
ValuePtr Object(std::map<std::string, ValuePtr> fields, util::Loc loc);
ValuePtr Unknown(std::string shown, util::Loc loc);
// An unknown that is an evaluation error (Value::error).
ValuePtr Error(std::string shown, util::Loc loc);
ValuePtr Reference(Ref ref, util::Loc loc);
// The same value at another position (for a variable's value at its use).
ValuePtr At(const ValuePtr& v, util::Loc loc);

// Conversions as Terraform makes them; nullopt-like results are unknowns.
// A string's text (bools and numbers convert); false when not wholly known.
bool AsText(const Value& v, std::string* out);
// A string as parts (bools and numbers convert); false when the value is
// not a primitive or is unknown.
bool AsParts(const Value& v, std::vector<StrPart>* out);
// True or false; unknown otherwise (`known` false).
bool AsBool(const Value& v, bool* known);
// A number; false when not a known number or numeric string.
bool AsNumber(const Value& v, double* out);
// The number's text as Terraform prints it: integers without a fraction.
std::string NumberToText(double n);

// Equality as `==` sees it; `known` false when either side holds an unknown
// or a reference.
bool Equal(const Value& a, const Value& b, bool* known);

// The JSON text of a wholly known value (`jsonencode`), keys sorted;
// false when something inside is unknown.
bool ToJson(const Value& v, std::string* out);

// A JSON or YAML syntax tree as a value: maps are objects, sequences
// tuples, plain numbers and booleans keep their types, everything else is
// a string. Each value's position is its node's, passed through `relocate`
// when given (for text that was read out of another file's string).
ValuePtr FromNode(const syntax::Node* node, util::Loc (*relocate)(util::Loc, const void*) = nullptr,
                  const void* context = nullptr);

// The nested blocks a body's field holds: the objects of a tuple (blocks
// written natively), or the field itself when it is one object (a block
// written in the JSON syntax, where one block is an object). Empty for
// anything else.
std::vector<ValuePtr> BlockList(const ValuePtr& field);

// Compact text for tests and diagnostics: "x", 1, true, null, [..], {k = v},
// (unknown: text), ${aws_iam_role.r.arn}.
std::string Show(const Value& v);

}  // namespace fnwarden::load::terraform

#endif  // FNWARDEN_LOAD_TERRAFORM_VALUE_H_
