#include "geokg/ingest/parallel.h"

#include <chrono>
#include <utility>

namespace geokg {

OrderedPipeline::OrderedPipeline(const PipelineOptions& options, WorkFn work, ConsumeFn consume)
    : options_(options), work_(std::move(work)), consume_(std::move(consume)) {
  GEOKG_ASSERT(options_.jobs >= 1);
  GEOKG_ASSERT(options_.max_items >= 1);
}

OrderedPipeline::~OrderedPipeline() {
  // Never throw from a destructor: a failure not collected by Finish is dropped.
  try {
    Finish();
  } catch (...) {
  }
}

void OrderedPipeline::OnIdle(int idle_ms, IdleFn idle) {
  GEOKG_ASSERT(!started_ && idle_ms > 0);
  idle_ms_ = idle_ms;
  idle_ = std::move(idle);
}

Status OrderedPipeline::Start(const InitFn& init) {
  GEOKG_ASSERT(!started_);
  started_ = true;
  for (int w = 0; w < options_.jobs; ++w) {
    workers_.emplace_back([this, w, &init] { WorkerLoop(w, init); });
  }
  consumer_ = std::thread([this] { ConsumerLoop(); });
  Status st;
  {
    std::unique_lock<std::mutex> lock(mu_);
    init_cv_.wait(lock, [&] { return inits_done_ == options_.jobs; });
    st = init_status_;
  }
  if (!st.ok()) Finish();
  return st;
}

void OrderedPipeline::WorkerLoop(int worker, const InitFn& init) {
  Status st;
  try {
    st = init(worker);
  } catch (...) {
    st = Status::IoError("worker initialisation failed");
    std::lock_guard<std::mutex> lock(mu_);
    if (!failure_) failure_ = std::current_exception();
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!st.ok() && init_status_.ok()) init_status_ = st;
    ++inits_done_;
  }
  init_cv_.notify_all();
  if (!st.ok()) return;
  while (true) {
    std::unique_ptr<WorkItem> item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return !queue_.empty() || closed_; });
      if (queue_.empty()) return;
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      work_(worker, item.get());
    } catch (...) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!failure_) failure_ = std::current_exception();
      }
      space_cv_.notify_all();
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_.emplace(item->seq, std::move(item));
    }
    done_cv_.notify_one();
  }
}

void OrderedPipeline::ConsumerLoop() {
  bool idle_called = false;
  while (true) {
    std::unique_ptr<WorkItem> item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      auto ready = [&] {
        return done_.count(next_consume_) > 0 || (closed_ && next_consume_ == next_seq_);
      };
      if (idle_ && !idle_called &&
          !done_cv_.wait_for(lock, std::chrono::milliseconds(idle_ms_), ready)) {
        idle_called = true;
        const bool failed = failure_ != nullptr;
        lock.unlock();
        if (!failed) {
          try {
            idle_();
          } catch (...) {
            {
              std::lock_guard<std::mutex> guard(mu_);
              if (!failure_) failure_ = std::current_exception();
            }
            space_cv_.notify_all();
          }
        }
        continue;
      }
      done_cv_.wait(lock, ready);
      idle_called = false;
      auto it = done_.find(next_consume_);
      if (it == done_.end()) return;
      item = std::move(it->second);
      done_.erase(it);
      ++next_consume_;
    }
    const size_t bytes = item->charged_bytes;
    bool failed;
    {
      std::lock_guard<std::mutex> lock(mu_);
      failed = failure_ != nullptr;
    }
    if (!failed) {
      try {
        consume_(std::move(item));
      } catch (...) {
        {
          std::lock_guard<std::mutex> lock(mu_);
          if (!failure_) failure_ = std::current_exception();
        }
        space_cv_.notify_all();
      }
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      --items_in_flight_;
      bytes_in_flight_ -= bytes;
    }
    space_cv_.notify_one();
  }
}

bool OrderedPipeline::Push(std::unique_ptr<WorkItem> item) {
  GEOKG_ASSERT(started_ && !closed_);
  const size_t bytes = item->article.text.size();
  const bool extract = item->action == WorkItem::Action::kExtract;
  {
    std::unique_lock<std::mutex> lock(mu_);
    space_cv_.wait(lock, [&] {
      return failure_ != nullptr || items_in_flight_ == 0 ||
             (items_in_flight_ < options_.max_items &&
              bytes_in_flight_ + bytes <= options_.max_bytes);
    });
    if (failure_ != nullptr) return false;
    item->seq = next_seq_++;
    item->charged_bytes = bytes;
    ++items_in_flight_;
    bytes_in_flight_ += bytes;
    if (extract) {
      queue_.push_back(std::move(item));
    } else {
      done_.emplace(item->seq, std::move(item));
    }
  }
  if (extract) {
    work_cv_.notify_one();
  } else {
    done_cv_.notify_one();
  }
  return true;
}

void OrderedPipeline::Finish() {
  if (finished_) return;
  finished_ = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  work_cv_.notify_all();
  done_cv_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
  if (consumer_.joinable()) consumer_.join();
  std::exception_ptr failure;
  {
    std::lock_guard<std::mutex> lock(mu_);
    failure = failure_;
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace geokg
