// The helpers of value.h.
#include "model/value.h"

namespace fnwarden::model {

const char* AttributeName(Attribute a) {
  switch (a) {
    case Attribute::kRef: return "ref";
    case Attribute::kArn: return "arn";
    case Attribute::kName: return "name";
    case Attribute::kId: return "id";
    case Attribute::kUrl: return "url";
    case Attribute::kStreamArn: return "stream_arn";
  }
  return "ref";
}

void AppendPiece(std::vector<Piece>* pieces, Piece p) {
  if (p.kind == Piece::Kind::kText) {
    if (p.text.empty()) return;
    if (!pieces->empty() && pieces->back().kind == Piece::Kind::kText) {
      pieces->back().text += p.text;
      return;
    }
  }
  pieces->push_back(std::move(p));
}

std::string DisplayPieces(const std::vector<Piece>& pieces) {
  std::string out;
  for (const Piece& p : pieces) {
    switch (p.kind) {
      case Piece::Kind::kText:
      case Piece::Kind::kOpaque:
        out += p.text;
        break;
      case Piece::Kind::kResource:
        out += "${" + p.text + "." + AttributeName(p.attribute) + "}";
        break;
      case Piece::Kind::kAccount: out += "${account}"; break;
      case Piece::Kind::kRegion: out += "${region}"; break;
      case Piece::Kind::kPartition: out += "${partition}"; break;
      case Piece::Kind::kUrlSuffix: out += "${url_suffix}"; break;
      case Piece::Kind::kGenerated: out += "${generated}"; break;
    }
  }
  return out;
}

}  // namespace fnwarden::model
