#include "chat/shop_kpi_rules.h"

#include <charconv>

#include "shifts/local_time.h"

namespace kefu::chat {

std::optional<std::pair<unsigned, unsigned>> parse_month_day(std::string_view text) {
  unsigned m = 0, d = 0;
  if (text.size() != 5 || text[2] != '-') return std::nullopt;
  auto a = std::from_chars(text.data(), text.data() + 2, m);
  auto b = std::from_chars(text.data() + 3, text.data() + 5, d);
  if (a.ec != std::errc{} || b.ec != std::errc{} || a.ptr != text.data() + 2 ||
      b.ptr != text.data() + 5)
    return std::nullopt;
  const std::chrono::month_day md{std::chrono::month{m}, std::chrono::day{d}};
  if (!md.ok()) return std::nullopt;
  return std::pair{m, d};
}

namespace {

void apply_weights(kpi::ScoreTemplate& t,
                   const google::protobuf::RepeatedPtrField<v1::ScorePartWeight>& weights,
                   const std::string& where, std::vector<std::string>& problems) {
  if (weights.empty()) return;
  for (const auto& w : weights) {
    auto part = std::find_if(t.parts.begin(), t.parts.end(),
                             [&](const kpi::ScorePart& p) { return p.id == w.part(); });
    if (part == t.parts.end()) {
      problems.push_back(where + ": no part \"" + w.part() + "\" on the " + t.id + " scorecard");
      continue;
    }
    part->max_tenths = static_cast<std::int32_t>(w.points_tenths());
  }
  for (const auto& p : kpi::validate(t)) problems.push_back(where + ": " + p);
}

}  // namespace

ShopKpiRules build_shop_kpi_rules(const v1::Shop& shop, std::vector<std::string>& problems) {
  ShopKpiRules r;
  const v1::KpiConfig& c = shop.kpi();
  const std::string where = "shop " + shop.id() + " kpi";
  auto time_of_day = [&](const std::string& text, std::chrono::minutes fallback,
                         const char* field) {
    if (text.empty()) return fallback;
    auto t = shifts::parse_time_of_day(text);
    if (!t) {
      problems.push_back(where + "." + field + ": \"" + text + "\" is not HH:MM");
      return fallback;
    }
    return *t;
  };
  r.settings.window.start = time_of_day(c.window_start(), r.settings.window.start, "windowStart");
  r.settings.window.end = time_of_day(c.window_end(), r.settings.window.end, "windowEnd");
  if (!kpi::is_valid(r.settings.window))
    problems.push_back(where + ": the assessment window must start before it ends");
  if (c.fast_reply_seconds() > 0)
    r.settings.fast_reply = std::chrono::seconds{c.fast_reply_seconds()};
  if (c.slow_reply_seconds() > 0)
    r.settings.slow_reply = std::chrono::seconds{c.slow_reply_seconds()};
  if (r.settings.slow_reply < r.settings.fast_reply)
    problems.push_back(where + ": slowReplySeconds must not be below fastReplySeconds");
  if (c.reply_rate_max_wait_seconds() > 0)
    r.settings.reply_rate_max_wait = std::chrono::seconds{c.reply_rate_max_wait_seconds()};
  if (c.conversion_next_day_days() > 0)
    r.settings.conversion_next_day_days = static_cast<int>(c.conversion_next_day_days());
  if (c.conversion_final_days() > 0)
    r.settings.conversion_final_days = static_cast<int>(c.conversion_final_days());
  if (r.settings.conversion_final_days < r.settings.conversion_next_day_days ||
      r.settings.conversion_final_days > 31)
    problems.push_back(where + ": conversionFinalDays must be between the next-day days and 31");

  apply_weights(r.presale, c.presale_weights(), where + ".presaleWeights", problems);
  apply_weights(r.aftersale, c.aftersale_weights(), where + ".aftersaleWeights", problems);

  if (!c.commission_bands().empty()) {
    r.bands.clear();
    for (const auto& b : c.commission_bands()) {
      if (b.min_score_tenths() > 1000 || b.rate_bp() > 10000)
        problems.push_back(where + ".commissionBands: a score above 100 or a rate above 100%");
      r.bands.push_back({static_cast<std::int32_t>(b.min_score_tenths()),
                         static_cast<std::int32_t>(b.rate_bp())});
    }
  }
  if (!c.blackouts().empty()) {
    r.blackouts.clear();
    for (const auto& b : c.blackouts()) {
      auto start = parse_month_day(b.start()), end = parse_month_day(b.end());
      if (!start || !end || *end < *start) {
        problems.push_back(where + ".blackouts: \"" + b.name() +
                           "\" needs start and end as MM-DD, in order, within one year");
        continue;
      }
      r.blackouts.push_back(
          {b.name(), start->first, start->second, end->first, end->second, std::nullopt});
    }
  }
  return r;
}

}  // namespace kefu::chat
