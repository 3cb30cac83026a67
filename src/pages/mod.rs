//! Screens. The tutor has one.

mod tutor;

pub use tutor::Tutor;
