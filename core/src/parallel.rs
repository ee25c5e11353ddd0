//! Work split over threads, with results in a fixed order (crate-internal).
//!
//! The callers cut their work into parts that do not depend on how many threads run them,
//! so the result is the same on one thread, on many, and on WASM (always one thread).

/// Runs `f` on `parts` contiguous ranges of `0..n`, on as many threads (one on WASM), and
/// returns the results in range order.
pub(crate) fn split<T: Send>(
    n: usize,
    parts: usize,
    f: impl Fn(usize, usize) -> T + Sync,
) -> Vec<T> {
    let parts = parts.clamp(1, n.max(1));
    let bounds: Vec<(usize, usize)> = (0..parts)
        .map(|k| (n * k / parts, n * (k + 1) / parts))
        .collect();
    #[cfg(not(target_arch = "wasm32"))]
    if parts > 1 {
        return std::thread::scope(|s| {
            let handles: Vec<_> = bounds
                .iter()
                .map(|&(a, b)| {
                    let f = &f;
                    s.spawn(move || f(a, b))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
    }
    bounds.into_iter().map(|(a, b)| f(a, b)).collect()
}

/// Runs `f(k)` for every `k` in `0..jobs` on up to `threads` threads (one on WASM), each
/// thread taking the next job not yet taken, and returns the results in job order. The
/// results depend on the jobs only, never on `threads` or on which thread ran what.
pub(crate) fn jobs<T: Send>(jobs: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads.clamp(1, jobs.max(1));
    #[cfg(target_arch = "wasm32")]
    let _ = threads; // one thread on WASM
    #[cfg(not(target_arch = "wasm32"))]
    if threads > 1 {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let next = AtomicUsize::new(0);
        let mut done: Vec<(usize, T)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    let (f, next) = (&f, &next);
                    s.spawn(move || {
                        let mut mine = Vec::new();
                        loop {
                            let k = next.fetch_add(1, Ordering::Relaxed);
                            if k >= jobs {
                                return mine;
                            }
                            mine.push((k, f(k)));
                        }
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        done.sort_unstable_by_key(|&(k, _)| k);
        return done.into_iter().map(|(_, t)| t).collect();
    }
    (0..jobs).map(f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_covers_every_index_once_in_order() {
        for (n, parts) in [(0, 1), (1, 4), (10, 3), (7, 7), (100, 2)] {
            let got: Vec<usize> = split(n, parts, |a, b| (a..b).collect::<Vec<_>>())
                .into_iter()
                .flatten()
                .collect();
            assert_eq!(got, (0..n).collect::<Vec<_>>(), "n {n} parts {parts}");
        }
    }

    #[test]
    fn jobs_give_the_same_results_on_any_number_of_threads() {
        let one = jobs(37, 1, |k| k * k + 1);
        for threads in [2, 3, 8, 100] {
            assert_eq!(jobs(37, threads, |k| k * k + 1), one, "threads {threads}");
        }
        assert_eq!(one.len(), 37);
        assert_eq!(one[6], 37);
    }
}
