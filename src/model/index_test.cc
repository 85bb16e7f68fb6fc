#include "model/index.h"

#include <gtest/gtest.h>

#include <string>

#include "model/model.h"

namespace fnwarden::model {
namespace {

// A model whose lists each hold a few resources, with one ID ("Shared")
// used twice: by a function and by a queue declared after it.
Model SmallModel() {
  Model m;
  for (const char* id : {"A", "B", "Shared"}) m.functions.emplace_back().id = id;
  for (const char* id : {"Shared", "Q"}) m.queues.emplace_back().id = id;
  m.alarms.emplace_back().id = "Alarm";
  m.nested_stacks.emplace_back().id = "Child";
  return m;
}

TEST(IdIndexTest, FindsWhatModelFindsForEveryId) {
  Model m = SmallModel();
  IdIndex<const Resource> all = IndexAllResources(m);
  EXPECT_EQ(all.size(), 6u);  // "Shared" once
  for (const char* id : {"A", "B", "Shared", "Q", "Alarm", "Child", "Nope", ""}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(all.Find(id), m.FindResource(id));
  }
  EXPECT_EQ(all.Find("Shared"), &m.functions[2]);  // the first list wins
}

TEST(IdIndexTest, IndexesOneList) {
  Model m = SmallModel();
  IdIndex<const Queue> queues(m.queues);
  EXPECT_EQ(queues.Find("Shared"), &m.queues[0]);
  EXPECT_EQ(queues.Find("Q"), &m.queues[1]);
  EXPECT_EQ(queues.Find("A"), nullptr);
  IdIndex<const Function> functions(m.functions);
  for (const Function& f : m.functions) EXPECT_EQ(functions.Find(f.id), m.FindFunction(f.id));
}

TEST(IdIndexTest, FirstOfDuplicateIdsWinsAsInTheModel) {
  Model m;
  m.roles.emplace_back().id = "Role";
  m.roles.emplace_back().id = "Role";
  IdIndex<const Role> roles(m.roles);
  EXPECT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles.Find("Role"), m.FindRole("Role"));
  EXPECT_EQ(roles.Find("Role"), &m.roles[0]);
}

TEST(IdIndexTest, LooksUpByViewsOfOtherStrings) {
  Model m = SmallModel();
  const Model& read_only = m;
  IdIndex<const Function> functions(read_only.functions);
  std::string key = "xxA";
  EXPECT_EQ(functions.Find(std::string_view(key).substr(2)), &m.functions[0]);
  IdIndex<const Function> empty;
  EXPECT_EQ(empty.Find("A"), nullptr);
}

// An index of a list it may change finds resources to modify.
TEST(IdIndexTest, FindsResourcesToModify) {
  Model m = SmallModel();
  IdIndex<Function> functions(m.functions);
  Function* b = functions.Find("B");
  ASSERT_EQ(b, &m.functions[1]);
  b->role_id = "Role";
  EXPECT_EQ(m.functions[1].role_id, "Role");
}

}  // namespace
}  // namespace fnwarden::model
