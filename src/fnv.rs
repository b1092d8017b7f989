//! FNV-1a hashing for the word tables of the recognisers and the claims stage.
//!
//! Their keys are short words chosen by no adversary, looked up once per word of the
//! text, where FNV-1a is several times faster than the default SipHash.

use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
pub struct Fnv1a(u64);

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The `BuildHasher` of FNV-1a, for `HashMap` and `HashSet`.
pub type FnvBuild = BuildHasherDefault<Fnv1a>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fnv1a_values() {
        let hash = |s: &str| {
            let mut h = Fnv1a::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(hash("said"), hash("says"));
    }
}
