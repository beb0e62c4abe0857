//! The time the use cases read. The app runs on the system clock; tests hand a [`Desk`](crate::Desk) a
//! [`FixedClock`] so that what depends on the date (overdue actions, the date on a briefing, the day
//! of a decision) is the same on every run.

use std::fmt::Debug;

use chrono::{DateTime, Local, Utc};
use coopdesk_core::Date;

/// Where the use cases get the time from.
pub trait Clock: Send + Sync + Debug {
    /// The current time (UTC): what records and the audit log store.
    fn now(&self) -> DateTime<Utc>;
    /// Today's date where the user is: what overdue actions and printed dates are judged against.
    fn today(&self) -> Date;
}

/// The computer's clock and time zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn today(&self) -> Date {
        Date(Local::now().date_naive())
    }
}

/// A clock that always says the same time (for tests); today is that time's UTC date.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }

    fn today(&self) -> Date {
        Date(self.0.date_naive())
    }
}
