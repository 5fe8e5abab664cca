#pragma once
// The built web files (web/dist), read into memory once at start so serving them never
// touches the disk on an I/O thread. Read-only after load: shared by all workers.
#include <map>
#include <string>
#include <string_view>

namespace kefu::net {

struct StaticFile {
  std::string content_type;
  std::string body;
};

class StaticFiles {
 public:
  // Loads every file under root; returns how many. A missing root loads nothing.
  std::size_t load(const std::string& root);
  // "/" → "/index.html"; no file → nullptr. Paths with ".." never match.
  const StaticFile* find(std::string_view path) const;

 private:
  std::map<std::string, StaticFile, std::less<>> files_;
};

std::string_view content_type_for(std::string_view path);

}  // namespace kefu::net
