// Lambda's managed runtimes and the dates on which AWS deprecates them, as
// the "Lambda runtimes" page of the AWS Lambda Developer Guide lists them
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
//
// After the deprecation date a runtime gets no security patches; later AWS
// blocks creating functions that use it, then updating them. AWS moves the
// block dates (it postponed most of them in 2025 and 2026), so the table
// carries the date of the page it was taken from: `fnwarden rules` and
// `fnwarden --version` print it, and a stale table shows.
//
// Everything here is constant data and pure functions: thread-safe.
#ifndef FNWARDEN_ANALYSIS_RUNTIMES_H_
#define FNWARDEN_ANALYSIS_RUNTIMES_H_

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace fnwarden::analysis {

struct RuntimeDates {
  std::string_view id;  // "nodejs20.x"
  std::chrono::year_month_day deprecated;
  // When AWS blocks creating, then updating, functions with the runtime;
  // nullopt where the page gives no date.
  std::optional<std::chrono::year_month_day> block_create;
  std::optional<std::chrono::year_month_day> block_update;
  std::string_view successor;  // the newest runtime of the same language
};

// The month of the AWS page the table was taken from ("2026-10").
std::string_view RuntimeTableDate();
// Every runtime of the table, supported and deprecated, in the page's order.
std::span<const RuntimeDates> RuntimeTable();
// The runtime's entry; null for an identifier the table does not list.
const RuntimeDates* FindRuntime(std::string_view id);

enum class RuntimeStatus : uint8_t {
  kSupported,       // deprecated more than kDeprecationNotice from `today`, or never
  kDeprecatedSoon,  // deprecated within kDeprecationNotice of `today`
  kDeprecated,      // deprecated on or before `today`
};
inline constexpr std::chrono::days kDeprecationNotice{180};

// Where `runtime` stands on `today` (a UTC date).
RuntimeStatus StatusOn(const RuntimeDates& runtime, std::chrono::sys_days today);

// "2026-04-30".
std::string FormatDate(std::chrono::year_month_day date);

// The dates of the dated tables fnwarden's verdicts rest on, for `fnwarden
// --version` and `fnwarden rules`: "data: Lambda runtimes as of 2026-10
// (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), AWS layer
// accounts as of 2026-12-05".
std::string DataTablesLine();

}  // namespace fnwarden::analysis

#endif  // FNWARDEN_ANALYSIS_RUNTIMES_H_
