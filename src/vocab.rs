//! `string_enum!`: a closed vocabulary as an enum with one `as_str`/`Display`/`FromStr`
//! pair, which the CLI, the store and the exports all share.

/// Declares a `Copy` enum whose variants have fixed string names.
///
/// `FromStr` accepts the names (case-insensitively, `-` and spaces read as `_`) and its
/// error lists the valid ones: `unknown status "true"; valid statuses: unverified, ...`.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal, $plural:literal) {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(&self) -> &'static str {
                match self {
                    $( $name::$variant => $text ),+
                }
            }

            /// The valid names, comma-separated, for messages.
            pub fn valid_list() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(&norm))
                    .ok_or_else(|| {
                        format!(
                            "unknown {} {s:?}; valid {}: {}",
                            $what,
                            $plural,
                            Self::valid_list()
                        )
                    })
            }
        }
    };
}
