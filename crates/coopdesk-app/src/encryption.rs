//! Encryption at rest: turning it on and off and changing the passphrase (see
//! `coopdesk_store::Store::change_encryption` for how the file is converted).

use coopdesk_store::EncryptionChange;
pub use coopdesk_store::{Passphrase, is_encrypted};

use crate::Desk;
use crate::api::{DeskError, ErrorCode};

impl Desk {
    /// Encrypts the database with `new`, changes its passphrase, or (with `new` = `None`) stores it
    /// plain again; its backups follow. An encrypted database asks for its `current` passphrase
    /// first, so that someone at an unlocked laptop cannot remove or replace the protection.
    ///
    /// The caller holds the window lock (the window holds it while open; the command line takes it),
    /// so no other window has the database open during the change.
    pub fn change_encryption(
        &self,
        current: Option<Passphrase>,
        new: Option<Passphrase>,
    ) -> Result<EncryptionChange, DeskError> {
        let mut store = self.store();
        if store.is_encrypted() && !store.passphrase_matches(current.as_ref()) {
            return Err(DeskError::new(
                ErrorCode::DbWrongPassphrase,
                format!(
                    "the current passphrase of {} is needed to change its encryption, and the one given does not match",
                    self.path().display()
                ),
            ));
        }
        Ok(store.change_encryption(new, self.now())?)
    }
}
