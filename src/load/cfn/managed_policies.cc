// The AWS managed policy catalog: a JSON array generated at build time
// (tools/gen_managed_policies) and embedded in the binary, parsed once on
// first use.
#include "load/cfn/managed_policies.h"

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "load/cfn/val.h"
#include "simdjson.h"

// Defined by the generated managed_policies_data.cc; followed by at least
// SIMDJSON_PADDING zero bytes.
extern "C" const char fnwarden_managed_policies_begin[];
extern "C" const char fnwarden_managed_policies_end[];

namespace fnwarden::load::cfn {
namespace {

struct CatalogEntry {
  std::string_view name;
  std::string_view arn;
  simdjson::dom::element document;
};

// Built once; read-only afterwards, so lookups from many threads are safe.
struct Catalog {
  simdjson::dom::parser parser;
  std::vector<CatalogEntry> entries;  // sorted by name
};

void Load(Catalog* catalog) {
  const size_t size =
      static_cast<size_t>(fnwarden_managed_policies_end - fnwarden_managed_policies_begin);
  static_assert(simdjson::SIMDJSON_PADDING <= 128, "the embedding reserves 128 bytes of padding");
  simdjson::dom::array items;
  if (catalog->parser.parse(fnwarden_managed_policies_begin, size, false).get_array().get(items) !=
      simdjson::SUCCESS) {
    return;  // the generator validated the file; an empty catalog is the safe failure
  }
  for (simdjson::dom::element item : items) {
    CatalogEntry e;
    if (item["n"].get_string().get(e.name) != simdjson::SUCCESS ||
        item["a"].get_string().get(e.arn) != simdjson::SUCCESS ||
        item["d"].get(e.document) != simdjson::SUCCESS) {
      continue;
    }
    catalog->entries.push_back(e);
  }
  std::sort(catalog->entries.begin(), catalog->entries.end(),
            [](const CatalogEntry& a, const CatalogEntry& b) { return a.name < b.name; });
}

const Catalog& GetCatalog() {
  static Catalog* catalog = new Catalog();  // never destroyed: lookups may run during exit
  static std::once_flag once;
  std::call_once(once, [] { Load(catalog); });
  return *catalog;
}

// The JSON document as a Val, so that ToPolicyDocument reads managed
// policies exactly like inline ones. Every node is placed at `at`.
Val ToVal(simdjson::dom::element e, util::Loc at) {
  Val v;
  v.loc = at;
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT:
      v.kind = Val::Kind::kMap;
      for (auto [key, value] : simdjson::dom::object(e)) {
        v.fields.emplace_back(std::string(key), ToVal(value, at));
        v.key_locs.push_back(at);
      }
      break;
    case simdjson::dom::element_type::ARRAY:
      v.kind = Val::Kind::kList;
      for (simdjson::dom::element item : simdjson::dom::array(e)) {
        v.items.push_back(ToVal(item, at));
      }
      break;
    case simdjson::dom::element_type::STRING:
      v.kind = Val::Kind::kString;
      v.text = std::string(std::string_view(e));
      break;
    case simdjson::dom::element_type::INT64:
      v.kind = Val::Kind::kNumber;
      v.text = std::to_string(int64_t(e));
      break;
    case simdjson::dom::element_type::UINT64:
      v.kind = Val::Kind::kNumber;
      v.text = std::to_string(uint64_t(e));
      break;
    case simdjson::dom::element_type::DOUBLE:
      v.kind = Val::Kind::kNumber;
      v.text = simdjson::to_string(e);
      break;
    case simdjson::dom::element_type::BOOL:
      v.kind = Val::Kind::kBool;
      v.flag = bool(e);
      v.text = v.flag ? "true" : "false";
      break;
    case simdjson::dom::element_type::NULL_VALUE:
      v.kind = Val::Kind::kNull;
      break;
  }
  return v;
}

// The policy name a reference names, or "" when it is not an AWS managed
// policy reference. Accepts "Name", "path/Name" and
// "arn:<partition>:iam::aws:policy/[path/]Name" with any partition
// (including an unresolved "${AWS::Partition}"). `path` receives the path
// part ("service-role/") when one was written.
std::string_view PolicyName(std::string_view ref, std::string_view* path) {
  *path = {};
  if (ref.starts_with("arn:")) {
    // The partition may be an unresolved "${AWS::Partition}".
    size_t partition_start = 4;
    if (ref.substr(4).starts_with("${")) {
      partition_start = ref.find('}', 4);
      if (partition_start == std::string_view::npos) return {};
    }
    size_t partition_end = ref.find(':', partition_start);
    if (partition_end == std::string_view::npos) return {};
    std::string_view rest = ref.substr(partition_end + 1);
    constexpr std::string_view kPrefix = "iam::aws:policy/";
    if (!rest.starts_with(kPrefix)) return {};
    ref = rest.substr(kPrefix.size());
  }
  size_t slash = ref.rfind('/');
  if (slash != std::string_view::npos) {
    *path = ref.substr(0, slash + 1);
    ref = ref.substr(slash + 1);
  }
  return ref;
}

}  // namespace

std::optional<model::PolicyDocument> FindManagedPolicy(std::string_view name_or_arn, util::Loc at) {
  std::string_view path;
  std::string_view name = PolicyName(name_or_arn, &path);
  if (name.empty()) return std::nullopt;
  const Catalog& catalog = GetCatalog();
  auto it = std::lower_bound(catalog.entries.begin(), catalog.entries.end(), name,
                             [](const CatalogEntry& e, std::string_view n) { return e.name < n; });
  if (it == catalog.entries.end() || it->name != name) return std::nullopt;
  // A written path must be the policy's own ("service-role/"); a wrong one
  // names a policy that does not exist.
  if (!path.empty() &&
      !it->arn.ends_with(std::string("/") + std::string(path) + std::string(name))) {
    return std::nullopt;
  }
  Val document = ToVal(it->document, at);
  model::PolicyDocument out =
      ToPolicyDocument(&document, model::PolicySource::kManaged, std::string(it->name), at);
  out.source = model::PolicySource::kManaged;
  out.name = std::string(it->name);
  out.loc = at;
  out.arn = model::String::Literal(std::string(it->arn), at);
  return out;
}

size_t ManagedPolicyCount() { return GetCatalog().entries.size(); }

}  // namespace fnwarden::load::cfn
