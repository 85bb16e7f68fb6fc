// Each resource's ARN and name as deployed (Resource::deployed_arn,
// deployed_name, ref_attribute): what CloudFormation names a resource of
// each type, so that the analyses need no table of their own.
#include "load/cfn/names.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "load/cfn/resources_internal.h"
#include "util/thread_pool.h"

namespace fnwarden::load::cfn {

namespace {

using model::Attribute;
using model::Piece;

// The name pieces: the name as written when known, its pieces when built
// from references, otherwise the name CloudFormation generates, which only
// a reference to the resource itself can stand for.
std::vector<Piece> NamePieces(const model::Resource& r, const model::String& name) {
  if (name.known() && !name.value.empty()) return {Piece::Text(name.value)};
  if (name.unknown() && !name.pieces.empty()) return name.pieces;
  return {Piece::Of(r.id, Attribute::kName)};
}

model::String Unknown(std::vector<Piece> pieces, util::Loc at) {
  model::String out = model::String::Unknown(at);
  out.value = model::DisplayPieces(pieces);
  out.pieces = std::move(pieces);
  return out;
}

// "arn:${partition}:<service>:<region>:<account>:<rest><name><tail>", the
// region and account left out for a global service.
model::String Arn(const model::Resource& r, std::string_view service, bool regional,
                  std::string_view rest, const std::vector<Piece>& name, std::string_view tail) {
  std::vector<Piece> p;
  model::AppendPiece(&p, Piece::Text("arn:"));
  model::AppendPiece(&p, Piece::Deployment(Piece::Kind::kPartition));
  model::AppendPiece(&p, Piece::Text(":" + std::string(service) + ":"));
  if (regional) model::AppendPiece(&p, Piece::Deployment(Piece::Kind::kRegion));
  model::AppendPiece(&p, Piece::Text(":"));
  if (regional || service == "iam") model::AppendPiece(&p, Piece::Deployment(Piece::Kind::kAccount));
  model::AppendPiece(&p, Piece::Text(":" + std::string(rest)));
  for (const Piece& piece : name) model::AppendPiece(&p, piece);
  model::AppendPiece(&p, Piece::Text(std::string(tail)));
  return Unknown(std::move(p), r.loc);
}

// Gives `r` its name and ARN: `name` as written (or absent), the ARN
// "arn:...:<service>:...:<rest><name><tail>".
void Name(model::Resource* r, const model::String& name, std::string_view service, bool regional,
          std::string_view rest, Attribute ref, std::string_view tail = "") {
  std::vector<Piece> pieces = NamePieces(*r, name);
  r->deployed_name = name.known() && !name.value.empty() ? name : Unknown(pieces, r->loc);
  r->deployed_arn = Arn(*r, service, regional, rest, pieces, tail);
  r->ref_attribute = ref;
}

// Calls name(r) for every resource of `list`, in runs side by side when
// the list is long enough to pay for the threads (internal::Runs).
template <class T, class Fn>
void Each(std::vector<T>& list, unsigned jobs, const Fn& name) {
  using internal::kRun;
  const size_t n = list.size();
  const size_t runs = internal::Runs(n, jobs);
  if (runs == 0) {
    for (T& r : list) name(r);
    return;
  }
  util::ParallelFor(runs, jobs, [&](size_t k) {
    for (size_t i = k * kRun; i < std::min(n, (k + 1) * kRun); ++i) name(list[i]);
  });
}

}  // namespace

void NameResources(model::Model* m, unsigned jobs) {
  const model::String none;
  for (auto& b : m->buckets) Name(&b, b.bucket_name, "s3", false, "", Attribute::kName);
  for (auto& t : m->tables) Name(&t, t.table_name, "dynamodb", true, "table/", Attribute::kName);
  Each(m->queues, jobs,
       [](model::Queue& q) { Name(&q, q.queue_name, "sqs", true, "", Attribute::kUrl); });
  for (auto& t : m->topics) Name(&t, t.topic_name, "sns", true, "", Attribute::kArn);
  Each(m->functions, jobs, [](model::Function& f) {
    Name(&f, f.function_name, "lambda", true, "function:", Attribute::kName);
  });
  Each(m->roles, jobs,
       [](model::Role& r) { Name(&r, r.role_name, "iam", false, "role/", Attribute::kName); });
  for (auto& u : m->users) Name(&u, u.user_name, "iam", false, "user/", Attribute::kName);
  for (auto& s : m->secrets) {
    // A secret's ARN ends in a random suffix AWS adds to its name.
    Name(&s, none, "secretsmanager", true, "secret:", Attribute::kArn);
    s.deployed_arn.pieces.push_back({Piece::Kind::kGenerated, Attribute::kRef, "-AbCdEf"});
    s.deployed_arn.value = model::DisplayPieces(s.deployed_arn.pieces);
  }
  for (auto& p : m->ssm_parameters) {
    // "/app/key" is the ARN's "parameter/app/key".
    model::String name = p.name;
    if (name.known() && name.value.starts_with('/')) name.value.erase(0, 1);
    Name(&p, name, "ssm", true, "parameter/", Attribute::kName);
    if (p.name.known()) p.deployed_name = p.name;
  }
  for (auto& k : m->keys) Name(&k, none, "kms", true, "key/", Attribute::kId);
  Each(m->log_groups, jobs, [](model::LogGroup& g) {
    Name(&g, g.log_group_name, "logs", true, "log-group:", Attribute::kName, ":*");
  });
  for (auto& s : m->state_machines) {
    Name(&s, none, "states", true, "stateMachine:", Attribute::kArn);
  }
  for (auto& e : m->event_buses) Name(&e, e.name, "events", true, "event-bus/", Attribute::kName);
}

}  // namespace fnwarden::load::cfn
