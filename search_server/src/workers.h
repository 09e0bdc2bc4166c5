// A fixed set of threads that run the requests' real work, whatever the number of connections.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace tracuu::server {

// Poco holds one thread per open connection, and searching leaves per-thread state behind
// (the tokenizer's normalization caches, malloc arenas): run on connection threads, that state
// would grow with the number of clients. Searches run here instead, on `n` threads.
class Workers {
 public:
  explicit Workers(unsigned n);
  ~Workers();
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  // Runs `f` on a worker and waits for it; its exceptions are rethrown here.
  template <class F>
  std::invoke_result_t<F&> run(F&& f) {
    std::packaged_task<std::invoke_result_t<F&>()> task(std::ref(f));
    auto result = task.get_future();
    post([&task] { task(); });  // `task` outlives the job: this call waits for it
    return result.get();
  }

 private:
  void post(std::function<void()> job);
  void loop();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tracuu::server
