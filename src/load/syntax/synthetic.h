// Synthetic syntax nodes: what a frontend builds when it rewrites a source
// (SAM's merged Globals, the CloudFormation the Serverless Framework would
// deploy). Each node carries the position of the source text that caused it,
// so that findings on what a frontend generated point at the line the user
// wrote. Synthetic nodes may point at nodes of the user's documents; they
// live as long as the arena.
#ifndef FNWARDEN_LOAD_SYNTAX_SYNTHETIC_H_
#define FNWARDEN_LOAD_SYNTAX_SYNTHETIC_H_

#include <string_view>
#include <utility>
#include <vector>

#include "load/syntax/node.h"
#include "util/source.h"

namespace fnwarden::load::syntax {

// The tag of a synthetic scalar whose value fnwarden cannot know (a
// Serverless `${ssm:…}` variable, say); its text is what the user wrote, for
// display. Evaluators turn it into an unknown value. No parser produces this
// tag: YAML tags cannot hold a space.
inline constexpr std::string_view kUnknownTag = "!<fnwarden unknown>";

class NodeArena {
 public:
  // `file` is the source the nodes are about (what Document::file() gives
  // for a document built here); may be null.
  explicit NodeArena(const util::SourceFile* file = nullptr) : doc_(file) {}

  // A quoted (string) scalar.
  const Node* Scalar(std::string_view text, util::Loc loc);
  // A plain scalar: a number, a boolean or a string as YAML reads it.
  const Node* Plain(std::string_view text, util::Loc loc);
  // A scalar with a tag, e.g. Tagged("!Ref", "Fn", loc) or an unknown value.
  const Node* Tagged(std::string_view tag, std::string_view text, util::Loc loc);
  const Node* Unknown(std::string_view shown, util::Loc loc) {
    return Tagged(kUnknownTag, shown, loc);
  }
  const Node* Map(const std::vector<MapEntry>& entries, util::Loc loc);
  const Node* Seq(const std::vector<const Node*>& items, util::Loc loc);
  // A copy of `n` with another tag (e.g. a sequence tagged "!Sub").
  const Node* Retag(const Node* n, std::string_view tag);
  // A map entry whose key is a scalar at `loc`.
  MapEntry Entry(std::string_view key, const Node* value, util::Loc loc) {
    return {Scalar(key, loc), value};
  }

  // The document the nodes live in; a frontend that builds a whole tree
  // adds its root here and hands the document to the next stage.
  Document* doc() { return &doc_; }

 private:
  Document doc_;
};

}  // namespace fnwarden::load::syntax

#endif  // FNWARDEN_LOAD_SYNTAX_SYNTHETIC_H_
