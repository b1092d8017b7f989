//! Documents analysed on several threads, handed back in input order.
//!
//! The inputs come in chunks (a few documents each: handing work from thread to thread
//! costs a wake-up, which a chunk shares among its documents). One dispatcher thread
//! reads the chunks and deals them round-robin to `jobs` worker threads; the caller
//! takes the results from worker 0, 1, …, `jobs - 1`, 0, … in turn, which is input
//! order without a reordering buffer. Every queue is bounded ([`QUEUE_DEPTH`] chunks to
//! and from each worker), so at most `jobs × (2 × QUEUE_DEPTH + 1) + 1` chunks are in
//! flight, whatever the corpus size: a slow document holds back the output only once
//! the queues behind it are full.
//!
//! It does not catch panics: work that may panic on input catches them itself (the
//! recognisers are fuzzed; `extract` and `ingest` still report a panic as one failed
//! document). A worker that dies anyway ends the output early, which
//! [`Ordered::finished_early`] tells.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError};
use std::thread::JoinHandle;

/// Chunks waiting in each worker's input queue and in its output queue.
pub const QUEUE_DEPTH: usize = 2;

/// Articles read from files in one chunk: enough to share a wake-up, few enough to keep
/// the threads evenly busy on a small corpus.
pub const FILES_PER_CHUNK: usize = 8;

/// `items` in chunks of [`FILES_PER_CHUNK`].
pub fn file_chunks<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    items.chunks(FILES_PER_CHUNK).map(<[T]>::to_vec).collect()
}

/// The number of jobs when none is given: the cores this process may use.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Results in input order; see the module documentation.
pub struct Ordered<O> {
    results: Vec<Receiver<Vec<O>>>,
    /// The rest of the chunk being handed out.
    current: VecDeque<O>,
    next: usize,
    done: bool,
    workers: Vec<JoinHandle<()>>,
}

/// Runs `work` on every item of every chunk of `chunks` on `jobs` threads (at least
/// one), a chunk at a time on one thread, and returns the results one by one in input
/// order. `chunks` is read on a thread of its own, so a slow source (a pipe) overlaps
/// with the work; a source that may wait for input (standard input) should make a chunk
/// of what it has rather than wait to fill one.
pub fn ordered_map<I, O, F>(
    jobs: usize,
    chunks: impl IntoIterator<Item = Vec<I>> + Send + 'static,
    work: F,
) -> std::io::Result<Ordered<O>>
where
    I: Send + 'static,
    O: Send + 'static,
    F: Fn(I) -> O + Send + Sync + 'static,
{
    let jobs = jobs.max(1);
    let work = std::sync::Arc::new(work);
    let mut senders: Vec<SyncSender<Vec<I>>> = Vec::with_capacity(jobs);
    let mut results = Vec::with_capacity(jobs);
    let mut workers = Vec::with_capacity(jobs + 1);
    for n in 0..jobs {
        let (in_tx, in_rx) = mpsc::sync_channel::<Vec<I>>(QUEUE_DEPTH);
        let (out_tx, out_rx) = mpsc::sync_channel::<Vec<O>>(QUEUE_DEPTH);
        let work = std::sync::Arc::clone(&work);
        let handle = std::thread::Builder::new()
            .name(format!("claimtrace-job-{n}"))
            .spawn(move || {
                for chunk in in_rx {
                    let done: Vec<O> = chunk.into_iter().map(|item| work(item)).collect();
                    if out_tx.send(done).is_err() {
                        break;
                    }
                }
            })?;
        senders.push(in_tx);
        results.push(out_rx);
        workers.push(handle);
    }
    // The dispatcher is not joined: it may wait on a read (standard input left open by
    // a caller that stopped reading our output), and ends with the process.
    std::thread::Builder::new()
        .name("claimtrace-read".into())
        .spawn(move || {
            for (i, chunk) in chunks.into_iter().enumerate() {
                if senders[i % senders.len()].send(chunk).is_err() {
                    break;
                }
            }
        })?;
    Ok(Ordered {
        results,
        current: VecDeque::new(),
        next: 0,
        done: false,
        workers,
    })
}

impl<O> Ordered<O> {
    /// The next result, calling `idle` first when it is not ready yet: a streaming
    /// caller flushes its output there, so that everything finished is out before it
    /// waits.
    pub fn next_or_idle(&mut self, idle: impl FnOnce()) -> Option<O> {
        let mut idle = Some(idle);
        loop {
            if let Some(o) = self.current.pop_front() {
                return Some(o);
            }
            if self.done {
                return None;
            }
            let rx = &self.results[self.next];
            let got = match rx.try_recv() {
                Ok(chunk) => Some(chunk),
                Err(TryRecvError::Disconnected) => None,
                Err(TryRecvError::Empty) => {
                    if let Some(idle) = idle.take() {
                        idle();
                    }
                    rx.recv().ok()
                }
            };
            match got {
                Some(chunk) => {
                    self.next = (self.next + 1) % self.results.len();
                    self.current = chunk.into();
                }
                // The inputs ran out at this worker's turn (or it died: see
                // `finished_early`).
                None => self.done = true,
            }
        }
    }

    /// After the last result: whether a worker died (panicked) rather than ran out of
    /// inputs, so that results may be missing.
    pub fn finished_early(self) -> bool {
        drop(self.results);
        // Every worker is joined, not only up to the first that died.
        let mut early = false;
        for worker in self.workers {
            early |= worker.join().is_err();
        }
        early
    }
}

impl<O> Iterator for Ordered<O> {
    type Item = O;

    fn next(&mut self) -> Option<O> {
        self.next_or_idle(|| {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_of_uneven_size_come_back_in_the_order_they_were_read() {
        // Early items take longest, so later ones finish first on other threads.
        let sizes: Vec<u64> = (0..200).map(|i| (200 - i) * 50).collect();
        let expected: Vec<u64> = sizes.iter().map(|&n| (0..n).sum()).collect();
        for jobs in [1, 2, 3, 8] {
            // Chunks of one to four documents.
            let chunks: Vec<Vec<u64>> = sizes.chunks(1 + jobs % 4).map(<[u64]>::to_vec).collect();
            let out: Vec<u64> = ordered_map(jobs, chunks, |n: u64| (0..n).sum())
                .unwrap()
                .collect();
            assert_eq!(out, expected, "{jobs} jobs");
        }
    }

    #[test]
    fn an_empty_corpus_gives_no_results() {
        let mut out = ordered_map(4, Vec::<Vec<u8>>::new(), |x| x).unwrap();
        assert_eq!(out.next(), None);
        assert!(!out.finished_early());
        let mut out = ordered_map(4, vec![Vec::<u8>::new(); 3], |x| x).unwrap();
        assert_eq!(out.next(), None);
        assert!(!out.finished_early());
    }

    #[test]
    fn the_caller_is_told_before_it_waits_for_a_result() {
        // One input that arrives only after the caller has asked for it: the caller
        // must be told it is about to wait (it flushes there).
        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        let mut out = ordered_map(2, rx, |x| x).unwrap();
        let mut told = false;
        let waiter = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            tx.send(vec![7]).unwrap();
        });
        assert_eq!(out.next_or_idle(|| told = true), Some(7));
        assert!(told);
        waiter.join().unwrap();
        assert_eq!(out.next(), None);
    }

    #[test]
    fn a_worker_that_panics_is_reported_as_an_early_end() {
        let mut out = ordered_map(2, (0..10u32).map(|x| vec![x]), |x| {
            assert!(x != 3, "a document that breaks the analysis");
            x
        })
        .unwrap();
        let got: Vec<u32> = out.by_ref().collect();
        assert_eq!(got, vec![0, 1, 2]);
        assert!(out.finished_early());
    }
}
