// Val: a CloudFormation value after intrinsic functions are evaluated.
//
// The evaluator turns every syntax node of a template into a Val: literals
// stay literals, `!Ref Param` becomes the parameter's value with a trail,
// `!GetAtt Fn.Arn` becomes an unknown string that still names `Fn` in
// `refs()`, an undecidable `!If` becomes unknown with both branches in
// `alternatives()`. Adapters turn Vals into model fields with the To* helpers,
// so the model never sees intrinsic syntax.
#ifndef FNWARDEN_LOAD_CFN_VAL_H_
#define FNWARDEN_LOAD_CFN_VAL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"
#include "model/value.h"
#include "util/source.h"

namespace fnwarden::load::cfn {

struct Val {
  // Declared here, defaulted below the class: `fields` holds Fields of the
  // still incomplete Val, which clang rejects in implicitly defined members.
  // Inline, because Vals are moved and destroyed by the ten thousand: the
  // compiler then sees that a moved-from Val has nothing left to free.
  Val();
  ~Val();
  Val(const Val&);
  Val(Val&&) noexcept;
  Val& operator=(const Val&);
  Val& operator=(Val&&) noexcept;

  enum class Kind : uint8_t {
    kNull, kBool, kNumber, kString, kList, kMap,
    kNoValue,   // AWS::NoValue: the property is removed
    kUnknown,   // not knowable statically; `text` may hold a display form
  };
  Kind kind = Kind::kNull;
  model::ValueState state = model::ValueState::kLiteral;  // kLiteral, kResolved or kUnknown
  bool flag = false;                                      // kBool value
  uint8_t flags = 0;                                      // model::ValueFlag bits
  util::Loc loc;
  std::string text;  // scalars: the text ("true", "30", "python3.12"); unknown: a display
                     // form such as "arn:${AWS::Partition}:s3:::${Bucket}/*"
  std::vector<Val> items;     // kList
  struct Field;               // a map entry: key, value and the key's position
  std::vector<Field> fields;  // kMap, in source order

  // How the value was computed, read through these accessors. Literals and
  // plain maps and lists, nearly every Val of a template, have none of it,
  // so it lives in a block allocated on the first write: such a Val then
  // costs no empty vectors to build, move and destroy.
  //
  // Parameters, mappings and conditions it was computed from, for reports.
  const std::vector<std::string>& trail() const;
  // Logical IDs referenced (Ref, GetAtt, Sub; DependsOn excluded).
  const std::vector<std::string>& refs() const;
  // Unknown because a condition is undecided: the possible values.
  const std::vector<Val>& alternatives() const;
  // An unknown string built from references and pseudo parameters: what it
  // is made of, as the model's typed pieces (model::Piece). `text` is the
  // display form of the same.
  const std::vector<model::Piece>& pieces() const;
  // The same for writing; the first call allocates the block.
  std::vector<std::string>* mutable_trail();
  std::vector<std::string>* mutable_refs();
  std::vector<Val>* mutable_alternatives();
  std::vector<model::Piece>* mutable_pieces();

  bool is_map() const { return kind == Kind::kMap; }
  bool is_list() const { return kind == Kind::kList; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_unknown() const { return kind == Kind::kUnknown; }
  bool is_novalue() const { return kind == Kind::kNoValue; }
  bool known_scalar() const {
    return kind == Kind::kString || kind == Kind::kNumber || kind == Kind::kBool;
  }

  // Field of a map, nullptr when absent, not a map, or AWS::NoValue.
  const Val* Get(std::string_view key) const;
  // Position of a field's key (for findings about an absent value, point at
  // the parent); the map's own loc when absent.
  util::Loc KeyLoc(std::string_view key) const;

 private:
  struct Meta;  // defined below the class: it holds Vals
  // Owns the Meta block, or nothing; a copy copies the block, so that Val
  // keeps its defaulted copy and move members.
  class MetaBox {
   public:
    MetaBox() = default;
    MetaBox(const MetaBox& other);
    MetaBox(MetaBox&&) noexcept = default;
    MetaBox& operator=(const MetaBox& other);
    MetaBox& operator=(MetaBox&&) noexcept = default;
    ~MetaBox();

    std::unique_ptr<Meta> block;
  };

  const Meta& meta() const;
  Meta& mutable_meta();

  MetaBox meta_;
};

// One vector of these per map, rather than one of pairs and another of key
// positions: a map costs one allocation, and entry i's parts sit together.
struct Val::Field {
  Field(std::string k, Val v, util::Loc at) : key(std::move(k)), value(std::move(v)), key_loc(at) {}
  // An entry whose value is then evaluated in place: the key is built
  // straight from the source text.
  Field(std::string_view k, util::Loc at) : key(k), key_loc(at) {}

  std::string key;
  Val value;
  util::Loc key_loc;  // where findings about this entry's absent parts point
};

struct Val::Meta {
  std::vector<std::string> trail;
  std::vector<std::string> refs;
  std::vector<Val> alternatives;
  std::vector<model::Piece> pieces;
};

inline Val::MetaBox::MetaBox(const MetaBox& other)
    : block(other.block ? std::make_unique<Meta>(*other.block) : nullptr) {}
inline Val::MetaBox& Val::MetaBox::operator=(const MetaBox& other) {
  if (this != &other) block = other.block ? std::make_unique<Meta>(*other.block) : nullptr;
  return *this;
}
inline Val::MetaBox::~MetaBox() = default;

inline const Val::Meta& Val::meta() const {
  // Never destroyed, so that no exit-time destructor runs.
  static const Meta* const kNone = new Meta();
  return meta_.block ? *meta_.block : *kNone;
}

inline Val::Meta& Val::mutable_meta() {
  if (!meta_.block) meta_.block = std::make_unique<Meta>();
  return *meta_.block;
}

inline const std::vector<std::string>& Val::trail() const { return meta().trail; }
inline const std::vector<std::string>& Val::refs() const { return meta().refs; }
inline const std::vector<Val>& Val::alternatives() const { return meta().alternatives; }
inline std::vector<std::string>* Val::mutable_trail() { return &mutable_meta().trail; }
inline std::vector<std::string>* Val::mutable_refs() { return &mutable_meta().refs; }
inline std::vector<Val>* Val::mutable_alternatives() { return &mutable_meta().alternatives; }
inline const std::vector<model::Piece>& Val::pieces() const { return meta().pieces; }
inline std::vector<model::Piece>* Val::mutable_pieces() { return &mutable_meta().pieces; }

inline Val::Val() = default;
inline Val::~Val() = default;
inline Val::Val(const Val&) = default;
inline Val::Val(Val&&) noexcept = default;
inline Val& Val::operator=(const Val&) = default;
inline Val& Val::operator=(Val&&) noexcept = default;

// A nested stack's Parameters (a map of names to strings; a list becomes
// its comma-separated text, as CloudFormation passes it); empty when absent
// or not a map.
std::map<std::string, model::String> StackParameters(const Val* parameters);

// The neutral attribute of a CloudFormation attribute name (Fn::GetAtt),
// for the typed pieces of an unknown value; nullopt for the attributes no
// analysis resolves.
std::optional<model::Attribute> NeutralAttribute(std::string_view attr);
// The deployment piece a pseudo parameter stands for ("AWS::Region" is
// kRegion); nullopt for those no analysis substitutes (AWS::StackName...).
std::optional<model::Piece::Kind> PseudoPiece(std::string_view name);
// The typed pieces of a string a loader composes in the evaluator's display
// form ("arn:${AWS::Partition}:s3:::${Uploads}/*"): "${AWS::...}" pseudo
// parameters, "${Id}" (a Ref) and "${Id.Attr}" become typed pieces, the
// rest text. A pseudo parameter it does not model, or an attribute
// NeutralAttribute does not map, becomes an opaque piece.
std::vector<model::Piece> PiecesOfDisplay(std::string_view display);

// Conversions into model values. A missing or AWS::NoValue `v` gives an
// absent value located at `fallback`. Strings accept numbers and booleans as
// their text (CloudFormation does); ToInt and ToBool accept numeric and
// "true"/"false" strings. A value of the wrong shape is unknown.
model::String ToString(const Val* v, util::Loc fallback = {});
model::Int ToInt(const Val* v, util::Loc fallback = {});
model::Bool ToBool(const Val* v, util::Loc fallback = {});
model::Value<double> ToDouble(const Val* v, util::Loc fallback = {});
// A string or a list of strings (IAM's "string or array" fields).
std::vector<model::String> ToStringList(const Val* v);

// An IAM policy document (identity, resource-based or trust) in any valid
// shape: Statement as a map or a list, Action/Resource/Principal as string or
// list, NotAction/NotResource/NotPrincipal, Condition blocks.
model::PolicyDocument ToPolicyDocument(const Val* v, model::PolicySource source,
                                       std::string name, util::Loc loc);

}  // namespace fnwarden::load::cfn

#endif  // FNWARDEN_LOAD_CFN_VAL_H_
