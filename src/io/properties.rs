//! Reading typed values out of a JSON object, with messages that name the field.

use serde_json::{Map, Value};

/// The properties of one feature, with the feature's id for messages.
pub struct Properties<'a> {
    map: &'a Map<String, Value>,
    /// Messages for fields that could not be read: (field, message).
    pub errors: Vec<(String, String)>,
}

impl<'a> Properties<'a> {
    /// Wraps a feature's properties.
    pub fn new(map: &'a Map<String, Value>) -> Self {
        Properties {
            map,
            errors: Vec::new(),
        }
    }

    /// The raw value of `field`, if present.
    pub fn get(&self, field: &str) -> Option<&'a Value> {
        self.map.get(field)
    }

    fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push((field.to_owned(), message.into()));
    }

    /// A string that must be present.
    pub fn text(&mut self, field: &str) -> String {
        match self.map.get(field) {
            Some(Value::String(text)) => text.clone(),
            None | Some(Value::Null) => {
                self.error(field, "is missing");
                String::new()
            }
            Some(other) => {
                self.error(field, format!("must be text, not {}", kind(other)));
                String::new()
            }
        }
    }

    /// A string that may be absent or null.
    pub fn optional_text(&mut self, field: &str) -> Option<String> {
        match self.map.get(field) {
            Some(Value::String(text)) => Some(text.clone()),
            None | Some(Value::Null) => None,
            Some(other) => {
                self.error(field, format!("must be text or null, not {}", kind(other)));
                None
            }
        }
    }

    /// A number that may be absent or null.
    pub fn optional_number(&mut self, field: &str) -> Option<f64> {
        match self.map.get(field) {
            Some(Value::Number(number)) => number.as_f64(),
            None | Some(Value::Null) => None,
            Some(other) => {
                self.error(
                    field,
                    format!("must be a number or null, not {}", kind(other)),
                );
                None
            }
        }
    }

    /// A list of strings; absent means empty.
    pub fn text_list(&mut self, field: &str) -> Vec<String> {
        let Some(value) = self.map.get(field) else {
            return Vec::new();
        };
        match value {
            Value::Null => Vec::new(),
            Value::Array(items) => {
                let mut texts = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(text) => texts.push(text.clone()),
                        other => {
                            self.error(field, format!("must list text, but holds {}", kind(other)));
                        }
                    }
                }
                texts
            }
            other => {
                self.error(field, format!("must be a list, not {}", kind(other)));
                Vec::new()
            }
        }
    }

    /// A list of objects; absent means empty.
    pub fn object_list(&mut self, field: &str) -> Vec<&'a Map<String, Value>> {
        let Some(value) = self.map.get(field) else {
            return Vec::new();
        };
        match value {
            Value::Null => Vec::new(),
            Value::Array(items) => {
                let mut objects = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::Object(object) => objects.push(object),
                        other => self.error(
                            field,
                            format!("must list objects, but holds {}", kind(other)),
                        ),
                    }
                }
                objects
            }
            other => {
                self.error(field, format!("must be a list, not {}", kind(other)));
                Vec::new()
            }
        }
    }

    /// A value that may be text or a number, as text (for dispute claims).
    pub fn text_or_number(&mut self, field: &str) -> String {
        match self.map.get(field) {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => number.to_string(),
            Some(Value::Bool(flag)) => flag.to_string(),
            None | Some(Value::Null) => {
                self.error(field, "is missing");
                String::new()
            }
            Some(other) => {
                self.error(
                    field,
                    format!("must be text or a number, not {}", kind(other)),
                );
                String::new()
            }
        }
    }
}

/// A JSON value's kind, for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
