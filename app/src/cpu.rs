//! A bound on CPU-heavy work (password hashing, parsing a saved page, OCR of a photo): at
//! most one job of a kind per core at a time; the rest wait their turn, so a burst can
//! neither starve the pages nor exhaust memory.

use std::sync::OnceLock;

use tokio::sync::{Semaphore, SemaphorePermit};

/// One kind of work's permits, one per core, made on first use (a `static`).
pub struct PerCore(OnceLock<Semaphore>);

impl PerCore {
    pub const fn new() -> Self {
        Self(OnceLock::new())
    }

    /// Waits for a free core. The semaphore is never closed, so this cannot fail.
    pub async fn acquire(&self) -> SemaphorePermit<'_> {
        let permits =
            self.0.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)));
        permits.acquire().await.expect("a PerCore semaphore is never closed")
    }
}

impl Default for PerCore {
    fn default() -> Self {
        Self::new()
    }
}
