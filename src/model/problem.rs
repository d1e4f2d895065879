//! Problems found while loading a dataset, each naming the file, the feature and the field.

use std::fmt;

/// One thing wrong with an input file. Loading goes on past it: the feature it names is left
/// out, everything else is kept, and the app lists the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the user would recognise it (`assets/events.geojson`, or the path opened).
    pub file: String,
    /// The id of the feature (or record) at fault, or its position when it has no usable id.
    pub feature: Option<String>,
    /// The property at fault.
    pub field: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl Problem {
    /// A problem with a whole file.
    pub fn in_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            feature: None,
            field: None,
            message: message.into(),
        }
    }

    /// A problem with one field of one feature.
    pub fn in_field(
        file: impl Into<String>,
        feature: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.into(),
            feature: Some(feature.into()),
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(feature) = &self.feature {
            write!(f, ": feature '{feature}'")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field '{field}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Problem {}
