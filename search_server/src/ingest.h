// The write API: POST /api/documents, PUT and DELETE /api/documents/{id}. Each write goes
// through the indexer's own pipeline (IndexWriter::index_documents) under the index's write
// lock, is committed, seen by the searcher pool and recorded in the change log before the reply.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "log.h"
#include "rate_limit.h"
#include "reply.h"
#include "searcher_pool.h"
#include "tracuu/indexer/change_log.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/token_store.h"
#include "upload.h"

namespace tracuu::server {

struct IngestOptions {
  std::size_t max_bytes = std::size_t{64} << 20;
  std::chrono::milliseconds lock_wait{10000};  // for a `tracuu index` run to let go of the lock
  bool keep_originals = true;
};

// Writes are serialized (one IndexWriter at a time, as the index allows one writer); the write
// lock is taken per write, so a `tracuu index` run can still work between them (docs/api.md).
// Thread-safe.
class Ingest {
 public:
  // `document` renders GET /api/documents/{id}, so a write answers with exactly that record.
  using DocumentReply = std::function<Reply(const std::string& id)>;
  Ingest(IngestOptions options, SearcherPool& searchers, Log& log, DocumentReply document);

  // `id` is the path after /api/documents/ (empty for POST /api/documents). Throws HttpError
  // for the client's faults and IndexError for the index's.
  Reply write(Poco::Net::HTTPServerRequest& req, const std::string& id,
              const indexer::TokenInfo& who);

  // POST /api/documents of a body already read (the upload page's plain form reads it first, to
  // check its CSRF field before anything is written).
  Reply add(Submission s, const indexer::TokenInfo& who);

  // A correction of the document `id` (PATCH /api/documents/{id}, the upload page): `fields` is
  // {"title"?, "date"?, "type"?, "provinces"?}, checked by the indexer (400 `bad_correction`),
  // stored beside the index and committed (404 when there is no such document); answers 200 with
  // the corrected record. In the change feed as "replaced".
  Reply correct(const std::string& id, const nlohmann::json& fields, const indexer::TokenInfo& who);

  // What a write run keeps of its errors: the first reason a document could not be read.
  struct Errors {
    std::mutex mutex;
    std::string first;
  };

 private:
  // This process's turn to write and the index's write lock, in that order; released in reverse.
  struct Writing {
    std::unique_lock<std::timed_mutex> turn;
    std::unique_ptr<indexer::IndexWriter> writer;
  };
  // Throws HttpError 503 `index_busy` when either is not had within the lock wait.
  Writing begin(Errors& errors);

  Reply patch(Poco::Net::HTTPServerRequest& req, const std::string& id,
              const indexer::TokenInfo& who);
  Reply put(Poco::Net::HTTPServerRequest& req, const std::string& id,
            const indexer::TokenInfo& who);
  Reply remove(const std::string& id, const indexer::TokenInfo& who);
  // After a commit: the pool and the reply cache move on, the change is logged and recorded.
  void committed(const std::string& action, const std::string& id, const indexer::TokenInfo& who);
  Reply answer(int status, const std::string& id, bool duplicate);

  const IngestOptions options_;
  SearcherPool& searchers_;
  Log& log_;
  DocumentReply document_;
  indexer::ChangeLog changes_;
  std::timed_mutex writing_;  // one IndexWriter at a time in this process
};

}  // namespace tracuu::server
