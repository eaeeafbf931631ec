// A small, strict JSON parser for one line at a time, built for `geokg load`: it fills a flat
// array of nodes that point into the line (strings with escapes are decoded into a buffer
// the parser owns), with no allocation once its buffers have grown. Internal to geokg_graph.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace geokg::internal {

class JsonLine {
 public:
  enum class Kind : uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };

  struct Node {
    Kind kind;
    uint32_t end;          // the index after this node's subtree (children are in between)
    std::string_view key;  // the member name when the parent is an object
    std::string_view text; // strings: decoded text; numbers: the literal
  };

  // Parses `line` (one JSON value; surrounding white space allowed). Returns false, with
  // error() saying why and where, on malformed JSON, invalid UTF-8 in a string, or nesting
  // deeper than 64. Nodes and their views stay valid until the next Parse and as long as
  // `line` does.
  bool Parse(std::string_view line);

  const std::string& error() const { return error_; }
  const Node& node(uint32_t i) const { return nodes_[i]; }
  uint32_t size() const { return static_cast<uint32_t>(nodes_.size()); }

  // The member `name` of object node `obj`, or UINT32_MAX when absent (or `obj` is not an
  // object). Linear in the number of members.
  uint32_t Find(uint32_t obj, std::string_view name) const;

  // Children of array/object node `i`: first is i + 1, the next after c is node(c).end,
  // stop at node(i).end.

  // Number nodes as integers or doubles. False when `i` is not a number of that kind.
  bool Int(uint32_t i, int64_t* out) const;
  bool Double(uint32_t i, double* out) const;

 private:
  bool Value(int depth);
  bool String(std::string_view* out);
  bool Number();
  bool Fail(const char* what);
  void SkipSpace() {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t' ||
                                   line_[pos_] == '\n' || line_[pos_] == '\r'))
      ++pos_;
  }

  std::string_view line_;
  size_t pos_ = 0;
  std::vector<Node> nodes_;
  std::string decoded_;  // reserved to the line's size, so views into it stay put
  std::string error_;
};

}  // namespace geokg::internal
