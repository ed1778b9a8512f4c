//! A short-lived in-memory copy of recently used sessions, in front of the
//! PostgreSQL session store (tower-sessions' `CachingSessionStore`), so a
//! page does not pay a database read to learn its session.
//!
//! Why not `tower-sessions-moka-store`: it keeps each session until the
//! session's own expiry (14 days here). With several app servers, a session
//! ended on one server (sign-out, password change) would live on in another
//! server's cache for that long. Entries here live at most [`TTL`], which
//! bounds that window; on one server every change goes through this cache
//! and is never stale.

use std::time::Duration;

use async_trait::async_trait;
use moka::future::Cache;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

pub const TTL: Duration = Duration::from_secs(30);

#[derive(Clone, Debug)]
pub struct RecentSessions {
    cache: Cache<Id, Record>,
}

impl RecentSessions {
    pub fn new(capacity: u64) -> Self {
        Self { cache: Cache::builder().max_capacity(capacity).time_to_live(TTL).build() }
    }
}

#[async_trait]
impl SessionStore for RecentSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // The backing store has already chosen a unique id (it creates first).
        self.cache.insert(record.id, record.clone()).await;
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.cache.insert(record.id, record.clone()).await;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc();
        Ok(self.cache.get(session_id).await.filter(|r| r.expiry_date > now))
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        self.cache.invalidate(session_id).await;
        Ok(())
    }
}
