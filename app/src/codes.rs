//! Enums whose variants carry a stable code (database, API, serde) and a French label (screens),
//! written once. `code_enum!` derives the enum, its serde names (= the codes), `ALL` in declaration
//! order, `code()`, `from_code()`, `label()` and `index()`.
//!
//! The codes also appear in SQL `CHECK` lists: `server/tests/codes.rs` checks that they agree.

/// Declares an enum of codes:
///
/// ```ignore
/// code_enum! {
///     /// Doc of the enum.
///     pub enum Outcome {
///         Succes = "succes" => "Succès",
///         Refus = "refus" => "Refus",
///     }
/// }
/// ```
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; $crate::codes::code_enum!(@count $($variant)+)] = [$($name::$variant),+];

            /// Stable code (database, API, serde).
            pub const fn code(&self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// French label, for the screens.
            pub const fn label(&self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Position in `ALL`.
            pub const fn index(self) -> usize {
                self as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
    (@count) => { 0usize };
    (@count $head:ident $($tail:ident)*) => { 1usize + $crate::codes::code_enum!(@count $($tail)*) };
}
pub(crate) use code_enum;

#[cfg(test)]
mod tests {
    code_enum! {
        /// A test enum.
        pub enum Colour {
            Red = "rouge" => "Rouge",
            DarkBlue = "bleu_fonce" => "Bleu foncé",
        }
    }

    #[test]
    fn codes_labels_serde_and_all_are_one_declaration() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DarkBlue]);
        assert_eq!(Colour::DarkBlue.code(), "bleu_fonce");
        assert_eq!(Colour::DarkBlue.label(), "Bleu foncé");
        assert_eq!(Colour::from_code("rouge"), Some(Colour::Red));
        assert_eq!(Colour::from_code("Rouge"), None);
        assert_eq!(serde_json::to_string(&Colour::DarkBlue).unwrap(), "\"bleu_fonce\"");
        assert_eq!(serde_json::from_str::<Colour>("\"rouge\"").unwrap(), Colour::Red);
        assert_eq!(Colour::DarkBlue.index(), 1);
        assert_eq!(Colour::Red.to_string(), "rouge");
    }
}
