#include "net/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kefu::net {

std::string_view content_type_for(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".wav")) return "audio/wav";
  if (ends(".mp3")) return "audio/mpeg";
  if (ends(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

std::size_t StaticFiles::load(const std::string& root) {
  namespace fs = std::filesystem;
  files_.clear();
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return 0;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    std::string rel = "/" + fs::relative(it->path(), root).generic_string();
    files_[rel] = StaticFile{std::string{content_type_for(rel)}, body.str()};
  }
  return files_.size();
}

const StaticFile* StaticFiles::find(std::string_view path) const {
  if (path.find("..") != std::string_view::npos) return nullptr;
  if (path.empty() || path == "/") path = "/index.html";
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace kefu::net
