#include "shifts/tzif.h"

namespace kefu::shifts {

namespace {

// Big-endian reads with bounds checks: a truncated file fails instead of overrunning.
struct Reader {
  std::string_view b;
  std::size_t i = 0;
  bool ok = true;

  bool need(std::size_t n) {
    if (!ok || b.size() - i < n) ok = false;
    return ok;
  }
  std::uint64_t be(std::size_t n) {
    if (!need(n)) return 0;
    std::uint64_t v = 0;
    for (std::size_t k = 0; k < n; ++k) v = (v << 8) | static_cast<unsigned char>(b[i + k]);
    i += n;
    return v;
  }
  void skip(std::uint64_t n) {
    if (need(n)) i += n;
  }
};

struct Header {
  char version = 0;
  std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

std::optional<Header> read_header(Reader& r) {
  if (!r.need(20) || r.b.substr(r.i, 4) != "TZif") return std::nullopt;
  Header h;
  h.version = r.b[r.i + 4];
  r.skip(20);
  h.isutcnt = static_cast<std::uint32_t>(r.be(4));
  h.isstdcnt = static_cast<std::uint32_t>(r.be(4));
  h.leapcnt = static_cast<std::uint32_t>(r.be(4));
  h.timecnt = static_cast<std::uint32_t>(r.be(4));
  h.typecnt = static_cast<std::uint32_t>(r.be(4));
  h.charcnt = static_cast<std::uint32_t>(r.be(4));
  if (!r.ok || h.typecnt == 0) return std::nullopt;
  return h;
}

std::size_t block_size(const Header& h, std::size_t time_size) {
  return h.timecnt * time_size + h.timecnt + h.typecnt * 6 + h.charcnt +
         h.leapcnt * (time_size + 4) + h.isstdcnt + h.isutcnt;
}

std::optional<TzifData> read_block(Reader& r, const Header& h, std::size_t time_size) {
  TzifData d;
  d.transitions.reserve(h.timecnt);
  for (std::uint32_t k = 0; k < h.timecnt; ++k) {
    std::uint64_t raw = r.be(time_size);
    d.transitions.push_back(time_size == 4 ? static_cast<std::int32_t>(raw)
                                           : static_cast<std::int64_t>(raw));
  }
  for (std::uint32_t k = 0; k < h.timecnt; ++k) {
    auto idx = static_cast<std::uint8_t>(r.be(1));
    if (idx >= h.typecnt) return std::nullopt;
    d.type_after.push_back(idx);
  }
  for (std::uint32_t k = 0; k < h.typecnt; ++k) {
    TzifData::LocalTimeType t;
    t.utc_offset_seconds = static_cast<std::int32_t>(static_cast<std::uint32_t>(r.be(4)));
    t.is_dst = r.be(1) != 0;
    r.skip(1);  // abbreviation index: Kefu shows IANA names, not abbreviations
    d.types.push_back(t);
  }
  r.skip(h.charcnt + h.leapcnt * (time_size + 4) + h.isstdcnt + h.isutcnt);
  if (!r.ok) return std::nullopt;
  for (std::size_t k = 1; k < d.transitions.size(); ++k) {
    if (d.transitions[k] <= d.transitions[k - 1]) return std::nullopt;
  }
  return d;
}

}  // namespace

std::optional<TzifData> parse_tzif(std::string_view bytes) {
  Reader r{bytes};
  auto v1 = read_header(r);
  if (!v1) return std::nullopt;
  if (v1->version == '\0') return read_block(r, *v1, 4);

  // Version 2+: skip the 32-bit block, read the 64-bit one and the footer.
  r.skip(block_size(*v1, 4));
  auto v2 = read_header(r);
  if (!v2) return std::nullopt;
  auto data = read_block(r, *v2, 8);
  if (!data) return std::nullopt;
  if (r.i < bytes.size() && bytes[r.i] == '\n') {
    auto end = bytes.find('\n', r.i + 1);
    if (end == std::string_view::npos) return std::nullopt;
    auto text = bytes.substr(r.i + 1, end - r.i - 1);
    if (!text.empty()) {
      data->footer = PosixTzRule::parse(text);
      if (!data->footer) return std::nullopt;
    }
  }
  return data;
}

}  // namespace kefu::shifts
