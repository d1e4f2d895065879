//! Time as the user controls it: the current time, its mode and playback
//! ([`TimeControl`]), and the event counts the timeline chart draws ([`bins`]).

pub mod bins;
mod control;

pub use bins::{BinSize, Bins, Series, Stacking, bin_events};
pub use control::{
    LoopMode, MAX_SPEED, MIN_SPEED, SPEED_PRESETS, TimeAction, TimeControl, TimeMode,
    WINDOW_PRESETS,
};
