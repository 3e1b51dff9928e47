//! Where time comes from: the system clock in use, a fixed instant in tests.

use chrono::{DateTime, Utc};

pub trait Clock: Send {
    fn now(&self) -> DateTime<Utc>;

    /// Another clock telling the same time, for a face that reads the time on its own
    /// thread (the terminal desk hands its `Desk` to a worker and keeps the time itself).
    fn fork(&self) -> Box<dyn Clock>;
}

/// The machine's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn fork(&self) -> Box<dyn Clock> {
        Box::new(SystemClock)
    }
}

/// Always the same instant.
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }

    fn fork(&self) -> Box<dyn Clock> {
        Box::new(FixedClock(self.0))
    }
}

impl super::Desk {
    /// A clock telling the desk's time (see [`Clock::fork`]).
    pub fn clock(&self) -> Box<dyn Clock> {
        self.clock.fork()
    }
}
