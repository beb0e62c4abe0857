//! Fresh ids for cases and registry entries.
//!
//! Ids are short enough to read aloud and type (`CD-7K3M9Q2XBD4F`), random so that two offices never
//! hand out the same one, and drawn from Crockford's base32 (no I, L, O, U) to avoid misreading.

use coopdesk_store::IdKind;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Random characters per id: 12 × 5 bits = 60 bits, so collisions are negligible even across offices.
const LEN: usize = 12;

/// A new random id for an entry of the given kind.
pub fn new_id(kind: IdKind) -> String {
    let prefix = match kind {
        IdKind::Case => "CD-",
        IdKind::Organisation => "org-",
        IdKind::Facility => "fac-",
    };
    let bits = uuid::Uuid::new_v4().as_u128();
    let mut s = String::with_capacity(prefix.len() + LEN);
    s.push_str(prefix);
    for i in 0..LEN {
        s.push(ALPHABET[((bits >> (5 * i)) & 31) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_valid_case_ids_and_distinct() {
        let a = new_id(IdKind::Case);
        let b = new_id(IdKind::Case);
        assert_ne!(a, b);
        assert!(coopdesk_core::limits::is_valid_id(&a), "{a}");
        assert_eq!(a.len(), 3 + LEN);
        assert!(new_id(IdKind::Organisation).starts_with("org-"));
    }
}
