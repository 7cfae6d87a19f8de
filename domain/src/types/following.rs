//! Following and notifications as the pages show them.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::enums::{Delivery, NoticeKind, Rating};

/// One notification, as its reader's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub kind: NoticeKind,
    /// What it is about: a position's or consultation's title, a draft's label.
    pub subject: String,
    /// The draft and demand rated, the organisations publishing, the new dates and place.
    pub detail: String,
    pub href: String,
    pub rating: Option<Rating>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// The notifications page: a page of them, and how the reader wants each kind delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationsPage {
    pub items: Vec<NotificationView>,
    /// From 1.
    pub page: u32,
    pub per_page: u32,
    pub total: u32,
    pub unread: u32,
    pub choices: Vec<(NoticeKind, Delivery)>,
    /// The language of the reader's emails (en, fr, es).
    pub language: String,
}

impl NotificationsPage {
    pub fn pages(&self) -> u32 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}
