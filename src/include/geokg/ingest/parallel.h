// The parallel pipeline behind `geokg ingest` and `geokg extract`: the calling thread reads
// articles and pushes them in order, N worker threads extract (one Extractor each: an
// Extractor is not thread-safe), and one consumer thread takes the results back in the
// order they were pushed, so a run with 8 workers writes exactly what a run with 1 writes.
//
//   reader (caller) --work queue--> workers 1..N --reorder buffer--> consumer (writer)
//
// Memory is bounded: Push blocks while `max_items` items or `max_bytes` bytes of article
// text are between Push and the end of their consumption, so a 10 GB JSON Lines file
// streams through a few megabytes.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/model.h"

namespace geokg {

// One article on its way through the pipeline.
struct WorkItem {
  uint64_t seq = 0;  // 0, 1, 2 ... in the order of Push
  Article article;

  // Set by the reader, read by the consumer.
  enum class Action {
    kExtract,    // extract it (on a worker), then consume
    kSkip,       // already stored: consume only
    kDuplicate,  // a near-duplicate of an earlier story: consume only
  };
  Action action = Action::kExtract;
  std::string hash;        // ContentHash of the text
  std::string story;       // kDuplicate: the ext_id of the story it repeats
  uint64_t story_seq = 0;  // kDuplicate: that story's seq
  uint64_t input_position = 0;  // input bytes read when the article was (for progress)

  // Set by the worker.
  Status status;
  Document doc;        // sentences dropped once extracted (the store does not need them)
  std::string output;  // extract: the JSON Lines to write
  uint64_t sentences = 0;

  // Set by the pipeline: the bytes this item counts against PipelineOptions::max_bytes.
  size_t charged_bytes = 0;
};

struct PipelineOptions {
  int jobs = 1;                          // worker threads (>= 1)
  size_t max_items = 64;                 // items in flight at most
  size_t max_bytes = size_t{64} << 20;   // article text in flight at most (one item may exceed it)
};

class OrderedPipeline {
 public:
  // Runs on worker `worker` (0 .. jobs-1) for every kExtract item.
  using WorkFn = std::function<void(int worker, WorkItem* item)>;
  // Runs on the consumer thread for every item, in seq order.
  using ConsumeFn = std::function<void(std::unique_ptr<WorkItem> item)>;
  // Runs once on each worker thread before any work, all workers at once (loading an
  // Extractor takes a while). A failure stops the pipeline (see Start).
  using InitFn = std::function<Status(int worker)>;
  // Runs on the consumer thread when it has waited `idle_ms` for the next item (once per
  // wait): a consumer that buffers items writes them out then.
  using IdleFn = std::function<void()>;

  OrderedPipeline(const PipelineOptions& options, WorkFn work, ConsumeFn consume);
  // Finishes (see Finish) if the caller did not.
  ~OrderedPipeline();
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  // Sets the idle callback (see IdleFn). Call before Start.
  void OnIdle(int idle_ms, IdleFn idle);

  // Starts the workers and the consumer and waits until every worker's `init` returned.
  // Returns the first failure among them (then the pipeline is finished and unusable).
  Status Start(const InitFn& init);

  // Hands `item` over (its seq is set here). Items that are not kExtract go straight to the
  // consumer's queue. Blocks while the pipeline is full. Returns false, dropping the item,
  // once a worker or the consumer has thrown (a broken invariant): stop pushing then.
  // Called from one thread only.
  bool Push(std::unique_ptr<WorkItem> item);

  // Waits until every pushed item was consumed and joins the threads, then rethrows the
  // first exception a worker or the consumer threw. Idempotent.
  void Finish();

  // Items pushed so far.
  uint64_t pushed() const { return next_seq_; }

 private:
  void WorkerLoop(int worker, const InitFn& init);
  void ConsumerLoop();

  const PipelineOptions options_;
  const WorkFn work_;
  const ConsumeFn consume_;
  IdleFn idle_;
  int idle_ms_ = 0;

  std::mutex mu_;
  std::condition_variable space_cv_;  // room for Push
  std::condition_variable work_cv_;   // work for the workers, or closing
  std::condition_variable done_cv_;   // the consumer's next item, or closing
  std::condition_variable init_cv_;   // a worker finished init
  std::deque<std::unique_ptr<WorkItem>> queue_;  // waiting for a worker, oldest first
  std::map<uint64_t, std::unique_ptr<WorkItem>> done_;  // by seq, waiting for the consumer
  size_t items_in_flight_ = 0;
  size_t bytes_in_flight_ = 0;
  uint64_t next_seq_ = 0;      // the seq Push gives next
  uint64_t next_consume_ = 0;  // the seq the consumer takes next
  bool closed_ = false;        // no more Push
  int inits_done_ = 0;
  Status init_status_;
  bool started_ = false;
  bool finished_ = false;
  std::exception_ptr failure_;  // the first exception of a worker or the consumer

  std::vector<std::thread> workers_;
  std::thread consumer_;
};

}  // namespace geokg
