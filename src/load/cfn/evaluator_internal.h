// The evaluator's state, shared by its implementation files (evaluator.cc:
// dispatch, Ref/GetAtt, parameters and pseudo parameters; conditions.cc:
// Conditions, Fn::If and the boolean functions; evaluator_fns.cc: the string,
// list and mapping functions). Not part of the public contract.
#ifndef FNWARDEN_LOAD_CFN_EVALUATOR_INTERNAL_H_
#define FNWARDEN_LOAD_CFN_EVALUATOR_INTERNAL_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "load/cfn/template.h"
#include "util/strings.h"

namespace fnwarden::load::cfn {

// Most alternatives an unknown value keeps; beyond this it keeps none (a
// value with no alternatives is simply unknown, which is always safe).
inline constexpr size_t kMaxAlternatives = 64;

// How deep evaluation may recurse (intrinsics inside mappings inside
// intrinsics...). Parsed trees are at most 256 levels deep, so only a chain
// of mappings that refer to each other reaches this. Each level takes
// several stack frames: 600 overflowed an 8 MB stack in a clang -O0
// sanitizer build, so the cap stays close to the parser's.
inline constexpr int kMaxEvalDepth = 300;

// How many conditions deep a condition may refer: one that refers to no
// other condition is one deep, `C2: !Not [!Condition C1]` one more than C1.
// Real templates nest a handful. A condition nested deeper, or one that
// depends on a circular condition, is undecided without being evaluated, so
// that a hostile chain costs linear time and bounded stack.
inline constexpr int kMaxConditionDepth = 100;

// Most entries a value's trail keeps (the first ones: the value's own
// sources come before those of the conditions it was chosen by). Trails are
// merged at every step of an evaluation; unbounded, a chain of n conditions
// would keep n^2 entries.
inline constexpr size_t kMaxTrailEntries = 32;

// Most bytes (roughly: see CachedVal) that the copies of cached values,
// parameters and mapping values, may add up to in one template. Each
// reference copies its value: a small template can refer a thousand times to
// a parameter of a megabyte, or to mapping values that contain each other
// twice over. Past this, references give unknown values.
inline constexpr size_t kMaxCopiedBytes = size_t{128} << 20;

// Longest string a computed value may have (Fn::Join, Fn::Sub,
// Fn::ToJsonString); longer results become unknown. Bounds memory on hostile
// input such as aliases of large scalars joined together.
inline constexpr size_t kMaxTextBytes = 1 << 20;
// Longest display form of a value shown inside another's display text.
inline constexpr size_t kMaxShownBytes = 200;
// Most items Fn::Split produces before the result becomes unknown.
inline constexpr size_t kMaxSplitItems = 10'000;

// The argument of an intrinsic function: the node after `Fn::X:`, or the
// tagged node itself for the short form `!X` (whose tag must then be ignored).
struct Arg {
  const syntax::Node* node = nullptr;
  bool strip_tag = false;
};

// A condition's value with what it was decided from (the operands' trails and
// flags).
struct CondResult {
  bool computing = true;  // being evaluated: a reference back to it is circular
  std::optional<bool> value;
  std::vector<std::string> trail;
  uint8_t flags = 0;
};

// A value evaluated once and copied wherever it is referenced, with the
// cost of a copy: its bytes of text (scalars, keys, trails and refs) plus a
// fixed amount per value, and how many levels its lists, maps and
// alternatives nest.
struct CachedVal {
  explicit CachedVal(Val v);
  Val value;
  size_t bytes = 0;
  int depth = 0;
};

struct Evaluator::Impl {
  Impl(const Template& t, EvalOptions options, util::DiagnosticSink* diags);

  const Template& tmpl;
  EvalOptions options;
  util::DiagnosticSink* diags;

  std::unordered_map<std::string_view, const ParameterDecl*> params;
  // The logical IDs a reference may name. A template of thousands of
  // functions has tens of thousands: the copies Evaluator::SideBySide works
  // on share them, and nothing adds to them while copies exist.
  struct Known {
    std::unordered_set<std::string_view> resources;  // every key of Resources
    // AddImplicitResource's, looked up by view.
    std::unordered_set<std::string, util::StringViewHash, std::equal_to<>> implicit;
    // IDs the SAM transform names its generated resources after
    // ("<Fn>Url", "<Api>.Stage", "<Api>ProdStage", "ServerlessRestApi..."),
    // and their distinct lengths, so that an ID's prefixes are looked up
    // rather than every SAM resource compared with it.
    std::unordered_set<std::string_view> sam_prefixes;
    std::vector<size_t> sam_prefix_lengths;
  };
  std::shared_ptr<Known> known = std::make_shared<Known>();
  // The template generates logical IDs we cannot see (Fn::ForEach, macros,
  // AWS::Include): dangling references are not reported.
  bool lenient_refs = false;

  std::unordered_map<std::string, CachedVal> param_cache;
  std::unordered_map<std::string, CondResult> cond_cache;
  // Set once, by PlanConditions: the body of every declared condition (the
  // last of duplicate keys, as syntax::Node::Get finds it), and the ones
  // undecided by the shape of the Conditions section alone: circular,
  // depending on a cycle, or nested past kMaxConditionDepth.
  std::unordered_map<std::string_view, const syntax::Node*> cond_bodies;
  std::unordered_set<std::string_view> cond_undecidable;
  std::set<std::tuple<const util::SourceFile*, uint32_t, uint32_t, std::string>> reported;
  int depth = 0;
  bool depth_reported = false;
  // Keys of the large maps of the Mappings section, for KeyOf.
  std::unordered_map<const syntax::Node*, std::unordered_map<std::string_view, const syntax::Node*>>
      key_index;
  // Mapping values are evaluated once (they hold no context-dependent
  // parts); `mapping_active` catches a value that reaches itself.
  std::unordered_map<const syntax::Node*, CachedVal> mapping_cache;
  // What copies of cached values have cost so far (kMaxCopiedBytes).
  size_t copied_bytes = 0;
  bool copies_reported = false;
  std::unordered_set<const syntax::Node*> mapping_active;
  // A copy made by Evaluator::SideBySide. It reports nothing: anything that
  // would report a problem, reach the depth cap or exceed the copy budget
  // sets `impure`, and the copy's work is then thrown away and done again
  // on the evaluator it was copied from.
  bool speculative = false;
  bool impure = false;

  // evaluator.cc
  // True, with a diagnostic the first time, when evaluation is already
  // kMaxEvalDepth levels deep: the caller then gives an unknown value
  // instead of going deeper. Otherwise counts one level on `depth` until
  // the returned guard goes out of scope.
  class DepthGuard {
   public:
    explicit DepthGuard(int* depth) : depth_(depth) { ++*depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    ~DepthGuard() { --*depth_; }

   private:
    int* depth_;
  };
  bool TooDeep(util::Loc loc);
  // The diagnostic of TooDeep, once per template.
  void ReportTooDeep(util::Loc loc);
  Val Eval(const syntax::Node* n);
  Val EvalArg(Arg a) { return a.strip_tag ? EvalNode(a.node, true) : Eval(a.node); }
  Val EvalNode(const syntax::Node* n, bool strip_tag);
  // EvalNode into `out`, a default Val.
  void EvalInto(const syntax::Node* n, bool strip_tag, Val* out);
  // The same for a scalar, map or list that calls no function.
  void EvalPlainInto(const syntax::Node* n, Val* out);
  Val Intrinsic(std::string_view fn, Arg arg, util::Loc loc);
  Val RefName(std::string_view name, util::Loc loc, std::string_view context);
  Val GetAtt(std::string_view resource, Val attribute, util::Loc loc);
  // `!GetAtt Stack.Outputs.Name` of a nested stack whose outputs are known.
  Val StackOutput(std::string_view stack, const model::String& output, std::string_view shown,
                  util::Loc loc);
  Val Pseudo(std::string_view name, util::Loc loc);
  const CachedVal& Parameter(const ParameterDecl& p);
  // Whether a copy of `cached` may be made here, `depth` levels deep: false,
  // with a diagnostic the first time, when the copies would exceed
  // kMaxCopiedBytes or the value would nest past kMaxEvalDepth.
  bool MayCopy(const CachedVal& cached, util::Loc loc, std::string_view what);
  bool IsKnownResource(std::string_view id) const;
  // The value of `key` in `map` as syntax::Node::Get finds it (the last of
  // duplicate keys), in constant time for a map of many entries: a template
  // may hold thousands of mappings and Fn::FindInMap calls.
  const syntax::Node* KeyOf(const syntax::Node* map, std::string_view key);
  void Error(util::Loc loc, std::string message);
  // Takes in what a pure copy (`speculative`, not `impure`) evaluated and
  // cached; the copy's copied bytes are the caller's to add.
  void Absorb(Impl&& copy);

  // conditions.cc
  // Walks the references between declared conditions once, without
  // recursion: reports each cycle where it closes and the first condition
  // nested past kMaxConditionDepth, and fills `cond_undecidable`. Conditions
  // then recurse at most kMaxConditionDepth deep while they are evaluated,
  // and what they decide does not depend on which one is asked for first.
  void PlanConditions();
  std::optional<bool> Condition(std::string_view name, util::Loc use, CondResult* detail);
  std::optional<bool> EvalCondition(const syntax::Node* n, bool strip_tag, CondResult* detail);
  std::optional<bool> ConditionFn(std::string_view fn, Arg arg, util::Loc loc, CondResult* detail);
  Val If(Arg arg, util::Loc loc);
  Val BoolFn(std::string_view fn, Arg arg, util::Loc loc);

  // evaluator_fns.cc
  Val Sub(Arg arg, util::Loc loc);
  Val Join(Arg arg, util::Loc loc);
  Val Select(Arg arg, util::Loc loc);
  Val Split(Arg arg, util::Loc loc);
  Val FindInMap(Arg arg, util::Loc loc);
  Val Length(Arg arg, util::Loc loc);
  Val ToJsonString(Arg arg, util::Loc loc);
  Val MappingValue(const syntax::Node* value, util::Loc loc);
  Val Opaque(std::string_view display, Arg arg, util::Loc loc, Val::Kind known_kind);
};

// Helpers shared by the implementation files.
// The intrinsic function a short-form tag stands for ("!Sub" -> "Fn::Sub",
// "!Ref" -> "Ref"); "" for standard YAML tags ("!!str") that carry none.
std::string FunctionOfTag(std::string_view tag);
// The intrinsic function a node calls in either form, with its argument;
// false for plain values.
bool CallOf(const syntax::Node* n, bool strip_tag, std::string* fn, Arg* arg);
Val UnknownVal(std::string text, util::Loc loc);
void AddRef(std::vector<std::string>* refs, std::string_view id);
// Appends `entry` unless the trail holds it already or is full
// (kMaxTrailEntries).
void AddTrail(std::vector<std::string>* trail, std::string entry);
// Merges refs, trail and flags of `from` into `into`.
void MergeMeta(const Val& from, Val* into);
// True when `s` holds a {{resolve:ssm|ssm-secure|secretsmanager:...}} reference.
bool HasDynamicReference(std::string_view s);
// Concatenates scalar parts (Fn::Sub, Fn::Join): known when every part is,
// otherwise unknown with a display text and, when every part's possible
// values are known, the alternatives.
Val Concat(std::vector<Val> parts, util::Loc loc);
// The display form of a value inside another one's text: a view of its text
// or of a constant, valid while `v` is.
std::string_view Display(const Val& v);
// Display cut to kMaxShownBytes, for composing display texts.
std::string Shown(const Val& v);
// Possible texts of a scalar value: one when known, its alternatives when
// undecided, nullopt otherwise.
std::optional<std::vector<std::string>> PossibleTexts(const Val& v);

}  // namespace fnwarden::load::cfn

#endif  // FNWARDEN_LOAD_CFN_EVALUATOR_INTERNAL_H_
