//! Transactions. Reads see one snapshot; every write runs in `BEGIN IMMEDIATE`, so a second
//! desk on the same file waits for the lock instead of failing half-way, with a bounded retry
//! when even the busy timeout runs out.

use std::cell::{OnceCell, RefCell};

use rusqlite::{Connection, TransactionBehavior};

use super::error::{StoreError, WorkError};
use super::open::{Calendar, Store};
use crate::domain::{Author, DeviceId};

/// How many times a write is attempted when the database stays busy.
const WRITE_ATTEMPTS: u32 = 5;

/// A view of the database inside one transaction; the query methods live in the sibling
/// modules (`people`, `pairings`, …).
pub struct Tx<'c> {
    pub(super) conn: &'c Connection,
    context: RefCell<TxContext>,
    /// Tells the desk's day; `None`: the earliest day (no pause ever ends).
    calendar: Option<&'c Calendar>,
    /// The desk's day, asked once per transaction when first needed: what "paused until"
    /// is read against.
    today: OnceCell<chrono::NaiveDate>,
}

/// Who writes in a transaction, and whether this desk keeps a sync journal: read from
/// `desk_identity` when the file opens (and again when a pack changes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxContext {
    /// The author of the audit rows (and milestones) written, unless the transaction says
    /// otherwise with [`Tx::act_as`].
    pub author: Author,
    /// On a mentor desk, the device whose journal records every check-in and milestone change.
    pub journal: Option<DeviceId>,
}

impl Default for TxContext {
    fn default() -> Self {
        TxContext {
            author: Author::Coordinator,
            journal: None,
        }
    }
}

impl<'c> Tx<'c> {
    pub(super) fn new(
        conn: &'c Connection,
        context: TxContext,
        calendar: Option<&'c Calendar>,
    ) -> Tx<'c> {
        Tx {
            conn,
            context: RefCell::new(context),
            calendar,
            today: OnceCell::new(),
        }
    }

    /// The desk's day in its own zone (see [`Store::set_calendar`]), the same for the whole
    /// transaction.
    pub fn today(&self) -> chrono::NaiveDate {
        *self.today.get_or_init(|| {
            self.calendar
                .map_or(chrono::NaiveDate::MIN, |calendar| calendar(self))
        })
    }

    /// Who the rows written from now on in this transaction belong to.
    pub fn author(&self) -> Author {
        self.context.borrow().author.clone()
    }

    /// Writes the rest of this transaction on `author`'s behalf (a check-in the coordinator
    /// logs for a mentor).
    pub fn act_as(&self, author: Author) {
        self.context.borrow_mut().author = author;
    }

    /// The device whose journal this desk keeps (mentor desks only).
    pub fn journal_device(&self) -> Option<DeviceId> {
        self.context.borrow().journal
    }
}

impl Store {
    /// Runs `work` in a read transaction (one consistent snapshot).
    pub fn read<T, E>(&mut self, work: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: WorkError,
    {
        let calendar = self.calendar.as_ref();
        let result = match self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
        {
            Ok(tx) => {
                let result = work(&Tx::new(&tx, self.context.clone(), calendar));
                // A read changes nothing; ending it either way releases the snapshot.
                drop(tx);
                result
            }
            Err(err) => Err(E::from(StoreError::from(err))),
        };
        result.map_err(|e| self.name_file_in(e))
    }

    /// Runs `work` in one write transaction: all of it commits, or none of it does. `work`
    /// may run again when another desk holds the lock, so it must only touch the database.
    /// Refused before it starts when the file is read-only or known to be damaged.
    pub fn write<T, E>(&mut self, mut work: impl FnMut(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: WorkError,
    {
        if let Some(refusal) = self.write_refusal() {
            return Err(E::from(refusal));
        }
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.try_write(&mut work) {
                Err(WriteFailure::Busy) if super::lock_wait::cancelled_here() => {
                    return Err(StoreError::Cancelled.into());
                }
                Err(WriteFailure::Busy) if attempt < WRITE_ATTEMPTS => {
                    std::thread::sleep(std::time::Duration::from_millis(50 * u64::from(attempt)));
                }
                Err(WriteFailure::Busy) => return Err(StoreError::Busy.into()),
                Err(WriteFailure::Work(e)) => return Err(self.name_file_in(e)),
                Ok(value) => return Ok(value),
            }
        }
    }

    /// [`Store::name_file`] on the store error inside `err`, if any.
    fn name_file_in<E: WorkError>(&mut self, mut err: E) -> E {
        if let Some(inner) = err.store_error_mut() {
            let raw = std::mem::replace(inner, StoreError::Busy);
            *inner = self.name_file(raw);
        }
        err
    }

    fn try_write<T, E>(
        &mut self,
        work: &mut impl FnMut(&Tx<'_>) -> Result<T, E>,
    ) -> Result<T, WriteFailure<E>>
    where
        E: From<StoreError>,
    {
        let lift = |e: rusqlite::Error| match StoreError::from(e) {
            StoreError::Busy => WriteFailure::Busy,
            other => WriteFailure::Work(E::from(other)),
        };
        let calendar = self.calendar.as_ref();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(lift)?;
        super::lock_wait::lock_taken();
        let value =
            work(&Tx::new(&tx, self.context.clone(), calendar)).map_err(WriteFailure::Work)?;
        tx.commit().map_err(lift)?;
        self.own_writes += 1;
        Ok(value)
    }
}

enum WriteFailure<E> {
    Busy,
    Work(E),
}
