#include "load/syntax/synthetic.h"

namespace fnwarden::load::syntax {

const Node* NodeArena::Scalar(std::string_view text, util::Loc loc) {
  Node* n = doc_.NewNode();
  n->kind = NodeKind::kScalar;
  n->style = ScalarStyle::kQuoted;
  n->loc = loc;
  n->scalar = doc_.Intern(text);
  return n;
}

const Node* NodeArena::Plain(std::string_view text, util::Loc loc) {
  Node* n = doc_.NewNode();
  n->kind = NodeKind::kScalar;
  n->style = ScalarStyle::kPlain;
  n->loc = loc;
  n->scalar = doc_.Intern(text);
  return n;
}

const Node* NodeArena::Tagged(std::string_view tag, std::string_view text, util::Loc loc) {
  Node* n = doc_.NewNode();
  n->kind = NodeKind::kScalar;
  n->style = ScalarStyle::kQuoted;
  n->loc = loc;
  n->tag = doc_.Intern(tag);
  n->scalar = doc_.Intern(text);
  return n;
}

const Node* NodeArena::Map(const std::vector<MapEntry>& entries, util::Loc loc) {
  Node* n = doc_.NewNode();
  n->kind = NodeKind::kMap;
  n->loc = loc;
  n->entries = doc_.CopyEntries(entries);
  return n;
}

const Node* NodeArena::Seq(const std::vector<const Node*>& items, util::Loc loc) {
  Node* n = doc_.NewNode();
  n->kind = NodeKind::kSeq;
  n->loc = loc;
  n->items = doc_.CopyItems(items);
  return n;
}

const Node* NodeArena::Retag(const Node* n, std::string_view tag) {
  Node* copy = doc_.NewNode();
  *copy = *n;
  copy->tag = doc_.Intern(tag);
  return copy;
}

}  // namespace fnwarden::load::syntax
