#include "orders/note_store.h"

#include <google/protobuf/util/json_util.h>

#include <array>

#include "chat/store_replies.h"
#include "core/keys.h"

namespace kefu::orders {

namespace lua {
extern const std::string_view save_note;
extern const std::string_view read_notes;
}  // namespace lua

namespace {

using redis::Reply;

const redis::Script& save_script() {
  static const redis::Script script{std::string{lua::save_note}};
  return script;
}

const redis::Script& read_script() {
  static const redis::Script script{std::string{lua::read_notes}};
  return script;
}

// {id, order, text, flag, author, created_at, edited_by, edited_at, version} as the scripts
// return it.
v1::OrderNote note_of(const Reply& r, std::size_t from = 0) {
  v1::OrderNote n;
  n.set_id(std::string{chat::str_at(r, from)});
  n.set_order_id(std::string{chat::str_at(r, from + 1)});
  n.set_text(std::string{chat::str_at(r, from + 2)});
  const auto flag = static_cast<int>(chat::int_at(r, from + 3));
  n.set_flag(v1::NoteFlag_IsValid(flag) ? static_cast<v1::NoteFlag>(flag)
                                        : v1::NOTE_FLAG_UNSPECIFIED);
  n.set_author_id(std::string{chat::str_at(r, from + 4)});
  n.set_created_at_ms(chat::int_at(r, from + 5));
  n.set_edited_by(std::string{chat::str_at(r, from + 6)});
  n.set_edited_at_ms(chat::int_at(r, from + 7));
  n.set_version(static_cast<std::int32_t>(chat::int_at(r, from + 8)));
  return n;
}

}  // namespace

void NoteStore::save(const std::string& shop_id, const NoteWrite& w,
                     std::function<void(NoteSaveResult)> done) {
  const std::string key = keys::order(shop_id, w.order_id), prefix = chat::prefix_of(shop_id),
                    flag = std::to_string(static_cast<int>(w.flag)),
                    now = std::to_string(clock_.now_ms()),
                    expected = std::to_string(w.expected_version);
  const std::array<std::string_view, 1> k{key};  // names the shop's slot
  const std::array<std::string_view, 8> a{prefix, w.note_id, w.order_id, w.text,
                                          flag,   w.who,     now,        expected};
  save_script().call(redis_, k, a, [done = std::move(done)](const Reply& r) {
    NoteSaveResult out;
    if (r.is_error() || r.elements.size() != 11) {
      out.error = r.is_error() ? chat::error_of(r) : chat::StoreError::Internal;
      return done(std::move(out));
    }
    out.note = note_of(r, 1);
    out.serving_agent = std::string{chat::str_at(r, 10)};
    if (chat::str_at(r, 0) == "conflict") out.error = chat::StoreError::Conflict;
    done(std::move(out));
  });
}

void NoteStore::notes_of(
    const std::string& shop_id, const std::vector<std::string>& order_ids,
    std::function<void(chat::StoreError, std::vector<std::vector<v1::OrderNote>>)> done) {
  if (order_ids.empty()) return done(chat::StoreError::None, {});
  const std::string key = keys::shop_key(shop_id, "note-seq"), prefix = chat::prefix_of(shop_id);
  const std::array<std::string_view, 1> k{key};
  std::vector<std::string_view> args{prefix, ""};
  for (const auto& id : order_ids) args.push_back(id);
  read_script().call(
      redis_, k, args, [n = order_ids.size(), done = std::move(done)](const Reply& r) {
        if (r.is_error() || r.elements.size() != n + 1)
          return done(r.is_error() ? chat::error_of(r) : chat::StoreError::Internal, {});
        std::vector<std::vector<v1::OrderNote>> out(n);
        for (std::size_t i = 0; i < n; ++i)
          for (const Reply& note : r.elements[i].elements) out[i].push_back(note_of(note));
        done(chat::StoreError::None, std::move(out));
      });
}

void NoteStore::history(
    const std::string& shop_id, const std::string& note_id,
    std::function<void(chat::StoreError, v1::OrderNote, std::vector<v1::NoteRevision>)> done) {
  const std::string key = keys::shop_key(shop_id, "note-seq"), prefix = chat::prefix_of(shop_id);
  const std::array<std::string_view, 1> k{key};
  const std::array<std::string_view, 2> a{prefix, note_id};
  read_script().call(redis_, k, a, [done = std::move(done)](const Reply& r) {
    if (r.is_error() || r.elements.size() != 2)
      return done(r.is_error() ? chat::error_of(r) : chat::StoreError::Internal, {}, {});
    if (r.elements[0].elements.empty()) return done(chat::StoreError::NotFound, {}, {});
    std::vector<v1::NoteRevision> revisions;
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    for (const Reply& json : r.elements[1].elements) {
      v1::NoteRevision rev;
      if (google::protobuf::util::JsonStringToMessage(json.str, &rev, options).ok())
        revisions.push_back(std::move(rev));
    }
    done(chat::StoreError::None, note_of(r.elements[0].elements[0]), std::move(revisions));
  });
}

}  // namespace kefu::orders
