// Look-ups of a model's resources by logical ID in constant time.
//
// Model::Find* scan a list, which is right for one look-up and quadratic when
// every function of a 20,000-function template looks up its role, its queue
// and its log group. Code that looks up many IDs builds an index once, when
// the lists it covers are complete, and asks it instead:
//
//   model::IdIndex<model::Function> functions(m.functions);
//   const model::Function* f = functions.Find(permission.function_id);
//
//   model::IdIndex<model::Resource> all = model::IndexAllResources(m);
//   const model::Resource* r = all.Find(finding.resource);
//
// An index points at the resources and at their `id` strings: adding to or
// erasing from an indexed list (which may move its elements) or changing an
// indexed resource's id leaves it dangling; changing any other field is
// fine. As with Model::Find*, the first resource with a given ID wins.
// Concurrent Finds are safe; building is not.
#ifndef FNWARDEN_MODEL_INDEX_H_
#define FNWARDEN_MODEL_INDEX_H_

#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/model.h"

namespace fnwarden::model {

template <class T>
class IdIndex {
 public:
  IdIndex() = default;
  explicit IdIndex(const std::vector<T>& items) { Add(items); }

  // Indexes the elements of `items` (of T or of a type derived from it),
  // after those added before: an ID already indexed keeps its resource.
  template <class U>
  void Add(const std::vector<U>& items) {
    by_id_.reserve(by_id_.size() + items.size());
    for (const U& item : items) by_id_.emplace(std::string_view(item.id), &item);
  }

  // The resource with logical ID `id`; nullptr when none is indexed.
  const T* Find(std::string_view id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }

  size_t size() const { return by_id_.size(); }

 private:
  std::unordered_map<std::string_view, const T*> by_id_;
};

// Every resource of `m` by ID, lists in ForEachResourceList order, so that
// Find gives what Model::FindResource gives.
inline IdIndex<Resource> IndexAllResources(const Model& m) {
  IdIndex<Resource> index;
  ForEachResourceList(m, [&](const auto& list) { index.Add(list); });
  return index;
}

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_INDEX_H_
