// Knobs of KnowledgeGraph::Load for tests (internal to the graph module and its tests).
#pragma once

#include <cstdint>
#include <functional>

namespace geokg::internal {

struct GraphLoadHooks {
  // Graphs with more relations than this read the upper half of them on a second thread,
  // through a second connection.
  int64_t two_readers_above = 200000;
  // Called on the loading thread after the first connection's snapshot has started and
  // before the second connection starts its own (when there is a second connection).
  std::function<void()> between_snapshots;
};

// The process's hooks; tests change them and put them back.
GraphLoadHooks& LoadHooks();

}  // namespace geokg::internal
