//! Encryption at rest: what turning it on, off or changing the passphrase did.

pub use coopdesk_store::{EncryptionChange, MIN_PASSPHRASE_CHARS};
