// The AWS managed policy catalog: lines of "name<TAB>arn<TAB>document",
// sorted by name, generated at build time (tools/gen_managed_policies) and
// embedded in the binary. A lookup is a binary search over the text itself:
// building an index would read all of its megabytes, a cost every small scan
// would pay. A document is parsed only when a template names its policy,
// and only once: the converted document is cached by name and copied for
// each attachment.
#include "load/cfn/managed_policies.h"

#include <string.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/cfn/val.h"
#include "simdjson.h"
#include "util/strings.h"

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

std::string_view CatalogText() {
  return std::string_view(fnwarden_managed_policies_begin,
                          static_cast<size_t>(fnwarden_managed_policies_end -
                                              fnwarden_managed_policies_begin));
}

// The entry whose line starts at `start` of `text`; `*next` receives where
// the following line starts. The name is empty for a malformed line (the
// generator validated every line).
CatalogEntry EntryAt(std::string_view text, size_t start, size_t* next) {
  size_t eol = text.find('\n', start);
  if (eol == std::string_view::npos) eol = text.size();
  *next = eol + 1;
  std::string_view line = text.substr(start, eol - start);
  size_t tab1 = line.find('\t');
  size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
  if (tab2 == std::string_view::npos) return {};
  return {line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)};
}

// The entry named `name`, found by bisecting the text: each step reads one
// line. `*offset` receives where its line starts.
std::optional<CatalogEntry> FindEntry(std::string_view name, size_t* offset) {
  std::string_view text = CatalogText();
  size_t lo = 0, hi = text.size();  // lo is always the start of a line
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    // memrchr, not rfind: a policy's line can be tens of kilobytes long,
    // and rfind steps back through it one byte at a time.
    const void* nl = memrchr(text.data() + lo, '\n', mid - lo);
    size_t start = nl == nullptr ? lo : static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
    size_t next = 0;
    CatalogEntry e = EntryAt(text, start, &next);
    if (e.name == name) {
      *offset = start;
      return e;
    }
    if (e.name < name) {
      lo = next;
    } else {
      hi = start;
    }
  }
  return std::nullopt;
}

// A converted document and its catalog ARN (a view of the catalog text).
struct CachedPolicy {
  std::string_view arn;
  const model::PolicyDocument* document;
};

// Converted documents by policy name, so that a repeated lookup needs no
// bisection of the catalog; never freed (lookups may run during exit).
struct Converted {
  std::mutex mutex;
  std::unordered_map<std::string, CachedPolicy, util::StringViewHash, std::equal_to<>> by_name;
};

Converted& ConvertedDocuments() {
  static Converted* converted = new Converted();
  return *converted;
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

// Whether a path written before the policy's name ("service-role/") is the
// policy's own; a wrong one names a policy that does not exist.
bool PathMatches(std::string_view arn, std::string_view path, std::string_view name) {
  if (path.empty()) return true;
  // arn ends with "/" + path + name.
  if (arn.size() <= path.size() + name.size() || !arn.ends_with(name)) return false;
  arn.remove_suffix(name.size());
  return arn.ends_with(path) && arn[arn.size() - path.size() - 1] == '/';
}

}  // namespace

std::optional<model::PolicyDocument> FindManagedPolicy(std::string_view name_or_arn, util::Loc at) {
  std::string_view path;
  std::string_view name = PolicyName(name_or_arn, &path);
  if (name.empty()) return std::nullopt;
  if (!at.known()) {
    size_t offset = 0;
    std::optional<CatalogEntry> entry = FindEntry(name, &offset);
    if (!entry || !PathMatches(entry->arn, path, name)) return std::nullopt;
    return Convert(*entry, at);
  }
  // Cached documents are converted at a position of their own, which the
  // copy replaces with `at`. Only a known `at` can take this path: the
  // conversion falls back to other positions for absent values when its
  // position is unknown.
  Converted& cache = ConvertedDocuments();
  std::optional<CachedPolicy> cached;
  {
    std::lock_guard<std::mutex> lock(cache.mutex);
    auto found = cache.by_name.find(name);
    if (found != cache.by_name.end()) cached = found->second;
  }
  if (!cached) {
    size_t offset = 0;
    std::optional<CatalogEntry> entry = FindEntry(name, &offset);
    if (!entry) return std::nullopt;
    std::optional<model::PolicyDocument> converted = Convert(*entry, CachedAt());
    if (!converted) return std::nullopt;
    auto fresh = std::make_unique<model::PolicyDocument>(std::move(*converted));
    // Another thread may have converted it meanwhile: keep the first one.
    std::lock_guard<std::mutex> lock(cache.mutex);
    auto [slot, added] =
        cache.by_name.try_emplace(std::string(name), CachedPolicy{entry->arn, fresh.get()});
    if (added) fresh.release();
    cached = slot->second;
  }
  if (!PathMatches(cached->arn, path, name)) return std::nullopt;
  model::PolicyDocument out = *cached->document;
  Relocate(CachedAt(), at, &out);
  return out;
}

std::optional<std::string> ManagedPolicyArn(std::string_view name) {
  size_t offset = 0;
  std::optional<CatalogEntry> entry = FindEntry(name, &offset);
  if (!entry) return std::nullopt;
  return std::string(entry->arn);
}

size_t ManagedPolicyCount() {
  std::string_view text = CatalogText();
  size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  return lines + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

}  // namespace fnwarden::load::cfn
