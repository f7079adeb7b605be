//! Ordered parallel output: work items are rendered on rayon's threads and
//! written on the calling thread in their original order, each as soon as it
//! and every item before it are done. At most a small window of items is in
//! flight, so memory stays bounded however large the output.

use std::sync::mpsc;

/// Items in flight per thread: enough to keep threads busy while one slow
/// item holds up the writing, few enough to bound memory.
const IN_FLIGHT_PER_THREAD: usize = 4;

/// Calls `sink` with `work(item)` for every item, in order, stopping at the
/// first error `sink` returns.
pub fn for_each_ordered<T, R, E>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let threads = rayon::current_num_threads();
    // Inside the pool the writing thread would hold a worker while it waits;
    // with one thread or one item there is nothing to overlap.
    if threads <= 1 || items.len() <= 1 || rayon::current_thread_index().is_some() {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    let window = threads * IN_FLIGHT_PER_THREAD;
    let (sender, receiver) = mpsc::channel::<(usize, R)>();
    let work = &work;
    rayon::in_place_scope(|scope| {
        let spawn = |index: usize| {
            let sender = sender.clone();
            scope.spawn(move |_| {
                // The writer is gone only after an error; nothing to do then.
                let _ = sender.send((index, work(&items[index])));
            });
        };
        let mut spawned = 0;
        while spawned < items.len().min(window) {
            spawn(spawned);
            spawned += 1;
        }
        // Results by index modulo the window; `written` is the next to write.
        let mut pending: Vec<Option<R>> = (0..window).map(|_| None).collect();
        let mut written = 0;
        while written < items.len() {
            let Ok((index, result)) = receiver.recv() else {
                unreachable!("this thread holds a sender");
            };
            pending[index % window] = Some(result);
            while let Some(result) = pending[written % window].take() {
                sink(result)?;
                written += 1;
                if spawned < items.len() {
                    spawn(spawned);
                    spawned += 1;
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_errors_stop_the_run() {
        // A test thread is not one of rayon's workers: the parallel path
        // runs wherever the machine has more than one core.
        let items: Vec<u64> = (0..500).collect();
        // Uneven work, so results finish out of order.
        let work = |&i: &u64| {
            let spins = (i * 7919) % 5000;
            std::hint::black_box((0..spins).fold(i, |a, b| a.wrapping_mul(31).wrapping_add(b)));
            i
        };
        let mut seen = Vec::new();
        let result: Result<(), ()> = for_each_ordered(&items, work, |r| {
            seen.push(r);
            Ok(())
        });
        assert_eq!(result, Ok(()));
        assert_eq!(seen, items);

        let mut count = 0;
        let result = for_each_ordered(&items, work, |r| {
            count += 1;
            if r == 100 { Err(r) } else { Ok(()) }
        });
        assert_eq!(result, Err(100));
        assert_eq!(count, 101);
    }
}
