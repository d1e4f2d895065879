//! Rendering benchmark for the embedded basemap (filled in below).
fn main() {}
