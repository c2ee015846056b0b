#include "adapters/fhir/operation_outcome.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <variant>

namespace samsag::adapters::fhir {

std::string operation_outcome_json(const std::vector<OutcomeIssue>& issues) {
  boost::json::array list;
  for (const OutcomeIssue& issue : issues) {
    boost::json::object item;
    item["severity"] = issue.severity;
    item["code"] = issue.code;
    if (!issue.diagnostics.empty()) item["diagnostics"] = issue.diagnostics;
    if (!issue.expression.empty()) {
      boost::json::array expressions;
      for (const std::string& expression : issue.expression) expressions.emplace_back(expression);
      item["expression"] = std::move(expressions);
    }
    list.emplace_back(std::move(item));
  }
  if (list.empty()) {
    list.emplace_back(boost::json::object{{"severity", "information"}, {"code", "informational"}});
  }
  boost::json::object outcome;
  outcome["resourceType"] = "OperationOutcome";
  outcome["issue"] = std::move(list);
  return boost::json::serialize(outcome);
}

std::string_view issue_type_for(samsag::v1::DeadLetterReason reason) {
  switch (reason) {
    case samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE:
    case samsag::v1::DEAD_LETTER_REASON_BAD_ENCODING:
      return "structure";
    case samsag::v1::DEAD_LETTER_REASON_MISSING_CPR:
    case samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD:
      return "required";
    case samsag::v1::DEAD_LETTER_REASON_INVALID_CPR:
    case samsag::v1::DEAD_LETTER_REASON_INVALID_DATE:
    case samsag::v1::DEAD_LETTER_REASON_INVALID_VALUE:
      return "value";
    case samsag::v1::DEAD_LETTER_REASON_UNKNOWN_EVENT_TYPE:
      return "not-supported";
    case samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY:
      return "business-rule";
    case samsag::v1::DEAD_LETTER_REASON_TOO_LARGE:
      return "too-long";
    default:
      return "invalid";
  }
}

std::vector<OutcomeIssue> issues_for(const FhirParse& parse) {
  std::vector<OutcomeIssue> issues;
  for (const ParsedRecord& record : parse.parsed.records) {
    const auto* rejection = std::get_if<Rejection>(&record);
    if (rejection == nullptr) continue;
    OutcomeIssue issue;
    issue.code = std::string(issue_type_for(rejection->reason));
    issue.diagnostics = rejection->message;
    if (!rejection->field.empty() && !parse.body_resource_type.empty()) {
      issue.expression.push_back(parse.body_resource_type + "." + rejection->field);
    }
    issues.push_back(std::move(issue));
  }
  return issues;
}

}  // namespace samsag::adapters::fhir
