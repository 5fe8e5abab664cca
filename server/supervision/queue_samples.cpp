#include "supervision/queue_samples.h"

#include <algorithm>
#include <charconv>

namespace kefu::supervision {

std::int64_t sample_minute(std::int64_t now_ms) {
  return now_ms - ((now_ms % kSampleEveryMs) + kSampleEveryMs) % kSampleEveryMs;
}

std::vector<v1::QueueSample> samples_of(const v1::DashboardUpdate& dashboard,
                                        std::int64_t minute_ms) {
  std::vector<v1::QueueSample> out;
  for (const auto& g : dashboard.groups()) {
    v1::QueueSample& s = out.emplace_back();
    s.set_at_ms(minute_ms);
    s.set_group(g.group());
    s.set_queued(g.queued());
    if (g.oldest_queued_at_ms() > 0)
      s.set_longest_wait_ms(std::max<std::int64_t>(0, minute_ms - g.oldest_queued_at_ms()));
    s.set_in_progress(g.in_progress());
  }
  return out;
}

std::string encode_sample(const v1::QueueSample& s) {
  return std::to_string(s.at_ms()) + '|' + s.group() + '|' + std::to_string(s.queued()) + '|' +
         std::to_string(s.longest_wait_ms()) + '|' + std::to_string(s.in_progress());
}

std::optional<v1::QueueSample> decode_sample(std::string_view member) {
  std::string_view parts[5];
  for (int i = 0; i < 5; ++i) {
    const auto bar = member.find('|');
    if ((bar == std::string_view::npos) != (i == 4)) return std::nullopt;
    parts[i] = member.substr(0, bar);
    if (bar != std::string_view::npos) member.remove_prefix(bar + 1);
  }
  std::int64_t numbers[4]{};
  const int at[4]{0, 2, 3, 4};
  for (int i = 0; i < 4; ++i) {
    const auto p = parts[at[i]];
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), numbers[i]);
    if (ec != std::errc{} || end != p.data() + p.size() || p.empty()) return std::nullopt;
  }
  v1::QueueSample s;
  s.set_at_ms(numbers[0]);
  s.set_group(std::string{parts[1]});
  s.set_queued(static_cast<std::int32_t>(numbers[1]));
  s.set_longest_wait_ms(numbers[2]);
  s.set_in_progress(static_cast<std::int32_t>(numbers[3]));
  return s;
}

}  // namespace kefu::supervision
