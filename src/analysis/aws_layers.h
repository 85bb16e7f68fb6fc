// The AWS accounts that publish well-known Lambda layers, per region: AWS's
// own (Lambda Insights, the AWS Parameters and Secrets extension, the AWS
// AppConfig extension, the AWS Distro for OpenTelemetry, Powertools for AWS
// Lambda), whose accounts differ from region to region, and a few vendors
// that publish from one account everywhere.
//
// A layer from one of these accounts is a known dependency, not a stranger's
// code, whatever region its ARN names (an account is AWS's everywhere if it
// is in one region). The rows keep the regions of AWS's tables so that the
// table can be checked against them line by line. AWS adds regions and
// accounts, so the table carries the date it was checked, which `fnwarden
// rules` and `fnwarden --version` print.
//
// Constant data and pure functions: thread-safe.
#ifndef FNWARDEN_ANALYSIS_AWS_LAYERS_H_
#define FNWARDEN_ANALYSIS_AWS_LAYERS_H_

#include <span>
#include <string_view>

namespace fnwarden::analysis {

struct LayerPublisher {
  std::string_view account;
  std::string_view publisher;  // "AWS AppConfig extension", "Datadog"
  // The regions (space-separated) where AWS documents layers of this
  // account; "*" for a vendor that publishes from it in every region.
  std::string_view regions;
};

// The date the table was checked against its sources ("2026-12-05").
std::string_view LayerTableDate();
std::span<const LayerPublisher> LayerPublishers();

// The publisher of the layers of `account`; empty when the table does not
// list the account.
std::string_view KnownLayerPublisher(std::string_view account);

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_AWS_LAYERS_H_
