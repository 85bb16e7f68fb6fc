// SAM policy templates: the embedded definitions, and their expansion into
// the policies of a generated role.
//
// A template's Definition uses `Ref` to its parameters and `Fn::Sub` with
// pseudo parameters. The expansion builds the Definition as synthetic syntax
// nodes in which each parameter `Ref` is replaced by the user's own node
// (say `!Ref OrdersTable`) and lets the template's Evaluator do the rest, so
// a parameter that is a reference stays a reference (refs name the table)
// and pseudo parameters resolve like everywhere else in the template.
#include "load/sam/policy_templates.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <utility>

#include "load/sam/internal.h"
#include "simdjson.h"
#include "util/thread_pool.h"

// Defined by the generated sam_policy_templates_data.cc (cmake/sam_data.cmake).
extern "C" const char fnwarden_sam_policy_templates_begin[];
extern "C" const char fnwarden_sam_policy_templates_end[];

namespace fnwarden::load::sam {
namespace {

struct JsonField;

struct JsonNode {
  enum class Kind { kScalar, kMap, kList } kind = Kind::kScalar;
  std::string text;
  std::vector<JsonField> fields;  // (not pairs: a pair needs a complete JsonNode)
  std::vector<JsonNode> items;
};

struct JsonField {
  std::string key;
  JsonNode value;
};

JsonNode ToNode(simdjson::dom::element e, int depth);

// A template's Definition, converted from the parsed data the first time a
// role uses the template: most scans use a few of the eighty.
class Definition {
 public:
  explicit Definition(simdjson::dom::element json) : json_(json) {}
  const JsonNode& Get() const {
    once_.Call([this] { node_ = ToNode(json_, 0); });
    return node_;
  }

 private:
  simdjson::dom::element json_;  // in Catalog::parser's document
  mutable util::Once once_;
  mutable JsonNode node_;
};

struct Entry {
  PolicyTemplateInfo info;
  std::unique_ptr<Definition> definition;
};

struct Catalog {
  // The parsed data, which the entries' definitions point into.
  simdjson::padded_string json;
  simdjson::dom::parser parser;
  std::vector<Entry> entries;             // sorted by name
  std::vector<PolicyTemplateInfo> infos;  // the same order
};

JsonNode ToNode(simdjson::dom::element e, int depth) {
  JsonNode n;
  if (depth > 64) return n;
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT:
      n.kind = JsonNode::Kind::kMap;
      for (auto [key, value] : simdjson::dom::object(e)) {
        n.fields.push_back({std::string(key), ToNode(value, depth + 1)});
      }
      break;
    case simdjson::dom::element_type::ARRAY:
      n.kind = JsonNode::Kind::kList;
      for (simdjson::dom::element item : simdjson::dom::array(e)) {
        n.items.push_back(ToNode(item, depth + 1));
      }
      break;
    case simdjson::dom::element_type::STRING:
      n.text = std::string(std::string_view(e));
      break;
    case simdjson::dom::element_type::BOOL:
      n.text = bool(e) ? "true" : "false";
      break;
    case simdjson::dom::element_type::NULL_VALUE:
      break;
    default:
      n.text = simdjson::minify(e);
      break;
  }
  return n;
}

void Load(Catalog* catalog) {
  std::string_view data(fnwarden_sam_policy_templates_begin,
                        static_cast<size_t>(fnwarden_sam_policy_templates_end -
                                            fnwarden_sam_policy_templates_begin));
  catalog->json = simdjson::padded_string(data);
  simdjson::dom::object templates;
  if (catalog->parser.parse(catalog->json)["Templates"].get_object().get(templates) !=
      simdjson::SUCCESS) {
    return;  // the data file is fixed at build time; a test covers it
  }
  for (auto [name, body] : templates) {
    Entry entry;
    entry.info.name = std::string(name);
    simdjson::dom::object params;
    if (body["Parameters"].get_object().get(params) == simdjson::SUCCESS) {
      for (auto [param, unused] : params) entry.info.parameters.emplace_back(param);
    }
    simdjson::dom::element definition;
    if (body["Definition"].get(definition) != simdjson::SUCCESS) continue;
    entry.definition = std::make_unique<Definition>(definition);
    catalog->entries.push_back(std::move(entry));
  }
  std::sort(catalog->entries.begin(), catalog->entries.end(),
            [](const Entry& a, const Entry& b) { return a.info.name < b.info.name; });
  for (const Entry& e : catalog->entries) catalog->infos.push_back(e.info);
}

const Catalog& GetCatalog() {
  static Catalog* catalog = new Catalog();  // never destroyed: lookups may run during exit
  static std::once_flag once;
  std::call_once(once, [] { Load(catalog); });
  return *catalog;
}

const Entry* FindEntry(std::string_view name) {
  const Catalog& c = GetCatalog();
  auto it = std::lower_bound(c.entries.begin(), c.entries.end(), name,
                             [](const Entry& e, std::string_view n) { return e.info.name < n; });
  return it != c.entries.end() && it->info.name == name ? &*it : nullptr;
}

using Params = std::map<std::string, const syntax::Node*, std::less<>>;

const syntax::Node* Build(const JsonNode& j, const Params& params, util::Loc at,
                          internal::NodeArena* arena) {
  switch (j.kind) {
    case JsonNode::Kind::kScalar:
      return arena->Scalar(j.text, at);
    case JsonNode::Kind::kList: {
      std::vector<const syntax::Node*> items;
      for (const JsonNode& item : j.items) items.push_back(Build(item, params, at, arena));
      return arena->Seq(items, at);
    }
    case JsonNode::Kind::kMap:
      break;
  }
  if (j.fields.size() == 1 && j.fields[0].key == "Ref" &&
      j.fields[0].value.kind == JsonNode::Kind::kScalar) {
    auto it = params.find(j.fields[0].value.text);
    if (it != params.end()) return it->second;
  }
  std::vector<syntax::MapEntry> entries;
  for (const JsonField& f : j.fields) {
    entries.push_back({arena->Scalar(f.key, at), Build(f.value, params, at, arena)});
  }
  return arena->Map(entries, at);
}

}  // namespace

const std::vector<PolicyTemplateInfo>& PolicyTemplateCatalog() { return GetCatalog().infos; }

const PolicyTemplateInfo* FindPolicyTemplate(std::string_view name) {
  const Entry* e = FindEntry(name);
  return e == nullptr ? nullptr : &e->info;
}

namespace internal {

bool ExpandPolicyTemplate(Context& ctx, std::string_view name, const syntax::Node* params,
                          util::Loc at, model::Role* role) {
  const Entry* entry = FindEntry(name);
  if (entry == nullptr) return false;
  Params values;
  if (params != nullptr && params->is_map() && !IsIntrinsic(params)) {
    for (const syntax::MapEntry& e : params->entries) values[std::string(e.key->scalar)] = e.value;
  } else if (params != nullptr && !params->is_null()) {
    ctx.Warn(params->loc, "the parameters of SAM policy template " + std::string(name) +
                              " must be a map; the SAM transform rejects this");
    return true;
  }
  for (const std::string& p : entry->info.parameters) {
    if (values.count(p) == 0) {
      ctx.Warn(at, "SAM policy template " + std::string(name) + " needs parameter " + p +
                       "; the SAM transform rejects it");
      return true;
    }
  }
  cfn::Val v = ctx.ev.Eval(Build(entry->definition->Get(), values, at, &ctx.arena));
  role->policies.push_back(
      cfn::ToPolicyDocument(&v, model::PolicySource::kPolicyTemplate, std::string(name), at));
  return true;
}

}  // namespace internal
}  // namespace fnwarden::load::sam
