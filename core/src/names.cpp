// The name tables of the core's enumerations (see names.hpp): each row is written once here.
#include "taoquote/names.hpp"

namespace taoquote {
namespace {

template <class E, std::size_t N> NameTable<E> table(const EnumName<E> (&rows)[N]) noexcept {
  return {rows, N};
}

constexpr EnumName<ErrorCode> error_codes[] = {
    {ErrorCode::invalid_json, "INVALID_JSON"},
    {ErrorCode::invalid_field, "INVALID_FIELD"},
    {ErrorCode::invalid_amount, "INVALID_AMOUNT"},
    {ErrorCode::invalid_instant, "INVALID_INSTANT"},
    {ErrorCode::unknown_currency, "UNKNOWN_CURRENCY"},
    {ErrorCode::unknown_country, "UNKNOWN_COUNTRY"},
    {ErrorCode::duplicate_id, "DUPLICATE_ID"},
    {ErrorCode::tiers_out_of_order, "TIERS_OUT_OF_ORDER"},
    {ErrorCode::overlapping_dates, "OVERLAPPING_DATES"},
    {ErrorCode::rulebook_invalid, "RULEBOOK_INVALID"},
    {ErrorCode::unsupported_schema, "UNSUPPORTED_SCHEMA"},
    {ErrorCode::limit_exceeded, "LIMIT_EXCEEDED"},
    {ErrorCode::overflow, "OVERFLOW"},
    {ErrorCode::unknown_seller, "UNKNOWN_SELLER"},
    {ErrorCode::unknown_line, "UNKNOWN_LINE"},
    {ErrorCode::unsupported_destination, "UNSUPPORTED_DESTINATION"},
    {ErrorCode::no_offer, "NO_OFFER"},
    {ErrorCode::below_moq, "BELOW_MOQ"},
    {ErrorCode::no_eligible_line, "NO_ELIGIBLE_LINE"},
    {ErrorCode::line_ineligible, "LINE_INELIGIBLE"},
    {ErrorCode::fx_rate_missing, "FX_RATE_MISSING"},
    {ErrorCode::fx_stale, "FX_STALE"},
    {ErrorCode::duty_rate_missing, "DUTY_RATE_MISSING"},
    {ErrorCode::tax_rate_missing, "TAX_RATE_MISSING"},
    {ErrorCode::invalid_argument, "INVALID_ARGUMENT"},
    {ErrorCode::internal, "INTERNAL"},
};
constexpr EnumName<ErrorDoc> error_docs[] = {
    {ErrorDoc::rulebook, "rulebook"},
    {ErrorDoc::request, "request"},
};
constexpr EnumName<RoundingMode> rounding_modes[] = {
    {RoundingMode::half_up, "half_up"}, {RoundingMode::half_even, "half_even"},
    {RoundingMode::up, "up"},           {RoundingMode::down, "down"},
    {RoundingMode::ceiling, "ceiling"}, {RoundingMode::floor, "floor"},
};
constexpr EnumName<Choose> choose_modes[] = {
    {Choose::landed, "landed"},
    {Choose::fastest, "fastest"},
    {Choose::cheapest_freight, "cheapest_freight"},
};
constexpr EnumName<Split> split_modes[] = {
    {Split::never, "never"},
    {Split::when_needed, "when_needed"},
    {Split::when_cheaper, "when_cheaper"},
};
constexpr EnumName<ParcelAssessment> parcel_assessments[] = {
    {ParcelAssessment::together, "together"},
    {ParcelAssessment::separately, "separately"},
};
constexpr EnumName<Platform> platforms[] = {
    {Platform::p1688, "1688"},
    {Platform::taobao, "taobao"},
    {Platform::pinduoduo, "pinduoduo"},
};
constexpr EnumName<LineMode> line_modes[] = {
    {LineMode::courier, "courier"},
    {LineMode::postal, "postal"},
    {LineMode::freight, "freight"},
};
constexpr EnumName<StalePolicy> stale_policies[] = {
    {StalePolicy::warn, "warn"},
    {StalePolicy::error, "error"},
};
constexpr EnumName<Threshold::Basis> threshold_bases[] = {
    {Threshold::Basis::goods, "goods"},
    {Threshold::Basis::customs_value, "customs_value"},
};
constexpr EnumName<Component> components[] = {
    {Component::customs_value, "customs_value"},
    {Component::goods, "goods"},
    {Component::seller_shipping, "seller_shipping"},
    {Component::freight, "freight"},
    {Component::insurance, "insurance"},
    {Component::duty, "duty"},
    {Component::fees, "fees"},
};
constexpr EnumName<Valuation::Basis> valuation_bases[] = {
    {Valuation::Basis::fob, "fob"},
    {Valuation::Basis::cif, "cif"},
    {Valuation::Basis::price_rate, "price_rate"},
};
constexpr EnumName<Pricing::Kind> pricing_kinds[] = {
    {Pricing::Kind::first_continued, "first_continued"},
    {Pricing::Kind::brackets, "brackets"},
    {Pricing::Kind::per_kg, "per_kg"},
};
constexpr EnumName<Surcharge::Kind> surcharge_kinds[] = {
    {Surcharge::Kind::rate, "rate"},
    {Surcharge::Kind::fixed, "fixed"},
    {Surcharge::Kind::attribute, "attribute"},
};

constexpr EnumName<Collect> collects[] = {
    {Collect::checkout, "checkout"},
    {Collect::delivery, "delivery"},
};

} // namespace

template <> NameTable<Collect> names_of<Collect>() noexcept {
  return table(collects);
}
template <> NameTable<ErrorCode> names_of<ErrorCode>() noexcept {
  return table(error_codes);
}
template <> NameTable<ErrorDoc> names_of<ErrorDoc>() noexcept {
  return table(error_docs);
}
template <> NameTable<RoundingMode> names_of<RoundingMode>() noexcept {
  return table(rounding_modes);
}
template <> NameTable<Choose> names_of<Choose>() noexcept {
  return table(choose_modes);
}
template <> NameTable<Split> names_of<Split>() noexcept {
  return table(split_modes);
}
template <> NameTable<ParcelAssessment> names_of<ParcelAssessment>() noexcept {
  return table(parcel_assessments);
}
template <> NameTable<Platform> names_of<Platform>() noexcept {
  return table(platforms);
}
template <> NameTable<LineMode> names_of<LineMode>() noexcept {
  return table(line_modes);
}
template <> NameTable<StalePolicy> names_of<StalePolicy>() noexcept {
  return table(stale_policies);
}
template <> NameTable<Threshold::Basis> names_of<Threshold::Basis>() noexcept {
  return table(threshold_bases);
}
template <> NameTable<Component> names_of<Component>() noexcept {
  return table(components);
}
template <> NameTable<Valuation::Basis> names_of<Valuation::Basis>() noexcept {
  return table(valuation_bases);
}
template <> NameTable<Pricing::Kind> names_of<Pricing::Kind>() noexcept {
  return table(pricing_kinds);
}
template <> NameTable<Surcharge::Kind> names_of<Surcharge::Kind>() noexcept {
  return table(surcharge_kinds);
}

std::string_view error_code_name(ErrorCode code) noexcept {
  const std::string_view name = name_of(code);
  return name.empty() ? "INTERNAL" : name;
}

std::string_view error_doc_name(ErrorDoc doc) noexcept {
  return name_of(doc);
}

} // namespace taoquote
