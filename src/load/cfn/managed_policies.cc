// The AWS managed policy catalog: lines of "name<TAB>arn<TAB>document"
// generated at build time (tools/gen_managed_policies) and embedded in the
// binary. The index is built once on first use; a document is parsed only
// when a template names its policy, and only once: the converted document is
// cached and copied for each attachment.
#include "load/cfn/managed_policies.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "load/cfn/val.h"
#include "simdjson.h"

// Defined by the generated managed_policies_data.cc.
extern "C" const char fnwarden_managed_policies_begin[];
extern "C" const char fnwarden_managed_policies_end[];

namespace fnwarden::load::cfn {
namespace {

struct CatalogEntry {
  std::string_view name;
  std::string_view arn;
  std::string_view document;  // minified JSON
};

// Built once; read-only afterwards but for `converted`, so lookups from many
// threads are safe.
struct Catalog {
  std::vector<CatalogEntry> entries;  // sorted by name, as generated
  // entries[i]'s document once converted, positioned at kCachedAt; null until
  // a lookup names it. Set once by compare-and-swap and never freed (like the
  // catalog itself), so readers need no lock.
  std::unique_ptr<std::atomic<const model::PolicyDocument*>[]> converted;
};

void Load(Catalog* catalog) {
  std::string_view text(fnwarden_managed_policies_begin,
                        static_cast<size_t>(fnwarden_managed_policies_end -
                                            fnwarden_managed_policies_begin));
  catalog->entries.reserve(2048);
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    size_t tab1 = line.find('\t');
    size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) continue;  // the generator validated every line
    catalog->entries.push_back(
        {line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)});
  }
  catalog->converted =
      std::make_unique<std::atomic<const model::PolicyDocument*>[]>(catalog->entries.size());
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
        v.fields.push_back({std::string(key), ToVal(value, at), at});
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

// `entry`'s document as a model policy with every position at `at`;
// nullopt when it does not parse (the generator validated every document).
std::optional<model::PolicyDocument> Convert(const CatalogEntry& entry, util::Loc at) {
  simdjson::dom::parser parser;  // per call: lookups run on many threads
  simdjson::dom::element parsed;
  if (parser.parse(simdjson::padded_string(entry.document)).get(parsed) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  Val document = ToVal(parsed, at);
  model::PolicyDocument out =
      ToPolicyDocument(&document, model::PolicySource::kManaged, std::string(entry.name), at);
  out.source = model::PolicySource::kManaged;
  out.name = std::string(entry.name);
  out.loc = at;
  out.arn = model::String::Literal(std::string(entry.arn), at);
  return out;
}

// The position cached documents are converted at: a file of its own, so it
// is known and equals no position of a scanned file.
util::Loc CachedAt() {
  static const util::SourceFile* file = new util::SourceFile("<managed policy>", "");
  return {file, 1, 1};
}

bool SameLoc(util::Loc a, util::Loc b) {
  return a.file == b.file && a.line == b.line && a.col == b.col;
}

// Replaces position `from` with `to` everywhere in `doc`. Lists every
// position a PolicyDocument holds: a new one in the model must be added here.
void Relocate(util::Loc from, util::Loc to, model::PolicyDocument* doc) {
  auto fix = [&](util::Loc* loc) {
    if (SameLoc(*loc, from)) *loc = to;
  };
  fix(&doc->loc);
  fix(&doc->arn.loc);
  fix(&doc->version.loc);
  for (model::Statement& s : doc->statements) {
    fix(&s.loc);
    fix(&s.sid.loc);
    fix(&s.effect.loc);
    for (model::String& a : s.actions) fix(&a.loc);
    for (model::String& r : s.resources) fix(&r.loc);
    for (model::Principal& p : s.principals) fix(&p.id.loc);
    for (model::Condition& c : s.conditions) {
      fix(&c.loc);
      for (model::String& v : c.values) fix(&v.loc);
    }
  }
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
  if (!at.known()) return Convert(*it, at);
  // Cached documents are converted at a position of their own, which the
  // copy replaces with `at`. Only a known `at` can take this path: the
  // conversion falls back to other positions for absent values when its
  // position is unknown.
  std::atomic<const model::PolicyDocument*>& slot =
      catalog.converted[static_cast<size_t>(it - catalog.entries.begin())];
  const model::PolicyDocument* cached = slot.load(std::memory_order_acquire);
  if (cached == nullptr) {
    std::optional<model::PolicyDocument> converted = Convert(*it, CachedAt());
    if (!converted) return std::nullopt;
    auto* fresh = new model::PolicyDocument(std::move(*converted));
    // Another thread may have converted it meanwhile: keep the first one.
    if (slot.compare_exchange_strong(cached, fresh, std::memory_order_acq_rel)) {
      cached = fresh;
    } else {
      delete fresh;
    }
  }
  model::PolicyDocument out = *cached;
  Relocate(CachedAt(), at, &out);
  return out;
}

size_t ManagedPolicyCount() { return GetCatalog().entries.size(); }

}  // namespace fnwarden::load::cfn
